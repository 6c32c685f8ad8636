"""Response forms filled by script (and through LibreOffice), collated: every answer found,
stances counted, files that are not forms reported by name, confidential responses handled."""

import csv
import io
import re
import shutil

import pytest
from click.testing import CliRunner
from lxml import etree

from packs_helpers import BASELINES, RESPONDENTS, assert_clean, docx_text, placeholder_legal, write_mod
from secdocs.cli import main
from secdocs.ooxml.package import package_bytes, read_package
from secdocs.packs.collate import stance
from secdocs.ooxml.forms import fill_form
from secdocs.packs.form import FormProblem, read_form
from secdocs.packs.pack import build_pack

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
libreoffice = pytest.mark.libreoffice
needs_lo = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    """Five forms filled by script, plus files that must be reported and left out."""
    tmp = tmp_path_factory.mktemp("forms")
    folder = write_mod(tmp)
    pack = build_pack(folder, "refinement", baselines=BASELINES, legal_text=placeholder_legal)
    blank = pack["response-form.docx"]
    paths = []
    for i, answers in enumerate(RESPONDENTS, 1):
        path = tmp / f"response-{i}.docx"
        path.write_bytes(fill_form(blank, answers))
        paths.append(path)
    (tmp / "blank-form.docx").write_bytes(blank)
    (tmp / "legal-text.docx").write_bytes(pack["legal-text.docx"])
    (tmp / "notes.docx").write_bytes(b"just some text, not a zip")
    (tmp / "no-questions.docx").write_bytes(_drop_questions(fill_form(blank, RESPONDENTS[0])))
    report = build_pack(folder, "report", baselines=BASELINES, legal_text=placeholder_legal)["response-form.docx"]
    (tmp / "report-form.docx").write_bytes(fill_form(report, {"q1.response": "Agree"}))
    return {"dir": tmp, "filled": paths, "blank": blank}


def _drop_questions(blob: bytes) -> bytes:
    pkg = read_package(blob, "form")
    root = pkg.xml("word/document.xml")
    for tbl in list(root.iter(f"{W}tbl")):
        if "Rationale" in "".join(tbl.itertext()):
            parent = tbl.getparent()
            parent.remove(tbl)
            for sdt in list(root.iter(f"{W}sdt")):  # and the controls, as if pasted as plain text
                sdt.getparent().remove(sdt)
    parts = dict(pkg.parts)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return package_bytes(parts)


@pytest.mark.parametrize("text, expected", [
    ("Yes, we agree.", "agree"), ("Agree.", "agree"), ("We broadly agree, with one reservation.", "agree"),
    ("Support: consumers stay on supply.", "agree"), ("I agree", "agree"),
    ("We disagree.", "disagree"), ("Disagree: too broad", "disagree"), ("No.", "disagree"),
    ("We do not agree", "disagree"), ("Do not support", "disagree"),
    ("Neutral.", "neutral"), ("No view.", "neutral"), ("No comment", "neutral"), ("N/A", "neutral"),
    ("Partially agree.", "neutral"), ("Not applicable", "neutral"),
    ("No further comments.", "neutral"), ("No comments", "neutral"), ("None.", "neutral"),
    ("Nothing further to add", "neutral"), ("No views", "neutral"),
    ("Please consider a sunset clause.", "other"), ("Minimal costs.", "other"), ("Agreement is needed", "other"),
    ("", "no response"), ("  ", "no response"),
])
def test_stance_from_opening_words(text, expected):
    assert stance(text) == expected


def test_each_filled_form_reads_back(forms):
    for path, answers in zip(forms["filled"], RESPONDENTS):
        form = read_form(path)
        assert (form.mod_id, form.stage, form.question_count) == ("MP900X", "refinement", 3)
        assert form.name == answers["respondent.name"] and form.organisation == answers["respondent.organisation"]
        assert form.category == answers["respondent.category"]
        assert form.confidential == answers["respondent.confidential"].startswith("Yes")
        for n in (1, 2, 3):
            assert form.answers[n].response == answers[f"q{n}.response"]
            assert form.answers[n].rationale == answers[f"q{n}.rationale"]


def test_blank_form_reads_as_unanswered(forms, tmp_path):
    path = tmp_path / "blank.docx"
    path.write_bytes(forms["blank"])
    form = read_form(path)
    assert form.name == "" and form.category == "" and not any(
        a.response or a.rationale for a in form.answers.values())


@pytest.mark.parametrize("name, reason", [("legal-text.docx", "not a secdocs response form"),
                                          ("notes.docx", "not a readable .docx"),
                                          ("no-questions.docx", "without its questions table")])
