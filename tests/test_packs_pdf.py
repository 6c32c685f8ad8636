"""``--pdf``: PDFs through LibreOffice, with the dates and ID LibreOffice stamps made fixed."""

import json
import shutil

import pytest

from packs_helpers import BASELINES, placeholder_legal, write_mod
from secdocs.packs.data import load
from secdocs.packs.pack import pack_files, write_pack
from secdocs.render.pdf import fix_pdf

needs_lo = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


def test_fix_pdf_keeps_length_and_fixes_stamps():
    raw = (b"%PDF-1.6\n<</CreationDate(D:20240513101112+02'00')/Producer(LibreOffice 7.4)>>\n"
           b"trailer <</ID [ <0A1B2C3D4E5F>\n<0A1B2C3D4E5F> ]\n/DocChecksum /ADE1B056F1E5\n>>\n")
    fixed = fix_pdf(raw)
    assert len(fixed) == len(raw)
    assert b"D:20000101000000+00'00'" in fixed and b"<000000000000>" in fixed
    assert b"/DocChecksum /000000000000" in fixed


@pytest.mark.libreoffice
@needs_lo
def test_pack_with_pdfs_is_deterministic(tmp_path):
    data = load(write_mod(tmp_path / "mod"), "refinement", baselines=BASELINES)
    files = pack_files(data, legal_text=placeholder_legal)
    write_pack(files, tmp_path / "one", pdf=True, data=data)
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == ["consultation.docx", "consultation.pdf", "legal-text.docx", "legal-text.pdf", "manifest.json",
                     "response-form.docx", "response-form.pdf"]
    assert all((tmp_path / "one" / n).read_bytes().startswith(b"%PDF") for n in names if n.endswith(".pdf"))
    manifest = json.loads((tmp_path / "one" / "manifest.json").read_text())
    assert len(manifest["files"]) == 6
    from secdocs.render.pdf import docx_to_pdf

    again = docx_to_pdf({"response-form.docx": files["response-form.docx"]})["response-form.pdf"]
    assert again == (tmp_path / "one" / "response-form.pdf").read_bytes()
    # a later build without --pdf removes the PDFs that no longer match
    write_pack(files, tmp_path / "one", pdf=False, data=data)
    assert not list((tmp_path / "one").glob("*.pdf"))


@pytest.mark.libreoffice
@needs_lo
def test_legal_text_pdf_is_the_shared_conversion_beside_the_docx(tmp_path):
    """``secdocs legal-text --pdf`` goes through the same LibreOffice conversion as the packs
    (secdocs.render.pdf): the PDF lands beside the .docx, named after it, with the same bytes."""
    from click.testing import CliRunner

    from secdocs.cli import main
    from secdocs.render.pdf import docx_to_pdf

    out = tmp_path / "sub" / "MP134A.docx"
    res = CliRunner().invoke(main, ["legal-text", str(BASELINES.parent / "modifications" / "MP134A"), "-o", str(out),
                                    "--baselines", str(BASELINES), "--pdf"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[-1] == str(out.with_suffix(".pdf"))
    # the PDF is for circulation: the same legal text in static markup (issue 14 item 6)
    static = tmp_path / "static.docx"
    res = CliRunner().invoke(main, ["legal-text", str(BASELINES.parent / "modifications" / "MP134A"), "-o",
                                    str(static), "--baselines", str(BASELINES), "--style", "static"])
    assert res.exit_code == 0, res.output
    assert docx_to_pdf({str(out): static.read_bytes()}) == {str(out.with_suffix(".pdf")):
                                                            out.with_suffix(".pdf").read_bytes()}
