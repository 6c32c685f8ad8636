"""Each kind of operation on small documents, its effect on the model, the ChangeSet it reports,
and (once the .docx reader exists) the effect read back with ``secdocs parse --json``."""

from __future__ import annotations

import copy

import pytest

from amend_helpers import (definition, model_json, ops, parse_json, small_definitions, small_policy,
                           small_section, terms, text_at)
from secdocs.model.address import index
from secdocs.amend.consolidate import Implementation, bump_version, consolidate
from secdocs.amend.ops import apply
from secdocs.amend.text import find_all, splice, text_hash, word_diff
from secdocs.model.markup import parse_inline
from secdocs.model import Kind, Run, iter_provisions


def applied(doc, *specs):
    new, changes = apply(doc, ops(*specs))
    return new, changes


# ---------------------------------------------------------------------------------------------
# insert


def test_insert_after_takes_next_suffix_and_never_renumbers():
    doc = small_section()
    new, changes = applied(doc, ("insert", "L1.3", {"text": "The SMKI PMA may decide."}),
                           ("insert", "L1.3A", {"text": "It shall publish its decision."}))
    idx = index(new)
    assert idx["L1.3A"].provision.own_text == "The SMKI PMA may decide."
    assert idx["L1.3B"].provision.own_text == "It shall publish its decision."
    numbers = [p.number for p in new.provisions[0].children if p.number]
    assert numbers == ["L1.1", "L1.2", "L1.3", "L1.3A", "L1.3B", "L1.4"]
    assert [r.address for r in changes.results] == ["L1.3A", "L1.3B"]
    assert changes.results[0].uids == ["new:L1.3A"]
    assert changes.results[0].before == "" and changes.results[0].after == "L1.3A The SMKI PMA may decide."


def test_insert_after_a_suffixed_clause_takes_the_next_letter():
    new, _ = applied(small_section(), ("insert", "L2.1A", {"text": "The DCC shall also publish."}))
    assert [p.number for p in new.provisions[1].children] == ["L2.1", "L2.1A", "L2.1B", "L2.2"]


def test_insert_paragraph_suffix_and_last_and_first():
    doc = small_section()
    new, changes = applied(doc,
                           ("insert", "L1.2(a)", {"text": "approve the recovery procedure;"}),
                           ("insert", "L1.2(b)", {"position": "last", "text": "report each year;"}),
                           ("insert", "L1.1", {"position": "first", "text": "first paragraph;"}))
    idx = index(new)
    assert idx["L1.2(aa)"].provision.own_text == "approve the recovery procedure;"
    assert idx["L1.2(b)(iii)"].provision.own_text == "report each year;"
    assert idx["L1.1(a)"].provision.own_text == "first paragraph;"
    # the "provided that" text stays last under L1.2
    assert new.provisions[0].children[2].children[-1].kind == Kind.TEXT
    assert changes.results[0].uids == ["new:L1.2(aa)"]


def test_insert_with_explicit_number_children_and_text_tail():
    doc = small_section()
    new, changes = applied(doc, ("insert", "L1.4", {
        "number": "L1.5", "text": "The SMKI PMA shall specify:",
        "children": ["(a) the Certificates;", {"number": "(b)", "text": "the users, being:",
                                                 "children": ["(i) the SoLR; and", "(ii) any provider,"]},
                     "in each case in writing."]}))
    idx = index(new)
    assert idx["L1.5"].provision.own_text == "The SMKI PMA shall specify:"
    assert idx["L1.5(b)(ii)"].provision.own_text == "any provider,"
    assert idx["L1.5/text[1]"].provision.own_text == "in each case in writing."
    assert changes.results[0].uids == ["new:L1.5", "new:L1.5(a)", "new:L1.5(b)", "new:L1.5(b)(i)",
                                       "new:L1.5(b)(ii)", "new:L1.5/text[1]"]


def test_insert_cross_heading_before_and_policy_paragraph():
    doc = small_section()
    new, changes = applied(doc, ("insert", "L1.4", {"position": "before", "provision": "cross-heading",
                                                    "heading": "Revocation"}))
    kids = new.provisions[0].children
    i = next(n for n, p in enumerate(kids) if p.number == "L1.4")
    assert kids[i - 1].kind == Kind.CROSS_HEADING and kids[i - 1].heading_text == "Revocation"
    assert changes.results[0].uids == ["new:L1/cross-heading:Revocation"]
    pol, _ = applied(small_policy(), ("insert", "4.9.1(B)", {"number": "(C)", "text": "Except where (B) applies."}))
    assert index(pol)["4.9.1(C)"].provision.own_text == "Except where (B) applies."
    # the closing unnumbered paragraph still follows the list
    assert index(pol)["4.9.1"].provision.children[-1].kind == Kind.TEXT
    pol2, _ = applied(small_policy(), ("insert", "4.9.2", {"position": "last", "text": "The SoLR may too."}))
    assert index(pol2)["4.9.2(B)"].provision.own_text == "The SoLR may too."


