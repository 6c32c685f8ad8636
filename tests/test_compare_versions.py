"""``secdocs compare`` of two versions of our own documents, proven exact with the shared oracle:
the MP134A legal text v1.0 → v2.0 (written with static marks, and written tracked — then compared
in its accepted view) and the benchmark pairs (2,000 clauses; 1,000 definitions) that
bench/bench_compare.py times. Nothing moves: the title, the "Definitions" heading, the A1.1
lead-in and the definitions table's header row stay where they are in both views."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from compare_helpers import docx_checks, story_views
from redline_helpers import ROOT, oracle_check, redline_views
from secdocs.cli import main

MOD = ROOT / "modifications" / "MP134A"


def _legal_text(tmp_path, version, style):
    out = tmp_path / f"lt-{version or 'current'}-{style}.docx"
    args = ["legal-text", str(MOD), "--style", style, "-o", str(out)] + (["--version", version] if version else [])
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    return out


@pytest.fixture(scope="module")
def legal_texts(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lt")
    return {style: (_legal_text(tmp, "1.0", style), _legal_text(tmp, None, style)) for style in ("static", "tracked")}


def test_legal_text_v1_to_v2_is_exact(legal_texts, tmp_path):
    v1, v2 = legal_texts["static"]
    out = tmp_path / "r.docx"
    res = CliRunner().invoke(main, ["compare", str(v1), str(v2), "-o", str(out), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["changes"] and any(c["kind"] == "insert" and "L1.16D" in (c["address"] or "") for c in data["changes"])
    # one entry as the change list's one record (model.ChangeRecord) prints it: the document first
    assert all(list(c) == ["document", "address", "kind", "old", "new"] and c["document"] == v2.name
               for c in data["changes"])
    result = oracle_check(out, v1, v2)
    assert result["exit"] == 0 and result["accept"] == result["reject"] == {"status": "exact"}, result
    report = docx_checks([out])[str(out)]
    assert report["error_count"] == 0, report["errors"][:3]


def test_tracked_legal_texts_are_compared_in_their_accepted_views(legal_texts, tmp_path):
    v1, v2 = legal_texts["tracked"]
    out = tmp_path / "r.docx"
    res = CliRunner().invoke(main, ["compare", str(v1), str(v2), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "already has" in res.stderr and "compared its accept view" in res.stderr
    rv = redline_views()
    red = out.read_bytes()
    for mode, original in (("accept", v2), ("reject", v1)):
        got = story_views(red, "word/document.xml", mode)
        want = story_views(original.read_bytes(), "word/document.xml", "accept")
        assert rv.compare_blocks(got, want) == {"status": "exact"}, mode


@pytest.fixture(scope="module")
def bench_pairs(tmp_path_factory):
    from bench.bench_compare import make_pairs

    return make_pairs(tmp_path_factory.mktemp("bench"), [("clauses", 2000), ("definitions", 1000)])


@pytest.mark.parametrize("k", [0, 1], ids=["2000-clauses", "1000-definitions"])
def test_bench_pairs_are_exact(bench_pairs, tmp_path, k):
    label, old, new = bench_pairs[k]
    out = tmp_path / "r.docx"
    res = CliRunner().invoke(main, ["compare", str(old), str(new), "-o", str(out)])
    assert res.exit_code == 0, res.output
    result = oracle_check(out, old, new)
    assert result["exit"] == 0 and result["accept"] == result["reject"] == {"status": "exact"}, (label, result)
    rv = redline_views()
    red = out.read_bytes()
    # the title stays one paragraph and the definitions table keeps its header row, in both views
    for mode, original in (("accept", new), ("reject", old)):
        got = story_views(red, "word/document.xml", mode)
        want = story_views(original.read_bytes(), "word/document.xml", None)
        assert got[:5] == want[:5]
        rows_got = [b for b in got if b.startswith("[ROW]")]
        rows_want = [b for b in want if b.startswith("[ROW]")]
        assert len(rows_got) == len(rows_want) and rows_got[:1] == rows_want[:1]
        assert rows_want or label.endswith("clauses")
