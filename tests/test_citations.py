"""The one citation parser: where each citation is, and the labels it names."""

from secdocs.model.citations import find_citations


def test_keyword_list_items_with_positions_and_completed_labels():
    text = "as set out in Sections L3.13(b) or (c) and L11.5 to L11.7 (SMKI PMA)."
    [c] = find_citations(text)
    assert (c.form, c.keyword, c.heading) == ("keyword", "Sections", "SMKI PMA")
    assert [(i.text, i.label, i.joined_by) for i in c.items] == [
        ("L3.13(b)", "L3.13(b)", ""), ("(c)", "L3.13(c)", "or"), ("L11.5", "L11.5", "and"), ("L11.7", "L11.7", "to")]
    assert all(text[i.start:i.end] == i.text for i in c.items)
    assert [i.ends_range for i in c.items] == [False, False, False, True]


def test_paragraph_labels_stay_relative_and_of_names_another_document():
    [c] = find_citations("paragraph (a) or (b)")
    assert [i.label for i in c.items] == ["(a)", "(b)"]
    [c] = find_citations("Part 4.9.1 of the Organisation Certificate Policy")
    assert c.of == "the Organisation Certificate Policy" and c.items[0].label == "4.9.1"


def test_whole_documents_and_bare_ranges_by_position():
    text = "L11.5 - L11.7 apply, and Appendix B (SMKI Interface Document) and Section L4."
    found = find_citations(text)
    assert [c.form for c in found] == ["range", "whole", "keyword"]
    assert [i.label for i in found[0].items] == ["L11.5", "L11.7"] and found[0].items[1].ends_range
    assert (found[1].keyword, found[1].letter, found[1].heading) == ("Appendix", "B", "SMKI Interface Document")
    assert find_citations("L11.5 alone is not a citation") == []
