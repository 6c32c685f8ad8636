"""The one baselines module (``secdocs.baselines``) and the one modification reader
(``amend.load``): what apply, checks, consultation packs and release builds all rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from packs_helpers import BASELINES, write_mod
from secdocs import baselines
from secdocs.amend import load as amend_load
from secdocs.amend.load import load_modification
from secdocs.errors import ConfigError
from secdocs.packs import data as pack_data

ROOT = Path(__file__).resolve().parents[1]
MP134A = ROOT / "modifications" / "MP134A"


def test_sec_order():
    ids = ["Appendix AB", "Section L", "Appendix B", "Other", "Section A", "Appendix Q"]
    assert sorted(ids, key=baselines.sec_order) == ["Section A", "Section L", "Appendix B", "Appendix Q",
                                                   "Appendix AB", "Other"]


def test_version_from_the_manifest_else_the_file(tmp_path):
    assert baselines.version(BASELINES, "Section L") == "18.0"  # the manifest's
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "section-L.sec.txt").write_text("@id: Section L\n@version: 7.0\n\nL1 Part\n")
    (tmp_path / "src" / "other.sec.txt").write_text("@id: Appendix Q\n\nText\n")
    assert baselines.version(tmp_path, "Section L") == "7.0"  # no manifest: what the source says
    assert baselines.version(tmp_path, "Appendix Q") == ""  # found, but it states no version
    assert baselines.version(tmp_path, "Section Z") == ""  # no baseline
    assert baselines.version(tmp_path / "absent", "Section L") == ""
    (tmp_path / "manifest.json").write_text(json.dumps({"baselines": [
        {"id": "Section L", "version": "8.0", "file": "src/section-L.sec.txt"}]}))
    assert baselines.version(tmp_path, "Section L") == "8.0"


def test_the_release_list_is_checked_and_in_sec_order(tmp_path):
    entries = [{"id": i, "version": "1.0", "file": f"{i}.docx"} for i in ("Appendix B", "Section L", "Section A")]
    (tmp_path / "manifest.json").write_text(json.dumps({"baselines": entries}))
    assert [e["id"] for e in baselines.release_documents(tmp_path)] == ["Section A", "Section L", "Appendix B"]
    entries.append({"id": "section l", "version": "1.0", "file": "x.docx"})  # the same output names
    (tmp_path / "manifest.json").write_text(json.dumps({"baselines": entries}))
    with pytest.raises(ConfigError):
        baselines.release_documents(tmp_path)
    (tmp_path / "manifest.json").write_text(json.dumps({"baselines": [{"id": "Section A", "file": "/etc/x"}]}))
    with pytest.raises(ConfigError, match=r"baselines\[1\] needs id, version and file"):
        baselines.release_documents(tmp_path)


def test_document_file_falls_back_to_the_source(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "section-L.sec.txt").write_text("@id: Section L\n")
    entry = {"id": "Section L", "file": "section-L.docx"}  # not built yet
    assert baselines.document_file(tmp_path, entry) == tmp_path / "src" / "section-L.sec.txt"
    (tmp_path / "section-L.docx").write_bytes(b"PK")
    assert baselines.document_file(tmp_path, entry) == tmp_path / "section-L.docx"


def test_modification_toml_is_read_once_for_a_pack(tmp_path, monkeypatch):
    """The consultation values and the Modification come from one read of the file."""
    folder = write_mod(tmp_path)
    reads = []
    real = amend_load.read_toml
    monkeypatch.setattr(amend_load, "read_toml", lambda path, *a, **k: reads.append(Path(path).name) or real(path, *a, **k))
    data = pack_data.load(folder, "refinement", baselines=BASELINES)
    assert reads == ["modification.toml"]
    assert data.modification.id == data.mod["id"] == "MP900X"
    assert data.modification.table["consultation"]["refinement"]["closing_time"] == "17:00"


def test_the_modification_keeps_its_table_and_every_legal_text_version():
    mod = load_modification(MP134A, "1.0")
    assert mod.legal_text["version"] == "1.0"
    assert list(mod.legal_text_versions) == ["1.0", "2.0", "2.1"]  # whichever version was loaded
    assert mod.table["legal_text"]["version"] == "2.1"  # the file as read
    assert mod.earlier_legal_texts == []
