"""Issue 15, categories 1–3: OUT never destroys an input, nothing is written outside OUT, no
two documents share an output file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import refused, run, tree

MOD = "modifications/MP134A"
REL = "releases/2021-10-04-adhoc.toml"


# -- 1. data loss: OUT is, holds or sits inside an input -------------------------------------------

OUT_CASES = [
    (("build", "-o", "{cwd}"), "working directory"),
    (("build", "-o", "."), "working directory"),
    (("build", "-o", "releases"), "releases"),
    (("build", "-o", "baselines"), "baselines"),
    (("build", "-o", "modifications"), "modifications"),
    (("build", "-o", "releases/out"), "inside"),
    (("release", "build", REL, "-o", "releases"), "releases"),
    (("release", "build", REL, "-o", "modifications/MP134A"), "MP134A"),
    (("release", "build", REL, "-o", "baselines/src"), "baselines"),
    (("apply", MOD, "-o", MOD), "MP134A"),
    (("apply", MOD, "-o", "modifications"), "modifications"),
    (("apply", MOD, "-o", "baselines"), "baselines"),
    (("apply", MOD, "-o", f"{MOD}/out"), "inside"),
    (("apply", MOD, "-o", ".."), "working directory"),
    (("apply", MOD, "-o", ""), "working directory"),
    (("apply", MOD, "-o", "/"), "root folder"),
    (("redline", MOD, "-o", MOD), "MP134A"),
    (("redline", MOD, "-o", "baselines"), "baselines"),
    (("legal-text", MOD, "-o", f"{MOD}/modification.toml"), "modification.toml"),
    (("legal-text", MOD, "-o", f"{MOD}/section-L.toml"), "section-L.toml"),
    (("legal-text", MOD, "-o", "baselines/section-L.docx"), "section-L.docx"),
    (("consult", MOD, "--stage", "refinement", "-o", MOD), "MP134A"),
    (("consult", MOD, "--stage", "refinement", "-o", "baselines"), "baselines"),
    (("compare", "baselines/section-L.docx", "baselines/section-M.docx", "-o", "baselines/section-L.docx"),
     "section-L.docx"),
    (("compare", "baselines/section-L.docx", "baselines/section-M.docx", "-o", "baselines/section-M.docx"),
     "section-M.docx"),
]


@pytest.mark.parametrize("args, says", OUT_CASES, ids=[" ".join(a) for a, _ in OUT_CASES])
def test_out_may_not_be_hold_or_sit_inside_an_input(project, args, says):
    before = tree(project.parent)
    ran = run(*(a.format(cwd=os.getcwd()) for a in args))
    line = refused(ran, says, status=2)
    assert "-o" in line
    assert tree(project.parent) == before  # nothing written, nothing removed, no temporary folder


def test_out_may_not_be_the_home_folder(project, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    refused(run("apply", MOD, "-o", str(home)), "home folder", status=2)
    assert list(home.iterdir()) == []


def test_out_through_a_symbolic_link_to_an_input_is_refused(project):
    (project / "link").symlink_to(project / "baselines")
    before = tree(project)
    refused(run("apply", MOD, "-o", "link"), "-o link", status=2)
    assert tree(project) == before


def test_compare_out_beside_its_inputs_is_fine(project):
    ran = run("compare", "baselines/section-L.docx", "baselines/section-L.docx", "-o", "baselines/same.docx")
    assert ran.code == 0, ran.err
    assert (project / "baselines" / "same.docx").is_file()


def test_apply_into_a_new_folder_beside_the_inputs_works(project):
    before = tree(project, skip=("out",))
    ran = run("apply", MOD, "-o", "out")
    assert ran.code == 0, ran.err
    assert sorted(p.name for p in (project / "out").iterdir())[-1] == "section-M.docx"
    assert tree(project, skip=("out",)) == before


# -- 2. nothing written outside OUT ---------------------------------------------------------------

def _rename_document(project: Path, old: str, new: str) -> None:
    """Give a baseline document another id everywhere the data names it."""
    manifest = project / "baselines" / "manifest.json"
    data = json.loads(manifest.read_text())
    for entry in data["baselines"]:
        if entry["id"] == old:
            entry["id"] = new
    manifest.write_text(json.dumps(data))
    toml = project / MOD / "modification.toml"
    toml.write_text(toml.read_text().replace(f'id = "{old}"', f'id = {json.dumps(new)}'))
    amendments = project / MOD / "section-L.toml"
    amendments.write_text(amendments.read_text().replace(f'document = "{old}"', f'document = {json.dumps(new)}'))


@pytest.mark.parametrize("doc_id", ["Section ../../../../x/L", "Section /tmp/x/L", "Section L/../../x",
                                    "Section ..", "Section L\\..\\..\\x"])
def test_a_document_id_cannot_lead_out_of_out(project, doc_id):
    _rename_document(project, "Section L", doc_id)
    before = tree(project.parent, skip=("proj/out",))
    refused(run("release", "build", REL, "-o", "out", "-q"), "manifest.json", "not a document id")
    assert tree(project.parent, skip=("proj/out",)) == before  # nothing outside OUT
    assert not (project / "out").exists()


def test_slugs_are_one_safe_component():
    from secdocs.workspace import document_slug, safe_name

    assert document_slug("Section L") == "section-L" and document_slug("Appendix AB") == "appendix-AB"
    for hostile in ("Section ../../../../tmp/x/L", "Section /etc/passwd", "..", ".", "", "Section \x00L", "a/b\\c"):
        name = document_slug(hostile)
        assert name and "/" not in name and "\\" not in name and not name.startswith(".") and "\x00" not in name
        assert safe_name(hostile) == safe_name(safe_name(hostile))


def test_join_output_refuses_to_leave_out(tmp_path):
    from secdocs.workspace import OutputError, join_output

    assert join_output(tmp_path, "clean/x.docx") == tmp_path / "clean" / "x.docx"
    for bad in ("../x.docx", "/tmp/x.docx", "clean/../../x.docx"):
        with pytest.raises(OutputError):
            join_output(tmp_path, bad)


# -- 3. no silent overwrite ------------------------------------------------------------------------

def test_two_ids_sharing_a_file_are_refused_naming_both(project):
    manifest = project / "baselines" / "manifest.json"
    data = json.loads(manifest.read_text())
    twin = dict(next(e for e in data["baselines"] if e["id"] == "Section L"), id="SECTION L")
    data["baselines"].append(twin)
    manifest.write_text(json.dumps(data))
    before = tree(project)
    ran = run("release", "build", REL, "-o", "out", "-q")
    refused(ran, "manifest.json", "'Section L'", "'SECTION L'")
    assert tree(project) == before


def test_one_id_listed_twice_is_refused(project):
    manifest = project / "baselines" / "manifest.json"
    data = json.loads(manifest.read_text())
    data["baselines"].append(next(e for e in data["baselines"] if e["id"] == "Section L"))
    manifest.write_text(json.dumps(data))
    refused(run("release", "build", REL, "-o", "out", "-q"), "manifest.json", "'Section L'", "twice")
    assert not (project / "out").exists()


def test_output_names_unique_ignoring_case():
    from secdocs.workspace import OutputError, unique_names

    unique_names([("Section L", "section-L.docx"), ("Section M", "section-M.docx")], "here")
    with pytest.raises(OutputError, match="'Section L' and 'SECTION L' would both be written as"):
        unique_names([("Section L", "section-L.docx"), ("SECTION L", "Section-L.docx")], "here")
