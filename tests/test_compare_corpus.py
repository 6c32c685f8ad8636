"""``secdocs compare`` on the corpus pairs (../shared/corpus/expectations.json → comparison_pairs).

Each pair is compared OLD → NEW (for the Docxodus scenario, NEW is the accepted view of its
expected result: the scenario ships no second reviewer file). The tracked redline is proved:

* with secdocs' reader: accepting it gives NEW and rejecting it gives OLD, provision by provision
  (each as the reader reads the original file);
* with the shared oracle ``redline_views.py check``, against OLD and NEW as secdocs renders them
  (the redline is the same rendering, plus marks) — exact or equal up to whitespace;
* with the oracle directly against the corpus files (our cover left out), for every pair whose
  text secdocs renders as it is; the Docxodus agreement is the exception, because its list
  labels are automatic numbering in the source (not text the oracle sees) and typed numbers in
  ours, and its typed "1. DEFINITIONS" is read as number "1" and written back "1<tab>DEFINITIONS";
* and with ``docx_check.py --no-lo --schema``: no errors.
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from redline_helpers import (CORPUS, cover_blocks, docx_check, first_difference, oracle_check, oracle_views,
                             redline_views, text_rows)
from secdocs.cli import main
from secdocs.ooxml.read import read_docx
from secdocs.ooxml.write import write_docx
from secdocs.render.compare import compare

PAIRS = json.loads((CORPUS / "expectations.json").read_text(encoding="utf-8"))["comparison_pairs"]
LABELS_DIFFER = {"docxodus-compare-consolidate"}  # automatic list labels in the source (see above)


def _files(pair):
    return CORPUS / pair["original"], CORPUS / (pair.get("modified") or pair["expected_result"])


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compare")
    out = {}
    for pair in PAIRS:
        old, new = _files(pair)
        a, b = read_docx(old), read_docx(new)
        c = compare(a, b, author="secdocs compare", date="2021-10-04")
        paths = {k: folder / f"{pair['id']}-{k}.docx" for k in ("redline", "old", "new")}
        write_docx(c.document, paths["redline"])
        # OLD and NEW rendered by the same pipeline (a comparison of each with itself: no marks)
        write_docx(compare(a, a, author="x", date="2021-10-04").document, paths["old"])
        write_docx(compare(b, b, author="x", date="2021-10-04").document, paths["new"])
        out[pair["id"]] = (a, b, c, paths)
    return out


IDS = [p["id"] for p in PAIRS]


def test_there_are_pairs():
    assert len(PAIRS) >= 12


@pytest.mark.parametrize("pair_id", IDS)
def test_reader_accept_is_new_and_reject_is_old(compared, pair_id):
    a, b, c, paths = compared[pair_id]
    assert c.changes, "the pair differs, so the comparison must find changes"
    for which, want in (("accept", b), ("reject", a)):
        got = text_rows(read_docx(paths["redline"], view=which))
        assert got == text_rows(want), f"{which}: " + first_difference(got, text_rows(want))


@pytest.mark.parametrize("pair_id", IDS)
def test_oracle_against_secdocs_renderings(compared, pair_id):
    _, _, _, paths = compared[pair_id]
    result = oracle_check(paths["redline"], paths["old"], paths["new"])
    assert result["exit"] == 0, result


@pytest.mark.parametrize("pair_id", IDS)
def test_oracle_against_the_corpus_files(compared, pair_id):
    pair = next(p for p in PAIRS if p["id"] == pair_id)
    _, _, c, paths = compared[pair_id]
    old, new = _files(pair)
    result = oracle_views(paths["redline"], old, new, (cover_blocks(c.document), 0, 0))
    if pair_id in LABELS_DIFFER:
        assert not result["ok"]  # labels: see the module docstring
        # with list labels set aside (ours typed before a tab, theirs typed "1. "), the text agrees
        rv = redline_views()
        k = cover_blocks(c.document)

        def unlabelled(blocks):
            return [re.sub(r"^\d+(\.\d+)*\.\s+", "", re.sub(r"^[^\t ]+\t", "", b)) for b in blocks]

        for which, original in (("accept", new), ("reject", old)):
            got = unlabelled(rv.blocks_of(str(paths["redline"]), which)[k:])
            want = unlabelled(rv.blocks_of(str(original), "accept"))  # both files were read accepted
            assert rv.compare_blocks(got, want)["status"] != "FAIL", (which, rv.compare_blocks(got, want))
        return
    assert result["ok"], result


@pytest.mark.parametrize("pair_id", IDS)
def test_docx_check(compared, pair_id):
    _, _, _, paths = compared[pair_id]
    report = docx_check(paths["redline"], "--no-lo", "--schema")
    assert report["ok"] and report["error_count"] == 0, report["errors"][:3]
    assert report["docx"]["revisions_total"] > 0


def test_word_level_changes_read_like_a_lawyers(compared):
    _, _, c, _ = compared["python-redlines"]
    from secdocs.diff import diff_words

    last = next(ch for ch in c.changes if ch.old and ch.old.startswith("Tell the world"))
    assert diff_words(last.old, last.new) == [
        ("equal", "Tell the world "), ("delete", "what happened here"), ("insert", "how awesome test file is"),
        ("equal", ".")]
    kinds = [(ch.kind, ch.old, ch.new) for ch in compared["WC-1510"][2].changes]
    assert kinds == [("delete", "Three", None), ("insert", None, "19.5")]


def test_cli_compare_json_and_redline(tmp_path):
    old, new = _files(next(p for p in PAIRS if p["id"] == "python-redlines"))
    out = tmp_path / "r.docx"
    res = CliRunner().invoke(main, ["compare", str(old), str(new), "-o", str(out), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["output"] == str(out) and out.exists()
    assert all(set(ch) == {"address", "kind", "old", "new"} for ch in data["changes"])
    assert ("Pity the poor test file.", "Pity the poor production file.") in [(ch["old"], ch["new"]) for ch in data["changes"]]
    assert data["summary"] == {"insert": 1, "replace": 5}  # and the new bulleted "Test file" line


def test_cli_compare_needs_an_output(tmp_path):
    old, new = _files(PAIRS[0])
    res = CliRunner().invoke(main, ["compare", str(old), str(new)])
    assert res.exit_code == 2 and "give -o" in res.output


def test_cli_compare_of_sec_documents_aligns_by_number(tmp_path):
    """Two versions of a Section: the amended clauses are found by number; json lists them."""
    from redline_helpers import ROOT

    res = CliRunner().invoke(main, ["apply", str(ROOT / "modifications" / "MP134A"), "-o", str(tmp_path / "c")])
    assert res.exit_code == 0, res.output
    old = tmp_path / "base-L.docx"
    from secdocs.reading import read_document

    write_docx(read_document(ROOT / "baselines" / "src" / "section-L.sec.txt"), old)
    res = CliRunner().invoke(main, ["compare", str(old), str(tmp_path / "c" / "section-L.docx"), "--json",
                                    "-o", str(tmp_path / "cmp.docx")])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    addresses = {(ch["address"], ch["kind"]) for ch in data["changes"]}
    assert ("L1.16A", "insert") in addresses and ("L1.15(ga)", "insert") in addresses
    assert not any(kind == "renumber" for _, kind in addresses)
    # the whole document, cover included (versions, date, cover notes, version history)
    from redline_helpers import whole_text

    for which, other in (("accept", tmp_path / "c" / "section-L.docx"), ("reject", old)):
        got, want = whole_text(read_docx(tmp_path / "cmp.docx", view=which)), whole_text(read_docx(other))
        assert got == want, f"{which}: " + first_difference(got, want)
    result = oracle_check(tmp_path / "cmp.docx", old, tmp_path / "c" / "section-L.docx")
    assert result["exit"] == 0 and result["accept"]["status"] == result["reject"]["status"] == "exact", result
