"""Label a finished redline and give it its change list, whatever wrote it.

``secdocs redline`` and ``release build`` both pass their finished tracked redline (.docx bytes)
through :func:`label_redline`: the label "Redline: Section L v18.0 → v19.0, changes made by
MP134A" in the page headers, and on the cover the list of changed provisions, each by its
citation, the kind of change and its page (``ooxml.redline_label`` does the XML and explains
why the label and the list live in headers).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import ChangeRecord
from ..ooxml.redline_label import CoverEntry, Labelled
from ..ooxml.redline_label import label_redline as _label_package
from .citation import CHANGE_KINDS, cite, label_of, snippet_of


@dataclass(frozen=True)
class Changed:
    """One changed provision as the change list shows it."""

    address: str  # internal address (finds the paragraph)
    change: str   # "inserted", "amended", …
    text: str = ""  # its first words (new, else old)


def changed(records: list[ChangeRecord]) -> list[Changed]:
    """A redline's change list (``model.ChangeRecord``) as the cover lists it: one row per provision
    and kind of change, in document order."""
    out: dict[tuple[str, str], Changed] = {}
    for rec in records:
        kind = CHANGE_KINDS.get(rec.kind, rec.kind)
        words = ((rec.new or rec.old or "").strip().splitlines() or [""])[0]
        out.setdefault((rec.address, kind), Changed(rec.address, kind, words))
    return list(out.values())


def redline_label(doc_id: str, old_version: str, new_version: str, modifications: list[str] | tuple[str, ...],
                  illustrative: bool = False) -> str:
    mods = ", ".join(modifications)
    return (f"Redline: {doc_id} v{old_version} \u2192 v{new_version}, changes made by {mods}"
            + (" (illustrative legal text)" if illustrative else ""))


def label_redline(data: bytes, name: str, label: str, changed: list[Changed]) -> Labelled:
    """``data`` labelled, with the change list of ``changed`` (in document order) on its cover."""
    entries = [CoverEntry(cite(c.address, c.text), c.change, snippet_of(c.address, c.text), label_of(c.address))
               for c in changed]
    return _label_package(data, name, label, entries)
