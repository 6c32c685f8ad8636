"""The external corpus (../shared/corpus): documents other software wrote, with expectations.

* ``accept_reject``: ``secdocs text --track-changes accept|reject`` equals the expected text
  under each entry's ``match`` rule (24 documents; null expectations are skipped);
* ``accept_numPr`` / ``reject_numPr``: the explicit numbering of each paragraph in our view;
* ``numbering``: the labels the reader computes for pandoc's list files and Docxodus VP004;
* the Open-XML-PowerTools LIR files: 3,500 items numbered a … and i … mmmd.

The files are read where they are; nothing is copied into the repository.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from secdocs.structure.blocks import Para, Table
from secdocs.cli import main
from secdocs.model.numbering import format_ordinal
from secdocs.ooxml.package import open_package
from secdocs.ooxml.read import DocxReader, read_docx
from secdocs.ooxml.revisions import apply_view, leftover_revisions
from secdocs.ooxml.wordml import W_NS

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not (CORPUS / "expectations.json").is_file(), reason="external corpus not found")


@lru_cache(maxsize=1)
def expectations() -> dict:
    return json.loads((CORPUS / "expectations.json").read_text(encoding="utf-8"))


def _accept_reject_cases() -> list:
    if not (CORPUS / "expectations.json").is_file():
        return []
    cases = []
    for path, entry in expectations()["accept_reject"].items():
        for view in ("accept", "reject"):
            marks = [] if entry.get(view) is not None else [pytest.mark.skip(reason="no expectation for this view")]
            cases.append(pytest.param(path, view, id=f"{Path(path).stem}-{view}", marks=marks))
    return cases


def _pandoc_normalised(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if " ".join(line.split())]


def _matches(path: str, view: str, got: str, entry: dict) -> bool:
    expected = entry[view]
    if "caveat" in entry and "ALL whitespace removed" in entry["caveat"] and view == "accept":
        return re.sub(r"\s", "", got) == re.sub(r"\s", "", expected)
    if entry["match"].startswith("pandoc-normalised"):
        return _pandoc_normalised(got) == _pandoc_normalised(expected)
    assert entry["match"].startswith("exact"), entry["match"]
    return got == expected


@pytest.mark.parametrize("path, view", _accept_reject_cases())
def test_accept_reject_text(path, view):
    entry = expectations()["accept_reject"][path]
    result = CliRunner().invoke(main, ["text", "--track-changes", view, str(CORPUS / path)])
    assert result.exit_code == 0, result.output
    got = result.output[:-1] if result.output.endswith("\n") else result.output  # echo adds one newline
    assert _matches(path, view, got, entry), f"\n got: {got!r}\nwant: {entry[view]!r}"


def test_every_accept_reject_entry_is_covered():
    entries = expectations()["accept_reject"]
    assert len(entries) == 24
    assert sum(1 for e in entries.values() for v in ("accept", "reject") if e[v] is not None) == 47


@pytest.mark.parametrize("path", [p for p, e in (expectations()["accept_reject"].items()
                                                 if (CORPUS / "expectations.json").is_file() else [])
                                  if "accept_numPr" in e])
@pytest.mark.parametrize("view", ["accept", "reject"])
def test_numbering_properties_in_each_view(path, view):
    """The explicit w:numPr each paragraph keeps in our view equals the baseline document's."""
    expected = expectations()["accept_reject"][path][f"{view}_numPr"]
    root = apply_view(open_package(CORPUS / path).xml("word/document.xml"), view)
    assert leftover_revisions(root) == []
    body = root.find(f"{{{W_NS}}}body")
    got = []
    for p in body.iter(f"{{{W_NS}}}p"):
        if next(p.iterancestors(f"{{{W_NS}}}p"), None) is not None:
            continue
        num_pr = p.find(f"{{{W_NS}}}pPr/{{{W_NS}}}numPr")
        if num_pr is None:
            got.append(None)
            continue
        values = {k: (el.get(f"{{{W_NS}}}val") if (el := num_pr.find(f"{{{W_NS}}}{k}")) is not None else None)
                  for k in ("numId", "ilvl")}
        got.append(values)
    assert got == expected


@pytest.mark.parametrize("path", ["open-xml-powertools/RP/RP001-Tracked-Revisions-01.docx",
                                  "docxodus/eval/legal/expected/compare-consolidate.docx",
                                  "python-redlines/expected_redline.docx"])
def test_views_leave_no_revision_markup(path):
    package = open_package(CORPUS / path)
    for view in ("accept", "reject"):
        for part in [package.main_part, *package.related(package.main_part, "footnotes"),
                     *package.related(package.main_part, "header")]:
            assert leftover_revisions(apply_view(package.xml(part), view)) == [], (part, view)


# -- numbering -------------------------------------------------------------------------------------

_STYLES = {"Decimal": "decimal", "LowerAlpha": "lowerLetter", "UpperAlpha": "upperLetter",
           "LowerRoman": "lowerRoman", "UpperRoman": "upperRoman"}


