"""Fingerprint of what secdocs writes: run a fixed set of commands and print a sha256 per file.

A refactoring commit must leave every line the same. Use:

    python scripts/output_fingerprint.py > /tmp/before.txt   # on the old commit
    python scripts/output_fingerprint.py > /tmp/after.txt    # on the new one
    diff /tmp/before.txt /tmp/after.txt                      # no output: byte-identical

The commands cover every writer: the three bundled releases, apply / redline (tracked and static)
/ legal text / both consultations of MP134A, import of its redlines, rebase of MP185, compare of
two legal text versions and of corpus pairs, checks, the review site, and apply / redline in place
on three real contracts (``../shared/corpus-real``, copied to a temporary folder). PDFs are left
out (LibreOffice is slow and has its own fingerprint tests). Outputs are written to a temporary
folder only.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REAL = {
    "CCS Joint Schedule 1": ("ccs-joint-schedule-1-definitions.docx", "1.0"),
    "Common Paper DPA": ("commonpaper-data-processing-agreement.docx", "1.1"),
    "CCS Call-Off Schedule 9": ("ccs-call-off-schedule-9-security.docx", "1.0"),
}


def secdocs(*args: str, out: Path | None = None, ok=(0,)) -> None:
    """Run one secdocs command from the repository root; its stdout is kept as a file in OUT."""
    proc = subprocess.run([str(Path(sys.executable).parent / "secdocs"), *args], cwd=ROOT,
                          capture_output=True, text=True)
    if proc.returncode not in ok:
        sys.exit(f"output_fingerprint: {' '.join(args)} exited {proc.returncode}: {proc.stderr.strip()}")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(proc.stdout + "\n-- exit %d --\n" % proc.returncode, encoding="utf-8")


def real_baselines(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, _ in REAL.values():
        (folder / name).write_bytes((SHARED / "corpus-real" / name).read_bytes())
    entries = [{"id": i, "file": f, "version": v} for i, (f, v) in REAL.items()]
    (folder / "manifest.json").write_text(json.dumps({"baselines": entries}, indent=1), encoding="utf-8")
    return folder


def run_all(t: Path) -> Path:
    o = t / "out"
    mp = "modifications/MP134A"
    for rel in sorted((ROOT / "releases").glob("*.toml")):
        secdocs("release", "build", str(rel.relative_to(ROOT)), "-o", str(o / "release" / rel.stem))
    secdocs("apply", mp, "-o", str(o / "apply"))
    secdocs("redline", mp, "-o", str(o / "redline-tracked"))
    secdocs("redline", mp, "--style", "static", "-o", str(o / "redline-static"))
    secdocs("redline", mp, "--legal-text-version", "1.0", "-o", str(o / "redline-v1"))
    secdocs("legal-text", mp, "-o", str(o / "legal-text" / "v2.1.docx"))
    secdocs("legal-text", mp, "--style", "static", "-o", str(o / "legal-text" / "v2.1-static.docx"))
    secdocs("consult", mp, "--stage", "refinement", "-o", str(o / "consult-refinement"))
    secdocs("consult", mp, "--stage", "report", "-o", str(o / "consult-report"))
    secdocs("site", mp, "-o", str(o / "site"))
    secdocs("check", mp, "modifications/MP185", "--json", out=o / "check.json", ok=(0, 1))
    secdocs("import", *sorted(str(p) for p in (o / "redline-tracked").glob("*-redline.docx")),
            "-o", str(o / "import" / "MPI"))
    secdocs("rebase", "modifications/MP185", "--legal-text-version", "1.0", "--onto",
            str(o / "release" / "2021-10-04-adhoc"), "-o", str(o / "rebase"), out=o / "rebase.txt",
            ok=(0, 1, 2))
    secdocs("legal-text", mp, "--legal-text-version", "1.0", "-o", str(o / "legal-text" / "v1.0.docx"))
    old, new = o / "legal-text" / "v1.0.docx", o / "legal-text" / "v2.1.docx"
    secdocs("compare", str(old), str(new), "-o", str(o / "compare" / "legal-text.docx"))
    secdocs("compare", str(old), str(new), "--json", "-o", str(o / "compare" / "legal-text-json.docx"),
            out=o / "compare" / "legal-text.json")
    corpus = SHARED / "corpus-real"
    secdocs("compare", str(corpus / "commonpaper-pilot-agreement.docx"),
            str(corpus / "commonpaper-cloud-service-agreement.docx"), "--moves",
            "-o", str(o / "compare" / "commonpaper.docx"))
    for doc in sorted(corpus.glob("*.docx")):
        secdocs("parse", "--json", str(doc), out=o / "parse" / f"{doc.stem}.json")
    base = real_baselines(t / "real-baselines")
    mpx1 = "tests/data/inplace/MPX1"
    secdocs("apply", mpx1, "--baselines", str(base), "-o", str(o / "real-apply"))
    secdocs("redline", mpx1, "--baselines", str(base), "-o", str(o / "real-redline"))
    secdocs("redline", mpx1, "--baselines", str(base), "--style", "static", "-o", str(o / "real-static"))
    secdocs("legal-text", mpx1, "--baselines", str(base), "-o", str(o / "real-legal-text.docx"))
    return o


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="secdocs-fp-") as tmp:
        out = run_all(Path(tmp))
        for path in sorted(p for p in out.rglob("*") if p.is_file()):
            data = path.read_bytes().replace(tmp.encode(), b"<TMP>")
            print(hashlib.sha256(data).hexdigest()[:16], path.relative_to(out).as_posix())


if __name__ == "__main__":
    main()
