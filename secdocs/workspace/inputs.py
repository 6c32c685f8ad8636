"""What secdocs reads: the inputs of a command, read safely.

* :func:`read_input` (and :func:`read_input_text`, :func:`read_json`): a regular file (FIFOs,
  devices and folders refused without a blocking open) under a size limit
  (:mod:`secdocs.workspace.limits`); text checked once, here, for characters XML cannot carry
  (:func:`check_text`; :func:`check_values` for the strings of parsed TOML and JSON, and their
  nesting).
* :func:`inside`: a path a data file names (a manifest's ``file``, an ``amendments =``) joined
  to its folder, refusing an absolute path, ``..`` or a symbolic link out of the folder.
* :func:`session` / :func:`note_input`: every file read and every input folder a command names
  is remembered for the command's run, so that ``workspace.check_output`` can refuse an OUT
  that is, holds or sits inside one. :func:`guarded` runs a library entry point in a session.
"""

from __future__ import annotations

import contextvars
import functools
import json
import os
import re
import stat
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import BadInputError, ConfigError, SecdocsError
from .limits import MAX_JSON_BYTES, MAX_NESTING


def shown(path: str | os.PathLike) -> str:
    """A path as messages show it: relative to the working directory when it lies below it."""
    try:
        rel = os.path.relpath(path)
        return str(path) if rel.startswith("..") else rel
    except ValueError:
        return str(path)


@dataclass
class Session:
    """The inputs of one command: files read and folders named."""

    files: set[Path] = field(default_factory=set)
    folders: set[Path] = field(default_factory=set)


_SESSION: contextvars.ContextVar[Session | None] = contextvars.ContextVar("secdocs_session", default=None)


@contextmanager
def session() -> Iterator[Session]:
    """The inputs noted while the block runs are guarded against outputs (nested: the outer one)."""
    current = _SESSION.get()
    if current is not None:
        yield current
        return
    token = _SESSION.set(Session())
    try:
        yield _SESSION.get()
    finally:
        _SESSION.reset(token)


def guarded(function: Callable) -> Callable:
    """Run ``function`` in a :func:`session` (a library entry point that reads and writes)."""
    @functools.wraps(function)
    def run(*args, **kwargs):
        with session():
            return function(*args, **kwargs)
    return run


def current() -> Session | None:
    """The session of the command that is running (None outside one)."""
    return _SESSION.get()


def resolved(path: str | os.PathLike) -> Path:
    """A path made absolute with symbolic links followed: how inputs and outputs are compared."""
    return Path(os.path.abspath(os.path.realpath(os.fspath(path))))


def note_input(path: str | os.PathLike, folder: bool = False) -> None:
    """Remember an input of the current session (no session: nothing to remember)."""
    current = _SESSION.get()
    if current is not None:
        (current.folders if folder else current.files).add(resolved(path))


