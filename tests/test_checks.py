"""Integrity checks (secdocs.checks, ``secdocs check``): planted faults of every kind found at the
right address; the bundled baselines clean; MP134A's own findings; the hooks in release build.

The planted sets are the bundled text sources (baselines/src/*.sec.txt) copied into a temporary
folder and edited there, so every fault sits in real drafting among real references."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from secdocs.amend.ops import run
from secdocs.amend.load import load_amendments
from secdocs.checks import check_set, run_checks
from secdocs.checks.load import CheckConfig, load_set, read_config
from secdocs.cli import main
from secdocs.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
BASELINES = ROOT / "baselines"
MP134A = ROOT / "modifications" / "MP134A"

# (file, old text, new text): each a fault of one kind
PLANTED = [
    # references
    ("section-L", re.compile(r"^L1\.11 .*$", re.M), "L1.11 Not used."),
    ("section-L", "Sections L1.4(b) to L1.4(d)", "Sections L1.4(d) to L1.4(b)"),
    ("section-L", "may be re-appointed at the end of that term.",
     "may be re-appointed at the end of that term in accordance with Section L1.99."),
    ("section-L", "not less than once in every period of three months.",
     "not less than once in every period of three months (as L11.5 - L11.99 also require)."),
    ("section-L", "of whom one shall be the SMKI PMA Chair",
     "of whom (as Part 4.9.99 of the Organisation Certificate Policy requires) one shall be the SMKI PMA Chair"),
    ("section-L", "shall have a casting vote in the event of a tie.",
     "shall have a casting vote in the event of a tie, as Appendix B (Device Certificate Policy) provides."),
    ("section-L", "The SMKI PMA Chair shall be appointed for a term of three years",
     "Subject to paragraph (z), the SMKI PMA Chair shall be appointed for a term of three years"),
    ("section-L", "All costs and expenses reasonably incurred",
     "Subject to this Section L1.99, all costs and expenses reasonably incurred"),
    ("section-A", "Section M3.5 (Force Majeure)", "Section M3.5 (Acts of God)"),
    # terms
    ("appendix-B", "revokes Organisation Certificates", "revokes Organization Certificates"),
    ("section-L", "generate the Private Key associated", "generate the Private key associated"),
    ("appendix-B", "(iv) **OCA Systems** means", "(iv) **Private Key** means"),
    ("section-A", "\n= Alert\n", "\n= Zebra Alert\n"),
    # numbering
    ("section-L", re.compile(r"^(L1\.20 .*)$", re.M), r"\1\nL1.20 A second clause with the same number."),
    ("section-L", re.compile(r"^L1\.18 ", re.M), "L1.19A "),
    ("section-M", re.compile(r"^M3\.7 ", re.M), "M3.9 "),
    ("section-L", re.compile(r"^(L1\.21 .*)$", re.M), r"\1\nL1.21A The SMKI PMA may publish guidance."),
]


def _copy(tmp: Path, edits=(), partial: bool = True) -> Path:
    folder = tmp / "baselines"
    (folder / "src").mkdir(parents=True)
    for src in sorted((BASELINES / "src").glob("*.sec.txt")):
        text = src.read_text(encoding="utf-8")
        for name, old, new in edits:
            if src.name == f"{name}.sec.txt":
                before = text
                text = old.sub(new, text) if isinstance(old, re.Pattern) else text.replace(old, new)
                assert text != before, f"planting {old!r} changed nothing"
        (folder / "src" / src.name).write_text(text, encoding="utf-8")
    config = (BASELINES / "checks.toml").read_text(encoding="utf-8")
    if not partial:
        config = config.replace("partial = true", "partial = false")
    (folder / "checks.toml").write_text(config, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    folder = _copy(tmp_path_factory.mktemp("planted"), PLANTED, partial=False)
    return folder, check_set(folder)


def _at(findings, document: str, address: str, code: str, contains: str = "") -> list:
    return [f for f in findings.sorted() if (f.document, f.address, f.code) == (document, address, code)
            and contains in f.message]


@pytest.mark.parametrize("document, address, code, severity, contains", [
    ("Section L", "L1.10(c)(ii)", "not-used-target", "error", 'L1.11 is "Not used"'),
    ("Section L", "L1.8", "backwards-range", "warning", "L1.4(d) is after L1.4(b)"),
    ("Section L", "L1.9", "missing-target", "error", "L1.99 does not exist"),
    ("Section L", "L1.12", "missing-target", "error", "L11.99 does not exist"),
    ("Section L", "L1.13", "missing-target", "error", "Appendix B 4.9.99 does not exist"),
    ("Section L", "L1.14", "heading-mismatch", "warning", 'Appendix B is headed "Organisation Certificate Policy"'),
    ("Section L", "L1.7", "missing-target", "error", "(z) does not exist"),
    ("Section L", "L1.20", "missing-target", "error", '"this Section L1.99"'),
    ("Section A", 'A1.1:"Affected Party"', "heading-mismatch", "warning", '"Acts of God"'),
    ("Appendix B", "1.1(A)", "undefined-term", "error", 'did you mean "Organisation Certificate"'),
    ("Section L", "L11.5", "term-case", "error", 'write the defined term "Private Key"'),
    ("Appendix B", "1.6(A)(iv)", "duplicate-definition", "error", '"Private Key" is defined twice'),
    ("Section A", 'A1.1:"Alternate"', "definition-order", "warning", 'follows "Zebra Alert"'),
    ("Section A", 'A1.1:"Zebra Alert"', "unused-definition", "warning", "used nowhere"),
    ("Section L", "L1.20", "duplicate-number", "error", "numbered twice"),
    ("Section L", "L1.19", "number-order", "error", "L1.19 comes after L1.19A"),
    ("Section M", "M3.9", "number-gap", "warning", "M3.9 follows M3.6: numbers 7 to 8 are missing"),
    ("Section L", "L1.21A", "needless-suffix", "warning", "the next plain number was free"),
])
def test_planted_fault_found_at_its_address(planted, document, address, code, severity, contains):
    _, findings = planted
    hits = _at(findings, document, address, code, contains)
    assert hits, f"{code} not found at {document} {address}:\n" + "\n".join(findings.lines())
    assert hits[0].severity == severity


def test_planted_findings_sorted_in_document_order(planted):
    _, findings = planted
    items = findings.sorted()
    assert [f.order for f in items] == sorted(f.order for f in items)
    docs = [f.document for f in items]
    assert docs.index("Section A") < docs.index("Section L") < docs.index("Section M") < docs.index("Appendix B")
    assert all(re.match(r"^.+ \S+: (error|warning): .+", line) for line in findings.lines())


def test_bundled_baselines_have_no_findings():
    findings = check_set(BASELINES)
    assert findings.lines() == [], "\n".join(findings.lines())
    s = findings.stats
    assert s["definitions"] > 200 and s["term_uses"] > 4000 and s["references"] > 300 and s["numbers"] > 1900
    # the one deliberate fault of the baselines is kept and explained (MP134A corrects it)
    assert [(f.address, f.code) for f, _ in findings.accepted] == [("L3.15", "undefined-term")]


def test_mp134a_v2_0_range_stops_short_of_l1_16d():
    """The L1.16D case: v2.0 added L1.16D but two references still say L1.16A to L1.16C."""
    findings = check_set(BASELINES, [MP134A], legal_text_version="2.0")
    short = [(f.address, f.severity) for f in findings.sorted() if f.code == "range-short"]
    assert short == [("L1.15(ga)", "warning"), ("L1.16C(c)", "warning")]
    assert "did you mean L1.16A to L1.16D?" in findings.sorted()[0].message


def test_mp134a_current_legal_text_reports_nothing_it_should_not():
    findings = check_set(BASELINES, [MP134A])
    assert findings.lines() == [], "\n".join(findings.lines())
    assert not findings.accepted, "MP134A corrects the accepted baseline fault, so nothing is accepted"


def _changed(tmp: Path, toml: str):
    """The baselines with one amendments file applied: (documents, {"MPX": [ChangeSet]})."""
    path = tmp / "amend.toml"
    path.write_text(toml, encoding="utf-8")
    loaded = load_set(BASELINES)
    amendments = load_amendments(path)
    docs = {d.id: d for d in loaded.documents}
    new, changes, errors = run(docs[amendments.document], amendments.ops)
    assert not errors, errors
    changes.document = amendments.document
    docs[amendments.document] = new
    return list(docs.values()), {"MPX": [changes]}, loaded.config


def test_change_based_findings(tmp_path):
    docs, changes, config = _changed(tmp_path, '''document = "Section L"
[[op]]
kind = "insert"
target = "L11.5"
text = "Each Subscriber shall keep a record of each Private Key it generates."
[[op]]
kind = "replace"
target = "L1.11"
text = "Each SMKI PMA Member shall act in the interests of the SMKI PMA as a whole."
''')
    findings = run_checks(docs, changes, config)
    gained = _at(findings, "Section L", "L13.7", "range-gained", "L11.5A, added by MPX")
    assert gained and gained[0].severity == "warning"
    stale = _at(findings, "Section L", "L1.10(c)(ii)", "stale-reference", "L1.11 was changed by MPX")
    assert stale and stale[0].severity == "warning"


def test_deleted_definition_still_used(tmp_path):
    docs, changes, config = _changed(tmp_path, '''document = "Section A"
[[op]]
kind = "delete_definition"
target = "Private Key"
''')
    findings = run_checks(docs, changes, config)
    used = [f for f in findings.errors if f.code == "deleted-term-used"]
    assert used and all("MPX deletes its definition" in f.message for f in used)
    assert ("Section L", "L11.5") in {(f.document, f.address) for f in used}


def test_in_line_definitions_and_policy_definition_parts_count():
    """"SMKI PMA Member" (in line, L1.4), "Organisation CRL" (Appendix B 1.6) are terms: used, not undefined."""
    findings = check_set(BASELINES)
    assert not [f for f in findings.items if "SMKI PMA Member" in f.message or "Organisation CRL" in f.message]


def test_check_cli_clean_and_json(tmp_path):
    runner = CliRunner()
    res = runner.invoke(main, ["check", "--baselines", str(BASELINES)])
    assert res.exit_code == 0, res.output
    assert re.search(r"secdocs: checks: 0 errors, 0 warnings in 6 documents \(\d+ definitions", res.output)
    res = runner.invoke(main, ["check", "--baselines", str(BASELINES), str(MP134A), "--json"])
    assert res.exit_code == 0
    data = json.loads(res.output)
    assert data["findings"] == [] and data["summary"]["errors"] == 0


def test_check_cli_exit_status_and_lines(planted):
    folder, findings = planted
    res = CliRunner().invoke(main, ["check", "--baselines", str(folder)])
    assert res.exit_code == 1
    lines = res.output.splitlines()
    assert lines[:-1] == findings.lines()
    assert "Section L L1.9: error: \"Section L1.99\": L1.99 does not exist" in res.output
    res = CliRunner().invoke(main, ["check", "--baselines", str(folder), "--json"])
    data = json.loads(res.output)
    assert data["summary"]["errors"] == len(findings.errors) and res.exit_code == 1


def test_check_cli_bad_input_one_line(tmp_path):
    (tmp_path / "checks.toml").write_text("[terms]\nnames = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="names must be a list"):
        read_config(tmp_path / "checks.toml")
    res = CliRunner().invoke(main, ["check", "--baselines", str(tmp_path)])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert res.output.startswith("secdocs: error: ") and "no manifest.json" in res.output


def test_deterministic():
    a, b = check_set(BASELINES), check_set(BASELINES)
    assert json.dumps(a.to_json()) == json.dumps(b.to_json())


def test_default_config_has_nothing():
    assert CheckConfig() == read_config(Path("/nonexistent/checks.toml"))


# ---------------------------------------------------------------------------------------------
# Release build: errors refuse it unless --no-check, which the release notes then say


def _release(tmp: Path, folder: Path) -> Path:
    manifest = json.loads((BASELINES / "manifest.json").read_text(encoding="utf-8"))
    for e in manifest["baselines"]:
        e["file"] = e["source"]
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    release = tmp / "spec" / "release.toml"  # OUT may not sit inside the release file's folder
    release.parent.mkdir(exist_ok=True)
    release.write_text(f'''[release]
name = "Test release"
sec_version = "47.0"
implementation_date = 2021-10-04
[baseline]
dir = "{folder}"
sec_version = "46.0"
[[modifications]]
id = "MP134A"
path = "{MP134A}"
''', encoding="utf-8")
    return release


def test_release_build_refuses_errors_unless_no_check(tmp_path):
    from secdocs.release import build_release
    from secdocs.release.build import ReleaseCheckErrors

    folder = _copy(tmp_path, [PLANTED[2]])  # "Section L1.99" in L1.9
    release = _release(tmp_path, folder)
    with pytest.raises(ReleaseCheckErrors) as exc:
        build_release(release, check=True, jobs=1, progress=False)
    assert exc.value.lines == ['Section L L1.9: error: "Section L1.99": L1.99 does not exist (nearest: L1.9, L13.9)']
    assert "--no-check builds anyway" in str(exc.value)
    res = CliRunner().invoke(main, ["release", "build", str(release), "-o", str(tmp_path / "out"), "-q",
                                    "--no-check", "-j", "1"])
    assert res.exit_code == 0, res.output
    assert "(--no-check: errors did not stop the build)" in res.stderr
    notes = (tmp_path / "out" / "release-notes.md").read_text(encoding="utf-8")
    assert "## Integrity checks" in notes and "--no-check: its errors did not stop it" in notes
    assert '* Section L L1.9: error: "Section L1.99"' in notes
    from secdocs.ooxml.read import read_text_lines

    legal = "\n".join(read_text_lines(tmp_path / "out" / "legal-text" / "MP134A-legal-text-v2.1.docx", "accept"))
    assert "Integrity checks" in legal and "L1.99 does not exist" in legal


# ---------------------------------------------------------------------------------------------
# The user's own documents: ten real contracts Word wrote (../shared/corpus-real), read in place


CORPUS_REAL = ROOT.parent / "shared" / "corpus-real"


@pytest.mark.skipif(not CORPUS_REAL.is_dir(), reason="../shared/corpus-real is not here")
def test_check_runs_on_documents_word_wrote(tmp_path):
    files = sorted(CORPUS_REAL.glob("*.docx"))
    before = {f: f.read_bytes() for f in files}
    assert len(files) == 10
    for f in files:  # a baselines manifest names files inside its folder: a temporary copy, never in the repo
        (tmp_path / f.name).write_bytes(f.read_bytes())
    manifest = {"baselines": [{"id": f.stem, "file": f.name} for f in files]}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    res = CliRunner().invoke(main, ["check", "--baselines", str(tmp_path)])
    assert res.exit_code in (0, 1) and "Traceback" not in res.output, res.output
    lines = res.output.strip().splitlines()
    summary = re.search(r"secdocs: checks: (\d+) errors?, (\d+) warnings? in 10 documents \((\d+) definitions, "
                        r"(\d+) term uses, (\d+) references", lines[-1])
    assert summary, lines[-1]
    errors, warnings, definitions, uses, references = map(int, summary.groups())
    assert res.exit_code == (1 if errors else 0)
    assert len(lines) - 1 == errors + warnings
    assert definitions >= 300 and uses > 1000 and references > 100  # CCS Joint Schedule 1: 339 definitions
    stems = {f.stem for f in files}
    assert all(line.split(" ", 1)[0] in stems for line in lines[:-1])
    assert all(f.read_bytes() == data for f, data in before.items())  # read, never written


def test_apply_and_consult_print_the_checks(tmp_path):
    res = CliRunner().invoke(main, ["apply", str(MP134A), "--baselines", str(BASELINES), "-o", str(tmp_path / "a"),
                                    "--legal-text-version", "2.0"])
    assert res.exit_code == 0, res.output
    assert 'Section L L1.16C(c): warning: "Sections L1.16A to L1.16C"' in res.stderr
    assert "secdocs: checks: 0 errors, 2 warnings in 6 documents" in res.stderr
    res = CliRunner().invoke(main, ["consult", str(MP134A), "--stage", "report", "--baselines", str(BASELINES),
                                    "-o", str(tmp_path / "c")])
    assert res.exit_code == 0, res.output
    assert "secdocs: checks: 0 errors, 2 warnings" in res.stderr  # the report stage carried v2.0


def test_release_documents_list_at_most_a_hundred_findings():
    from secdocs.checks.findings import Finding, Findings
    from secdocs.checks.report import findings_md, findings_provisions

    many = Findings([Finding("Section L", f"L1.{n}", "warning", "number-gap", "x", (1, n, 0)) for n in range(250)]
                    + [Finding("Section M", "M1.1", "error", "missing-target", "y", (2, 0, 0))])
    md = findings_md(many)
    assert sum(line.startswith("* ") for line in md) == 100
    assert "The first 100 of 251 findings are listed; secdocs check lists them all." in md
    table = findings_provisions(many, {"Section M"})[-1]
    assert [plain_cell for plain_cell in (r[0][0][0].text for r in table.rows)] == ["Where", "Section M M1.1"]


def test_near_miss_suggestions():
    from secdocs.checks.terms import Dictionary, Term

    d = Dictionary()
    for text in ("Organisation Certificate", "Supplier Party", "Self-Audit Certificate", "Issuing ICA"):
        d.add(Term(text, "Section A", f'A1.1:"{text}"', "table", ()))
    assert d.suggestions("organisation certificate") == ["Organisation Certificate"]  # case
    assert d.suggestions("Supplier Parties") == ["Supplier Party"]  # plural
    assert d.suggestions("Organization Certificate") == ["Organisation Certificate"]  # spelling
    assert d.suggestions("Self Audit Certificate") == ["Self-Audit Certificate"]  # hyphen
    assert d.suggestions("Issuing OCA") == []  # an acronym is not a misspelling of another
    assert d.match(["the", "Supplier", "Parties"], 1, fold=False)[0] == 2  # plural use of a term


def test_new_term_written_in_another_case_elsewhere():
    """The issue's example: a modification defines "SoLR Certificate Arrangement" in Section A and
    an Appendix writes it in lower case."""
    from secdocs.model import Run, iter_provisions

    loaded = load_set(BASELINES, [MP134A])
    b = next(d for d in loaded.documents if d.id == "Appendix B")
    g = next(p for p in iter_provisions(b.provisions) if p.number == "(G)" and "SoLR" in p.own_text)
    g.text = [Run(g.own_text.replace("SoLR Certificate Arrangement", "SoLR certificate arrangement", 1))]
    findings = run_checks(loaded.documents, loaded.changesets, loaded.config)
    assert findings.lines() == ['Appendix B 4.9.1(G): error: "SoLR certificate arrangement": write the defined term '
                                '"SoLR Certificate Arrangement"']
