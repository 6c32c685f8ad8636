"""The release build end to end: the default and the second release build, outputs are
reproducible and atomic, the Document Log covers every document, redlines prove themselves."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from redline_helpers import docx_check_results
from secdocs.model.address import flatten
from secdocs.reader import read_document
from secdocs.release import ReleaseConflictError, build_release
from secdocs.release.progress import Progress

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "releases" / "2021-10-04-adhoc.toml"
SECOND = ROOT / "releases" / "2021-11-04-illustrative.toml"
CONFLICTING = ROOT / "tests" / "data" / "release" / "conflicting.toml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def secdocs(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    code = "import sys; from secdocs.cli import main; sys.argv[0] = 'secdocs'; main()"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def baseline_documents() -> list[dict]:
    return json.loads((ROOT / "baselines" / "manifest.json").read_text(encoding="utf-8"))["baselines"]


def authors(docx: bytes) -> Counter:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        xml = zf.read("word/document.xml")
    from lxml import etree

    root = etree.fromstring(xml)
    return Counter(el.get(f"{W}author") for el in root.iter(f"{W}ins", f"{W}del"))


def provision_texts(doc) -> list[tuple]:
    return [(r["number"], r["kind"], r["heading"], r["text"]) for r in flatten(doc)]


@pytest.fixture(scope="module")
def default_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """`secdocs build -o OUT`: the README's first command, run once for the module."""
    out = tmp_path_factory.mktemp("default") / "build"
    proc = secdocs("build", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    return out, proc


@pytest.fixture(scope="module")
def second_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("second") / "out"
    build_release(SECOND, out, progress=False)
    return out


# -- the default release ------------------------------------------------------------------------

def test_default_release_builds(default_build):
    out, proc = default_build
    made = files(out)
    docs = ["section-A-v32.0", "section-L-v19.0", "section-M-v10.0", "appendix-B-v7.0", "appendix-Q-v5.0",
            "appendix-S-v4.0"]
    for stem in docs:
        assert f"clean/{stem}.docx" in made and f"redline/{stem}-redline.docx" in made
    for name in ("legal-text/MP134A-legal-text-v2.1.docx", "document-log.docx", "document-log.csv",
                 "release-notes.docx", "release-notes.md", "manifest.json"):
        assert name in made
    assert len([m for m in made if not m.startswith("site/")]) == 2 * len(docs) + 6
    # the review site (issue 14): an index, one page per changed document, search index, style, script
    assert len([m for m in made if m.startswith("site/")]) == 4 + len(docs)
    summary = proc.stdout.strip().splitlines()[-1]
    assert summary.startswith("SEC v47.0 (4 October 2021 ad-hoc release) built: 1 modification, 6 of 6 documents changed")
    assert "provisions changed" in summary and " s (" in summary
    assert not any(p.name.startswith(".") for p in out.parent.iterdir())  # no temporary folder left


def test_document_log_lists_every_baseline_document(default_build):
    out, _ = default_build
    rows = list(csv.DictReader(io.StringIO((out / "document-log.csv").read_text(encoding="utf-8"))))
    baselines = baseline_documents()
    assert sorted(r["Document"] for r in rows) == sorted(b["id"] for b in baselines)
    for b in baselines:
        row = next(r for r in rows if r["Document"] == b["id"])
        assert row["Previous version"] == b["version"]
        assert row["Changed in this release"] == "Yes" and row["Modifications"] == "MP134A"
        assert float(row["Version in effect"]) == float(b["version"]) + 1
    docx_text = (out / "document-log.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(docx_text)) as zf:
        body = zf.read("word/document.xml").decode("utf-8")
    assert all(b["id"] in body for b in baselines)
    # issue 14 item 4: the log says what it lists, and its header does not break mid-word
    text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", body))
    assert "Documents changed in SEC v47.0" in text and "It is not a list of every document" in text
    assert "in effect at SEC version" not in text and "Modifications" not in text and "Changed by" in text


def test_release_notes_name_modifications_documents_and_provisions(default_build):
    out, _ = default_build
    md = (out / "release-notes.md").read_text(encoding="utf-8")
    assert "| MP134A | Use of SMKI Certificates relating to a SoLR event (illustrative)" in md
    assert "### Section L — Smart Metering Key Infrastructure and DCC Key Infrastructure (v18.0 → v19.0)" in md
    assert "| L1.16A | inserted | The core power. | MP134A |" in md
    assert "| the definition of 'SoLR Event' (A1.1) | definition inserted | The trigger for everything else: " in md
    # issue 14, item 3: what a reader would cite, never the internal addresses
    assert "| the cross-heading 'SoLR Certificate Arrangements' in L1 | inserted | A cross-heading of its own" in md
    assert "cross-heading[" not in md and 'A1.1:"' not in md
    assert "amendment operation is one instruction" in md and "| Amendment operations |" in md


def test_manifest_hashes_every_input_and_output(default_build):
    out, _ = default_build
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    from secdocs import __version__

    assert manifest["secdocs_version"] == __version__
    outputs = {o["path"]: o["sha256"] for o in manifest["outputs"]}
    made = files(out)
    assert set(outputs) == set(made) - {"manifest.json"}
    for name, digest in outputs.items():
        assert hashlib.sha256(made[name]).hexdigest() == digest
    inputs = {i["path"]: i["sha256"] for i in manifest["inputs"]}
    for name in ("releases/2021-10-04-adhoc.toml", "baselines/manifest.json", "baselines/section-L.docx",
                 "modifications/MP134A/modification.toml", "modifications/MP134A/section-L.toml",
                 "templates/reference.docx"):
        source = ROOT / "secdocs" / name if name.startswith("templates/") else ROOT / name
        assert inputs[name] == hashlib.sha256(source.read_bytes()).hexdigest(), name


def test_redlines_accept_to_the_clean_text_and_reject_to_the_baseline(default_build):
    out, _ = default_build
    by_id = {b["id"]: b for b in baseline_documents()}
    redlines = sorted((out / "redline").glob("*.docx"))
    assert len(redlines) == 6  # else the loop below would check nothing
    for redline in redlines:
        clean = out / "clean" / redline.name.replace("-redline", "")
        accepted = read_document(redline, view="accept")
        rejected = read_document(redline, view="reject")
        baseline = read_document(ROOT / "baselines" / by_id[accepted.id]["file"])
        assert provision_texts(accepted) == provision_texts(read_document(clean)), redline.name
        assert provision_texts(rejected) == provision_texts(baseline), redline.name
        assert set(authors(redline.read_bytes())) == {"MP134A"}, redline.name


def test_outputs_pass_the_ooxml_checker(default_build):
    out, _ = default_build
    docx = sorted(str(p) for p in out.rglob("*.docx"))
    results = docx_check_results(docx, "--no-lo", "--compact", "--quiet")
    bad = [(r["file"], r["errors"][:2]) for r in results if not r["ok"]]
    assert not bad and len(results) == len(docx) == 15


def test_two_builds_are_byte_identical(default_build, tmp_path):
    out, _ = default_build
    again = tmp_path / "again"
    build_release(DEFAULT, again, progress=False, jobs=1)  # serial this time: jobs must not matter
    first, second = files(out), files(again)
    assert sorted(first) == sorted(second)
    assert [n for n in first if first[n] != second[n]] == []


# -- the second release ---------------------------------------------------------------------------

def test_second_release_builds(second_build):
    made = files(second_build)
    assert {n for n in made if n.startswith(("clean/", "legal-text/"))} == {
        "clean/section-A-v33.0.docx", "clean/section-L-v20.0.docx", "clean/section-M-v11.0.docx",
        "legal-text/MP901-legal-text-v1.0.docx", "legal-text/MP902-legal-text-v1.0.docx"}
    rows = {r["Document"]: r for r in csv.DictReader(io.StringIO(made["document-log.csv"].decode("utf-8")))}
    assert len(rows) == len(baseline_documents())
    assert (rows["Section L"]["Version in effect"], rows["Section L"]["Previous version"]) == ("20.0", "19.0")
    assert rows["Section L"]["Modifications"] == "MP901 MP902"
    # untouched by this release: the version the 4 October 2021 release put in effect
    assert (rows["Appendix B"]["Version in effect"], rows["Appendix B"]["Changed in this release"]) == ("7.0", "No")


def test_second_release_redline_has_both_authors(second_build):
    made = files(second_build)
    assert set(authors(made["redline/section-L-v20.0-redline.docx"])) == {"MP901", "MP902"}
    assert set(authors(made["redline/section-M-v11.0-redline.docx"])) == {"MP902"}
    red = read_document(second_build / "redline" / "section-L-v20.0-redline.docx", view="reject")
    l119 = next(r for r in flatten(red) if r["number"] == "L1.19")
    assert "twelve months" in l119["text"] and "to the Panel, which" in l119["text"]
    md = made["release-notes.md"].decode("utf-8")
    assert "| L1.19 | amended | MP901: Twice-yearly review of the SMKI Document Set; MP902: " in md


def test_second_release_every_mark_authored_by_its_modification(second_build):
    """MP901 and MP902 both change Section L: each body mark is authored by the modification that
    made it, and the cover's marks (new document version, SEC version and date, the consolidation
    note, the new version-history row) by the last of them, MP902 (release/attribution.py).
    Counted by the shared checker (revision_authors: w:ins / w:del elements per author)."""
    from lxml import etree

    redline = second_build / "redline" / "section-L-v20.0-redline.docx"
    [result] = docx_check_results([redline], "--no-lo", "--compact", "--quiet")
    assert result["ok"], result["errors"][:2]
    # MP901: L1.12 "three" → "two", L1.16C(c) words inserted, L1.19 "twelve" → "six", L1.22 inserted
    # (its paragraph mark and its words); MP902: L1.19 and L3.17(b) words inserted, plus 15 cover
    # marks: three metadata values replaced (6), the note (mark + words), the history row (row mark
    # and three cells' marks and words)
    # (the redline is the baseline's own package marked by the compare engine and re-authored per
    # paragraph: its marks are cut a little differently, 9 and 17 where the house-style writer's
    # redline had 7 and 17)
    assert result["docx"]["revision_authors"] == {"MP901": 9, "MP902": 17}
    with zipfile.ZipFile(redline) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    by_text: dict[str, set[str]] = {}
    for el in root.iter(f"{W}ins", f"{W}del"):
        words = "".join(el.itertext()).strip()
        if words:
            by_text.setdefault(words, set()).add(el.get(f"{W}author"))
    for start, who in {"three": "MP901", "two": "MP901", "twelve": "MP901", "six": "MP901",
                       ", and shall publish on the Website": "MP901", "L1.22The SMKI PMA shall": "MP901",
                       "and to the Authority": "MP902", ", and, where the revocation was made": "MP902",
                       "19.0": "MP902", "20.0": "MP902", "47.0": "MP902", "48.0": "MP902",
                       "November": "MP902", "October": "MP902",
                       "Version 20.0 consolidates MP901": "MP902"}.items():
        found = [who_ for text, who_ in by_text.items() if text == start or text.startswith(start) and len(start) > 6]
        assert found and all(f == {who} for f in found), (start, found)


def test_second_release_legal_texts_have_drafting_notes(second_build):
    made = files(second_build)
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(made["legal-text/MP902-legal-text-v1.0.docx"])) as zf:
        text = " ".join(etree.fromstring(zf.read("word/document.xml")).itertext())
    assert "Drafting notes: Section L" in text and "The Authority receives the review report directly." in text


# -- atomic output, --check ------------------------------------------------------------------------

def test_check_writes_nothing(tmp_path):
    out = tmp_path / "out"
    proc = secdocs("release", "build", str(SECOND), "-o", str(out), "--check", "-q")
    assert proc.returncode == 0, proc.stderr
    assert "SEC v48.0" in proc.stdout and "checked" in proc.stdout
    assert list(tmp_path.iterdir()) == []


def test_a_refused_build_leaves_the_previous_out_intact(default_build, tmp_path):
    good, _ = default_build
    out = tmp_path / "out"
    out.mkdir()
    for name, data in files(good).items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    before = files(out)
    proc = secdocs("release", "build", str(CONFLICTING), "-o", str(out), "-q")
    assert proc.returncode == 1
    assert "4 conflicts between the modifications of the release; nothing was written" in proc.stderr
    assert proc.stderr.count("secdocs: error: conflict: ") == 4
    assert files(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_build_failing_while_writing_leaves_the_previous_out_intact(default_build, tmp_path, monkeypatch):
    good, _ = default_build
    out = tmp_path / "out"
    (out / "clean").mkdir(parents=True)
    (out / "clean" / "old.docx").write_bytes(b"previous build")
    import secdocs.release.build as build

    real = build.Path.write_bytes
    calls = []

    def failing(self, data):
        calls.append(self)
        if len(calls) == 5:
            raise OSError("disk full (simulated)")
        return real(self, data)

    monkeypatch.setattr(build.Path, "write_bytes", failing)
    with pytest.raises(OSError, match="disk full"):
        build_release(DEFAULT, out, progress=False, jobs=1)
    assert files(out) == {"clean/old.docx": b"previous build"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_conflicts_refuse_before_anything_is_written(tmp_path):
    with pytest.raises(ReleaseConflictError):
        build_release(CONFLICTING, tmp_path / "never", progress=False)
    assert not (tmp_path / "never").exists()


# -- progress ----------------------------------------------------------------------------------------

class _Stream(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_is_a_bar_on_a_terminal_and_lines_otherwise():
    for tty in (True, False):
        stream = _Stream(tty)
        p = Progress(3, "documents", stream=stream)
        for name in ("Section A", "Section L", "Section M"):
            p.step(name)
        p.close()
        text = stream.getvalue()
        if tty:
            assert "\r" in text and "[" + "#" * 30 + "] 3/3 Section M" in text and "\n" not in text
        else:
            assert text.splitlines() == ["documents 1/3 Section A", "documents 2/3 Section L",
                                         "documents 3/3 Section M"]


def test_second_release_redlines_reject_to_the_first_release_clean_documents(default_build, second_build):
    """A stacked release's redline goes back exactly to what the release before it put in effect."""
    first, _ = default_build
    for stem, previous in (("section-A-v33.0", "section-A-v32.0"), ("section-L-v20.0", "section-L-v19.0"),
                           ("section-M-v11.0", "section-M-v10.0")):
        redline = second_build / "redline" / f"{stem}-redline.docx"
        assert provision_texts(read_document(redline, view="reject")) == \
            provision_texts(read_document(first / "clean" / f"{previous}.docx")), stem
        assert provision_texts(read_document(redline, view="accept")) == \
            provision_texts(read_document(second_build / "clean" / f"{stem}.docx")), stem
