"""The legal text document of a modification: only the affected provisions, redlined, in context.

One Document, rendered by the same writer as every other output (``secdocs.ooxml.write``):

* cover — the modification id (``SEC Title``), its title (``SEC Subtitle``), the SEC version it is
  drafted against and the legal text's date (``SEC Meta``), then "Legal Text v{version}" and the
  illustrative label as cover notes;
* document control — a table captioned "Document control" (the writer's history table, with
  ``Document.history_caption`` and the status and author columns its rows fill): version, date,
  status, author (the lead analyst unless the row names one) and description, one row per version
  of the legal text: the earlier versions (each ``legal-text-v<version>/legal-text.toml`` before
  the one shown, ``Modification.earlier_legal_texts``, and any ``[[legal_text.history]]`` rows of
  modification.toml), then the version shown;
* "About this document" — what the document is, the SEC version it is drafted against, how the
  changes are marked, the documents affected;
* for each affected document, in SEC order (Sections by letter, then Appendices A…Z, AA…): a
  heading with its id and title, then the extract of its redline (:mod:`.extract`): the affected
  provisions with their Part and cross-heading, gap markers ("* * *") where text is left out,
  and new definitions shown in the table between their neighbours; then, when any of its
  operations carries a ``note``, its drafting notes (:func:`drafting_notes`): a cross-heading
  "Drafting notes", a sentence saying they are explanatory and not part of the legal text, and a
  table Provision | Change | Note with one row per noted operation, in the order of the
  amendments file. The notes table is plain text (no revision marks), so accepting or rejecting
  every change leaves it as it is; the consultation pack's Annex A copies the legal text body
  from the first document heading on, so the notes appear there too, after each document.

The redlined provisions are the marked model of :func:`.redline.redline` of the baseline against
the consolidated document — the very marks the whole-document redline carries.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from ..amend.load import Modification, version_key
from ..amend.ops import KINDS
from ..amend.prepare import Outcome, prepare
from ..baselines import sec_order
from ..checks.findings import Findings
from ..checks.report import findings_provisions
from ..model import Document, HistoryEntry, Kind, Provision, Run
from .extract import extract
from .redline import redline


@dataclass
class Drafted:
    """One document the legal text amends: as drafted against (``baseline``), as amended
    (``consolidated``), and the results of the operations that amended it (``results``, the
    ``OpResult`` list of its ChangeSet: the drafting notes; empty when none are shown)."""

    id: str
    baseline: Document
    consolidated: Document
    results: list = field(default_factory=list)

    @classmethod
    def of(cls, outcome: Outcome) -> "Drafted":
        """A document as ``amend.prepare`` applied the modification to it."""
        return cls(outcome.id, outcome.baseline, outcome.consolidated, outcome.changes.results)


@dataclass
class DocumentPart:
    """One affected document inside the legal text: its marked extract and counts."""

    id: str
    title: str
    base_version: str
    new_version: str
    extract: list[Provision]
    notes: list["DraftingNote"] = field(default_factory=list)


def _date(value) -> str:
    return str(value or "")


CONTROL_CAPTION = "Document control"

# a modification's status → the status of its current legal text (when [legal_text] gives none)
_LEGAL_STATUS = {"implemented": "Approved", "approved": "Approved", "rejected": "Rejected",
                 "withdrawn": "Withdrawn"}


def current_status(mod: Modification) -> str:
    """The status of the current legal text on its own date: ``[legal_text] status``, else from
    the modification's status (approved or implemented: "Approved") when the Authority's decision
    is dated on or before the legal text (a document does not know its future), else "Proposed"
    for a legal text written before the decision, else "Draft"."""
    legal = mod.legal_text or {}
    if legal.get("status"):
        return str(legal["status"])
    raw = mod.table or {}
    status = _LEGAL_STATUS.get(str(raw.get("status", "")).strip().lower(), "Draft")
    decided, dated = str(raw.get("authority_decision_date") or ""), str(legal.get("date") or "")
    if status != "Draft" and dated and (not decided or dated < decided):
        return "Proposed"
    return status


def _assumed(item: dict) -> str:
    """What a row says when its date is our assumption (``date_is_assumed``)."""
    return " The date of this version is assumed: the modification's record does not date it." \
        if item.get("date_is_assumed") else ""


def control_rows(mod: Modification) -> list[HistoryEntry]:
    """Rows of the document control table: version, date, status, author, description."""
    legal = mod.legal_text or {}
    analyst = str(legal.get("author") or (mod.table or {}).get("lead_analyst") or "")
    rows = []
    for item in list(mod.earlier_legal_texts or []) + list(legal.get("history", []) or []):
        if isinstance(item, dict) and item.get("version"):
            rows.append(HistoryEntry(str(item["version"]), _date(item.get("date")),
                                     str(item.get("description", "")) + _assumed(item),
                                     status=str(item.get("status", "")), author=str(item.get("author") or analyst)))
    version = str(legal.get("version", ""))
    for row in rows:  # an earlier version that states no status was superseded by this one
        if not row.status and row.version != version and version_key(row.version) < version_key(version):
            row.status = "Superseded"
    rows = sorted((r for n, r in enumerate(rows) if all(r.version != s.version for s in rows[:n])),
                  key=lambda r: version_key(r.version))  # one row per version (a folder's first), in order
    if version and not any(r.version == version for r in rows):
        what = str(legal.get("description") or "")
        if not what:
            what = f"Legal text for {mod.id}, drafted against SEC v{mod.drafted_against}." if mod.drafted_against \
                else f"Legal text for {mod.id}."
            if mod.illustrative:
                what += " Illustrative: not the official legal text."
        rows.append(HistoryEntry(version, _date(legal.get("date")), what + _assumed(legal), status=current_status(mod),
                                 author=analyst))
    return rows


def legal_text_document(mod: Modification, drafted: list[Drafted], *, author: str | None = None,
                        findings: Findings | None = None) -> Document:
    """The legal text Document for a modification and the documents it amends (``Drafted``;
    from ``amend.prepare``'s outcomes: ``Drafted.of``). ``findings``: the integrity checks of the set it was applied to, shown after the notes (those
    in the documents it affects)."""
    legal = mod.legal_text or {}
    version = str(legal.get("version", ""))
    date = _date(legal.get("date"))
    who = author or mod.author or mod.id
    parts: list[DocumentPart] = []
    for d in sorted(drafted, key=lambda d: sec_order(d.id)):
        marked = redline(d.baseline, d.consolidated, author=who, date=date).document
        parts.append(DocumentPart(d.id, d.consolidated.title or d.baseline.title, d.baseline.version,
                                  d.consolidated.version, extract(marked.provisions), drafting_notes(d.results)))
    front = [[Run(f"Legal Text v{version}" if version else "Legal Text")]]
    if mod.illustrative:
        front.append([Run(mod.illustrative_label or f"Illustrative legal text: not the official {mod.id} legal text.")])
    if legal.get("date_is_assumed") and date:
        front.append([Run("The date of this version is assumed: the modification's record does not date it.")])
    provisions = [_heading("About this document")]
    against = f"SEC version {mod.drafted_against}" if mod.drafted_against else "the current SEC"
    provisions.append(_text(
        f"This document sets out the changes that {mod.id} ({mod.title}) makes to the Smart Energy Code. "
        f"It is drafted against {against}."))
    provisions.append(_text(
        "For each document affected, only the provisions that change are shown, with the Part and cross-heading "
        "they belong to. Text that is left out between two extracts is marked \u201c* * *\u201d. Inserted text is "
        "shown as an insertion (underlined) and deleted text as a deletion (struck through); new definitions are "
        "shown in the definitions table between their neighbours."))
    if any(p.notes for p in parts):
        provisions.append(_text(
            "After the changes to each document, a table of drafting notes explains why they are drafted as they "
            "are. The drafting notes are explanatory only: they are not part of the legal text and do not form "
            "part of the Smart Energy Code."))
    listing = "; ".join(f"{p.id} ({p.title})" for p in parts)
    provisions.append(_text(f"Documents affected: {listing}." if parts else "No document is affected."))
    if mod.illustrative and mod.illustrative_label:
        provisions.append(_text(mod.illustrative_label))
    for p in parts:
        provisions.append(_heading(f"{p.id} \u2014 {p.title}" if p.title else p.id))
        provisions.extend(p.extract)
        provisions.extend(notes_provisions(p.id, p.notes))
    if findings is not None:
        provisions.extend(findings_provisions(findings, {p.id for p in parts}))
    return Document(id=mod.id, title=mod.title, version="", scheme="section", provisions=provisions,
                    front=front, history=control_rows(mod), sec_version=mod.drafted_against or "", date=date,
                    history_caption=CONTROL_CAPTION)


# ---------------------------------------------------------------------------------------------
# Drafting notes

NOTES_HEADING = "Drafting notes"
NOTES_COLUMNS = ("Provision", "Change", "Note")
NOTES_WIDTHS = (0.24, 0.18, 0.58)


@dataclass
class DraftingNote:
    """One row of a document's drafting notes: the provision an operation acted on, what it did,
    and the drafter's note (``note`` of the ``[[op]]``)."""

    provision: str
    change: str
    note: str


