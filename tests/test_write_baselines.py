"""The committed baselines: up to date with their sources, described by the manifest, labelled
as representative text, and clean for the independent checker."""

from __future__ import annotations

import hashlib
import importlib.util
import json

import pytest

from secdocs.model import iter_definitions, iter_provisions
from secdocs.reader.source import read_source

from writer_helpers import DOCX_CHECK, NS, ROOT, check, part

BASELINES = ROOT / "baselines"
SOURCES = sorted((BASELINES / "src").glob("*.sec.txt"))
NAMES = [s.name.removesuffix(".sec.txt") for s in SOURCES]


def _build_module():
    spec = importlib.util.spec_from_file_location("build_baselines", ROOT / "scripts" / "build_baselines.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return _build_module().build(BASELINES / "src")


def test_committed_files_are_up_to_date(built):
    stale = [n for n, data in built.items() if not (BASELINES / n).exists() or (BASELINES / n).read_bytes() != data]
    assert not stale, f"out of date: {stale}; run scripts/build_baselines.py"


def test_check_option(tmp_path, built):
    module = _build_module()
    assert module.main(["--out", str(tmp_path), "--check"]) == 1
    assert module.main(["--out", str(tmp_path)]) == 0
    assert module.main(["--out", str(tmp_path), "--check"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(built)


def test_manifest_describes_the_files():
    manifest = json.loads((BASELINES / "manifest.json").read_text(encoding="utf-8"))
    entries = {e["file"]: e for e in manifest["baselines"]}
    assert sorted(entries) == sorted(f"{n}.docx" for n in NAMES)
    for source in SOURCES:
        doc = read_source(source)
        entry = entries[source.name.removesuffix(".sec.txt") + ".docx"]
        data = (BASELINES / entry["file"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert (entry["id"], entry["title"], entry["version"]) == (doc.id, doc.title, doc.version)
        assert entry["provisions"] == sum(1 for _ in iter_provisions(doc.provisions))
    assert "not the official" in manifest["note"]


@pytest.mark.parametrize("name", NAMES)
def test_every_baseline_says_it_is_representative(name):
    root = part((BASELINES / f"{name}.docx").read_bytes())
    cover = " ".join("".join(t.text for t in p.iter("{%s}t" % NS["w"])) for p in root.iterfind(".//w:p", NS)
                     if (p.find("w:pPr/w:pStyle", NS) is not None
                         and p.find("w:pPr/w:pStyle", NS).get("{%s}val" % NS["w"]) == "SECCoverNote"))
    assert "Representative text" in cover and "not the official" in cover
    header = part((BASELINES / f"{name}.docx").read_bytes(), "word/header1.xml")
    assert "not the official SEC" in "".join(t.text for t in header.iter("{%s}t" % NS["w"]))


def test_sizes_the_issue_asks_for():
    docs = {s.name.removesuffix(".sec.txt"): read_source(s) for s in SOURCES}
    if "section-A" in docs:
        assert sum(1 for _ in iter_definitions(docs["section-A"])) >= 150
    if "section-L" in docs:
        assert sum(1 for _ in iter_provisions(docs["section-L"].provisions)) >= 150
    if "section-M" in docs:
        assert sum(1 for _ in iter_provisions(docs["section-M"].provisions)) >= 80


@pytest.mark.skipif(not DOCX_CHECK.exists(), reason="docx_check.py not found")
@pytest.mark.parametrize("name", NAMES)
def test_independent_check_and_schema(name):
    result = check(BASELINES / f"{name}.docx", "--no-lo", "--schema")
    assert result["errors"] == [] and result["warnings"] == [], result
    assert result["schema"]["valid"]
