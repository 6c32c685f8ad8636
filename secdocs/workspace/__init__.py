"""Where secdocs reads and writes: inputs, output folders, safe file names, publishing.

Three rules (DESIGN.md invariant 7), each kept in one function so every command gets them by
calling it (the reading side lives in :mod:`secdocs.workspace.inputs` and is re-exported here):

* **Every file read** goes through :func:`read_input`: a regular file (FIFOs, devices, folders
  refused without opening them for a blocking read) under a size limit (:mod:`secdocs.workspace.limits`).
  Text read from TOML is checked once, here, for characters XML cannot carry
  (:func:`check_text`, :func:`check_values`). Paths a file names (a manifest's ``file``, an
  ``amendments =``) are joined with :func:`inside`, which refuses absolute paths and ``..``.
* **Every output** goes through :func:`check_output` (``ooxml.package.atomic_dir`` /
  ``atomic_file`` call it): OUT may not be, hold, or sit inside an input. The inputs are those
  noted in the current :func:`session` — every file :func:`read_input` read, and the folders
  commands name with :func:`note_input` (modification folders, baselines, a release file's
  folder). The CLI opens one session per command; library entry points open their own.
* **Every output name** is a :func:`safe_name` (one path component, no dot-files), joined with
  :func:`inside`, and :func:`unique_names` refuses two ids that would share a file.

:func:`publish_dir` replaces a folder as a whole under a lock, and recovers what an interrupted
run left (see its docstring).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import SecdocsError
from .inputs import (bad_character, check_text, check_values, current, guarded, inside, note_input,  # noqa: F401
                     read_input, read_input_text, read_json, resolved, session, shown, within)


class OutputError(SecdocsError):
    """An output that would destroy or pollute an input, or leave OUT: refused before writing."""

    exit_status = 2


# ---------------------------------------------------------------------------------------------
# Output names

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(text: str, default: str = "document") -> str:
    """One safe path component: letters, digits, ``.``, ``_``, ``-`` (anything else becomes
    ``-``), not starting with a dot or a dash, at most 100 characters."""
    name = _UNSAFE.sub("-", str(text)).strip(".-")[:100].rstrip(".-")
    return name or default


def document_slug(doc_id: str) -> str:
    """File stem of a document: "Section L" → "section-L", "Appendix AB" → "appendix-AB"."""
    head, _, tail = str(doc_id).strip().partition(" ")
    stem = f"{head.lower()}-{tail.replace(' ', '-')}" if tail else head.lower()
    return safe_name(stem)


def check_id(ident: str, where: str, error: type[SecdocsError] = OutputError) -> None:
    """Refuse a document id that could only be a path: ``/``, ``\\``, ``..`` or a control character
    (outputs are named after ids; :func:`document_slug` would make it safe, but it is not an id)."""
    if re.search(r"[/\\]|\.\.", ident) or bad_character(ident) or not document_slug(ident):
        raise error(f"{where}: {ident!r} is not a document id (no '/', '\\', '..' or control characters)")


def unique_names(pairs: list[tuple[str, str]], where: str, error: type[SecdocsError] = OutputError) -> None:
    """Refuse two ids (``(id, file name)`` pairs) whose files are the same, ignoring case (as
    Windows and macOS do): the message names both ids and the file."""
    seen: dict[str, str] = {}
    for ident, name in pairs:
        key = name.casefold()
        if key in seen:
            first = seen[key]
            if first == ident:
                raise error(f"{where}: {ident!r} is listed twice")
            raise error(f"{where}: {first!r} and {ident!r} would both be written as {name}")
        seen[key] = ident


def join_output(out: str | os.PathLike, name: str) -> Path:
    """``out/name`` for a relative output name (sub-folders allowed), refusing one that leaves OUT."""
    path = inside(out, name, f"output {name!r}", OutputError)
    if not within(Path(os.path.normpath(os.path.abspath(path))), Path(os.path.abspath(out))):
        raise OutputError(f"output {name!r} would be written outside {shown(out)}")
    return path


# ---------------------------------------------------------------------------------------------
# Outputs


def check_output(out: str | os.PathLike, *, folder: bool) -> Path:
    """OUT, resolved, when it is safe to replace: not an input, not holding an input or the
    working directory, not inside an input folder, not being written by another run.
    OutputError (one line) otherwise. For a folder, what an interrupted run left beside it is
    recovered first (:func:`recover`), so even a run that is refused later repairs OUT."""
    target = resolved(out)
    _check_inputs(target, shown(out), folder)
    if folder:
        _probe_lock(target)
        if _leftovers(target):
            with _lock(target):
                recover(target)
    return target


def _check_inputs(target: Path, name: str, folder: bool) -> None:
    home = Path.home().resolve() if "HOME" in os.environ else None
    if target == Path(target.anchor) or (folder and home is not None and target == home):
        what = "the root folder" if target == Path(target.anchor) else "the home folder"
        raise OutputError(f"-o {name}: refusing to replace {what}")
    if folder and within(resolved(os.getcwd()), target):
        raise OutputError(f"-o {name}: is the working directory or holds it; give a new folder for the output")
    inputs = current()
    if inputs is None:
        return
    for f in sorted(inputs.files):
        if f == target:
            raise OutputError(f"-o {name}: is an input ({shown(f)}); refusing to overwrite it")
        if folder and target in f.parents:
            raise OutputError(f"-o {name}: holds an input ({shown(f)}); refusing to replace it")
    for d in sorted(inputs.folders):
        if d == target or (folder and target in d.parents):
            raise OutputError(f"-o {name}: {'is' if d == target else 'holds'} the input folder {shown(d)};"
                              f" refusing to replace it")
        if d in target.parents:
            raise OutputError(f"-o {name}: is inside the input folder {shown(d)}; give a folder outside it")


def _busy(target: Path) -> OutputError:
    return OutputError(f"-o {shown(target)}: another secdocs run is writing it; try again when it has finished")


def _probe_lock(target: Path) -> None:
    """Refuse early when another run holds OUT's lock (the lock itself is taken when publishing)."""
    import fcntl  # POSIX only: imported where the lock is taken, not on importing secdocs

    try:
        fd = os.open(target.parent / f".{target.name}.lock", os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        raise _busy(target) from None
    finally:
        os.close(fd)


@contextmanager
def _lock(target: Path) -> Iterator[None]:
    """An exclusive lock on OUT (``.OUT.lock`` beside it) for one writer at a time."""
    import fcntl  # POSIX only: imported where the lock is taken, not on importing secdocs

    path = target.parent / f".{target.name}.lock"
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | os.O_NOFOLLOW, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise _busy(target) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the file was removed by the run before us: lock the new one
    try:
        yield
    finally:
        try:
            os.unlink(path)
        finally:
            os.close(fd)


def _leftovers(target: Path) -> list[Path]:
    """The temporary folders and files an interrupted run left beside OUT."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.[A-Za-z0-9_]{{8}}\.(tmp|old)$")
    try:
        return sorted(p for p in target.parent.iterdir() if pattern.match(p.name))
    except OSError:
        return []


def recover(target: Path) -> None:
    """Finish or undo what an interrupted publish left (called under OUT's lock): when OUT is
    missing and a previous OUT waits in ``.OUT.*.old``, it is put back; then every leftover
    ``.OUT.*.tmp`` / ``.OUT.*.old`` is removed."""
    leftovers = _leftovers(target)
    if not target.exists() and not target.is_symlink():
        for old in leftovers:
            if old.name.endswith(".old") and (old / "x").exists():
                os.replace(old / "x", target)
                break
    for path in leftovers:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


@contextmanager
def publish_dir(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a fresh temporary folder beside OUT; when the block succeeds it replaces OUT.

    OUT is checked first (:func:`check_output`); the run holds OUT's lock throughout, so two
    runs never interleave; anything an earlier interrupted run left is recovered first
    (:func:`recover`). The previous OUT is moved aside, the new one renamed in, then the old one
    removed: a kill between the two renames leaves the old OUT in ``.OUT.*.old``, which the next
    run puts back."""
    target = check_output(path, folder=True)
    if target.exists() and not target.is_dir():
        raise OutputError(f"-o {shown(path)}: is a file, not a folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    with _lock(target):
        recover(target)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
        try:
            try:
                yield tmp
            except OSError as exc:  # a full disk names OUT (write() errors carry no file name)
                raise name_write_error(exc, path)
            old = None
            if target.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
                os.replace(target, old / "x")
            os.replace(tmp, target)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def publish_file(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside the output file; renamed into place when the block succeeds
    (the output is checked first with :func:`check_output`)."""
    target = check_output(path, folder=False)
    if target.is_dir():
        raise OutputError(f"-o {shown(path)}: is a folder, not a file")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        try:
            yield Path(tmp)
        except OSError as exc:
            raise name_write_error(exc, path)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def name_write_error(exc: OSError, where: str | os.PathLike) -> OSError:
    """An OSError from writing, given the output's name when it has none (ENOSPC from write())."""
    if exc.filename is None and exc.errno is not None:
        exc.filename = shown(where)
    return exc

