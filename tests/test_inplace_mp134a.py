"""MP134A applied and redlined in place: on the bundled baselines and on the same baselines
re-saved by LibreOffice (other styles, other parts). The outputs are the baselines' own packages:
every part but the main document, the footer and the core properties byte-identical, every body
unit no operation targets C14N-equal and in order, accept-all = the clean document and reject-all
= the baseline (the shared oracle), LibreOffice's labels of the inserted and kept provisions the
intended numbers, and no schema error."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from inplace_helpers import ROOT, SOFFICE, allowed_texts, assert_only_targeted, labelled, lo_lines, soffice_convert
from redline_helpers import TOOLS, redline_views
from secdocs.address import assign_uids
from secdocs.amend.build import prepare, slug
from secdocs.cli import main
from secdocs.model import walk
from secdocs.ooxml.proof import package_diff
from secdocs.ooxml.read import read_docx

MP134A = ROOT / "modifications" / "MP134A"
BASELINES = ROOT / "baselines"
# the parts the version is recorded in (cover lines and history are in the main document)
META_PARTS = {"word/document.xml", "word/footer1.xml", "docProps/core.xml"}


def _run(tmp, baselines):
    clean, red = tmp / "clean", tmp / "redline"
    runner = CliRunner()
    for cmd, out in (("apply", clean), ("redline", red)):
        res = runner.invoke(main, [cmd, str(MP134A), "--baselines", str(baselines), "-o", str(out)])
        assert res.exit_code == 0, res.output
    return prepare(MP134A, baselines), clean, red


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return _run(tmp_path_factory.mktemp("bundled"), BASELINES)


@pytest.fixture(scope="module")
def resaved(tmp_path_factory):
    """The six baselines re-saved by LibreOffice (one run), with a manifest naming them."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    tmp = tmp_path_factory.mktemp("resaved")
    folder = tmp / "baselines"
    soffice_convert(sorted(BASELINES.glob("*.docx")), "docx", folder, tmp / "profile")
    manifest = json.loads((BASELINES / "manifest.json").read_text(encoding="utf-8"))
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result, clean, red = _run(tmp, folder)
    return result, clean, red, tmp


def _docs(result, clean, red):
    for o in result.outcomes:
        yield o, o.path, clean / f"{slug(o.id)}.docx", red / f"{slug(o.id)}-redline.docx"


def _check_package(result, clean, meta_parts):
    figures = {}
    for o, base, out, _ in _docs(result, clean, clean):
        diff = package_diff(base.read_bytes(), out.read_bytes())
        assert not diff.added_parts and not diff.removed_parts
        assert set(diff.changed_parts) <= meta_parts, diff.changed_parts
        assert_only_targeted(diff, allowed_texts(o.changes, o.baseline),
                             extra=("Version Date", o.baseline.date[:4]))
        assert diff.kept >= diff.units - len(o.changes.results) - 4
        figures[o.id] = (len(diff.identical_parts), diff.kept, diff.units)
    return figures


def test_bundled_parts_identical_and_untouched_units_kept(bundled):
    result, clean, _ = bundled
    figures = _check_package(result, clean, META_PARTS)
    assert len(figures) == 6


def test_resaved_parts_identical_and_untouched_units_kept(resaved):
    result, clean, _, _ = resaved
    # LibreOffice keeps the version in the footer's text and the core properties' keywords too
    figures = _check_package(result, clean, META_PARTS | {"word/footer1.xml", "word/footer2.xml"})
    assert len(figures) == 6


def _accept_reject(result, clean, red):
    rv = redline_views()
    for o, base, out, redline in _docs(result, clean, red):
        acc = rv.compare_blocks(rv.blocks_of(str(redline), "accept"), rv.blocks_of(str(out)))
        rej = rv.compare_blocks(rv.blocks_of(str(redline), "reject"), rv.blocks_of(str(base)))
        assert acc["status"] in ("exact", "ok-ws") and rej["status"] in ("exact", "ok-ws"), (o.id, acc, rej)


