"""``secdocs compare`` as a library call: two .docx files in, NEW marked in place out.

The engine is :func:`secdocs.ooxml.compare.compare_packages` (re-exported here with its
:class:`CompareResult` and :class:`BlockChange`); this module reads the two files (never writing
to either), picks the revision date when none is given, and summarises the change list.
"""

from __future__ import annotations

import os
from collections import Counter

from ..errors import BadInputError
from ..ooxml.compare import BlockChange, CompareResult, compare_packages, core_date  # noqa: F401 (re-exported)


def _read(path: str | os.PathLike) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read ({exc.strerror})") from None


def compare_files(old: str | os.PathLike, new: str | os.PathLike, *, author: str, date: str | None = None,
                  moves: bool = False, old_view: str = "accept", new_view: str = "accept") -> CompareResult:
    """The redline of OLD becoming NEW, on NEW's own package. The revision date, when not
    given, is NEW's last-modified date from its core properties, else OLD's, else none:
    never the clock, so the same two files always give the same bytes."""
    a, b = _read(old), _read(new)
    if date is None:
        date = core_date(b, str(new)) or core_date(a, str(old))
    return compare_packages(a, b, author=author, date=date, moves=moves, document=os.path.basename(str(new)),
                            old_view=old_view, new_view=new_view, old_name=str(old), new_name=str(new))


def summary(changes: list[BlockChange]) -> dict[str, int]:
    return dict(sorted(Counter(c.kind for c in changes).items()))
