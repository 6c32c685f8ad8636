"""Reading the TOML files users write (modification.toml, amendments files, release files).

One reader for all of them, so every such file fails the same way: one line naming the file
(and the line, for a syntax error) and what is wrong, as the error kind the caller asks for
(``ConfigError`` by default; the amendments loader asks for ``AmendmentError``).
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from .errors import ConfigError


def display_path(path: str | os.PathLike) -> str:
    """A path as messages show it: relative to the working directory when it lies below it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:
        return str(path)


def read_toml(path: str | os.PathLike, error: type[Exception] = ConfigError, shown: str | None = None) -> dict[str, Any]:
    """The TOML file at ``path`` as a dict; ``error`` with a one-line message when it is missing,
    not UTF-8 or not valid TOML (``shown`` is how the message names the file)."""
    path = Path(path)
    shown = shown or display_path(path)
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise error(f"{shown}: no such file") from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"{shown}:{m.group(1)}" if m else shown
        raise error(f"{where}: not valid TOML ({str(exc).split(' (at line')[0]})") from None
    except UnicodeDecodeError:
        raise error(f"{shown}: not UTF-8 text") from None
