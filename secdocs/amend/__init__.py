"""Amendments: a modification's legal text as data, applied to the baseline documents.

* ``ops``   — the operation vocabulary (kinds, their keys) and the text helpers they share.
* ``load``  — a modification folder → ``Modification`` (metadata) + ``Amendments`` (ops with the
  file and line each came from).
* ``apply`` — ops on a Document → a new Document plus a ``ChangeSet``; validation collects every
  error before anything is written.
* ``build`` — the ``secdocs apply`` pipeline: baselines in, consolidated .docx + report.json out.
"""

from .apply import ChangeSet, OpResult, apply, consolidate, validate
from .load import Amendments, Modification, load_amendments, load_modification
from .ops import KINDS, Op

__all__ = ["Amendments", "ChangeSet", "KINDS", "Modification", "Op", "OpResult", "apply", "consolidate",
           "load_amendments", "load_modification", "validate"]
