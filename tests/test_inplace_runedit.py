"""Editing a paragraph's text inside its own runs (ooxml.runedit) and the in-place details
(ooxml.inplace helpers): a changed word splits its run and keeps its formatting, nothing else of
the paragraph changes."""

from __future__ import annotations

import pytest
from lxml import etree

from secdocs.errors import InPlaceError
from secdocs.model import Run
from secdocs.ooxml.inplace_lists import follows as _follows, readable as _readable, shown_label as _shown_label
from secdocs.ooxml.runedit import splice, visible_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def para(body: str) -> etree._Element:
    return etree.fromstring(f'<w:p xmlns:w="{W}">{body}</w:p>')


def xml(p: etree._Element) -> str:
    return etree.tostring(p, encoding="unicode").replace(f' xmlns:w="{W}"', "")


BOLD = '<w:r w:rsidR="00A1"><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">The SMKI PMA </w:t></w:r>'
PLAIN = '<w:r><w:rPr><w:i/></w:rPr><w:t>shall meet monthly.</w:t></w:r>'


def test_substitute_splits_the_run_and_keeps_its_format():
    p = para(f'<w:pPr><w:pStyle w:val="X"/></w:pPr><w:bookmarkStart w:id="1" w:name="b"/>{BOLD}{PLAIN}'
             '<w:bookmarkEnd w:id="1"/>')
    text = visible_text(p)
    start = text.index("monthly")
    splice(p, start, start + len("monthly"), [Run("weekly", italic=True)], (False, True, False))
    assert visible_text(p) == "The SMKI PMA shall meet weekly."
    out = xml(p)
    assert out.startswith('<w:p><w:pPr><w:pStyle w:val="X"/></w:pPr><w:bookmarkStart w:id="1" w:name="b"/>' + BOLD)
    assert out.endswith('<w:bookmarkEnd w:id="1"/></w:p>')
    assert out.count("<w:i/>") == 3  # before, the new word, after: each in a copy of the run's properties
    assert '<w:t xml:space="preserve">shall meet </w:t>' in out and "<w:t>weekly</w:t>" in out


def test_insertion_takes_the_format_of_the_text_before_it():
    p = para(BOLD + PLAIN)
    splice(p, len("The SMKI PMA"), len("The SMKI PMA"), [Run(" itself")], (True, False, False))
    assert visible_text(p) == "The SMKI PMA itself shall meet monthly."
    runs = p.findall(f"{{{W}}}r")
    assert [r.find(f"{{{W}}}rPr/{{{W}}}b") is not None for r in runs] == [True, True, True, False]


def test_plain_words_joining_bold_text_stay_bold_but_asked_marks_are_added():
    p = para(PLAIN)
    splice(p, 0, 0, [Run("Note: ", bold=True)], (False, True, False))
    first = p.findall(f"{{{W}}}r")[0]
    assert first.find(f"{{{W}}}rPr/{{{W}}}b") is not None and first.find(f"{{{W}}}rPr/{{{W}}}i") is not None


def test_deleting_a_whole_run_removes_it_and_tabs_are_characters():
    p = para('<w:r><w:t>L1.5</w:t><w:tab/></w:r>' + PLAIN)
    assert visible_text(p) == "L1.5\tshall meet monthly."
    splice(p, 5, len(visible_text(p)), [Run("Not used.")], (False, True, False))
    assert visible_text(p) == "L1.5\tNot used."
    assert len(p.findall(f"{{{W}}}r")) == 2


def test_field_instructions_are_not_text():
    p = para('<w:r><w:t xml:space="preserve">see </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText> REF x </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
             '<w:r><w:t>L1.2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    assert visible_text(p) == "see L1.2"


def test_out_of_range_is_an_error():
    with pytest.raises(InPlaceError):
        splice(para(PLAIN), 5, 99, [Run("x")])


def test_labels_as_the_list_shows_them():
    assert _shown_label("1.1.", "1.1", "1.1A") == "1.1A."
    assert _shown_label("a)", "(a)", "(aa)") == "aa)"
    assert _shown_label("(b)", "(b)", "(ba)") == "(ba)"
    assert _follows("(c)", "(d)") and _follows("L1.21", "L1.22") and not _follows("2.2.2", "2.2.2A")
    assert not _follows("(c)", "(e)") and not _follows("L1.21", "L2.22")
    # a label the reader would not take back as the number is typed as the number
    assert _readable("ba.", "(ba)") == "(ba)" and _readable("1.1A.", "1.1A") == "1.1A."
