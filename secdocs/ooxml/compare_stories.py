"""The stories beside the main document, each compared as a story of its own: footnotes and
endnotes (note by note, aligned by their text; a note only OLD has is copied back under a fresh
id and its deleted reference renumbered to it) and headers and footers (paired by section and
type; one only NEW has is marked inserted; one only OLD has is reported, since NEW has no place
to show it).

:class:`StoryComparer` is a part of the compare session (:mod:`.compare`), kept apart for
length: it uses the session's sides, marks, change list and block comparison.
"""

from __future__ import annotations

from ..diff.blockalign import BlockKey, align_blocks
from . import marking as mk
from .compare_sides import Side, block_text
from .wordml import w


class StoryComparer:
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
        ka = [BlockKey("note", block_text(n), block_text(n)) for n in ob]
        kb = [BlockKey("note", block_text(n), block_text(n)) for n in nb]
        ids = [int(n.get(w("id"), "0")) for n in new_root if n.get(w("id"), "").lstrip("-").isdigit()]
        next_id = max(ids + [0]) + 1
        label = kind[:-1]
        for i, j in align_blocks(ka, kb):
            if i is not None and j is not None:
                self.note_map[(kind, ob[i].get(w("id"), ""))] = nb[j].get(w("id"), "")
                self._container(ob[i], nb[j], pa[0], pb[0], f"{label} {nb[j].get(w('id'))}")
            elif j is not None:
                mk.mark_block(nb[j], "ins", self.revs)
                self._record(f"{label} {nb[j].get(w('id'))}", "insert", None, block_text(nb[j]))
                self.marked.add(pb[0])
            else:
                copy = mk.clean_copy(ob[i])
                copy.set(w("id"), str(next_id))
                self.note_map[(kind, ob[i].get(w("id"), ""))] = str(next_id)
                next_id += 1
                self._fix_copy(copy, pa[0], pb[0])
                mk.mark_block(copy, "del", self.revs)
                new_root.append(copy)
                self._record(f"{label} (deleted)", "delete", block_text(ob[i]), None)
                self.marked.add(pb[0])

    # -- headers and footers ------------------------------------------------------------------
    def _references(self, side: Side) -> list[tuple[int, str, str, str]]:
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
                if block_text(root).strip():
                    mk.mark_block(root, "ins", self.revs)
                    self.marked.add(part)
                    self._record(where, "insert", None, block_text(root))
                continue
            self._container(self.a.root(old_part), self.b.root(part), old_part, part, where)
        used = set()
        for k, what, ty, part in self._references(self.b):
            used.add(by_key.get((k, what, ty)) or last.get((what, ty)))
        for k, what, ty, part in old_refs:
            if part not in used and block_text(self.a.pkg.xml(part)).strip():
                used.add(part)
                where = f"{what} ({ty}, section {k + 1})"
                self._record(where, "delete", block_text(self.a.pkg.xml(part)), None)
                self.warnings.append(f"{self.a.pkg.name}: its {where} has no counterpart in {self.b.pkg.name}, "
                                     "so the redline cannot show it deleted (it lists it as a change)")
