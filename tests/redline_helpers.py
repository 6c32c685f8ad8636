"""Shared helpers for the redline / compare / legal-text tests (not a test module)."""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from secdocs.model.address import flatten
from secdocs.model import Definition, Document, HistoryEntry, Kind, Provision, Run, iter_definitions, iter_provisions

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SECDOCS_SHARED", ROOT.parent / "shared"))
TOOLS = SHARED / "tools"
CORPUS = SHARED / "corpus"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def text_rows(doc: Document, front: bool = True) -> list[tuple]:
    """A Document as text, provision by provision (number, kind, heading, text, depth), then its
    definitions (term, meaning). The paragraphs before the first provision (``front``) count as
    unnumbered text at the top (a reader may put a document's first paragraphs in either place);
    consecutive tables count as one table (Word shows them so); empty unnumbered paragraphs and
    whitespace at the ends of a paragraph are ignored."""
    rows = []
    leading = [{"number": None, "kind": "text", "heading": None, "text": "".join(r.text for r in p), "depth": 0}
               for p in doc.front] if front else []
    for row in leading + flatten(doc):
        t = (row["number"], row["kind"], (row["heading"] or "").strip(), (row["text"] or "").strip(), row["depth"])
        if t[1] == "text" and not t[2] and not t[3]:
            continue
        if row["kind"] == "table" and rows and rows[-1][1] == "table" and rows[-1][4] == row["depth"]:
            prev = rows.pop()
            t = (prev[0], "table", "", " | ".join(x for x in (prev[3], t[3]) if x), t[4])
        rows.append(t)
    defs = [(d.term_text, d.meaning_text.strip()) for _, d in iter_definitions(doc)]
    return rows + [("definition",) + d for d in defs]


def whole_text(doc: Document) -> list[tuple]:
    """The whole text of a Document, cover first: its id, title, versions and date, the rows of
    its version history, then :func:`text_rows` (the cover notes, provisions and definitions)."""
    cover = [("cover", name, getattr(doc, name)) for name in ("id", "title", "version", "sec_version", "date")]
    history = [("history", e.version, e.date, e.description, e.status, e.author) for e in doc.history]
    return cover + history + text_rows(doc)


def first_difference(got: list, want: list) -> str:
    for k, (g, w) in enumerate(zip(got, want)):
        if g != w:
            return f"at {k}: got {g!r}\n        want {w!r}"
    return f"lengths differ: got {len(got)}, want {len(want)}" + (
        f"; extra got {got[len(want):][:2]!r}" if len(got) > len(want) else f"; missing {want[len(got):][:2]!r}")


def docx_check_results(paths, *flags: str) -> list[dict]:
    """The shared checker (``docx_check.py``) on many files in one run: its per-file results."""
    proc = subprocess.run([sys.executable, str(TOOLS / "docx_check.py"), *map(str, paths), *flags],
                          capture_output=True, text=True, timeout=900)
    return json.loads(proc.stdout)["results"]


def docx_check(path: Path, *extra: str) -> dict:
    """Run the shared checker on a file; returns its result for that file."""
    return docx_check_results([path], *extra)[0]


