"""Release notes: the modifications of a release, and the documents and provisions each
affected — as Markdown (for the web and for review in a diff) and .docx (for publication)."""

from __future__ import annotations

from ..checks.report import HEADING, findings_md, intro, listed, rows
from .publish import Doc
from .results import ReleaseSummary

COUNTS = ("A provision is a numbered clause, paragraph, definition or heading of a document; an amendment "
          "operation is one instruction of a modification's legal text (insert, amend, delete). One "
          "operation can change several provisions (a new clause with its paragraphs) and several "
          "operations can change one, so the two counts differ.")


def _label(summary: ReleaseSummary) -> str:
    return "Illustrative release. " if summary.illustrative else ""


def _title(m) -> str:
    """A modification's title, saying "(illustrative)" when it is and its title does not."""
    return m.title + (" (illustrative)" if m.illustrative and "illustrative" not in m.title.lower() else "")


def release_notes_md(summary: ReleaseSummary) -> bytes:
    s = summary
    lines = [f"# Release notes: SEC v{s.sec_version} — {s.name}", ""]
    if s.illustrative:
        lines += ["> **Illustrative release.** Its modifications and documents are illustrative text "
                  "written for secdocs, not the Smart Energy Code.", ""]
    lines += [f"* SEC version: {s.sec_version} (previously {s.previous_sec_version})",
              f"* Implementation date: {s.implementation_date}"]
    if s.kind:
        lines.append(f"* Release: {s.kind}")
    lines += [f"* Modifications: {len(s.modifications)}",
              f"* Documents changed: {len(s.changed_documents)} of {len(s.documents)}",
              f"* Provisions changed: {s.provisions_changed}", "", COUNTS, ""]
    if s.description:
        lines += [s.description, ""]
    lines += ["## Modifications", "", "| Modification | Title | Documents | Amendment operations | Legal text |",
              "|---|---|---|---|---|"]
    for m in s.modifications:
        title = _title(m)
        legal = f"[v{m.legal_text_version or '?'}]({m.legal_text})" if m.legal_text else ""
        lines.append(f"| {m.id} | {_md(title)} | {_md(', '.join(m.documents))} | {m.operations} | {legal} |")
    lines += ["", "## Documents", "", "| Document | Title | Version | Previous | Modifications |",
              "|---|---|---|---|---|"]
    for d in s.changed_documents:
        lines.append(f"| {d.id} | {_md(d.title)} | {d.version} | {d.previous_version} | "
                     f"{' '.join(d.modifications)} |")
    lines += ["", "## Provisions affected", ""]
    for d in s.changed_documents:
        lines += [f"### {d.id} — {d.title} (v{d.previous_version} → v{d.version})", "",
                  "| Provision | Change | What it does | Modification |", "|---|---|---|---|"]
        for p in d.provisions:
            lines.append(f"| {_md(p.citation)} | {p.change} | {_md(p.note)} | "
                         f"{' '.join(p.modifications)} |")
        lines.append("")
    unchanged = [d for d in s.documents if not d.changed]
    if unchanged:
        lines += ["## Documents not changed", "",
                  ", ".join(f"{d.id} v{d.version}" for d in unchanged) + ".", ""]
    if s.checks is not None:
        lines += findings_md(s.checks)
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def release_notes_docx(summary: ReleaseSummary) -> bytes:
    s = summary
    doc = Doc(f"SEC v{s.sec_version} Release Notes", s)
    doc.p(f"{_label(s)}The {s.name} implements {len(s.modifications)} modification"
          f"{'s' if len(s.modifications) != 1 else ''} and takes the Smart Energy Code from version "
          f"{s.previous_sec_version} to version {s.sec_version} on {s.implementation_date}. "
          f"It changes {s.provisions_changed} provisions in {len(s.changed_documents)} documents.")
    doc.p(COUNTS)
    if s.description:
        doc.p(s.description)
    doc.h1("Modifications")
    doc.table([18, 36, 30, 16], ["Modification", "Title", "Documents", "Amendment operations"],
              [[m.id, _title(m), ", ".join(m.documents),
                str(m.operations)] for m in s.modifications])
    doc.h1("Documents changed")
    doc.table([17, 41, 12, 12, 18], ["Document", "Title", "Version", "Previous", "Modifications"],
              [[d.id, d.title, d.version, d.previous_version, " ".join(d.modifications)]
               for d in s.changed_documents])
    doc.h1("Provisions affected")
    for d in s.changed_documents:
        doc.h2(f"{d.id} — {d.title} (v{d.previous_version} → v{d.version})")
        doc.table([28, 18, 40, 14], ["Provision", "Change", "What it does", "Modification"],
                  [[p.citation, p.change, p.note, " ".join(p.modifications)] for p in d.provisions])
    unchanged = [d for d in s.documents if not d.changed]
    if unchanged:
        doc.h1("Documents not changed")
        doc.p(", ".join(f"{d.id} v{d.version}" for d in unchanged) + ".")
    if s.checks is not None:
        items, note = listed(s.checks)
        doc.h1(HEADING)
        doc.p(intro(s.checks))
        if items:
            doc.table([24, 12, 64], ["Where", "Severity", "Finding"], rows(items))
        if note:
            doc.p(note)
    return doc.to_bytes()