def test_bundled_accept_reject(bundled):
    _accept_reject(*bundled)


def test_resaved_accept_reject(resaved):
    _accept_reject(*resaved[:3])


def _flat(doc):
    out = []
    for path, p in walk(doc.provisions):
        out.append((len(path), p.kind.value, p.number, p.full_text))
        out.extend(("def", d.term_text, d.meaning_text) for d in p.definitions)
    return out


def test_bundled_reads_back_as_consolidated(bundled):
    result, clean, _ = bundled
    for o in result.outcomes:
        got = read_docx(clean / f"{slug(o.id)}.docx")
        want = copy.deepcopy(o.consolidated)
        assign_uids(want)
        assert got == want, o.id  # structure, text, formatting, cover, history


def test_resaved_reads_back_as_consolidated(resaved):
    result, clean, _, _ = resaved
    for o in result.outcomes:
        got = read_docx(clean / f"{slug(o.id)}.docx")
        assert _flat(got) == _flat(o.consolidated), o.id
        assert (got.version, got.sec_version, got.date) == (o.consolidated.version, o.consolidated.sec_version,
                                                           o.consolidated.date)
        assert got.history == o.consolidated.history


def test_resaved_libreoffice_labels(resaved):
    """LibreOffice shows every inserted provision with its intended number, "Not used" with the
    number it replaces, and every other numbered paragraph with the label it had."""
    result, clean, _, tmp = resaved
    files = {}
    for o, base, out, _ in _docs(result, clean, clean):
        files[f"{slug(o.id)}-base"], files[slug(o.id)] = base, out
    lines = lo_lines(files, tmp / "lo")
    inserted = 0
    for o in result.outcomes:
        before, after = labelled(lines[f"{slug(o.id)}-base"]), labelled(lines[slug(o.id)])
        for text, label in before.items():
            if text in after:
                assert after[text] == label, (o.id, text[:60])
        for r in o.changes.results:
            if r.kind != "insert" or "/" in r.address:  # unnumbered (a cross-heading): no label
                continue
            own = r.address[r.address.rfind("("):] if r.address.endswith(")") else r.address
            first = r.after.splitlines()[0]
            text = " ".join(first.split(" ", 1)[1].split()) if " " in first else ""
            hits = [lab for t, lab in after.items() if text and t == text]
            assert hits == [own], (o.id, r.address, hits)
            inserted += 1
        for r in o.changes.results:
            if r.kind == "delete":
                own = r.address[r.address.rfind("("):] if r.address.endswith(")") else r.address
                assert any(ln.strip().startswith(own) and "Not used" in ln for ln in lines[slug(o.id)]), r.address
    assert inserted >= 5


def test_outputs_have_no_schema_errors(bundled, resaved):
    files = [str(p) for r in (bundled, resaved[:3]) for d in r[1:3] for p in sorted(d.glob("*.docx"))]
    proc = subprocess.run([sys.executable, str(TOOLS / "docx_check.py"), "--no-lo", "--schema", "--compact", *files],
                          capture_output=True, text=True, timeout=600)
    report = json.loads(proc.stdout)
    bad = [(r["file"], r["errors"][:2]) for r in report["results"] if r["error_count"]]
    assert not bad and len(report["results"]) == 24


def test_same_inputs_same_bytes(bundled, tmp_path):
    result, clean, red = bundled
    again = _run(tmp_path, BASELINES)
    assert len(list(clean.glob("*.docx"))) == len(list(red.glob("*.docx"))) == 6  # the loops check something
    for name in sorted(p.name for p in clean.glob("*")):
        assert (again[1] / name).read_bytes() == (clean / name).read_bytes(), name
    for name in sorted(p.name for p in red.glob("*.docx")):
        assert (again[2] / name).read_bytes() == (red / name).read_bytes(), name
