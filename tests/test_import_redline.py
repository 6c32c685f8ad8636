"""``secdocs import``: redlines from us, from LibreOffice and written the way Word writes them
become amendment sets that apply exactly; a redline drafted against another version is refused.

Round trips compare ``apply(imported)`` with ``apply(MP134A)`` in the same run (byte for byte),
never against stored hashes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from secdocs.amend.importer import ImportRefused, import_redlines
from secdocs.amend.load import load_amendments
from secdocs.cli import main
from secdocs.ooxml.read import read_docx

ROOT = Path(__file__).resolve().parents[1]
BASELINES = ROOT / "baselines"
MP134A = ROOT / "modifications" / "MP134A"
CORPUS = ROOT.parent / "shared" / "corpus"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def cli(*args: str) -> "object":
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def docx_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.docx"))}


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """MP134A applied directly, its tracked and static redlines, and its legal text."""
    work = tmp_path_factory.mktemp("import")
    out = {"work": work, "direct": work / "direct", "tracked": work / "tracked", "static": work / "static",
           "legal": work / "legal-text.docx"}
    assert cli("apply", str(MP134A), "--baselines", str(BASELINES), "-o", str(out["direct"])).exit_code == 0
    assert cli("redline", str(MP134A), "--baselines", str(BASELINES), "-o", str(out["tracked"])).exit_code == 0
    assert cli("redline", str(MP134A), "--baselines", str(BASELINES), "-o", str(out["static"]),
               "--style", "static").exit_code == 0
    assert cli("legal-text", str(MP134A), "--baselines", str(BASELINES), "-o", str(out["legal"])).exit_code == 0
    return out


def mp134a_record(documents: list[str]) -> str:
    """MP134A's modification.toml with only the [[documents]] entries of ``documents``."""
    text = (MP134A / "modification.toml").read_text(encoding="utf-8")
    entries = re.findall(r'\[\[documents\]\]\nid = "([^"]+)"\ntitle = "[^"]*"\namendments = "[^"]*"\n\n', text)
    assert len(entries) == 6
    for doc_id in entries:
        if doc_id not in documents:
            text = re.sub(r'\[\[documents\]\]\nid = "' + re.escape(doc_id) + r'"\n[^\[]*?\n\n', "", text)
    return text


def round_trip(made: dict[str, Path], redlines: list[Path], name: str) -> tuple[dict, dict, "object"]:
    """Import ``redlines``, give the result MP134A's record, apply it: (got, want, import result),
    the consolidated documents of the import and of MP134A applied directly."""
    folder = made["work"] / f"mod-{name}"
    result = cli("import", *map(str, redlines), "--baselines", str(BASELINES), "-o", str(folder), "--id", "MP134A")
    assert result.exit_code == 0, result.output
    imported = tomllib.loads((folder / "modification.toml").read_text(encoding="utf-8"))
    ids = [d["id"] for d in imported["documents"]]
    (folder / "modification.toml").write_text(mp134a_record(ids), encoding="utf-8")  # same record, same history
    applied = made["work"] / f"applied-{name}"
    assert cli("apply", str(folder), "--baselines", str(BASELINES), "-o", str(applied)).exit_code == 0
    got = docx_files(applied)
    return got, {k: v for k, v in docx_files(made["direct"]).items() if k in got}, result


def test_tracked_redlines_round_trip(made):
    got, want, result = round_trip(made, sorted(made["tracked"].glob("*.docx")), "tracked")
    assert got == want and len(got) == 6
    assert "section-L.toml: Section L: 17 operations" in result.output
    assert "(tracked changes)" in result.output
    assert ("section-L-redline.docx: the changes to its cover, cover notes and version history are not imported"
            " (apply writes its own)") in result.output


SOME = ("section-A-redline.docx", "section-L-redline.docx", "appendix-B-redline.docx")  # each kind of document


def test_static_redlines_round_trip(made):
    got, want, result = round_trip(made, [made["static"] / name for name in SOME], "static")
    assert got == want and len(got) == 3
    assert "(static changes)" in result.output


