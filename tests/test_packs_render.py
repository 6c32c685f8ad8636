"""Both consultation templates, the response form and the pack: rendered with full data, checked
by the independent checker, deterministic; the real MP134A packs with the real legal text."""

import hashlib
import json

import pytest
from click.testing import CliRunner

from packs_helpers import BASELINES, CHECKER, MP134A, assert_clean, docx_text, part, placeholder_legal, write_mod
from secdocs.cli import main
from secdocs.errors import ConfigError
from secdocs.packs.data import load
from secdocs.packs.form import build_form
from secdocs.packs.pack import build_pack

needs_checker = pytest.mark.skipif(not CHECKER.exists(), reason="shared/tools/docx_check.py not present")

SECTIONS = ["About this consultation", "What is the issue?", "What is the solution?", "Who is impacted?",
            "Which SEC documents are affected?", "Timeline", "Costs and impacts", "Implementation approach",
            "Questions for respondents", "How to respond", "Annex A – Legal text"]


@pytest.fixture(scope="module")
def fixture_packs(tmp_path_factory):
    folder = write_mod(tmp_path_factory.mktemp("mod"))
    return {stage: build_pack(folder, stage, baselines=BASELINES, legal_text=placeholder_legal)
            for stage in ("refinement", "report")}


@pytest.mark.parametrize("stage, name, closing", [("refinement", "Refinement Consultation", "Monday 7 June 2021"),
                                                 ("report", "Modification Report Consultation", "Monday 19 July 2021")])
def test_consultation_template_with_full_data(fixture_packs, stage, name, closing):
    text = docx_text(fixture_packs[stage]["consultation.docx"])
    for heading in SECTIONS:
        assert heading in text, heading
    assert "MP900X" in text and "Test modification for consultation packs" in text and name in text
    assert f"5pm on {closing}" in text and "sec.change@example.org" in text and "fictitious example address" in text
    assert "The issue, second paragraph with * and | in it." in text  # escaped values printed as written
    assert "Pat Proposer" in text and "Ana Analyst" in text
    assert "Large Suppliers" in text and "Small Suppliers" in text
    for doc, version in (("Section A", "31.0"), ("Section L", "18.0")):
        assert doc in text and version in text
    # issue 14 item 1: the new versions and the implementation date are not known before the decision
    assert "99.0" not in text and "4 October 2021" not in text and "Planned" not in text
    assert "17 May 2021 – 7 June 2021" in text and "proposed next steps" in text
    assert "An ad-hoc release is proposed." in text and "No DCC costs." in text
    for q in ({"refinement": ["Do you agree with the solution?", "Do you have any other comments?"],
               "report": ["Should the modification be approved?", "Any other comments?"]}[stage]):
        assert q in text
    if stage == "report":
        assert "provisional view" in text
    else:
        assert "Background paragraph of the refinement stage." in text
    # Annex A holds the legal text body, not its front matter
    assert "PLACEHOLDER inserted clause." in text
    assert "PLACEHOLDER front matter" not in text
    assert text.index("Annex A – Legal text") < text.index("Section L \u2014 Smart Metering")
    assert "Illustrative test data: not the official Smart Energy Code." in text  # the label, on cover and annex
    assert "ILLUSTRATIVE" in part(fixture_packs[stage]["consultation.docx"], "word/header1.xml").upper()


def test_response_form_with_full_data(fixture_packs):
    form = fixture_packs["refinement"]["response-form.docx"]
    text = docx_text(form)
    for label in ("Name", "Organisation", "Party category", "Confidential response?", "No.", "Question",
                  "Response", "Rationale", "Q1", "Q2", "Q3", "Do you agree with the solution?"):
        assert label in text
    xml = part(form, "word/document.xml")
    for tag in ("respondent.name", "respondent.organisation", "respondent.category", "respondent.confidential",
                "q1.response", "q1.rationale", "q3.response", "q3.rationale"):
        assert f'w:val="secdocs:{tag}"' in xml
    # issue 14 item 7: the SEC's party categories, and a respondent that is not a Party
    for category in ("Large Supplier", "Small Supplier", "Electricity Network Party", "Gas Network Party",
                     "Other SEC Party", "Not an SEC Party"):
        assert f'w:displayText="{category}"' in xml
    assert xml.count("<w:lock") == 4 + 2 * 3
    assert "secdocs-response-form 1 MP900X refinement 2021-06-07 3" in part(form, "docProps/core.xml")
    assert "Form reference" not in text and "secdocs-response-form" not in text  # nothing internal in the text


def test_every_output_is_deterministic(tmp_path):
    folder = write_mod(tmp_path)
    one = build_pack(folder, "report", baselines=BASELINES, legal_text=placeholder_legal)
    two = build_pack(folder, "report", baselines=BASELINES, legal_text=placeholder_legal)
    assert one == two
    core = part(one["consultation.docx"], "docProps/core.xml")
    assert "2021-06-30T" in core  # dated the issue date, never the clock


