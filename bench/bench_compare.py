"""Benchmark: ``secdocs compare`` as a whole process against its peers, on SEC-shaped pairs.

    python bench/bench_compare.py [--quick] [--only N] [--repeat N] [--docxodus BIN] [--trackdiff BIN]

For each size (500, 2,000 and 8,000 clauses; 1,000 and 3,000 definitions) it writes a document
and an amended version (bench/generate.py, the same pairs as bench/bench_redline.py), then times,
interleaved round by round (median of ``--repeat``, default 5), each tool as its own process:

* ``secdocs``   — ``secdocs compare OLD NEW -o R.docx`` (this checkout's interpreter);
* ``docxodus``  — the Docxodus redline binary (``python-redlines-docxodus`` from PyPI ships it;
  found in this interpreter, or given with ``--docxodus``);
* ``trackdiff`` — ``docx-trackdiff OLD NEW R.docx`` (PyPI ``docx-trackdiff``; on PATH or
  ``--trackdiff``);
* ``lxml floor`` — a Python process that unzips both files, parses both main documents and
  serialises one: no compare can be cheaper in Python.

secdocs is compiled to bytecode first (``compileall``), as an installed package is and as the
peers are: an editable checkout in an environment that sets ``PYTHONDONTWRITEBYTECODE`` would
otherwise compile every module again on every run.

Each line gives the wall-clock median and, in brackets, the median CPU time (user + system of
the process and its children: steadier than wall time on a shared machine), and the ratio of
secdocs to each peer (secdocs seconds / peer seconds: below 1 means secdocs is faster).

A peer that is not installed is reported as such, never given a figure. Each secdocs redline is
checked with ../shared/tools/redline_views.py (accept == NEW, reject == OLD) when that tool is
there; the table shows ``exact``, ``ok-ws`` or ``FAIL``, and the same for each peer's output.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIZES = [("clauses", 500), ("clauses", 2000), ("clauses", 8000), ("definitions", 1000), ("definitions", 3000)]
ORACLE = ROOT.parent / "shared" / "tools" / "redline_views.py"

FLOOR = r"""
import sys, zipfile
from lxml import etree
docs = []
for path in sys.argv[1:3]:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    docs.append((parts, etree.fromstring(parts["word/document.xml"])))
parts, root = docs[1]
parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
with zipfile.ZipFile(sys.argv[3], "w", zipfile.ZIP_DEFLATED) as z:
    for n, data in parts.items():
        z.writestr(n, data)
"""


def make_pairs(folder: Path, sizes) -> list[tuple[str, Path, Path]]:
    from bench.generate import amend, definitions, section
    from secdocs.ooxml.write import write_docx

    out = []
    for kind, n in sizes:
        base = section(n) if kind == "clauses" else definitions(n)
        old, new = folder / f"{kind}-{n}-old.docx", folder / f"{kind}-{n}-new.docx"
        write_docx(base, old)
        write_docx(amend(base), new)
        out.append((f"{n:,} {kind}", old, new))
    return out


def find_docxodus(given: str | None, folder: Path) -> tuple[list[str] | None, str]:
    if given:
        return [given, "bench"], given
    spec = importlib.util.find_spec("python_redlines_docxodus")
    if spec is None or not spec.submodule_search_locations:
        return None, "not installed (pip install python-redlines-docxodus)"
    archive = Path(list(spec.submodule_search_locations)[0]) / "_binaries" / "linux-x64.tar.gz"
    if not archive.exists():
        return None, f"no binary for this platform in {archive.parent}"
    target = folder / "docxodus"
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    binary = target / "redline"
    binary.chmod(0o755)
    return [str(binary), "bench"], "python-redlines-docxodus"


def find_trackdiff(given: str | None) -> tuple[list[str] | None, str]:
    exe = given or shutil.which("docx-trackdiff") or shutil.which("docx-trackdiff", path=str(Path(sys.executable).parent))
    if not exe:
        return None, "not installed (pip install docx-trackdiff)"
    return [exe], exe


def run(cmd: list[str]) -> tuple[float, float, bool]:
    """(wall seconds, CPU seconds of the process and its children, exit status 0)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode == 0


