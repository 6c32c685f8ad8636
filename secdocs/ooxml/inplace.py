"""The baseline's own package, edited in place into the consolidated document.

Given the bytes of a baseline .docx, the Document read from it (each provision and definition
knowing its paragraph: ``Provision.source``) and the consolidated Document (the same uids for
what it kept), :func:`edit_package` returns the baseline package with only what the amendments
changed:

* a provision whose text changed keeps its paragraph; the words change inside the paragraph's
  own runs (``runedit.splice``: a run is split, its formatting kept);
* an inserted provision (a uid the baseline has not) is a new paragraph placed after the
  previous provision in document order; it takes its paragraph properties (style, indentation,
  numbering) and run properties from the nearest provision of the same kind and level in the
  baseline (siblings first). Where that neighbour is numbered automatically, the new paragraph
  keeps the automatic numbering when its number is the one Word would give it (appended at the
  end of its list); otherwise the numbering is switched off for that paragraph (``w:numId 0``)
  and its number is typed with the neighbour's indentation, so nothing after it is renumbered;
* a provision that is gone is a paragraph removed; a "Not used" provision keeps its paragraph
  (and its automatic number), only its words change;
* a definition row inserted is a copy of a neighbouring row's cells with new paragraphs; a row
  deleted is removed;
* the version metadata (``inplace_meta``) where the document keeps it.

Every other element of ``word/document.xml`` stays as it was (C14N-equal), and every other part
byte-identical, unless ``inplace_meta`` says it must change, or a new provision opens a list of
its own (``word/numbering.xml`` gains that list's instance: ``NewLists``). What cannot be edited
in place raises :class:`secdocs.errors.InPlaceError` naming the file and the provision; the
command reports it as one line and writes nothing. A baseline whose main document holds tracked
changes is read with them accepted, so it is edited in its accepted form; the notes say so.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from lxml import etree

from ..structure.blocks import Para
from ..structure.house import DEFINITION_PARAGRAPHS, TEXTS
from ..diff.words import diff_runs
from ..errors import InPlaceError
from ..model import Change, Definition, Document, Kind, Provision, Run, plain, walk
from .package import Package, package_bytes, read_package
from .read_body import BodyReader
from .revisions import apply_view, count_revisions, has_revisions
from .runedit import char_map, new_run, splice, visible_text
from .styles import PPR_ORDER, insert_ordered
from .stylesheet import StyleSheet
from .wordml import normalise_strict, w
from . import inplace_meta
from .inplace_lists import (NewLists, first, follows, paragraph_indent, readable, set_numbering,
                            shown_label)
from .lists import ListCounter, NumberingDefinitions

_LOCATION_RE = re.compile(r"^(?P<part>.+), (?:table at )?paragraph (?P<n>\d+)$")
_HEADED = (Kind.PART, Kind.CROSS_HEADING, Kind.HEADING)


@dataclass
class EditResult:
    """The edited package and what the caller should know about it."""

    docx: bytes
    notes: list[str] = field(default_factory=list)  # what was recorded where (version, history)
    changed_parts: list[str] = field(default_factory=list)  # every other part is byte-identical


def edit_package(data: bytes, base: Document, new: Document, name: str = "baseline", document: str = ""
                 ) -> EditResult:
    """The baseline package ``data`` edited from ``base`` into ``new`` (see the module docstring)."""
    package = read_package(data, name)
    main = package.main_part
    root = normalise_strict(etree.fromstring(package.parts[main], _PARSER))
    pending: list[str] = []
    if has_revisions(root):
        # the Document was read with them accepted: the consolidated document is of that text
        count = sum(count_revisions(root).values())
        root = apply_view(root, "accept", pending)
        pending.insert(0, f"{document or name}: the baseline's {count} tracked change(s) in {main} were accepted"
                          " (the consolidated document is of the accepted text)")
    parts = dict(package.parts)
    try:
        paras, styles = _paragraphs(package, root, main)
        editor = _Editor(root, main, paras, styles, base, new, name)
        editor.lists = NewLists(package)
        editor.run()
        if editor.lists.changed:
            parts[editor.lists.part] = editor.lists.bytes()
        notes = inplace_meta.update(parts, root, main, base, new, editor.located_blocks(), document)
    except InPlaceError as exc:
        message = str(exc)
        raise InPlaceError(message if message.startswith(name) else f"{name}: {message}") from None
    if editor.changed or notes.document_changed or pending:
        parts[main] = _serialise(root, package.parts[main])
    changed = sorted(p for p in parts if parts[p] != package.parts[p])
    return EditResult(package_bytes(parts), pending + notes.lines, changed)


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


def _serialise(root: etree._Element, original: bytes) -> bytes:
    standalone = True if b'standalone="yes"' in original[:200] else None
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=standalone)


# ---------------------------------------------------------------------------------------------
# Which element each paragraph number is


class _Recorder(BodyReader):
    """The body reader, noting the element of each paragraph it counts (in counting order)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.elements: list[tuple[etree._Element, Para]] = []

    def paragraph(self, p: etree._Element, in_table: bool, counted: bool = True) -> Para:
        slot = len(self.elements)
        self.elements.append((p, None))  # type: ignore[arg-type]
        para = super().paragraph(p, in_table, counted)
        self.elements[slot] = (p, para)
        return para


