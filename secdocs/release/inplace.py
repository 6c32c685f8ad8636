"""A release's clean and tracked documents of a .docx baseline: its own package, edited.

The clean document is the baseline's package edited in place from the baseline as read to the
document after the release (``ooxml.inplace``). The tracked redline is the one compare engine's
(``ooxml.compare.compare_packages``): the clean package marked against the document as it stood
before the release (the baseline itself, or, when earlier releases of the chain changed it, the
baseline edited in place to that state). Each marked paragraph or table row is then re-authored
(``ooxml.reauthor``) by the modification that changed its provision: the provision whose text
(as the release left it, or as it stood before) is the longest found in the paragraph's accepted
or rejected words, owned as ``attribution.owners_by_uid`` says; where several modifications
changed one provision, each mark goes to the one whose word diff of that provision inserted (or
deleted) the mark's words, else to the last of them. Marks no provision owns (the cover's version lines,
the version-history row, cover notes) are authored by the release's last modification, as
``attribution`` does for the cover.
"""

from __future__ import annotations

from ..diff.words import DELETE, INSERT, diff_words
from ..workspace.inputs import read_input
from ..workspace.limits import MAX_DOCX_BYTES
from ..model import Document
from ..ooxml.compare import compare_packages
from ..ooxml.inplace import edit_package
from ..ooxml.reauthor import reauthor
from .attribution import Author, Step, owners_by_uid
from .conflicts import items_by_uid


def render_in_place(source: str, doc_id: str, original: Document, base: Document, final: Document,
                    steps: list[Step], authors: dict[str, Author]) -> tuple[bytes, bytes]:
    """(clean .docx, tracked redline .docx) of one document of a release (see the docstring)."""
    data = read_input(source, MAX_DOCX_BYTES)  # read as every input is (secdocs.workspace.inputs)
    clean = edit_package(data, original, final, source, doc_id).docx
    before = data if base is original else edit_package(data, original, base, source, doc_id).docx
    first = authors[steps[0].modification]
    marked = compare_packages(before, clean, author=first.ins.author, date=first.ins.date, document=doc_id,
                              old_name=source, new_name=f"{doc_id} consolidated").docx
    return clean, reauthor(marked, _owner(base, final, steps, authors), f"{doc_id} redline")


def _owner(base: Document, final: Document, steps: list[Step], authors: dict[str, Author]):
    """The candidate authors of a marked unit: the modifications that changed the provision whose
    text is the longest found in its words, each with the words it inserted and deleted there."""
    by_uid = owners_by_uid(steps)
    texts: list[tuple[str, str]] = []
    for doc in (final, base):
        for uid, item in items_by_uid(doc).items():
            text = " ".join(item.text.split())
            if uid in by_uid and text:
                texts.append((text, uid))
    texts.sort(key=lambda t: -len(t[0]))
    before = {s.modification: items_by_uid(s.before) for s in steps}
    after = {s.modification: items_by_uid(s.after) for s in steps}

    def words(mod: str, uid: str) -> tuple[str, str]:
        old, new = before[mod].get(uid), after[mod].get(uid)
        diff = diff_words(old.text if old else "", new.text if new else "")
        return (" ".join(" ".join(t for op, t in diff if op == INSERT).split()),
                " ".join(" ".join(t for op, t in diff if op == DELETE).split()))

    def owner(accepted: str, rejected: str) -> list[tuple[str, str, str, str]]:
        uid = next((u for t, u in texts if t in accepted or t in rejected), None)
        mods = by_uid[uid] if uid is not None else [steps[-1].modification]
        out = []
        for mod in mods:
            ins, dele = words(mod, uid) if uid is not None and len(mods) > 1 else ("", "")
            out.append((authors[mod].ins.author, authors[mod].ins.date, ins, dele))
        return out
    return owner
