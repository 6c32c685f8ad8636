"""What changed in the legal text since the version the previous consultation carried.

The Modification Report Consultation carries legal text v2.0; the Refinement Consultation carried
v1.0. The Change Sub-Committee needs to see what changed between them: a change table (each
provision the later version words differently, by citation, with the drafter's note on it) and
the v1.0 → v2.0 redline as Annex B. Both come from the model: each version applied to the
baselines in memory (``amend.prepare.prepare``), the two consolidated documents redlined against
each other (``render.redline``), and the extract of that redline written by the legal text
renderer with static markup, as Annex A is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..amend.load import load_modification, version_key
from ..amend.prepare import prepare
from ..baselines import sec_order
from ..ooxml.write import docx_bytes
from ..render.citation import cite, notes_by_address
from ..render.label import changed
from ..render.legaltext import Drafted, legal_text_document
from ..render.redline import redline, revision_marks
from .data import PackData


@dataclass
class VersionChanges:
    """Legal text ``old`` → ``new``: the change table rows and the redline (.docx, static marks)."""

    old: str
    new: str
    rows: list[dict] = field(default_factory=list)  # document, provision, change, note
    annex: bytes = b""


def previous_version(data: PackData) -> str | None:
    """The legal text version before the one this stage carries (None when there is none)."""
    versions = list(data.modification.legal_text_versions)
    current = data.mod["legal_version"]
    earlier = [v for v in versions if version_key(v) < version_key(current)]
    return earlier[-1] if earlier else None


def version_changes(data: PackData) -> VersionChanges | None:
    """The changes from the previous legal text version to this stage's (None when there is no
    previous version)."""
    old = previous_version(data)
    if old is None:
        return None
    new = data.mod["legal_version"]
    current = data.legal_text_version or None
    before = {o.id: o for o in prepare(data.mod_dir, data.baselines, legal_text_version=old).outcomes}
    after = {o.id: o for o in prepare(data.mod_dir, data.baselines, legal_text_version=current).outcomes}
    mod = load_modification(data.mod_dir, current)
    _, date = revision_marks(mod)
    out = VersionChanges(old, new)
    annexed = []
    for doc_id in sorted(set(before) | set(after), key=sec_order):
        b, a = before.get(doc_id), after.get(doc_id)
        if b is None or a is None:
            out.rows.append({"document": doc_id, "provision": "the whole document",
                             "change": f"{'added to' if b is None else 'left out of'} the legal text", "note": ""})
            continue
        red = redline(b.consolidated, a.consolidated, author=mod.id, date=date)
        notes = notes_by_address(a.changes.results)
        entries = changed(red.changes)
        for c in entries:
            out.rows.append({"document": doc_id, "provision": cite(c.address, c.text), "change": c.change,
                             "note": notes.get(c.address, "")})
        if entries:
            annexed.append(Drafted(doc_id, b.consolidated, a.consolidated))
    if annexed:
        doc = legal_text_document(mod, annexed)
        out.annex = docx_bytes(doc, markup="static")
    return out
