"""``derive``: the operations between two versions, checked by applying them (properties and cases).

Words come from a small vocabulary so that they repeat, which is what makes anchors and words
ambiguous (``occurrence``) and changes slide between equal words.
"""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from secdocs.amend.derive import derive, text_ops
from secdocs.model.markup import render_inline
from secdocs.amend.importer import import_document
from secdocs.model import Definition, Document, Kind, Provision, Run

WORDS = ["the", "Party", "shall", "DCC", "and", "or", "Supplier", "SMKI", "PMA", "(a)", "Section", "L1.2,"]


def clause(number: str, text: str, children=()) -> Provision:
    return Provision(Kind.CLAUSE, number=number, text=[Run(text)], children=list(children), uid=number)


def doc(*provisions: Provision) -> Document:
    part = Provision(Kind.PART, number="L1", heading=[Run("PART")], children=list(provisions), uid="L1")
    return Document(id="Section L", version="1.0", provisions=[part])


sentences = st.lists(st.sampled_from(WORDS), min_size=3, max_size=14).map(" ".join)


@st.composite
def edited(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=14))
    new = list(words)
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        at = draw(st.integers(0, max(len(new) - 1, 0)))
        word = draw(st.sampled_from(WORDS))
        if action == "insert":
            new.insert(at, word)
        elif action == "delete" and len(new) > 1:
            del new[at]
        else:
            new[at] = word
    return " ".join(words), " ".join(new)


@settings(max_examples=150, deadline=None)
@given(edited())
def test_word_edits_derive_ops_that_apply(pair):
    old, new = pair
    ops, problems = import_document(doc(clause("L1.1", old)), doc(clause("L1.1", new)), "x")
    assert not problems, problems
    assert (old == new) == (ops == [])


@settings(max_examples=60, deadline=None)
@given(st.lists(sentences, min_size=1, max_size=5), st.data())
def test_inserted_and_removed_clauses(texts, data):
    old = [clause(f"L1.{n}", t) for n, t in enumerate(texts, 1)]
    keep = data.draw(st.lists(st.booleans(), min_size=len(old), max_size=len(old)))
    new = []
    for p, kept in zip(old, keep):
        if kept:
            new.append(copy.deepcopy(p))
        if data.draw(st.booleans()):
            new.append(clause(p.number + "A", data.draw(sentences)))
    ops, problems = import_document(doc(*old), doc(*new), "x")
    assert not problems, problems


def test_small_changes_are_word_ops_and_big_ones_replace():
    ops = text_ops("L1.1", [Run("The DCC shall act.")], [Run("The DCC shall promptly act.")], "e")
    assert [(o["kind"], o.get("anchor"), o.get("text")) for o in ops] == [("insert_text", "shall", " promptly")]
    ops = text_ops("L1.1", [Run("The DCC shall act.")], [Run("Nobody may do anything at all here.")], "e")
    assert [o["kind"] for o in ops] == ["replace"]
    ops = text_ops("L1.1", [Run("a Party and a Party")], [Run("a Party and a Supplier")], "e")
    assert ops[0]["kind"] == "substitute" and ops[0]["words"] == "Party" and ops[0]["occurrence"] == 2


def test_formatted_text_is_replaced_with_inline_marks():
    old = [Run("The "), Run("DCC", bold=True), Run(" shall act.")]
    new = [Run("The "), Run("DCC", bold=True), Run(" shall "), Run("not", italic=True), Run(" act.")]
    ops = text_ops("L1.1", old, new, "e")
    assert ops == [{"kind": "replace", "target": "L1.1", "text": "The **DCC** shall *not* act.", "expect": "e"}]
    assert render_inline([Run("x", bold=True, underline=True)]) == "**__x__**"


