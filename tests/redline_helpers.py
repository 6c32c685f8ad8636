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

from secdocs.address import flatten
from secdocs.model import Definition, Document, Kind, Provision, Run, iter_definitions, iter_provisions

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


def first_difference(got: list, want: list) -> str:
    for k, (g, w) in enumerate(zip(got, want)):
        if g != w:
            return f"at {k}: got {g!r}\n        want {w!r}"
    return f"lengths differ: got {len(got)}, want {len(want)}" + (
        f"; extra got {got[len(want):][:2]!r}" if len(got) > len(want) else f"; missing {want[len(got):][:2]!r}")


def docx_check(path: Path, *extra: str) -> dict:
    """Run the shared checker on a file; returns its result for that file."""
    proc = subprocess.run([sys.executable, str(TOOLS / "docx_check.py"), str(path), *extra],
                          capture_output=True, text=True, timeout=600)
    report = json.loads(proc.stdout)
    return report["results"][0]


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
    surviving provisions and new ones get fresh uids, as the amendment engine does."""
    from bench.generate import WORDS

    new = copy.deepcopy(doc)
    fresh = 0
    for what, which, how in choices:
        places = [(parent, i) for parent in _lists(new) for i in range(len(parent))]
        if not places:
            break
        parent, i = places[which % len(places)]
        p = parent[i]
        what %= 6
        words = [WORDS[(how * 7 + k) % len(WORDS)] for k in range(1 + how % 5)]
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
    return new


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
