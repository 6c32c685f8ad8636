"""Label a finished tracked redline package and give it a change list (bytes → bytes).

A tracked redline and the clean document look the same with markup hidden, so every redline
says what it is ("Redline: Section L v18.0 → v19.0, changes made by MP134A") and lists its
changes on the cover: each changed provision by its citation, the kind of change and the page.

This is a post-pass over whatever produced the redline (our house-style writer, or the
baseline's own package edited in place), so it knows nothing of how the body was written. It
must keep the redline's proofs: accepting every revision gives the clean document and rejecting
every revision the baseline, body text included. So nothing it adds is body text:

* **The label goes in the page headers.** Every header part the main document references gets
  one label paragraph at its top. The header parts are changed on purpose: they are not body
  text, so neither view sees the label, and every page of a printed redline carries it.
* **The change list goes in the cover's header.** The first section gets a first-page header of
  its own (a new part: the header it showed on its first page, then the label, then a table of
  the changes), and ``w:titlePg`` when it had none, its first-page footer then being its
  default footer. LibreOffice and Word grow a header to fit its content, so the list sits on
  the cover above the body. A list longer than ``MAX_ROWS`` shows its first rows and says how
  many more there are (never silently cut).
* **Pages are PAGEREF fields** to bookmarks placed in the changed paragraphs (an empty
  ``w:bookmarkStart``/``w:bookmarkEnd`` pair after the paragraph properties: no text, no
  revision). LibreOffice computes them when it lays the document out; ``w:updateFields`` in the
  settings asks Word to do the same when it opens the file.

The changed paragraph of an entry is found by its texts (``CoverEntry.find``: the typed label,
the first words of its text), looking first at paragraphs that carry a revision, in document
order. An entry whose paragraph is not found has no page ("–") and is reported in the warnings.
"""

from __future__ import annotations

import copy
import posixpath
import re
from dataclasses import dataclass, field

from lxml import etree

from .namespaces import CT_NS, R_NS, REL_NS, W_NS, XML_NS
from .package import package_bytes, read_package
from .wordml import w

MAX_ROWS = 30  # rows of the cover's change list (a cover header taller than a page breaks layout)
BOOKMARK_PREFIX = "_SecdocsChange"
HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
HEADER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_SECT_AFTER_TITLEPG = {w(t) for t in ("textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings",
                                      "sectPrChange")}
_WS = re.compile(r"\s+")


@dataclass
class CoverEntry:
    """One row of the change list: the citation, the kind of change, and how to find the
    changed paragraph: the label it starts with (typed labels), else words of its text."""

    citation: str
    change: str
    snippet: str = ""
    label: str = ""


@dataclass
class Labelled:
    data: bytes
    warnings: list[str]
    pages: dict[str, str] = field(default_factory=dict)  # citation → bookmark name


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip().lower()


def _texts(p: etree._Element, deleted: bool = True) -> str:
    """The paragraph's text, with its deleted text too (``deleted``) or as accepted."""
    out = []
    for el in p.iter(w("t"), w("delText"), w("tab")):
        if el.tag == w("delText") and not deleted:
            continue
        out.append("\t" if el.tag == w("tab") else (el.text or ""))
    return "".join(out)


def _marked(p: etree._Element) -> bool:
    return next(p.iter(w("ins"), w("del")), None) is not None


def _run(text: str, *, bold: bool = False, size: int = 18, colour: str | None = None) -> etree._Element:
    r = etree.Element(w("r"))
    rpr = etree.SubElement(r, w("rPr"))
    if bold:
        etree.SubElement(rpr, w("b"))
    if colour:
        etree.SubElement(rpr, w("color")).set(w("val"), colour)
    etree.SubElement(rpr, w("sz")).set(w("val"), str(size))
    etree.SubElement(rpr, w("szCs")).set(w("val"), str(size))
    t = etree.SubElement(r, w("t"))
    t.text = text
    t.set(f"{{{XML_NS}}}space", "preserve")
    return r


def _paragraph(*runs: etree._Element, after: int = 60) -> etree._Element:
    p = etree.Element(w("p"))
    ppr = etree.SubElement(p, w("pPr"))
    etree.SubElement(ppr, w("spacing")).set(w("after"), str(after))
    p.extend(runs)
    return p


