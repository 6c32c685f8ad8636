"""The in-place compare engine (secdocs.ooxml.compare) proven on real documents Word wrote.

Every pair is made here from ../shared/corpus-real (copies edited in memory with lxml: words
changed in three paragraphs, one paragraph deleted, one inserted, a table cell and a header
changed), compared, and checked story by story with the shared oracle's own rules: accepting
every mark gives NEW and rejecting every mark gives OLD — the main document, every header and
footer, the footnotes and endnotes. Also: a document compared with itself comes back with every
part byte-identical; every part the compare did not mark is NEW's own bytes; formatting-only
changes are property revisions; moves are move pairs; ``docx_check --schema`` finds no error
the input did not have; a hypothesis property with random edits of a real document.
"""

from __future__ import annotations

import copy
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from compare_helpers import REAL, docx_checks, edited, schema_errors, parts_of, proven, q, story_views, zip_parts
from redline_helpers import redline_views
from secdocs.ooxml.compare import compare_packages

DOCS = sorted(p for p in REAL.glob("*.docx"))
EDITABLE = [p for p in DOCS if "docx4j" not in p.name]  # the docx4j sample has too few paragraphs
DATE = "2026-01-01T00:00:00Z"


def _compare(old: bytes, new: bytes, **kw):
    return compare_packages(old, new, author="secdocs test", date=DATE, **kw)


def _exact(result: dict, had_marks: bool = False) -> bool:
    return all(v["accept"]["status"] == v["reject"]["status"] == "exact" for v in result.values())


@pytest.fixture(scope="module")
def real_pairs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("real")
    out = {}
    for path in EDITABLE:
        old = path.read_bytes()
        new = edited(old, seed=7)
        r = _compare(old, new)
        red = folder / f"{path.stem}-redline.docx"
        red.write_bytes(r.docx)
        (folder / f"{path.stem}-new.docx").write_bytes(new)
        out[path.name] = (old, new, r, red)
    return out


def test_there_are_enough_real_pairs():
    assert len(EDITABLE) >= 6


@pytest.mark.parametrize("name", [p.name for p in EDITABLE])
def test_real_pair_is_exact_in_every_story(real_pairs, name):
    old, new, r, _ = real_pairs[name]
    accepted = bool(r.warnings)  # a file with tracked changes of its own is compared accepted
    result = proven(r.docx, old, new, accepted=accepted)
    assert "word/document.xml" in result
    bad = {k: v for k, v in result.items() if not v["ok"]}
    assert not bad, bad
    body = result["word/document.xml"]
    if not accepted:  # (the reader's accepted view and the oracle's may differ in empty paragraphs)
        assert body["accept"]["status"] == body["reject"]["status"] == "exact", body
    kinds = {c.kind for c in r.changes}
    assert {"replace", "delete", "insert"} <= kinds, kinds


@pytest.mark.parametrize("name", [p.name for p in EDITABLE])
def test_header_change_is_marked_in_its_own_story(real_pairs, name):
    old, new, r, _ = real_pairs[name]
    changed = [k for k in parts_of(new) if k.startswith("word/header") and parts_of(new)[k] != parts_of(old).get(k)]
    for part in changed:
        assert b"w:ins" in parts_of(r.docx)[part] or b"<w:ins " in parts_of(r.docx)[part]
        assert any(c.address.startswith("header") for c in r.changes)


@pytest.mark.parametrize("name", [p.name for p in EDITABLE])
def test_unmarked_parts_are_new_s_own_bytes(real_pairs, name):
    old, new, r, _ = real_pairs[name]
    got, want = parts_of(r.docx), parts_of(new)
    assert set(want) <= set(got)
    differing = {k for k in want if got[k] != want[k]}
    allowed = {"word/document.xml", "word/footnotes.xml", "word/endnotes.xml", "[Content_Types].xml"} | {
        k for k in want if k.startswith(("word/header", "word/footer", "word/_rels/"))}
    assert differing <= allowed, differing - allowed
    for k in differing - {"[Content_Types].xml"}:
        if not k.startswith("word/_rels/"):
            assert parts_of(new)[k] != parts_of(old).get(k), f"{k} was the same in both and still changed"