def read_input(path: str | os.PathLike, limit: int, *, error: type[SecdocsError] = BadInputError,
               name: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``error`` naming the file otherwise.

    The file is opened without blocking (a FIFO never hangs) and checked with ``fstat`` on the
    descriptor that is read, so what is checked is what is read."""
    name = name or shown(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise error(f"{name}: cannot read (no such file)") from None
    except IsADirectoryError:
        raise error(f"{name}: is a folder, not a file") from None
    except OSError as exc:
        raise error(f"{name}: cannot read ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error(f"{name}: is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{name}: not a regular file (a pipe, socket or device); refused")
        if info.st_size > limit:
            raise error(f"{name}: larger than the limit of {_size(limit)} ({_size(info.st_size)})")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            data = fh.read(limit + 1)
    except OSError as exc:
        raise error(f"{name}: cannot read ({exc.strerror or exc})") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise error(f"{name}: larger than the limit of {_size(limit)}")
    note_input(path)
    return data


def _size(n: int) -> str:
    return f"{n / 2**20:.0f} MiB" if n >= 2**20 else f"{n} bytes"


def read_input_text(path: str | os.PathLike, limit: int, *, error: type[SecdocsError] = BadInputError,
                    name: str | None = None) -> str:
    """A regular UTF-8 text file (BOM allowed) without characters XML cannot carry."""
    name = name or shown(path)
    data = read_input(path, limit, error=error, name=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise error(f"{name}:{line}: not UTF-8 text ({exc.reason})") from None
    check_text(text, name, error)
    return text


def read_json(path: str | os.PathLike, *, error: type[SecdocsError] | None = None, name: str | None = None) -> Any:
    """A JSON file (a baselines manifest) read with :func:`read_input_text`'s checks, its
    nesting bounded and its strings free of control characters."""

    error = error or ConfigError
    name = name or shown(path)
    text = read_input_text(path, MAX_JSON_BYTES, error=error, name=name)
    try:
        data = json.loads(text)
    except RecursionError:
        raise error(f"{name}: nested too deep") from None
    except ValueError as exc:
        raise error(f"{name}: not valid JSON ({getattr(exc, 'msg', exc)} at line {getattr(exc, 'lineno', 1)})") from None
    check_values(data, name, error, text)
    return data


# Characters XML 1.0 cannot carry (C0 controls but tab, LF, CR; U+FFFE, U+FFFF; lone
# surrogates), and the other control characters (DEL, C1), which no SEC text needs.
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def bad_character(text: str) -> re.Match | None:
    """The first character of ``text`` XML cannot carry (or that is a control character)."""
    return _BAD_CHAR.search(text)


def check_text(text: str, name: str, error: type[SecdocsError] = BadInputError) -> None:
    """Refuse text holding a control character, naming the file, line and column."""
    m = _BAD_CHAR.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        raise error(f"{name}:{line}:{column}: control character U+{ord(m.group()):04X} is not allowed in text")


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def check_values(data: Any, name: str, error: type[SecdocsError] = BadInputError, text: str = "",
                 limit: int | None = None) -> None:
    """Refuse parsed TOML or JSON whose strings hold a control character (written as an escape
    such as ``\\u0001``), or nested more than ``limit`` deep; the line is found in ``text``."""
    limit = MAX_NESTING if limit is None else limit
    stack: list[tuple[Any, str, int]] = [(data, "", 1)]
    while stack:
        value, key, depth = stack.pop()
        if depth > limit:
            raise error(f"{name}: nested more than {limit} deep (at {key or 'the top'})")
        if isinstance(value, dict):
            stack.extend((v, f"{key}.{k}" if key else str(k), depth + 1) for k, v in value.items())
            for k in value:
                if isinstance(k, str) and _BAD_CHAR.search(k):
                    _refuse_escape(k, key, name, error, text)
        elif isinstance(value, list):
            stack.extend((v, f"{key}[{i + 1}]", depth + 1) for i, v in enumerate(value))
        elif isinstance(value, str) and _BAD_CHAR.search(value):
            _refuse_escape(value, key, name, error, text)


def _refuse_escape(value: str, key: str, name: str, error: type[SecdocsError], text: str) -> None:
    char = _BAD_CHAR.search(value).group()
    line = 0
    for n, row in enumerate(text.splitlines(), 1):
        if any(chr(int(m.group(1) or m.group(2), 16)) == char for m in _ESCAPE.finditer(row)
               if int(m.group(1) or m.group(2), 16) <= 0x10FFFF):
            line = n
            break
    where = f"{name}:{line}" if line else name
    raise error(f"{where}: {key or 'a value'}: control character U+{ord(char):04X} is not allowed in text")


def inside(folder: str | os.PathLike, relative: str, where: str,
           error: type[SecdocsError] = BadInputError) -> Path:
    """``folder/relative``, refusing a ``relative`` that is absolute, holds ``..``, or (through
    symbolic links) leads out of ``folder``; ``where`` names the file and key in the message."""
    if not isinstance(relative, str) or not relative.strip():
        raise error(f"{where}: an empty path")
    if bad_character(relative):
        raise error(f"{where}: {relative!r}: a control character in a path")
    pure = relative.replace("\\", "/")
    if pure.startswith("/") or re.match(r"^[A-Za-z]:", pure) or os.path.isabs(relative):
        raise error(f"{where}: {relative!r}: an absolute path; give one relative to {shown(folder)}")
    if ".." in pure.split("/"):
        raise error(f"{where}: {relative!r}: a path with '..' leaves {shown(folder)}")
    path = Path(folder) / relative
    base = resolved(folder)
    if path.exists() and not within(resolved(path), base):
        raise error(f"{where}: {relative!r}: leads out of {shown(folder)} (a symbolic link)")
    return path


def within(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies below it (both resolved)."""
    return path == folder or folder in path.parents
