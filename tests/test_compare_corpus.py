"""``secdocs compare`` on the corpus pairs (../shared/corpus/expectations.json → comparison_pairs).

Each pair is compared OLD → NEW in place (for the Docxodus scenario, NEW is its expected result,
which already carries tracked changes: both files are compared in their accepted view). Proved:

* with the shared oracle ``redline_views.py check`` against the corpus files themselves —
  accepting every mark gives NEW and rejecting every mark gives OLD, exactly (for a file that
  already had tracked changes, against the oracle's accepted view of that file);
* with ``docx_check.py --no-lo --schema``: no error the file compared did not already have;
* the change list: what ``--json`` prints.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from compare_helpers import docx_checks, story_views
from redline_helpers import CORPUS, redline_views
from secdocs.cli import main
from secdocs.ooxml.compare import compare_packages

PAIRS = json.loads((CORPUS / "expectations.json").read_text(encoding="utf-8"))["comparison_pairs"]
IDS = [p["id"] for p in PAIRS]


def _files(pair):
    return CORPUS / pair["original"], CORPUS / (pair.get("modified") or pair["expected_result"])


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compare")
    out = {}
    for pair in PAIRS:
        old, new = _files(pair)
        r = compare_packages(old.read_bytes(), new.read_bytes(), author="secdocs compare", date="2021-10-04T00:00:00Z")
        path = folder / f"{pair['id']}.docx"
        path.write_bytes(r.docx)
        out[pair["id"]] = (r, path)
    return out


@pytest.fixture(scope="module")
def checks(compared):
    paths = [path for _, path in compared.values()]
    inputs = sorted({p for pair in PAIRS for p in _files(pair)})
    return docx_checks(paths + inputs)


def test_there_are_pairs():
    assert len(PAIRS) >= 12


@pytest.mark.parametrize("pair_id", IDS)
def test_accept_is_new_and_reject_is_old_exactly(compared, pair_id):
    pair = next(p for p in PAIRS if p["id"] == pair_id)
    old, new = _files(pair)
    r, path = compared[pair_id]
    assert r.changes, "the pair differs, so the comparison must find changes"
    rv = redline_views()
    data = path.read_bytes()
    for mode, original in (("accept", new), ("reject", old)):
        had_marks = any("already has" in w and original.name in w for w in r.warnings)
        want = story_views(original.read_bytes(), "word/document.xml", "accept" if had_marks else None)
        got = story_views(data, "word/document.xml", mode)
        assert rv.compare_blocks(got, want) == {"status": "exact"}, (mode, rv.compare_blocks(got, want))


def test_the_oracle_command_agrees_on_pairs_without_earlier_marks(compared):
    from redline_helpers import oracle_check

    for pair in PAIRS:
        r, path = compared[pair["id"]]
        if r.warnings:
            continue
        old, new = _files(pair)
        result = oracle_check(path, old, new)
        assert result["exit"] == 0 and result["accept"] == result["reject"] == {"status": "exact"}, (pair["id"], result)


@pytest.mark.parametrize("pair_id", IDS)
def test_docx_check_finds_no_new_error(compared, checks, pair_id):
    pair = next(p for p in PAIRS if p["id"] == pair_id)
    _, path = compared[pair_id]
    report = checks[str(path)]
    own = {e["message"] for e in checks[str(_files(pair)[1])]["errors"]}
    assert [e for e in report["errors"] if e["message"] not in own] == []
    assert report["docx"]["revisions_total"] > 0


def test_word_level_changes_read_like_a_lawyers(compared):
    r, _ = compared["python-redlines"]
    kinds = [(c.kind, c.old, c.new) for c in r.changes]
    assert ("replace", "Pity the poor test file. ", "Pity the poor production file. ") in kinds or any(
        c.kind == "replace" and c.old.startswith("Pity the poor test file") for c in r.changes)
    last = next(c for c in r.changes if c.old and c.old.startswith("Tell the world"))
    assert last.kind == "replace" and "how awesome test file is" in last.new


def test_cli_compare_json_and_redline(tmp_path):
    old, new = _files(next(p for p in PAIRS if p["id"] == "python-redlines"))
    out = tmp_path / "r.docx"
    res = CliRunner().invoke(main, ["compare", str(old), str(new), "-o", str(out), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["output"] == str(out) and out.exists()
    assert all(set(ch) == {"document", "address", "kind", "old", "new"} for ch in data["changes"])
    assert {ch["document"] for ch in data["changes"]} == {"modified.docx"}
    assert data["summary"]["replace"] >= 5 and data["summary"]["insert"] == 1
    assert not any(ch["address"].startswith("_") or "w:" in ch["address"] for ch in data["changes"])


def test_cli_compare_needs_an_output(tmp_path):
    old, new = _files(PAIRS[0])
    res = CliRunner().invoke(main, ["compare", str(old), str(new)])
    assert res.exit_code == 2 and "give -o" in res.output


def test_cli_compare_never_writes_an_input(tmp_path):
    old, new = _files(PAIRS[0])
    before = old.read_bytes()
    res = CliRunner().invoke(main, ["compare", str(old), str(new), "-o", str(old)])
    assert res.exit_code == 2 and "is an input" in res.output and "refusing to overwrite it" in res.output
    assert old.read_bytes() == before


def test_cli_compare_of_a_non_docx_is_one_line(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    old, _ = _files(PAIRS[0])
    res = CliRunner().invoke(main, ["compare", str(old), str(bad), "-o", str(tmp_path / "r.docx")])
    assert res.exit_code == 2 and "not a .docx" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "r.docx").exists()


def test_cli_compare_of_sec_documents_aligns_by_number(tmp_path):
    """Two versions of a Section: the amended clauses are found by number; json lists them."""
    from redline_helpers import ROOT, oracle_check
    from secdocs.ooxml.write import write_docx
    from secdocs.reader import read_document

    res = CliRunner().invoke(main, ["apply", str(ROOT / "modifications" / "MP134A"), "-o", str(tmp_path / "c")])
    assert res.exit_code == 0, res.output
    old = tmp_path / "base-L.docx"
    write_docx(read_document(ROOT / "baselines" / "src" / "section-L.sec.txt"), old)
    res = CliRunner().invoke(main, ["compare", str(old), str(tmp_path / "c" / "section-L.docx"), "--json",
                                    "-o", str(tmp_path / "cmp.docx")])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    addresses = {(ch["address"], ch["kind"]) for ch in data["changes"]}
    assert ("L1.16A", "insert") in addresses and ("L1.15(ga)", "insert") in addresses
    assert not any(kind == "renumber" for _, kind in addresses)
    result = oracle_check(tmp_path / "cmp.docx", old, tmp_path / "c" / "section-L.docx")
    assert result["exit"] == 0 and result["accept"]["status"] == result["reject"]["status"] == "exact", result