def test_insert_policy_heading_takes_suffix():
    pol, changes = applied(small_policy(), ("insert", "4.9.1", {"heading": "Exceptions"}))
    assert index(pol)["4.9.1A"].provision.heading_text == "Exceptions"
    assert index(pol)["4.9.1A"].provision.kind == Kind.HEADING


# ---------------------------------------------------------------------------------------------
# delete, replace


def test_delete_keeps_number_and_says_not_used_uid_kept():
    doc = small_section()
    new, changes = applied(doc, ("delete", "L1.2(b)", {}))
    p = index(new)["L1.2(b)"].provision
    assert p.own_text == "Not used." and p.children == [] and p.uid == "L1.2(b)"
    assert "L1.2(b)(i)" not in index(new)
    assert changes.results[0].uids == ["L1.2(b)", "L1.2(b)(i)", "L1.2(b)(ii)"]
    assert changes.results[0].after == "L1.2(b) Not used."


def test_delete_remove_true_removes():
    new, changes = applied(small_section(), ("delete", "L1.4", {"remove": True}))
    assert "L1.4" not in index(new)
    assert changes.results[0].after == ""
    new, _ = applied(small_section(), ("delete", "L1/cross-heading[2]", {"remove": True}))
    assert [p.heading_text for p in new.provisions[0].children if p.kind == Kind.CROSS_HEADING] == ["Establishment"]


def test_delete_policy_heading_keeps_heading():
    new, _ = applied(small_policy(), ("delete", "4.9.2", {}))
    h = index(new)["4.9.2"].provision
    assert h.heading_text == "Who Can Request Revocation"
    assert [c.own_text for c in h.children] == ["Not used."]


def test_replace_whole_text_keeps_children_and_uid():
    new, changes = applied(small_section(), ("replace", "L1.2", {"text": "The SMKI PMA shall have these duties:"}))
    p = index(new)["L1.2"].provision
    assert p.own_text == "The SMKI PMA shall have these duties:" and p.uid == "L1.2"
    assert [c.number for c in p.children] == ["(a)", "(b)", "(c)", None]
    assert changes.results[0].before.startswith("L1.2 The SMKI PMA shall:")


def test_replace_with_children_keeps_identity_of_same_labels():
    new, changes = applied(small_section(), ("replace", "L1.2", {
        "text": "The SMKI PMA shall:", "children": ["(a) keep everything under review;", "(b) report."]}))
    kids = index(new)["L1.2"].provision.children
    assert [(k.number, k.uid) for k in kids] == [("(a)", "L1.2(a)"), ("(b)", "L1.2(b)")]
    assert "L1.2(c)" in changes.results[0].uids  # the paragraphs that went are reported


# ---------------------------------------------------------------------------------------------
# substitute, insert_text, delete_text, heading


def test_substitute_with_occurrence_and_word_boundaries():
    new, changes = applied(small_section(), ("substitute", "L1.3", {"words": "the Panel's", "by": "its",
                                                                    "occurrence": 2}))
    assert text_at(new, "L1.3") == "The Panel shall review the Panel's decisions and its budget."
    assert changes.results[0].before == "The Panel shall review the Panel's decisions and the Panel's budget."
    assert changes.results[0].uids == ["L1.3"]
    # "Party" does not match inside "Parties"; whole words only
    assert find_all("the Parties and the Party", "Party") == [20]


def test_two_substitutions_in_one_provision_on_different_words():
    new, _ = applied(small_section(), ("substitute", "L1.3", {"words": "review", "by": "examine"}),
                     ("substitute", "L1.3", {"words": "budget", "by": "costs"}))
    assert text_at(new, "L1.3") == "The Panel shall examine the Panel's decisions and the Panel's costs."