def note_label(result) -> str:
    """The Provision column: the address the op acted on, as a reader would cite it
    (``L1.16A``, ``A1.1 “SoLR Event”``, ``L1, cross-heading “SoLR Certificate Arrangements”``)."""
    address = result.address or result.target
    if ':"' in address:  # a definition: A1.1:"Term"
        holder, _, term = address.partition(":")
        term = term.strip().strip('"')
        return f"{holder} \u201c{term}\u201d"
    if "/" not in address:
        return address
    parent, _, tail = address.rpartition("/")
    kind = re.sub(r"\[\d+\]$", "", tail)
    words = ((result.after if result.kind in ("insert", "heading") else result.before) or "").strip()
    words = (words.splitlines() or [""])[0]
    words = words[:57] + "\u2026" if len(words) > 60 else words
    return f"{parent}, {kind}" + (f" \u201c{words}\u201d" if words else "")


def change_words(result) -> str:
    """The Change column: the op's kind in words ("Removed" for a ``delete`` with ``remove``)."""
    if result.kind == "delete" and not result.after:
        return "Removed"
    spec = KINDS.get(result.kind)  # the Change column says what the op did
    return spec.description if spec is not None else result.kind


def drafting_notes(results) -> list[DraftingNote]:
    """The drafting notes of one document: each applied op with a ``note``, in op order
    (``results``: the ``OpResult`` list of its ChangeSet)."""
    return [DraftingNote(note_label(r), change_words(r), " ".join(r.note.split()))
            for r in results if r.status == "applied" and r.note.strip()]


