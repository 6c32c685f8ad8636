"""The outline language between the jinja2 templates and the .docx builder."""

import pytest

from secdocs.errors import ConfigError
from secdocs.ooxml.blockspec import Block, Table
from secdocs.packs.outline import escape, inline, parse
from secdocs.packs.templating import daydate, longdate, time12


def test_blocks_and_tables():
    blocks = parse("h1: Heading\np: Some **bold** text\n\ntable: 30 | 70\nhead: A | B\nrow: a | **b**\nendtable\n"
                   "pagebreak\nbullet: item\ninsert: annex\n")
    kinds = [b.kind if isinstance(b, Block) else "table" for b in blocks]
    assert kinds == ["h1", "p", "table", "pagebreak", "bullet", "insert"]
    assert [(s.text, s.bold) for s in blocks[1].runs] == [("Some ", False), ("bold", True), (" text", False)]
    table = blocks[2]
    assert isinstance(table, Table) and table.widths == [30, 70]
    assert table.rows[0][1][0].bold and blocks[5].name == "annex"


@pytest.mark.parametrize("value, shown", [
    ("a\nh1: injected", "a\nh1: injected"),
    ("**not bold**", "**not bold**"),
    ("x | y", "x | y"),
    ("back\\slash \\n", "back\\slash \\n"),
    ("tab\tand \r\n CRLF", "tab\tand\nCRLF"),
])
def test_escaped_values_cannot_add_blocks_cells_or_marks(value, shown):
    table, para = parse(f"table: 50 | 50\nrow: {escape(value)} | second\nendtable\np: {escape(value)}")
    assert len(table.rows[0]) == 2
    assert "".join(s.text for s in table.rows[0][0]) == shown
    assert para.text == shown and not any(s.bold for s in para.runs)


def test_line_breaks_in_values_survive():
    assert inline(escape("one\n\ntwo"), "template: line 1")[0].text == "one\ntwo"


@pytest.mark.parametrize("text, message", [
    ("nonsense line", "not an outline block"),
    ("row: a | b", "outside a table"),
    ("table: 50 | 50\nrow: a\nendtable", "1 cells in a 2-column table"),
    ("table: 50 | 50\nrow: a | b", "has no endtable"),
    ("table: 50 | 50\np: x\nendtable", "inside a table"),
    ("table: x | y\nendtable", "widths must be numbers"),
])
def test_bad_outline_lines_are_one_line_errors(text, message):
    with pytest.raises(ConfigError) as err:
        parse(text, where="template t.j2")
    assert message in str(err.value) and "\n" not in str(err.value)


def test_date_and_time_filters():
    import datetime as dt

    assert longdate(dt.date(2021, 6, 7)) == "7 June 2021"
    assert daydate(dt.date(2021, 6, 7)) == "Monday 7 June 2021"
    assert [time12(t) for t in ("17:00", "09:30", "12:00", "00:00")] == ["5pm", "9.30am", "noon", "12am"]
