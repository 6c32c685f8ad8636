"""Style and list definitions of OLD content brought into NEW (a deleted paragraph or row).

A copy of OLD's XML names OLD's styles (``w:pStyle``, ``w:rStyle``, ``w:tblStyle``) and lists
(``w:numId``). :class:`DefinitionCopier` makes each one right in NEW: a style NEW does not
define is copied from OLD's styles part (with the styles it is based on, links to and is followed
by); a list NEW does not define cannot be carried over safely, so the copy loses its ``w:numPr``
and a warning says so (its text is unchanged; only its automatic number is not shown).
"""

from __future__ import annotations

import copy

from lxml import etree

from .package import Package
from .stylecopy import copy_styles
from .wordml import w

_STYLE_REFS = (w("pStyle"), w("rStyle"), w("tblStyle"))


class DefinitionCopier:
    def __init__(self, old: Package, new: Package, parts: dict[str, bytes], dirty: dict[str, etree._Element],
                 warnings: list[str]):
        self.old, self.new, self.parts, self.dirty, self.warnings = old, new, parts, dirty, warnings
        self._old_styles = self._styles_root(old, writable=False)
        self._new_styles_part = (new.related(new.main_part, "styles") or [None])[0]
        self._new_ids: set[str] | None = None
        self._num_ids: set[str] | None = None
        self._dropped: set[str] = set()

    def fix(self, el: etree._Element) -> None:
        for ref in el.iter(*_STYLE_REFS):
            self._bring_style(ref.get(w("val"), ""))
        for num_pr in list(el.iter(w("numPr"))):
            num = num_pr.find(w("numId"))
            nid = num.get(w("val"), "") if num is not None else ""
            if nid and nid != "0" and nid not in self._nums():
                num_pr.getparent().remove(num_pr)
                if nid not in self._dropped:
                    self._dropped.add(nid)
                    self.warnings.append(f"{self.old.name}: list {nid} of deleted text is not defined in "
                                         f"{self.new.name}; the deleted text is shown without its automatic number")

    # -- styles -------------------------------------------------------------------------------
    def _styles_root(self, pkg: Package, writable: bool) -> etree._Element | None:
        part = (pkg.related(pkg.main_part, "styles") or [None])[0]
        if part is None:
            return None
        if not writable:
            return pkg.xml(part)
        if part not in self.dirty:
            self.dirty[part] = copy.deepcopy(pkg.xml(part))
        return self.dirty[part]

    def _defined(self) -> set[str]:
        if self._new_ids is None:
            root = self._styles_root(self.new, writable=False)
            self._new_ids = {s.get(w("styleId"), "") for s in root.iter(w("style"))} if root is not None else set()
        return self._new_ids

    def _bring_style(self, style_id: str) -> None:
        if not style_id or style_id in self._defined() or self._old_styles is None or self._new_styles_part is None:
            return
        if not any(s.get(w("styleId")) == style_id for s in self._old_styles.iter(w("style"))):
            return
        self._new_ids = copy_styles(self._styles_root(self.new, writable=True), self._old_styles, [style_id])

    # -- lists --------------------------------------------------------------------------------
    def _nums(self) -> set[str]:
        if self._num_ids is None:
            part = (self.new.related(self.new.main_part, "numbering") or [None])[0]
            root = self.new.xml(part) if part else None
            self._num_ids = {n.get(w("numId"), "") for n in root.iter(w("num"))} if root is not None else set()
        return self._num_ids
