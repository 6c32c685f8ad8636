"""Reading the TOML files users write (modification.toml, amendments files, release files).

One reader for all of them, so every such file fails the same way: one line naming the file
(and the line, for a syntax error or a control character) and what is wrong, as the error kind the caller asks for
(``ConfigError`` by default; the amendments loader asks for ``AmendmentError``).
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .limits import MAX_TOML_BYTES
from . import check_values, read_input_text
from . import shown as _shown


def display_path(path: str | os.PathLike) -> str:
    """A path as messages show it: relative to the working directory when it lies below it."""
    return _shown(path)


def read_toml(path: str | os.PathLike, error: type[Exception] = ConfigError, shown: str | None = None) -> dict[str, Any]:
    """The TOML file at ``path`` as a dict; ``error`` with a one-line message when it is missing,
    not a regular file, over the size limit, not UTF-8, not valid TOML, nested too deep, or
    holds a control character (as a character or an escape) — naming the file and the line."""
    return read_toml_text(path, error, shown)[0]


def read_toml_text(path: str | os.PathLike, error: type[Exception] = ConfigError,
                   shown: str | None = None) -> tuple[dict[str, Any], str]:
    """:func:`read_toml` and the text it parsed (for line numbers, or an edit that keeps comments),
    the file read once."""
    path = Path(path)
    name = shown or display_path(path)
    text = read_input_text(path, MAX_TOML_BYTES, error=error, name=name)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"{name}:{m.group(1)}" if m else name
        raise error(f"{where}: not valid TOML ({str(exc).split(' (at line')[0]})") from None
    except RecursionError:
        raise error(f"{name}: nested too deep") from None
    check_values(data, name, error, text)
    return data, text
