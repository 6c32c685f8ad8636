"""The new version recorded where the user's document keeps its version, and nowhere else.

The parts an in-place edit may change besides the provisions (``inplace``), each only when the
baseline shows the old value there:

* cover lines of ``word/document.xml`` before the first provision: a line that names the
  document version ("Document version: 18.0"), the SEC version ("SEC version: 46.0") or the date
  ("Date: 24 June 2021") has that value replaced, inside its runs;
* the version history table (the table after a "Version history" / "Document control" caption
  whose header row starts ``Version | Date``): the rows the consolidated document adds, each a
  copy of an existing row with its cells' text replaced;
* cover notes: the notes the consolidated document adds, after the last note, when the baseline
  has a representative-text cover note (ours); a user's own document gets none;
* headers and footers (``word/header*.xml``, ``word/footer*.xml``): a line naming the version;
* ``docProps/core.xml``: ``version=`` and ``sec-version=`` in the keywords;
* ``docProps/custom.xml``: a property whose name says version holding the old value.

Where the document keeps no version, the new version is recorded only in the report
(:class:`Notes` says so). Every other part stays byte-identical.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field

from lxml import etree

from ..model import Document, HistoryEntry, Run, plain
from .namespaces import CP_NS
from .runedit import char_map, new_run, splice, visible_text
from .wordml import w

_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@dataclass
class Notes:
    lines: list[str] = field(default_factory=list)
    document_changed: bool = False


def update(parts: dict[str, bytes], root: etree._Element, main: str, base: Document, new: Document,
           provision_blocks: list[etree._Element], document: str = "") -> Notes:
    """Record ``new``'s version, SEC version, date, history rows and cover notes in ``parts`` and
    the main part's ``root`` (edited in place) where ``base`` shows them (see the docstring)."""
    notes = Notes()
    body = root.find(w("body"))
    blocks = set(provision_blocks)
    first = next((k for k in body if k in blocks), None)
    cover = [k for k in body if k is not first] if first is None else list(body)[: list(body).index(first)]
    values = _values(base, new)
    where: list[str] = []
    if values:
        if _replace_lines([p for k in cover if k.tag == w("p") for p in [k]], values):
            notes.document_changed = True
            where.append("cover lines")
        for name in sorted(parts):
            if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
                part_root = etree.fromstring(parts[name], _PARSER)
                if _replace_lines(list(part_root.iter(w("p"))), values):
                    parts[name] = etree.tostring(part_root, xml_declaration=True, encoding="UTF-8",
                                                 standalone=True)
                    where.append(name)
        if _core(parts, base, new):
            where.append("docProps/core.xml keywords")
        if _custom(parts, base, new):
            where.append("docProps/custom.xml")
    added = [h for h in new.history if h not in base.history]
    if added:
        table = _history_table(body)
        if table is not None:
            _add_history(table, new.history, base.history)
            notes.document_changed = True
            where.append("version history table")
    front_added = [f for f in new.front if plain(f).strip() not in {plain(b).strip() for b in base.front}]
    if front_added and any("representative" in plain(f).lower() for f in base.front):
        if _add_front(cover, base, front_added):
            notes.document_changed = True
            where.append("cover notes")
    if base.version != new.version:
        who = document or new.id or "the document"
        if where:
            notes.lines.append(f"{who}: version {base.version} → {new.version} recorded in " + ", ".join(where))
        else:
            notes.lines.append(f"{who}: the document states no version of its own; version {new.version} "
                               f"(from {base.version}) is recorded only in the report")
    return notes


def _values(base: Document, new: Document) -> list[tuple[re.Pattern, str, str]]:
    """(line pattern, old text, new text) for each cover value that changed. A line qualifies
    only when it is that value and its label alone ("Document version: 18.0", "Version 18.0",
    "SEC version: 46.0", "Date: 24 June 2021"), never a sentence or notice that mentions one."""
    out = []
    if base.version and new.version and base.version != new.version:
        out.append((re.compile(r"(?i)^\W*(document\s+)?(version|issue)(\s+(no\.?|number))?\W*$"),
                    base.version, new.version))
    if base.sec_version and new.sec_version and base.sec_version != new.sec_version:
        out.append((re.compile(r"(?i)^\W*sec\s+version\W*$"), base.sec_version, new.sec_version))
    if base.date and new.date and base.date != new.date:
        for old, fresh in ((base.date, new.date), (_long(base.date), _long(new.date))):
            if old and fresh:
                out.append((re.compile(r"(?i)^\W*(date|dated|effective date)\W*$"), old, fresh))
    return out


def _long(iso: str) -> str:
    try:
        d = dt.date.fromisoformat(iso)
    except ValueError:
        return ""
    return f"{d.day} {d.strftime('%B %Y')}"


def _replace_lines(paragraphs: list[etree._Element], values: list[tuple[re.Pattern, str, str]]) -> bool:
    changed = False
    for p in paragraphs:
        text = visible_text(p)
        for pattern, old, fresh in values:
            m = re.search(rf"(?<![\w.]){re.escape(old)}(?![\w]|\.\d)", text)
            if m is None:
                continue
            start = text.rfind("\t", 0, m.start()) + 1  # the tab-separated piece holding the value
            end = text.find("\t", m.end())
            piece = text[start:m.start()] + text[m.end():end if end >= 0 else len(text)]
            if not pattern.search(piece):
                continue
            splice(p, m.start(), m.end(), [Run(fresh)])
            text = visible_text(p)
            changed = True
    return changed


