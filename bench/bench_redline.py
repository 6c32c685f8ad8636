"""Benchmark: redline, write and read of SEC-shaped documents of growing size.

    python bench/bench_redline.py [--quick] [--no-files] [--repeat N]

For each size (500, 2,000 and 8,000 clauses; 1,000 and 3,000 definitions) it generates a
document and an amended version (bench/generate.py: words changed, clauses inserted and made
"Not used", paragraphs deleted, definitions inserted, amended and deleted; uids kept), then times:

* ``redline``  — the marked Document by identity (what ``secdocs redline`` does after apply);
* ``write`` — writing the tracked redline .docx from the marked Document;
* ``read`` — reading one input file (OLD.docx) into a Document, in-process (the file is written
  beforehand and not timed).

``secdocs compare`` of two files (the in-place engine, ``secdocs.ooxml.compare``) is measured
against its peers by bench/bench_compare.py.

Each step runs in a fresh child process. Wall seconds are the best of ``--repeat`` runs (default
3); peak memory is the largest Python heap the step allocates (``tracemalloc``, one more run,
not timed) over what the generated documents already take. The table ends with the growth factor per size step so linearity is visible: ×4
clauses should cost about ×4 time.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing as mp
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIZES = [("clauses", 500), ("clauses", 2000), ("clauses", 8000), ("definitions", 1000), ("definitions", 3000)]


def _make(kind: str, n: int):
    from bench.generate import amend, definitions, section

    base = section(n) if kind == "clauses" else definitions(n)
    return base, amend(base)


def _have_reader() -> bool:
    import importlib.util

    return importlib.util.find_spec("secdocs.ooxml.read") is not None


def _step(kind: str, n: int, step: str, repeat: int, folder: str, queue) -> None:
    """One timed step in a child process; puts (seconds, peak MiB above baseline, detail)."""
    from secdocs.render import redline

    base, new = _make(kind, n)
    detail = {}
    if step == "read":
        from secdocs.ooxml.read import read_docx  # imported before the clock starts
        from secdocs.ooxml.write import write_docx

        old_path = Path(folder) / f"{kind}-{n}-old.docx"
        if not old_path.exists():
            write_docx(base, old_path)
        detail["bytes"] = old_path.stat().st_size
    marked = redline(base, new, author="bench", date="2021-10-04").document if step == "write" else None
    gc.collect()
    best = float("inf")
    peak = 0.0
    for attempt in range(repeat + 1):
        # the last pass runs under tracemalloc for the peak memory (and is not timed: tracing
        # slows Python down several times)
        traced = attempt == repeat
        if traced:
            tracemalloc.start()
        t = time.perf_counter()
        if step == "redline":
            r = redline(base, new, author="bench", date="2021-10-04")
            detail["changes"] = len(r.changes)
        elif step == "write":
            from secdocs.ooxml.write import docx_bytes

            detail["bytes"] = len(docx_bytes(marked))
        elif step == "read":
            read_docx(old_path)
        if traced:
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        else:
            best = min(best, time.perf_counter() - t)
    queue.put((best, peak, detail))


def run_step(kind, n, step, repeat, folder):
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_step, args=(kind, n, step, repeat, folder, q))
    p.start()
    result = q.get()
    p.join()
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="only the two smallest sizes, one repeat")
    ap.add_argument("--no-files", action="store_true", help="skip the .docx steps (write, read)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print the results as JSON too")
    args = ap.parse_args(argv)
    sizes = SIZES[:2] if args.quick else SIZES
    repeat = 1 if args.quick else args.repeat
    steps = ["redline"]
    if not args.no_files:
        steps.append("write")
        if _have_reader():
            steps.append("read")
    print(f"secdocs redline benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"best of {repeat}")
    print(f"{'size':<18}{'step':<15}{'seconds':>9}{'peak MiB':>10}{'changes':>9}  detail")
    rows = []
    with tempfile.TemporaryDirectory(prefix="secdocs-bench-") as folder:
        for kind, n in sizes:
            for step in steps:
                secs, mib, detail = run_step(kind, n, step, repeat, folder)
                rows.append({"size": f"{n} {kind}", "kind": kind, "n": n, "step": step, "seconds": round(secs, 4),
                             "peak_mib": round(mib, 1), **detail})
                extra = ", ".join(f"{k}={v}" for k, v in detail.items() if k != "changes")
                print(f"{f'{n:,} {kind}':<18}{step:<15}{secs:>9.3f}{mib:>10.1f}{detail.get('changes', ''):>9}  {extra}",
                      flush=True)
    print()
    print("growth (time ratio for the size ratio):")
    for kind in ("clauses", "definitions"):
        for step in steps:
            pts = [r for r in rows if r["kind"] == kind and r["step"] == step]
            for a, b in zip(pts, pts[1:]):
                print(f"  {kind:<12}{step:<15}{a['n']:>6,} → {b['n']:>6,} (×{b['n'] / a['n']:.0f}): "
                      f"time ×{b['seconds'] / max(a['seconds'], 1e-9):.1f}")
    if args.json:
        print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
