"""The alphabetical rule of the Section A1.1 table, checked against the baseline's own order."""

from __future__ import annotations

import pytest

from amend_helpers import baseline, ops, terms
from secdocs.amend.ops import apply
from secdocs.amend.ops.definitions import definition_key


def test_rule_examples():
    assert definition_key("Certificate Revocation List (CRL)") == "certificate revocation list crl"
    assert definition_key("Fast-Track Modification") == "fasttrack modification"
    assert definition_key("  SMKI  PMA ") == "smki pma"
    assert definition_key("SM WAN") < definition_key("Small Supplier Party")  # a space sorts before letters
    assert definition_key("DCC User Interface") < definition_key("DCCKI Certificate")


def test_section_a_baseline_follows_the_rule():
    table = terms(baseline("Section A"))
    assert len(table) > 150
    keys = [definition_key(t) for t in table]
    out_of_order = [(a, b) for a, b, ka, kb in zip(table, table[1:], keys, keys[1:]) if ka > kb]
    assert out_of_order == []
    assert len(set(keys)) == len(keys)  # and no two terms collide under it


def test_rule_is_not_plain_string_order():
    # the baseline would be out of order under a case-sensitive, punctuation-keeping sort
    table = terms(baseline("Section A"))
    assert sorted(table) != table


@pytest.mark.parametrize("term, after, before", [
    ("Continued Use Period", "Consumer Data", "Core Communication Services"),
    ("Failed Supplier", "Export Supplier", "Fast-Track Modification"),
    ("SoLR Event", "SMKI Specialist", "Sub-Committee"),
    ("Supplier of Last Resort (SoLR)", "Supplier Licence", "Supplier Party"),
    ("DCC-Agent", "DCC User Interface Specification", "DCCKI Certificate"),  # "dccagent": the hyphen goes
    ("AAA", None, "Acknowledgement"),
    ("Zebra", "Year", None),
])
def test_new_definitions_land_in_place(term, after, before):
    doc = baseline("Section A")
    new, changes = apply(doc, ops(("insert_definition", term, {"meaning": "means something."})))
    table = terms(new)
    i = table.index(term)
    assert (table[i - 1] if i else None) == after
    assert (table[i + 1] if i + 1 < len(table) else None) == before
    assert table[:i] + table[i + 1:] == terms(doc)
    keys = [definition_key(t) for t in table]
    assert keys == sorted(keys)
