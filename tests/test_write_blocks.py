"""The blocks writer (ooxml.blocks_writer) and its form controls (ooxml.forms): the house style
taken from ooxml/styles.py and reference.docx, controls written, filled and read back (accept view)."""

from __future__ import annotations

import docx
from lxml import etree

from secdocs.ooxml import styles as S
from secdocs.structure import house as H
from secdocs.ooxml.blocks_writer import Builder
from secdocs.model import Run
from secdocs.ooxml.blockspec import Block, Table
from secdocs.ooxml.forms import Control, Question, controls_table, fill_form, questions_table, read_form_content
from secdocs.ooxml.package import package_bytes, read_package
from secdocs.resources import reference_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _styles(blob: bytes) -> dict[str, etree._Element]:
    root = etree.fromstring(read_package(blob, "x").parts["word/styles.xml"])
    return {s.get(f"{W}styleId"): s for s in root.iter(f"{W}style")}


def _build(reference=None) -> bytes:
    b = Builder.new(reference)
    b.render([Block("title", [Run("T")]), Block("h1", [Run("H")]), Block("p", [Run("x ", True), Run("y")]),
              Table(widths=[30, 70], head=[[[Run("A")], [Run("B")]]], rows=[[[Run("a")], [Run("b")]]])])
    return b.to_bytes()


def test_a_base_without_the_house_styles_gets_them_from_reference_docx(tmp_path):
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))  # Letter paper, no SEC styles
    got = _styles(_build(plain))
    house = _styles(reference_docx().read_bytes())
    for name in (H.TITLE, H.SUBTITLE, H.META, H.COVER_NOTE, H.TABLE_CAPTION, H.TABLE_TEXT, H.TABLE_HEADING, H.BANNER):
        sid = S.style_id(name)
        assert etree.tostring(got[sid]) == etree.tostring(house[sid]), name
    sect = etree.fromstring(read_package(_build(plain), "x").parts["word/document.xml"]).find(f"{W}body/{W}sectPr")
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    assert (int(size.get(f"{W}w")), int(size.get(f"{W}h"))) == (S.PAGE_WIDTH, S.PAGE_HEIGHT)
    assert int(margins.get(f"{W}left")) == S.MARGIN and int(margins.get(f"{W}header")) == S.HEADER_DISTANCE


def test_the_pack_styles_are_the_ones_styles_py_declares():
    got = _styles(_build())
    for spec in S.PACK_STYLES:
        style = got[S.style_id(spec.name)]
        assert style.find(f"{W}basedOn").get(f"{W}val") == S.style_id(spec.based_on)
        spacing = style.find(f"{W}pPr/{W}spacing")
        for key in ("before", "after"):
            want = getattr(spec, key)
            have = spacing.get(f"{W}{key}") if spacing is not None else None
            assert (int(have) if have is not None else None) == want, (spec.name, key)
        ind = style.find(f"{W}pPr/{W}ind")
        if spec.left is not None:
            assert (int(ind.get(f"{W}left")), int(ind.get(f"{W}hanging"))) == (spec.left, spec.hanging)
        size = style.find(f"{W}rPr/{W}sz")
        assert (int(size.get(f"{W}val")) if size is not None else None) == (spec.size * 2 if spec.size else None)
        fill = style.find(f"{W}pPr/{W}shd")
        assert (fill.get(f"{W}fill") if fill is not None else None) == spec.shading


def _form() -> bytes:
    b = Builder.new()
    b.render([Block("insert", name="who"), Block("insert", name="questions")], inserts={
        "who": lambda b: controls_table(b, [("Name", Control("Name", "respondent.name", 100, "Enter your name."))]),
        "questions": lambda b: questions_table(b, ("No.", "Question", "Response", "Rationale"), [
            Question("Q1", "Do you agree?",
                     Control("Q1 Response", "q1.response", 1002, "Enter your response here.", "rich"),
                     Control("Q1 Rationale", "q1.rationale", 1003, "Enter your rationale here.", "rich"))]),
    })
    return b.to_bytes()