def test_docx_check_finds_no_new_error(real_pairs):
    paths = [red for *_, red in real_pairs.values()]
    reports = docx_checks(paths)
    # a redline with errors: were they NEW's own (a file Word wrote may have some)?
    news = [red.with_name(red.name.replace("-redline", "-new")) for red in paths if reports[str(red)]["errors"]]
    reports.update(docx_checks(news) if news else {})
    for red in paths:
        new = red.with_name(red.name.replace("-redline", "-new"))
        own = {e["message"] for e in reports[str(new)]["errors"]} if str(new) in reports else set()
        extra = [e for e in reports[str(red)]["errors"] if e["message"] not in own]
        assert extra == [], (red.name, extra[:3])
        assert reports[str(red)]["docx"]["revisions_total"] > 0


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_a_document_compared_with_itself_is_every_part_byte_identical(path):
    data = path.read_bytes()
    r = _compare(data, data)
    assert r.changes == [] and r.revisions == 0
    assert parts_of(r.docx) == parts_of(data)


@pytest.mark.parametrize("path", DOCS[:4], ids=[p.name for p in DOCS[:4]])
def test_same_content_written_differently_gives_no_marks(path):
    """NEW's main part re-serialised (other bytes, same XML): the engine runs and finds nothing."""
    data = path.read_bytes()
    parts = parts_of(data)
    root = etree.fromstring(parts["word/document.xml"])
    parts["word/document.xml"] = etree.tostring(root, encoding="UTF-8")
    other = zip_parts(parts)
    r = _compare(data, other)
    assert r.changes == [] and r.revisions == 0
    got = parts_of(r.docx)["word/document.xml"]
    if r.warnings:  # the file's own tracked changes were accepted to compare it: said, and shown so
        assert all("already has" in w for w in r.warnings)
        return
    assert etree.tostring(etree.fromstring(got), method="c14n") == etree.tostring(root, method="c14n")


def _fmt_views(data: bytes, mode):
    rv = redline_views()
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "x.docx"
        p.write_bytes(data)
        return rv.blocks_of(str(p), mode, fmt=True)


def test_formatting_only_changes_are_property_revisions():
    old = (REAL / "commonpaper-pilot-agreement.docx").read_bytes()
    parts = parts_of(old)
    root = etree.fromstring(parts["word/document.xml"])
    paras = [p for p in root.iter(q("p")) if "".join(t.text or "" for t in p.iter(q("t"))).strip()]
    run = next(r for r in paras[5].iter(q("r")) if r.find(q("t")) is not None)
    rpr = run.find(q("rPr"))
    if rpr is None:
        rpr = etree.Element(q("rPr"))
        run.insert(0, rpr)
    rpr.insert(0, etree.Element(q("b")))
    ppr = paras[8].find(q("pPr"))
    if ppr is None:
        ppr = etree.Element(q("pPr"))
        paras[8].insert(0, ppr)
    ind = etree.SubElement(ppr, q("ind"))
    ind.set(q("left"), "1440")
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    new = zip_parts(parts)
    r = _compare(old, new)
    xml = parts_of(r.docx)["word/document.xml"]
    assert b"w:rPrChange" in xml and b"w:pPrChange" in xml
    assert b"w:ins " not in xml and b"w:del " not in xml
    assert {c.kind for c in r.changes} == {"format"}
    rv = redline_views()
    assert rv.compare_blocks(_fmt_views(r.docx, "accept"), _fmt_views(new, None))["status"] == "exact"
    assert rv.compare_blocks(_fmt_views(r.docx, "reject"), _fmt_views(old, None))["status"] == "exact"


def _moved(data: bytes) -> bytes:
    parts = parts_of(data)
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(q("body"))
    paras = [p for p in body.findall(q("p")) if len("".join(t.text or "" for t in p.iter(q("t")))) > 40
             and p.find(f"{q('pPr')}/{q('sectPr')}") is None]
    mover = paras[2]
    paras[-2].addnext(mover)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return zip_parts(parts)


