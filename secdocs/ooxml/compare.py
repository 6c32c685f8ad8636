"""Compare two .docx packages in place: NEW's own package, with OLD's differences marked.

:func:`compare_packages` keeps every part of NEW byte-identical except the stories it marks
(the main document, headers, footers, footnotes, endnotes) and, when deleted OLD content brings
an image or a link along, the relationships and content types that need it. In each story the
blocks (paragraphs, tables, content controls; rows in a table; paragraphs and tables in a cell)
are aligned in document order by :func:`secdocs.blockalign.align_blocks`; a paired paragraph
gets word-level marks (:mod:`.marking`), a paired table is compared row by row and cell by cell,
a block only NEW has is marked inserted where it stands, and a block only OLD has is copied back
in its place, marked deleted. Nothing is reordered, so accepting every mark gives NEW and
rejecting every mark gives OLD. Tracked changes already in either file are resolved first (the
accepted view by default) and reported.
"""

from __future__ import annotations

import gc
import os
import re
from dataclasses import asdict, dataclass, field

from lxml import etree

from ..blockalign import BlockKey, align_blocks, full_addresses, moved_pairs
from ..errors import BadInputError
from . import marking as mk
from .package import Package, package_bytes, read_package
from .defcopy import DefinitionCopier
from .relcopy import RelCopier
from .revisions import apply_view, count_revisions, has_revisions
from .wordml import w

P, TBL, TR, TC, T, TAB = w("p"), w("tbl"), w("tr"), w("tc"), w("t"), w("tab")
BLOCKS = frozenset({P, TBL, w("sdt"), w("customXml")})
_W_T = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|(<w:tab/>)")
_FIRST_T = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
_TYPED = re.compile(r"^\s*((?:[A-Z]{1,3}\d+|\d+)(?:\.\d+)*[A-Z]{0,2}\.?|\((?:[a-z]{1,5}|[A-Z]{1,3}|\d{1,3})\))(?=[\t ])")


@dataclass
class BlockChange:
    """One change, as ``--json`` prints it."""

    document: str
    address: str  # the provision's number, else the nearest one and the block's ordinal
    kind: str     # insert, delete, replace (words), format, move
    old: str | None
    new: str | None

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class CompareResult:
    docx: bytes                 # NEW's package with revision marks, deterministic bytes
    changes: list[BlockChange]  # what --json prints (document, address, kind, old, new)
    warnings: list[str] = field(default_factory=list)
    revisions: int = 0          # revision marks written


def compare_packages(old: bytes, new: bytes, *, author: str, date: str, moves: bool = False,
                     document: str = "", old_view: str = "accept", new_view: str = "accept",
                     old_name: str = "OLD", new_name: str = "NEW") -> CompareResult:
    """NEW's package with the changes from OLD marked as tracked revisions (see the module
    docstring); ``document`` names the document in the change list."""
    # the two trees and the marks stay alive to the end and make no cycles: no collections
    paused = gc.isenabled()
    gc.disable()
    try:
        a, b = read_package(old, old_name), read_package(new, new_name)
        session = _Session(a, b, author=author, date=date, moves=moves, document=document,
                           views=(old_view, new_view))
        session.run()
        return CompareResult(package_bytes(session.output_parts()), session.changes, session.warnings,
                             session.revs.count)
    finally:
        if paused:
            gc.enable()


def compare_files(old: str | os.PathLike, new: str | os.PathLike, *, author: str, date: str | None = None,
                  moves: bool = False, old_view: str = "accept", new_view: str = "accept") -> CompareResult:
    """:func:`compare_packages` of two files (read, never written). The revision date, when not
    given, is NEW's last-modified date from its core properties, else OLD's, else none: never
    the clock, so the same two files always give the same bytes."""
    a, b = _read_file(old), _read_file(new)
    if date is None:
        date = core_date(b, str(new)) or core_date(a, str(old))
    return compare_packages(a, b, author=author, date=date, moves=moves, document=os.path.basename(str(new)),
                            old_view=old_view, new_view=new_view, old_name=str(old), new_name=str(new))


def _read_file(path: str | os.PathLike) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read ({exc.strerror})") from None


