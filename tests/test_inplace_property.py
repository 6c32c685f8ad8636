"""Property: random valid operations edited in place into a bundled baseline's own package never
change a part or a body unit (paragraph, table row) they do not target, and the edited package
reads back as the amended document."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, example, given, settings

from amend_helpers import BASELINES, baseline
from inplace_helpers import allowed_texts, assert_only_targeted
from secdocs.amend.ops import Op, run
from secdocs.baselines import find_baseline
from secdocs.model import walk
from secdocs.ooxml.inplace import edit_package
from secdocs.ooxml.proof import package_diff
from secdocs.ooxml.read import read_docx
from test_amend_properties import amendment_sets


def _flat(doc):
    return [(len(path), p.kind.value, p.number, " ".join(p.full_text.split())) for path, p in walk(doc.provisions)]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=amendment_sets())
# found in CI: M3.4 opens with a quote ('"Force Majeure" means …') and was taken for a definition line
@example(case=("Section M", [Op(kind="substitute", target="M3.4", params={"words": "Code", "by": "a"},
                                expect=None, note="", index=1, file="t.toml", line=10)]))
def test_random_ops_in_place_change_only_their_targets(case, tmp_path_factory):
    doc_id, amendments = case
    path = find_baseline(BASELINES, doc_id)
    doc = baseline(doc_id)  # read from the same .docx (cached)
    assert path.suffix == ".docx"
    new, changes, errors = run(doc, amendments)
    assume(not errors)
    data = path.read_bytes()
    edited = edit_package(data, doc, new, str(path), doc_id)
    diff = package_diff(data, edited.docx)
    assert diff.changed_parts in ([], ["word/document.xml"])
    assert not diff.added_parts and not diff.removed_parts
    assert_only_targeted(diff, allowed_texts(changes, doc))
    out = tmp_path_factory.mktemp("prop") / "out.docx"
    out.write_bytes(edited.docx)
    assert _flat(read_docx(out)) == _flat(new)


def test_nothing_applied_changes_nothing():
    """The baseline edited into itself is the baseline: every part byte-identical."""
    from inplace_helpers import CORPUS_REAL, REAL

    files = [find_baseline(BASELINES, doc_id) for doc_id in ("Section A", "Appendix B")]
    files += [CORPUS_REAL / name for name, _ in list(REAL.values())[:2] if (CORPUS_REAL / name).is_file()]
    for path in files:
        doc = read_docx(path)
        data = path.read_bytes()
        diff = package_diff(data, edit_package(data, doc, doc, str(path)).docx)
        assert not diff.changed_parts and not diff.added_parts and diff.kept == diff.units, path.name


def test_a_baseline_with_tracked_changes_is_edited_accepted_and_says_so():
    import pytest

    from inplace_helpers import CORPUS_REAL

    path = CORPUS_REAL / "oxpt-RA001-tracked-revisions.docx"
    if not path.is_file():
        pytest.skip("corpus-real is not there")
    doc = read_docx(path)
    edited = edit_package(path.read_bytes(), doc, doc, str(path), "RA001")
    assert edited.notes[0].startswith("RA001: the baseline's ") and "were accepted" in edited.notes[0]
    assert edited.changed_parts == ["word/document.xml"]
    from secdocs.ooxml.revisions import has_revisions
    from secdocs.ooxml.package import read_package
    assert not has_revisions(read_package(edited.docx, "out").xml("word/document.xml"))


def test_apply_says_where_the_version_went(tmp_path):
    """The command line shows each edited document's notes (the report keeps them too)."""
    from click.testing import CliRunner

    from inplace_helpers import CORPUS_REAL, MPX1, real_baselines
    from secdocs.cli import main

    if not CORPUS_REAL.is_dir():
        import pytest
        pytest.skip("corpus-real is not there")
    res = CliRunner().invoke(main, ["apply", str(MPX1), "--baselines", str(real_baselines(tmp_path / "b")),
                                    "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert "  Common Paper DPA: the document states no version of its own; version 2.0 (from 1.1) is recorded " \
           "only in the report" in res.output
