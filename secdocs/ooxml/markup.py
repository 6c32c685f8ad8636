"""Runs with their formatting and revision marks, tracked or static.

A ``Change`` on a run, a provision or a definition is rendered one of two ways:

* ``tracked`` — native Word revisions: ``w:ins`` / ``w:del`` around the runs (deleted text as
  ``w:delText``), the paragraph mark revised in ``w:pPr/w:rPr`` when a whole paragraph is
  inserted or deleted (so accepting or rejecting every change adds or removes the paragraph
  itself), and ``w:trPr/w:ins`` / ``w:del`` on a table row. Every revision gets the next
  document-wide ``w:id`` in document order; consecutive runs with the same marks share one
  revision.
* ``static`` — no revision marks at all: insertions in coloured underline, deletions in
  coloured strikethrough (blue and red unless ``colours`` says otherwise), for PDF publication.

Changes nest: what a deleted provision holds is deleted with it, and so on. A ``Mark`` is the
nearest insertion and the nearest deletion above a piece of text. Text both inserted and
deleted (a run inserted inside a deleted provision, say) is in neither version; it is written
the way Word writes it, ``w:ins`` around ``w:del``, and a paragraph mark or row carries both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

from lxml import etree

from ..errors import ConfigError
from ..model import Change, Run
from .emit import PPR_ORDER, RPR_ORDER, add_text, el, insert_ordered, ppr_of, set_child, w

MARKUPS = ("tracked", "static")
DEFAULT_COLOURS = {"ins": "0000FF", "del": "FF0000"}
_COLOUR_KEYS = {"ins": "ins", "insert": "ins", "inserted": "ins", "insertion": "ins",
                "del": "del", "delete": "del", "deleted": "del", "deletion": "del"}
_HEX = re.compile(r"^#?[0-9A-Fa-f]{6}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
TRPR_ORDER = ("cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader "
              "tblCellSpacing jc hidden ins del trPrChange").split()


def resolve_colours(colours: dict[str, str] | None) -> dict[str, str]:
    """Static markup colours as ``{"ins": "0000FF", "del": "FF0000"}`` from user options."""
    out = dict(DEFAULT_COLOURS)
    for key, value in (colours or {}).items():
        kind = _COLOUR_KEYS.get(str(key).lower())
        if kind is None:
            raise ConfigError(f"unknown markup colour {key!r}: use 'ins' or 'del'")
        if not _HEX.match(str(value)):
            raise ConfigError(f"markup colour for {key!r} must be six hex digits such as 0000FF, not {value!r}")
        out[kind] = str(value).lstrip("#").upper()
    return out


def revision_date(date: str) -> str | None:
    """A Change date as the ``xsd:dateTime`` Word wants (a bare date becomes midnight UTC)."""
    date = (date or "").strip()
    if not date:
        return None
    if _DATE.match(date):
        return f"{date}T00:00:00Z"
    if _DATETIME.match(date):
        return date
    raise ConfigError(f"revision date {date!r} is not an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)")


@dataclass(frozen=True)
class Mark:
    """The nearest insertion and deletion that apply to a piece of text (either may be None)."""

    ins: Change | None = None
    dele: Change | None = None

    def add(self, change: Change | None) -> "Mark":
        """This mark with a nearer change on top (a provision's, then its run's)."""
        if change is None:
            return self
        if change.kind == "ins":
            return Mark(change, self.dele)
        if change.kind == "del":
            return Mark(self.ins, change)
        raise ConfigError(f"unknown change kind {change.kind!r} (by {change.author or 'nobody'}): use 'ins' or 'del'")

    def __bool__(self) -> bool:
        return self.ins is not None or self.dele is not None


NO_MARK = Mark()


class Markup:
    """Writes runs, paragraph marks and table rows with their revision marks.

    One instance serves one document, so revision ids are unique and sequential.
    """

    def __init__(self, markup: str = "tracked", colours: dict[str, str] | None = None):
        if markup not in MARKUPS:
            raise ConfigError(f"unknown markup {markup!r}: use one of {', '.join(MARKUPS)}")
        self.mode = markup
        self.colours = resolve_colours(colours)
        self._next_id = 1
        self.count = 0  # revisions written

    @property
    def tracked(self) -> bool:
        return self.mode == "tracked"

    # -- revisions ----------------------------------------------------------------------------------
    def _revision(self, tag: str, change: Change, parent: etree._Element | None = None) -> etree._Element:
        node = el(tag) if parent is None else el(tag, parent)
        node.set(w("id"), str(self._next_id))
        node.set(w("author"), change.author or "secdocs")
        when = revision_date(change.date)
        if when:
            node.set(w("date"), when)
        self._next_id += 1
        self.count += 1
        return node

    # -- runs ---------------------------------------------------------------------------------------
    def runs(self, p: etree._Element, runs: list[Run], mark: Mark = NO_MARK, bold: bool = False) -> None:
        """Append runs to paragraph p under ``mark`` (the provision's or row's), each run's own
        change added on top; ``bold`` forces bold (the term column)."""
        for run_mark, group in groupby((r for r in runs if r.text), key=lambda r: mark.add(r.change)):
            target = p
            if self.tracked and run_mark.ins is not None:
                target = self._revision("ins", run_mark.ins, target)
            if self.tracked and run_mark.dele is not None:
                target = self._revision("del", run_mark.dele, target)
            for run in group:
                self._run(target, run, run_mark, bold)

    def _run(self, parent: etree._Element, run: Run, mark: Mark, bold: bool) -> etree._Element:
        """A ``w:r`` with its properties in schema order (b, i, strike, color, u) and its text."""
        r = el("r", parent)
        deleted = mark.dele is not None
        props: list[tuple[str, dict[str, str]]] = []
        if run.bold or run.term or bold:
            props.append(("b", {}))
        if run.italic:
            props.append(("i", {}))
        if mark and not self.tracked:
            colour = self.colours["del" if deleted else "ins"]
            if deleted:
                props.append(("strike", {}))
            props.append(("color", {"val": colour}))
            if not deleted:  # an underlined insertion is double-underlined, so the mark stays visible
                props.append(("u", {"val": "double" if run.underline else "single", "color": colour}))
            elif run.underline:
                props.append(("u", {"val": "single"}))
        elif run.underline:
            props.append(("u", {"val": "single"}))
        if props:
            rpr = el("rPr", r)
            for tag, attrs in props:
                el(tag, rpr, **attrs)
        add_text(r, run.text, deleted=deleted and self.tracked)
        return r

    # -- paragraph marks and rows ---------------------------------------------------------------------
    def paragraph_mark(self, p: etree._Element, mark: Mark) -> None:
        """Mark a whole paragraph as inserted and/or deleted (its paragraph mark). Call it
        before adding the runs, so revision ids follow document order."""
        if not mark:
            return
        rpr = set_child(ppr_of(p), "rPr", PPR_ORDER)
        if self.tracked:
            for tag, change in (("ins", mark.ins), ("del", mark.dele)):
                if change is not None:
                    insert_ordered(rpr, self._revision(tag, change), RPR_ORDER)
        else:
            set_child(rpr, "color", RPR_ORDER, val=self.colours["del" if mark.dele else "ins"])

    def row(self, tr: etree._Element, mark: Mark) -> None:
        """Mark a table row as inserted and/or deleted (tracked markup only)."""
        if not mark or not self.tracked:
            return
        trpr = tr.find(w("trPr"))
        if trpr is None:
            trpr = el("trPr")
            tr.insert(0 if tr.find(w("tblPrEx")) is None else 1, trpr)
        for tag, change in (("ins", mark.ins), ("del", mark.dele)):
            if change is not None:
                insert_ordered(trpr, self._revision(tag, change), TRPR_ORDER)
