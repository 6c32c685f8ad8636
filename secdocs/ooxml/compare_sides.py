"""One package being compared: its stories in one view, and its blocks' text and numbers.

A :class:`Side` resolves tracked changes a story already has (the accepted view by default,
reported as a warning), works out the automatic list labels of the main document's paragraphs
as Word counts them, and reads a block's text and its typed number fast, from the block's own
serialisation, when the main namespace has the usual ``w`` prefix.
"""

from __future__ import annotations

import re

from lxml import etree

from ..diff.blockalign import full_addresses
from ..errors import BadInputError
from .lists import ListCounter, NumberingDefinitions
from .package import Package
from .revisions import apply_view, count_revisions, has_revisions
from .stylesheet import StyleSheet
from .wordml import w

P, TR, TC, T, TAB = w("p"), w("tr"), w("tc"), w("t"), w("tab")
_W_T = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|(<w:tab/>)")
_FIRST_T = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
_TYPED = re.compile(r"^\s*((?:[A-Z]{1,3}\d+|\d+)(?:\.\d+)*[A-Z]{0,2}\.?|\((?:[a-z]{1,5}|[A-Z]{1,3}|\d{1,3})\))(?=[\t ])")


def unescape(s: str) -> str:
    if "&" not in s:
        return s
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'") \
        .replace("&amp;", "&")


def block_text(el: etree._Element) -> str:
    """The text of ``w:t`` elements and run tabs under ``el``."""
    tabs = w("tabs")
    return "".join((x.text or "") if x.tag == T else "\t" for x in el.iter(T, TAB)
                   if x.tag == T or x.getparent().tag != tabs)


def row_text(tr: etree._Element) -> str:
    return " | ".join(block_text(tc) for tc in tr.iter(TC) if tc.getparent() is tr)


class Side:
    """One package: its stories parsed (and resolved to one view), its paragraph labels."""

    def __init__(self, pkg: Package, view: str, session, which: str):
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
            return block_text(el)[:40]
        m = _FIRST_T.search(xml)
        if m is None:
            return ""
        lead = m.group(1)
        if len(lead) < 12:
            rest = xml[m.end():m.end() + 400]
            tab, nxt = rest.find(b"<w:tab/>"), rest.find(b"<w:t")
            if tab >= 0 and (nxt < 0 or tab <= nxt):
                lead += b"\t"
        return unescape(lead.decode("utf-8"))

    def text_of(self, el: etree._Element, xml: bytes) -> str:
        """The text of a block's ``w:t`` elements, read from its serialisation (as fast as
        libxml2 can write it) when the main namespace has the usual ``w`` prefix."""
        if el.prefix != "w":
            return block_text(el)
        return unescape(b"".join(t or b"\t" if tab else t for t, tab in _W_T.findall(xml)).decode("utf-8"))


class Places:
    """Where each block of one side's container is, worked out only for the blocks asked about
    (most blocks of a later version are identical and never are): its whole provision address
    (``L1.15(a)``, from its label and the labels before it), else the nearest address before
    it and its ordinal after that (``L1.15(a) +2``), else ``block N``."""

    def __init__(self, side: Side, blocks: list[etree._Element], xmls: list[bytes]):
        self.side, self.blocks, self.xmls = side, blocks, xmls
        self._labels: dict[int, str | None] = {}
        self._full: dict[int, str | None] = {}
        self._near: dict[int, tuple[str, int]] = {}

    def label(self, k: int) -> str | None:
        if k not in self._labels:
            el = self.blocks[k]
            self._labels[k] = self.side.address(el, self.side.lead_of(el, self.xmls[k])) if el.tag == P else None
        return self._labels[k]

    def address(self, k: int) -> str | None:
        """The whole address of block k, or None when it has no number."""
        if k not in self._full:
            label = self.label(k)
            if not label:
                self._full[k] = None
            elif not label.startswith("("):
                self._full[k] = label.rstrip(".")
            else:
                seq, i = [label], k - 1
                while i >= 0:
                    earlier = self.label(i)
                    if earlier:
                        seq.append(earlier)
                        if not earlier.startswith("("):
                            break
                    i -= 1
                self._full[k] = full_addresses(seq[::-1])[-1]
        return self._full[k]

    def where(self, k: int) -> str:
        j, unset = k, []
        while j >= 0 and j not in self._near:
            full = self.address(j)
            if full:
                self._near[j] = (full, 0)
                break
            unset.append(j)
            j -= 1
        near = self._near[j] if j >= 0 else ("", 0)
        for i in reversed(unset):
            near = (near[0], near[1] + 1)
            self._near[i] = near
        name, n = self._near[k]
        return name if not n else (f"{name} +{n}" if name else f"block {n}")