def notes_provisions(doc_id: str, notes: list[DraftingNote]) -> list[Provision]:
    """The drafting notes as provisions of the legal text: a cross-heading, the sentence that says
    they are not legal text, and the table (a header row). Nothing in them is marked."""
    if not notes:
        return []
    header = [[[Run(title)]] for title in NOTES_COLUMNS]
    rows = [header] + [[[[Run(n.provision)]], [[Run(n.change)]], [[Run(n.note)]]] for n in notes]
    return [
        Provision(Kind.CROSS_HEADING, heading=[Run(f"{NOTES_HEADING}: {doc_id}")]),
        Provision(Kind.TEXT, text=[Run(
            f"Explanatory notes on the changes to {doc_id} above, in the order they are made. They are not "
            f"part of the legal text.", italic=True)]),
        Provision(Kind.TABLE, rows=rows, col_widths=NOTES_WIDTHS, header_rows=1),
    ]


def _heading(text: str) -> Provision:
    return Provision(Kind.HEADING, None, heading=[Run(text)])


def _text(text: str) -> Provision:
    return Provision(Kind.TEXT, None, text=[Run(text)])


def banner(mod: Modification) -> str:
    text = f"{mod.id} legal text"
    if mod.illustrative:
        text += " \u2014 illustrative, not the official legal text"
    return text + "; representative SEC text, not the official Smart Energy Code."


def build_legal_text(mod_dir: str | os.PathLike, *, baselines: str | os.PathLike | None = None,
                     author: str | None = None, version: str | None = None):
    """(Modification, legal text Document, outcomes) for a modification folder; ``version``: an
    earlier legal text version (``legal-text-v<version>/``), default the current one."""
    result = prepare(mod_dir, baselines, legal_text_version=version)
    doc = legal_text_document(result.modification, [Drafted.of(o) for o in result.outcomes], author=author)
    return result.modification, doc, result.outcomes


def default_name(mod: Modification) -> str:
    version = str((mod.legal_text or {}).get("version", ""))
    return re.sub(r"[^A-Za-z0-9._-]+", "-", f"{mod.id}-legal-text" + (f"-v{version}" if version else "")) + ".docx"


__all__ = ["Drafted", "DraftingNote", "build_legal_text", "control_rows", "default_name", "drafting_notes",
           "legal_text_document", "notes_provisions"]
