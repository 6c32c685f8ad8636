"""What operations did: ``OpResult`` (one op) and ``ChangeSet`` (every op on one document)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .op import Op


@dataclass
class OpResult:
    """What one operation did (or why it could not)."""

    index: int
    kind: str
    target: str  # as written in the amendment
    address: str  # the address it acted on (for an insert: the new provision's address)
    status: str  # "applied" or "failed"
    before: str = ""
    after: str = ""
    uids: list[str] = field(default_factory=list)  # provisions / definitions touched or created
    note: str = ""
    file: str = ""
    line: int = 0
    reason: str = ""

    @classmethod
    def of(cls, op: "Op", address: str, status: str = "applied", **fields) -> "OpResult":
        """The result of ``op`` (its kind, target, note and place) at ``address``."""
        return cls(op.index, op.kind, op.target, address, status, note=op.note, file=op.file, line=op.line,
                   **fields)

    def to_json(self) -> dict:
        data = asdict(self)
        if not data["reason"]:
            del data["reason"]
        return data


@dataclass
class ChangeSet:
    """Every operation applied to one document, in order."""

    document: str
    results: list[OpResult] = field(default_factory=list)

    @property
    def uids(self) -> set[str]:
        return {u for r in self.results for u in r.uids}

    def by_kind(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.results:
            out[r.kind] = out.get(r.kind, 0) + 1
        return out

    def to_json(self) -> dict:
        return {"document": self.document, "operations": [r.to_json() for r in self.results]}
