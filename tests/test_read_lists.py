"""secdocs.ooxml.lists: the labels Word's automatic numbering gives paragraphs."""

from __future__ import annotations

from lxml import etree

from reader_helpers import NS, abstract, level, num, style
from secdocs.ooxml.lists import ListCounter, NumberingDefinitions
from secdocs.ooxml.stylesheet import StyleSheet

SEC_LEVELS = [level(0, "decimal", "L%1"), level(1, "decimal", "L%1.%2"), level(2, "lowerLetter", "(%3)"),
              level(3, "lowerRoman", "(%4)"), level(4, "upperLetter", "(%5)")]


def counter(numbering: str, styles: str = "") -> ListCounter:
    defs = NumberingDefinitions.parse(etree.fromstring(f"<w:numbering {NS}>{numbering}</w:numbering>"))
    sheet = StyleSheet.parse(etree.fromstring(f"<w:styles {NS}>{styles}</w:styles>")) if styles else StyleSheet()
    return ListCounter(defs, sheet)


def ppr(num_id: int | None = None, ilvl: int | None = None, style_id: str | None = None) -> etree._Element:
    xml = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
    if num_id is not None or ilvl is not None:
        xml += "<w:numPr>" + (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") \
            + (f'<w:numId w:val="{num_id}"/>' if num_id is not None else "") + "</w:numPr>"
    return etree.fromstring(f"<w:pPr {NS}>{xml}</w:pPr>")


def labels(c: ListCounter, paragraphs: list[tuple]) -> list[str | None]:
    """Feed (numId, ilvl[, style]) tuples (None for an unnumbered paragraph) and collect labels."""
    out = []
    for para in paragraphs:
        if para is None:
            out.append(None if c.label(ppr(), None) is None else "?")
            continue
        num_id, ilvl, *rest = para
        style_id = rest[0] if rest else None
        label = c.label(ppr(num_id, ilvl, style_id), style_id)
        out.append(label.text if label else None)
    return out


def test_sec_multilevel_list_with_restarts():
    c = counter(abstract(0, SEC_LEVELS) + num(1, 0))
    seq = [(1, 0), (1, 1), (1, 2), (1, 2), (1, 3), (1, 3), (1, 4), (1, 2), (1, 1), (1, 2), (1, 0), (1, 1)]
    assert labels(c, seq) == ["L1", "L1.1", "(a)", "(b)", "(i)", "(ii)", "(A)", "(c)", "L1.2", "(a)", "L2", "L2.1"]


def test_numbering_continues_across_unnumbered_paragraphs_and_num_instances():
    c = counter(abstract(0, [level(0)]) + num(1, 0) + num(2, 0))
    assert labels(c, [(1, 0), (1, 0), None, (2, 0), None, (1, 0)]) == ["1.", "2.", None, "3.", None, "4."]


def test_start_and_start_override():
    c = counter(abstract(0, [level(0, start=2)])
                + num(1, 0) + num(2, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'))
    # the override restarts the list the first time numId 2 is used; later paragraphs continue it
    assert labels(c, [(1, 0), (1, 0), (2, 0), (2, 0), (1, 0)]) == ["2.", "3.", "1.", "2.", "3."]


def test_level_override_with_a_whole_level():
    override = '<w:lvlOverride w:ilvl="0">' + level(0, "upperRoman", "%1)", start=4) + "</w:lvlOverride>"
    c = counter(abstract(0, [level(0)]) + num(1, 0) + num(2, 0, override))
    assert labels(c, [(1, 0), (2, 0), (2, 0)]) == ["1.", "IV)", "V)"]


def test_lvl_restart():
    never = level(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>')
    c = counter(abstract(0, [level(0), never]) + num(1, 0))
    assert labels(c, [(1, 0), (1, 1), (1, 1), (1, 0), (1, 1)]) == ["1.", "1.", "2.", "2.", "3."]
    # lvlRestart 1 on level 2: restarts after level 0 only, not after level 1
    levels = [level(0, text="%1"), level(1, text="%1.%2"), level(2, "lowerLetter", "(%3)", extra='<w:lvlRestart w:val="1"/>')]
    c = counter(abstract(0, levels) + num(1, 0))
    assert labels(c, [(1, 0), (1, 2), (1, 1), (1, 2), (1, 0), (1, 2)]) == ["1", "(a)", "1.1", "(b)", "2", "(a)"]


def test_is_legal_shows_arabic_numerals():
    levels = [level(0, "upperRoman", "%1."), level(1, "lowerLetter", "%1.%2", extra="<w:isLgl/>")]
    c = counter(abstract(0, levels) + num(1, 0))
    assert labels(c, [(1, 0), (1, 0), (1, 1), (1, 1)]) == ["I.", "II.", "2.1", "2.2"]


def test_formats_bullet_and_none():
    levels = [level(0, "bullet", "\u2022"), level(1, "none", ""), level(2, "upperLetter", "%3."),
              level(3, "decimalZero", "%4")]
    c = counter(abstract(0, levels) + num(1, 0))
    got = [c.label(ppr(1, i), None) for i in (0, 1, 2, 3)]
    assert [g.text for g in got] == ["\u2022", "", "A.", "01"]
    assert got[0].is_bullet and got[1].fmt == "none"


def test_a_list_that_begins_below_its_first_level_shows_start_minus_one_as_word_does():
    c = counter(abstract(0, [level(0, text="%1"), level(1, text="%1.%2")]) + num(1, 0))
    assert labels(c, [(1, 1), (1, 0), (1, 1)]) == ["0.1", "1", "1.1"]


def test_a_reset_or_skipped_level_shows_its_start_value_as_word_does():
    # Word's labels for three-level lists walked 0 1 2 2 1 2 0 2 (as recorded in docx4j's
    # NumberingRestartTest): level 2 with lvlRestart 0, with lvlRestart 1, and without
    walk = [(1, i) for i in (0, 1, 2, 2, 1, 2, 0, 2)]
    texts = [level(0, text="%1."), level(1, text="%1.%2.")]
    for restart, want in (('<w:lvlRestart w:val="0"/>', "1. 1.1. 1.1.1. 1.1.2. 1.2. 1.2.3. 2. 2.1.4."),
                          ('<w:lvlRestart w:val="1"/>', "1. 1.1. 1.1.1. 1.1.2. 1.2. 1.2.3. 2. 2.1.1."),
                          ("", "1. 1.1. 1.1.1. 1.1.2. 1.2. 1.2.1. 2. 2.1.1.")):
        c = counter(abstract(0, texts + [level(2, text="%1.%2.%3.", extra=restart)]) + num(1, 0))
        assert " ".join(labels(c, walk)) == want
    # 6.4 then level 3, level 2 skipped: 6.4.1.1 (LibreOffice agrees)
    c = counter(abstract(0, [level(0), level(1, text="%1.%2"), level(2, text="%1.%2.%3"),
                             level(3, text="%1.%2.%3.%4")]) + num(1, 0))
    assert labels(c, [(1, 0), (1, 1), (1, 3), (1, 3)]) == ["1.", "1.1", "1.1.1.1", "1.1.1.2"]


def test_numbering_through_the_paragraph_style_and_based_on():
    levels = [level(0, text="%1", extra='<w:pStyle w:val="Heading1"/>'),
              level(1, text="%1.%2", extra='<w:pStyle w:val="Heading2"/>')]
    styles = (style("Normal", default=True)
              + style("Heading1", "heading 1", ppr='<w:numPr><w:numId w:val="1"/></w:numPr>')
              + style("Heading2", "heading 2", ppr='<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>')
              + style("MyHeading", "My Heading", based_on="Heading1")
              + style("Unnumbered", based_on="Heading1", ppr='<w:numPr><w:numId w:val="0"/></w:numPr>'))
    c = counter(abstract(0, levels) + num(1, 0), styles)
    seq = [(None, None, "Heading1"), (None, None, "Heading2"), (None, None, "Heading2"), (None, None, "MyHeading"),
           (None, None, "Unnumbered"), (None, None, "Normal"), (None, 1, "Heading1")]
    assert labels(c, seq) == ["1", "1.1", "1.2", "2", None, None, "2.1"]


def test_direct_num_id_without_level_uses_the_styles_level():
    levels = [level(0, text="%1."), level(1, "lowerLetter", "(%2)", extra='<w:pStyle w:val="ListA"/>')]
    styles = style("ListA", ppr='<w:numPr><w:numId w:val="1"/></w:numPr>')
    c = counter(abstract(0, levels) + num(1, 0), styles)
    assert labels(c, [(1, 0), (1, None, "ListA"), (1, None, "ListA")]) == ["1.", "(a)", "(b)"]


def test_num_style_link():
    styles = style("SecOutline", kind="numbering", ppr='<w:numPr><w:numId w:val="7"/></w:numPr>')
    numbering = (abstract(0, SEC_LEVELS, extra='<w:styleLink w:val="SecOutline"/>')
                 + abstract(1, [], extra='<w:numStyleLink w:val="SecOutline"/>')
                 + num(7, 0) + num(8, 1))
    c = counter(numbering, styles)
    assert labels(c, [(8, 0), (8, 1), (7, 1), (8, 2)]) == ["L1", "L1.1", "L1.2", "(a)"]


def test_undefined_numbering_is_noted_once():
    c = counter(abstract(0, [level(0)]) + num(1, 0))
    assert labels(c, [(9, 0), (9, 0), (1, 5)]) == [None, None, None]
    assert len(c.notes) == 2 and "not defined" in c.notes[0] and "no level 5" in c.notes[1]


def test_custom_format_falls_back_to_decimal():
    custom = ('<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent><mc:Choice Requires="w14">'
              '<w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice><mc:Fallback>'
              '<w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent><w:lvlText w:val="%1."/></w:lvl>')
    c = counter(abstract(0, [custom]) + num(1, 0))
    assert labels(c, [(1, 0), (1, 0)]) == ["1.", "2."]


def test_word_letters_and_roman_numerals_beyond_the_alphabet():
    c = counter(abstract(0, [level(0, "lowerLetter", "%1|")]) + num(1, 0))
    got = labels(c, [(1, 0)] * 53)
    assert got[25:28] == ["z|", "aa|", "bb|"] and got[52] == "aaa|"
    c = counter(abstract(0, [level(0, "upperRoman", "%1")]) + num(1, 0))
    assert labels(c, [(1, 0)] * 14)[-1] == "XIV"


def test_ordinal_text_counts():
    levels = [level(0, "ordinal", "%1")]
    c = counter(abstract(0, levels) + num(1, 0))
    assert labels(c, [(1, 0)] * 4) == ["1st", "2nd", "3rd", "4th"]


def test_a_level_linked_to_another_style_numbers_nothing_through_a_style():
    # level 0 belongs to "Linked"; "Other" carries the same numPr but is not based on it: Word
    # shows no label on its paragraphs and does not count them; a style based on "Linked" and a
    # paragraph's own numPr are numbered
    levels = [level(0, text="%1.", extra='<w:pStyle w:val="Linked"/>')]
    styles = (style("Linked", ppr='<w:numPr><w:numId w:val="1"/></w:numPr>')
              + style("Other", ppr='<w:numPr><w:numId w:val="1"/></w:numPr>')
              + style("Derived", based_on="Linked"))
    c = counter(abstract(0, levels) + num(1, 0), styles)
    seq = [(None, None, "Linked"), (None, None, "Other"), (None, None, "Derived"), (1, 0, "Other"),
           (None, None, "Linked")]
    assert labels(c, seq) == ["1.", None, "2.", "3.", "4."]
