"""Word in, Word out, proven on documents: MP134A applied and redlined in place on the bundled
baselines and on the same baselines re-saved by LibreOffice (other styles, other parts), and the
illustrative MPX1 sets (tests/data/inplace/) on three real contracts Word wrote
(../shared/corpus-real/), every op kind used.

For each output: every part but those the new version is recorded in (main document, footer, core
properties; a real contract keeps no version, so only the main document, and the numbering part
where a new definition opens a list of its own) byte-identical; every body unit no operation
targets C14N-equal and in order; accept-all = the clean document and reject-all = the baseline
(the shared oracle); the clean document reads back as the consolidated one; LibreOffice shows the
intended numbers, automatic ones included, and renumbers nothing; no schema error; the same
inputs give the same bytes. LibreOffice and the schema checker run once for all documents."""

from __future__ import annotations

import copy
import json

import pytest
from click.testing import CliRunner

from inplace_helpers import (CORPUS_REAL, MPX1, ROOT, SOFFICE, allowed_texts, assert_only_targeted, labelled,
                             lo_lines, norm, real_baselines, soffice_convert)
from redline_helpers import docx_check_results, redline_views
from secdocs.model.address import assign_uids
from secdocs.amend.prepare import clean_docx, prepare
from secdocs.workspace import document_slug as slug
from secdocs.cli import main
from secdocs.model import walk
from secdocs.ooxml.proof import package_diff
from secdocs.ooxml.read import read_docx

MP134A = ROOT / "modifications" / "MP134A"
BASELINES = ROOT / "baselines"
# the parts the version is recorded in (cover lines and history are in the main document)
META_PARTS = {"word/document.xml", "word/footer1.xml", "docProps/core.xml"}
needs_lo = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
needs_real = pytest.mark.skipif(not CORPUS_REAL.is_dir(), reason="../shared/corpus-real is not there")


def _run(tmp, mod, baselines):
    clean, red = tmp / "clean", tmp / "redline"
    runner = CliRunner()
    for cmd, out in (("apply", clean), ("redline", red)):
        res = runner.invoke(main, [cmd, str(mod), "--baselines", str(baselines), "-o", str(out)])
        assert res.exit_code == 0, res.output
    return prepare(mod, baselines), clean, red


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return _run(tmp_path_factory.mktemp("bundled"), MP134A, BASELINES)


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
    return _run(tmp, MP134A, folder)


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    if not CORPUS_REAL.is_dir():
        pytest.skip("../shared/corpus-real is not there")
    tmp = tmp_path_factory.mktemp("real")
    return _run(tmp, MPX1, real_baselines(tmp / "baselines"))


def _docs(result, clean, red):
    for o in result.outcomes:
        yield o, o.path, clean / f"{slug(o.id)}.docx", red / f"{slug(o.id)}-redline.docx"


def _check_package(result, clean, meta_parts):
    for o, base, out, _ in _docs(result, clean, clean):
        diff = package_diff(base.read_bytes(), out.read_bytes())
        assert not diff.added_parts and not diff.removed_parts
        assert set(diff.changed_parts) <= meta_parts, (o.id, diff.changed_parts)
        assert_only_targeted(diff, allowed_texts(o.changes, o.baseline), extra=("Version Date", o.baseline.date[:4]))
        assert diff.kept >= diff.units - len(o.changes.results) - 4, (o.id, diff.kept, diff.units)


def test_bundled_parts_identical_and_untouched_units_kept(bundled):
    _check_package(bundled[0], bundled[1], META_PARTS)


def test_resaved_parts_identical_and_untouched_units_kept(resaved):
    # LibreOffice keeps the version in the footer's text and the core properties' keywords too
    _check_package(resaved[0], resaved[1], META_PARTS | {"word/footer2.xml"})


@needs_real
def test_real_only_the_main_document_changes(real):
    result, clean, _ = real
    for o, base, out, _ in _docs(result, clean, clean):
        diff = package_diff(base.read_bytes(), out.read_bytes())
        own_list = ["word/numbering.xml"] if o.id == "CCS Joint Schedule 1" else []
        assert diff.changed_parts == ["word/document.xml"] + own_list, (o.id, diff.changed_parts)
    _check_package(result, clean, {"word/document.xml", "word/numbering.xml"})
    report = json.loads((clean / "report.json").read_text(encoding="utf-8"))
    assert all("recorded only in the report" in d["notes"][0] for d in report["documents"])
    assert {d["id"]: d["version"] for d in report["documents"]} == {
        "CCS Joint Schedule 1": "2.0", "Common Paper DPA": "2.0", "CCS Call-Off Schedule 9": "2.0"}


@needs_real
def test_real_every_op_kind_is_used(real):
    result = real[0]
    kinds = {r.kind for o in result.outcomes for r in o.changes.results}
    assert kinds == {"insert", "delete", "replace", "substitute", "insert_text", "delete_text", "insert_definition",
                     "amend_definition", "delete_definition", "heading"}
    assert all(3 <= len(o.changes.results) <= 8 for o in result.outcomes)


