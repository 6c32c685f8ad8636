"""Compare two .docx packages in place: NEW's own package, with OLD's differences marked.

:func:`compare_packages` keeps every part of NEW byte-identical except the stories it marks
(the main document, headers, footers, footnotes, endnotes) and, when deleted OLD content brings
an image or a link along, the relationships and content types that need it. In each story the
blocks (paragraphs, tables, content controls; rows in a table; paragraphs and tables in a cell)
are aligned in document order by :func:`secdocs.diff.blockalign.align_blocks`; a paired paragraph
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
from dataclasses import dataclass, field
from functools import partial

from lxml import etree

from ..diff.blockalign import BlockKey, align_blocks, moved_pairs
from ..errors import BadInputError
from ..model import ChangeRecord
from ..workspace.inputs import read_input
from ..workspace.limits import MAX_DOCX_BYTES
from . import marking as mk
from . import wordmarks as wm
from .compare_sides import Places, Side, block_text, row_text
from .compare_stories import StoryComparer
from .defcopy import DefinitionCopier
from .package import Package, package_bytes, read_package
from .relcopy import RelCopier
from .wordml import W_NS_STRICT, w

P, TBL, TR, TC = w("p"), w("tbl"), w("tr"), w("tc")
BLOCKS = frozenset({P, TBL, w("sdt"), w("customXml")})
# between blocks and not content: section and cell properties, anchors of bookmarks and comments
_NOT_CONTENT = frozenset(w(t) for t in (
    "sectPr", "tcPr", "sdtPr", "sdtEndPr", "customXmlPr", "bookmarkStart", "bookmarkEnd", "commentRangeStart",
    "commentRangeEnd", "permStart", "permEnd", "proofErr", "moveFromRangeStart", "moveFromRangeEnd",
    "moveToRangeStart", "moveToRangeEnd", "footnotePr", "endnotePr"))


@dataclass
class CompareResult:
    docx: bytes                 # NEW's package with revision marks, deterministic bytes
    changes: list[ChangeRecord]  # what --json prints (document, address, kind, old, new)
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
        # deflate level 1: four times faster than 6 on a large main part, the file a quarter larger
        return CompareResult(package_bytes(session.output_parts(), level=1), session.changes, session.warnings,
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
    """A .docx read as every input is: a regular file under the size limit (``secdocs.workspace.inputs``)."""
    return read_input(path, MAX_DOCX_BYTES, name=str(path))


def core_date(data: bytes, name: str) -> str:
    """``dcterms:modified`` (else ``created``) of a package's core properties, or ""."""
    core = read_package(data, name).core_properties()
    return core.get("modified") or core.get("created") or ""


