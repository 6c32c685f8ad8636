"""Findings as the documents we write show them: lines of Markdown (release notes), table rows
(release notes .docx) and model provisions (a legal text document, after its drafting notes).

A document lists at most ``LIMIT`` findings and says how many more there are (``secdocs check``
lists them all): a set with thousands of findings must not make a release document of thousands
of rows."""

from __future__ import annotations

from ..model import Kind, Provision, Run
from .findings import Finding, Findings

HEADING = "Integrity checks"
LIMIT = 100


def intro(findings: Findings) -> str:
    """One sentence: what was checked and found, and whether errors were let through."""
    text = (f"secdocs checked the defined terms, cross-references and numbering of the document set: "
            f"{findings.summary()}.")
    if findings.errors and not findings.enforced:
        text += " The build was made with --no-check: its errors did not stop it."
    return text


def listed(findings: Findings, documents: set[str] | None = None, limit: int = LIMIT) -> tuple[list[Finding], str]:
    """The findings a document lists (those in ``documents``, when given; at most ``limit``) and
    a sentence for the rest ("" when every one is listed)."""
    chosen = [f for f in findings.sorted() if documents is None or f.document in documents]
    rest = len(chosen) - limit
    where = " in these documents" if documents is not None else ""
    note = f"The first {limit} of {len(chosen)} findings{where} are listed; secdocs check lists them all." \
        if rest > 0 else ""
    return chosen[:limit], note


def rows(items: list[Finding]) -> list[list[str]]:
    """Where | Severity | Finding, one row per finding."""
    return [[f"{f.document} {f.address}", f.severity, f.message] for f in items]


def findings_md(findings: Findings) -> list[str]:
    items, note = listed(findings)
    lines = [f"## {HEADING}", "", intro(findings), ""]
    lines += [f"* {f.line()}" for f in items]
    if note:
        lines += ["", note]
    return lines + ([""] if items else [])


def findings_provisions(findings: Findings, documents: set[str] | None = None) -> list[Provision]:
    """A cross-heading, the sentence, and a table (Where | Severity | Finding) of the findings in
    ``documents`` (all, when None)."""
    items, note = listed(findings, documents)
    out = [Provision(Kind.CROSS_HEADING, heading=[Run(HEADING)]),
           Provision(Kind.TEXT, text=[Run(" ".join(filter(None, [intro(findings), note])), italic=True)])]
    if items:
        header = [[[Run(t)]] for t in ("Where", "Severity", "Finding")]
        body = [[[[Run(cell)]] for cell in row] for row in rows(items)]
        out.append(Provision(Kind.TABLE, rows=[header] + body, col_widths=(0.24, 0.12, 0.64), header_rows=1))
    return out