def core_date(data: bytes, name: str) -> str:
    """``dcterms:modified`` (else ``created``) of a package's core properties, or ""."""
    from .namespaces import DCTERMS_NS

    pkg = read_package(data, name)
    if "docProps/core.xml" not in pkg.parts:
        return ""
    root = pkg.xml("docProps/core.xml")
    for tag in ("modified", "created"):
        el = root.find(f"{{{DCTERMS_NS}}}{tag}")
        if el is not None and (el.text or "").strip():
            return el.text.strip()
    return ""


def _unescape(s: str) -> str:
    if "&" not in s:
        return s
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'") \
        .replace("&amp;", "&")


def _text(el: etree._Element) -> str:
    """The text of ``w:t`` elements and run tabs under ``el``."""
    tabs = w("tabs")
    return "".join((x.text or "") if x.tag == T else "\t" for x in el.iter(T, TAB)
                   if x.tag == T or x.getparent().tag != tabs)


def _row_text(tr: etree._Element) -> str:
    return " | ".join(_text(tc) for tc in tr.iter(TC) if tc.getparent() is tr)


class _Side:
    """One package: its stories parsed (and resolved to one view), its paragraph labels."""

    def __init__(self, pkg: Package, view: str, session: "_Session", which: str):
        self.pkg, self.view, self.session, self.which = pkg, view, session, which
        self.main = pkg.main_part
        self.roots: dict[str, etree._Element] = {}
        self.labels: dict[etree._Element, str] = {}

    def root(self, part: str) -> etree._Element:
        got = self.roots.get(part)
        if got is None:
            got = self.pkg.xml(part)
            if has_revisions(got):
                n = sum(count_revisions(got).values())
                notes: list[str] = []
                got = apply_view(got, self.view, notes)
                self.session.warnings.append(
                    f"{self.pkg.name}: {part} already has {n} tracked changes; compared its {self.view} view")
                self.session.dirty_roots[(self.which, part)] = True
            self.roots[part] = got
        return got

    def related(self, part: str, kind: str) -> list[str]:
        return self.pkg.related(part, kind)

    def number_labels(self) -> None:
        """Automatic list labels of the main document's paragraphs, as Word counts them."""
        styles = self.related(self.main, "styles")
        numbering = self.related(self.main, "numbering")
        if not numbering:
            return
        from .lists import ListCounter, NumberingDefinitions
        from .stylesheet import StyleSheet

        try:
            counter = ListCounter(NumberingDefinitions.parse(self.pkg.xml(numbering[0])),
                                  StyleSheet.parse(self.pkg.xml(styles[0]) if styles else None))
        except BadInputError:
            return
        for p in self.root(self.main).iter(P):
            ppr = p.find(w("pPr"))
            style = ppr.find(w("pStyle")) if ppr is not None else None
            label = counter.label(ppr, style.get(w("val")) if style is not None else None)
            if label is not None and label.text.strip():
                self.labels[p] = label.text.strip()

    def address(self, el: etree._Element, text: str) -> str | None:
        """The paragraph's automatic label, else the number typed at its start, else None."""
        if self.labels:
            got = self.labels.get(el)
            if got:
                return got
        m = _TYPED.match(text)
        return m.group(1) if m else None

    def lead_of(self, el: etree._Element, xml: bytes) -> str:
        """The start of a paragraph's text, where a typed number is: its first ``w:t``, and
        when that is short, a tab right after it (``L1.16A<tab>``)."""
        if el.prefix != "w":
            return _text(el)[:40]
        m = _FIRST_T.search(xml)
        if m is None:
            return ""
        lead = m.group(1)
        if len(lead) < 12:
            rest = xml[m.end():m.end() + 400]
            tab, nxt = rest.find(b"<w:tab/>"), rest.find(b"<w:t")
            if tab >= 0 and (nxt < 0 or tab <= nxt):
                lead += b"\t"
        return _unescape(lead.decode("utf-8"))

    def text_of(self, el: etree._Element, xml: bytes) -> str:
        """The text of a block's ``w:t`` elements, read from its serialisation (as fast as
        libxml2 can write it) when the main namespace has the usual ``w`` prefix."""
        if el.prefix != "w":
            return _text(el)
        return _unescape(b"".join(t or b"\t" if tab else t for t, tab in _W_T.findall(xml)).decode("utf-8"))


