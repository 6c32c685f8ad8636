"""LibreOffice, a real and independent client, counts the tracked changes we write.

What we write and what LibreOffice reports differ in granularity, and the difference is exactly
predictable (``redline_helpers.expected_regions``):

* Word markup has one revision element per stretch of runs (``w:ins``/``w:del``), one per
  inserted or deleted paragraph mark (``w:pPr/w:rPr/w:ins``) and one per inserted or deleted
  table row (``w:trPr/w:ins``); docx_check counts those elements.
* LibreOffice keeps "changed regions": it joins consecutive changes of one kind by one author
  into one region — an inserted clause's text, its paragraph mark and the inserted paragraphs
  after it are one insertion — so it reports far fewer than the elements we wrote;
* a region never crosses a table cell's edge, so an inserted definition row is two insertions
  (term cell and meaning cell), an inserted version-history row three (version, date,
  description), and a row mark is no region of its own;
* on the cover, a replaced version line is one deletion (the old value) and one insertion (the
  new value), and the unchanged "Document version: " before them keeps them apart from the
  changes of the next line.

So the test asserts LibreOffice's counts equal that prediction, kind by kind, and that every
change it sees carries our author; it also asserts the element counts docx_check sees equal the
marks in the model we rendered.
"""

from __future__ import annotations

import pytest

from redline_helpers import ROOT, docx_check, expected_regions, have_soffice
from secdocs.ooxml.write import write_docx
from secdocs.render import redline

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(not have_soffice(), reason="LibreOffice (soffice) is not installed")]


def test_libreoffice_counts_the_mp134a_revisions(tmp_path):
    from secdocs.amend.prepare import prepare

    outcomes = {o.id: o for o in prepare(ROOT / "modifications" / "MP134A", ROOT / "baselines").outcomes}
    for doc_id in sorted(outcomes):  # every MP134A redline, cover included
        o = outcomes[doc_id]
        r = redline(o.baseline, o.consolidated, author="MP134A", date="2021-06-29")
        path = tmp_path / f"{doc_id.replace(' ', '-')}.docx"
        write_docx(r.document, path)
        report = docx_check(path, "--require-lo")
        assert report["ok"], report["errors"][:3]
        lo = report["libreoffice"]
        assert lo["converted"]
        regions = {k: v for k, v in lo["changed_regions"].items() if v}
        want = {k: v for k, v in expected_regions(path).items() if v}
        assert regions == want, (doc_id, regions, want, report["docx"]["revisions"])
        assert set(lo["change_authors"]) == {"MP134A"}
        # what we wrote: every revision element is ours, and there are more of them than regions
        written = report["docx"]["revisions"]
        assert sum(written.values()) == report["docx"]["revisions_total"] > sum(regions.values())
