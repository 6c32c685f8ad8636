"""The files secdocs ships (``secdocs/templates/``, found with importlib.resources), a user's own
template folder (``--templates DIR``), and ``secdocs build`` where there is no checkout."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from packs_helpers import BASELINES, RESPONDENTS, docx_text, placeholder_legal, write_mod
from secdocs import resources
from secdocs.cli import main
from secdocs.errors import ConfigError
from secdocs.ooxml.forms import fill_form
from secdocs.packs.pack import build_pack

ROOT = Path(__file__).resolve().parents[1]
PACKAGED = ROOT / "secdocs" / "templates"
TEMPLATES = ("consultation-base.j2", "consultation-refinement.j2", "consultation-report.j2",
             "consultation-response-form.j2", "consultation-responses.j2")


def own_templates(tmp_path: Path, *, reference: bool = False, edit: dict[str, str] | None = None) -> Path:
    """A copy of the packaged .j2 templates (and reference.docx, if asked), with a line added to a
    template (before its first block ends, else at its end)."""
    folder = tmp_path / "mine"
    folder.mkdir()
    for name in TEMPLATES:
        shutil.copy2(PACKAGED / name, folder / name)
    if reference:
        shutil.copy2(PACKAGED / "reference.docx", folder / "reference.docx")
    for name, text in (edit or {}).items():
        source = (folder / name).read_text(encoding="utf-8")
        changed = (source.replace("{% endblock %}", text + "\n{% endblock %}", 1) if "{% endblock %}" in source
                   else source.rstrip("\n") + "\n" + text + "\n")
        (folder / name).write_text(changed, encoding="utf-8")
    return folder


def test_the_packaged_files_are_found_inside_the_package():
    assert resources.template_dir() == PACKAGED
    assert resources.reference_docx() == PACKAGED / "reference.docx"
    assert sorted(p.name for p in resources.template_dir().glob("*.j2")) == list(TEMPLATES)
    assert not (ROOT / "templates").exists()  # nothing left beside the package


def test_a_user_folder_without_reference_docx_gives_the_same_pack(tmp_path):
    folder = write_mod(tmp_path)
    default = build_pack(folder, "refinement", baselines=BASELINES, legal_text=placeholder_legal)
    mine = build_pack(folder, "refinement", baselines=BASELINES, legal_text=placeholder_legal,
                      templates=own_templates(tmp_path))
    assert mine == default


def test_a_user_folder_changes_the_text_and_its_reference_docx_the_style(tmp_path):
    folder = write_mod(tmp_path)
    mine = own_templates(tmp_path, reference=True, edit={"consultation-refinement.j2": "p: Our own paragraph."})
    default = build_pack(folder, "refinement", baselines=BASELINES, legal_text=placeholder_legal)
    pack = build_pack(folder, "refinement", baselines=BASELINES, legal_text=placeholder_legal, templates=mine)
    assert "Our own paragraph." in docx_text(pack["consultation.docx"])
    assert "Our own paragraph." not in docx_text(default["consultation.docx"])
    import docx  # a plain reference document: the pack's styles are added to it

    docx.Document().save(str(mine / "reference.docx"))
    plain = build_pack(folder, "refinement", baselines=BASELINES, legal_text=placeholder_legal, templates=mine)
    assert plain["response-form.docx"] != pack["response-form.docx"]


def test_a_template_missing_from_the_user_folder_is_one_line(tmp_path):
    folder = write_mod(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ConfigError, match=rf"^template not found: consultation-refinement\.j2 \(in {empty}\)$"):
        build_pack(folder, "refinement", baselines=BASELINES, legal_text=placeholder_legal, templates=empty)
    with pytest.raises(ConfigError, match="templates folder not found"):
        resources.template_dir(tmp_path / "absent")


def test_consult_and_collate_take_templates(tmp_path):
    folder = write_mod(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    mp134a = ROOT / "modifications" / "MP134A"
    result = CliRunner().invoke(main, ["consult", str(mp134a), "--stage", "refinement", "-o", str(tmp_path / "out"),
                                       "--baselines", str(BASELINES), "--templates", str(empty)])
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    assert result.output.splitlines() == [f"secdocs: error: template not found: consultation-refinement.j2 (in {empty})"]
    form = build_pack(folder, "refinement", baselines=BASELINES, legal_text=placeholder_legal)["response-form.docx"]
    (tmp_path / "r1.docx").write_bytes(fill_form(form, RESPONDENTS[0]))
    mine = own_templates(tmp_path, edit={"consultation-responses.j2": "p: Collated with our own template."})
    out = tmp_path / "responses.docx"
    result = CliRunner().invoke(main, ["responses", "collate", str(tmp_path / "r1.docx"), "-o", str(out),
                                       "--templates", str(mine)])
    assert result.exit_code == 0, result.output
    assert "Collated with our own template." in docx_text(out)


def test_build_without_a_checkout_asks_for_a_release_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(resources, "checkout_file", lambda relative: None)
    result = CliRunner().invoke(main, ["build", "-o", "out"])
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    assert result.output.splitlines() == [
        "secdocs: error: secdocs build needs a release file (releases/2021-10-04-adhoc.toml is neither here "
        "nor in a secdocs checkout): secdocs release build RELEASE.toml -o OUT"]
    assert resources.__dict__["checkout_file"]("releases/2021-10-04-adhoc.toml") is None
    monkeypatch.undo()
    assert resources.checkout_file("releases/2021-10-04-adhoc.toml") == ROOT / "releases" / "2021-10-04-adhoc.toml"
    assert resources.checkout_file("releases/none.toml") is None
