"""Real contracts Word wrote (../shared/corpus-real/), amended and redlined in place by the
illustrative MPX1 sets (tests/data/inplace/): every op kind, on three documents. The outputs keep
every part but the main document (and, where a new definition opens a list of its own, the
numbering part, which gains that list's instance) byte-identical (these documents state no version of their own,
so the new version is recorded only in the report), every untouched body unit C14N-equal, their
headers, footers, styles, numbering and fields; accept-all = clean and reject-all = baseline; and
LibreOffice shows the intended numbers, automatic ones included."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from inplace_helpers import CORPUS_REAL, MPX1, SOFFICE, allowed_texts, assert_only_targeted, labelled, lo_lines, \
    norm, real_baselines
from redline_helpers import TOOLS, redline_views
from secdocs.amend.build import prepare, slug
from secdocs.cli import main
from secdocs.model import walk
from secdocs.ooxml.proof import package_diff
from secdocs.ooxml.read import read_docx

pytestmark = pytest.mark.skipif(not CORPUS_REAL.is_dir(), reason="../shared/corpus-real is not there")


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("real")
    baselines = real_baselines(tmp / "baselines")
    runner = CliRunner()
    for cmd in ("apply", "redline"):
        res = runner.invoke(main, [cmd, str(MPX1), "--baselines", str(baselines), "-o", str(tmp / cmd)])
        assert res.exit_code == 0, res.output
    return prepare(MPX1, baselines), tmp


def test_every_op_kind_is_used(real):
    result, _ = real
    kinds = {r.kind for o in result.outcomes for r in o.changes.results}
    assert kinds == {"insert", "delete", "replace", "substitute", "insert_text", "delete_text", "insert_definition",
                     "amend_definition", "delete_definition", "heading"}
    assert all(3 <= len(o.changes.results) <= 8 for o in result.outcomes)


def test_only_the_main_document_changes(real):
    result, tmp = real
    report = json.loads((tmp / "apply" / "report.json").read_text(encoding="utf-8"))
    for o in result.outcomes:
        diff = package_diff(o.path.read_bytes(), (tmp / "apply" / f"{slug(o.id)}.docx").read_bytes())
        own_list = ["word/numbering.xml"] if o.id == "CCS Joint Schedule 1" else []
        assert diff.changed_parts == ["word/document.xml"] + own_list, (o.id, diff.changed_parts)
        assert not diff.added_parts and not diff.removed_parts
        assert_only_targeted(diff, allowed_texts(o.changes, o.baseline))
        assert diff.kept >= diff.units - len(o.changes.results) - 2, (o.id, diff.kept, diff.units)
    notes = {d["id"]: d["notes"] for d in report["documents"]}
    assert all("recorded only in the report" in n[0] for n in notes.values()), notes
    assert {d["id"]: d["version"] for d in report["documents"]} == {
        "CCS Joint Schedule 1": "2.0", "Common Paper DPA": "2.0", "CCS Call-Off Schedule 9": "2.0"}


def _flat(doc):
    out = []
    for path, p in walk(doc.provisions):
        out.append((len(path), p.kind.value, p.number, norm(p.full_text)))
        out.extend(("def", d.term_text, norm(d.meaning_text)) for d in p.definitions)
    return out


def test_reads_back_as_consolidated(real):
    result, tmp = real
    for o in result.outcomes:
        got = _flat(read_docx(tmp / "apply" / f"{slug(o.id)}.docx"))
        want = _flat(o.consolidated)
        assert got == want, o.id


def test_accept_reject(real):
    result, tmp = real
    rv = redline_views()
    for o in result.outcomes:
        red = tmp / "redline" / f"{slug(o.id)}-redline.docx"
        acc = rv.compare_blocks(rv.blocks_of(str(red), "accept"), rv.blocks_of(str(tmp / "apply" / f"{slug(o.id)}.docx")))
        rej = rv.compare_blocks(rv.blocks_of(str(red), "reject"), rv.blocks_of(str(o.path)))
        assert (acc["status"], rej["status"]) == ("exact", "exact"), (o.id, acc, rej)


def test_schema(real):
    _, tmp = real
    files = [str(p) for d in ("apply", "redline") for p in sorted((tmp / d).glob("*.docx"))]
    proc = subprocess.run([sys.executable, str(TOOLS / "docx_check.py"), "--no-lo", "--schema", "--compact", *files],
                          capture_output=True, text=True, timeout=600)
    report = json.loads(proc.stdout)
    assert [r["error_count"] for r in report["results"]] == [0] * 6


# what LibreOffice shows for each inserted or "Not used" provision: typed numbers with the
# list's numbering off, or the list's own next number (0.3.12 appended: LibreOffice counts that
# list from 1 where Word shows 0, for the whole list alike)
EXPECTED = {
    "CCS Joint Schedule 1": {"references to a day are to a calendar day;": "0.3.5A",
                             "references to a document are to that document as varied from time to time.": "1.3.12",
                             # a new definition's own list: a fresh instance of the cells' list
                             "each Contract Year; and": "a)", "any shorter period the Buyer names.": "b)"},
    "Common Paper DPA": {"Provider will keep a list of its Subprocessors and give it to Customer on request.": "(ba)",
                         "Not used.": "(c)"},
    "CCS Call-Off Schedule 9": {"is reviewed at least once in every Contract Year;": "2.2.2A"},
}


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_labels(real):
    result, tmp = real
    files = {}
    for o in result.outcomes:
        files[f"{slug(o.id)}-base"], files[slug(o.id)] = o.path, tmp / "apply" / f"{slug(o.id)}.docx"
    lines = lo_lines(files, tmp / "lo")
    for o in result.outcomes:
        before, after = labelled(lines[f"{slug(o.id)}-base"]), labelled(lines[slug(o.id)])
        kept = [t for t in before if t in after]
        assert len(kept) > 20
        for text in kept:
            assert after[text] == before[text], (o.id, text[:60])  # nothing renumbered
        for text, label in EXPECTED[o.id].items():
            if text == "Not used.":
                assert any(ln.strip().startswith(label) and "Not used." in ln for ln in lines[slug(o.id)])
            else:
                assert after.get(text) == label, (o.id, text, after.get(text))
    security = [ln.strip() for ln in lines["ccs-Call-Off-Schedule-9"] if "Not used." in ln]
    assert security == ["(c) Not used."]
