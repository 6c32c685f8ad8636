"""Tables of a SEC document (no XML here): the version history, the definitions table, others.

* A table whose header row reads Version | Date | … is the version history.
* A two-column table after a clause is that clause's definitions table when its style says so
  (``SEC Definitions``) or when it looks like one: short terms on the left, and meanings that
  start "means", "has the meaning"… on the right (or a lead-in that speaks of meanings).
* Any other table is kept as a Kind.TABLE provision: rows of cells of paragraphs of runs, with
  automatic numbers written into the text so that nothing is lost.
"""

from __future__ import annotations

from .blocks import Para, Table, strip_runs
from ..model import HistoryEntry, Kind, Provision, Run, normalise_runs, plain
from .cover import iso_date
from .labels import style_key

HISTORY_CAPTIONS = ("version history", "document history", "change history", "amendment history",
                    "revision history", "document control")
DEFAULT_CAPTION = "version history"  # the caption the writer prints when Document.history_caption is ""
_MEANING_STARTS = ("means", "has the meaning", "have the meaning", "shall have", "includes", "include",
                   "in relation to", "refers to", "shall mean", "is ", "are ")


def is_caption(para: Para) -> bool:
    """A "Version history" caption line."""
    return " ".join(para.text.split()).lower().rstrip(":") in HISTORY_CAPTIONS


def caption_text(para: Para) -> str:
    """The caption as the model keeps it: "" for the default "Version history"."""
    text = " ".join(para.text.split()).rstrip(":")
    return "" if text.lower() == DEFAULT_CAPTION else text


_STATUS_COLUMNS = ("status",)
_AUTHOR_COLUMNS = ("author", "lead analyst", "owner", "prepared by")


def history(table: Table) -> list[HistoryEntry] | None:
    """The version history (or document control) rows, or None if the table is neither.

    Columns are mapped by their header: Version, Date, then Status and Author (or Lead
    Analyst / Owner) when present; every other column goes into the description."""
    if not table.rows or table.columns < 3:
        return None
    header = [" ".join(plain(cell_text(c)).split()).lower() for c in table.rows[0]]
    if len(header) < 2 or not (header[0].startswith("version") and header[1].startswith("date")):
        return None
    entries = []
    for row in table.rows[1:]:
        cells = [" ".join(plain(cell_text(c)).split()) for c in row]
        cells += [""] * (len(header) - len(cells))
        if not any(cells):
            continue
        status = author = ""
        description = []
        for name, value in zip(header[2:], cells[2:]):
            if name in _STATUS_COLUMNS:
                status = value
            elif name in _AUTHOR_COLUMNS:
                author = value
            elif value:
                description.append(value)
        entries.append(HistoryEntry(cells[0], iso_date(cells[1]), " ".join(description), status, author))
    return entries


def styled_as_definitions(table: Table) -> bool:
    return "definition" in style_key(table.style)


def looks_like_definitions(table: Table, holder: Provision | None) -> bool:
    """A two-column term | meaning table after a clause, without the house style."""
    if table.columns != 2 or not table.rows or holder is None:
        return False
    rows = definition_rows(table)
    if not rows:
        return False
    short_terms = sum(1 for r in rows if len(plain(cell_text(r[0])).split()) <= 12)
    meanings = sum(1 for r in rows if len(r) > 1
                   and plain(cell_text(r[1])).strip().lower().startswith(_MEANING_STARTS))
    lead_in = plain(holder.text).lower()
    mentions = any(word in lead_in for word in ("meaning", "defin", "expression"))
    return short_terms >= 0.8 * len(rows) and (meanings >= 0.5 * len(rows) or mentions)


def definition_rows(table: Table) -> list[list[list[Para]]]:
    """The rows of a definitions table without a "Term | Meaning" header row."""
    rows = [row for row in table.rows if row]
    if rows and _is_header_row(rows[0]):
        rows = rows[1:]
    return rows


def term_runs(cell: list[Para]) -> list[Run]:
    """The term of a definitions row: its runs, bold ones marked as the defined term."""
    runs: list[Run] = []
    for para in cell:
        if not para.text.strip():
            continue
        if runs:
            runs.append(Run(" ", bold=True, term=True))
        runs.extend(Run(r.text, r.bold, r.italic, r.underline, term=r.bold) for r in strip_runs(para.runs))
    return normalise_runs(runs, fresh=True)  # every run here is new


def table_provision(table: Table) -> Provision:
    """A table that is neither history nor definitions, as a Kind.TABLE provision."""
    return Provision(Kind.TABLE, rows=[[[_paragraph_runs(p) for p in cell] for cell in row] for row in table.rows])


def cell_text(cell: list[Para]) -> list[Run]:
    runs: list[Run] = []
    for i, para in enumerate(cell):
        if i:
            runs.append(Run(" "))
        runs.extend(para.runs)
    return runs


def _paragraph_runs(para: Para) -> list[Run]:
    runs = list(para.runs)
    if para.auto and para.auto.text:
        runs.insert(0, Run(para.auto.text + " "))
    return normalise_runs(strip_runs(runs))


def _is_header_row(row: list[list[Para]]) -> bool:
    texts = [" ".join(plain(cell_text(c)).split()).lower() for c in row]
    return len(texts) >= 2 and texts[0] in ("term", "terms", "expression", "defined term", "definition") \
        and texts[1] in ("meaning", "definition", "meanings", "description")