def _paragraphs(package: Package, root: etree._Element, main: str
                ) -> tuple[list[tuple[etree._Element, Para]], StyleSheet]:
    styles_parts = package.related(main, "styles")
    numbering_parts = package.related(main, "numbering")
    styles = StyleSheet.parse(package.xml(styles_parts[0]) if styles_parts else None)
    numbering = NumberingDefinitions.parse(package.xml(numbering_parts[0]) if numbering_parts else None)
    reader = _Recorder(main, styles, ListCounter(numbering, styles))
    body = root.find(w("body"))
    if body is None:
        raise InPlaceError(f"{main} has no w:body")
    reader.blocks(body)
    return reader.elements, styles


# ---------------------------------------------------------------------------------------------
# The editor


@dataclass
class _Slot:
    """Where the next new block goes: after ``after``, else first in ``container``, else before
    ``before``."""

    after: etree._Element | None = None
    container: etree._Element | None = None
    before: etree._Element | None = None

    def put(self, el: etree._Element) -> None:
        if self.after is not None:
            self.after.addnext(el)
        elif self.container is not None:
            kids = [k for k in self.container if k.tag not in (w("tcPr"), w("tblPr"), w("trPr"))]
            if kids:
                kids[0].addprevious(el)
            else:
                self.container.append(el)
        elif self.before is not None:
            self.before.addprevious(el)
        else:
            raise InPlaceError("no place to put a new paragraph")
        self.after = el


def _level(path: tuple[Provision, ...], p: Provision, in_definition: bool) -> tuple:
    """What makes two provisions the same kind and level, for borrowing properties."""
    depth = sum(1 for q in path if q.kind == Kind.PARAGRAPH)
    parent = path[-1].kind if path else None
    if p.kind == Kind.HEADING and p.number:
        return (p.kind, len(p.number.split(".")), in_definition)
    if p.kind == Kind.TEXT:
        return (p.kind, depth, parent, in_definition)
    return (p.kind, depth, in_definition)