def test_legal_text_round_trips(made):
    got, want, result = round_trip(made, [made["legal"]], "legal")
    assert got == want and len(got) == 6
    assert "section-A.toml: Section A: 9 operations" in result.output
    assert "numbering" not in result.output or "as expected in a legal text" in result.output


def test_static_legal_text_imports(made, tmp_path):
    static = tmp_path / "legal-text-static.docx"
    assert cli("legal-text", str(MP134A), "--baselines", str(BASELINES), "-o", str(static),
               "--style", "static").exit_code == 0
    result = import_redlines([static], BASELINES, "MP134A")  # checked by applying: gives the legal text
    assert [(d.id, d.markup, len(d.ops)) for d in result.documents] == [
        ("Section A", "static", 9), ("Section L", "static", 17), ("Section M", "static", 4),
        ("Appendix B", "static", 5), ("Appendix Q", "static", 5), ("Appendix S", "static", 5)]


LEGAL_M813B = '<w:r><w:t xml:space="preserve">return or destroy (at the option'
LEGAL_M813B_WORD = (f'<w:del w:id="301" {{auth}}><w:r w:rsidDel="00AB"><w:delText>return or destroy</w:delText></w:r>'
                    f'</w:del><w:ins w:id="302" {{auth}}><w:r w:rsidR="00AB"><w:t>destroy or return</w:t></w:r></w:ins>'
                    '<w:r><w:t xml:space="preserve"> (at the option')


LEGAL_NOTE = '<w:r><w:t xml:space="preserve">Consequential tidy-up:'
LEGAL_NOTE_WORD = ('<w:r><w:t xml:space="preserve">Consequential tidy-up</w:t></w:r><w:ins w:id="303" {auth}>'
                   '<w:r><w:t xml:space="preserve"> (checked by the Working Group)</w:t></w:r></w:ins>'
                   '<w:r><w:t xml:space="preserve">:')


def test_legal_text_edited_in_word(made, tmp_path):
    """A reviewer's further tracked change in the legal text (written as Word writes it) becomes
    one more operation; MP134A's own changes are all still there. An edit to a drafting note is
    reported, not imported (drafting notes are not legal text)."""
    edited = tmp_path / "legal-text-edited.docx"
    with zipfile.ZipFile(made["legal"]) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    assert xml.count(LEGAL_M813B) == 1 and xml.count(LEGAL_NOTE) == 1
    xml = xml.replace(LEGAL_M813B, LEGAL_M813B_WORD.format(auth=W_AUTH))
    parts["word/document.xml"] = xml.replace(LEGAL_NOTE, LEGAL_NOTE_WORD.format(auth=W_AUTH)).encode("utf-8")
    with zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    result = import_redlines([edited], BASELINES, "MP134A")
    section_m = next(d for d in result.documents if d.id == "Section M")
    extra = [op for op in section_m.ops if op["target"] == "M8.13(b)"]
    assert len(section_m.ops) == 5 and len(extra) == 1
    assert (extra[0]["kind"], extra[0]["words"], extra[0]["by"]) == ("substitute", "return or destroy",
                                                                       "destroy or return")
    assert f"{edited}: the drafting notes of Section A were edited; drafting notes are explanatory and are not" \
        " imported" in result.warnings


def test_imported_files_read_back_and_pin_their_targets(made):
    folder = made["work"] / "mod-readback"
    assert cli("import", str(made["tracked"] / "section-L-redline.docx"), "--baselines", str(BASELINES),
               "-o", str(folder)).exit_code == 0
    amendments = load_amendments(folder / "section-L.toml")
    kinds = [op.kind for op in amendments.ops]
    assert kinds.count("insert") == 8 and "heading" in kinds and "substitute" in kinds
    numbers = {op.get("number") for op in amendments.ops if op.kind == "insert"}
    assert {"(ga)", "L1.16A", "L1.16B", "L1.16C", "L1.16D", "L3.13A"} <= numbers  # suffix numbers kept
    assert all(op.expect for op in amendments.ops if op.kind != "insert")
    text = (folder / "modification.toml").read_text(encoding="utf-8")
    assert 'id = "mod-readback"' in text and 'drafted_against_sec_version = "46.0"' in text


