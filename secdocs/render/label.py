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
class ProvisionChange:
    """One changed provision as a change list shows it: the redline's cover, the review site,
    the release's Document Log and notes (one per provision and kind of change)."""

    address: str  # internal address (finds the paragraph): "L1.17A", 'A1.1:"SMKI PMA"', "4.9.1(A)"
    change: str   # "inserted", "amended", "deleted" ("Not used"), "removed", …
    text: str = ""  # its first words (new, else old): names an unnumbered one
    note: str = ""  # one line on the change, from the notes of the operations that made it
    modifications: tuple[str, ...] = ()  # the modifications that made it (a release's)

    @property
    def citation(self) -> str:
        """What a reader would cite ("L1.16A", "the cross-heading 'Duties of the SMKI PMA' in L1")."""
        return cite(self.address, self.text)


def changed(records: list[ChangeRecord]) -> list[ProvisionChange]:
    """A redline's change list (``model.ChangeRecord``) as a reader sees it: one entry per
    provision and kind of change, in document order."""
    out: dict[tuple[str, str], ProvisionChange] = {}
    for rec in records:
        kind = CHANGE_KINDS.get(rec.kind, rec.kind)
        words = ((rec.new or rec.old or "").strip().splitlines() or [""])[0]
        out.setdefault((rec.address, kind), ProvisionChange(rec.address, kind, words))
    return list(out.values())


def redline_label(doc_id: str, old_version: str, new_version: str, modifications: list[str] | tuple[str, ...],
                  illustrative: bool = False) -> str:
    mods = ", ".join(modifications)
    return (f"Redline: {doc_id} v{old_version} \u2192 v{new_version}, changes made by {mods}"
            + (" (illustrative legal text)" if illustrative else ""))


def label_redline(data: bytes, name: str, label: str, changed: list[ProvisionChange]) -> Labelled:
    """``data`` labelled, with the change list of ``changed`` (in document order) on its cover."""
    entries = [CoverEntry(c.citation, c.change, snippet_of(c.address, c.text), label_of(c.address))
               for c in changed]
    return _label_package(data, name, label, entries)