def test_moves_are_move_pairs_word_accepts(tmp_path):
    old = (REAL / "commonpaper-data-processing-agreement.docx").read_bytes()
    new = _moved(old)
    plain = _compare(old, new)
    assert b"w:moveFrom" not in parts_of(plain.docx)["word/document.xml"]
    r = _compare(old, new, moves=True)
    xml = parts_of(r.docx)["word/document.xml"]
    for tag in (b"w:moveFrom ", b"w:moveTo ", b"w:moveFromRangeStart", b"w:moveToRangeEnd"):
        assert tag in xml
    assert any(c.kind == "move" for c in r.changes)
    assert _exact(proven(r.docx, old, new))
    path = tmp_path / "moves.docx"
    path.write_bytes(r.docx)
    report = docx_checks([path])[str(path)]
    assert report["error_count"] == 0 and not [x for x in report["warnings"] if "move" in x["check"]], report


# ---------------------------------------------------------------------------------------------
# random edits of a real document, proven both ways

SMALL = REAL / "commonpaper-pilot-agreement.docx"
_SMALL_BYTES = SMALL.read_bytes()


def _random_edit(data: bytes, ops: list[tuple[int, int, int]]) -> bytes:
    parts = parts_of(data)
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(q("body"))
    words = ["alpha", "beta", "gamma", "delta", "Party", "shall", "(a)", "30", "days"]
    for what, which, how in ops:
        paras = [p for p in body.iter(q("p")) if p.find(f"{q('pPr')}/{q('sectPr')}") is None]
        texts = [t for t in body.iter(q("t")) if (t.text or "").strip()]
        what %= 6
        if what == 0 and texts:  # words changed inside a run
            t = texts[which % len(texts)]
            ws = t.text.split(" ")
            k = how % len(ws)
            ws[k:k + how % 3] = [words[(how + j) % len(words)] for j in range(1 + how % 2)]
            t.text = " ".join(ws)
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        elif what == 1 and len(paras) > 3:  # a paragraph deleted (never a cell's only one)
            p = paras[which % len(paras)]
            if p.getparent().tag != q("tc") or len(p.getparent().findall(q("p"))) > 1:
                p.getparent().remove(p)
        elif what == 2 and paras:  # a paragraph inserted after another
            p = paras[which % len(paras)]
            new = copy.deepcopy(p)
            for t in new.iter(q("t")):
                t.text = words[how % len(words)] + " inserted"
            p.addnext(new)
        elif what == 3 and texts:  # a run made bold
            r = texts[which % len(texts)].getparent()
            rpr = r.find(q("rPr"))
            if rpr is None:
                rpr = etree.Element(q("rPr"))
                r.insert(0, rpr)
            if rpr.find(q("b")) is None:
                rpr.insert(0, etree.Element(q("b")))
        elif what == 4 and len(paras) > 4:  # a paragraph moved
            p = paras[which % len(paras)]
            target = paras[how % len(paras)]
            if target is not p and p.getparent().tag == q("body") and target.getparent().tag == q("body"):
                target.addnext(p)
        elif what == 5 and texts:  # a word split across two runs with other formatting
            t = texts[which % len(texts)]
            r = t.getparent()
            if r.tag == q("r") and len(t.text) > 4:
                cut = 1 + how % (len(t.text) - 1)
                tail = copy.deepcopy(r)
                for x in list(tail):
                    if x.tag not in (q("rPr"), q("t")):
                        tail.remove(x)
                tail.find(q("t")).text = t.text[cut:]
                tail.find(q("t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                t.text = t.text[:cut]
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                rpr = tail.find(q("rPr"))
                if rpr is None:
                    rpr = etree.Element(q("rPr"))
                    tail.insert(0, rpr)
                rpr.insert(0, etree.Element(q("i")))
                r.addnext(tail)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return zip_parts(parts)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 10_000), st.integers(0, 10_000)), min_size=1, max_size=6),
       st.booleans())
