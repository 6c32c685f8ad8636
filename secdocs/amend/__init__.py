"""Amendments: a modification's legal text as data, applied to the baseline documents.

* ``ops``   — the operations: one record per kind (keys, executor, description, scope) and the
  engine that applies them (ops on a Document → a new Document plus a ``ChangeSet``; validation
  collects every error before anything is written).
* ``load``  — a modification folder → ``Modification`` (metadata) + ``Amendments`` (ops with the
  file and line each came from).
* ``consolidate`` — an amended document made into its next version.
* ``build`` — the ``secdocs apply`` pipeline: baselines in, consolidated .docx + report.json out.
"""

from .consolidate import consolidate
from .load import Amendments, Modification, load_amendments, load_modification
from .ops import KINDS, ChangeSet, Op, OpResult, apply, validate

__all__ = ["Amendments", "ChangeSet", "KINDS", "Modification", "Op", "OpResult", "apply", "consolidate",
           "load_amendments", "load_modification", "validate"]
