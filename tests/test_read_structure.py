"""secdocs.structure: a stream of labelled paragraphs → the provision tree (no XML involved)."""

from __future__ import annotations

from secdocs.model.address import flatten
from secdocs.structure.blocks import AutoLabel, Para, Sources, Table, split_typed_label
from secdocs.model import Kind, Run, iter_provisions
from secdocs.structure import build_document, iso_date, normalise_auto_label, paren_formats


def para(text: str, style: str = "Normal", *, bold: bool = False, outline: int | None = None,
         indent: int | None = None, auto: AutoLabel | None = None, n: int = 0) -> Para:
    return Para([Run(text, bold=bold)], style=style, styles=(style,), outline_level=outline,
                indent_left=indent, auto=auto, location=f"word/document.xml, paragraph {n}")


def auto(text: str, fmt: str, ilvl: int, value: int = 1, list_id: str = "0") -> AutoLabel:
    return AutoLabel(text, value, fmt, ilvl, "1", list_id)


def numbers(doc) -> list[tuple[str | None, str, str]]:
    return [(row["number"], row["kind"], row["heading"] or row["text"]) for row in flatten(doc)]


def build(blocks, **kwargs):
    return build_document(blocks, kwargs.pop("sources", Sources()), **kwargs)


# -- section scheme --------------------------------------------------------------------------------

def test_typed_section_document():
    doc = build([
        para("SECTION L – SMART METERING KEY INFRASTRUCTURE", "Title"),
        para("Representative text only."),
        para("L1\tSMKI POLICY MANAGEMENT AUTHORITY", "Heading 1", outline=0),
        para("Establishment of the SMKI PMA", "Heading 2", outline=1),
        para("L1.1\tThe Panel shall establish the SMKI PMA."),
        para("L1.2\tThe SMKI PMA shall be composed of:"),
        para("(a)\tthe SMKI PMA Chair;"),
        para("(b)\tthree persons, of whom:"),
        para("(i)\ttwo are appointed by Large Supplier Parties; and"),
        para("(ii)\tone is appointed by Small Supplier Parties,"),
        para("(A)\tin each case for two years;"),
        para("(c)\tone person appointed by the Network Parties,"),
        para("provided that no person may hold two seats.", indent=851),
        para("L1.2A\tInserted clause."),
        para("L2\tSMKI ASSURANCE"),
        para("L2.1\tText."),
    ])
    assert (doc.id, doc.title, doc.scheme) == ("Section L", "SMART METERING KEY INFRASTRUCTURE", "section")
    assert [r.text for p in doc.front for r in p] == ["Representative text only."]
    assert numbers(doc) == [
        ("L1", "part", "SMKI POLICY MANAGEMENT AUTHORITY"),
        (None, "cross-heading", "Establishment of the SMKI PMA"),
        ("L1.1", "clause", "The Panel shall establish the SMKI PMA."),
        ("L1.2", "clause", "The SMKI PMA shall be composed of:"),
        ("L1.2(a)", "paragraph", "the SMKI PMA Chair;"),
        ("L1.2(b)", "paragraph", "three persons, of whom:"),
        ("L1.2(b)(i)", "paragraph", "two are appointed by Large Supplier Parties; and"),
        ("L1.2(b)(ii)", "paragraph", "one is appointed by Small Supplier Parties,"),
        ("L1.2(b)(ii)(A)", "paragraph", "in each case for two years;"),
        ("L1.2(c)", "paragraph", "one person appointed by the Network Parties,"),
        (None, "text", "provided that no person may hold two seats."),
        ("L1.2A", "clause", "Inserted clause."),
        ("L2", "part", "SMKI ASSURANCE"),
        ("L2.1", "clause", "Text."),
    ]
    assert doc.warnings == []
    l12 = doc.provisions[0].children[2]
    assert l12.children[-1].kind == Kind.TEXT  # the proviso belongs to the clause
    assert [p.uid for p in doc.provisions[0].children[:3]] == ["L1/cross-heading[1]", "L1.1", "L1.2"]