def test_section_a_definitions(made):
    result = import_redlines([made["tracked"] / "section-A-redline.docx"], BASELINES, "X")
    kinds = sorted(op["kind"] for op in result.documents[0].ops)
    assert kinds == ["amend_definition"] * 2 + ["delete_definition"] + ["insert_definition"] * 6
    words = [op for op in result.documents[0].ops if op["kind"] == "amend_definition" and "words" in op]
    assert words and words[0]["words"] == "behalf" and words[0]["by"].startswith("behalf (including, during")


def test_drafted_against_another_version_is_refused(made, tmp_path):
    """A baseline whose L1.12 says "two months" where the redline's original says "three": the
    provision is named with a word diff, the exit status is 1 and nothing is written."""
    base = tmp_path / "baselines" / "src"
    base.mkdir(parents=True)
    src = (BASELINES / "src" / "section-L.sec.txt").read_text(encoding="utf-8")
    assert "period of three months" in src
    (base / "section-L.sec.txt").write_text(src.replace("period of three months", "period of two months", 1),
                                           encoding="utf-8")
    out = tmp_path / "MPX"
    result = CliRunner().invoke(main, ["import", str(made["tracked"] / "section-L-redline.docx"),
                                       "--baselines", str(tmp_path / "baselines"), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    lines = [x for x in result.output.splitlines() if x.startswith("secdocs: error:")]
    assert len(lines) == 1 and "Section L L1.12: " in lines[0] and "[-two-] {+three+}" in lines[0]
    assert "nothing imported, nothing written" in result.output and "Traceback" not in result.output


def test_document_option_names_a_redline_without_cover(made):
    result = import_redlines([made["tracked"] / "section-M-redline.docx"], BASELINES, "X", document="Section M")
    assert [d.id for d in result.documents] == ["Section M"]
    two = CliRunner().invoke(main, ["import", str(made["tracked"] / "section-M-redline.docx"),
                                    str(made["tracked"] / "section-L-redline.docx"), "--document", "Section M",
                                    "-o", str(made["work"] / "two")])
    assert two.exit_code == 1 and "give one file" in two.output


def test_imports_are_deterministic(made, tmp_path):
    for name in ("a", "b"):
        assert cli("import", str(made["tracked"] / "section-A-redline.docx"), "--baselines", str(BASELINES),
                   "-o", str(tmp_path / name), "--id", "MPX").exit_code == 0
    assert {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()} == \
        {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}


def test_no_changes_and_existing_folder_are_refused(made, tmp_path):
    with pytest.raises(ImportRefused) as info:
        import_redlines([BASELINES / "section-M.docx"], BASELINES, "X")
    assert "no changes to any provision: no tracked changes and no static markup" in str(info.value)
    with pytest.raises(ImportRefused) as info:  # Word wrote it; its only paragraph is cover text
        import_redlines([CORPUS / "pandoc" / "track_changes_insertion.docx"], BASELINES, "X", document="Section M")
    assert "the tracked changes are all outside the provisions" in str(info.value)
    (tmp_path / "taken").mkdir()
    result = CliRunner().invoke(main, ["import", str(made["tracked"] / "section-M-redline.docx"),
                                       "--baselines", str(BASELINES), "-o", str(tmp_path / "taken")])
    assert result.exit_code == 1 and "already exists" in result.output
    assert list((tmp_path / "taken").iterdir()) == []


# ---------------------------------------------------------------------------------------------
# Written the way Word writes: runs split mid-word with rsids, proofErr, bookmarks, a paragraph
# inserted with its paragraph mark, and a move (moveFrom / moveTo).

W_AUTH = 'w:author="Lead Analyst" w:date="2021-10-13T09:00:00Z"'
M813 = ('<w:r><w:t xml:space="preserve">A Party that ceases to be a Party shall, within ten Working Days after the'
        ' date on which it ceases to be a Party:</w:t></w:r>')
M813_WORD = (
    '<w:r w:rsidR="00A1B2C3"><w:t xml:space="preserve">A Party that ceases to be a Pa</w:t></w:r>'
    '<w:proofErr w:type="spellStart"/><w:r w:rsidR="00D4E5F6" w:rsidRPr="00D4E5F6"><w:t xml:space="preserve">rty'
    ' shall, within </w:t></w:r><w:bookmarkStart w:id="90" w:name="_Ref85011"/>'
    f'<w:del w:id="201" {W_AUTH}><w:r w:rsidDel="00F1"><w:delText>t</w:delText></w:r>'
    '<w:r w:rsidDel="00F2"><w:delText>en</w:delText></w:r></w:del>'
    f'<w:ins w:id="202" {W_AUTH}><w:r w:rsidR="00F3"><w:t>fi</w:t></w:r><w:r><w:t>ve</w:t></w:r></w:ins>'
    '<w:bookmarkEnd w:id="90"/><w:proofErr w:type="spellEnd"/>'
    '<w:r w:rsidR="00A1B2C3"><w:t xml:space="preserve"> Working Days after the date on which it ceases to be'
    ' a Party:</w:t></w:r>')
NEW_PARAGRAPH = (
    f'<w:p w:rsidR="00C0FFEE"><w:pPr><w:pStyle w:val="SECClause"/><w:rPr><w:ins w:id="203" {W_AUTH}/></w:rPr></w:pPr>'
    f'<w:ins w:id="204" {W_AUTH}><w:r><w:t>M8.13A</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t xml:space="preserve">A'
    ' Party that ceases to be a Party shall return any Cryptographic Token issued to it </w:t></w:r>'
    '<w:r><w:t>within the same period.</w:t></w:r></w:ins></w:p>')
M813B = ('<w:p><w:pPr><w:pStyle w:val="SECParagraph1"/></w:pPr><w:r><w:t xml:space="preserve">(b)</w:t><w:tab/>'
         '</w:r><w:r><w:t xml:space="preserve">return or destroy (at the option of the disclosing Party) all'
         ' Confidential Information of any other Party in its possession, subject to Section M4'
         ' (Confidentiality).</w:t></w:r></w:p>')
M813B_DELETED = (  # the whole paragraph deleted, its mark too (Word joins it to the next)
    f'<w:p><w:pPr><w:pStyle w:val="SECParagraph1"/><w:rPr><w:del w:id="209" {W_AUTH}/></w:rPr></w:pPr>'
    f'<w:del w:id="210" {W_AUTH}><w:r><w:delText xml:space="preserve">(b)</w:delText><w:tab/></w:r>'
    '<w:r w:rsidDel="00EE"><w:delText xml:space="preserve">return or destroy (at the option of the disclosing'
    ' Party) all Confidential Information of any other Party in its possession, subject to Section M4'
    ' (Confidentiality).</w:delText></w:r></w:del></w:p>')
CROSS_HEADING = '<w:p><w:pPr><w:pStyle w:val="SECCrossHeading"/></w:pPr><w:r><w:t xml:space="preserve">Accrued Rights'
M814 = ("<w:r><w:t xml:space=\"preserve\">The cessation of a Party's status as a Party shall be without prejudice to"
        " any rights, remedies or liabilities of that Party or of any other Party that accrued before the date of such"
        " cessation.</w:t></w:r>")
M814_MOVED = (
    "<w:r><w:t xml:space=\"preserve\">The cessation of a Party's status as a Party shall be without prejudice to"
    " any rights, remedies or liabilities</w:t></w:r>"
    f'<w:moveToRangeStart w:id="205" w:name="move1" {W_AUTH}/><w:moveTo w:id="206" {W_AUTH}><w:r>'
    '<w:t xml:space="preserve"> that accrued before the date of such cessation</w:t></w:r></w:moveTo>'
    '<w:moveToRangeEnd w:id="205"/>'
    '<w:r><w:t xml:space="preserve"> of that Party or of any other Party</w:t></w:r>'
    f'<w:moveFromRangeStart w:id="207" w:name="move1" {W_AUTH}/><w:moveFrom w:id="208" {W_AUTH}><w:r>'
    '<w:t xml:space="preserve"> that accrued before the date of such cessation</w:t></w:r></w:moveFrom>'
    '<w:moveFromRangeEnd w:id="207"/><w:r><w:t>.</w:t></w:r>')


def word_style_redline(path: Path) -> None:
    with zipfile.ZipFile(BASELINES / "section-M.docx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    for old, new in ((M813, M813_WORD), (CROSS_HEADING, NEW_PARAGRAPH + CROSS_HEADING), (M814, M814_MOVED),
                     (M813B, M813B_DELETED)):
        assert xml.count(old) == 1, old[:60]
        xml = xml.replace(old, new)
    parts["word/document.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_word_style_markup(tmp_path):
    redline = tmp_path / "word.docx"
    word_style_redline(redline)
    result = import_redlines([redline], BASELINES, "MPW")
    ops = result.documents[0].ops
    by_target = {(op["kind"], op["target"]): op for op in ops}
    sub = by_target[("substitute", "M8.13")]
    assert (sub["words"], sub["by"]) == ("ten", "five")
    assert by_target[("insert", "M8.13")]["number"] == "M8.13A"
    assert by_target[("delete", "M8.13(b)")]["remove"] is True
    assert [op["target"] for op in ops if op["kind"] != "insert"] == ["M8.13", "M8.14", "M8.13(b)"]
    # applied, the amendments give what Word shows with every change accepted
    folder = tmp_path / "MPW"
    assert cli("import", str(redline), "--baselines", str(BASELINES), "-o", str(folder)).exit_code == 0
    assert cli("apply", str(folder), "--baselines", str(BASELINES), "-o", str(tmp_path / "out")).exit_code == 0
    applied = {r.number: r.full_text for r in _clauses(read_docx(tmp_path / "out" / "section-M.docx"))}
    accepted = {r.number: r.full_text for r in _clauses(read_docx(redline))}
    assert applied == accepted and "within five Working Days" in applied["M8.13"]
    assert applied["M8.14"].startswith("The cessation of a Party's status as a Party shall be without prejudice to"
                                       " any rights, remedies or liabilities that accrued")


def _clauses(doc):
    from secdocs.model import iter_provisions
    return [p for p in iter_provisions(doc.provisions) if p.number and p.number.startswith("M8.1")]


# ---------------------------------------------------------------------------------------------
# LibreOffice: our redlines opened and saved again by LibreOffice (its own revision XML), and
# a document LibreOffice recorded changes in (flat ODT with tracked changes, converted).

@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_saved_redlines_round_trip(made):
    lo = made["work"] / "lo"
    lo.mkdir()
    profile = (made["work"] / "lo-profile").as_uri()
    redlines = [made["tracked"] / name for name in SOME]
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(lo), *map(str, redlines), str(made["legal"])],
                   capture_output=True, timeout=300, check=True)
    legal = lo / made["legal"].name
    legal.rename(made["work"] / "lo-legal-text.docx")
    saved = sorted(lo.glob("*.docx"))
    assert len(saved) == 3 and all((lo / q.name).read_bytes() != q.read_bytes() for q in redlines)
    assert all(b"<Application>LibreOffice" in zipfile.ZipFile(p).read("docProps/app.xml") for p in saved)
    got, want, _ = round_trip(made, saved, "libreoffice")
    assert got == want
    legal = import_redlines([made["work"] / "lo-legal-text.docx"], BASELINES, "MP134A")  # checked by applying
    assert [len(d.ops) for d in legal.documents] == [9, 17, 4, 5, 5, 5]
