"""Issue 15, category 6: publishing OUT. An interrupted publish is recovered by the next run,
two runs never write one OUT at once, worker processes die with their parent, and a killed
worker gives one line."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import ROOT, refused, run, tree

MOD = "modifications/MP134A"
REL = "releases/2021-10-04-adhoc.toml"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """OUT of ``secdocs apply MP134A``, built once for the module."""
    out = tmp_path_factory.mktemp("built") / "out"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        assert run("apply", MOD, "-o", out).code == 0
    finally:
        os.chdir(cwd)
    return out


def _previous(project: Path, built: Path) -> dict:
    """A previous OUT in the project, as the earlier run left it; its tree."""
    shutil.copytree(built, project / "out")
    return tree(project / "out")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".out."))


def test_leftovers_of_an_interrupted_publish_are_recovered(project, built):
    good = _previous(project, built)
    # what a kill between the two renames leaves: the old OUT aside, the new one not moved in
    old = project / ".out.abcd1234.old"
    old.mkdir()
    os.replace(project / "out", old / "x")
    (project / ".out.efgh5678.tmp").mkdir()
    (project / ".out.efgh5678.tmp" / "half.docx").write_bytes(b"half")
    (project / ".out.lock").write_bytes(b"")  # a lock file whose holder died
    assert run("apply", MOD, "-o", "out").code == 0
    assert tree(project / "out") == good
    assert leftovers(project) == [] and not (project / ".out.lock").exists()


def test_recover_puts_the_previous_out_back(tmp_path):
    from secdocs.workspace import recover

    out = tmp_path / "out"
    (tmp_path / ".out.abcd1234.old" / "x").mkdir(parents=True)
    (tmp_path / ".out.abcd1234.old" / "x" / "kept.txt").write_text("previous")
    (tmp_path / ".out.zzzz9999.tmp").mkdir()
    (tmp_path / ".outside.abcd1234.tmp").mkdir()  # another OUT's: not ours to touch
    recover(out)
    assert (out / "kept.txt").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".outside.abcd1234.tmp", "out"]


KILL_BETWEEN_RENAMES = textwrap.dedent("""
    import os, signal, sys
    real = os.replace
    def replace(src, dst, *a, **k):
        real(src, dst, *a, **k)
        if str(dst).endswith(os.sep + "x"):  # OUT has just been moved aside
            os.kill(os.getpid(), signal.SIGKILL)
    os.replace = replace
    from secdocs.cli import main
    main(sys.argv[1:])
""")


def test_sigkill_between_the_renames_is_recovered_by_the_next_run(project, built):
    good = _previous(project, built)
    proc = subprocess.run([sys.executable, "-c", KILL_BETWEEN_RENAMES, "apply", MOD, "-o", "out"], cwd=project,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert not (project / "out").exists() and leftovers(project)  # the hole the issue found
    ran = run("apply", MOD, "-o", "out")
    assert ran.code == 0, ran.err
    assert tree(project / "out") == good and leftovers(project) == []


def test_a_refused_run_still_recovers_the_previous_out(project, built):
    good = _previous(project, built)
    old = project / ".out.abcd1234.old"
    old.mkdir()
    os.replace(project / "out", old / "x")
    (project / MOD / "section-L.toml").write_text('document = "Section L"\n[[op]]\nkind = "nonsense"\n')
    assert run("apply", MOD, "-o", "out").code == 1  # refused: amendments invalid
    assert tree(project / "out") == good and leftovers(project) == []


def test_two_runs_into_one_out_the_second_is_refused(project, built):
    _previous(project, built)
    fd = os.open(project / ".out.lock", os.O_RDWR | os.O_CREAT)
    before = tree(project)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another run is publishing OUT
        refused(run("apply", MOD, "-o", "out"), "out", "another secdocs run")
        refused(run("release", "build", REL, "-o", "out", "-q"), "out", "another secdocs run")
    finally:
        os.close(fd)
    assert tree(project) == before


WORKERS = textwrap.dedent("""
    import os, signal, sys, time
    sys.path.insert(0, sys.argv[1])
    import secdocs.release.build as build
    import hostile_jobs
    build.run_job = getattr(hostile_jobs, sys.argv[2])
    from secdocs.cli import main
    main(sys.argv[3:])
""")

JOBS = textwrap.dedent("""
    import os, signal, time

    def slow(job, reader=None):
        time.sleep(60)

    def die(job, reader=None):
        os.kill(os.getpid(), signal.SIGKILL)
""")


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_workers_die_with_their_parent(project, tmp_path, sig):
    (tmp_path / "hostile_jobs.py").write_text(JOBS)
    proc = subprocess.Popen([sys.executable, "-c", WORKERS, str(tmp_path), "slow", "release", "build", REL,
                             "-o", "out", "-j", "2", "-q"], cwd=project, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(workers) < 2:
            time.sleep(0.05)
            workers = [c for c in _children(proc.pid) if _alive(c)]
        assert len(workers) >= 2, "the pool did not start"
        proc.send_signal(sig)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.05)
        assert not any(_alive(w) for w in workers), "workers outlived their parent"
    finally:
        if proc.poll() is None:
            proc.kill()
        for w in workers:  # a failing run leaves no orphans behind
            if _alive(w):
                os.kill(w, signal.SIGKILL)
    assert not (project / "out").exists()


def test_a_killed_worker_gives_one_line(project, tmp_path):
    (tmp_path / "hostile_jobs.py").write_text(JOBS)
    proc = subprocess.run([sys.executable, "-c", WORKERS, str(tmp_path), "die", "release", "build", REL,
                           "-o", "out", "-j", "2", "-q"], cwd=project, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "BrokenProcessPool" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "worker process building" in lines[0] and "died" in lines[0], proc.stderr
    assert not (project / "out").exists() and leftovers(project) == []