class _Session(StoryComparer):
    def __init__(self, old: Package, new: Package, *, author: str, date: str, moves: bool, document: str,
                 views: tuple[str, str]):
        self.moves, self.document = moves, document
        self.revs = mk.Revisions(author, date, _first_free_id(new))
        self.objects = wm.ObjectChars()
        self.changes: list[ChangeRecord] = []
        self.warnings: list[str] = []
        self.dirty_roots: dict[tuple[str, str], bool] = {}
        self.a = Side(old, views[0], self, "a")
        self.b = Side(new, views[1], self, "b")
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
            side, root = (a, old_root) if old_body is None else (b, new_root)
            if isinstance(root.tag, str) and root.tag.startswith(f"{{{W_NS_STRICT}}}"):
                raise BadInputError(f"{side.pkg.name}: {side.main} is Strict Open XML, which compare does not "
                                    "mark; save it as a Word Document (.docx) first")
            raise BadInputError(f"{side.pkg.name}: {side.main} has no w:body")
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
            wm.strip_private(root)
            self.parts[part] = _serialise(root)
        for part, root in sorted(self.extra.items()):
            self.parts[part] = _serialise(root)
        return self.parts

    # -- containers of blocks -----------------------------------------------------------------
    def _container(self, old_parent, new_parent, old_part: str, new_part: str, where: str) -> None:
        ob = [c for c in old_parent if c.tag in BLOCKS]
        nb = [c for c in new_parent if c.tag in BLOCKS]
        if len(ob) + len(nb) < len(old_parent) + len(new_parent):
            self._others(old_parent, new_parent, where)
        xa = [etree.tostring(e) for e in ob]
        xb = [etree.tostring(e) for e in nb]
        pa, pb = Places(self.a, ob, xa), Places(self.b, nb, xb)
        ka = [self._key(e, x, pa, k) for k, (e, x) in enumerate(zip(ob, xa))]
        kb = [self._key(e, x, pb, k) for k, (e, x) in enumerate(zip(nb, xb))]
        pairs = align_blocks(ka, kb)
        moved = moved_pairs(ka, kb, pairs) if self.moves else {}
        moved_to = {j: i for i, j in moved.items()}
        names: dict[int, str] = {}
        cursor = None
        for i, j in pairs:
            if i is not None and j is not None and xa[i] == xb[j]:
                cursor = nb[j]
                continue
            here = _join(where, pb.where(j) if j is not None else pa.where(i))
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
                    self._record(here, "delete", block_text(ob[i]), None)
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
                    self._record(here, "move", None, block_text(nb[j]))
                else:
                    mk.mark_block(nb[j], "ins", self.revs)
                    self.whole[nb[j]] = "ins"
                    self._record(here, "insert", None, block_text(nb[j]))
                self.marked.add(new_part)
                continue
            self._paired(ob[i], nb[j], old_part, new_part, here)
        self._mend_ends(new_parent)

    def _others(self, old_parent, new_parent, where: str) -> None:
        """Content between the blocks that is neither a block nor a marker (an embedded chunk
        of another document, a math paragraph): kept as NEW has it, and said when it differs."""
        def others(parent):
            return [etree.tostring(c) for c in parent if isinstance(c.tag, str) and c.tag not in BLOCKS
                    and c.tag not in _NOT_CONTENT]

        if others(old_parent) != others(new_parent):
            names = sorted({c.tag.rsplit("}", 1)[-1] for c in list(old_parent) + list(new_parent)
                            if isinstance(c.tag, str) and c.tag not in BLOCKS and c.tag not in _NOT_CONTENT})
            self.warnings.append(f"{self.b.pkg.name}: {where or 'the body'}: {', '.join(names)} differ from "
                                 f"{self.a.pkg.name}'s and are not marked (NEW's are kept)")

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
        fo = wm.flatten(po, self.objects, self._note_key("a"))
        fn = wm.flatten(pn, self.objects, self._note_key("b"))
        d = wm.diff_paragraph(fo, fn)
        changed = False
        if d.text_changed or d.format_changed:
            ops = d.ops if d.text_changed else ([("equal", fn.text)] if fn.text else [])
            wm.mark_changed_paragraph(pn, fo, fn, ops, self.revs,
                                      lambda el: self._fix_copy(el, old_part, new_part))
            changed = True
        if mk.ppr_key(po) != mk.ppr_key(pn):
            mk.add_ppr_change(pn, po, self.revs)
            changed = True
        if mk.mark_rpr_key(po) != mk.mark_rpr_key(pn):
            mk.add_mark_rpr_change(pn, po, self.revs)
            changed = True
        ops_, nps = po.find(w("pPr")), pn.find(w("pPr"))
        so = ops_.find(w("sectPr")) if ops_ is not None else None
        sn = nps.find(w("sectPr")) if nps is not None else None
        if so is not None and sn is not None and mk.sectpr_key(so) != mk.sectpr_key(sn):
            mk.add_sectpr_change(sn, so, self.revs)
            changed = True
        if changed:
            self.marked.add(new_part)
            kind = "replace" if d.text_changed else "format"
            self._record(here, kind, block_text(po), block_text(pn))

    def _table(self, to, tn, old_part: str, new_part: str, here: str) -> None:
        ro = [r for r in to if r.tag == TR]
        rn = [r for r in tn if r.tag == TR]
        for tag in ("tblPr", "tblGrid"):
            if mk.mark_property_change(to, tn, tag, self.revs):
                self.marked.add(new_part)
                self._record(here, "format", f"table {tag[3:].lower()}", f"table {tag[3:].lower()}")
        xa, xb = [etree.tostring(r) for r in ro], [etree.tostring(r) for r in rn]
        ka = [BlockKey("tr", x, get=partial(row_text, r)) for r, x in zip(ro, xa)]
        kb = [BlockKey("tr", x, get=partial(row_text, r)) for r, x in zip(rn, xb)]
        cursor = None
        for i, j in align_blocks(ka, kb):
            if j is not None and i is not None and xa[i] == xb[j]:
                cursor = rn[j]
                continue
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
            self._record(_join(here, f"row {j + 1}"), "insert", None, row_text(rn[j]))
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
        self._record(_join(here, "row (deleted)"), "delete", row_text(row), None)
        self.marked.add(new_part)
        return copy

    def _section(self, so, sn, here: str) -> None:
        if so is not None and sn is not None and mk.sectpr_key(so) != mk.sectpr_key(sn):
            mk.add_sectpr_change(sn, so, self.revs)
            self.marked.add(self.b.main)
            self._record(here, "format", "section properties", "section properties")

    # -- keys, moves, records -----------------------------------------------------------------
    def _key(self, el, xml: bytes, places: Places, k: int) -> BlockKey:
        """The block's descriptor: identical XML is the exact key; its text and its address are
        worked out only when the block has to be aligned by content."""
        side = places.side
        if el.tag == TBL:
            # similarity of whole tables would cost their size squared: their first rows decide
            return BlockKey("tbl", xml, get=lambda: "\n".join(row_text(r) for r in el[:8] if r.tag == TR)[:400])
        if el.tag == P:
            return BlockKey("p", xml, get=lambda: side.text_of(el, xml), locate=partial(places.address, k))
        return BlockKey(el.tag, xml, get=lambda: side.text_of(el, xml))

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
        mk.wrap_units(units, kind, self.revs)
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
        self.changes.append(ChangeRecord(address, kind, old, new, self.document))

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


# which view drops a paragraph mark so marked: "ins" (reject) or "del" (accept)
_DROPPED_BY = {"ins": "ins", "moveTo": "ins", "del": "del", "moveFrom": "del"}


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
    text = block_text(para).strip() if para is not None else ""
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
