"""The house style's names, defined once in ``structure/house.py``: every style the writer defines
(``ooxml/styles.py``, ``reference.docx``) is a house name, and the reader recognises each with the
role ``house`` gives it, so the writer and the reader cannot drift apart."""

from __future__ import annotations

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from secdocs.ooxml import styles as S
from secdocs.resources import reference_docx
from secdocs.structure import house, style_role
from secdocs.structure.blocks import Para, Table
from secdocs.structure.tables import styled_as_definitions


def house_role(name: str) -> tuple[str, int] | None:
    """The role ``house`` gives a style the writer defines; None for a name it does not know."""
    if name in house.ROLES:
        return house.ROLES[name], 0
    for levels in house.LEVELLED:
        for n in levels.levels():
            if levels.name(n) == name:
                return levels.role, n
    return None


def house_paragraph_styles() -> list[str]:
    return [*house.ROLES, *(levels.name(n) for levels in house.LEVELLED for n in levels.levels())]


def reference_styles(kind) -> set[str]:
    return {s.name for s in docx.Document(str(reference_docx())).styles
            if s.type == kind and s.name.startswith("SEC")}


def test_the_reference_documents_sec_styles_are_the_house_names():
    assert reference_styles(WD_STYLE_TYPE.PARAGRAPH) == set(house_paragraph_styles())
    assert reference_styles(WD_STYLE_TYPE.TABLE) == {house.DEFINITIONS_TABLE, house.TABLE}


def test_styles_py_defines_exactly_the_house_names():
    assert [spec.name for spec in S.PARAGRAPH_STYLES if house_role(spec.name) is None] == []
    assert sorted(spec.name for spec in S.PARAGRAPH_STYLES) == sorted(house_paragraph_styles())


@pytest.mark.parametrize("name", [*house_paragraph_styles(), *sorted(reference_styles(WD_STYLE_TYPE.PARAGRAPH))])
def test_the_reader_gives_each_written_style_its_house_role(name):
    assert house_role(name) is not None, f"{name!r} is written but not a house name"
    assert style_role(Para([], style=name)) == house_role(name)


def test_the_reader_ignores_case_spaces_and_punctuation_and_reads_any_level():
    assert style_role(Para([], style="sec_paragraph-7")) == ("paragraph", 7)
    assert style_role(Para([], style="SEC DEFINITION PARAGRAPH 4")) == ("def-paragraph", 4)
    assert style_role(Para([], style="Sec Cross-Heading")) == ("cross-heading", 0)


def test_the_writer_caps_a_level_at_the_styles_it_defines():
    assert house.HEADINGS.style(9) == "SEC Heading 6" and house.HEADINGS.style(0) == "SEC Heading 1"
    assert house.TEXTS.style(-1) == "SEC Text 0" and house.PARAGRAPHS.style(2) == "SEC Paragraph 2"
    assert house.DEFINITION_PARAGRAPHS.style(5) == "SEC Definition Paragraph 3"
    assert house.PARAGRAPHS.name(8) == "SEC Paragraph 8"


def test_table_styles_and_pack_styles():
    """``SEC Definitions`` is read as a definitions table, ``SEC Table`` is not; the pack styles
    (not in reference.docx) are read as ordinary paragraphs."""
    assert styled_as_definitions(Table([], style=house.DEFINITIONS_TABLE))
    assert not styled_as_definitions(Table([], style=house.TABLE))
    packs = [*house.PACK_HEADINGS, house.PACK_BODY, house.PACK_BULLET, house.PACK_QUESTION, house.PACK_BOX,
             house.PACK_SMALL]
    assert sorted(spec.name for spec in S.PACK_STYLES) == sorted(packs)
    assert [style_role(Para([], style=name)) for name in packs] == [("", 0)] * len(packs)
    assert not set(packs) & reference_styles(WD_STYLE_TYPE.PARAGRAPH)
