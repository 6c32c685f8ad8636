"""Benchmark: compare and redline of SEC-shaped documents of growing size.

    python bench/bench_redline.py [--quick] [--no-files] [--repeat N]

For each size (500, 2,000 and 8,000 clauses; 1,000 and 3,000 definitions) it generates a
document and an amended version (bench/generate.py: words changed, clauses inserted and made
"Not used", paragraphs deleted, definitions inserted, amended and deleted; uids kept), then times:

* ``redline``  — the marked Document by identity (what ``secdocs redline`` does after apply);
* ``compare``  — the marked Document by content (number, text similarity), what
  ``secdocs compare`` does after reading the two files;
* ``compare-files`` — ``secdocs compare`` end to end in-process: read OLD.docx and NEW.docx,
  align, diff, write the tracked redline .docx (needs the reader, ``secdocs.ooxml.read``; the two
  input files are written beforehand and not timed);
* ``write`` — writing the tracked redline .docx from the marked Document;
* ``read`` — reading one input file (OLD.docx) into a Document, in-process (what each side of
  ``compare-files`` costs on its own; the file is written beforehand and not timed).

Each step runs in a fresh child process. Wall seconds are the best of ``--repeat`` runs (default
3); peak memory is the largest Python heap the step allocates (``tracemalloc``, one more run,
not timed) over what the generated documents already take — for ``compare-files`` it is the peak
resident memory of one sequential compare in a fresh interpreter, over that interpreter's
size after imports. ``compare-files`` reads its two files in two processes when they are large
(``render.compare_model.read_both``), and its detail splits the best run into ``read_s`` (both files,
``read_mode`` saying whether in two processes or one after the other), ``align_diff_s`` and
``write_s``. The table ends with the growth factor per size step so linearity is visible: ×4
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
    if step in ("compare-files", "read"):
        from secdocs.ooxml.write import write_docx

        old_path, new_path = Path(folder) / f"{kind}-{n}-old.docx", Path(folder) / f"{kind}-{n}-new.docx"
        if not old_path.exists():
            write_docx(base, old_path)
            write_docx(new, new_path)
        detail["bytes"] = old_path.stat().st_size + (new_path.stat().st_size if step == "compare-files" else 0)
        if step == "compare-files":
            detail["read_mode"] = _read_mode(old_path, new_path)
        else:
            from secdocs.ooxml.read import read_docx  # imported before the clock starts
    marked = redline(base, new, author="bench", date="2021-10-04").document if step == "write" else None
    gc.collect()
    best = float("inf")
    peak = 0.0
    timings = []
    for attempt in range(repeat + (step != "compare-files")):
        # the last pass runs under tracemalloc for the peak memory (and is not timed: tracing
        # slows Python down several times); compare-files is measured apart (_compare_files_rss)
        traced = attempt == repeat
        if traced:
            tracemalloc.start()
        t = time.perf_counter()
        if step == "redline":
            r = redline(base, new, author="bench", date="2021-10-04", match="uid")
            detail["changes"] = len(r.changes)
        elif step == "compare":
            r = redline(base, new, author="bench", date="2021-10-04", match="content")
            detail["changes"] = len(r.changes)
        elif step == "write":
            from secdocs.ooxml.write import docx_bytes

            detail["bytes"] = len(docx_bytes(marked))
        elif step == "read":
            read_docx(old_path)
        elif step == "compare-files":
            from secdocs.ooxml.write import docx_bytes
            from secdocs.render.compare_model import compare, read_both

            t_read = time.perf_counter()
            a, b = read_both(old_path, new_path)
            t_align = time.perf_counter()
            c = compare(a, b, author="bench", date="2021-10-04")
            t_write = time.perf_counter()
            docx_bytes(c.document)
            t_end = time.perf_counter()
            if not traced:
                timings.append((t_end - t_read, dict(read_s=round(t_align - t_read, 3),
                                                     align_diff_s=round(t_write - t_align, 3),
                                                     write_s=round(t_end - t_write, 3))))
            detail["changes"] = len(c.changes)
        if traced:
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        else:
            best = min(best, time.perf_counter() - t)
    if timings:
        detail.update(min(timings, key=lambda t: t[0])[1])  # the phases of the best run
    queue.put((best, peak, detail))


def _read_mode(old_path: Path, new_path: Path) -> str:
    """How ``render.compare_model.read_both`` reads these two files by default (its own rule)."""
    from secdocs.render.compare_model import PARALLEL_BYTES

    parallel = (os.cpu_count() or 1) >= 2 and "fork" in mp.get_all_start_methods() \
        and all(p.stat().st_size >= PARALLEL_BYTES for p in (old_path, new_path))
    return "2 processes" if parallel else "1 process"


def _compare_files_rss(old_path: str, new_path: str, queue) -> None:
    """Peak resident memory of one sequential compare of two files, in a fresh interpreter
    (tracemalloc would count the reader's read buffer, allocated at its size limit but never
    touched)."""
    import resource

    from secdocs.ooxml.write import docx_bytes
    from secdocs.render.compare_model import compare, read_both

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    a, b = read_both(old_path, new_path, parallel=False)
    docx_bytes(compare(a, b, author="bench", date="2021-10-04").document)
    queue.put((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024)


def run_step(kind, n, step, repeat, folder):
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_step, args=(kind, n, step, repeat, folder, q))
    p.start()
    result = q.get()
    p.join()
    if step == "compare-files":
        spawn = mp.get_context("spawn")
        q2 = spawn.Queue()
        p2 = spawn.Process(target=_compare_files_rss,
                           args=(str(Path(folder) / f"{kind}-{n}-old.docx"), str(Path(folder) / f"{kind}-{n}-new.docx"), q2))
        p2.start()
        rss = q2.get()
        p2.join()
        result = (result[0], rss, result[2])
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="only the two smallest sizes, one repeat")
    ap.add_argument("--no-files", action="store_true", help="skip the .docx steps (write, compare-files)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print the results as JSON too")
    args = ap.parse_args(argv)
    sizes = SIZES[:2] if args.quick else SIZES
    repeat = 1 if args.quick else args.repeat
    steps = ["redline", "compare"]
    if not args.no_files:
        steps.append("write")
        if _have_reader():
            steps += ["read", "compare-files"]
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
