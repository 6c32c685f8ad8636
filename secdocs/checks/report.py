"""Findings as the documents we write show them: lines of Markdown (release notes) and model
provisions (the drafting notes of a legal text document, the release notes .docx)."""

from __future__ import annotations

from ..model import Kind, Provision, Run
from .findings import Findings

HEADING = "Integrity checks"


def intro(findings: Findings) -> str:
    """One sentence: what was checked and found, and whether errors were let through."""
    text = (f"secdocs checked the defined terms, cross-references and numbering of the document set: "
            f"{findings.summary()}.")
    if findings.errors and not findings.enforced:
        text += " The build was made with --no-check: its errors did not stop it."
    return text


def rows(findings: Findings) -> list[list[str]]:
    """Where | Severity | Finding, one row per finding in document order."""
    return [[f"{f.document} {f.address}", f.severity, f.message] for f in findings.sorted()]


def findings_md(findings: Findings) -> list[str]:
    lines = [f"## {HEADING}", "", intro(findings), ""]
    lines += [f"* {line}" for line in findings.lines()]
    return lines + ([""] if findings.items else [])


def findings_provisions(findings: Findings) -> list[Provision]:
    """A cross-heading, the sentence, and a table (Document and address | Severity | Finding)."""
    out = [Provision(Kind.CROSS_HEADING, heading=[Run(HEADING)]),
           Provision(Kind.TEXT, text=[Run(intro(findings), italic=True)])]
    items = findings.sorted()
    if items:
        header = [[[Run(t)]] for t in ("Where", "Severity", "Finding")]
        body = [[[[Run(cell)]] for cell in row] for row in rows(findings)]
        out.append(Provision(Kind.TABLE, rows=[header] + body, col_widths=(0.24, 0.12, 0.64), header_rows=1))
    return out