def test_not_a_form_is_a_one_line_problem_naming_the_file(forms, name, reason):
    with pytest.raises(FormProblem) as err:
        read_form(forms["dir"] / name)
    assert str(err.value).startswith(name + ":") and reason in str(err.value) and "\n" not in str(err.value)


def _collate(paths, out, *extra):
    return CliRunner().invoke(main, ["responses", "collate", *map(str, paths), "-o", str(out), *extra])


def test_collate_every_answer_found(forms, tmp_path):
    d = forms["dir"]
    others = [d / "legal-text.docx", d / "notes.docx", d / "no-questions.docx", d / "blank-form.docx",
              d / "report-form.docx"]
    out, csv_path = tmp_path / "responses.docx", tmp_path / "responses.csv"
    result = _collate(forms["filled"] + others, out, "--csv", str(csv_path))
    assert result.exit_code == 0, result.output
    for path in others:  # reported by file name, the rest still collated
        assert re.search(rf"warning: {re.escape(path.name)}: ", result.output), path.name
    assert "5 responses collated" in result.output

    text = docx_text(out)
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert len(rows) == 5 * 3
    for answers in RESPONDENTS:
        assert answers["respondent.organisation"] in text
        for n in (1, 2, 3):
            for key in ("response", "rationale"):
                value = answers[f"q{n}.{key}"]
                for line in value.split("\n"):
                    assert line in text, line
                row = next(r for r in rows if r["question"] == str(n) and r["name"] == answers["respondent.name"])
                assert row[key] == value
    # counts per stance, question 1: agree (Able, Dunn, Ellis), disagree (Baker), neutral (Cole)
    q1 = [r["stance"] for r in rows if r["question"] == "1"]
    assert sorted(q1) == ["agree", "agree", "agree", "disagree", "neutral"]
    assert "Agree / yes: 3 · Disagree / no: 1 · Neutral: 1 · Other: 0 · No response: 0" in text
    assert "(confidential)" in text and "Cole Networks" in text
    assert_clean(out)  # the shared checker is always beside the repo (CI copies it too)


def test_collate_public_leaves_confidential_out(forms, tmp_path):
    out, csv_path = tmp_path / "public.docx", tmp_path / "public.csv"
    result = _collate(forms["filled"], out, "--public", "--csv", str(csv_path))
    assert result.exit_code == 0 and "1 confidential left out" in result.output
    text = docx_text(out)
    assert "Cole Networks" not in text and "Not directly affected." not in text
    assert "(and 1 confidential response not published)" in text
    assert "Cole Networks" not in csv_path.read_text(encoding="utf-8")
    assert "Able Energy" in text


def test_collate_is_deterministic(forms, tmp_path):
    _collate(forms["filled"], tmp_path / "a.docx")
    _collate(forms["filled"], tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


def test_collate_nothing_usable_is_an_error(forms, tmp_path):
    result = _collate([forms["dir"] / "notes.docx"], tmp_path / "r.docx")
    assert result.exit_code == 1 and "no response form could be collated" in result.output
    assert not (tmp_path / "r.docx").exists()


@libreoffice
@needs_lo
def test_form_saved_by_libreoffice_is_collated(forms, tmp_path):
    """Fill a form by script, let LibreOffice open and save it as .docx, collate it with the rest."""
    from secdocs.render.pdf import convert

    answers = dict(RESPONDENTS[1], **{"respondent.name": "Flo Office", "respondent.organisation": "LibreOffice Users Ltd",
                                      "respondent.category": "Other SEC Party",
                                      "q1.response": "Disagree – saved by LibreOffice."})
    saved = convert({"lo-form.docx": fill_form(forms["blank"], answers)}, "docx")["lo-form.docx"]
    assert b"LibreOffice" in read_package(saved, "lo").parts.get("docProps/app.xml", b"")  # really re-written
    path = tmp_path / "lo-form.docx"
    path.write_bytes(saved)
    form = read_form(path)
    assert form.organisation == "LibreOffice Users Ltd" and form.category == "Other SEC Party"
    for n in (1, 2, 3):
        assert form.answers[n].response == answers[f"q{n}.response"]
        assert form.answers[n].rationale == answers[f"q{n}.rationale"]
    out = tmp_path / "responses.docx"
    result = _collate(forms["filled"] + [path], out)
    assert result.exit_code == 0 and "6 responses collated" in result.output
    text = docx_text(out)
    assert "Disagree – saved by LibreOffice." in text and "A second paragraph of reasons." in text