def redline_views():
    """The shared accept/reject oracle, imported as a module."""
    spec = importlib.util.spec_from_file_location("redline_views", TOOLS / "redline_views.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def oracle_check(redline: Path, original: Path, modified: Path) -> dict:
    """``redline_views.py check REDLINE ORIGINAL MODIFIED`` as JSON (exit status folded in)."""
    proc = subprocess.run([sys.executable, str(TOOLS / "redline_views.py"), "check", str(redline), str(original),
                           str(modified)], capture_output=True, text=True, timeout=120)
    out = json.loads(proc.stdout)
    out["exit"] = proc.returncode
    return out


def have_soffice() -> bool:
    return shutil.which("soffice") is not None


# ---------------------------------------------------------------------------------------------
# random uid-keeping edits of a Document (the property tests)

def edit(doc: Document, choices: list[tuple[int, int, int]]) -> Document:
    """An edited copy of doc; each choice (what, which, how) is one edit; uids are kept for
    surviving provisions and new ones get fresh uids, as the amendment engine does.

    Besides provisions and definitions, edits change the cover (a metadata value, which may
    also go or come back), the cover notes and version-history rows (inserted, deleted,
    reworded) and the rows of ordinary tables (inserted, deleted, reworded; one row always
    stays, and the columns never change)."""
    from bench.generate import WORDS

    new = copy.deepcopy(doc)
    fresh = 0
    for what, which, how in choices:
        places = [(parent, i) for parent in _lists(new) for i in range(len(parent))]
        if not places:
            break
        parent, i = places[which % len(places)]
        p = parent[i]
        what %= 9
        words = [WORDS[(how * 7 + k) % len(WORDS)] for k in range(1 + how % 5)]
        if what == 1 and p.kind == Kind.TABLE:
            what = 8
        if what == 0 and (p.text or p.heading):  # change words
            target = "text" if p.text else "heading"
            ws = "".join(r.text for r in getattr(p, target)).split(" ")
            k = how % len(ws)
            ws[k:k + how % 3] = words
            setattr(p, target, [Run(" ".join(ws))])
        elif what == 1:  # insert a new provision after p
            fresh += 1
            parent.insert(i + 1, Provision(p.kind, (p.number + f"Z{fresh}") if p.number and not p.number.startswith("(")
                                           else (f"(z{fresh})" if p.number else None),
                                           text=[Run(" ".join(words) + ".")], uid=f"new{fresh}"))
        elif what == 2 and len(parent) > 1:  # delete p
            del parent[i]
        elif what == 3 and p.kind == Kind.CLAUSE:  # "Not used"
            p.text, p.children = [Run("Not used.")], []
        elif what == 4:  # a bold word
            if p.text:
                p.text = p.text + [Run(" " + words[0], bold=True)]
        elif what == 5:
            for holder in iter_provisions(new.provisions):
                if holder.definitions:
                    defs = holder.definitions
                    j = how % len(defs)
                    if how % 3 == 0 and len(defs) > 1:
                        del defs[j]
                    elif how % 3 == 1:
                        fresh += 1
                        defs.insert(j, Definition([Run(f"Aaa New Term {fresh}", bold=True, term=True)],
                                                  [Provision(Kind.TEXT, text=[Run("means " + " ".join(words) + ".")],
                                                             uid=f"new{fresh}m")], uid=f"new{fresh}"))
                    elif defs[j].meaning:
                        defs[j].meaning[0].text = defs[j].meaning[0].text + [Run(" " + " ".join(words))]
                    break
        elif what == 6:
            _edit_cover(new, which, how, words)
        elif what == 7:
            _edit_notes_and_history(new, which, how, words)
        elif what == 8:
            _edit_table_rows(new, which, how, words)
    return new


def _edit_cover(doc: Document, which: int, how: int, words: list[str]) -> None:
    """A metadata value changed, removed or given again."""
    name = ("version", "sec_version", "date", "title")[which % 4]
    if name == "date":
        value = f"20{10 + how % 20}-{1 + how % 12:02d}-{1 + how % 28:02d}"
    elif name == "title":
        value = " ".join(words).title()
    else:
        value = f"{1 + how % 97}.0"
    if how % 4 == 0:
        value = "" if getattr(doc, name) else value
    setattr(doc, name, value)


def _edit_notes_and_history(doc: Document, which: int, how: int, words: list[str]) -> None:
    k = how % 6
    sentence = " ".join(words).capitalize() + "."
    if k == 0:
        doc.front.insert(which % (len(doc.front) + 1), [Run(sentence)])
    elif k == 1 and doc.front:
        del doc.front[which % len(doc.front)]
    elif k == 2 and doc.front:
        note = doc.front[which % len(doc.front)]
        note.append(Run(" " + words[-1], italic=bool(how % 2)))
    elif k == 3:
        doc.history.insert(which % (len(doc.history) + 1), HistoryEntry(f"{how}.{which % 10}", "2021-10-04", sentence))
    elif k == 4 and doc.history:
        del doc.history[which % len(doc.history)]
    elif k == 5 and doc.history:
        doc.history[which % len(doc.history)].description += " " + words[0]


def _edit_table_rows(doc: Document, which: int, how: int, words: list[str]) -> None:
    tables = [q for q in iter_provisions(doc.provisions) if q.kind == Kind.TABLE and q.rows]
    if not tables:
        return
    t = tables[which % len(tables)]
    columns = max(len(r) for r in t.rows)
    k = how % 3
    if k == 0:
        t.rows.insert(which % (len(t.rows) + 1), [[[Run(words[c % len(words)] + f" {how}")]] for c in range(columns)])
    elif k == 1 and len(t.rows) > 1:
        del t.rows[which % len(t.rows)]
    else:
        row = t.rows[which % len(t.rows)]
        row[how % len(row)] = [[Run(" ".join(words))]]


def _lists(doc: Document):
    """Every list of sibling provisions (the top level, children, definition meanings)."""
    out = [doc.provisions]
    for p in iter_provisions(doc.provisions):
        if p.children:
            out.append(p.children)
    return out


def cover_blocks(doc: Document) -> int:
    """How many body blocks the writer puts before the first provision of ``doc`` (its cover),
    as the oracle counts them: the same document written without provisions."""
    from secdocs.ooxml.write import docx_bytes

    rv = redline_views()
    bare = copy.copy(doc)
    bare.provisions = []
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cover.docx"
        path.write_bytes(docx_bytes(bare))
        blocks = rv.blocks_of(str(path))
    if doc.history and blocks and blocks[-1] == "" and len(blocks) > 1 and blocks[-2].startswith("[ROW]"):
        blocks = blocks[:-1]  # the paragraph Word needs after a final table, absent when provisions follow
    return len(blocks)


def oracle_views(redline: Path, original: Path, modified: Path, skip: tuple[int, int, int] = (0, 0, 0)) -> dict:
    """The shared oracle's accept/reject comparison, leaving out the first ``skip`` blocks of the
    redline, the original and the modified file (their covers)."""
    rv = redline_views()
    acc = rv.compare_blocks(rv.blocks_of(str(redline), "accept")[skip[0]:], rv.blocks_of(str(modified))[skip[2]:])
    rej = rv.compare_blocks(rv.blocks_of(str(redline), "reject")[skip[0]:], rv.blocks_of(str(original))[skip[1]:])
    return {"accept": acc, "reject": rej, "ok": acc["status"] != "FAIL" and rej["status"] != "FAIL"}


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def expected_regions(docx: Path) -> dict[str, int]:
    """The insertions and deletions LibreOffice should report for a tracked .docx we wrote.

    LibreOffice keeps one "changed region" for a stretch of text that is inserted (or deleted)
    by one author without anything unchanged in between, so a run of consecutive revisions of
    the same kind — an inserted paragraph's text, its paragraph mark, the next inserted
    paragraph... — is one region. This walks the body in reading order (runs, then each
    paragraph's mark; table cells in order) and counts maximal stretches of ins and of del.
    A region never crosses a table cell's edge (each cell is its own text in LibreOffice), and a
    table-row revision (w:trPr) is not a region of its own: the row's cells carry its text.
    """
    import zipfile

    from lxml import etree

    q = lambda t: f"{{{W_NS}}}{t}"  # noqa: E731
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    states: list[str | None] = []
    cell = None
    for p in root.iter(q("p")):
        here = next((a for a in p.iterancestors(q("tc"))), None)
        if here is not cell:
            states.append("|")  # a cell edge ends any region
            cell = here
        for child in p:
            if child.tag in (q("ins"), q("del")):
                if any((t.text or "") for t in child.iter(q("t"), q("delText"))) or child.find(f".//{q('tab')}") is not None:
                    states.append("ins" if child.tag == q("ins") else "del")
            elif child.tag == q("r"):
                if any((t.text or "") for t in child.iter(q("t"))) or child.find(q("tab")) is not None:
                    states.append(None)
        mark = p.find(f"{q('pPr')}/{q('rPr')}")
        if mark is not None and mark.find(q("ins")) is not None:
            states.append("ins")
        elif mark is not None and mark.find(q("del")) is not None:
            states.append("del")
        else:
            states.append(None)
    out = {"insertion": 0, "deletion": 0}
    prev = None
    for s in states:
        if s != prev and s in ("ins", "del"):
            out["insertion" if s == "ins" else "deletion"] += 1
        prev = s
    return out


def empty_paragraph_spots(docx: Path) -> bool:
    """Whether the body has a place where a view keeps an empty paragraph that the plain
    rendering lacks, as the oracle (and Word) resolve revisions: a paragraph whose mark is
    inserted or deleted right before a table (a paragraph cannot join a table, so in the view
    where it goes an empty paragraph stays), a table all of whose rows are inserted or deleted
    ending the body (Word needs a paragraph after a final table) or next to another table (a
    table whose columns changed: the writer separates two tables with an empty paragraph)."""
    import zipfile

    from lxml import etree

    q = lambda t: f"{{{W_NS}}}{t}"  # noqa: E731
    body = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml")).find(q("body"))
    blocks = [b for b in body if b.tag in (q("p"), q("tbl"))]
    for block, nxt in zip(blocks, blocks[1:]):
        if block.tag == q("p") and nxt.tag == q("tbl") and block.find(f"{q('pPr')}/{q('rPr')}/{q('ins')}") is not None:
            return True
        if block.tag == q("p") and nxt.tag == q("tbl") and block.find(f"{q('pPr')}/{q('rPr')}/{q('del')}") is not None:
            return True
    def whole(tbl) -> bool:
        rows = tbl.findall(q("tr"))
        return bool(rows) and all(r.find(f"{q('trPr')}/{q('ins')}") is not None
                                  or r.find(f"{q('trPr')}/{q('del')}") is not None for r in rows)

    for a, gap, b in zip(blocks, blocks[1:], blocks[2:]):
        if a.tag == b.tag == q("tbl") and gap.tag == q("p") and (whole(a) or whole(b)):
            return True
    return len(blocks) >= 2 and blocks[-2].tag == q("tbl") and whole(blocks[-2])
