"""Operations: the amendment vocabulary and the engine that applies it to a Document.

* ``op``       — ``Op`` (one ``[[op]]`` table and where it was written), ``OpError``,
  ``AmendmentErrors``.
* ``spec``     — ``KindSpec``: one record per kind (schema, executor, description, conflict scope).
* ``registry`` — every kind's record (``KINDS``) and ``check_keys`` (an op's shape).
* ``engine``   — ``run`` / ``validate`` / ``apply``: ops on a Document → a new Document plus a
  ``ChangeSet`` (``results``), every error collected.
* ``context``  — what executors share: working state, conflict tracking, target lookup, ``expect``.
* ``numbers``  — new provisions built from ``children`` / ``meaning``, and the numbers they take.
* the kinds, one module per kind or family, each with its executors and ``KindSpec`` records
  (``registry.MODULES`` lists them): ``provisions``, ``text_edits``, ``definitions``, ``headings``, …
"""

from .engine import apply, run, validate
from .op import AmendmentErrors, Op, OpError
from .registry import KINDS, check_keys
from .results import ChangeSet, OpResult

__all__ = ["AmendmentErrors", "ChangeSet", "KINDS", "Op", "OpError", "OpResult", "apply", "check_keys", "run",
           "validate"]
