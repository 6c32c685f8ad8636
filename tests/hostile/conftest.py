"""Shared helpers of the hostile-use suite (issue 15): a private copy of the bundled data to
attack, running a command in-process, hashing a tree before and after, and the one-line checks.

Each test builds its case at test time in a temporary folder; nothing is kept in the repository.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))  # reader_helpers

from secdocs.cli import main  # noqa: E402


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A copy of the checkout's data (baselines, modifications, releases) as the working directory."""
    proj = tmp_path / "proj"
    for name in ("baselines", "modifications", "releases"):
        shutil.copytree(ROOT / name, proj / name)
    monkeypatch.chdir(proj)
    return proj


def tree(root: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """relative path → sha256 of every file (and "<dir>" for every folder) below root."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            rel = os.path.relpath(os.path.join(dirpath, d), root)
            if not (skip and rel.startswith(skip)):
                out[rel] = "<dir>"
        for f in filenames:
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, root)
            if skip and rel.startswith(skip):
                continue
            if os.path.islink(path) or not os.path.isfile(path):
                out[rel] = "<special>"
                continue
            with open(path, "rb") as fh:
                out[rel] = hashlib.sha256(fh.read()).hexdigest()
    return out


class Ran:
    def __init__(self, result):
        self.code = result.exit_code
        self.out = result.stdout
        self.err = result.stderr
        self.exception = result.exception

    @property
    def errors(self) -> list[str]:
        return [x for x in self.err.splitlines() if x.startswith("secdocs: error:")]


def run(*args: str) -> Ran:
    """``secdocs ARGS`` in this process (click's runner), stdout and stderr apart."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result)


def refused(ran: Ran, *names: str, status: int | None = None) -> str:
    """The command failed with one line (``secdocs: error: …``) naming each of ``names``, no
    traceback; returns the line."""
    assert ran.code != 0, (ran.out, ran.err)
    if status is not None:
        assert ran.code == status, ran.err
    assert "Traceback" not in ran.err
    lines = [x for x in ran.err.splitlines() if x.strip() and not x.startswith("secdocs: warning:")]
    errors = [x for x in lines if x.startswith("secdocs: error: ")]
    assert len(errors) == 1, ran.err
    # besides the one error, at most the summary line of a command that collects errors
    assert len(lines) <= 2 and all(x.startswith("secdocs: ") for x in lines), ran.err
    for name in names:
        assert name in errors[0], (name, errors[0])
    return errors[0]
