"""Documents LibreOffice wrote: SEC-shaped files numbered by Word automatic numbering.

The fixtures are generated at test time from the specs in ``tests/fixtures_lo`` (flat ODF,
converted once per session with ``soffice --headless --convert-to docx`` in a fresh profile)
and every provision number the reader finds is checked against the spec. Skipped when
LibreOffice is not installed; CI installs it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from fixtures_lo.specs import APPENDIX_B, FIXTURES, SECTION_A, SECTION_L
from secdocs.model.address import flatten, full_label
from secdocs.model import Kind, walk
from secdocs.ooxml.read import read_docx, read_text_lines

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")]


@pytest.fixture(scope="session")
def lo_docx(tmp_path_factory) -> dict[str, Path]:
    """name → .docx written by LibreOffice from the fixture's flat ODF (one conversion run)."""
    work = tmp_path_factory.mktemp("libreoffice")
    sources = []
    for fixture in FIXTURES:
        src = work / f"{fixture.name}.fodt"
        src.write_text(fixture.fodt(), encoding="utf-8")
        sources.append(str(src))
    profile = (work / "profile").as_uri()
    proc = subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                           "--convert-to", "docx", "--outdir", str(work), *sources],
                          capture_output=True, text=True, timeout=180)
    out = {f.name: work / f"{f.name}.docx" for f in FIXTURES}
    missing = [name for name, path in out.items() if not path.is_file()]
    assert not missing, f"LibreOffice did not convert {missing}: {proc.stdout}\n{proc.stderr}"
    return out


def _numbers(doc) -> list[str]:
    return [row["number"] for row in flatten(doc) if row["number"]]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_every_provision_number(lo_docx, fixture):
    doc = read_docx(lo_docx[fixture.name])
    assert doc.scheme == fixture.scheme
    assert _numbers(doc) == fixture.expected_numbers()
    assert [str(w) for w in doc.warnings] == []


def test_section_tree(lo_docx):
    doc = read_docx(lo_docx[SECTION_L.name])
    assert (doc.id, doc.title) == ("Section L", "SMART METERING KEY INFRASTRUCTURE")
    assert [plain_front for plain_front in ("".join(r.text for r in p) for p in doc.front)] == \
        ["Representative text written for tests; not the official Smart Energy Code."]
    part = doc.provisions[0]
    assert (part.kind, part.number, part.heading_text) == (Kind.PART, "L1", "SMKI POLICY MANAGEMENT AUTHORITY")
    kinds = [(c.kind, c.number or c.heading_text) for c in part.children]
    assert kinds == [(Kind.CROSS_HEADING, "Establishment of the SMKI PMA"), (Kind.CLAUSE, "L1.1"),
                     (Kind.CLAUSE, "L1.2"), (Kind.CROSS_HEADING, "Duties of the SMKI PMA"),
                     (Kind.CLAUSE, "L1.3"), (Kind.CLAUSE, "L1.4")]
    l12 = part.children[2]
    assert [c.number for c in l12.children] == ["(a)", "(b)", "(c)"]
    assert [c.number for c in l12.children[1].children] == ["(i)", "(ii)", "(iii)"]
    assert [c.number for c in l12.children[1].children[1].children] == ["(A)", "(B)"]
    bold = [r for r in l12.children[1].children[1].children[0].text if r.bold]
    assert [r.text for r in bold] == ["SMKI PMA"]
    # "(i)" after "(h)" is the ninth letter, not a roman one
    l13 = part.children[4]
    assert [c.number for c in l13.children][7:9] == ["(h)", "(i)"]
    assert all(c.kind == Kind.PARAGRAPH and not c.children for c in l13.children)
    assert all(p.uid for _, p in walk(doc.provisions))


def test_policy_tree(lo_docx):
    doc = read_docx(lo_docx[APPENDIX_B.name])
    assert (doc.id, doc.scheme) == ("Appendix B", "policy")
    top = [(p.kind, p.number, p.heading_text) for p in doc.provisions]
    assert top == [(Kind.HEADING, "1", "INTRODUCTION"),
                   (Kind.HEADING, "2", "PUBLICATION AND REPOSITORY RESPONSIBILITIES"),
                   (Kind.HEADING, "3", "IDENTIFICATION AND AUTHENTICATION")]
    repositories = doc.provisions[1].children[0]
    assert [(c.kind, c.number) for c in repositories.children] == \
        [(Kind.TEXT, None), (Kind.HEADING, "2.1.1"), (Kind.HEADING, "2.1.2")]
    assert repositories.children[0].own_text == "No stipulation."


def test_definitions_table_with_lists_restarting_in_each_cell(lo_docx):
    doc = read_docx(lo_docx[SECTION_A.name])
    a11 = doc.provisions[0].children[0]
    assert (a11.kind, a11.number) == (Kind.CLAUSE, "A1.1")
    assert [d.term_text for d in a11.definitions] == list(SECTION_A.definitions)
    for definition in a11.definitions:
        labels = [full_label(path, p) for path, p in walk(definition.meaning) if p.number]
        assert labels == SECTION_A.definitions[definition.term_text], definition.term_text
        assert all(r.term and r.bold for r in definition.term)
        assert definition.uid == f"def:{definition.term_text}"
    law = next(d for d in a11.definitions if d.term_text == "Applicable Law")
    assert [(p.kind, p.number) for p in law.meaning] == [
        (Kind.TEXT, None), (Kind.PARAGRAPH, "(a)"), (Kind.PARAGRAPH, "(b)"), (Kind.PARAGRAPH, "(c)"),
        (Kind.TEXT, None)]
    assert law.meaning[-1].own_text == "in each case as in force from time to time."


def test_text_lines_of_a_libreoffice_file(lo_docx):
    lines = read_text_lines(lo_docx[SECTION_A.name], numbers=True)
    assert "A1.1\tIn this Code" in "\n".join(lines)
    assert "(b)\tany judgment, including:" in lines
    assert "(i)\tan order; and" in lines


# -- our own baselines, re-saved by LibreOffice --------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
RESAVED = ["section-A", "section-L", "appendix-B"]


@pytest.fixture(scope="session")
def lo_resaved(tmp_path_factory) -> dict[str, Path]:
    """Baselines opened and saved again as .docx by LibreOffice (which rewrites every part)."""
    sources = [ROOT / "baselines" / f"{name}.docx" for name in RESAVED]
    if not all(s.is_file() for s in sources):
        pytest.skip("baselines not built")
    work = tmp_path_factory.mktemp("libreoffice-resaved")
    subprocess.run([SOFFICE, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "docx", "--outdir", str(work / "out"), *map(str, sources)],
                   capture_output=True, text=True, timeout=180)
    return {name: work / "out" / f"{name}.docx" for name in RESAVED}


@pytest.mark.parametrize("name", RESAVED)
def test_baselines_resaved_by_libreoffice_read_the_same(lo_resaved, name):
    from secdocs.reader.source import read_source

    source = ROOT / "baselines" / "src" / f"{name}.sec.txt"
    if not source.is_file():
        pytest.skip("no text source")
    doc = read_docx(lo_resaved[name])
    assert doc == read_source(source)
    assert doc.warnings == []
