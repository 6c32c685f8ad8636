"""Issue 9 with a document LibreOffice wrote: a contract numbered 1. / 1.1 / a) / i., with a) lists
inside definition cells, written as flat ODF and converted to .docx by LibreOffice at test time.

The reader must give the labels LibreOffice shows (checked against LibreOffice's own text
export of the same .docx) and cite them as provisions (1.1(b)(ii)). Skipped without LibreOffice.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from fixtures_lo.sec_fodt import Fixture
from secdocs.model.address import full_label
from secdocs.cli import main
from secdocs.model import walk
from secdocs.ooxml.read import read_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")]

CONTRACT = Fixture(
    name="lo-contract",
    scheme="decimal",
    list_levels=[("1", "", ".", 1), ("1", "", "", 2), ("a", "", ")", 1), ("i", "", ".", 1)],
    definition_levels=[("a", "", ")", 1)],
    items=[
        ("title", "Pilot Agreement"),
        ("p", "Representative text written for tests."),
        ("n", 1, "Services", "1"),
        ("n", 2, "The Provider will provide the Services:", "1.1"),
        ("n", 3, "on time;", "1.1(a)"),
        ("n", 3, "with care, which includes:", "1.1(b)"),
        ("n", 4, "skill; and", "1.1(b)(i)"),
        ("n", 4, "diligence.", "1.1(b)(ii)"),
        ("n", 2, "The Customer will pay the Fees.", "1.2"),
        ("n", 1, "Definitions", "2"),
        ("n", 2, "In this Agreement the following expressions have these meanings:", "2.1"),
        ("defs", [("Services", [("p", "means:"), ("n", 1, "support; and", None), ("n", 1, "hosting.", None)]),
                  ("Fees", [("p", "means either:"), ("n", 1, "the monthly fee; or", None),
                            ("n", 1, "the annual fee.", None)])]),
    ],
)
SHOWN = ["1.", "1.1", "a)", "b)", "i.", "ii.", "1.2", "2.", "2.1"]


@pytest.fixture(scope="module")
def contract(tmp_path_factory):
    """(the .docx LibreOffice wrote, LibreOffice's text export of it): two soffice runs in all."""
    work = tmp_path_factory.mktemp("lo-contract")
    src = work / "lo-contract.fodt"
    src.write_text(CONTRACT.fodt(), encoding="utf-8")
    profile = (work / "profile").as_uri()
    docx = work / "lo-contract.docx"
    for target, source in (("docx", src), ("txt:Text (encoded):UTF8", docx)):
        proc = subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                               "--convert-to", target, "--outdir", str(work / target[:3]), str(source)],
                              capture_output=True, text=True, timeout=180)
        if target == "docx":
            (work / "doc" / "lo-contract.docx").replace(docx)
    text = work / "txt" / "lo-contract.txt"
    assert docx.is_file() and text.is_file(), proc.stderr
    return docx, text.read_text(encoding="utf-8-sig")


def test_labels_and_citations_of_a_contract_libreoffice_wrote(contract):
    docx, _ = contract
    doc = read_docx(docx)
    numbered = [(full_label(path, q), q.label) for path, q in walk(doc.provisions) if q.number]
    assert numbered == list(zip(CONTRACT.expected_numbers(), SHOWN))
    assert [str(w) for w in doc.warnings] == []


def test_the_labels_are_those_libreoffice_shows(contract):
    docx, lo_text = contract
    lines = [" ".join(line.split()) for line in lo_text.splitlines()]
    doc = read_docx(docx)
    for _, q in walk(doc.provisions):
        if q.number:
            assert f"{q.label} {q.heading_text or q.own_text}" in lines


def test_definitions_read_as_shown(contract):
    docx, lo_text = contract
    result = CliRunner().invoke(main, ["parse", "--json", str(docx)])
    assert result.exit_code == 0, result.output
    definitions = json.loads(result.stdout)["definitions"]
    assert definitions == [{"term": "Services", "text": "means:\na) support; and\nb) hosting."},
                           {"term": "Fees", "text": "means either:\na) the monthly fee; or\nb) the annual fee."}]
    lines = [" ".join(line.split()) for line in lo_text.splitlines()]
    assert "a) support; and" in lines and "b) the annual fee." in lines