def test_random_edits_of_a_real_document_are_proven_both_ways(ops, moves):
    new = _random_edit(_SMALL_BYTES, ops)
    r = _compare(_SMALL_BYTES, new, moves=moves)
    rv = redline_views()
    for mode, want in (("accept", new), ("reject", _SMALL_BYTES)):
        got = story_views(r.docx, "word/document.xml", mode)
        verdict = rv.compare_blocks(got, story_views(want, "word/document.xml", None))
        assert verdict["status"] != "FAIL", (mode, verdict)


def test_random_edits_reversed_are_proven_too():
    rng = random.Random(3)
    ops = [(rng.randrange(6), rng.randrange(10_000), rng.randrange(10_000)) for _ in range(8)]
    new = _random_edit(_SMALL_BYTES, ops)
    r = _compare(new, _SMALL_BYTES)
    assert proven(r.docx, new, _SMALL_BYTES)["word/document.xml"]["ok"]


def test_table_cell_row_and_grid_properties_are_property_revisions(tmp_path):
    old = (REAL / "ccs-call-off-schedule-5-pricing.docx").read_bytes()
    parts = parts_of(old)
    root = etree.fromstring(parts["word/document.xml"])
    tbl = next(root.iter(q("tbl")))
    tblpr = tbl.find(q("tblPr"))
    tblw = tblpr.find(q("tblW"))
    tblw.set(q("w"), "4900")
    tblw.set(q("type"), "pct")
    col = tbl.find(q("tblGrid")).find(q("gridCol"))
    col.set(q("w"), str(int(col.get(q("w"), "1000")) + 100))
    tc = next(tbl.iter(q("tc")))
    tcpr = tc.find(q("tcPr"))
    if tcpr is None:
        tcpr = etree.Element(q("tcPr"))
        tc.insert(0, tcpr)
    etree.SubElement(tcpr, q("vAlign")).set(q("val"), "bottom")
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    new = zip_parts(parts)
    r = _compare(old, new)
    xml = parts_of(r.docx)["word/document.xml"]
    for tag in (b"w:tblPrChange", b"w:tblGridChange", b"w:tcPrChange"):
        assert tag in xml, tag
    assert [c.kind for c in r.changes] == ["format"] * 3
    path = tmp_path / "t.docx"
    path.write_bytes(r.docx)
    report = docx_checks([path])[str(path)]
    assert report["error_count"] == 0, report["errors"][:3]
    # the reader's reject view restores the old properties
    from secdocs.ooxml.revisions import apply_view

    def grid(root):
        return etree.tostring(root.find(f".//{q('tbl')}").find(q("tblGrid")))

    # (the file has a grid revision of its own: it was compared accepted)
    assert grid(apply_view(etree.fromstring(xml), "reject")) == \
        grid(apply_view(etree.fromstring(parts_of(old)["word/document.xml"]), "accept"))


def test_deleted_text_brings_its_style_and_loses_an_unknown_list(tmp_path):
    """A paragraph only OLD has, in a style and a list NEW does not define: the style is copied
    into NEW's styles; the list cannot be, so the deleted copy has no numbering, and a warning
    says so."""
    old = (REAL / "commonpaper-pilot-agreement.docx").read_bytes()
    parts = parts_of(old)
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(q("body"))
    p = [x for x in body.findall(q("p")) if "".join(t.text or "" for t in x.iter(q("t"))).strip()][6]
    ppr = p.find(q("pPr"))
    if ppr is None:
        ppr = etree.Element(q("pPr"))
        p.insert(0, ppr)
    for x in list(ppr):
        if x.tag in (q("pStyle"), q("numPr")):
            ppr.remove(x)
    etree.SubElement(ppr, q("pStyle")).set(q("val"), "OnlyInOld")
    num = etree.SubElement(ppr, q("numPr"))
    etree.SubElement(num, q("numId")).set(q("val"), "987")
    ppr.insert(0, ppr[-2])
    ppr.insert(1, ppr[-1])
    styles = etree.fromstring(parts["word/styles.xml"])
    st = etree.SubElement(styles, q("style"))
    st.set(q("type"), "paragraph")
    st.set(q("styleId"), "OnlyInOld")
    etree.SubElement(st, q("name")).set(q("val"), "Only In Old")
    old_parts = dict(parts)
    old_parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    old_parts["word/styles.xml"] = etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)
    body.remove(p)
    new_parts = dict(parts)
    new_parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    old_b, new_b = zip_parts(old_parts), zip_parts(new_parts)
    r = _compare(old_b, new_b)
    out = parts_of(r.docx)
    assert b'w:styleId="OnlyInOld"' in out["word/styles.xml"]
    assert b'w:val="987"' not in out["word/document.xml"]
    assert any("list 987" in w for w in r.warnings)
    assert _exact(proven(r.docx, old_b, new_b))
    assert schema_errors(r.docx, tmp_path / "d.docx") == 0


