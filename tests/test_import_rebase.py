"""``secdocs rebase``, MP185 and its release, and ``secdocs new``.

MP185's legal text v1.0 was drafted against SEC v46.0 (the bundled baselines); rebased onto
v47.0 (MP134A applied, built here once with the 4 October 2021 release) some operations carry,
one carries over a provision MP134A changed, and three conflict with MP134A. Its current legal
text (v2.0) is the resolved version the 17 November 2021 release applies.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from secdocs.amend.load import load_amendments
from secdocs.amend.rebase import rebase
from secdocs.cli import main
from secdocs.ooxml.read import read_docx

ROOT = Path(__file__).resolve().parents[1]
BASELINES = ROOT / "baselines"
MP185 = ROOT / "modifications" / "MP185"
V1 = "modifications/MP185/legal-text-v1.0"


def _runner(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def v47(tmp_path_factory) -> Path:
    """SEC v47.0: MP134A applied to the bundled v46.0 baselines (as the 4 October 2021 release
    does; a folder of .docx without a manifest, found by their covers)."""
    out = tmp_path_factory.mktemp("v47") / "build"
    result = _runner("apply", str(ROOT / "modifications" / "MP134A"), "--baselines", str(BASELINES), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_mp185_draft_rebases_with_clean_changed_and_conflicting_ops(v47, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "MP185-rebased"
    result = _runner("rebase", "modifications/MP185", "--legal-text-version", "1.0", "--onto", str(v47),
                     "-o", str(out))
    lines = result.output.splitlines()
    assert result.exit_code == 1 and not out.exists()
    assert f"carried: {V1}/section-A.toml:5 op 1 (insert_definition MPID)" in lines
    assert f"carried: {V1}/section-L.toml:43 op 5 (insert L3.20A)" in lines
    assert (f'carried, target changed: {V1}/section-A.toml:17 op 3 (amend_definition Shared Resource Provider):'
            f' words "holding Private Keys or operating User Systems on their beh…" found once in the newer text') in lines
    assert (f"carried, target changed: {V1}/section-L.toml:35 op 4 (insert L3.15): the provision it is placed"
            " against changed; the insertion does not depend on its words") in lines
    conflicts = [x for x in lines if x.startswith("secdocs: error: conflict:")]
    assert conflicts == [
        f"secdocs: error: conflict: {V1}/section-L.toml:6 op 1 (insert L1.15(g)): number L1.15(ga) is already taken",
        f"secdocs: error: conflict: {V1}/section-L.toml:14 op 2 (insert L1.16): number L1.16A is already taken",
        f'secdocs: error: conflict: {V1}/section-L.toml:27 op 3 (substitute L3.15): the newer baseline changed the'
        ' words "Where a Party ceases to be a Supplier Party" (not found)']
    at = lines.index(conflicts[2])
    base, newer, modified = lines[at + 1:at + 4]
    assert base.startswith("secdocs: error:   base:         Where a Party ceases to be a Supplier Party (whether"
                           " because its Energy Supply Licence")
    assert newer.startswith("secdocs: error:   newer:        [-Where-] {+Subject to Section L3.13A, where+}")
    assert "[-Energy-]" in newer
    assert modified.startswith("secdocs: error:   modification: [-Where-] {+Subject to Section L3.15A, where+}")
    taken = lines[lines.index(conflicts[0]) + 2]
    assert taken.startswith("secdocs: error:   newer:        L1.15(ga) to determine, following a SoLR Event")
    assert result.output.rstrip().endswith("secdocs: 3 conflicts; nothing written")


def test_write_conflicts_writes_them_noted(v47, tmp_path):
    out = tmp_path / "MP185-rebased"
    result = _runner("rebase", str(MP185), "--legal-text-version", "1.0", "--onto", str(v47), "-o", str(out),
                     "--write-conflicts")
    assert result.exit_code == 1 and "3 conflicts; written to" in result.output
    ops = load_amendments(out / "section-L.toml").ops
    assert [op.note.startswith("REBASE CONFLICT") for op in ops] == [True, True, True, False, False]
    a_ops = load_amendments(out / "section-A.toml").ops
    assert "(including, during a Continued Use Period" in a_ops[2].expect  # pin moved to the v47.0 text
    assert tomllib.loads((out / "modification.toml").read_text())["drafted_against_sec_version"] == "47.0"


def test_resolved_mp185_rebases_cleanly_onto_v47(v47, tmp_path):
    result = rebase(MP185, v47, baselines=v47)  # drafted against v47.0: nothing to move
    assert [o.status for o in result.outcomes] == ["carried"] * 8
    assert not result.conflicts and result.onto_version == "47.0"


def test_carried_over_changed_provision_then_applies(v47, tmp_path):
    """The rebased set (conflicts dropped by hand) applies to v47.0 without stale pins."""
    out = tmp_path / "rebased"
    _runner("rebase", str(MP185), "--legal-text-version", "1.0", "--onto", str(v47), "-o", str(out),
            "--write-conflicts")
    text = (out / "section-L.toml").read_text(encoding="utf-8")
    blocks = text.split("\n[[op]]\n")
    kept = [b for b in blocks[1:] if "REBASE CONFLICT" not in b]
    (out / "section-L.toml").write_text(blocks[0] + "".join("\n[[op]]\n" + b for b in kept), encoding="utf-8")
    result = _runner("apply", str(out), "--baselines", str(v47), "-o", str(tmp_path / "applied"))
    assert result.exit_code == 0, result.output
    assert "Section L 19.0 → 20.0, 2 operations" in result.output


def test_mp185_release_builds_twice_byte_identically(tmp_path):
    release = ROOT / "releases" / "2021-11-17-adhoc.toml"
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        result = _runner("release", "build", str(release), "-o", str(out))
        assert result.exit_code == 0, result.output
    files_a = {p.relative_to(a): p.read_bytes() for p in sorted(a.rglob("*")) if p.is_file()}
    files_b = {p.relative_to(b): p.read_bytes() for p in sorted(b.rglob("*")) if p.is_file()}
    assert files_a == files_b
    names = sorted(str(p) for p in files_a)
    assert "clean/section-L-v20.0.docx" in names and "clean/section-A-v33.0.docx" in names
    assert "legal-text/MP185-legal-text-v2.0.docx" in names
    doc = read_docx(a / "clean" / "section-L-v20.0.docx")
    assert (doc.version, doc.sec_version, doc.date) == ("20.0", "48.0", "2021-11-17")
    text = {loc: p.full_text for loc, p in _index(doc).items()}
    assert text["L3.15"].startswith("Subject to Sections L3.13A and L3.15A, where a Party ceases")
    assert "L1.16E" in text and "L1.15(gb)" in text and "L1.15(ga)" in text  # MP134A's kept, MP185's beside it
    notes = (a / "release-notes.md").read_text(encoding="utf-8")
    assert "MP185" in notes and "illustrative" in notes.lower()


def _index(doc):
    from secdocs.model.address import index
    return {k: v.provision for k, v in index(doc).items()}


# ---------------------------------------------------------------------------------------------
# secdocs new


def test_new_modification_applies_and_redlines_with_one_op(tmp_path):
    folder = tmp_path / "MP999"
    result = _runner("new", "MP999", "--title", "Clarify the period for returning tokens", "--document",
                     "Section M", "--baselines", str(BASELINES), "-o", str(folder))
    assert result.exit_code == 0, result.output
    data = tomllib.loads((folder / "modification.toml").read_text(encoding="utf-8"))
    assert set(data) == {"id", "title", "documents"}
    assert data["documents"] == [{"id": "Section M", "title": "General", "amendments": "section-M.toml"}]
    text = (folder / "modification.toml").read_text(encoding="utf-8")
    assert "# implementation_date" in text and "# [release]" in text
    with open(folder / "section-M.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[[op]]\nkind = "substitute"\ntarget = "M8.13"\nwords = "ten Working Days"\n'
                 'by = "five Working Days"\n')
    applied = _runner("apply", str(folder), "--baselines", str(BASELINES), "-o", str(tmp_path / "out"))
    assert applied.exit_code == 0, applied.output
    assert "Section M 9.0 → 10.0, 1 operations" in applied.output
    redlined = _runner("redline", str(folder), "--baselines", str(BASELINES), "-o", str(tmp_path / "red"))
    assert redlined.exit_code == 0, redlined.output
    assert "1 changes (tracked)" in redlined.output
    consult = _runner("consult", str(folder), "--stage", "refinement", "-o", str(tmp_path / "pack"))
    assert consult.exit_code == 1 and "proposer" in consult.output and not (tmp_path / "pack").exists()


def test_new_refuses_unknown_document_and_existing_folder(tmp_path):
    result = _runner("new", "MP998", "--title", "x", "--document", "Section Z", "--baselines", str(BASELINES),
                     "-o", str(tmp_path / "MP998"))
    assert result.exit_code == 1 and "no baseline for Section Z" in result.output
    assert not (tmp_path / "MP998").exists()
    (tmp_path / "MP997").mkdir()
    result = _runner("new", "MP997", "--title", "x", "--document", "Section M", "--baselines", str(BASELINES),
                     "-o", str(tmp_path / "MP997"))
    assert result.exit_code == 1 and "already exists" in result.output


def test_release_build_names_the_release_keys_it_needs(tmp_path):
    folder = tmp_path / "mods" / "MP996"
    assert _runner("new", "MP996", "--title", "x", "--document", "Section M", "--baselines", str(BASELINES),
                   "-o", str(folder)).exit_code == 0
    release = tmp_path / "r.toml"
    release.write_text(f'[release]\nname = "x"\nsec_version = "47.0"\nimplementation_date = 2021-12-01\n'
                       f'[baseline]\ndir = "{BASELINES}"\nsec_version = "46.0"\n'
                       f'[[modifications]]\nid = "MP996"\npath = "{folder}"\n', encoding="utf-8")
    result = _runner("release", "build", str(release), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "missing key 'implementation_date' (needed by secdocs release build)" in result.output


def test_whole_provision_ops_and_repeated_words_conflict():
    """A replace (or heading, delete) of a provision the newer baseline changed is a conflict;
    so are words the newer text now has twice."""
    from secdocs.amend.ops import Op, run
    from secdocs.amend.rebase import classify
    from secdocs.reader import read_document

    base = read_document(BASELINES / "section-L.docx")
    newer, _changes, errors = run(base, [Op.from_table({
        "kind": "substitute", "target": "L1.12", "words": "three months",
        "by": "three months, and at least once in every period of three months after a SoLR Event"})])
    assert not errors
    replace = Op.from_table({"kind": "replace", "target": "L1.12", "text": "The SMKI PMA shall meet monthly."},
                            index=1, file="x.toml", line=3)
    outcome = classify(base, newer, replace)
    assert outcome.lines()[0] == ("conflict: x.toml:3 op 1 (replace L1.12): the newer baseline changed the text"
                                  " this replace rewrites")
    assert outcome.lines()[3].startswith("  modification: The SMKI PMA shall meet [-as frequently")
    twice = Op.from_table({"kind": "substitute", "target": "L1.12", "words": "three months", "by": "two months"},
                          index=2, file="x.toml", line=9)
    assert classify(base, newer, twice).lines()[0] == (
        'conflict: x.toml:9 op 2 (substitute L1.12): the newer baseline changed the words "three months"'
        " (found 2 times)")
    same = Op.from_table({"kind": "substitute", "target": "L1.13", "words": "four", "by": "five"},
                         index=3, file="x.toml", line=15)
    assert classify(base, newer, same).lines() == ["carried: x.toml:15 op 3 (substitute L1.13)"]


def test_consult_needs_no_illustrative_label_when_not_illustrative(tmp_path):
    import shutil

    folder = tmp_path / "MP134A"
    shutil.copytree(ROOT / "modifications" / "MP134A", folder)
    toml = (folder / "modification.toml").read_text(encoding="utf-8")
    toml = toml.replace("illustrative = true", "illustrative = false")
    toml = "\n".join(line for line in toml.splitlines() if not line.startswith("illustrative_label"))
    (folder / "modification.toml").write_text(toml + "\n", encoding="utf-8")
    result = _runner("consult", str(folder), "--stage", "refinement", "--baselines", str(BASELINES),
                     "-o", str(tmp_path / "pack"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pack" / "consultation.docx").is_file()


def test_ops_on_what_earlier_ops_made(v47, tmp_path):
    """Ops may target what earlier ops of the set made: MP134A rebased onto its own baselines
    carries all 45; an op whose target came from a conflicting op conflicts and says so."""
    result = rebase(ROOT / "modifications" / "MP134A", BASELINES)
    assert len(result.outcomes) == 45 and {o.status for o in result.outcomes} == {"carried"}
    folder = tmp_path / "MP995"
    assert _runner("new", "MP995", "--title", "x", "--document", "Section L", "--baselines", str(BASELINES),
                   "-o", str(folder)).exit_code == 0
    with open(folder / "section-L.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[[op]]\nkind = "insert"\ntarget = "L1.16"\nnumber = "L1.16E"\ntext = "A new clause:"\n'
                 '\n[[op]]\nkind = "insert"\ntarget = "L1.16E"\nposition = "last"\ntext = "a paragraph."\n')
    lines = [line for o in rebase(folder, v47).outcomes for line in o.lines()[:1]]
    assert lines == [
        f"conflict: {folder}/section-L.toml:21 op 1"
        " (insert L1.16): number L1.16E does not sort between L1.16 and L1.16A; nothing is renumbered, so choose"
        " a number that does (e.g. a suffix)",
        f"conflict: {folder}/section-L.toml:27 op 2 (insert L1.16E): target L1.16E is made by an earlier operation"
        " of this set that conflicts"]
