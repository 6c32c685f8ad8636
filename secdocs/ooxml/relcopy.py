"""Relationships of OLD content brought into NEW's package (a deleted image, hyperlink, object).

A copy of OLD's XML keeps OLD's relationship ids (``r:embed``, ``r:id``…). :class:`RelCopier`
makes each one right in NEW: an id NEW already has for the same target (and, inside the package,
the same bytes) is kept; otherwise NEW gets the relationship — and, when NEW has no identical
part, a copy of OLD's part under a fresh name, with its content type — under a fresh id.
"""

from __future__ import annotations

import posixpath

from lxml import etree

from .marking import relationship_uses
from .namespaces import CT_NS, REL_NS
from .package import Package, parse_xml


def rels_part(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


class RelCopier:
    """Mends relationship ids in copies of OLD's content placed in one NEW part."""

    def __init__(self, old: Package, new: Package, parts: dict[str, bytes], dirty: dict[str, etree._Element],
                 old_part: str, new_part: str):
        self.old, self.new, self.parts, self.dirty = old, new, parts, dirty
        self.old_part, self.new_part = old_part, new_part
        self._old_rels = old.rels(old_part)
        self._map: dict[str, str] = {}

    def fix(self, el: etree._Element) -> None:
        for x, attr, rid in relationship_uses(el):
            x.set(attr, self.target_id(rid))

    def target_id(self, rid: str) -> str:
        got = self._map.get(rid)
        if got is None:
            got = self._map[rid] = self._bring(rid)
        return got

    def _new_rels(self) -> dict[str, tuple[str, str, str]]:
        return self.new.rels(self.new_part)

    def _bring(self, rid: str) -> str:
        rel = self._old_rels.get(rid)
        if rel is None:
            return rid  # a dangling id in OLD stays as it was
        ty, target, mode = rel
        same = self._new_rels().get(rid)
        if same == rel and (mode == "External" or self.parts.get(target) == self.old.parts.get(target)):
            return rid
        for nid, nrel in sorted(self._new_rels().items()):
            if nrel == rel and (mode == "External" or self.parts.get(target) == self.old.parts.get(target)):
                return nid
        if mode != "External":
            target = self._copy_part(target)
        return self._add_rel(ty, target, mode)

    def _copy_part(self, target: str) -> str:
        data = self.old.parts.get(target)
        if data is None:
            return target
        folder, base = posixpath.split(target)
        name, k = target, 1
        while name in self.parts and self.parts[name] != data:
            name = posixpath.join(folder, f"old{k}-{base}")
            k += 1
        if name not in self.parts:
            self.parts[name] = data
            self._content_type(target, name)
        return name

    def _content_type(self, old_name: str, new_name: str) -> None:
        ct = self._types("[Content_Types].xml", self.new, dirty=True)
        ext = posixpath.splitext(new_name)[1].lstrip(".").lower()
        defaults = {d.get("Extension", "").lower() for d in ct.iter(f"{{{CT_NS}}}Default")}
        old_ct = self._types("[Content_Types].xml", self.old, dirty=False)
        wanted = None
        for o in old_ct.iter(f"{{{CT_NS}}}Override"):
            if o.get("PartName", "").lstrip("/") == old_name:
                wanted = o.get("ContentType")
        if wanted is None and ext in defaults:
            return
        if wanted is None:
            for d in old_ct.iter(f"{{{CT_NS}}}Default"):
                if d.get("Extension", "").lower() == ext:
                    wanted = d.get("ContentType")
        if wanted is None:
            return
        etree.SubElement(ct, f"{{{CT_NS}}}Override", PartName="/" + new_name, ContentType=wanted)

    def _types(self, part: str, pkg: Package, dirty: bool) -> etree._Element:
        if dirty:
            if part not in self.dirty:
                self.dirty[part] = parse_xml(self.parts[part], f"{pkg.name}: {part}")
            return self.dirty[part]
        return pkg.xml(part)

    def _add_rel(self, ty: str, target: str, mode: str) -> str:
        part = rels_part(self.new_part)
        if part not in self.dirty:
            if part in self.parts:
                self.dirty[part] = parse_xml(self.parts[part], f"{self.new.name}: {part}")
            else:
                self.dirty[part] = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
        root = self.dirty[part]
        used = {r.get("Id") for r in root}
        k = 1
        while f"rIdOld{k}" in used:
            k += 1
        rid = f"rIdOld{k}"
        if mode == "External":
            ref = target
        else:
            ref = posixpath.relpath(target, posixpath.dirname(self.new_part) or ".")
        attrs = {"Id": rid, "Type": ty, "Target": ref}
        if mode == "External":
            attrs["TargetMode"] = "External"
        etree.SubElement(root, f"{{{REL_NS}}}Relationship", attrs)
        return rid
