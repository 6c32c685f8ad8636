"""Consolidation: an amended document made into its next version (version bumped, dated, a
history row and a front note naming what was implemented).

``consolidate`` takes explicit values (``Implementation``): ``secdocs apply`` builds them from one
modification, a release from every modification of the release that changed the document.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from ..errors import ConfigError
from ..model import Document, HistoryEntry, Run, plain


@dataclass
class Implementation:
    """What a new version of a document implements: ``name`` is how the history row and the
    front note name it ("MP134A", or "MP901 (Title one) and MP902" for a release), ``title`` the
    (last) modification's title; ``release`` and ``sec_version`` the release's name and SEC
    version ("" keeps the document's); ``date`` the implementation date ("" keeps the
    document's); ``illustrative``: the legal text is illustrative, ``illustrative_label`` the
    note saying so ("": a standard one)."""

    name: str
    title: str
    release: str = ""
    sec_version: str = ""
    date: str = ""
    illustrative: bool = False
    illustrative_label: str = ""

    @classmethod
    def of(cls, mod) -> "Implementation":
        """What one modification (``amend.load.Modification``) implements."""
        release = mod.release or {}
        return cls(mod.id, mod.title, release.get("name", ""), str(release.get("sec_version") or ""),
                   mod.implementation_date or "", mod.illustrative, mod.illustrative_label or "")


def bump_version(version: str) -> str:
    """The rule for a consolidated document's own version: the major number goes up by one and
    the minor resets to 0 ("18.0" → "19.0", "6.2" → "7.0"), as each modification implemented in a
    release produces a new issue of every document it changes."""
    m = re.match(r"^\s*(\d+)(?:\.\d+)*\s*$", version or "")
    if not m:
        raise ConfigError(f"cannot bump document version {version!r} (expected a number such as 18.0)")
    return f"{int(m.group(1)) + 1}.0"


def consolidate(doc: Document, what: Implementation) -> Document:
    """A copy of an amended document made into its next version: version bumped, dated the
    implementation date, SEC version of the release, a history row naming the modification (and
    saying its legal text is illustrative when it is), and a front note saying so.

    The history table keeps its own order (newest first or last, as the baseline has it); if it
    has no row for the baseline's own version, one is added from the baseline's version and date
    so the table does not skip a version. The front notes are kept (a representative-text note
    is added if the baseline had none) and a note naming the modification is appended."""
    out = copy.deepcopy(doc)
    new_version = bump_version(doc.version)
    date = what.date or doc.date
    out.version = new_version
    out.date = date
    out.sec_version = what.sec_version or doc.sec_version
    description = f"{what.name} ({what.title}) implemented" + (f" in the {what.release}" if what.release else "") + "."
    if what.illustrative:
        description += f" Illustrative legal text written for the secdocs project, not the official {what.name}" \
                       " legal text."
    entries = []
    if doc.version and not any(h.version == doc.version for h in out.history):
        # the table should not jump from the new version to the one before the baseline
        entries.append(HistoryEntry(doc.version, doc.date, "Baseline version"
                                    + (f" as at SEC version {doc.sec_version}." if doc.sec_version else ".")))
    entries.append(HistoryEntry(new_version, date, description))
    descending = len(out.history) > 1 and _version_key(out.history[0].version) > _version_key(out.history[-1].version)
    if descending:
        out.history[:0] = list(reversed(entries))
    else:
        out.history.extend(entries)
    if not any("representative" in plain(p).lower() for p in out.front):
        out.front.insert(0, [Run("Representative text written for the secdocs project. It is not the official"
                                 " Smart Energy Code and must not be relied on as such.")])
    note = f"Version {new_version} consolidates {what.name} ({what.title})."
    if what.illustrative:
        note += " " + (what.illustrative_label or f"The {what.name} legal text applied here is illustrative.")
    out.front.append([Run(note)])
    return out


def _version_key(v: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in re.findall(r"\d+", v or ""))