def test_insert_text_before_and_after_anchor():
    new, _ = applied(small_section(),
                     ("insert_text", "L1.4", {"anchor": "any Certificate", "text": ", subject to L1.5,"}),
                     ("insert_text", "L1.1", {"anchor": "The Panel", "position": "before",
                                              "text": "Subject to Section L1.5, "}))
    assert text_at(new, "L1.4") == "The SMKI PMA may request revocation of any Certificate, subject to L1.5,."
    assert text_at(new, "L1.1") == "Subject to Section L1.5, The Panel shall establish the SMKI PMA."


def test_delete_text():
    new, changes = applied(small_section(), ("delete_text", "L1.3", {"words": " and the Panel's budget"}))
    assert text_at(new, "L1.3") == "The Panel shall review the Panel's decisions."
    assert changes.results[0].after == "The Panel shall review the Panel's decisions."


def test_heading_of_part_and_cross_heading():
    new, changes = applied(small_section(),
                           ("heading", "L2", {"heading": "SMKI ASSURANCE AND REVIEW", "expect": "SMKI ASSURANCE"}),
                           ("heading", "L1/cross-heading[2]", {"heading": "Reviews and Revocation"}))
    assert index(new)["L2"].provision.heading_text == "SMKI ASSURANCE AND REVIEW"
    assert index(new)["L1/cross-heading[2]"].provision.heading_text == "Reviews and Revocation"
    assert changes.results[0].before == "SMKI ASSURANCE"


def test_expect_pins_by_text_and_hash():
    doc = small_section()
    text = "The Panel shall establish the SMKI PMA."
    for pin in (text, "  The Panel  shall establish the SMKI PMA. ", text_hash(text)):
        new, _ = applied(doc, ("substitute", "L1.1", {"words": "establish", "by": "set up", "expect": pin}))
        assert text_at(new, "L1.1") == "The Panel shall set up the SMKI PMA."


def test_inline_marks_in_new_text():
    new, _ = applied(small_section(), ("insert", "L1.4", {"text": 'the "**SoLR**" and *italic* and __u__'}))
    runs = index(new)["L1.4A"].provision.text
    assert [(r.text, r.bold, r.italic, r.underline) for r in runs] == [
        ('the "', False, False, False), ("SoLR", True, False, False), ('" and ', False, False, False),
        ("italic", False, True, False), (" and ", False, False, False), ("u", False, False, True)]


def test_splice_keeps_formatting_of_host_run():
    runs = [Run("plain "), Run("bold words", bold=True), Run(" end")]
    out = splice(runs, 11, 16, parse_inline("text"))
    assert [(r.text, r.bold) for r in out] == [("plain ", False), ("bold text", True), (" end", False)]
    assert runs[1].text == "bold words"  # input untouched


def test_word_diff_format():
    assert word_diff("the DCC shall revoke the Certificate", "the DCC may revoke the Certificate") == \
        "the DCC [-shall-] {+may+} revoke the Certificate"


# ---------------------------------------------------------------------------------------------
# identity, immutability, consolidation


def test_input_document_is_never_mutated():
    doc = small_section()
    before = copy.deepcopy(doc)
    new, _ = applied(doc, ("delete", "L1.2(b)", {}), ("substitute", "L1.3", {"words": "review", "by": "audit"}),
                     ("insert", "L1.4", {"text": "x"}), ("heading", "L1", {"heading": "PMA"}))
    assert doc == before
    assert [p.uid for p in iter_provisions(doc.provisions)] == [p.uid for p in iter_provisions(before.provisions)]
    assert new != doc


def test_existing_uids_kept_new_ones_prefixed():
    doc = small_section()
    new, changes = applied(doc, ("replace", "L1.1", {"text": "Changed."}), ("insert", "L1.1", {"text": "New."}))
    old_uids = {p.uid for p in iter_provisions(doc.provisions)}
    new_uids = {p.uid for p in iter_provisions(new.provisions)}
    assert old_uids <= new_uids
    assert new_uids - old_uids == {"new:L1.1A"}


def test_empty_amendments_change_nothing():
    for doc in (small_section(), small_definitions(), small_policy()):
        new, changes = apply(doc, [])
        assert new == doc and changes.results == []


def test_bump_version_rule():
    assert bump_version("18.0") == "19.0"
    assert bump_version("6.2") == "7.0"
    assert bump_version("3") == "4.0"