def _root(parts: dict[str, bytes], name: str) -> etree._Element | None:
    return etree.fromstring(parts[name], _PARSER) if name in parts else None


def _core(parts: dict[str, bytes], base: Document, new: Document) -> bool:
    name = "docProps/core.xml"
    root = _root(parts, name)
    if root is None:
        return False
    el = root.find(f"{{{CP_NS}}}keywords")
    if el is None or not el.text:
        return False
    text = el.text
    for key, old, fresh in (("sec-version", base.sec_version, new.sec_version), ("version", base.version, new.version)):
        if old and fresh and old != fresh:
            text = re.sub(rf"(?<![\w-]){key}={re.escape(old)}(?![\w.])", f"{key}={fresh}", text)
    if text == el.text:
        return False
    el.text = text
    parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return True


def _custom(parts: dict[str, bytes], base: Document, new: Document) -> bool:
    name = "docProps/custom.xml"
    root = _root(parts, name)
    if root is None:
        return False
    changed = False
    for prop in root.iter(f"{{{_CUSTOM_NS}}}property"):
        label = (prop.get("name") or "").lower()
        if "version" not in label:
            continue
        old, fresh = (base.sec_version, new.sec_version) if "sec" in label else (base.version, new.version)
        for value in prop:
            if value.text and old and fresh and value.text.strip() == old and old != fresh:
                value.text = fresh
                changed = True
    if changed:
        parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return changed


# -- the version history table ------------------------------------------------------------------


def _cells(row: etree._Element) -> list[etree._Element]:
    return [c for c in row if c.tag == w("tc")]


def _cell_text(cell: etree._Element) -> str:
    return " ".join(visible_text(p) for p in cell.iter(w("p"))).strip()


def _history_table(body: etree._Element) -> etree._Element | None:
    for tbl in body.iter(w("tbl")):
        rows = tbl.findall(w("tr"))
        if rows and [_cell_text(c).lower() for c in _cells(rows[0])][:2] == ["version", "date"]:
            return tbl
    return None


def _add_history(tbl: etree._Element, history: list[HistoryEntry], old: list[HistoryEntry]) -> None:
    rows = tbl.findall(w("tr"))
    header = [_cell_text(c).lower() for c in _cells(rows[0])]
    data = rows[1:]
    long_dates = any(re.search(r"[A-Za-z]", _cell_text(_cells(r)[1])) for r in data if len(_cells(r)) > 1)
    template = data[-1] if data else rows[0]
    previous: etree._Element | None = None
    by_entry = {id(h): r for h, r in zip(old, data)}
    kept = {(h.version, h.date, h.description): by_entry.get(id(h)) for h in old}
    for entry in history:
        row = kept.get((entry.version, entry.date, entry.description))
        if row is not None:
            previous = row
            continue
        fresh = _history_row(template, header, entry, long_dates)
        if previous is not None:
            previous.addnext(fresh)
        elif data:
            data[0].addprevious(fresh)
        else:
            rows[0].addnext(fresh)
        previous = fresh


def _history_row(template: etree._Element, header: list[str], entry: HistoryEntry, long_dates: bool
                 ) -> etree._Element:
    row = copy.deepcopy(template)
    for el in list(row.iter(w("bookmarkStart"), w("bookmarkEnd"))):
        el.getparent().remove(el)
    tr_pr = row.find(w("trPr"))
    if tr_pr is not None:
        for el in tr_pr.findall(w("tblHeader")):
            tr_pr.remove(el)
    date = _long(entry.date) if long_dates else entry.date
    values = {"version": entry.version, "date": date or entry.date, "status": entry.status,
              "author": entry.author, "description": entry.description}
    for name, cell in zip(header, _cells(row)):
        key = next((k for k in values if k in name), "description")
        paras = cell.findall(w("p"))
        first = paras[0] if paras else etree.SubElement(cell, w("p"))
        atoms = char_map(first)
        run = atoms[0].run if atoms else None
        for p in paras[1:]:
            cell.remove(p)
        for kid in list(first):
            if kid.tag != w("pPr"):
                first.remove(kid)
        if values[key]:
            first.append(new_run(Run(values[key]), run, None))
    return row


# -- cover notes --------------------------------------------------------------------------------


def _add_front(cover: list[etree._Element], base: Document, added: list) -> bool:
    texts = {" ".join(plain(f).split()) for f in base.front}
    notes = [k for k in cover if k.tag == w("p") and " ".join(visible_text(k).split()) in texts
             and visible_text(k).strip()]
    if not notes:
        return False
    last = notes[-1]
    atoms = char_map(last)
    run = atoms[0].run if atoms else None
    for runs in reversed(added):
        p = etree.Element(w("p"))
        p_pr = last.find(w("pPr"))
        if p_pr is not None:
            p.append(copy.deepcopy(p_pr))
        for r in runs:
            if r.text:
                p.append(new_run(r, run, None))
        last.addnext(p)
    return True
