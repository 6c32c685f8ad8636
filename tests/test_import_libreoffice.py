"""Changes LibreOffice recorded (Edit ▸ Track Changes ▸ Record) become an amendment set that applies
exactly to the document LibreOffice wrote without them.

Both documents are made at test time: the SEC-shaped flat ODT of ``fixtures_lo`` (Word automatic
numbering as LibreOffice exports it), once as it is and once with ODF tracked changes in it
(insertions, a deletion, a whole inserted list item), converted to .docx by LibreOffice in one
run. Skipped when LibreOffice is not installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from fixtures_lo.specs import SECTION_L
from secdocs.model.address import index
from secdocs.amend.importer import import_redlines
from secdocs.cli import main
from secdocs.ooxml.read import read_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")]

INFO = '<office:change-info><dc:creator>Lead Analyst</dc:creator><dc:date>2021-10-13T09:00:00</dc:date></office:change-info>'
REGIONS = (
    '<text:tracked-changes text:track-changes="true">'
    f'<text:changed-region xml:id="ct1" text:id="ct1"><text:insertion>{INFO}</text:insertion></text:changed-region>'
    f'<text:changed-region xml:id="ct2" text:id="ct2"><text:deletion>{INFO}'
    '<text:p text:style-name="Standard"><text:s/>from any Party</text:p></text:deletion></text:changed-region>'
    f'<text:changed-region xml:id="ct3" text:id="ct3"><text:insertion>{INFO}</text:insertion></text:changed-region>'
    f'<text:changed-region xml:id="ct4" text:id="ct4"><text:deletion>{INFO}'
    '<text:p text:style-name="Standard">two</text:p></text:deletion></text:changed-region>'
    f'<text:changed-region xml:id="ct5" text:id="ct5"><text:insertion>{INFO}</text:insertion></text:changed-region>'
    '</text:tracked-changes>')

EDITS = [
    # an insertion inside a paragraph
    ("duty number 3;", 'duty number 3<text:change-start text:change-id="ct1"/>, including its annual review'
                       '<text:change-end text:change-id="ct1"/>;'),
    # a deletion
    ("The SMKI PMA may request information from any Party.",
     'The SMKI PMA may request information<text:change text:change-id="ct2"/>.'),
    # a whole list item inserted after L1.3(j): the new paragraph break and text are one insertion
    ("duty number 10;</text:p>",
     'duty number 10;<text:change-start text:change-id="ct3"/></text:p></text:list-item><text:list-item>'
     '<text:p text:style-name="Standard">to publish an annual report.<text:change-end text:change-id="ct3"/></text:p>'),
    # a word replaced: deletion then insertion
    ("two shall be appointed", '<text:change text:change-id="ct4"/><text:change-start text:change-id="ct5"/>three'
                              '<text:change-end text:change-id="ct5"/> shall be appointed'),
]


def _base_fodt() -> str:
    """The fixture with a version line on its cover (apply gives the next version)."""
    text = SECTION_L.fodt()
    end = text.index("</text:p>", text.index('text:style-name="Title"')) + len("</text:p>")
    return text[:end] + '<text:p text:style-name="Standard">Version 3.0</text:p>' + text[end:]


def _changed_fodt() -> str:
    text = _base_fodt()
    text = text.replace('xmlns:office=', 'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:office=', 1)
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text.replace("<office:text>", "<office:text>" + REGIONS, 1)


@pytest.fixture(scope="module")
def lo_files(tmp_path_factory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("lo-import")
    (work / "baselines").mkdir()
    (work / "section-L.fodt").write_text(_base_fodt(), encoding="utf-8")
    (work / "redline.fodt").write_text(_changed_fodt(), encoding="utf-8")
    profile = (work / "profile").as_uri()
    proc = subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                           "--convert-to", "docx", "--outdir", str(work), str(work / "section-L.fodt"),
                           str(work / "redline.fodt")], capture_output=True, text=True, timeout=180)
    assert (work / "redline.docx").is_file() and (work / "section-L.docx").is_file(), proc.stderr
    (work / "section-L.docx").rename(work / "baselines" / "section-L.docx")
    (work / "baselines" / "manifest.json").write_text(json.dumps({"Section L": "section-L.docx"}), encoding="utf-8")
    return {"work": work, "baselines": work / "baselines", "redline": work / "redline.docx"}


def test_libreoffice_recorded_changes_are_tracked_changes(lo_files):
    reject = read_docx(lo_files["redline"], view="reject")
    accept = read_docx(lo_files["redline"])
    base = read_docx(lo_files["baselines"] / "section-L.docx")
    assert {k: v.provision.full_text for k, v in index(reject).items()} == \
        {k: v.provision.full_text for k, v in index(base).items()}
    assert index(accept)["L1.3(k)"].provision.full_text == "to publish an annual report."


def test_libreoffice_redline_imports_and_applies(lo_files):
    result = import_redlines([lo_files["redline"]], lo_files["baselines"], "MPLO")
    ops = {(op["kind"], op["target"]): op for op in result.documents[0].ops}
    assert ops[("insert_text", "L1.3(c)")]["text"] == ", including its annual review"
    assert ops[("delete_text", "L1.4")]["words"] == " from any Party"
    assert ops[("substitute", "L1.2(b)(i)")]["by"] == "three"
    assert ops[("insert", "L1.3(j)")]["number"] == "(k)"
    out = lo_files["work"] / "MPLO"
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(lo_files["redline"]), "--baselines", str(lo_files["baselines"]),
                                "-o", str(out)]).exit_code == 0
    applied = runner.invoke(main, ["apply", str(out), "--baselines", str(lo_files["baselines"]),
                                   "-o", str(lo_files["work"] / "applied")])
    assert applied.exit_code == 0, applied.output
    assert "Section L 3.0 → 4.0, 4 operations" in applied.output
    got = read_docx(lo_files["work"] / "applied" / "section-L.docx")
    want = read_docx(lo_files["redline"])
    assert {k: v.provision.full_text for k, v in index(got).items()} == \
        {k: v.provision.full_text for k, v in index(want).items()}