def _track(blob: bytes) -> bytes:
    """The respondent's name edited with tracked changes: "Ann" deleted, "Bea" inserted."""
    pkg = read_package(blob, "form")
    root = pkg.xml(pkg.main_part)
    for sdt in root.iter(f"{W}sdt"):
        if sdt.find(f"{W}sdtPr/{W}tag").get(f"{W}val") == "secdocs:respondent.name":
            content = sdt.find(f"{W}sdtContent")
            run = content.find(f"{W}r")
            deleted = etree.SubElement(content, f"{W}del", {f"{W}id": "1", f"{W}author": "A"})
            content.remove(run)
            deleted.append(run)
            run.find(f"{W}t").tag = f"{W}delText"
            inserted = etree.SubElement(content, f"{W}ins", {f"{W}id": "2", f"{W}author": "A"})
            etree.SubElement(etree.SubElement(inserted, f"{W}r"), f"{W}t").text = "Bea"
    parts = dict(pkg.parts)
    parts[pkg.main_part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return package_bytes(parts)


def test_blocks_take_the_models_runs_with_their_formatting():
    b = Builder.new()
    b.render([Block("p", [Run("plain "), Run("bold ", bold=True), Run("italic ", italic=True),
                          Run("under", underline=True), Run("\nnext")])])
    body = etree.fromstring(read_package(b.to_bytes(), "x").parts["word/document.xml"]).find(f"{W}body")
    marks = []
    for r in body.iter(f"{W}r"):
        props = r.find(f"{W}rPr")
        marks.append(("".join(t.text for t in r.iter(f"{W}t")), r.find(f"{W}br") is not None,
                      sorted(c.tag[len(W):] for c in props) if props is not None else []))
    assert marks == [("plain ", False, []), ("bold ", False, ["b"]), ("italic ", False, ["i"]),
                     ("under", False, ["u"]), ("", True, []), ("next", False, [])]


def test_controls_written_filled_and_read_back(tmp_path):
    blank = tmp_path / "blank.docx"
    blank.write_bytes(_form())
    content = read_form_content(blank)
    assert {c.tag: c.text for c in content.controls} == {  # placeholders are no text
        "secdocs:respondent.name": "", "secdocs:q1.response": "", "secdocs:q1.rationale": ""}
    filled = tmp_path / "filled.docx"
    filled.write_bytes(fill_form(_form(), {"respondent.name": "Ann", "q1.response": ["Agree.", "Mostly."]}))
    content = read_form_content(filled)
    assert {c.alias: c.text for c in content.controls} == {"Name": "Ann", "Q1 Response": "Agree.\nMostly.",
                                                            "Q1 Rationale": ""}
    assert [c.text for c in content.tables[0][0]] == ["Name", "Ann"]
    assert [c.text for c in content.tables[1][1]] == ["Q1", "Do you agree?", "Agree.\nMostly.", ""]


def test_a_form_is_read_in_its_accept_view(tmp_path):
    path = tmp_path / "tracked.docx"
    path.write_bytes(_track(fill_form(_form(), {"respondent.name": "Ann"})))
    content = read_form_content(path)
    assert [c.text for c in content.tables[0][0]] == ["Name", "Bea"]
    assert next(c.text for c in content.controls if c.alias == "Name") == "Bea"


def _styles_part(*styles: tuple[str, dict[str, str]]) -> etree._Element:
    root = etree.Element(f"{W}styles")
    for sid, refs in styles:
        style = etree.SubElement(root, f"{W}style", {f"{W}styleId": sid})
        for ref, val in refs.items():
            etree.SubElement(style, f"{W}{ref}", {f"{W}val": val})
    return root


def test_copy_styles_brings_each_style_with_its_chain_depth_first():
    from secdocs.ooxml.stylecopy import copy_styles

    source = _styles_part(("A", {"basedOn": "B", "link": "AChar", "next": "C"}), ("B", {"basedOn": "Normal"}),
                          ("AChar", {}), ("C", {"basedOn": "B"}), ("D", {}), ("Normal", {}))
    target = _styles_part(("Normal", {}))
    have = copy_styles(target, source, ["A", "D", "Missing"])
    assert [s.get(f"{W}styleId") for s in target] == ["Normal", "A", "B", "AChar", "C", "D"]
    assert have == {"Normal", "A", "B", "AChar", "C", "D"}
    assert copy_styles(target, source, ["A"]) == have and len(target) == 6  # nothing twice