def _with_notes(data: bytes, notes: dict[str, str]) -> bytes:
    """A copy with footnotes (id → text), each referenced at the end of a body paragraph."""
    parts = parts_of(data)
    root = etree.fromstring(parts["word/document.xml"])
    fn = etree.fromstring(parts["word/footnotes.xml"])
    paras = [p for p in root.find(q("body")).findall(q("p")) if "".join(t.text or "" for t in p.iter(q("t"))).strip()]
    for k, (nid, text) in enumerate(sorted(notes.items())):
        run = etree.SubElement(paras[3 + 2 * k], q("r"))
        etree.SubElement(run, q("footnoteReference")).set(q("id"), nid)
        note = etree.SubElement(fn, q("footnote"))
        note.set(q("id"), nid)
        p = etree.SubElement(note, q("p"))
        etree.SubElement(etree.SubElement(p, q("r")), q("footnoteRef"))
        etree.SubElement(etree.SubElement(p, q("r")), q("t")).text = text
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["word/footnotes.xml"] = etree.tostring(fn, xml_declaration=True, encoding="UTF-8", standalone=True)
    return zip_parts(parts)


def test_footnotes_are_compared_as_their_own_story(tmp_path):
    base = (REAL / "commonpaper-pilot-agreement.docx").read_bytes()
    old = _with_notes(base, {"2": "The first note says this.", "3": "A second note to be deleted."})
    new = _with_notes(base, {"2": "The first note says that now."})
    r = _compare(old, new)
    result = proven(r.docx, old, new)
    assert result["word/footnotes.xml"]["accept"]["status"] == "exact", result["word/footnotes.xml"]
    assert result["word/footnotes.xml"]["reject"]["status"] == "exact", result["word/footnotes.xml"]
    assert _exact({"body": result["word/document.xml"]})
    assert any(c.address.startswith("footnote 2") and c.kind == "replace" for c in r.changes)
    assert any(c.kind == "delete" and c.address.startswith("footnote") for c in r.changes)
    # the deleted reference in the body points at the deleted note, kept under a fresh id
    body = etree.fromstring(parts_of(r.docx)["word/document.xml"])
    notes = etree.fromstring(parts_of(r.docx)["word/footnotes.xml"])
    ids = {n.get(q("id")) for n in notes}
    refs = [x.get(q("id")) for x in body.iter(q("footnoteReference"))]
    assert len(refs) == 2 and set(refs) <= ids and len(set(refs)) == 2
    assert schema_errors(r.docx, tmp_path / "fn.docx") == 0


def test_a_header_only_old_has_is_reported(tmp_path):
    old = (REAL / "commonpaper-pilot-agreement.docx").read_bytes()
    parts = parts_of(old)
    root = etree.fromstring(parts["word/document.xml"])
    for sect in root.iter(q("sectPr")):
        for ref in sect.findall(q("headerReference")):
            sect.remove(ref)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    r = _compare(old, zip_parts(parts))
    assert any("no counterpart" in w for w in r.warnings)
    assert any(c.kind == "delete" and c.address.startswith("header") for c in r.changes)


def test_same_inputs_give_the_same_bytes(real_pairs):
    old, new, r, _ = real_pairs["commonpaper-cloud-service-agreement.docx"]
    assert _compare(old, new).docx == r.docx