class _Editor:
    def __init__(self, root: etree._Element, main: str, paras: list[tuple[etree._Element, Para]],
                 styles: StyleSheet, base: Document, new: Document, name: str):
        self.root = root
        self.styles = styles
        self.body = root.find(w("body"))
        self.main = main
        self.paras = paras
        self.name = name
        self.base = base
        self.new = new
        self.changed = False
        # uid -> the baseline provisions with it, in document order (a document Word wrote may
        # repeat a number, so a uid may repeat: the k-th in the new document is the k-th here)
        self.by_uid: dict[str, list[Provision]] = {}
        self.claimed: dict[str, int] = {}
        self.pair: dict[int, Provision] = {}  # id(new provision) -> the baseline provision it is
        self.defs: dict[str, Definition] = {}
        self.order: dict[int, int] = {}  # id(base provision) -> document order
        self.levels: dict[tuple, list[tuple[int, Provision, tuple]]] = {}
        self.auto_kept: set[str] = set()
        self.restarted: dict[int, tuple[str, str]] = {}  # id(sibling list) -> (numId, ilvl) of a list started
        self.lists: NewLists | None = None
        self._index_base()

    # -- the baseline's provisions and their elements ---------------------------------------------
    def _index_base(self) -> None:
        n = 0

        def add(provisions: list[Provision], in_def: bool, parent_path: tuple = ()) -> None:
            nonlocal n
            for path, p in walk(provisions, parent_path):
                if p.uid:
                    self.by_uid.setdefault(p.uid, []).append(p)
                self.order[id(p)] = n
                n += 1
                if p.source and p.kind != Kind.TABLE:
                    self.levels.setdefault(_level(path, p, in_def), []).append((n, p, path))
                for d in p.definitions:
                    if d.uid:
                        self.defs[d.uid] = d
                    add(d.meaning, True)
        add(self.base.provisions, False)

    def element(self, source: str) -> tuple[etree._Element, Para]:
        m = _LOCATION_RE.match(source or "")
        if not m or m.group("part") != self.main:
            raise InPlaceError(f"{self.name}: no paragraph for {source or 'a provision without a source'}")
        n = int(m.group("n"))
        if not 1 <= n <= len(self.paras):
            raise InPlaceError(f"{self.name}: {source} is not in {self.main}")
        return self.paras[n - 1]

    def _own(self, p: Provision) -> etree._Element:
        """The element a provision is: its paragraph, or a table's w:tbl."""
        el, _ = self.element(p.source)
        if p.kind == Kind.TABLE:
            tbl = _outer(el, w("tbl"))
            if tbl is None:
                raise InPlaceError(f"{self.name}: {p.source} is not in a table")
            return tbl
        return el

    def located_blocks(self) -> list[etree._Element]:
        """The blocks of every provision (the body elements that are not cover)."""
        out = []
        for p in (q for same in self.by_uid.values() for q in same):
            if p.source:
                try:
                    out.append(_block(self._own(p)))
                except InPlaceError:
                    pass
        return out

    # -- the walk ---------------------------------------------------------------------------------
    def run(self) -> None:
        first = next((p for p in self.base.provisions if p.source), None)
        slot = _Slot(before=_block(self._own(first)) if first is not None else _last_block(self.body))
        keep: set[int] = set()
        self._sync(self.new.provisions, (), False, slot, keep)
        self._remove_gone(keep)

    def _claim(self, p: Provision) -> Provision | None:
        """The baseline provision a new-document provision is (the next unclaimed of its uid)."""
        same = self.by_uid.get(p.uid) if p.uid else None
        if not same:
            return None
        k = self.claimed.get(p.uid, 0)
        if k >= len(same):
            return None
        self.claimed[p.uid] = k + 1
        self.pair[id(p)] = same[k]
        return same[k]

    def _base(self, p: Provision) -> Provision | None:
        """The baseline provision a new-document provision was paired with, or the first of its uid."""
        return self.pair.get(id(p)) or (self.by_uid.get(p.uid) or [None])[0]

    def _sync(self, provisions: list[Provision], path: tuple, in_def: bool, slot: _Slot, keep: set[int]) -> None:
        for n, p in enumerate(provisions):
            old = self._claim(p)
            if old is not None and old.source and old.kind == p.kind:
                keep.add(id(old))
                el = self._own(old)
                if p.kind == Kind.TABLE:
                    if old.rows != p.rows:
                        raise InPlaceError(f"{self.name}: a table changed ({p.uid}); tables are not edited in place")
                elif (old.heading, old.text) != (p.heading, p.text):
                    self._edit_text(el, old, p)
                slot.after = _block(el)
            else:
                el = self._new_block(p, path, in_def, provisions, n, slot)
                slot.put(el)
                self.changed = True
            self._sync(p.children, path + (p,), in_def, slot, keep)
            if p.definitions or (old is not None and old.definitions):
                self._definitions(old, p, keep)

    def _remove_gone(self, keep: set[int]) -> None:
        gone = [p for same in self.by_uid.values() for p in same if id(p) not in keep and p.source]
        for p in gone:
            el = self._own(p)
            if el.getparent() is None:
                continue
            if el.find(f"{w('pPr')}/{w('sectPr')}") is not None:
                for kid in list(el):
                    if kid.tag != w("pPr"):
                        el.remove(kid)
            else:
                cell = el.getparent()
                cell.remove(el)
                if cell.tag == w("tc") and cell.find(w("p")) is None and cell.find(w("tbl")) is None:
                    cell.append(etree.Element(w("p")))
            self.changed = True

    # -- text of a kept provision -------------------------------------------------------------
    def _edit_text(self, el: etree._Element, old: Provision, new: Provision) -> None:
        old_runs, new_runs = old.heading + old.text, new.heading + new.text
        start = _region(el, plain(old_runs), old.uid or old.source)
        mark_i, mark_d = Change("ins", "", ""), Change("del", "", "")
        edits: list[tuple[int, int, list[Run]]] = []
        pos = 0
        for run in diff_runs(old_runs, new_runs, mark_i, mark_d):
            n = len(run.text)
            if run.change is None:
                pos += n
                continue
            if not edits or edits[-1][1] != pos or (run.change.kind == "del" and edits[-1][2]):
                edits.append((pos, pos, []))
            s, e, ins = edits[-1]
            if run.change.kind == "del":
                edits[-1] = (s, e + n, ins)
                pos += n
            else:
                edits[-1] = (s, e, ins + [run.with_text(run.text, None)])
        for s, e, ins in reversed(edits):
            fmt = _format_at(old_runs, s if e > s else max(s - 1, 0))
            splice(el, start + s, start + e, ins, fmt)
        self.changed = True

    # -- new paragraphs -----------------------------------------------------------------------------
    def _template(self, p: Provision, path: tuple, in_def: bool, siblings: list[Provision]
                  ) -> tuple[Provision, bool] | None:
        """The nearest baseline provision of the same kind and level (siblings first), and whether
        it is of the same level (else only of the same kind)."""
        key = _level(path, p, in_def)
        candidates = self.levels.get(key) or []
        exact = bool(candidates)
        if not candidates:
            loose = [k for k in self.levels if k[0] == p.kind and k[-1] == in_def] or \
                    [k for k in self.levels if k[0] == p.kind]
            candidates = [c for k in loose for c in self.levels[k]]
        if not candidates:
            return None
        sibling_ids = {id(self._base(s)) for s in siblings if self._base(s) is not None}
        here = self._here(siblings, path)
        best = min(candidates, key=lambda c: (id(c[1]) not in sibling_ids, abs(c[0] - here), c[0]))
        return best[1], exact

    def _here(self, siblings: list[Provision], path: tuple) -> int:
        for q in list(siblings) + list(reversed(path)):
            old = self._base(q)
            if old is not None and id(old) in self.order:
                return self.order[id(old)]
        return 0

    def _new_block(self, p: Provision, path: tuple, in_def: bool, siblings: list[Provision], at: int,
                   slot: _Slot) -> etree._Element:
        if p.kind == Kind.TABLE:
            raise InPlaceError(f"{self.name}: inserting a table ({p.uid}) in place is not supported")
        found = self._template(p, path, in_def, siblings)
        if found is None:
            raise InPlaceError(f"{self.name}: no paragraph like {p.uid or p.kind.value} to copy the look of")
        template, exact = found
        t_el, t_para = self.element(template.source)
        t_text = visible_text(t_el)
        t_start = _region(t_el, plain(template.heading + template.text), template.uid, strict=False)
        atoms = char_map(t_el)
        label_run = atoms[0].run if atoms else None
        text_run = _main_run(atoms[t_start:])
        if text_run is None and atoms:
            text_run = atoms[-1].run
        new_p = etree.Element(w("p"))
        p_pr = t_el.find(w("pPr"))
        if p_pr is not None:
            p_pr = copy.deepcopy(p_pr)
            for tag in ("sectPr", "pPrChange"):
                for el in p_pr.findall(w(tag)):
                    p_pr.remove(el)
            for el in p_pr.iter(w("ins"), w("del"), w("rPrChange")):
                el.getparent().remove(el)
            new_p.append(p_pr)
            if not exact and p.kind == Kind.TEXT:
                self._text_style(p_pr, path, in_def)
        typed = template.number and t_text.lstrip().startswith(template.number)
        auto = t_para.auto is not None and t_para.auto.text and not typed
        fmt = _format_at(template.heading + template.text, 0)
        if p.number and auto:
            restart = self.restarted.get(id(siblings))
            if self._natural(p, siblings, at, template):
                self.auto_kept.add(p.uid)
                if restart is not None:
                    set_numbering(new_p, *restart)
            elif self._starts_list(p, siblings, t_para):
                num_id = self.lists.restart(t_para.auto.num_id, t_para.auto.ilvl)
                self.restarted[id(siblings)] = (num_id, str(t_para.auto.ilvl))
                set_numbering(new_p, num_id, str(t_para.auto.ilvl))
                self.auto_kept.add(p.uid)
            else:
                self._numbering_off(new_p, t_para)
                label = readable(shown_label(t_para.auto.text, template.number or "", p.number), p.number)
                new_p.append(new_run(Run(label + "\t"), text_run, None))
        elif p.number and typed:
            # the label as the neighbour types it: its punctuation and separator ("2." + space)
            m = re.match(re.escape(template.number) + r"([.)]?)(\s*)", t_text.lstrip())
            new_p.append(new_run(Run(p.number + m.group(1) + (m.group(2) or "\t")), label_run, None))
        elif not p.number and auto:
            self._numbering_off(new_p, t_para)
        for r in p.heading + p.text:
            if r.text:
                new_p.append(new_run(r, text_run, fmt))
        return new_p

    def _text_style(self, p_pr: etree._Element, path: tuple, in_def: bool) -> None:
        """Unnumbered text at a level no baseline text has: the document's own style for text at
        that depth, where it has one (house style: ``SEC Text d``, d = 0 under a Part or heading,
        1 continuing a clause, d continuing a paragraph of depth d - 1)."""
        parent = path[-1].kind if path else None
        depth = sum(1 for q in path if q.kind == Kind.PARAGRAPH) + (1 if parent in (Kind.CLAUSE, Kind.PARAGRAPH)
                                                                   else 0)
        name = DEFINITION_PARAGRAPHS.name(depth) if in_def and depth else TEXTS.name(depth)
        style = next((s for s in self.styles.styles.values() if s.name == name and s.type == "paragraph"), None)
        if style is None:
            return
        for el in p_pr.findall(w("pStyle")) + p_pr.findall(w("ind")) + p_pr.findall(w("numPr")):
            p_pr.remove(el)
        el = etree.Element(w("pStyle"))
        el.set(w("val"), style.id)
        p_pr.insert(0, el)

    def _starts_list(self, p: Provision, siblings: list[Provision], t_para: Para) -> bool:
        """Whether ``p`` opens a list of new provisions whose numbers are the list's own from its
        start ((a), (b), … all new): then it starts a fresh instance of the template's list."""
        if self.lists is None or not t_para.auto.num_id:
            return False
        same = [s for s in siblings if s.kind == p.kind and s.number]
        if not same or same[0] is not p or any(self._base(s) is not None and s.uid in self.by_uid for s in same):
            return False
        if not first(p.number or ""):
            return False
        return all(follows(a.number or "", b.number or "") for a, b in zip(same, same[1:]))

    def _natural(self, p: Provision, siblings: list[Provision], at: int, template: Provision) -> bool:
        """Whether Word's automatic number for a paragraph appended here is ``p.number``."""
        same = [s for s in siblings if s.kind == p.kind and s.number]
        i = next((k for k, s in enumerate(same) if s is p), None)
        if i is None or i == 0 or i != len(same) - 1:
            return False
        prev = same[i - 1]
        old = self._base(prev)
        if prev.uid not in self.auto_kept:
            if old is None or not old.source:
                return False
            _, para = self.element(old.source)
            if para.auto is None or not para.auto.text or para.auto.is_bullet:
                return False
        return follows(prev.number or "", p.number or "")

    def _numbering_off(self, p: etree._Element, template: Para) -> None:
        """No list numbering for this paragraph (numId 0), with the indentation the template's
        label and text had, written on the paragraph: a typed label then sits where the list put
        the template's. The indentation is merged attribute by attribute: the list level's (or,
        numbered through its style, the style's first, as LibreOffice shows it), then the
        template's own; the level's tab stops come along where the level's indentation is used."""
        p_pr = p.find(w("pPr"))
        direct = p_pr is not None and p_pr.find(w("numPr")) is not None
        own = p_pr.find(w("ind")) if p_pr is not None else None
        set_numbering(p, "0", "0")
        p_pr = p.find(w("pPr"))
        if template.auto is None:
            return
        level = self.lists.level_properties(template.auto.num_id, template.auto.ilvl) if self.lists else []
        level_ind = next((el for el in level if el.tag == w("ind")), None)
        style = p_pr.find(w("pStyle"))
        s_left, s_hanging = self.styles.indent(style.get(w("val")) if style is not None else None)
        left, hanging = paragraph_indent(level_ind)
        if not direct and s_left is not None:
            left, hanging = s_left, s_hanging
        if left is None:
            left, hanging = s_left, s_hanging
        o_left, o_hanging = paragraph_indent(own)
        left = o_left if o_left is not None else left
        hanging = o_hanging if own is not None and (own.get(w("hanging")) or own.get(w("firstLine"))) else hanging
        if left is None:
            return
        ind = etree.Element(w("ind"))
        ind.set(w("left"), str(left))
        if hanging and hanging > 0:
            ind.set(w("hanging"), str(hanging))
        elif hanging and hanging < 0:
            ind.set(w("firstLine"), str(-hanging))
        props = [ind] + ([el for el in level if el.tag == w("tabs")] if direct else [])
        for el in props:
            for old in p_pr.findall(el.tag):
                p_pr.remove(old)
            insert_ordered(p_pr, el, PPR_ORDER)

    # -- definitions ------------------------------------------------------------------------------
    def _definitions(self, old: Provision | None, new: Provision, keep: set[int]) -> None:
        old_defs = old.definitions if old is not None else []
        rows = [self._row(d) for d in old_defs if d.source]
        if not rows:
            if new.definitions:
                raise InPlaceError(f"{self.name}: {new.uid} has no definitions table to add rows to")
            return
        slot_row: etree._Element | None = None
        base_row = rows[0]  # the baseline row a new row copies: the one before it, else the first
        for n, d in enumerate(new.definitions):
            od = self.defs.get(d.uid) if d.uid else None
            if od is not None and od.source:
                row = self._row(od)
                if od.term != d.term:
                    term_el, _ = self.element(od.source)
                    self._edit_runs(term_el, od.term, d.term, d.uid)
                cell = self._meaning_cell(row, od)
                self._sync(d.meaning, (), True, _Slot(container=cell), keep)
                slot_row = base_row = row
            else:
                row = self._new_row(d, base_row)
                if slot_row is not None:
                    slot_row.addnext(row)
                else:
                    rows[0].addprevious(row)
                slot_row = row
                cell = self._meaning_cell(row, None)
                self._sync(d.meaning, (), True, _Slot(container=cell), keep)
                if cell.find(w("p")) is None:
                    cell.append(etree.Element(w("p")))
                self.changed = True
        gone = [d for d in old_defs if d.source and d.uid not in {x.uid for x in new.definitions}]
        for d in gone:
            row = self._row(d)
            if row.getparent() is not None:
                row.getparent().remove(row)
                self.changed = True

    def _edit_runs(self, el: etree._Element, old_runs: list[Run], new_runs: list[Run], what: str) -> None:
        self._edit_text(el, Provision(Kind.TEXT, text=old_runs, uid=what), Provision(Kind.TEXT, text=new_runs))

    def _row(self, d: Definition) -> etree._Element:
        el, _ = self.element(d.source)
        row = _outer(el, w("tr"), nearest=True)
        if row is None:
            raise InPlaceError(f"{self.name}: definition {d.term_text!r} is not in a table row")
        return row

    def _meaning_cell(self, row: etree._Element, d: Definition | None) -> etree._Element:
        if d is not None:
            for q in d.meaning:
                if q.source:
                    el, _ = self.element(q.source)
                    cell = _outer(el, w("tc"), nearest=True)
                    if cell is not None:
                        return cell
        cells = [c for c in row.iter(w("tc")) if _outer(c, w("tr"), nearest=True) is row]
        if len(cells) < 2:
            raise InPlaceError(f"{self.name}: a definitions row with no meaning cell")
        return cells[1]

    def _new_row(self, d: Definition, template: etree._Element) -> etree._Element:
        row = copy.deepcopy(template)
        for el in list(row.iter(w("ins"), w("del"), w("bookmarkStart"), w("bookmarkEnd"))):
            if el.getparent() is not None and el.getparent().tag != w("rPr"):
                el.getparent().remove(el)
        cells = [c for c in row.iter(w("tc")) if _outer(c, w("tr"), nearest=True) is row]
        term_template = self.defs_template_term(template)
        for n, cell in enumerate(cells):
            paras = [k for k in cell if k.tag in (w("p"), w("tbl"), w("sdt"))]
            first = next((k for k in paras if k.tag == w("p")), None)
            for k in paras:
                cell.remove(k)
            if n == 0:
                p = etree.Element(w("p"))
                if first is not None and first.find(w("pPr")) is not None:
                    p.append(copy.deepcopy(first.find(w("pPr"))))
                term_run, fmt = term_template
                for r in d.term:
                    if r.text:
                        p.append(new_run(r, term_run, fmt))
                cell.append(p)
        return row

    def defs_template_term(self, row: etree._Element) -> tuple[etree._Element | None, tuple]:
        """The run of the term in a row, and its format as read."""
        for od in self.defs.values():
            if od.source and self._row(od) is row:
                el, _ = self.element(od.source)
                atoms = char_map(el)
                return (atoms[0].run if atoms else None), _format_at(od.term, 0)
        return None, (True, False, False)