def test_manifest_lists_every_file(fixture_packs):
    pack = fixture_packs["refinement"]
    manifest = json.loads(pack["manifest.json"])
    assert manifest["modification"] == "MP900X" and manifest["closing"] == "2021-06-07T17:00"
    assert manifest["mailbox_is_fictitious_example"] is True and manifest["questions"] == 3
    assert {f["name"]: f["sha256"] for f in manifest["files"]} == {
        name: hashlib.sha256(blob).hexdigest() for name, blob in pack.items() if name != "manifest.json"}
    assert "Illustrative" in manifest["illustrative"]


@needs_checker
def test_fixture_outputs_pass_the_checker(fixture_packs, tmp_path):
    paths = []
    for stage, files in fixture_packs.items():
        for name, blob in files.items():
            if name.endswith(".docx"):
                path = tmp_path / f"{stage}-{name}"
                path.write_bytes(blob)
                paths.append(path)
    assert_clean(*paths)


def test_form_without_reference_docx_is_an_error(tmp_path):
    """A reference document that is not there stops the build with one line naming it: never
    python-docx's default template."""
    data = load(write_mod(tmp_path), "refinement", baselines=BASELINES)
    with pytest.raises(ConfigError, match=r"absent\.docx: reference document not found"):
        build_form(data, reference=tmp_path / "absent.docx")


def test_form_on_a_plain_reference_docx_defines_every_style(tmp_path):
    """A user's own reference.docx (here python-docx's default document) lacks the pack styles:
    they are added, so the form never names an undefined style."""
    import docx

    docx.Document().save(str(tmp_path / "plain.docx"))
    data = load(write_mod(tmp_path), "refinement", baselines=BASELINES)
    blob = build_form(data, reference=tmp_path / "plain.docx")
    assert "SECPackBody" in part(blob, "word/styles.xml")
    path = tmp_path / "form.docx"
    path.write_bytes(blob)
    assert_clean(path)


# ---------------------------------------------------------------------------------------------
# the real MP134A packs: real legal text from the redline renderer, through the CLI

@pytest.fixture(scope="module")
def mp134a(tmp_path_factory):
    out = tmp_path_factory.mktemp("mp134a")
    for stage in ("refinement", "report"):
        result = CliRunner().invoke(main, ["consult", str(MP134A), "--stage", stage, "-o", str(out / stage),
                                           "--baselines", str(BASELINES)])
        assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("stage", ["refinement", "report"])
def test_mp134a_pack(mp134a, stage):
    folder = mp134a / stage
    assert sorted(p.name for p in folder.iterdir()) == ["consultation.docx", "legal-text.docx", "manifest.json",
                                                       "response-form.docx", "site"]
    version = "1.0" if stage == "refinement" else "2.0"  # the review site of the legal text consulted on
    assert f"(legal text v{version})" in (folder / "site" / "index.html").read_text(encoding="utf-8")
    text = docx_text(folder / "consultation.docx")
    legal = docx_text(folder / "legal-text.docx")
    assert "PLACEHOLDER" not in text and "PLACEHOLDER" not in legal
    annex = text[text.index("Annex A – Legal text"):]
    for heading in ("Section A \u2014 Definitions and Interpretation", "Section L \u2014", "Section M \u2014",
                    "Appendix B \u2014", "Appendix Q \u2014", "Appendix S \u2014"):
        assert heading in annex, heading
    assert "L1.16A" in annex and "SoLR Event" in annex
    # the drafting notes come with the legal text body, after each document, and the annex says
    # they are not legal text
    assert annex.index("Section L \u2014") < annex.index("Drafting notes: Section L") < annex.index("Section M \u2014")
    assert "drafting notes are explanatory only and are not part of the legal text" in annex
    # static markup in the annex (coloured underline / strikethrough), native revisions in legal-text.docx
    body = part(folder / "consultation.docx", "word/document.xml")
    assert "<w:ins " not in body and "<w:del " not in body and "<w:strike/>" in body and "<w:u " in body
    assert "<w:ins " in part(folder / "legal-text.docx", "word/document.xml")
    assert "illustrative" in text.lower() and "5pm on Monday" in text
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["stage"] == stage
    assert [f["name"] for f in manifest["files"] if not f["name"].startswith("site/")] == [
        "consultation.docx", "legal-text.docx", "response-form.docx"]


@needs_checker
def test_mp134a_outputs_pass_the_checker(mp134a):
    assert_clean(*sorted(mp134a.glob("*/*.docx")))


def test_mp134a_pack_is_deterministic(mp134a, tmp_path):
    result = CliRunner().invoke(main, ["consult", str(MP134A), "--stage", "report", "-o", str(tmp_path),
                                       "--baselines", str(BASELINES)])
    assert result.exit_code == 0
    for name in ("consultation.docx", "response-form.docx", "legal-text.docx", "manifest.json", "site/index.html",
                 "site/doc/section-l.html", "site/search-index.js"):
        assert (tmp_path / name).read_bytes() == (mp134a / "report" / name).read_bytes(), name
