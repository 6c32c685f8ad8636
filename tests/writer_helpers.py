"""Helpers for the writer tests (test_write_*.py, test_roundtrip.py); not a test module."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from lxml import etree

from secdocs.model import Change, Definition, Document, HistoryEntry, Kind, Provision, Run
from secdocs.render.redline import view  # noqa: F401  (re-exported: the library's accept/reject view)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SECDOCS_SHARED", ROOT.parent / "shared"))
DOCX_CHECK = SHARED / "tools" / "docx_check.py"
REDLINE_VIEWS = SHARED / "tools" / "redline_views.py"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}

INS = Change("ins", "MP134A", "2021-10-01")
DEL = Change("del", "MP134A", "2021-10-01")


def part(data: bytes, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def check(path: Path, *options: str) -> dict:
    """Run the independent checker on one file and return its result for that file."""
    proc = subprocess.run([sys.executable, str(DOCX_CHECK), str(path), "--compact", "--quiet", *options],
                          capture_output=True, text=True, timeout=300)
    report = json.loads(proc.stdout)
    return report["results"][0]


def have_soffice() -> bool:
    return shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


def redline_sample() -> Document:
    """A small Section with every kind of change the writer renders."""
    return Document(
        id="Section X", title="Redline Sample", version="3.0", sec_version="47.0", date="2021-10-04",
        front=[[Run("Representative text written for the secdocs project; not the official SEC.")]],
        history=[HistoryEntry("2.0", "2021-06-24", "Representative earlier version.")],
        provisions=[Provision(Kind.PART, "X1", heading=[Run("GENERAL "), Run("MATTERS", change=DEL),
                                                        Run("PROVISIONS", change=INS)], children=[
            Provision(Kind.CROSS_HEADING, heading=[Run("Establishment")]),
            Provision(Kind.CLAUSE, "X1.1", text=[Run("The Panel "), Run("may", change=DEL),
                                                 Run("shall", change=INS), Run(" establish the "),
                                                 Run("SMKI PMA", bold=True), Run(".")], children=[
                Provision(Kind.PARAGRAPH, "(a)", text=[Run("the Chair;")]),
                Provision(Kind.PARAGRAPH, "(b)", text=[Run("the members; and")], change=DEL),
                Provision(Kind.PARAGRAPH, "(c)", text=[Run("the alternates;")], change=INS, children=[
                    Provision(Kind.PARAGRAPH, "(i)", text=[Run("as the Panel decides,")])]),
                Provision(Kind.TEXT, text=[Run("provided that no person holds two offices.")]),
            ]),
            Provision(Kind.CLAUSE, "X1.1A", text=[Run("The SMKI PMA may revoke a Certificate.")], change=INS),
            Provision(Kind.CLAUSE, "X1.2", text=[Run("Not used.")], change=DEL),
            Provision(Kind.CLAUSE, "X1.3", text=[Run("In this Section:")], definitions=[
                Definition([Run("Alpha", term=True)], [Provision(Kind.TEXT, text=[Run("means a.")])]),
                Definition([Run("Beta", term=True)], [Provision(Kind.TEXT, text=[Run("means b:")]),
                                                      Provision(Kind.PARAGRAPH, "(a)", text=[Run("one;")])],
                           change=INS),
                Definition([Run("Gamma", term=True)], [Provision(Kind.TEXT, text=[Run("means g.")])], change=DEL),
                Definition([Run("Delta", term=True)], [Provision(Kind.TEXT, text=[
                    Run("means "), Run("the", change=DEL), Run("a", change=INS), Run(" d.")])]),
            ]),
            Provision(Kind.CLAUSE, "X1.4", text=[Run("The last clause.")]),
        ])],
    )