def verdict(redline: Path, old: Path, new: Path) -> str:
    if not ORACLE.exists() or not redline.exists():
        return "-" if not ORACLE.exists() else "no output"
    proc = subprocess.run([sys.executable, str(ORACLE), "check", str(redline), str(old), str(new)],
                          capture_output=True, text=True)
    try:
        res = json.loads(proc.stdout)
    except json.JSONDecodeError:
        return "unreadable"
    a, r = res["accept"]["status"], res["reject"]["status"]
    return a if a == r else f"{a}/{r}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="only 500 and 2,000 clauses, 3 rounds")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--docxodus", help="the Docxodus redline binary")
    ap.add_argument("--trackdiff", help="the docx-trackdiff executable")
    ap.add_argument("--only", action="append", metavar="N", type=int,
                    help="only the sizes of N clauses or definitions (repeatable)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    sizes = SIZES[:2] if args.quick else SIZES
    if args.only:
        sizes = [x for x in SIZES if x[1] in args.only]
    repeat = 3 if args.quick else args.repeat
    secdocs_exe = Path(sys.executable).parent / "secdocs"
    # an installed package runs from bytecode compiled at install time (the peers do); an editable
    # checkout run with PYTHONDONTWRITEBYTECODE set would compile every module on every run
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "secdocs")], check=True)
    with tempfile.TemporaryDirectory(prefix="secdocs-bench-compare-") as tmp:
        folder = Path(tmp)
        pairs = make_pairs(folder, sizes)
        docxodus, dx_note = find_docxodus(args.docxodus, folder)
        trackdiff, td_note = find_trackdiff(args.trackdiff)
        tools = {
            "secdocs": lambda o, n, r: [str(secdocs_exe), "compare", str(o), str(n), "-o", str(r)],
            "docxodus": (lambda o, n, r: docxodus + [str(o), str(n), str(r)]) if docxodus else None,
            "trackdiff": (lambda o, n, r: trackdiff + [str(o), str(n), str(r)]) if trackdiff else None,
            "lxml floor": lambda o, n, r: [sys.executable, "-c", FLOOR, str(o), str(n), str(r)],
        }
        print(f"secdocs compare benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
              f"whole process, median of {repeat}, tools interleaved")
        print(f"docxodus: {dx_note}\ntrackdiff: {td_note}")
        rows = []
        for label, old, new in pairs:
            times: dict[str, list[float]] = {k: [] for k, v in tools.items() if v}
            cpus: dict[str, list[float]] = {k: [] for k in times}
            failed: set[str] = set()
            for _ in range(repeat):
                for name in times:
                    out = folder / f"{name.replace(' ', '-')}-{old.stem}.docx"
                    secs, cpu, ok = run(tools[name](old, new, out))
                    times[name].append(secs)
                    cpus[name].append(cpu)
                    if not ok:
                        failed.add(name)
            row = {"size": label}
            for name, ts in times.items():
                row[name] = round(statistics.median(ts), 3)
                row[f"{name} cpu"] = round(statistics.median(cpus[name]), 3)
                if name != "lxml floor":
                    out = folder / f"{name.replace(' ', '-')}-{old.stem}.docx"
                    row[f"{name} exact"] = "failed" if name in failed else verdict(out, old, new)
            rows.append(row)
            _print_row(row, times)
        if args.json:
            print(json.dumps(rows, indent=1))
    return 0


def _print_row(row: dict, times: dict) -> None:
    s, sc = row["secdocs"], row["secdocs cpu"]
    parts = [f"{row['size']:<16} secdocs {s:6.3f}s (cpu {sc:.3f}s, {row['secdocs exact']})"]
    for name in ("docxodus", "trackdiff", "lxml floor"):
        if name not in times:
            parts.append(f"{name}: not installed")
            continue
        peer, pc = row[name], row[f"{name} cpu"]
        note = f", {row[name + ' exact']}" if name + " exact" in row else ""
        parts.append(f"{name} {peer:6.3f}s (cpu {pc:.3f}s{note}) ratio {s / peer:.2f}× (cpu {sc / max(pc, 1e-9):.2f}×)")
    print(" | ".join(parts), flush=True)


if __name__ == "__main__":
    sys.exit(main())