def test_cli_moves_and_json(tmp_path):
    import json

    from click.testing import CliRunner

    from secdocs.cli import main

    old_path, new_path, out = tmp_path / "old.docx", tmp_path / "new.docx", tmp_path / "r.docx"
    old_path.write_bytes((REAL / "commonpaper-data-processing-agreement.docx").read_bytes())
    new_path.write_bytes(_moved(old_path.read_bytes()))
    res = CliRunner().invoke(main, ["compare", str(old_path), str(new_path), "-o", str(out), "--moves", "--json",
                                    "--date", DATE])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    moved = [c for c in data["changes"] if c["kind"] == "move"]
    assert len(moved) == 1 and moved[0]["document"] == "new.docx" and moved[0]["new"]
    assert b"w:moveTo " in parts_of(out.read_bytes())["word/document.xml"]
    assert f'w:date="{DATE}"'.encode() in parts_of(out.read_bytes())["word/document.xml"]


def test_deleted_text_brings_its_relationships(tmp_path):
    """A deleted paragraph with a hyperlink whose relationship only OLD has: NEW gets the
    relationship (under a fresh id) and the deleted copy points at it."""
    base = (REAL / "commonpaper-pilot-agreement.docx").read_bytes()
    parts = parts_of(base)
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(q("body"))
    anchor = [x for x in body.findall(q("p")) if "".join(t.text or "" for t in x.iter(q("t"))).strip()][5]
    R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    p = etree.Element(q("p"))
    link = etree.SubElement(p, q("hyperlink"))
    link.set(R_ID, "rIdOnlyOld")
    etree.SubElement(etree.SubElement(link, q("r")), q("t")).text = "A link only the old version has"
    anchor.addnext(p)
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    rel = etree.SubElement(rels, "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship")
    rel.set("Id", "rIdOnlyOld")
    rel.set("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink")
    rel.set("Target", "https://example.org/only-old")
    rel.set("TargetMode", "External")
    old_parts = dict(parts)
    old_parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    old_parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8",
                                                               standalone=True)
    old = zip_parts(old_parts)
    r = _compare(old, base)
    out = parts_of(r.docx)
    new_rels = etree.fromstring(out["word/_rels/document.xml.rels"])
    targets = {x.get("Id"): x.get("Target") for x in new_rels}
    ids = [x.get(R_ID) for x in etree.fromstring(out["word/document.xml"]).iter(q("hyperlink"))]
    assert any(targets.get(i) == "https://example.org/only-old" for i in ids)
    assert _exact(proven(r.docx, old, base))
    assert schema_errors(r.docx, tmp_path / "rel.docx") == 0


def test_a_strict_or_bodiless_document_is_one_line_and_no_output(tmp_path):
    from click.testing import CliRunner

    from secdocs.cli import main

    data = (REAL / "yc-safe-post-money-valuation-cap.docx").read_bytes()
    parts = parts_of(data)
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main", b"http://purl.oclc.org/ooxml/wordprocessingml/main")
    strict, good = tmp_path / "strict.docx", tmp_path / "good.docx"
    strict.write_bytes(zip_parts(parts))
    good.write_bytes(data)
    out = tmp_path / "r.docx"
    res = CliRunner().invoke(main, ["compare", str(good), str(strict), "-o", str(out)])
    assert res.exit_code == 2 and "Strict Open XML" in res.output and "Traceback" not in res.output
    assert not out.exists()


def test_content_between_blocks_that_differs_is_said(tmp_path):
    """A construct compare does not mark (an altChunk here) that differs: a warning names it."""
    old = (REAL / "yc-safe-post-money-valuation-cap.docx").read_bytes()
    parts = parts_of(old)
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(q("body"))
    chunk = etree.Element(q("altChunk"))
    chunk.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", "rIdChunk")
    body.findall(q("p"))[3].addnext(chunk)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    r = _compare(old, zip_parts(parts))
    assert any("altChunk" in w and "not marked" in w for w in r.warnings), r.warnings
