"""Benchmark of the release build: wall seconds and peak memory, default and full-size release.

    .venv/bin/python bench/bench_release.py [--jobs N] [--scale F] [--keep DIR]

1. the bundled default release (releases/2021-10-04-adhoc.toml: MP134A over six documents);
2. the second, illustrative release (releases/2021-11-04-illustrative.toml, stacked on it);
3. a full-size synthetic SEC made by bench/gen_sec.py (48 documents, ~21,000 provisions, Section A
   with 1,600 definitions) and its release of six modifications (~240 operations, 26 documents).

Each build runs as ``secdocs release build … -q`` in a child process, so its memory is its own:
"peak RSS (tree)" is the largest sum of resident memory over the build's process tree (the
command and its worker processes), sampled every 20 ms; "largest process" is the largest
single-process peak the kernel reports (``ru_maxrss`` of the children). Generating the synthetic
SEC (source text, then .docx through scripts/build_baselines.py) is timed on its own line and
is not part of the build time. Targets (issue 6): the full-size release under 30 s and 1 GB on
2 cores. Prints a Markdown table; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(x) for x in fh.read().split()]
    except OSError:
        pass
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(pid: int) -> int:
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _rss_kb(p)
        stack += _children(p)
    return total


def measure(cmd: list[str]) -> dict:
    """Run a command: wall seconds, peak RSS of its process tree (sampled), its largest single
    process (``wait4``'s ``ru_maxrss``: the command or any of its reaped workers), exit status."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        peak = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, tree_rss_kb(proc.pid))
            time.sleep(0.02)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"seconds": wall, "tree_mb": peak / 1024, "largest_mb": usage.ru_maxrss / 1024,
                "status": proc.returncode, "stdout": out.read().strip(), "stderr": err.read().strip()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=None, help="--jobs for the builds (default: the number of cores)")
    ap.add_argument("--scale", type=float, default=1.0, help="size of the synthetic SEC (1.0 = full size)")
    ap.add_argument("--keep", type=Path, default=None, help="generate the synthetic SEC and build into this folder")
    args = ap.parse_args(argv)
    exe = [sys.executable, "-c", "import sys; from secdocs.cli import main; sys.argv[0] = \"secdocs\"; main()"]
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    work = args.keep or Path(tempfile.mkdtemp(prefix="secdocs-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []

    for name, release in (("default (MP134A, SEC v47.0)", ROOT / "releases" / "2021-10-04-adhoc.toml"),
                          ("second (MP901+MP902 on v47.0)", ROOT / "releases" / "2021-11-04-illustrative.toml")):
        m = measure(exe + ["release", "build", str(release), "-o", str(work / release.stem), "-q"] + jobs)
        rows.append((name, m))

    from gen_sec import generate

    t = time.perf_counter()
    counts = generate(work / "synthetic", scale=args.scale)
    gen_seconds = time.perf_counter() - t
    # --no-check: the generated text has integrity errors of its own (Section A rows citing clauses
    # it made "Not used"; bench/bench_check.py lists them), which would refuse the build
    m = measure(exe + ["release", "build", counts["release"], "-o", str(work / "synthetic-out"), "-q", "--no-check"]
                + jobs)
    rows.append((f"full-size synthetic ({counts['documents']} docs, {counts['provisions']:,} provisions, "
                 f"{counts['definitions']:,} definitions, {counts['modifications']} mods, "
                 f"{counts['operations']} ops)", m))

    print(f"cores: {os.cpu_count()}, jobs: {args.jobs or os.cpu_count()}, python {sys.version.split()[0]}")
    print(f"synthetic SEC generated in {gen_seconds:.1f} s (sources + .docx baselines; not timed below)\n")
    print("| release | wall s | peak RSS (tree) MB | largest process MB | result |")
    print("|---|---:|---:|---:|---|")
    failed = False
    for name, m in rows:
        result = m["stdout"].splitlines()[-1] if m["status"] == 0 and m["stdout"] else f"FAILED ({m['status']}): " + \
            (m["stderr"].splitlines()[-1] if m["stderr"] else "")
        failed |= m["status"] != 0
        print(f"| {name} | {m['seconds']:.1f} | {m['tree_mb']:.0f} | {m['largest_mb']:.0f} | {result} |")
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
