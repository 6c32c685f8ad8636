"""Legal text versions: an earlier version in ``legal-text-v<version>/`` loads, applies, renders,
compares against the current one, and is the legal text of the consultation stage that names it."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from redline_helpers import ROOT
from secdocs.amend.prepare import prepare
from secdocs.amend.load import load_all, load_modification
from secdocs.cli import main
from secdocs.errors import ConfigError
from secdocs.model import iter_definitions, iter_provisions, plain
from secdocs.ooxml.read import read_text_lines
from secdocs.packs.data import load as load_pack_data
from secdocs.packs.pack import build_pack
from secdocs.render.legaltext import build_legal_text

MOD = ROOT / "modifications" / "MP134A"
BASELINES = ROOT / "baselines"
V1_SOLR_EVENT = "means the appointment by the Authority of a Supplier of Last Resort"
V2_SOLR_EVENT = "means the issue by the Authority of one or more Last Resort Supply Directions"
L1_16D = "During a Continued Use Period, each person permitted by a SoLR Certificate Arrangement"


@pytest.fixture(scope="module")
def applied():
    return {v: prepare(MOD, BASELINES, legal_text_version=v) for v in (None, "1.0", "2.0")}


def _outcome(result, doc_id):
    return next(o for o in result.outcomes if o.id == doc_id)


def _meaning(doc, term):
    d = next(d for _, d in iter_definitions(doc) if plain(d.term) == term)
    return " ".join(plain(p.text) for p in d.meaning)


def _clause(doc, number):
    return next((p for p in iter_provisions(doc.provisions) if p.number == number), None)


def test_versions_of_mp134a():
    versions = load_modification(MOD).legal_text_versions
    assert list(versions) == ["1.0", "2.0", "2.1"]
    assert versions["1.0"]["date"] == "2021-05-17" and versions["1.0"]["status"] == "Draft"
    # v2.0 states no status: its own document says "Proposed" (dated before the decision), v2.1's
    # document control table "Superseded"
    assert versions["2.0"]["date"] == "2021-06-29" and "status" not in versions["2.0"]
    assert versions["2.1"]["date"] == "2021-07-20"  # v2.1: the L1.16A to L1.16D ranges (secdocs check)


def test_default_is_the_current_version():
    mod = load_modification(MOD)
    assert mod.legal_text["version"] == "2.1"
    assert [d.amendments for d in mod.documents][0] == "section-A.toml"
    assert [e["version"] for e in mod.earlier_legal_texts] == ["1.0", "2.0"]
    assert load_modification(MOD, "2.1").documents == mod.documents


def test_v1_loads_from_its_folder():
    mod = load_modification(MOD, "1.0")
    assert mod.legal_text["version"] == "1.0" and mod.legal_text["date"] == "2021-05-17"
    assert all(d.amendments.startswith("legal-text-v1.0/") for d in mod.documents)
    assert mod.earlier_legal_texts == []
    sets, problems = load_all(mod)
    assert problems == [] and len(sets) == 6
    assert all("legal-text-v1.0" in s.file for s in sets)


def test_v1_applies_and_differs_where_drafted_differently(applied):
    v1, v2 = applied["1.0"], applied["2.0"]
    assert not v1.warnings and len(v1.outcomes) == 6
    assert applied[None].modification.legal_text["version"] == "2.1"
    a1, a2 = _outcome(v1, "Section A").consolidated, _outcome(v2, "Section A").consolidated
    assert _meaning(a1, "SoLR Event").startswith(V1_SOLR_EVENT)
    assert _meaning(a2, "SoLR Event").startswith(V2_SOLR_EVENT)
    l1, l2 = _outcome(v1, "Section L").consolidated, _outcome(v2, "Section L").consolidated
    assert _clause(l1, "L1.16C") is not None and _clause(l1, "L1.16D") is None
    assert plain(_clause(l2, "L1.16D").text).startswith(L1_16D)
    b1, b2 = _outcome(v1, "Appendix B").consolidated, _outcome(v2, "Appendix B").consolidated
    assert plain(_clause(b1, "4.9.1").text) == plain(_clause(b2, "4.9.1").text)
    g1 = " ".join(plain(c.text) for c in _clause(b1, "(G)").children)
    g2 = " ".join(plain(c.text) for c in _clause(b2, "(G)").children)
    assert "nothing in this Part 4.9.1(G) prevents" in g2 and "nothing in this Part 4.9.1(G) prevents" not in g1
    # the documents v1.0 leaves as v2.0 has them
    assert _outcome(v1, "Section M").consolidated == _outcome(v2, "Section M").consolidated


def test_unknown_version_is_one_error():
    with pytest.raises(ConfigError, match=r"no legal text version 3\.0 \(versions: 1\.0, 2\.0, 2\.1"):
        load_modification(MOD, "3.0")


def test_version_folder_needs_its_record(tmp_path):
    mod = tmp_path / "MP134A"
    shutil.copytree(MOD, mod)
    (mod / "legal-text-v1.0" / "legal-text.toml").write_text('version = "1.1"\ndate = 2021-05-17\n'
                                                             'status = "Draft"\ndescription = "x"\n')
    with pytest.raises(ConfigError, match="version = '1.1' but the folder is legal-text-v1.0"):
        load_modification(mod)


def test_document_control_lists_the_versions():
    _, v1, _ = build_legal_text(MOD, baselines=BASELINES, version="1.0")
    _, v2, _ = build_legal_text(MOD, baselines=BASELINES)
    assert [(h.version, h.date, h.status) for h in v1.history] == [("1.0", "2021-05-17", "Draft")]
    assert [(h.version, h.date, h.status) for h in v2.history] == [("1.0", "2021-05-17", "Draft"),
                                                                  ("2.0", "2021-06-29", "Superseded"),
                                                                  ("2.1", "2021-07-20", "Proposed")]
    assert v2.history[0].description.startswith("Draft legal text issued with the Refinement Consultation")
    assert (v1.date, v2.date) == ("2021-05-17", "2021-07-20")
    assert plain(v1.front[0]) == "Legal Text v1.0" and plain(v2.front[0]) == "Legal Text v2.1"


def test_cli_legal_text_versions_and_compare(tmp_path):
    runner = CliRunner()
    v1, v2, cmp = tmp_path / "v1.docx", tmp_path / "v2.docx", tmp_path / "compare.docx"
    r = runner.invoke(main, ["legal-text", str(MOD), "--baselines", str(BASELINES), "--version", "1.0", "-o", str(v1)])
    assert r.exit_code == 0, r.output
    assert "legal text v1.0" in r.output
    r = runner.invoke(main, ["legal-text", str(MOD), "--baselines", str(BASELINES), "-o", str(v2)])
    assert r.exit_code == 0, r.output
    text1, text2 = read_text_lines(v1, "accept"), read_text_lines(v2, "accept")
    assert not any(L1_16D in t for t in text1) and any(L1_16D in t for t in text2)
    r = runner.invoke(main, ["compare", str(v1), str(v2), "-o", str(cmp), "--json"])
    assert r.exit_code == 0, r.output
    data, _ = json.JSONDecoder().raw_decode(r.output[r.output.index("{"):])  # warnings follow (stderr)
    changes = data["changes"]
    assert changes, "comparing v1.0 with v2.0 finds the changes"
    assert any(c["kind"] == "insert" and L1_16D in json.dumps(c) for c in changes)
    assert any("SoLR Event" in json.dumps(c) for c in changes)
    assert cmp.is_file()
    accepted, rejected = read_text_lines(cmp, "accept"), read_text_lines(cmp, "reject")
    assert any(L1_16D in t for t in accepted) and not any(L1_16D in t for t in rejected)


def test_cli_apply_and_redline_take_a_version(tmp_path):
    runner = CliRunner()
    r = runner.invoke(main, ["apply", str(MOD), "--baselines", str(BASELINES), "--legal-text-version", "1.0",
                             "-o", str(tmp_path / "apply")])
    assert r.exit_code == 0, r.output
    report = json.loads((tmp_path / "apply" / "report.json").read_text())
    assert report["modification"]["legal_text"]["version"] == "1.0"
    r = runner.invoke(main, ["legal-text", str(MOD), "--baselines", str(BASELINES), "--legal-text-version", "9",
                             "-o", str(tmp_path / "x.docx")])
    assert r.exit_code == 1 and "no legal text version 9" in r.output


def test_stage_names_its_legal_text_version():
    assert load_pack_data(MOD, "refinement", BASELINES).legal_text_version == "1.0"
    data = load_pack_data(MOD, "report", BASELINES)
    assert data.legal_text_version == "2.0" and data.mod["legal_version"] == "2.0"


def test_unknown_stage_version_is_refused(tmp_path):
    mod = tmp_path / "MP134A"
    shutil.copytree(MOD, mod)
    toml = mod / "modification.toml"
    toml.write_text(toml.read_text().replace('legal_text_version = "1.0"', 'legal_text_version = "1.5"'))
    with pytest.raises(ConfigError, match="consultation.refinement.legal_text_version is '1.5'"):
        load_pack_data(mod, "refinement", BASELINES)


@pytest.mark.parametrize("stage, version, date, has_l1_16d, solr", [
    ("refinement", "1.0", "17 May 2021", False, V1_SOLR_EVENT),
    ("report", "2.0", "29 June 2021", True, V2_SOLR_EVENT),
])
def test_pack_carries_its_stage_legal_text(tmp_path, stage, version, date, has_l1_16d, solr):
    files = build_pack(MOD, stage, baselines=BASELINES)
    paths = {}
    for name in ("consultation.docx", "legal-text.docx"):
        paths[name] = tmp_path / name
        paths[name].write_bytes(files[name])
    consultation = read_text_lines(paths["consultation.docx"], "accept")
    assert f"Legal text: version {version}, {date} (assumed date), drafted against SEC version 46.0" in consultation
    assert any(f"version {version} dated {date}" in t for t in consultation)
    assert any(L1_16D in t for t in consultation) == has_l1_16d  # Annex A
    assert any(solr in t for t in consultation)
    legal = read_text_lines(paths["legal-text.docx"], "accept")
    assert f"Legal Text v{version}" in legal
    assert any(L1_16D in t for t in legal) == has_l1_16d
    assert any(solr in t for t in legal)
    assert json.loads(files["manifest.json"])["legal_text_version"] == version
