"""The review site of one modification folder (``secdocs site MOD_DIR``, ``secdocs consult``):
the modification applied in memory to its baselines, each document redlined, the site built.
(A release's site is built by ``release.build`` from the redlines it makes anyway.)"""

from __future__ import annotations

import dataclasses
import os

from ...amend.prepare import prepare
from ..citation import notes_by_address
from ..label import changed
from ..redline import redline, revision_marks
from .build import Site, SiteDocument, SiteModification, build_site


def modification_site(mod_dir: str | os.PathLike, *, baselines: str | os.PathLike | None = None,
                      version: str | None = None) -> tuple[dict[str, bytes], list[str]]:
    """Every file of the modification's review site (path → bytes) and the warnings of applying
    it (a baseline of another SEC version, …); raises AmendmentErrors with every problem when the
    modification cannot be applied."""
    result = prepare(mod_dir, baselines, legal_text_version=version)
    mod = result.modification
    _, date = revision_marks(mod)
    docs = []
    for o in result.outcomes:
        red = redline(o.baseline, o.consolidated, author=mod.id, date=date)
        notes = notes_by_address(o.changes.results)
        entries = [dataclasses.replace(c, note=notes.get(c.address, ""), modifications=(mod.id,))
                   for c in changed(red.changes)]
        docs.append(SiteDocument(o.id, o.consolidated.title, o.baseline.version, o.consolidated.version,
                                 red.document, entries, (mod.id,)))
    legal = (mod.legal_text or {}).get("version")
    title = f"{mod.id} — {mod.title}" + (f" (legal text v{legal})" if legal else "")
    site_mod = SiteModification(mod.id, mod.title, mod.illustrative, [o.id for o in result.outcomes])
    notice = "Representative text written for secdocs: the baselines are not the Smart Energy Code."
    if mod.illustrative:
        notice += " " + mod.illustrative_label
    return build_site(Site(title, notice, docs, [site_mod])), list(result.warnings)