@pytest.mark.parametrize("which", ["bundled", "resaved", "real"])
def test_accept_reject(which, request):
    result, clean, red = request.getfixturevalue(which)
    rv = redline_views()
    for o, base, out, redline in _docs(result, clean, red):
        acc = rv.compare_blocks(rv.blocks_of(str(redline), "accept"), rv.blocks_of(str(out)))
        rej = rv.compare_blocks(rv.blocks_of(str(redline), "reject"), rv.blocks_of(str(base)))
        assert (acc["status"], rej["status"]) == ("exact", "exact"), (o.id, acc, rej)


def _flat(doc):
    out = []
    for path, p in walk(doc.provisions):
        out.append((len(path), p.kind.value, p.number, norm(p.full_text)))
        out.extend(("def", d.term_text, norm(d.meaning_text)) for d in p.definitions)
    return out


def test_bundled_reads_back_as_consolidated(bundled):
    result, clean, _ = bundled
    for o in result.outcomes:
        got = read_docx(clean / f"{slug(o.id)}.docx")
        want = copy.deepcopy(o.consolidated)
        assign_uids(want)
        assert got == want, o.id  # structure, text, formatting, cover, history


@pytest.mark.parametrize("which", ["resaved", "real"])
def test_reads_back_as_consolidated(which, request):
    result, clean, _ = request.getfixturevalue(which)
    for o in result.outcomes:
        got = read_docx(clean / f"{slug(o.id)}.docx")
        assert _flat(got) == _flat(o.consolidated), o.id
        if which == "resaved":
            assert (got.version, got.sec_version, got.date, got.history) == (
                o.consolidated.version, o.consolidated.sec_version, o.consolidated.date, o.consolidated.history)


# what LibreOffice shows for each provision MPX1 inserts or makes "Not used": typed numbers with
# the list's numbering off, or the list's own next number (0.3.12 appended: LibreOffice counts that
# list from 1 where Word shows 0, for the whole list alike), or a new instance of a list
REAL_LABELS = {
    "CCS Joint Schedule 1": {"references to a day are to a calendar day;": "0.3.5A",
                             "references to a document are to that document as varied from time to time.": "1.3.12",
                             "each Contract Year; and": "a)", "any shorter period the Buyer names.": "b)"},
    "Common Paper DPA": {"Provider will keep a list of its Subprocessors and give it to Customer on request.": "(ba)",
                         "Not used.": "(c)"},
    "CCS Call-Off Schedule 9": {"is reviewed at least once in every Contract Year;": "2.2.2A", "Not used.": "(c)"},
}


def _own(address: str) -> str:
    return address[address.rfind("("):] if address.endswith(")") else address


@needs_lo
@needs_real
def test_libreoffice_labels(resaved, real, tmp_path):
    """LibreOffice (one run for all 18 files) shows every inserted provision with its intended
    number, "Not used" with the number it replaces, and every other numbered paragraph with the
    label it had."""
    files = {}
    for which, (result, clean, _) in (("resaved", resaved), ("real", real)):
        for o, base, out, _ in _docs(result, clean, clean):
            files[f"{which}-{slug(o.id)}-base"], files[f"{which}-{slug(o.id)}"] = base, out
    lines = lo_lines(files, tmp_path)
    for which, (result, _, _) in (("resaved", resaved), ("real", real)):
        for o in result.outcomes:
            name = f"{which}-{slug(o.id)}"
            before, after = labelled(lines[f"{name}-base"]), labelled(lines[name])
            kept = [t for t in before if t in after]
            assert len(kept) > 20
            for text in kept:
                assert after[text] == before[text], (o.id, text[:60])  # nothing renumbered
            expected = dict(REAL_LABELS.get(o.id, {}))
            for r in o.changes.results:
                if r.kind == "insert" and "/" not in r.address:  # unnumbered (a cross-heading): no label
                    first = r.after.splitlines()[0]
                    expected.setdefault(norm(first.split(" ", 1)[1]), _own(r.address))
                elif r.kind == "delete":
                    assert any(ln.strip().startswith(_own(r.address)) and "Not used" in ln for ln in lines[name])
            for text, label in expected.items():
                if text != "Not used.":
                    assert after.get(text) == label, (o.id, text, after.get(text))
    assert [ln.strip() for ln in lines["real-ccs-Call-Off-Schedule-9"] if "Not used." in ln] == ["(c) Not used."]


def test_outputs_have_no_schema_errors(bundled, resaved, real):
    files = [str(p) for r in (bundled, resaved, real) for d in r[1:3] for p in sorted(d.glob("*.docx"))]
    results = docx_check_results(files, "--no-lo", "--schema", "--compact")
    bad = [(r["file"], r["errors"][:2]) for r in results if r["error_count"]]
    assert not bad and len(results) == len(files) == 30


def test_same_inputs_same_bytes(bundled):
    """Each clean document and redline made again from the same inputs: the same bytes."""
    from secdocs.workflow.redline import redline_set

    result, clean, red = bundled
    for o in prepare(MP134A, BASELINES).outcomes[:2]:
        assert clean_docx(o, "") == (clean / f"{slug(o.id)}.docx").read_bytes(), o.id
    again = redline_set(MP134A, baselines=BASELINES)
    for d in again.documents[:2]:
        assert d.data == (red / d.name).read_bytes(), d.name
