"""Property: for random documents with random changes, the tracked redline's accept-all and
reject-all views (computed by the independent oracle redline_views.py) equal the two versions
written clean, and the static rendering carries no revision at all."""

from __future__ import annotations

import importlib.util
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secdocs.model import Definition, Document, Kind, Provision, Run
from secdocs.ooxml.write import docx_bytes

from writer_helpers import DEL, INS, REDLINE_VIEWS, view

pytestmark = pytest.mark.skipif(not REDLINE_VIEWS.exists(), reason="redline_views.py not found")

WORDS = ["the", "Panel", "shall", "may", "SMKI", "PMA", "Party", "not", "revoke", "Certificate", "in", "writing"]
changes = st.sampled_from([None, None, INS, DEL])


@st.composite
def runs(draw, allow_change=True):
    out = []
    for _ in range(draw(st.integers(1, 3))):
        text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))) + " "
        out.append(Run(text, bold=draw(st.booleans()), change=draw(changes) if allow_change else None))
    return out


@st.composite
def paragraphs(draw, depth):
    labels = ["(a)", "(b)", "(c)"] if depth == 1 else ["(i)", "(ii)"]
    out = []
    for label in labels[: draw(st.integers(0, len(labels)))]:
        kids = draw(paragraphs(depth + 1)) if depth < 2 else []
        out.append(Provision(Kind.PARAGRAPH, label, text=draw(runs()), change=draw(changes), children=kids))
    if out and draw(st.booleans()):
        out.append(Provision(Kind.TEXT, text=draw(runs()), change=draw(changes)))
    return out


@st.composite
def documents(draw):
    clauses = []
    for n in range(1, draw(st.integers(1, 4)) + 1):
        definitions = []
        if draw(st.integers(0, 3)) == 0:
            for term in ["Alpha", "Beta", "Gamma"][: draw(st.integers(1, 3))]:
                definitions.append(Definition([Run(term, term=True)], [Provision(Kind.TEXT, text=draw(runs()))],
                                              change=draw(changes)))
        clauses.append(Provision(Kind.CLAUSE, f"X1.{n}", text=draw(runs()), change=draw(changes),
                                 children=draw(paragraphs(1)), definitions=definitions))
    part = Provision(Kind.PART, "X1", heading=draw(runs()), children=[
        Provision(Kind.CROSS_HEADING, heading=draw(runs())), *clauses])
    return Document(id="Section X", title="Random", version="1.0", date="2021-10-04", provisions=[part])


def _oracle():
    spec = importlib.util.spec_from_file_location("redline_views", REDLINE_VIEWS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ORACLE = _oracle() if REDLINE_VIEWS.exists() else None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents())
def test_accept_reject_views_match(doc, tmp_path):
    redline, original, modified = tmp_path / "r.docx", tmp_path / "o.docx", tmp_path / "m.docx"
    redline.write_bytes(docx_bytes(doc))
    original.write_bytes(docx_bytes(view(doc, "reject")))
    modified.write_bytes(docx_bytes(view(doc, "accept")))
    accept = ORACLE.compare_blocks(ORACLE.blocks_of(str(redline), "accept"), ORACLE.blocks_of(str(modified)))
    reject = ORACLE.compare_blocks(ORACLE.blocks_of(str(redline), "reject"), ORACLE.blocks_of(str(original)))
    assert accept["status"] != "FAIL", accept
    assert reject["status"] != "FAIL", reject


@settings(max_examples=15, deadline=None)
@given(doc=documents())
def test_static_has_no_revisions_and_same_text(doc):
    data = docx_bytes(doc, markup="static")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml")
    assert b"<w:ins " not in xml and b"<w:del " not in xml and b"w:delText" not in xml
    assert docx_bytes(doc, markup="static") == data
