"""secdocs.ooxml.revisions: the accept view and the reject view of tracked changes."""

from __future__ import annotations

import pytest
from lxml import etree

from secdocs.ooxml.revisions import apply_view, count_revisions, leftover_revisions

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = 'w:id="{}" w:author="Ann" w:date="2021-06-24T00:00:00Z"'


def body(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:document xmlns:w="{W}"><w:body>{xml}</w:body></w:document>')


def ins(xml: str, i: int = 1) -> str:
    return f"<w:ins {A.format(i)}>{xml}</w:ins>"


def dele(text: str, i: int = 2) -> str:
    return f'<w:del {A.format(i)}><w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'


def t(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def mark(kind: str, i: int = 9) -> str:
    """A paragraph-mark revision (w:pPr/w:rPr/w:ins|w:del|w:moveFrom|w:moveTo)."""
    return f"<w:pPr><w:rPr><w:{kind} {A.format(i)}/></w:rPr></w:pPr>"


def texts(root: etree._Element) -> list[str]:
    """The text of each top-level paragraph (w:t and w:delText both counted, to catch leftovers)."""
    out = []
    for p in root.iter(f"{{{W}}}p"):
        out.append("".join(el.text or "" for el in p.iter(f"{{{W}}}t", f"{{{W}}}delText")))
    return out


def views(xml: str) -> tuple[list[str], list[str]]:
    root = body(xml)
    accepted, rejected = apply_view(root, "accept"), apply_view(root, "reject")
    assert leftover_revisions(accepted) == [] and leftover_revisions(rejected) == []
    return texts(accepted), texts(rejected)


def test_insertion_and_deletion():
    xml = f"<w:p>{t('This is ')}{ins(t('an inserted'))}{dele('a deleted')}{t(' text.')}</w:p>"
    assert views(xml) == (["This is an inserted text."], ["This is a deleted text."])


def test_deleted_text_becomes_text_in_the_reject_view():
    root = apply_view(body(f"<w:p>{dele('gone')}</w:p>"), "reject")
    assert root.find(f".//{{{W}}}t").text == "gone"
    assert root.find(f".//{{{W}}}delText") is None


def test_deletion_nested_in_insertion():
    xml = f"<w:p>{t('A')}{ins(t('B') + dele('C', 3))}{t('D')}</w:p>"
    assert views(xml) == (["ABD"], ["AD"])


def test_deleted_field_code():
    xml = ("<w:p>" + t("Date: ")
           + f'<w:del {A.format(4)}><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
           '<w:r><w:delInstrText xml:space="preserve"> DATE </w:delInstrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:delText>24/06/2021</w:delText></w:r>'
           '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:del></w:p>')
    accepted, rejected = (apply_view(body(xml), v) for v in ("accept", "reject"))
    assert texts(accepted) == ["Date: "]
    assert accepted.find(f".//{{{W}}}fldChar") is None
    assert rejected.find(f".//{{{W}}}instrText").text == " DATE "
    assert texts(rejected) == ["Date: 24/06/2021"]


def test_move():
    xml = (f'<w:p><w:moveFromRangeStart w:id="5" w:name="m1" w:author="Ann"/>'
           f'<w:moveFrom {A.format(6)}>{t("Moved.")}</w:moveFrom><w:moveFromRangeEnd w:id="5"/></w:p>'
           f"<w:p>{t('Stays.')}</w:p>"
           f'<w:p><w:moveToRangeStart w:id="7" w:name="m1" w:author="Ann"/>'
           f'<w:moveTo {A.format(8)}>{t("Moved.")}</w:moveTo><w:moveToRangeEnd w:id="7"/></w:p>')
    assert views(xml) == (["", "Stays.", "Moved."], ["Moved.", "Stays.", ""])


def test_moved_paragraph_with_its_mark():
    xml = (f"<w:p>{t('One.')}</w:p>"
           f"<w:p>{mark('moveFrom')}<w:moveFrom {A.format(1)}>{t('Two.')}</w:moveFrom></w:p>"
           f"<w:p>{t('Three.')}</w:p>"
           f"<w:p>{mark('moveTo', 3)}<w:moveTo {A.format(2)}>{t('Two.')}</w:moveTo></w:p>"
           f"<w:p>{t('Four.')}</w:p>")
    assert views(xml) == (["One.", "Three.", "Two.", "Four."], ["One.", "Two.", "Three.", "Four."])


def test_deleted_paragraph_mark_joins_with_the_next_paragraph():
    xml = f"<w:p>{mark('del')}{t('First ')}</w:p><w:p>{t('second.')}</w:p>"
    assert views(xml) == (["First second."], ["First ", "second."])


def test_inserted_paragraph_mark_is_joined_on_reject():
    xml = f"<w:p>{mark('ins')}{t('Split ')}</w:p><w:p>{t('here.')}</w:p>"
    assert views(xml) == (["Split ", "here."], ["Split here."])


def test_joined_paragraph_keeps_the_next_paragraphs_properties():
    xml = (f'<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:rPr><w:del {A.format(1)}/></w:rPr></w:pPr>{t("A")}</w:p>'
           f'<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr>{t("B")}</w:p>')
    accepted = apply_view(body(xml), "accept")
    paragraphs = list(accepted.iter(f"{{{W}}}p"))
    assert len(paragraphs) == 1
    assert paragraphs[0].find(f"{{{W}}}pPr/{{{W}}}pStyle").get(f"{{{W}}}val") == "BodyText"


def test_consecutive_deleted_marks():
    xml = "".join(f"<w:p>{mark('del', i)}{t(w)}</w:p>" for i, w in enumerate(["a ", "b ", "c "])) \
        + f"<w:p>{t('d')}</w:p>"
    assert views(xml) == (["a b c d"], ["a ", "b ", "c ", "d"])


def test_mark_both_inserted_and_deleted():
    xml = (f"<w:p><w:pPr><w:rPr><w:ins {A.format(1)}/><w:del {A.format(2)}/></w:rPr></w:pPr>"
           f"{ins(t('added'))}</w:p><w:p>{t('next')}</w:p>")
    assert views(xml) == (["addednext"], ["next"])


def test_inserted_last_paragraph_goes_on_reject():
    xml = f"<w:p>{t('Kept.')}</w:p><w:p>{mark('ins')}{ins(t('New.'))}</w:p>"
    assert views(xml) == (["Kept.", "New."], ["Kept."])


def test_deleted_mark_before_a_table_is_kept():
    xml = (f"<w:p>{mark('del')}{t('Before')}</w:p>"
           f"<w:tbl><w:tr><w:tc><w:p>{t('cell')}</w:p></w:tc></w:tr></w:tbl>")
    assert views(xml) == (["Before", "cell"], ["Before", "cell"])


def _row(text: str, kind: str | None = None) -> str:
    trpr = f"<w:trPr><w:{kind} {A.format(3)}/></w:trPr>" if kind else ""
    return f"<w:tr>{trpr}<w:tc><w:p>{t(text)}</w:p></w:tc></w:tr>"


def test_deleted_and_inserted_table_rows():
    xml = f"<w:tbl>{_row('1')}{_row('2', 'del')}{_row('3', 'ins')}</w:tbl>"
    assert views(xml) == (["1", "3"], ["1", "2"])


def test_table_whose_rows_are_all_inserted_goes_on_reject():
    root = apply_view(body(f"<w:tbl>{_row('new', 'ins')}</w:tbl><w:p/>"), "reject")
    assert root.find(f".//{{{W}}}tbl") is None


def test_cell_insertion_and_deletion():
    cell = lambda text, m="": f"<w:tc><w:tcPr>{m}</w:tcPr><w:p>{t(text)}</w:p></w:tc>"  # noqa: E731
    xml = (f"<w:tbl><w:tr>{cell('a')}{cell('b', f'<w:cellDel {A.format(1)}/>')}"
           f"{cell('c', f'<w:cellIns {A.format(2)}/>')}</w:tr></w:tbl>")
    assert views(xml) == (["a", "c"], ["a", "b"])


def test_paragraph_property_change():
    xml = (f'<w:p><w:pPr><w:pStyle w:val="New"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>'
           f'<w:rPr><w:b/></w:rPr><w:pPrChange {A.format(1)}><w:pPr><w:pStyle w:val="Old"/></w:pPr></w:pPrChange>'
           f"</w:pPr>{t('x')}</w:p>")
    accepted, rejected = (apply_view(body(xml), v) for v in ("accept", "reject"))
    style = lambda root: root.find(f".//{{{W}}}pStyle").get(f"{{{W}}}val")  # noqa: E731
    assert style(accepted) == "New" and accepted.find(f".//{{{W}}}numPr") is not None
    assert style(rejected) == "Old" and rejected.find(f".//{{{W}}}numPr") is None
    assert rejected.find(f".//{{{W}}}pPr/{{{W}}}rPr/{{{W}}}b") is not None  # the mark's run properties stay


def test_run_property_change():
    xml = (f'<w:p><w:r><w:rPr><w:b/><w:rPrChange {A.format(1)}><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr>'
           f"<w:t>x</w:t></w:r></w:p>")
    accepted, rejected = (apply_view(body(xml), v) for v in ("accept", "reject"))
    assert accepted.find(f".//{{{W}}}b") is not None and accepted.find(f".//{{{W}}}i") is None
    assert rejected.find(f".//{{{W}}}i") is not None and rejected.find(f".//{{{W}}}b") is None


def test_inserted_numbering():
    xml = (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/><w:ins {A.format(1)}/></w:numPr>'
           f"</w:pPr>{t('Item')}</w:p>")
    accepted, rejected = (apply_view(body(xml), v) for v in ("accept", "reject"))
    assert accepted.find(f".//{{{W}}}numId") is not None
    assert rejected.find(f".//{{{W}}}numPr") is None


def test_views_do_not_change_the_input_and_clean_input_is_unchanged():
    root = body(f"<w:p>{ins(t('x'))}</w:p>")
    before = etree.tostring(root)
    apply_view(root, "accept")
    assert etree.tostring(root) == before
    clean = body(f"<w:p>{t('x')}</w:p>")
    assert etree.tostring(apply_view(clean, "reject")) == etree.tostring(clean)


def test_unknown_view():
    with pytest.raises(ValueError):
        apply_view(body("<w:p/>"), "all")


def test_revision_markup_in_an_odd_place_is_removed_and_noted():
    xml = f"<w:p><w:r><w:rPr><w:ins {A.format(1)}/></w:rPr><w:t>x</w:t></w:r></w:p>"
    notes: list[str] = []
    root = apply_view(body(xml), "accept", notes)
    assert leftover_revisions(root) == []
    assert notes and "unexpected place" in notes[0]


def test_count_revisions():
    xml = f"<w:p>{mark('ins')}{ins(t('a'))}{dele('b')}</w:p>"
    assert count_revisions(body(xml)) == {"paragraph_mark_ins": 1, "ins": 1, "del": 1}
