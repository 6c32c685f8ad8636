"""Helpers for the in-place compare tests (not a test module): edited copies of real documents,
made in memory with lxml, and the shared oracle applied to every story of a redline."""

from __future__ import annotations

import copy
import io
import random
import zipfile

from lxml import etree

from redline_helpers import SHARED, redline_views

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REAL = SHARED / "corpus-real"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}


def zip_parts(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _texts(p) -> list:
    return [t for t in p.iter(q("t")) if (t.text or "").strip()]


def _body_paragraphs(body) -> list:
    """Paragraphs directly in the body with some words, no section break, no field, no revision."""
    out = []
    for p in body.findall(q("p")):
        if p.find(f"{q('pPr')}/{q('sectPr')}") is not None or next(p.iter(q("fldChar"), q("instrText")), None) is not None:
            continue
        if any(len((t.text or "").split()) >= 2 for t in _texts(p)):
            out.append(p)
    return out


def _change_words(p, rng: random.Random, word: str) -> None:
    t = rng.choice([t for t in _texts(p) if len(t.text.split()) >= 2])
    words = t.text.split(" ")
    k = rng.randrange(len(words))
    words[k] = word
    t.text = " ".join(words)
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def edited(data: bytes, seed: int = 0, *, header: bool = True, table: bool = True) -> bytes:
    """A copy of a .docx with words changed in three paragraphs, one paragraph deleted, one
    inserted, a table cell's words changed and a header's words changed."""
    rng = random.Random(seed)
    parts = parts_of(data)
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(q("body"))
    paras = _body_paragraphs(body)
    assert len(paras) >= 6, "too few paragraphs to edit"
    picked = rng.sample(paras, 5)
    for k, p in enumerate(picked[:3]):
        _change_words(p, rng, f"changed{k}")
    body.remove(picked[3])
    new = copy.deepcopy(picked[4])
    runs = [r for r in new.iter(q("r")) if r.find(q("t")) is not None]
    keep = runs[0]
    for r in list(new):
        if r.tag != q("pPr"):
            new.remove(r)
    for t in list(keep):
        if t.tag != q("rPr"):
            keep.remove(t)
    etree.SubElement(keep, q("t")).text = "This paragraph was inserted for the test."
    new.append(keep)
    picked[4].addnext(new)
    if table:
        cells = [tc for tc in body.iter(q("tc")) if any(len((t.text or "").split()) >= 2 for t in _texts(tc))]
        if cells:
            _change_words(rng.choice(cells), rng, "cellword")
    parts["word/document.xml"] = _xml(root)
    if header:
        for name in sorted(parts):
            if name.startswith("word/header") and name.endswith(".xml"):
                h = etree.fromstring(parts[name])
                texts = [t for t in h.iter(q("t")) if (t.text or "").strip()]
                if texts:
                    texts[0].text = texts[0].text + " (amended header)"
                    parts[name] = _xml(h)
                    break
    return zip_parts(parts)


def story_views(data: bytes, part: str, mode: str | None) -> list[str]:
    """The oracle's blocks of one story part (its resolve and block rules)."""
    rv = redline_views()
    root = etree.fromstring(parts_of(data)[part])
    target = root.find(q("body")) if root.find(q("body")) is not None else root
    if mode is not None:
        target = copy.deepcopy(target)
        joined = rv.resolve(target, mode)
    else:
        joined = set()
    if target.tag in (q("footnotes"), q("endnotes")):  # each note is a story of its own
        out = []
        for note in target:
            paragraphs = list(note.iter(q("p")))
            if mode == "accept" and paragraphs and all(p in joined for p in paragraphs):
                continue  # a note deleted whole goes with its (deleted) reference
            out.extend(rv._container_blocks(note, joined, mode == "reject"))
        return out
    return rv._container_blocks(target, joined, mode == "reject")


def proven(redline: bytes, old: bytes, new: bytes, accepted: bool = False) -> dict[str, dict]:
    """The oracle's verdict on every story part of NEW: accept == NEW, reject == OLD (OLD's
    part of the same name; a part only NEW has must give nothing when rejected). With
    ``accepted``, NEW and OLD are taken in their accepted view (files with tracked changes of
    their own are compared so)."""
    view = "accept" if accepted else None
    rv = redline_views()
    out = {}
    rparts, oparts, nparts = parts_of(redline), parts_of(old), parts_of(new)
    for name in sorted(nparts):
        if not (name == "word/document.xml" or name.startswith(("word/header", "word/footer"))
                or name in ("word/footnotes.xml", "word/endnotes.xml")) or not name.endswith(".xml"):
            continue
        acc = rv.compare_blocks(story_views(redline, name, "accept"), story_views(new, name, view))
        want_old = story_views(old, name, view) if name in oparts else []
        rej = rv.compare_blocks(story_views(redline, name, "reject"), want_old)
        out[name] = {"accept": acc, "reject": rej, "ok": acc["status"] != "FAIL" and rej["status"] != "FAIL"}
        assert name in rparts
    return out


def docx_checks(paths) -> dict[str, dict]:
    """``docx_check.py --no-lo --schema`` on many files in one run: file → its result."""
    from redline_helpers import docx_check_results

    return {r["file"]: r for r in docx_check_results(paths, "--no-lo", "--schema")}


def schema_errors(data: bytes, path) -> int:
    """The errors ``docx_check.py --no-lo --schema`` finds in ``data``, written to ``path``."""
    path.write_bytes(data)
    return docx_checks([path])[str(path)]["error_count"]