def _paragraphs(path: Path) -> list[Para]:
    blocks = DocxReader(open_package(path), "accept").body()
    out: list[Para] = []
    for block in blocks:
        if isinstance(block, Table):
            out.extend(p for row in block.rows for cell in row for p in cell)
        else:
            out.append(block)
    return out


def _pandoc_cases() -> list[str]:
    if not (CORPUS / "expectations.json").is_file():
        return []
    return [p for p in expectations()["numbering"] if p.startswith("pandoc/")]


@pytest.mark.parametrize("path", _pandoc_cases())
def test_pandoc_list_numbers(path):
    """Each ordered item has the number and format pandoc reports; bullets are bullets; other
    paragraphs (and pandoc's plain headings) carry no list number."""
    sequence = expectations()["numbering"][path]["sequence"]
    paras = [p for p in _paragraphs(CORPUS / path) if " ".join(p.text.split())]
    expected = [s for s in sequence if " ".join(s["text"].split())]
    assert [" ".join(p.text.split()) for p in paras] == [" ".join(s["text"].split()) for s in expected]
    for para, item in zip(paras, expected):
        auto = para.auto
        if item["kind"] == "ordered-item":
            assert auto is not None, item
            assert auto.value == item["number"], item
            assert auto.fmt == _STYLES[item["style"]], item
            assert auto.ilvl + 1 == item["depth"], item
            core = format_ordinal(item["number"], _STYLES[item["style"]])
            assert core in auto.text, (auto.text, item)
            if item["delim"] == "Period":
                assert auto.text.endswith(f"{core}."), (auto.text, item)
        elif item["kind"] == "bullet-item":
            assert auto is not None and auto.is_bullet, item
            assert auto.ilvl + 1 == item["depth"], item
        elif item["kind"] == "para":
            assert auto is None or auto.fmt == "none", item
        elif item["kind"] == "heading" and path.endswith(("numbered_header.docx", "enumerated_headings.docx")):
            assert auto is not None and auto.fmt == "decimal", item  # numbered; pandoc drops it
        else:
            assert auto is None, item


def test_pandoc_enumerated_headings_through_styles():
    """Headings numbered only through the heading styles' numPr: 1 / 1.1 / 1.1.1."""
    paras = [p for p in _paragraphs(CORPUS / "pandoc/enumerated_headings.docx") if p.text.strip()]
    assert [p.auto.text if p.auto else None for p in paras] == ["1", "1.1", "1.1.1", None]


def test_vp004_heading_labels_and_tree():
    entry = expectations()["numbering"]["docxodus/VP/VP004-Legal-Contract.docx"]
    paras = _paragraphs(CORPUS / "docxodus/VP/VP004-Legal-Contract.docx")
    headings = [(" ".join(p.text.split()), p.auto.text) for p in paras if p.style.lower().startswith("heading")]
    assert headings == [(h["text"], h["label"]) for h in entry["headings"]]
    # the definitions list (a)-(d) with (i)-(iii) under (c), the termination list (a)-(c)
    doc = read_docx(CORPUS / "docxodus/VP/VP004-Legal-Contract.docx")
    from secdocs.model.address import flatten

    numbers = [row["number"] for row in flatten(doc) if row["number"]]
    assert numbers[:9] == ["1", "1(a)", "1(b)", "1(c)", "1(c)(i)", "1(c)(ii)", "1(c)(iii)", "1(d)", "2"]
    assert ["4(a)", "4(b)", "4(c)"] == [n for n in numbers if n.startswith("4(")]
    assert {h["label"].rstrip(".") for h in entry["headings"]} <= set(numbers)


def test_vp004_cross_references_keep_their_cached_results():
    entry = expectations()["numbering"]["docxodus/VP/VP004-Legal-Contract.docx"]["cross_references"]
    text = "\n".join(p.text for p in _paragraphs(CORPUS / "docxodus/VP/VP004-Legal-Contract.docx"))
    for label in entry.values():
        assert f"Section {label}" in text
    assert "REF " not in text and "PAGEREF" not in text  # instructions are not text


@pytest.mark.parametrize("name, fmt", [("LIR019-en-US-lowerLetter.docx", "lowerLetter"),
                                       ("LIR020-en-US-lowerRoman.docx", "lowerRoman"),
                                       ("LIR004-en-US-upperRoman.docx", "upperRoman")])
def test_lir_3500_items(name, fmt):
    """Paragraph N holds N; Word labels it format(N) + "|" (a … zz, aaa …; i … mmmd)."""
    paras = [p for p in _paragraphs(CORPUS / "open-xml-powertools/LIR" / name) if p.text.strip()]
    assert len(paras) == 3500
    for para in paras:
        n = int(para.text)
        assert para.auto is not None and para.auto.text == format_ordinal(n, fmt) + "|", (n, para.auto)
    assert paras[-1].auto.text == {"lowerLetter": "p" * 135, "lowerRoman": "mmmd", "upperRoman": "MMMD"}[fmt] + "|"
