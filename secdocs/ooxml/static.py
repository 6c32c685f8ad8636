"""Static markup read as revisions: coloured underline is an insertion, strikethrough a deletion.

A redline published for PDF (our ``--style static``, or one a drafter marked up by hand) carries
its changes as formatting, not as ``w:ins`` / ``w:del``. ``static_to_tracked`` rewrites a part so
that the ordinary accept / reject views (``revisions.apply_view``) read it:

* a run struck through (``w:strike`` or ``w:dstrike``) becomes a deleted run (``w:del``, its
  ``w:t`` as ``w:delText``); the strike and its colour are dropped;
* a run underlined in a colour (``w:u`` with a ``w:color`` of its own, or beside a ``w:color``
  that is not automatic or black) becomes an inserted run (``w:ins``); the underline and colour
  are dropped, except that a double underline (how an inserted underlined word is shown) leaves
  an ordinary underline;
* a paragraph whose every visible run is inserted (deleted) has its paragraph mark inserted
  (deleted) too, and a table row whose every paragraph with text is inserted (deleted) is an
  inserted (deleted) row (an empty paragraph cannot show a mark), so whole provisions and
  definitions come and go as they do with tracked marks.

Plain underline without a colour is formatting, not a mark, and stays; so does a hyperlink (a run
inside ``w:hyperlink`` or in a Hyperlink character style), which is blue and underlined too.
"""

from __future__ import annotations

from lxml import etree

from .wordml import on_off, w

AUTHOR = "static markup"
_PLAIN_COLOURS = ("auto", "000000", "")
_LINK_STYLES = ("hyperlink", "followedhyperlink", "internetlink", "internet_20_link")


def _marks(r: etree._Element) -> str | None:
    """"del", "ins" or None for one ``w:r``."""
    rpr = r.find(w("rPr"))
    if rpr is None or r.getparent().tag == w("hyperlink"):
        return None
    style = rpr.find(w("rStyle"))
    if style is not None and (style.get(w("val")) or "").lower() in _LINK_STYLES:
        return None  # a link is blue and underlined, not inserted
    if on_off(rpr.find(w("strike"))) or on_off(rpr.find(w("dstrike"))):
        return "del"
    u = rpr.find(w("u"))
    if u is None or u.get(w("val"), "single").lower() == "none":
        return None
    colour = rpr.find(w("color"))
    own = (u.get(w("color")) or "").lower()
    if own not in _PLAIN_COLOURS or (colour is not None and (colour.get(w("val")) or "").lower() not in _PLAIN_COLOURS):
        return "ins"
    return None


def _strip(r: etree._Element, mark: str) -> None:
    rpr = r.find(w("rPr"))
    for tag in ("strike", "dstrike", "color"):
        for el in rpr.findall(w(tag)):
            rpr.remove(el)
    u = rpr.find(w("u"))
    if u is not None and mark == "ins":
        if (u.get(w("val")) or "").lower() == "double":
            u.set(w("val"), "single")
            u.attrib.pop(w("color"), None)
        else:
            rpr.remove(u)
    elif u is not None:
        u.attrib.pop(w("color"), None)
    if len(rpr) == 0:
        r.remove(rpr)
    if mark == "del":
        for t in r.iter(w("t"), w("instrText")):
            t.tag = w("delText") if t.tag == w("t") else w("delInstrText")


def _visible(r: etree._Element) -> bool:
    return any(t.text for t in r.iter(w("t"), w("delText"))) or r.find(w("tab")) is not None


def static_to_tracked(root: etree._Element, date: str = "2000-01-01T00:00:00Z") -> etree._Element:
    """A copy of a part with static markup turned into revision marks (see the module docstring)."""
    root = etree.fromstring(etree.tostring(root))
    ids = iter(range(900000, 10**9))

    def revision(tag: str) -> etree._Element:
        return etree.Element(w(tag), {w("id"): str(next(ids)), w("author"): AUTHOR, w("date"): date})

    para_marks: dict[etree._Element, str | None] = {}
    empty: set[etree._Element] = set()  # no visible text: neither marked nor unmarked
    for p in root.iter(w("p")):
        kinds = set()
        for r in list(p.iter(w("r"))):
            if r.getparent().tag in (w("ins"), w("del")):
                kinds.add("kept")
                continue
            mark = _marks(r)
            if _visible(r):
                kinds.add(mark or "kept")
            if mark is None:
                continue
            _strip(r, mark)
            wrapper = revision(mark)
            r.addprevious(wrapper)
            wrapper.append(r)
        para_marks[p] = next(iter(kinds)) if len(kinds) == 1 and "kept" not in kinds else None
        if not kinds:
            empty.add(p)
    for p, mark in para_marks.items():
        if mark is None:
            continue
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            p.insert(0, ppr)
        rpr = ppr.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, w("rPr"))
            sect = ppr.find(w("sectPr"))
            if sect is not None:
                sect.addprevious(rpr)
        for el in rpr.findall(w("color")):
            rpr.remove(el)
        rpr.insert(0, revision(mark))
    for tr in root.iter(w("tr")):
        marks = {para_marks.get(p) for p in tr.iter(w("p")) if p not in empty}
        if len(marks) == 1 and None not in marks:
            trpr = tr.find(w("trPr"))
            if trpr is None:
                trpr = etree.Element(w("trPr"))
                tr.insert(0 if tr.find(w("tblPrEx")) is None else 1, trpr)
            trpr.append(revision(marks.pop()))
    return root


def has_static_marks(root: etree._Element) -> bool:
    """Whether any run of the part carries static markup."""
    return any(_marks(r) for r in root.iter(w("r")))
