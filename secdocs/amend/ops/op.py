"""One operation as written (``Op``), and the errors an operation meets (``OpError``,
collected in ``AmendmentErrors``).

An ``Op`` is one ``[[op]]`` table of an amendments file, with the file and line it came from so
that every message can point at it: ``{file}:{line} op {index} ({kind} {target}): {reason}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...errors import AmendmentError

COMMON = ("kind", "target", "expect", "note")


@dataclass
class Op:
    """One operation as written, with where it was written."""

    kind: str
    target: str
    params: dict[str, Any] = field(default_factory=dict)
    expect: str | None = None
    note: str = ""
    index: int = 0  # 1-based position in its amendments file
    file: str = ""  # the amendments file, as it should be shown in messages
    line: int = 0  # the line of its [[op]] header

    @classmethod
    def from_table(cls, table: dict[str, Any], index: int = 0, file: str = "", line: int = 0) -> "Op":
        params = {k: v for k, v in table.items() if k not in COMMON}
        return cls(kind=str(table.get("kind", "")), target=str(table.get("target", "")), params=params,
                   expect=table.get("expect"), note=str(table.get("note", "")), index=index, file=file, line=line)

    def table(self) -> dict[str, Any]:
        """The ``[[op]]`` table again (the keys as written)."""
        out = {"kind": self.kind, "target": self.target, **self.params}
        if self.expect is not None:
            out["expect"] = self.expect
        if self.note:
            out["note"] = self.note
        return out

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)

    @property
    def where(self) -> str:
        """``file:line op N (kind target)``: the prefix of every message about this op."""
        if self.file:  # line 0: the op's line is not known (an inline array of tables)
            place = f"{self.file}:{self.line}" if self.line else self.file
        else:
            place = f"line {self.line}" if self.line else "amendments"
        return f"{place} op {self.index} ({self.kind or '?'} {self.target or '?'})"

    def message(self, reason: str) -> str:
        return f"{self.where}: {reason}"


class OpError(AmendmentError):
    """One operation that cannot be applied: the op and the reason. Its message is the op's
    one line (``Op.message``); callers match errors to operations by ``op``, never by text."""

    def __init__(self, op: Op, reason: str):
        self.op = op
        self.reason = reason
        super().__init__(op.message(reason))


class AmendmentErrors(AmendmentError):
    """Every problem found in a set of amendments, one line each:
    ``{file}:{line} op {index} ({kind} {target}): {reason}``. ``errors`` keeps what was given
    (``OpError`` objects and the loaders' own lines); ``lines`` is their text."""

    def __init__(self, errors: list):
        self.errors = list(errors)
        self.lines = [str(e) for e in self.errors]
        super().__init__("\n".join(self.lines))