def _field_runs(instr: str, shown: str) -> list[etree._Element]:
    """A complex field (begin, instruction, separate, result, end) with a placeholder result."""
    def fld(kind: str) -> etree._Element:
        r = _run("")
        r.remove(r.find(w("t")))
        etree.SubElement(r, w("fldChar")).set(w("fldCharType"), kind)
        return r
    instr_run = _run("")
    t = instr_run.find(w("t"))
    t.tag = w("instrText")
    t.text = f" {instr} "
    return [fld("begin"), instr_run, fld("separate"), _run(shown), fld("end")]


def _cell(width: int, content: list[etree._Element], header: bool = False) -> etree._Element:
    tc = etree.Element(w("tc"))
    tcpr = etree.SubElement(tc, w("tcPr"))
    tcw = etree.SubElement(tcpr, w("tcW"))
    tcw.set(w("w"), str(width))
    tcw.set(w("type"), "dxa")
    if header:
        shd = etree.SubElement(tcpr, w("shd"))
        shd.set(w("val"), "clear")
        shd.set(w("color"), "auto")
        shd.set(w("fill"), "D9D9D9")
    p = _paragraph(*content, after=0)
    tc.append(p)
    return tc


def _table(rows: list[tuple[list, list, list]], widths: tuple[int, int, int]) -> etree._Element:
    tbl = etree.Element(w("tbl"))
    tblpr = etree.SubElement(tbl, w("tblPr"))
    tw = etree.SubElement(tblpr, w("tblW"))
    tw.set(w("w"), str(sum(widths)))
    tw.set(w("type"), "dxa")
    borders = etree.SubElement(tblpr, w("tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = etree.SubElement(borders, w(side))
        b.set(w("val"), "single")
        b.set(w("sz"), "4")
        b.set(w("space"), "0")
        b.set(w("color"), "808080")
    etree.SubElement(tblpr, w("tblLayout")).set(w("type"), "fixed")
    grid = etree.SubElement(tbl, w("tblGrid"))
    for width in widths:
        etree.SubElement(grid, w("gridCol")).set(w("w"), str(width))
    for i, row in enumerate(rows):
        tr = etree.SubElement(tbl, w("tr"))
        if i == 0:
            etree.SubElement(etree.SubElement(tr, w("trPr")), w("tblHeader"))
        for width, content in zip(widths, row):
            tr.append(_cell(width, content, header=i == 0))
    return tbl


def _locate(paragraphs: list[etree._Element], entries: list[CoverEntry]) -> list[int | None]:
    """The paragraph index of each entry (None when not found): a paragraph carrying a revision
    that starts with the label, is the snippet or holds it, looked for in document order from the
    previous entry's paragraph (then from the start); else any paragraph that is the snippet (a
    definition's term, when only its meaning changed), starts with the label or holds the snippet."""
    # the text with its deletions, then as accepted (a paragraph whose words were replaced, e.g. a
    # deleted definition row paired with an inserted one, holds the new text only in the latter)
    texts = [(_norm(_texts(p)), _norm(_texts(p, deleted=False))) for p in paragraphs]
    marked = [i for i, p in enumerate(paragraphs) if _marked(p)]
    found: list[int | None] = []
    cursor = 0
    for e in entries:
        snippet, label = _norm(e.snippet), _norm(e.label)
        prefix = (lambda t: t == label or t.startswith(label + " ")) if label else None
        exact = (lambda t: t == snippet) if snippet else None
        within = (lambda t: snippet in t) if snippet else None
        hit = None
        for pool, tests in ((marked[cursor:] + marked[:cursor], (prefix, exact, within)),
                            (range(len(paragraphs)), (exact, prefix, within))):
            hit = next((i for test in tests if test for i in pool if any(test(t) for t in texts[i])), None)
            if hit is not None:
                break
        found.append(hit)
        if hit is not None and hit in marked:
            cursor = marked.index(hit)
    return found


def _add_bookmark(p: etree._Element, bid: int, name: str) -> None:
    start = etree.Element(w("bookmarkStart"))
    start.set(w("id"), str(bid))
    start.set(w("name"), name)
    end = etree.Element(w("bookmarkEnd"))
    end.set(w("id"), str(bid))
    at = 1 if len(p) and p[0].tag == w("pPr") else 0
    p.insert(at, start)
    p.insert(at + 1, end)


def _first_sectpr(body: etree._Element) -> etree._Element:
    for p in body.iter(w("p")):
        ppr = p.find(w("pPr"))
        if ppr is not None and ppr.find(w("sectPr")) is not None:
            return ppr.find(w("sectPr"))
    sect = body.find(w("sectPr"))
    if sect is None:
        sect = etree.SubElement(body, w("sectPr"))
    return sect


def _refs(sect: etree._Element, kind: str) -> dict[str, etree._Element]:
    return {r.get(w("type"), "default"): r for r in sect.findall(w(kind + "Reference"))}


def _set_titlepg(sect: etree._Element) -> None:
    if sect.find(w("titlePg")) is not None:
        return
    el = etree.Element(w("titlePg"))
    after = next((c for c in sect if c.tag in _SECT_AFTER_TITLEPG), None)
    if after is None:
        sect.append(el)
    else:
        after.addprevious(el)


def _unique(existing, stem: str, fmt: str) -> str:
    n = 1
    while fmt.format(stem=stem, n=n) in existing:
        n += 1
    return fmt.format(stem=stem, n=n)


def label_redline(data: bytes, name: str, label: str, entries: list[CoverEntry], *,
                  caption: str = "Changes in this redline") -> Labelled:
    """The redline package ``data`` with ``label`` in every page header and the change list on
    its cover (see the module docstring). Deterministic: same input, same bytes."""
    pkg = read_package(data, name)
    parts = dict(pkg.parts)
    main = pkg.main_part
    root = pkg.xml(main)
    body = root.find(w("body"))
    warnings: list[str] = []

    # bookmarks in the changed paragraphs
    paragraphs = list(body.iter(w("p")))
    ids = [int(b.get(w("id"))) for b in body.iter(w("bookmarkStart")) if (b.get(w("id")) or "").isdigit()]
    next_id = max(ids, default=0) + 1
    where = _locate(paragraphs, entries)
    marks: dict[int, str] = {}
    names: list[str | None] = []
    for e, hit in zip(entries, where):
        if hit is None:
            warnings.append(f"{name}: the change list's {e.citation} ({e.change}) was not found in the "
                            f"document body; it is listed without a page")
            names.append(None)
            continue
        if hit not in marks:
            marks[hit] = f"{BOOKMARK_PREFIX}{len(marks) + 1}"
            _add_bookmark(paragraphs[hit], next_id, marks[hit])
            next_id += 1
        names.append(marks[hit])

    # the label in every header
    rels = pkg.rels(main)
    for rid, (ty, target, mode) in sorted(rels.items()):
        if ty == HEADER_REL and mode != "External" and target in parts:
            hdr = pkg.xml(target)
            hdr.insert(0, _label_paragraph(label))
            parts[target] = _xml_bytes(hdr)

    # the cover header: what the first page showed, the label, the change list
    sect = _first_sectpr(body)
    heads = _refs(sect, "header")
    shown = heads.get("first") if sect.find(w("titlePg")) is not None else heads.get("default")
    if shown is not None and rels.get(shown.get(f"{{{R_NS}}}id"), ("", "", ""))[1] in parts:
        source_part = rels[shown.get(f"{{{R_NS}}}id")][1]
        cover = copy.deepcopy(pkg.xml(source_part))  # already labelled above
        source_rels = posixpath.join(posixpath.dirname(source_part), "_rels",
                                     posixpath.basename(source_part) + ".rels")
    else:
        cover = etree.Element(w("hdr"), nsmap={"w": W_NS, "r": R_NS})
        cover.append(_label_paragraph(label))
        source_rels = None
    cover.append(_paragraph(_run(caption, bold=True, size=18), after=40))
    rows = [([_run("Provision", bold=True)], [_run("Change", bold=True)], [_run("Page", bold=True)])]
    for e, mark in list(zip(entries, names))[:MAX_ROWS]:
        page = _field_runs(f"PAGEREF {mark} \\h", "?") if mark else [_run("\u2013")]
        rows.append(([_run(e.citation)], [_run(e.change)], page))
    cover.append(_table(rows, (4200, 3400, 1000)))
    if len(entries) > MAX_ROWS:
        cover.append(_paragraph(_run(f"… and {len(entries) - MAX_ROWS} more changes, listed in the "
                                     f"release notes and the review site.", size=16)))
    if not entries:
        cover.append(_paragraph(_run("No provision is changed.", size=16)))
    cover.append(_paragraph(after=120))
    folder = posixpath.dirname(main)
    part_name = _unique(parts, posixpath.join(folder, "header"), "{stem}-secdocs-cover{n}.xml")
    parts[part_name] = _xml_bytes(cover)
    if source_rels and source_rels in parts:
        parts[posixpath.join(folder, "_rels", posixpath.basename(part_name) + ".rels")] = parts[source_rels]
    rel_id = _unique(rels, "rIdSecdocsCover", "{stem}{n}")
    _add_relationship(parts, main, rel_id, posixpath.relpath(part_name, folder))
    _add_override(parts, "/" + part_name)

    had_titlepg = sect.find(w("titlePg")) is not None
    if "first" in heads:
        heads["first"].set(f"{{{R_NS}}}id", rel_id)
    else:
        ref = etree.Element(w("headerReference"))
        ref.set(w("type"), "first")
        ref.set(f"{{{R_NS}}}id", rel_id)
        sect.insert(0, ref)
    feet = _refs(sect, "footer")
    if not had_titlepg and "first" not in feet and "default" in feet:  # the cover keeps its footer
        ref = etree.Element(w("footerReference"))
        ref.set(w("type"), "first")
        ref.set(f"{{{R_NS}}}id", feet["default"].get(f"{{{R_NS}}}id"))
        feet["default"].addnext(ref)
    _set_titlepg(sect)
    parts[main] = _xml_bytes(root)
    _update_fields(parts, pkg, main)
    return Labelled(package_bytes(parts), warnings,
                    {e.citation: m for e, m in zip(entries, names) if m})


def _label_paragraph(label: str) -> etree._Element:
    return _paragraph(_run(label, bold=True, size=20, colour="C00000"), after=40)


def _xml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add_relationship(parts: dict[str, bytes], main: str, rel_id: str, target: str) -> None:
    folder, base = posixpath.split(main)
    rels_part = posixpath.join(folder, "_rels", base + ".rels")
    root = (etree.fromstring(parts[rels_part]) if rels_part in parts
            else etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS}))
    rel = etree.SubElement(root, f"{{{REL_NS}}}Relationship")
    rel.set("Id", rel_id)
    rel.set("Type", HEADER_REL)
    rel.set("Target", target)
    parts[rels_part] = _xml_bytes(root)


def _add_override(parts: dict[str, bytes], part_name: str) -> None:
    root = etree.fromstring(parts["[Content_Types].xml"])
    el = etree.SubElement(root, f"{{{CT_NS}}}Override")
    el.set("PartName", part_name)
    el.set("ContentType", HEADER_CT)
    parts["[Content_Types].xml"] = _xml_bytes(root)


def _update_fields(parts: dict[str, bytes], pkg, main: str) -> None:
    """``w:updateFields`` in the settings: Word recomputes the page numbers on opening."""
    settings = pkg.related(main, "settings")
    if not settings:
        return
    root = pkg.xml(settings[0])
    if root.find(w("updateFields")) is not None:
        return
    el = etree.Element(w("updateFields"))
    el.set(w("val"), "true")
    # CT_Settings puts updateFields after the document-wide options and before these:
    later = {w(t) for t in ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                             "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                             "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                             "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                             "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")}
    after = next((c for c in root if c.tag in later or not c.tag.startswith(f"{{{W_NS}}}")), None)
    if after is None:
        root.append(el)
    else:
        after.addprevious(el)
    parts[settings[0]] = _xml_bytes(root)
