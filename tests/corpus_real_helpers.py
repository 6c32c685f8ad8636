"""Compare the labels secdocs gives with ../shared/corpus-real/*.expected.json (LibreOffice's).

Each expectation lists the numbered paragraphs LibreOffice shows (``numbered``: label, level,
place ``B`` body or ``T:Table:Cell``, the first 80 characters of the text). The labels secdocs
gives are collected from the Document the reader makes, the way ``parse --json`` shows them:
every numbered provision (its ``label``), the numbered paragraphs of definitions (the meaning's
labels), and the paragraphs of other tables (whose automatic numbers are written into the cell
text). Paragraphs are matched by text: body paragraphs in document order, table paragraphs to
the first unused one with that text.

Where Word and LibreOffice are known to differ, the expected label is Word's (WORD_LABELS, each
with its reason); these are the documented exceptions of issue 9.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from secdocs.cli.read_cmds import shown_label
from secdocs.model import Document, Kind, iter_provisions, plain, walk

CORPUS_REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus-real"

# (file, LibreOffice paragraph index i) → Word's label, where LibreOffice is known to differ.
_NEVER_USED = ("a list that begins below its first level: Word shows the unused level as start - 1 ('0.1'), "
               "LibreOffice as its start value ('1.1')")
_DUPLICATE_STYLE = ("no paragraph before them is numbered in list 14, so Word shows (a)/(b); styles.xml "
                    "defines Heading2/Heading3 twice, the second time with numId 14, and LibreOffice lets "
                    "that move list 14 on by one (with the second definition's numPr removed it shows (a)/(b))")
WORD_LABELS: dict[tuple[str, int], tuple[str, str]] = {
    ("ccs-call-off-schedule-2-staff-transfer", 192): ("(a)", _DUPLICATE_STYLE),
    ("ccs-call-off-schedule-2-staff-transfer", 194): ("(b)", _DUPLICATE_STYLE),
}


def word_label(name: str, entry: dict) -> tuple[str, str | None]:
    """The label Word shows for an expected entry, and why it is not LibreOffice's (or None)."""
    if "label_word_expected" in entry:
        word = entry["label_word_expected"]
        return word, (None if word == entry["label"] else "isLgl: Word shows every level in arabic "
                      "numerals (docx4j's [expect] markers); LibreOffice ignores it")
    key = (name, entry["i"])
    if key in WORD_LABELS:
        return WORD_LABELS[key]
    if name == "ccs-joint-schedule-1-definitions" and entry["where"] == "B" and entry["label"].startswith("1."):
        # clauses 1.1 … 1.4 and 1.3.x: their list's level 0 is never used in the document
        return "0" + entry["label"][1:], _NEVER_USED
    return entry["label"], None


@dataclass
class Shown:
    """A paragraph as secdocs shows it: its label (None: the label is part of the text)."""

    label: str | None
    text: str
    used: bool = False


@dataclass
class Comparison:
    """The outcome for one file."""

    name: str
    total: int = 0
    right: int = 0
    lost: list[tuple] = field(default_factory=list)
    wrong: list[tuple] = field(default_factory=list)
    exceptions: list[tuple] = field(default_factory=list)  # (i, LibreOffice's label, Word's, why)


def _norm(text: str) -> str:
    return " ".join(text.split())


def shown_paragraphs(doc: Document) -> tuple[list[Shown], list[Shown]]:
    """(body paragraphs with labels, table paragraphs) as secdocs shows them."""
    body: list[Shown] = []
    tables: list[Shown] = []
    for _, p in walk(doc.provisions):
        if p.kind == Kind.TABLE:
            tables.extend(Shown(None, _norm(plain(para))) for row in p.rows for cell in row for para in cell)
            continue
        label = shown_label(p)
        if label is not None:
            body.append(Shown(label, _norm(p.heading_text if p.heading else p.own_text)))
        for definition in p.definitions:
            for q in iter_provisions(definition.meaning):
                tables.append(Shown(shown_label(q), _norm(q.full_text)))
    return body, tables


def compare(name: str, doc: Document, entries: list[dict]) -> Comparison:
    """Match every expected numbered paragraph with secdocs' and compare the labels."""
    body, tables = shown_paragraphs(doc)
    result = Comparison(name)
    pos = 0
    for entry in entries:
        result.total += 1
        want, why = word_label(name, entry)
        if why:
            result.exceptions.append((entry["i"], entry["label"], want, why))
        text = _norm(entry["text"])
        if entry["where"] == "B":
            found = next((j for j in range(pos, len(body)) if body[j].text.startswith(text)), None)
            if found is None:
                result.lost.append((entry["i"], want, text[:50]))
                continue
            pos = found + 1
            got = body[found].label
        else:
            got = _table_label(tables, want, text)
            if got is None:
                result.lost.append((entry["i"], want, text[:50]))
                continue
        if got == want:
            result.right += 1
        else:
            result.wrong.append((entry["i"], want, got, text[:50]))
    return result


def _table_label(tables: list[Shown], want: str, text: str) -> str | None:
    """The label of the first unused table paragraph with this text (a cell of an ordinary table
    shows the label in its text: "a) text")."""
    for shown in tables:
        if shown.used:
            continue
        if shown.label is not None and shown.text.startswith(text):
            shown.used = True
            return shown.label
        if shown.label is None and shown.text.startswith(f"{want} {text}"):
            shown.used = True
            return want
    return None


def expected(name: str) -> dict:
    return json.loads((CORPUS_REAL / f"{name}.expected.json").read_text(encoding="utf-8"))


def names() -> list[str]:
    return sorted(p.name[: -len(".expected.json")] for p in CORPUS_REAL.glob("*.expected.json"))
