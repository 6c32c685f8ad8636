"""Apply operations to a Document: a new Document plus a ChangeSet, or every error at once.

``run(doc, ops)`` works on a deep copy, op by op, in order. An op that cannot be applied is
recorded as an ``OpError`` (the op and the reason; one line:
``{file}:{line} op {index} ({kind} {target}): {reason}``) and skipped, so that one pass reports
every problem; ``apply`` raises ``AmendmentErrors`` with all of them, and nothing is returned
(so nothing is written). The input Document is never mutated. Each kind's executor is its
``registry`` record's.

Identity: every provision and definition that exists in the input keeps its ``uid`` (also when
its text changes or it becomes "Not used."); inserted ones get ``new:<address>`` (``new:L1.16A``,
``new:L1.16A(b)``, ``new:def:SoLR Event``), so a redline can align old and new by uid.

What an op checks before it changes anything:

* its target exists (otherwise: the nearest addresses or terms);
* ``expect`` matches the target's text — its text in the input document (what the drafter read),
  or, for a provision an earlier op created or changed, its current text; a mismatch is *stale*
  and the message shows a word diff ``[-expected-]{+found+}``;
* words and anchors are found, exactly once or at the given ``occurrence``;
* it does not touch words that an earlier op of the same set touched (or a provision an earlier
  op replaced, deleted or inserted as a whole);
* an inserted number is free and sorts between its neighbours (nothing is ever renumbered).
"""

from __future__ import annotations

import copy

from ...errors import NumberingError
from ...model import Document, Provision, iter_provisions
from .context import Ctx, Fail
from .op import AmendmentErrors, Op, OpError
from .registry import KINDS, check_keys
from .results import ChangeSet, OpResult


def run(doc: Document, ops: list[Op]) -> tuple[Document, ChangeSet, list[OpError]]:
    """Apply ``ops`` in order to a copy of ``doc``: (new document, change set, errors)."""
    work = copy.deepcopy(doc)
    ctx = Ctx(work, _pair_originals(doc, work))
    changes = ChangeSet(doc.id)
    errors: list[OpError] = []
    for op in ops:
        problems = check_keys(op.table())
        result = OpResult.of(op, op.target, status="failed")
        if problems:
            errors.extend(OpError(op, p) for p in problems)
            result.reason = "; ".join(problems)
        else:
            try:
                result = KINDS[op.kind].executor(ctx, op)
                result.status = "applied"
            except (Fail, NumberingError) as exc:
                errors.append(OpError(op, str(exc)))
                result.reason = str(exc)
        changes.results.append(result)
    return work, changes, errors


def validate(doc: Document, ops: list[Op]) -> list[OpError]:
    """Every error the ops would meet on ``doc`` (empty when they all apply)."""
    return run(doc, ops)[2]


def apply(doc: Document, ops: list[Op]) -> tuple[Document, ChangeSet]:
    """The amended document and its change set; raise AmendmentErrors listing every failure."""
    new, changes, errors = run(doc, ops)
    if errors:
        raise AmendmentErrors(errors)
    return new, changes


def _pair_originals(doc: Document, work: Document) -> dict[int, object]:
    """Map each working-copy provision and definition to its input counterpart."""
    out: dict[int, object] = {}

    def pair_provisions(a: list[Provision], b: list[Provision]) -> None:
        for pa, pb in zip(iter_provisions(a), iter_provisions(b)):
            out[id(pb)] = pa
            for da, db in zip(pa.definitions, pb.definitions):
                out[id(db)] = da
                pair_provisions(da.meaning, db.meaning)

    pair_provisions(doc.provisions, work.provisions)
    return out
