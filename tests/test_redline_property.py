"""Property: for random edits of a SEC-shaped document, the tracked redline written to .docx and
read back by secdocs' reader gives the new text when accepted and the old text when rejected,
provision by provision — by identity (an amendment) and by content (a compare). A sample is also
checked with the shared oracle and docx_check."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline_helpers import cover_blocks, docx_check, edit, first_difference, oracle_views, text_rows  # noqa: I001 (puts the repo on sys.path)
from bench.generate import definitions, section
from secdocs.ooxml.read import read_docx
from secdocs.ooxml.write import write_docx
from secdocs.render import redline

EDITS = st.lists(st.tuples(st.integers(0, 50), st.integers(0, 10_000), st.integers(0, 1000)), min_size=1, max_size=6)


def _base():
    base = section(10, seed=11)
    base.provisions.append(definitions(5, seed=12).provisions[0])
    return base


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS, st.sampled_from(["uid", "content"]))
def test_docx_accept_gives_new_and_reject_gives_old(choices, match):
    base = _base()
    new = edit(base, choices)
    r = redline(base, new, author="MP134A", date="2021-10-04", match=match)
    with tempfile.TemporaryDirectory() as tmp:
        red, old_path, new_path = Path(tmp) / "r.docx", Path(tmp) / "o.docx", Path(tmp) / "n.docx"
        write_docx(r.document, red)
        write_docx(base, old_path)
        write_docx(new, new_path)
        for which, other in (("accept", new_path), ("reject", old_path)):
            got, want = text_rows(read_docx(red, view=which)), text_rows(read_docx(other))
            assert got == want, f"{which}: " + first_difference(got, want)


def test_random_edits_pass_the_oracle_and_docx_check(tmp_path):
    base = _base()
    new = edit(base, [(0, 3, 7), (1, 40, 2), (2, 77, 5), (3, 12, 1), (5, 0, 1), (5, 9, 3), (4, 20, 9)])
    r = redline(base, new, author="MP134A", date="2021-10-04")
    red, old_path, new_path = tmp_path / "r.docx", tmp_path / "o.docx", tmp_path / "n.docx"
    write_docx(r.document, red)
    write_docx(base, old_path)
    write_docx(new, new_path)
    result = oracle_views(red, old_path, new_path, (cover_blocks(r.document), cover_blocks(base), cover_blocks(new)))
    assert result["ok"], result
    report = docx_check(red, "--no-lo", "--schema")
    assert report["ok"], report["errors"][:3]
