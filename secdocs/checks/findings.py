"""Findings of the integrity checks: one problem at one place, with a severity.

A finding names its document and the address a reader would cite (``L1.15(ga)``,
``A1.1:"SoLR Event"``, ``4.9.1(A)``), says ``error`` or ``warning``, and carries a short code
(``undefined-term``, ``missing-target``, ``number-gap`` …) for tools. ``Findings`` keeps them in
document order (the order of the set, then of the text) and counts what the checks looked at.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    document: str
    address: str
    severity: str  # ERROR or WARNING
    code: str
    message: str
    order: tuple = field(default=(), compare=False)  # (document index, place in the text, offset)

    def line(self) -> str:
        where = f"{self.document} {self.address}".strip()
        return f"{where}: {self.severity}: {self.message}"

    def to_json(self) -> dict:
        return {"document": self.document, "address": self.address, "severity": self.severity,
                "code": self.code, "message": self.message}


@dataclass
class Findings:
    """Every finding of a run, plus what was checked (``stats``: terms, references …)."""

    items: list[Finding] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)
    accepted: list[tuple[Finding, str]] = field(default_factory=list)  # deliberate: (finding, reason)
    enforced: bool = True  # False: a build let its errors through (--no-check), and says so

    def accept(self, rules) -> None:
        """Move the findings a rule (``load.Accepted``: ``matches(finding)``, ``reason``) covers
        to ``accepted``: listed apart, never silently dropped."""
        keep = []
        for f in self.items:
            rule = next((r for r in rules if r.matches(f)), None)
            if rule is None:
                keep.append(f)
            else:
                self.accepted.append((f, rule.reason))
        self.items = keep

    def add(self, finding: Finding) -> None:
        self.items.append(finding)

    def sorted(self) -> list[Finding]:
        """In document order; findings at one place by severity, then code and message."""
        seen: set[tuple] = set()
        out = []
        for f in sorted(self.items, key=lambda f: (f.order, f.severity != ERROR, f.code, f.message)):
            key = (f.document, f.address, f.code, f.message)
            if key not in seen:
                seen.add(key)
                out.append(f)
        return out

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.sorted() if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.sorted() if f.severity == WARNING]

    def lines(self) -> list[str]:
        return [f.line() for f in self.sorted()]

    def summary(self) -> str:
        """``2 errors, 1 warning (1204 terms, 388 references checked; 12 references outside the set)``."""
        e, w = len(self.errors), len(self.warnings)
        s = self.stats
        checked = (f"{s.get('definitions', 0)} definitions, {s.get('term_uses', 0)} term uses, "
                   f"{s.get('references', 0)} references, {s.get('numbers', 0)} numbers checked")
        outside = s.get("references_outside", 0)
        if outside:
            checked += f"; {outside} references to documents outside the set not checked"
        unused = s.get("unused_in_partial_set", 0)
        if unused:
            checked += f"; {unused} definitions not used in this partial set"
        if self.accepted:
            checked += f"; {len(self.accepted)} accepted finding{'s' if len(self.accepted) != 1 else ''}"
        return (f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''} "
                f"in {s.get('documents', 0)} documents ({checked})")

    def to_json(self) -> dict:
        return {"findings": [f.to_json() for f in self.sorted()],
                "accepted": [{**f.to_json(), "reason": reason} for f, reason in self.accepted],
                "summary": {"errors": len(self.errors), "warnings": len(self.warnings), **self.stats}}
