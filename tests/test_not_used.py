"""The one "Not used" rule (model.is_not_used / says_not_used) that checks, conflicts, import and redline share."""

from __future__ import annotations

import pytest

from secdocs.model import NOT_USED, Definition, Kind, Provision, Run, is_not_used, says_not_used


@pytest.mark.parametrize("text", [NOT_USED, "not used", "  Not  used. ", "[Not used]", "[Not used.]"])
def test_the_words(text):
    assert says_not_used(text)


@pytest.mark.parametrize("text", ["Not used by the DCC.", "Unused.", ""])
def test_other_words(text):
    assert not says_not_used(text)


def test_a_paragraph_kept_as_not_used():
    assert is_not_used(Provision(Kind.PARAGRAPH, number="(b)", text=[Run(NOT_USED)]))
    holding = Provision(Kind.PARAGRAPH, number="(b)", text=[Run(NOT_USED)],
                        children=[Provision(Kind.PARAGRAPH, number="(i)", text=[Run("x")])])
    assert not is_not_used(holding)
    defining = Provision(Kind.CLAUSE, number="A1.1", text=[Run(NOT_USED)], definitions=[Definition([Run("T")])])
    assert not is_not_used(defining)


def test_a_part_kept_as_not_used_keeps_its_heading():
    part = Provision(Kind.PART, number="L1", heading=[Run("SMKI")],
                     children=[Provision(Kind.TEXT, text=[Run(NOT_USED)])])
    assert is_not_used(part)
    part.children.append(Provision(Kind.TEXT, text=[Run("More.")]))
    assert not is_not_used(part)
    assert is_not_used(Provision(Kind.CROSS_HEADING, heading=[Run("Not used")]))