class _Session:
    def __init__(self, old: Package, new: Package, *, author: str, date: str, moves: bool, document: str,
                 views: tuple[str, str]):
        self.moves, self.document = moves, document
        self.revs = mk.Revisions(author, date, _first_free_id(new))
        self.objects = mk.ObjectChars()
        self.changes: list[BlockChange] = []
        self.warnings: list[str] = []
        self.dirty_roots: dict[tuple[str, str], bool] = {}
        self.a = _Side(old, views[0], self, "a")
        self.b = _Side(new, views[1], self, "b")
        self.parts = dict(new.parts)
        self.extra: dict[str, etree._Element] = {}  # relationships / content types changed
        self.marked: set[str] = set()
        self.compared: set[str] = set()
        self.note_map: dict[tuple[str, str], str] = {}
        self.move_names = 0
        self._copiers: dict[tuple[str, str], RelCopier] = {}
        self._defs: DefinitionCopier | None = None
        self.whole: dict[etree._Element, str | None] = {}  # paragraphs inserted or deleted whole

    # -- the whole package --------------------------------------------------------------------
    def run(self) -> None:
        a, b = self.a, self.b
        for kind in ("footnotes", "endnotes"):
            self._notes(kind)
        a.number_labels()
        b.number_labels()
        if self._same(a.main, b.main):
            self._headers_footers()
            return
        old_root, new_root = a.root(a.main), b.root(b.main)
        old_body, new_body = old_root.find(w("body")), new_root.find(w("body"))
        if old_body is None or new_body is None:
            raise BadInputError(f"{(a if old_body is None else b).pkg.name}: {a.main} has no w:body")
        self._container(old_body, new_body, a.main, b.main, "")
        self._section(old_body.find(w("sectPr")), new_body.find(w("sectPr")), "end of the document")
        self._headers_footers()

    def _same(self, old_part: str, new_part: str) -> bool:
        """Whether a story is byte-identical in both files: then it is left as it is (and NEW's
        own tracked changes in it, if any, stay as they were); otherwise it is compared."""
        if self.a.pkg.parts.get(old_part) == self.b.pkg.parts.get(new_part):
            return True
        self.compared.add(new_part)
        return False

    def output_parts(self) -> dict[str, bytes]:
        touched = {part for which, part in self.dirty_roots if which == "b" and part in self.compared} | self.marked
        for part in sorted(touched):
            root = self.b.roots[part]
            mk.strip_private(root)
            self.parts[part] = _serialise(root)
        for part, root in sorted(self.extra.items()):
            self.parts[part] = _serialise(root)
        return self.parts

    # -- containers of blocks -----------------------------------------------------------------
    def _container(self, old_parent, new_parent, old_part: str, new_part: str, where: str) -> None:
        ob = [c for c in old_parent if c.tag in BLOCKS]
        nb = [c for c in new_parent if c.tag in BLOCKS]
        xa = [etree.tostring(e) for e in ob]
        xb = [etree.tostring(e) for e in nb]
        ka = _with_addresses([self._key(e, x, self.a) for e, x in zip(ob, xa)])
        kb = _with_addresses([self._key(e, x, self.b) for e, x in zip(nb, xb)])
        pairs = align_blocks(ka, kb)
        moved = moved_pairs(ka, kb, pairs) if self.moves else {}
        moved_to = {j: i for i, j in moved.items()}
        names: dict[int, str] = {}
        cursor = None
        nearest, ordinal = "", 0
        for i, j in pairs:
            addr = kb[j].address if j is not None else ka[i].address
            if addr:
                nearest, ordinal = addr, 0
                here = _join(where, addr)
            else:
                ordinal += 1
                here = _join(where, f"{nearest} +{ordinal}" if nearest else f"block {ordinal}")
            if j is None:
                copy = mk.clean_copy(ob[i])
                self._fix_copy(copy, old_part, new_part)
                if i in moved:
                    name = names.setdefault(i, self._move_name())
                    self._mark_move(copy, "moveFrom", name)
                    self.whole[copy] = "moveFrom"
                else:
                    mk.mark_block(copy, "del", self.revs)
                    self.whole[copy] = "del"
                    self._record(here, "delete", _text(ob[i]), None)
                if cursor is not None:
                    cursor.addnext(copy)
                elif nb:
                    nb[0].addprevious(copy)
                else:
                    _append_block(new_parent, copy)
                cursor = copy
                self.marked.add(new_part)
                continue
            cursor = nb[j]
            if i is None:
                if j in moved_to:
                    name = names.setdefault(moved_to[j], self._move_name())
                    self._mark_move(nb[j], "moveTo", name)
                    self.whole[nb[j]] = "moveTo"
                    self._record(here, "move", None, _text(nb[j]))
                else:
                    mk.mark_block(nb[j], "ins", self.revs)
                    self.whole[nb[j]] = "ins"
                    self._record(here, "insert", None, _text(nb[j]))
                self.marked.add(new_part)
                continue
            if xa[i] != xb[j]:
                self._paired(ob[i], nb[j], old_part, new_part, here)
        self._mend_ends(new_parent)

    def _mend_ends(self, parent) -> None:
        """A paragraph inserted (or deleted) whole just before a table or the end of its
        container: the view that drops it would join its (empty) text to nothing and leave an
        empty paragraph. Word's way: the mark of the nearest paragraph before it that does not
        carry the same revision carries it instead (the paragraphs between carry it already),
        and the last one takes that paragraph's properties in the view that merges them (a
        ``w:pPrChange`` keeps its own for the other view)."""
        blocks = [c for c in parent if c.tag in BLOCKS]
        for k, z in enumerate(blocks):
            kind = self.whole.get(z)
            if kind is None or z.tag != P or (k + 1 < len(blocks) and blocks[k + 1].tag == P):
                continue
            view = _DROPPED_BY[kind]
            b = k - 1
            while b >= 0 and blocks[b].tag == P and _DROPPED_BY.get(self.whole.get(blocks[b])) == view:
                b -= 1
            before = blocks[b] if b >= 0 else None
            if before is None or before.tag != P or mk.has_section_break(before):
                continue
            mk.move_mark(z, before, kind, self.revs, add=view)
            self.whole[z] = None

    def _paired(self, o, n, old_part: str, new_part: str, here: str) -> None:
        if o.tag == P:
            self._paragraph(o, n, old_part, new_part, here)
        elif o.tag == TBL:
            self._table(o, n, old_part, new_part, here)
        else:  # a content control or custom XML block: its content, as a container
            oc, nc = o.find(w("sdtContent")), n.find(w("sdtContent"))
            if o.tag == w("sdt") and (oc is None or nc is None):
                return
            self._container(oc if oc is not None else o, nc if nc is not None else n, old_part, new_part, here)

    def _paragraph(self, po, pn, old_part: str, new_part: str, here: str) -> None:
        fo = mk.flatten(po, self.objects, self._note_key("a"))
        fn = mk.flatten(pn, self.objects, self._note_key("b"))
        d = mk.diff_paragraph(fo, fn)
        changed = False
        if d.text_changed or d.format_changed:
            ops = d.ops if d.text_changed else ([("equal", fn.text)] if fn.text else [])
            mk.mark_changed_paragraph(pn, fo, fn, ops, self.revs,
                                      lambda el: self._fix_copy(el, old_part, new_part))
            changed = True
        fmt = d.format_changed
        if mk.ppr_key(po) != mk.ppr_key(pn):
            mk.add_ppr_change(pn, po, self.revs)
            changed = fmt = True
        if mk.mark_rpr_key(po) != mk.mark_rpr_key(pn):
            mk.add_mark_rpr_change(pn, po, self.revs)
            changed = fmt = True
        ops_, nps = po.find(w("pPr")), pn.find(w("pPr"))
        so = ops_.find(w("sectPr")) if ops_ is not None else None
        sn = nps.find(w("sectPr")) if nps is not None else None
        if so is not None and sn is not None and mk.sectpr_key(so) != mk.sectpr_key(sn):
            mk.add_sectpr_change(sn, so, self.revs)
            changed = fmt = True
        if changed:
            self.marked.add(new_part)
            kind = "replace" if d.text_changed else "format"
            self._record(here, kind, _text(po), _text(pn))

    def _table(self, to, tn, old_part: str, new_part: str, here: str) -> None:
        ro = [r for r in to if r.tag == TR]
        rn = [r for r in tn if r.tag == TR]
        for tag in ("tblPr", "tblGrid"):
            if mk.mark_property_change(to, tn, tag, self.revs):
                self.marked.add(new_part)
                self._record(here, "format", f"table {tag[3:].lower()}", f"table {tag[3:].lower()}")
        ka = [BlockKey("tr", _row_text(r), _row_text(r)) for r in ro]
        kb = [BlockKey("tr", _row_text(r), _row_text(r)) for r in rn]
        cursor = None
        for i, j in align_blocks(ka, kb):
            if j is not None and i is not None:
                co = [c for c in ro[i] if c.tag == TC]
                cn = [c for c in rn[j] if c.tag == TC]
                if len(co) == len(cn):
                    row = _row_name(rn[j], j)
                    if mk.mark_property_change(ro[i], rn[j], "trPr", self.revs):
                        self.marked.add(new_part)
                        self._record(_join(here, row), "format", "row properties", "row properties")
                    for k, (x, y) in enumerate(zip(co, cn)):
                        if mk.mark_property_change(x, y, "tcPr", self.revs):
                            self.marked.add(new_part)
                            self._record(_join(here, f"{row} cell {k + 1}"), "format", "cell properties",
                                         "cell properties")
                        self._container(x, y, old_part, new_part, _join(here, f"{row} cell {k + 1}"))
                    cursor = rn[j]
                    continue
                # a row whose cells were split or merged: the old row deleted, the new inserted
                cursor = self._delete_row(ro[i], tn, rn, cursor, old_part, new_part, here, j)
                i = None
            if j is None:
                cursor = self._delete_row(ro[i], tn, rn, cursor, old_part, new_part, here, None)
                continue
            mk.mark_block(rn[j], "ins", self.revs)
            self._record(_join(here, f"row {j + 1}"), "insert", None, _row_text(rn[j]))
            self.marked.add(new_part)
            cursor = rn[j]

    def _delete_row(self, row, tn, rn, cursor, old_part, new_part, here, j):
        copy = mk.clean_copy(row)
        self._fix_copy(copy, old_part, new_part)
        mk.mark_block(copy, "del", self.revs)
        if cursor is not None:
            cursor.addnext(copy)
        elif rn:
            rn[0].addprevious(copy)
        else:
            tn.append(copy)
        self._record(_join(here, "row (deleted)"), "delete", _row_text(row), None)
        self.marked.add(new_part)
        return copy

    def _section(self, so, sn, here: str) -> None:
        if so is not None and sn is not None and mk.sectpr_key(so) != mk.sectpr_key(sn):
            mk.add_sectpr_change(sn, so, self.revs)
            self.marked.add(self.b.main)
            self._record(here, "format", "section properties", "section properties")

    # -- keys, moves, records -----------------------------------------------------------------
    def _key(self, el, xml: bytes, side: _Side) -> BlockKey:
        """The block's descriptor: identical XML is the exact key; the text is read only when
        the block has to be aligned by content; the address from the start of its text."""
        if el.tag == TBL:
            rows = [_row_text(r) for r in el if r.tag == TR]
            # similarity of whole tables would cost their size squared: their first rows decide
            return BlockKey("tbl", xml, "\n".join(rows[:3])[:400])
        if el.tag == P:
            return BlockKey("p", xml, None, side.address(el, side.lead_of(el, xml)),
                            get=lambda: side.text_of(el, xml))
        return BlockKey(el.tag, xml, None, get=lambda: side.text_of(el, xml))

    def _move_name(self) -> str:
        self.move_names += 1
        return f"secdocs-move-{self.move_names}"

    def _mark_move(self, p, kind: str, name: str) -> None:
        """A moved paragraph: its runs in ``w:moveFrom``/``w:moveTo`` inside a named range."""
        units = [u for u in mk.content_units(p) if u.tag not in (w("ins"), w("del"))]
        start = self.revs.make(f"{kind}RangeStart")
        start.set(w("name"), name)
        end = etree.Element(w(f"{kind}RangeEnd"))
        end.set(w("id"), start.get(w("id")))
        mk._wrap(units, kind, self.revs)
        if kind == "moveFrom":
            mk.to_deleted(p)
        ppr = p.find(w("pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(end)
        mk.mark_paragraph_mark(p, kind, self.revs)

    def _record(self, address: str, kind: str, old: str | None, new: str | None) -> None:
        self.changes.append(BlockChange(self.document, address, kind, old, new))

    # -- copies of OLD content ----------------------------------------------------------------
    def _fix_copy(self, el, old_part: str, new_part: str) -> None:
        key = (old_part, new_part)
        copier = self._copiers.get(key)
        if copier is None:
            copier = self._copiers[key] = RelCopier(self.a.pkg, self.b.pkg, self.parts, self.extra,
                                                    old_part, new_part)
        copier.fix(el)
        if self._defs is None:
            self._defs = DefinitionCopier(self.a.pkg, self.b.pkg, self.parts, self.extra, self.warnings)
        self._defs.fix(el)
        for ref in el.iter(w("footnoteReference"), w("endnoteReference")):
            kind = "footnotes" if ref.tag == w("footnoteReference") else "endnotes"
            mapped = self.note_map.get((kind, ref.get(w("id"), "")))
            if mapped is not None:
                ref.set(w("id"), mapped)

    # -- notes --------------------------------------------------------------------------------
    def _note_key(self, side: str):
        fn, en = w("footnoteReference"), w("endnoteReference")

        def key(item):
            if item.tag not in (fn, en):
                return None
            kind = "footnotes" if item.tag == fn else "endnotes"
            nid = item.get(w("id"), "")
            if side == "a":
                return (kind, self.note_map.get((kind, nid), "old:" + nid))
            return (kind, nid)

        return key

    def _notes(self, kind: str) -> None:
        pa, pb = self.a.related(self.a.main, kind), self.b.related(self.b.main, kind)
        if not pb:
            return
        if pa and self._same(pa[0], pb[0]):
            for n in self.b.pkg.xml(pb[0]):
                nid = n.get(w("id"))
                if nid is not None:
                    self.note_map[(kind, nid)] = nid
            return
        self.compared.add(pb[0])
        new_root = self.b.root(pb[0])
        nb = [n for n in new_root if n.tag == w(kind[:-1]) and n.get(w("type")) in (None, "normal")]
        if not pa:
            ob = []
        else:
            old_root = self.a.root(pa[0])
            ob = [n for n in old_root if n.tag == w(kind[:-1]) and n.get(w("type")) in (None, "normal")]
        ka = [BlockKey("note", _text(n), _text(n)) for n in ob]
        kb = [BlockKey("note", _text(n), _text(n)) for n in nb]
        ids = [int(n.get(w("id"), "0")) for n in new_root if n.get(w("id"), "").lstrip("-").isdigit()]
        next_id = max(ids + [0]) + 1
        label = kind[:-1]
        for i, j in align_blocks(ka, kb):
            if i is not None and j is not None:
                self.note_map[(kind, ob[i].get(w("id"), ""))] = nb[j].get(w("id"), "")
                self._container(ob[i], nb[j], pa[0], pb[0], f"{label} {nb[j].get(w('id'))}")
            elif j is not None:
                mk.mark_block(nb[j], "ins", self.revs)
                self._record(f"{label} {nb[j].get(w('id'))}", "insert", None, _text(nb[j]))
                self.marked.add(pb[0])
            else:
                copy = mk.clean_copy(ob[i])
                copy.set(w("id"), str(next_id))
                self.note_map[(kind, ob[i].get(w("id"), ""))] = str(next_id)
                next_id += 1
                self._fix_copy(copy, pa[0], pb[0])
                mk.mark_block(copy, "del", self.revs)
                new_root.append(copy)
                self._record(f"{label} (deleted)", "delete", _text(ob[i]), None)
                self.marked.add(pb[0])

    # -- headers and footers ------------------------------------------------------------------
    def _references(self, side: _Side) -> list[tuple[int, str, str, str]]:
        """(section ordinal, header|footer, type, part) of every header/footer reference."""
        rels = side.pkg.rels(side.main)
        out = []
        body = side.pkg.xml(side.main).find(w("body"))
        sections = [s for s in body.iter(w("sectPr")) if s.getparent().tag != w("sectPrChange")]
        for k, sect in enumerate(sections):
            for ref in sect:
                if ref.tag in (w("headerReference"), w("footerReference")):
                    rel = rels.get(ref.get(f"{{{mk.R_NS}}}id", ""))
                    if rel and rel[1] in side.pkg.parts and rel[2] != "External":
                        what = "header" if ref.tag == w("headerReference") else "footer"
                        out.append((k, what, ref.get(w("type"), "default"), rel[1]))
        return out

    def _headers_footers(self) -> None:
        old_refs = self._references(self.a)
        by_key = {(k, what, ty): part for k, what, ty, part in old_refs}
        last = {(what, ty): part for k, what, ty, part in old_refs}
        done: set[str] = set()
        for k, what, ty, part in self._references(self.b):
            if part in done:
                continue
            done.add(part)
            old_part = by_key.get((k, what, ty)) or last.get((what, ty))
            where = f"{what} ({ty}, section {k + 1})"
            if old_part is not None and self._same(old_part, part):
                continue
            if old_part is None:
                self.compared.add(part)
                root = self.b.root(part)
                if _text(root).strip():
                    mk.mark_block(root, "ins", self.revs)
                    self.marked.add(part)
                    self._record(where, "insert", None, _text(root))
                continue
            self._container(self.a.root(old_part), self.b.root(part), old_part, part, where)
        used = set()
        for k, what, ty, part in self._references(self.b):
            used.add(by_key.get((k, what, ty)) or last.get((what, ty)))
        for k, what, ty, part in old_refs:
            if part not in used and _text(self.a.pkg.xml(part)).strip():
                used.add(part)
                where = f"{what} ({ty}, section {k + 1})"
                self._record(where, "delete", _text(self.a.pkg.xml(part)), None)
                self.warnings.append(f"{self.a.pkg.name}: its {where} has no counterpart in {self.b.pkg.name}, "
                                     "so the redline cannot show it deleted (it lists it as a change)")


# which view drops a paragraph mark so marked: "ins" (reject) or "del" (accept)
_DROPPED_BY = {"ins": "ins", "moveTo": "ins", "del": "del", "moveFrom": "del"}


def _with_addresses(keys: list[BlockKey]) -> list[BlockKey]:
    """The keys with whole provision addresses (``L1.15(a)``) in place of bare labels."""
    if not any(k.address for k in keys):
        return keys
    for k, f in zip(keys, full_addresses([k.address for k in keys])):
        k.address = f
    return keys


_W_ID = re.compile(rb'w:id="(-?\d+)"')


def _first_free_id(pkg: Package) -> int:
    """A revision id above every id NEW's stories use (their own revisions stay unique)."""
    top = 0
    for name, data in pkg.parts.items():
        if name.startswith("word/") and name.endswith(".xml"):
            ids = _W_ID.findall(data)
            if ids:
                top = max(top, max(int(x) for x in ids))
    return top + 1


def _row_name(tr, j: int) -> str:
    """"row 3", or "row 3 (SoLR Event)" when its first cell holds a short text (a defined term)."""
    first = next((c for c in tr if c.tag == TC), None)
    para = first.find(P) if first is not None else None
    text = _text(para).strip() if para is not None else ""
    return f"row {j + 1} ({text})" if text and len(text) <= 60 else f"row {j + 1}"


def _join(where: str, what: str) -> str:
    return f"{where}, {what}" if where else what


def _append_block(parent, el) -> None:
    last = parent[-1] if len(parent) else None
    if last is not None and last.tag == w("sectPr"):
        last.addprevious(el)
    else:
        parent.append(el)


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