def test_not_used_heading_and_definitions():
    meaning = [Provision(Kind.TEXT, text=[Run("means a thing.")])]
    a1 = Provision(Kind.CLAUSE, number="A1.1", text=[Run("In this Code:")], uid="A1.1",
                   definitions=[Definition([Run("Alpha", bold=True, term=True)], copy.deepcopy(meaning)),
                                Definition([Run("Beta", bold=True, term=True)], copy.deepcopy(meaning))])
    xh = Provision(Kind.CROSS_HEADING, heading=[Run("Old heading")])
    old = Document(id="Section A", provisions=[Provision(Kind.PART, number="A1", heading=[Run("DEFINITIONS")],
                                                         children=[xh, a1, clause("A1.2", "Some text.")])])
    new = copy.deepcopy(old)
    part = new.provisions[0]
    part.children[0].heading = [Run("New heading")]
    part.children[2].text = [Run("Not used.")]
    defs = part.children[1].definitions
    defs[0].meaning[0].text = [Run("means another thing.")]
    del defs[1]
    defs.append(Definition([Run("Gamma", bold=True, term=True)], [Provision(Kind.TEXT, text=[Run("means g.")])]))
    derived = derive(old, new)
    assert not derived.problems
    assert [(o["kind"], o["target"]) for o in derived.ops] == [
        ("heading", "A1/cross-heading[1]"), ("delete_definition", 'A1.1:"Beta"'),
        ("amend_definition", 'A1.1:"Alpha"'), ("insert_definition", 'A1.1:"Gamma"'), ("delete", "A1.2")]
    assert derived.ops[2]["words"] == "a" and derived.ops[2]["by"] == "another"
    ops, problems = import_document(old, new, "x")
    assert not problems and len(ops) == 5


def test_what_cannot_be_expressed_is_named():
    old = doc(clause("L1.1", "Text."))
    new = doc(Provision(Kind.PARAGRAPH, number="L1.1", text=[Run("Text.")]))
    ops, problems = import_document(old, new, "x")  # a removal and an insertion apply cannot make
    assert ops == [] and problems == ["x: the derived operations do not apply: amendments op 2 (insert L1): label L1.1"
                                      " does not fit paragraph level 1 (lowerLetter; e.g. (l1.1))"]
    top_old = Document(provisions=[Provision(Kind.TEXT, text=[Run("Intro.")])])
    top_new = Document(provisions=[Provision(Kind.TEXT, text=[Run("Intro.")]), Provision(Kind.TEXT, text=[Run("New.")])])
    problems = derive(top_old, top_new).problems
    assert len(problems) == 1 and "cannot place the inserted text" in problems[0]


def test_a_definition_out_of_alphabetical_order_is_refused():
    def table(*terms):
        holder = Provision(Kind.CLAUSE, number="A1.1", text=[Run("In this Code:")], uid="A1.1", definitions=[
            Definition([Run(t, bold=True, term=True)], [Provision(Kind.TEXT, text=[Run(f"means {t}.")])])
            for t in terms])
        return Document(id="Section A", provisions=[Provision(Kind.PART, number="A1", heading=[Run("D")],
                                                              children=[holder])])
    ops, problems = import_document(table("Alpha", "Gamma"), table("Alpha", "Gamma", "Beta"), "x")
    assert problems == ['x: the derived operations do not give the redline\'s text at definition "Beta" where the'
                        ' redline has "Gamma" (apply puts a new definition in alphabetical place)']


def test_static_markup_reads_colour_marks_not_links():
    from lxml import etree

    from secdocs.ooxml.static import has_static_marks, static_to_tracked
    from secdocs.ooxml.wordml import W_NS

    xml = (f'<w:body xmlns:w="{W_NS}"><w:p>'
           '<w:r><w:rPr><w:color w:val="0000FF"/><w:u w:val="single"/></w:rPr><w:t>new</w:t></w:r>'
           '<w:r><w:rPr><w:strike/><w:color w:val="FF0000"/></w:rPr><w:t>old</w:t></w:r>'
           '<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>plain underline</w:t></w:r>'
           '<w:hyperlink><w:r><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr><w:t>a link</w:t></w:r>'
           '</w:hyperlink><w:r><w:rPr><w:rStyle w:val="Hyperlink"/><w:color w:val="0563C1"/><w:u w:val="single"/>'
           '</w:rPr><w:t>styled link</w:t></w:r></w:p></w:body>')
    root = etree.fromstring(xml)
    assert has_static_marks(root)
    out = etree.tostring(static_to_tracked(root)).decode()
    assert out.count("<w:ins ") == 1 and out.count("<w:del ") == 1 and "<w:delText>old</w:delText>" in out
    assert out.count('<w:u w:val="single"/>') == 3  # the plain underline and the two links keep theirs