def test_letter_i_after_h_and_roman_i_after_c():
    doc = build([para("L1\tPART"), para("L1.1\tClause:")]
                + [para(f"({c})\titem") for c in "abcdefghij"]
                + [para("L1.2\tClause:"), para("(a)\titem"), para("(b)\titem"), para("(c)\titem"),
                   para("(i)\tsub"), para("(ii)\tsub"), para("(v)\tsub?"), para("(d)\titem")])
    got = [n for n, _, _ in numbers(doc) if n]
    assert got[2:12] == [f"L1.1({c})" for c in "abcdefghij"]
    assert got[12:] == ["L1.2", "L1.2(a)", "L1.2(b)", "L1.2(c)", "L1.2(c)(i)", "L1.2(c)(ii)", "L1.2(c)(v)", "L1.2(d)"]
    assert any("jumps from (ii) to (v)" in w.message for w in doc.warnings)


def test_automatic_numbering_levels_decide_the_depth():
    doc = build([
        para("PART ONE", auto=auto("L1", "decimal", 0)),
        para("Clause", auto=auto("L1.1", "decimal", 1)),
        para("first", auto=auto("(a)", "lowerLetter", 2)),
        para("roman", auto=auto("(i)", "lowerRoman", 3)),
        para("ninth letter", auto=auto("(i)", "lowerLetter", 2, value=9)),
    ], scheme="section")
    # the list level, not the look of the label, decides: the second "(i)" is a letter at ilvl 2
    assert [n for n, _, _ in numbers(doc)] == ["L1", "L1.1", "L1.1(a)", "L1.1(a)(i)", "L1.1(i)"]


def test_unexpected_number_and_misplaced_clause_are_warned():
    doc = build([para("L1\tPART"), para("L1.1\tone"), para("L1.3\tthree"), para("L2.1\tno part")], scheme="section")
    messages = [w.message for w in doc.warnings]
    assert "unexpected number: L1.3 follows L1.1" in messages
    assert "L2.1 does not belong to Part L1; placed in it" in messages
    assert all("paragraph" in w.location for w in doc.warnings)


def test_paragraph_before_any_clause_is_warned_not_dropped():
    doc = build([para("L1\tPART"), para("L1.1\tx")], scheme="section")
    doc2 = build([para("(a)\tlost?")], scheme="section")
    assert numbers(doc2) == [("(a)", "paragraph", "lost?")]
    assert "before any clause or heading" in doc2.warnings[0].message
    assert doc.warnings == []


# -- house styles ----------------------------------------------------------------------------------

def test_house_styles_place_exactly():
    doc = build([
        para("Section M", "SEC Title"), para("General", "SEC Subtitle"),
        para("Document version: 12.0", "SEC Meta"), para("SEC version: 46.0", "SEC Meta"),
        para("Date: 24 June 2021", "SEC Meta"), para("Representative text.", "SEC Cover Note"),
        para("Version history", "SEC Table Caption"),
        Table([[[para("Version")], [para("Date")], [para("Description")]],
               [[para("11.0")], [para("25 February 2021")], [para("Earlier.")]]], style="SEC Table"),
        para("M1\tGENERAL", "SEC Part"),
        para("Text directly under the Part.", "SEC Text 0"),
        para("Cross heading", "SEC Cross Heading"),
        para("M1.1\tClause text:", "SEC Clause"),
        para("(a)\tfirst;", "SEC Paragraph 1"),
        para("(i)\tsub;", "SEC Paragraph 2"),
        para("continuing (a).", "SEC Text 2"),
        para("(b)\tsecond,", "SEC Paragraph 1"),
        para("provided that.", "SEC Text 1"),
    ])
    assert (doc.id, doc.title, doc.version, doc.sec_version, doc.date) == \
        ("Section M", "General", "12.0", "46.0", "2021-06-24")
    assert [(h.version, h.date, h.description) for h in doc.history] == [("11.0", "2021-02-25", "Earlier.")]
    assert [[r.text for r in p] for p in doc.front] == [["Representative text."]]
    part = doc.provisions[0]
    assert [(c.kind, c.number) for c in part.children] == [
        (Kind.TEXT, None), (Kind.CROSS_HEADING, None), (Kind.CLAUSE, "M1.1")]
    clause = part.children[2]
    assert [(c.kind, c.number) for c in clause.children] == [
        (Kind.PARAGRAPH, "(a)"), (Kind.PARAGRAPH, "(b)"), (Kind.TEXT, None)]
    a = clause.children[0]
    assert [(c.kind, c.number) for c in a.children] == [(Kind.PARAGRAPH, "(i)"), (Kind.TEXT, None)]
    assert doc.warnings == []


