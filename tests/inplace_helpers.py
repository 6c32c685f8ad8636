"""Shared helpers of the in-place tests: the corpus-real manifest, LibreOffice text export,
and the proof that an edited package differs from its baseline only where the operations say."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from secdocs.amend.ops import ChangeSet
from secdocs.model import Document
from secdocs.ooxml.proof import PackageDiff

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS_REAL = SHARED / "corpus-real"
MPX1 = ROOT / "tests" / "data" / "inplace" / "MPX1"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

# the three real documents MPX1 amends: document id → (file, version the manifest gives)
REAL = {
    "CCS Joint Schedule 1": ("ccs-joint-schedule-1-definitions.docx", "1.0"),
    "Common Paper DPA": ("commonpaper-data-processing-agreement.docx", "1.1"),
    "CCS Call-Off Schedule 9": ("ccs-call-off-schedule-9-security.docx", "1.0"),
}


def real_baselines(folder: Path) -> Path:
    """A temporary baselines folder holding copies of the corpus-real documents (a manifest's files
    must lie inside its folder; nothing is copied into the repository)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, _ in REAL.values():
        (folder / name).write_bytes((CORPUS_REAL / name).read_bytes())
    entries = [{"id": doc_id, "file": name, "version": version} for doc_id, (name, version) in REAL.items()]
    (folder / "manifest.json").write_text(json.dumps({"baselines": entries}, indent=1), encoding="utf-8")
    return folder


def soffice_convert(files: list[Path], target: str, out: Path, profile: Path) -> None:
    """One LibreOffice run converting every file (target "docx" or the text filter)."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", target, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=300)


def lo_lines(files: dict[str, Path], work: Path) -> dict[str, list[str]]:
    """name → the text LibreOffice exports (automatic list labels included), one paragraph a
    line; every file in one LibreOffice run."""
    staging = work / "in"
    staging.mkdir(parents=True, exist_ok=True)
    for name, path in files.items():
        shutil.copyfile(path, staging / f"{name}.docx")
    soffice_convert(sorted(staging.glob("*.docx")), "txt:Text (encoded):UTF8", work / "txt", work / "profile")
    return {name: (work / "txt" / f"{name}.txt").read_text(encoding="utf-8-sig").splitlines() for name in files}


_LABEL = re.compile(r"^\s*(\(?[0-9A-Za-z]{1,6}(?:\.[0-9A-Za-z]{1,6})*[.)]?)[\t ]")


def labelled(lines: list[str]) -> dict[str, str]:
    """Paragraph text (after its label) → the label LibreOffice shows, for numbered lines whose
    text occurs once."""
    seen: dict[str, str | None] = {}
    for line in lines:
        m = _LABEL.match(line)
        if not m:
            continue
        text = " ".join(line[m.end():].split())
        if len(text) < 12:
            continue
        seen[text] = None if text in seen else m.group(1)
    return {t: lab for t, lab in seen.items() if lab is not None}


def norm(text: str) -> str:
    return " ".join(text.split())


def allowed_texts(changes: ChangeSet, base: Document) -> list[str]:
    """What an edit may change: the text each operation found and left, and the baseline's
    version, SEC version and date (cover lines, history table, footer)."""
    out = []
    for r in changes.results:
        for text in (r.before, r.after):
            # a definition's line reads '"Term": meaning'; a provision may itself open with a quote
            out.extend(norm(line.split(":", 1)[-1] if re.match(r'"[^"]*":\s', line) else line)
                       for line in text.splitlines() if line.strip())
    return [t for t in out if t] + [v for v in (base.version, base.sec_version) if v]


def assert_only_targeted(diff: PackageDiff, allowed: list[str], extra: tuple[str, ...] = ()) -> None:
    """Every baseline unit the edit changed or removed holds text an operation targeted (or one
    of ``extra``: version history, dates). Labels and white space are left out of the comparison
    (a unit's text has its typed label; an op's text its address)."""
    pool = [_core(a) for a in list(allowed) + list(extra) if a]
    pool = [a for a in pool if a]
    for text in diff.changed:
        assert text, "an empty paragraph or row changed"
        core = _core(text)
        ok = any(a in core or (len(core) > 6 and core in a) or _overlap(a, core) for a in pool)
        assert ok, f"changed but not targeted: {text[:120]!r}"


_LEADING_LABEL = re.compile(r"^(?:[A-Z]{0,2}\d[\w.]*|\(\w{1,6}\))+[.)]?\s*")


def _core(text: str) -> str:
    """The words of a text without its leading label or address, white space removed."""
    core = "".join(_LEADING_LABEL.sub("", text.strip()).split())
    return core or "".join(text.split())  # a bare number ("31.0") is its own words


def _overlap(a: str, text: str) -> bool:
    """An operation's text and the unit's share a long stretch (an op's before-text spanning the
    unit, or the unit holding several provisions)."""
    return len(a) >= 25 and (a[:25] in text or text[-25:] in a)