def test_consolidate_version_history_and_notes():
    what = Implementation("MP134A", "Use of SMKI Certificates", "4 October 2021 ad-hoc release", "47.0",
                          "2021-10-04", illustrative=True, illustrative_label="The legal text is illustrative.")
    doc = small_section()
    out = consolidate(doc, what)
    assert (out.version, out.date, out.sec_version) == ("19.0", "2021-10-04", "47.0")
    assert [h.version for h in out.history] == ["18.0", "19.0"]
    assert "MP134A" in out.history[-1].description and "illustrative" in out.history[-1].description.lower()
    assert out.front[0] == doc.front[0]
    assert "illustrative" in "".join(r.text for r in out.front[-1])
    assert doc.version == "18.0"  # input untouched


# ---------------------------------------------------------------------------------------------
# read back through ``secdocs parse --json`` (once the .docx reader exists)


def test_each_kind_read_back_with_secdocs_parse(tmp_path):
    from secdocs.ooxml.write import write_docx

    cases = {
        "section": (small_section(), ops(
            ("insert", "L1.3", {"text": "New clause.", "children": ["(a) one;", "(b) two."]}),
            ("insert", "L1.2(a)", {"text": "inserted paragraph;"}),
            ("delete", "L1.2(b)", {}),
            ("delete", "L2.1A", {"remove": True}),
            ("replace", "L1.1", {"text": "The Panel shall keep the SMKI PMA."}),
            ("substitute", "L1.3", {"words": "review", "by": "audit"}),
            ("insert_text", "L1.4", {"anchor": "any Certificate", "text": " it considers unsafe"}),
            ("delete_text", "L2.1", {"words": " shall co-operate", "expect": "The DCC shall co-operate."}),
            ("heading", "L2", {"heading": "SMKI ASSURANCE AND AUDIT"}),
            ("heading", "L1/cross-heading[1]", {"heading": "Establishment and Membership"}),
            ("insert", "L1.4", {"position": "before", "provision": "cross-heading", "heading": "Revocation"}))),
        "definitions": (small_definitions(), ops(
            ("insert_definition", "Failed Supplier", {"meaning": "means a Supplier Party that has failed."}),
            ("amend_definition", "Party", {"words": "the DCC; and", "by": "the DCC;"}),
            ("delete_definition", "SM WAN", {}))),
        "policy": (small_policy(), ops(
            ("insert", "4.9.1(B)", {"number": "(C)", "text": "Except under a SoLR Certificate Arrangement."}),
            ("delete", "4.9.2(A)", {}))),
    }
    for name, (doc, amendments) in cases.items():
        new, _ = apply(doc, amendments)
        path = tmp_path / f"{name}.docx"
        write_docx(new, path)
        got = parse_json(path)
        want = model_json(new)
        assert got["provisions"] == want["provisions"], name
        assert got["definitions"] == want["definitions"], name
        if name == "definitions":
            assert "Failed Supplier" in [d["term"] for d in got["definitions"]]
            assert "SM WAN" not in [d["term"] for d in got["definitions"]]


def test_definitions_kinds_on_small_table():
    doc = small_definitions()
    new, changes = applied(doc,
                           ("insert_definition", "Failed Supplier", {"meaning": "means a Supplier that failed."}),
                           ("insert_definition", 'A1.1:"SoLR Event"', {"meaning": [
                               "means the issue of:", "(a) a direction; or", "(b) two directions,",
                               "in each case by the Authority."]}),
                           ("amend_definition", "Authority", {"meaning": "means the GEMA."}),
                           ("amend_definition", "Party", {"words": "each Supplier Party", "by": "each Supplier"}),
                           ("delete_definition", "SM WAN", {}))
    assert terms(new) == ["Authority", "Certificate Revocation List (CRL)", "Failed Supplier",
                          "Fast-Track Modification", "Party", "Small Supplier Party", "SoLR Event", "Supplier Party"]
    r = changes.results
    assert r[0].uids == ["new:def:Failed Supplier", "new:def:Failed Supplier/text[1]"]
    assert r[1].uids == ["new:def:SoLR Event", "new:def:SoLR Event/text[1]", "new:def:SoLR Event/(a)",
                         "new:def:SoLR Event/(b)", "new:def:SoLR Event/text[2]"]
    assert r[2].uids == ["def:Authority", "def:Authority/text[1]"]  # same place, same identity
    assert r[3].after == ("Party: means a person that is a party to this Code, and includes:\n"
                          "the DCC; and\neach Supplier,\nin each case.")
    assert r[4].before.startswith("SM WAN: ") and r[4].after == ""
    new_def = definition(new, "Failed Supplier")
    assert new_def.term[0].term and new_def.term[0].bold
