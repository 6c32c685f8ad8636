"""The marked Document (``render.redline``) as rows of HTML for the review site.

Each provision, definition and table becomes one :class:`Row`, anchored by its citation
(``L1.16A``, ``4.9.1(G)``, ``A1.1:SoLR_Event``), with three renderings of its words: inline
(insertions and deletions marked, ``<ins>`` / ``<del>`` carrying the modification that made
them), and the old and new text for the side-by-side view. Addresses follow the redline's change
list (``_Builder._address``): an unnumbered provision is counted among its new siblings, or
among its old ones when it was deleted whole, so a change-list entry finds its row.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ...model import Definition, Document, Kind, Provision, Run, plain

_ANCHOR_UNSAFE = re.compile(r"[\s\"'<>&#%]+")


def anchor(address: str) -> str:
    """An HTML id (and URL fragment) for an address: numbered citations unchanged (``L1.16A``),
    spaces and quotes of a definition's address made safe (``A1.1:SoLR_Event``)."""
    return _ANCHOR_UNSAFE.sub("_", address.replace('"', "")).strip("_")


@dataclass
class Row:
    """One anchored block of the document page."""

    anchor: str
    address: str
    kind: str
    depth: int
    inline: str      # HTML, marks shown
    old: str         # HTML, the text before (deleted words kept, insertions left out)
    new: str         # HTML, the text after
    text: str        # plain new text (search)
    changed: bool = False
    mods: list[str] = field(default_factory=list)  # modifications whose marks it carries


def _runs_html(runs: list[Run], view: str) -> str:
    """``view``: "inline" (both marks), "old" (no insertions; deletions marked), "new" (no
    deletions; insertions marked)."""
    out = []
    for r in runs:
        kind = r.change.kind if r.change is not None else None
        if (view == "old" and kind == "ins") or (view == "new" and kind == "del"):
            continue
        text = html.escape(r.text.replace("\t", " "))
        if r.bold or r.term:
            text = f"<b>{text}</b>"
        if r.italic:
            text = f"<i>{text}</i>"
        if r.underline:
            text = f"<u>{text}</u>"
        if kind:  # inline shows both marks; each side of side by side shows its own
            tag = "ins" if kind == "ins" else "del"
            text = f'<{tag} data-mod="{html.escape(r.change.author)}">{text}</{tag}>'
        out.append(text)
    return "".join(out)


def _whole(change, content: str, view: str) -> str:
    """A block inserted or deleted whole: empty on the side that lacks it."""
    kind = change.kind if change is not None else None
    if (view == "old" and kind == "ins") or (view == "new" and kind == "del"):
        return ""
    return content


def _marks(runs: list[Run]) -> set[str]:
    return {r.change.author for r in runs if r.change is not None}


def _plain_new(runs: list[Run]) -> str:
    return plain([r for r in runs if r.change is None or r.change.kind != "del"]).replace("\t", " ")


def _provision_html(p: Provision, view: str) -> str:
    label = html.escape(p.number) + " " if p.number else ""
    heading = _runs_html(p.heading, view)
    text = _runs_html(p.text, view)
    parts = []
    if heading:
        parts.append(f'<span class="heading">{heading}</span>')
    if text:
        parts.append(text)
    body = (f'<span class="label">{label}</span>' if label else "") + " ".join(parts)
    return _whole(p.change, body, view)


def _table_html(p: Provision, view: str) -> str:
    rows = []
    for i, row in enumerate(p.rows):
        mark = p.row_changes[i] if i < len(p.row_changes) else None
        if _whole(mark, "x", view) == "":
            continue
        cells = "".join("<td>" + "<br>".join(_runs_html(par, view) for par in cell) + "</td>" for cell in row)
        cls = f' class="row-{mark.kind}"' if mark is not None and view == "inline" else ""
        rows.append(f"<tr{cls}>{cells}</tr>")
    return _whole(p.change, '<table class="doc-table">' + "".join(rows) + "</table>", view)


def _table_marks(p: Provision) -> set[str]:
    out = {c.author for c in p.row_changes if c is not None}
    for row in p.rows:
        for cell in row:
            for par in cell:
                out |= _marks(par)
    return out


class _Walker:
    def __init__(self) -> None:
        self.rows: list[Row] = []

    def provisions(self, provisions: list[Provision], parent: str, numbered: str, depth: int) -> None:
        count_new: dict[str, int] = {}
        count_old: dict[str, int] = {}
        for p in provisions:
            if p.number:
                addr = numbered + p.number if p.number.startswith("(") else p.number
                hang = addr
            else:
                counts = count_old if p.change is not None and p.change.kind == "del" else count_new
                key = p.kind.value
                counts[key] = counts.get(key, 0) + 1
                addr = f"{parent}/{key}[{counts[key]}]" if parent else f"{key}[{counts[key]}]"
                hang = numbered
            self.provision(p, addr, depth)
            for d in p.definitions:
                self.definition(d, addr, depth + 1)
            self.provisions(p.children, addr, hang, depth + 1)

    def provision(self, p: Provision, addr: str, depth: int) -> None:
        if p.kind == Kind.TABLE:
            views = {v: _table_html(p, v) for v in ("inline", "old", "new")}
            mods = _table_marks(p)
            text = " ".join(_plain_new(par) for row in p.rows for cell in row for par in cell)
        else:
            views = {v: _provision_html(p, v) for v in ("inline", "old", "new")}
            mods = _marks(p.heading) | _marks(p.text)
            text = " ".join(x for x in (p.number or "", _plain_new(p.heading), _plain_new(p.text)) if x)
        if p.change is not None:
            mods.add(p.change.author)
        self.rows.append(Row(anchor(addr), addr, p.kind.value, depth, views["inline"], views["old"], views["new"],
                             text, bool(mods), sorted(mods)))

    def definition(self, d: Definition, holder: str, depth: int) -> None:
        addr = f'{holder}:"{d.term_text}"'
        mods = _marks(d.term)
        meaning: dict[str, list[str]] = {"inline": [], "old": [], "new": []}
        texts = []
        for q in _flat(d.meaning):
            mods |= _marks(q.heading) | _marks(q.text) | ({q.change.author} if q.change else set())
            for v in meaning:
                chunk = _provision_html(q, v)
                if chunk:
                    meaning[v].append(f"<p>{chunk}</p>")
            texts.append(" ".join(x for x in (q.number or "", _plain_new(q.text)) if x))
        if d.change is not None:
            mods.add(d.change.author)
        views = {}
        for v in ("inline", "old", "new"):
            term = _runs_html(d.term, v)
            body = f'<div class="term">{term}</div><div class="meaning">{"".join(meaning[v])}</div>'
            views[v] = _whole(d.change, body, v)
        self.rows.append(Row(anchor(addr), addr, "definition", depth, views["inline"], views["old"], views["new"],
                             f"{_plain_new(d.term)}: " + " ".join(texts), bool(mods), sorted(mods)))


def _flat(provisions: list[Provision]):
    for p in provisions:
        yield p
        yield from _flat(p.children)


def document_rows(doc: Document) -> list[Row]:
    """Every provision and definition of the marked Document, in document order."""
    walker = _Walker()
    walker.provisions(doc.provisions, "", "", 0)
    return walker.rows