def test_house_style_policy_headings():
    doc = build([
        para("Appendix B", "SEC Title"), para("Organisation Certificate Policy", "SEC Subtitle"),
        para("1\tINTRODUCTION", "SEC Heading 1"), para("1.1\tOverview", "SEC Heading 2"),
        para("(A)\tThis document.", "SEC Paragraph 1"), para("(i)\tsub.", "SEC Paragraph 2"),
        para("1.3\tPKI Participants", "SEC Heading 2"), para("Body text.", "SEC Text 0"),
        para("1.3.1\tCertification Authorities", "SEC Heading 3"),
        para("(A)\tThe OCA.", "SEC Paragraph 1"),
    ])
    assert doc.scheme == "policy"
    assert numbers(doc) == [
        ("1", "heading", "INTRODUCTION"), ("1.1", "heading", "Overview"), ("1.1(A)", "paragraph", "This document."),
        ("1.1(A)(i)", "paragraph", "sub."), ("1.3", "heading", "PKI Participants"), (None, "text", "Body text."),
        ("1.3.1", "heading", "Certification Authorities"), ("1.3.1(A)", "paragraph", "The OCA.")]
    assert any("1.3 follows 1.1" in w.message for w in doc.warnings)


# -- policy and decimal schemes ----------------------------------------------------------------------

def test_policy_headings_nest_by_number():
    doc = build([para("4\tCERTIFICATE LIFE-CYCLE"), para("4.9\tRevocation"), para("4.9.1\tCircumstances"),
                 para("(A)\tThe DCC shall revoke:"), para("(i)\twhere asked;"), para("(ii)\twhere required."),
                 para("4.9.2\tWho can request"), para("No stipulation."), para("4.10\tStatus")], scheme="policy")
    tree = doc.provisions[0]
    assert tree.number == "4" and [c.number for c in tree.children] == ["4.9", "4.10"]
    assert [c.number for c in tree.children[0].children] == ["4.9.1", "4.9.2"]
    assert tree.children[0].children[1].children[0].kind == Kind.TEXT
    assert [n for n, _, _ in numbers(doc)][3:6] == ["4.9.1(A)", "4.9.1(A)(i)", "4.9.1(A)(ii)"]


def test_decimal_headings_and_clauses():
    doc = build([para("1\tDefinitions", "Heading 1", outline=0), para("1.1\tIn this Agreement:"),
                 para("(a)\tfirst;"), para("2\tServices", "Heading 1", outline=0), para("2.1\tThe Provider.")])
    assert doc.scheme == "decimal"
    assert [(n, k) for n, k, _ in numbers(doc)] == [("1", "heading"), ("1.1", "clause"), ("1.1(a)", "paragraph"),
                                                    ("2", "heading"), ("2.1", "clause")]


def test_numbers_typed_before_a_space_count_only_where_they_fit():
    doc = build([para("1 INTRODUCTION"), para("1.1 Overview"), para("30 days is the period."),
                 para("1.2 Scope")], scheme="policy")
    assert numbers(doc) == [("1", "heading", "INTRODUCTION"), ("1.1", "heading", "Overview"),
                            (None, "text", "30 days is the period."), ("1.2", "heading", "Scope")]


# -- tables ------------------------------------------------------------------------------------------

def _cell(*texts, style="Normal", bold=False):
    return [para(t, style, bold=bold) for t in texts]


def test_definitions_table_after_a_clause():
    rows = [[_cell("Term", bold=True), _cell("Meaning")],
            [_cell("Alert", bold=True), _cell("means a communication that is:") +
             [para("(a)\tgenerated by a Device; or"), para("(b)\tgenerated by the DCC.")]],
            [_cell("SMKI PMA", bold=True), _cell("has the meaning given in Section L1.1.")]]
    doc = build([para("A1\tDEFINITIONS"), para("A1.1\tIn this Code the expressions below have these meanings:"),
                 Table(rows), para("A1.2\tNext clause.")], scheme="section")
    a11 = doc.provisions[0].children[0]
    assert [d.term_text for d in a11.definitions] == ["Alert", "SMKI PMA"]
    alert = a11.definitions[0]
    assert alert.term[0].term and alert.term[0].bold
    assert [(p.kind, p.number) for p in alert.meaning] == [(Kind.TEXT, None), (Kind.PARAGRAPH, "(a)"),
                                                           (Kind.PARAGRAPH, "(b)")]
    assert [p.uid for p in alert.meaning] == ["def:Alert/text[1]", "def:Alert/(a)", "def:Alert/(b)"]
    assert alert.uid == "def:Alert"
    assert [n for n, _, _ in numbers(doc)] == ["A1", "A1.1", "A1.2"]


