"""Benchmark of the integrity checks (``secdocs check``): wall seconds, peak memory, findings.

    .venv/bin/python bench/bench_check.py [--scale F] [--keep DIR]

1. the bundled baselines alone, and with MP134A applied;
2. the full-size synthetic SEC made by bench/gen_sec.py (48 documents, ~21,000 provisions,
   Section A with 1,600 definitions), alone and with its six modifications applied in order.

Each check runs as ``secdocs check`` in a child process (reading the .docx baselines included),
measured as bench_release.py measures builds. The synthetic text is generated, so its findings
count says what the checks make of generated drafting, not of a real code. Prints a Markdown
table; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def main(argv: list[str] | None = None) -> int:
    from bench_release import measure
    from gen_sec import generate

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="size of the synthetic SEC (1.0 = full size)")
    ap.add_argument("--keep", type=Path, default=None, help="generate the synthetic SEC into this folder")
    args = ap.parse_args(argv)
    exe = [sys.executable, "-c", "import sys; from secdocs.cli import main; sys.argv[0] = \"secdocs\"; main()"]
    work = args.keep or Path(tempfile.mkdtemp(prefix="secdocs-bench-check-"))
    work.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    counts = generate(work / "synthetic", scale=args.scale)
    gen_seconds = time.perf_counter() - t
    mods = sorted(str(p) for p in (work / "synthetic" / "modifications").iterdir() if p.is_dir())
    runs = [
        ("bundled baselines (6 documents)", ["check", "--baselines", str(ROOT / "baselines")]),
        ("bundled + MP134A", ["check", "--baselines", str(ROOT / "baselines"), str(ROOT / "modifications" / "MP134A")]),
        (f"synthetic SEC ({counts['documents']} docs, {counts['provisions']:,} provisions, "
         f"{counts['definitions']:,} definitions)", ["check", "--baselines", str(work / "synthetic" / "baselines")]),
        (f"synthetic + its {len(mods)} modifications", ["check", "--baselines", str(work / "synthetic" / "baselines")]
         + mods),
    ]
    print(f"synthetic SEC generated in {gen_seconds:.1f} s (not timed below)\n")
    print("| set | wall s | peak RSS MB | exit | summary |")
    print("|---|---:|---:|---:|---|")
    for name, args_ in runs:
        m = measure(exe + args_)
        last = (m["stdout"] or m["stderr"]).splitlines()[-1] if (m["stdout"] or m["stderr"]) else ""
        print(f"| {name} | {m['seconds']:.1f} | {m['tree_mb']:.0f} | {m['status']} | {last} |")
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
