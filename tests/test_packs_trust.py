"""Issue 14 items 1, 5 and 7 on the built MP134A packs: dates and statuses known on the
document's date; the Modification Report Consultation's change table (legal text v1.0 → v2.0)
and Annex B redline, its summary of the Refinement responses (from `responses collate --csv`),
its General SEC Objectives with the Working Group's (illustrative, labelled) view; the response
form without internal lines and with the SEC's party categories."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from packs_helpers import docx_text, part
from secdocs.cli import main
from secdocs.errors import ConfigError
from secdocs.ooxml.forms import fill_form
from secdocs.packs.summary import responses_summary

ROOT = Path(__file__).resolve().parents[1]
MP134A = ROOT / "modifications" / "MP134A"
BASELINES = ROOT / "baselines"
FUTURE = ("1 October 2021", "4 October 2021", "Authority approved", "MP134A implemented", "Planned", "47.0",
          "without an event")


def consult(out: Path, stage: str, *extra: str):
    result = CliRunner().invoke(main, ["consult", str(MP134A), "--stage", stage, "-o", str(out),
                                       "--baselines", str(BASELINES), *extra])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    """The Refinement pack, three filled and collated response forms, and the Modification Report
    pack given their CSV."""
    out = tmp_path_factory.mktemp("trust")
    consult(out / "refinement", "refinement")
    form = (out / "refinement" / "response-form.docx").read_bytes()
    people = [("Ann", "Energy Co", "Large Supplier", "No", ["Agree", "Agree", "Yes", "No", "Agree", "No comments"]),
              ("Bob", "Grid Co", "Electricity Network Party", "Yes", ["Disagree", "Neutral", "No", "No", "Agree", ""]),
              ("Cy", "Someone", "Not an SEC Party", "No", ["Agree", "Agree", "Yes", "Yes", "Agree", "None"])]
    forms = []
    for i, (name, org, cat, conf, answers) in enumerate(people):
        values = {"respondent.name": name, "respondent.organisation": org, "respondent.category": cat,
                  "respondent.confidential": conf}
        values.update({f"q{n}.response": a for n, a in enumerate(answers, 1)})
        forms.append(out / f"form{i}.docx")
        forms[-1].write_bytes(fill_form(form, values))
    result = CliRunner().invoke(main, ["responses", "collate", *map(str, forms), "-o", str(out / "responses.docx"),
                                       "--csv", str(out / "responses.csv")])
    assert result.exit_code == 0, result.output
    report = consult(out / "report", "report", "--responses", str(out / "responses.csv"))
    # the responses were given (the v2.0 legal text it carries has the two range warnings that v2.1 fixes)
    assert "no collated Refinement Consultation responses" not in report.output
    return out


@pytest.mark.parametrize("stage", ["refinement", "report"])
def test_a_consultation_says_only_what_was_known_on_its_date(packs, stage):
    text = docx_text(packs / stage / "consultation.docx")
    for words in FUTURE:
        assert words not in text, words
    assert "proposed next steps" in text and "the Authority decides whether the modification is approved" in text
    assert "(assumed date)" in text and "an assumed date" in text


def test_legal_text_status_on_its_date(packs):
    legal = docx_text(packs / "report" / "legal-text.docx")
    assert "Approved" not in legal and "Proposed" in legal and "The date of this version is assumed" in legal


def test_report_consultation_shows_the_legal_text_changes_since_v1(packs):
    text = docx_text(packs / "report" / "consultation.docx")
    section = text[text.index("Changes to the legal text since the Refinement Consultation"):]
    section = section[:section.index("Responses to the Refinement Consultation")]
    # the change table against what v1.0 and v2.0 apply (see modifications/README.md: v1.0 words
    # "SoLR Event" differently and has no L1.16D)
    assert "the definition of 'SoLR Event' (A1.1)" in section and "definition amended" in section
    assert "L1.16D" in section and "inserted" in section
    assert "Section M" not in section and "Appendix Q" not in section  # unchanged between the versions
    annex = text[text.index("Annex B – Legal text changes from version 1.0 to version 2.0"):]
    assert "Section A — Definitions and Interpretation" in annex and "L1.16D" in annex
    assert "Section M —" not in annex
    body = part(packs / "report" / "consultation.docx", "word/document.xml")
    assert "<w:ins " not in body and "<w:strike/>" in body  # static marks, as Annex A


def test_report_consultation_summarises_the_refinement_responses(packs):
    text = docx_text(packs / "report" / "consultation.docx")
    section = text[text.index("Responses to the Refinement Consultation"):]
    assert ("received 3 responses (1 Electricity Network Party, 1 Large Supplier and 1 Not an SEC Party)"
            in section)
    assert "Bob" not in text and "Grid Co" not in text  # counted, never quoted or named
    summary = responses_summary(packs / "responses.csv", "MP134A")
    assert summary["questions"][0]["counts"] == {"agree": 2, "disagree": 1, "neutral": 0, "other": 0,
                                                 "no response": 0}
    with pytest.raises(ConfigError, match="not to MP999"):
        responses_summary(packs / "responses.csv", "MP999")


def test_report_consultation_has_the_objectives_with_the_labelled_view(packs):
    text = docx_text(packs / "report" / "consultation.docx")
    section = text[text.index("The General SEC Objectives"):]
    for letter in "abcdefg":
        assert f"({letter}) " in section
    assert "Working Group's view (illustrative)" in section and "they are not the Working Group's" in section
    assert "Better facilitates" in section and "Not assessed" in section


def test_refinement_pack_has_no_report_sections(packs):
    text = docx_text(packs / "refinement" / "consultation.docx")
    assert "Annex B" not in text and "General SEC Objectives" not in text.replace(
        "better facilitate the General SEC Objectives", "")


def test_response_form_has_no_internal_lines_and_the_sec_categories(packs):
    form = packs / "refinement" / "response-form.docx"
    text = docx_text(form)
    assert "Form reference" not in text and "secdocs-response-form" not in text
    xml = part(form, "word/document.xml")
    for category in ("Large Supplier", "Small Supplier", "Electricity Network Party", "Gas Network Party",
                     "Other SEC Party", "Not an SEC Party"):
        assert f'w:displayText="{category}"' in xml
    assert 'w:displayText="Network Party"' not in xml
    assert "secdocs-response-form 1 MP134A refinement" in part(form, "docProps/core.xml")  # still identified


def test_responses_only_for_the_report_stage(tmp_path):
    csv = tmp_path / "r.csv"
    csv.write_text("x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["consult", str(MP134A), "--stage", "refinement", "-o", str(tmp_path / "o"),
                                       "--responses", str(csv)])
    assert result.exit_code != 0 and not (tmp_path / "o").exists()
    result = CliRunner().invoke(main, ["consult", str(MP134A), "--stage", "report", "-o", str(tmp_path / "o"),
                                       "--responses", str(csv)])
    assert result.exit_code != 0 and "not the CSV of `secdocs responses collate --csv`" in result.output
    assert not (tmp_path / "o").exists()