def test_definitions_table_by_house_style_with_lists_restarting_per_cell():
    rows = [[_cell("Alpha", "SEC Definition Term", bold=True),
             [para("means:", "SEC Definition Text"), para("(a)\tx;", "SEC Definition Paragraph 1"),
              para("(i)\ty.", "SEC Definition Paragraph 2")]],
            [_cell("Beta", "SEC Definition Term", bold=True),
             [para("means:", "SEC Definition Text"), para("(a)\tz.", "SEC Definition Paragraph 1")]]]
    doc = build([para("A1\tDEFINITIONS", "SEC Part"), para("A1.1\tDefinitions:", "SEC Clause"),
                 Table(rows, style="SEC Definitions")])
    alpha, beta = doc.provisions[0].children[0].definitions
    assert alpha.meaning[1].children[0].number == "(i)"
    assert beta.meaning[1].number == "(a)"


def test_other_tables_become_table_provisions_and_keep_numbers():
    rows = [[_cell("Event"), _cell("Period")], [[para("first", auto=auto("1.", "decimal", 0))], _cell("5 days")]]
    doc = build([para("L1\tPART"), para("L1.1\tPeriods:"), Table(rows)], scheme="section")
    table = doc.provisions[0].children[0].children[0]
    assert table.kind == Kind.TABLE
    assert [[[r.text for r in p] for p in cell] for cell in table.rows[1]] == [[["1. first"]], [["5 days"]]]


# -- metadata, labels and odds and ends ---------------------------------------------------------------

def test_metadata_from_header_footer_and_core_properties():
    sources = Sources(core_title="Section X — Other Title", core_keywords="version=3.0; sec-version=46.0",
                      footer_lines=["Version 3.0 Page 1 of 2"])
    doc = build([para("X1\tPART")], sources=sources)
    assert (doc.id, doc.title, doc.version, doc.sec_version, doc.scheme) == \
        ("Section X", "Other Title", "3.0", "46.0", "section")
    doc = build([para("1\tScope")], sources=Sources(header_lines=["Appendix B — IKI Certificate Policy"]))
    assert (doc.id, doc.scheme) == ("Appendix B", "policy")


def test_any_automatic_label_is_a_provision_with_its_label():
    doc = build([para("L1\tPART"), para("L1.1\tx"), para("odd", auto=auto("Article 7:", "decimal", 0))],
                scheme="section")
    assert ("Article 7:", "clause", "odd") in numbers(doc)
    odd = [p for p in iter_provisions(doc.provisions) if p.own_text == "odd"][0]
    assert odd.label == "Article 7:"


def test_bullets_are_text_with_a_warning():
    doc = build([para("L1\tPART"), para("L1.1\tx:"), para("item", auto=auto("\u2022", "bullet", 0))],
                scheme="section")
    assert numbers(doc)[-1] == (None, "text", "item")
    assert "bulleted paragraph" in doc.warnings[0].message


def test_text_box_paragraphs_are_kept_as_text():
    anchor = para("L1.1\tClause.")
    anchor.attached.append(para("Text in a box."))
    doc = build([para("L1\tPART"), anchor], scheme="section")
    assert numbers(doc)[-1] == (None, "text", "Text in a box.")


def test_helpers():
    assert normalise_auto_label("1.", "decimal") == "1"
    assert normalise_auto_label("a)", "lowerLetter") == "(a)"
    assert normalise_auto_label("(iv)", "lowerRoman") == "(iv)"
    assert normalise_auto_label("L1.17.", "decimal") == "L1.17"
    assert normalise_auto_label("Part 1", "decimal") is None
    assert paren_formats("(i)") == ["lowerLetter", "lowerRoman"]
    assert paren_formats("(ia)") == ["lowerLetter", "lowerRoman"]
    assert paren_formats("(da)") == ["lowerLetter"]
    assert paren_formats("(B)") == ["upperLetter"]
    assert iso_date("24 June 2021") == "2021-06-24" and iso_date("2021-06-24") == "2021-06-24"
    typed = split_typed_label([Run("L1.17A", bold=True), Run("\tThe SMKI PMA")])
    assert (typed.label, typed.tab, [r.text for r in typed.rest]) == ("L1.17A", True, ["The SMKI PMA"])
    assert split_typed_label([Run("The SMKI PMA")]) is None