# ---------------------------------------------------------------------------------------------
# Helpers


def _region(el: etree._Element, text: str, what: str, strict: bool = True) -> int:
    """Where a provision's text starts in its paragraph's visible text."""
    whole = visible_text(el)
    if not text:
        return len(whole.rstrip())
    i = whole.rfind(text)
    if i < 0:
        if not strict:
            return 0
        raise InPlaceError(f"the text of {what} is not found as such in its paragraph")
    return i


def _format_at(runs: list[Run], k: int) -> tuple:
    pos = 0
    for r in runs:
        if k < pos + len(r.text):
            return (r.bold, r.italic, r.underline)
        pos += len(r.text)
    return (runs[-1].bold, runs[-1].italic, runs[-1].underline) if runs else (False, False, False)


def _main_run(atoms: list) -> etree._Element | None:
    """The run holding most of some text's characters (its body, not a highlighted word)."""
    counts: dict[int, list] = {}
    for a in atoms:
        entry = counts.setdefault(id(a.run), [0, a.run])
        entry[0] += 1
    return max(counts.values(), key=lambda e: e[0])[1] if counts else None


def _outer(el: etree._Element, tag: str, nearest: bool = False) -> etree._Element | None:
    """The outermost (or nearest) ancestor of ``el`` with ``tag``."""
    found = None
    node = el.getparent()
    while node is not None:
        if node.tag == tag:
            found = node
            if nearest:
                return found
        node = node.getparent()
    return found


def _block(el: etree._Element) -> etree._Element:
    """The block an element sits in: itself, or its ancestor directly in the body or a cell."""
    node = el
    while node.getparent() is not None and node.getparent().tag not in (w("body"), w("tc")):
        node = node.getparent()
    return node


def _last_block(body: etree._Element) -> etree._Element:
    sect = body.find(w("sectPr"))
    if sect is None:
        raise InPlaceError("the body has no final section properties to put new paragraphs before")
    return sect
