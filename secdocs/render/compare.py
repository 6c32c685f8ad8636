"""``secdocs compare`` as a library call: two .docx files in, NEW marked in place out.

The engine is :func:`secdocs.ooxml.compare.compare_packages` and ``compare_files``, re-exported
here with :class:`CompareResult` and :class:`BlockChange`; :func:`summary` counts the changes by
kind. (The ``secdocs compare`` command imports the engine directly: the ``render`` package
would import the whole redline machinery first.)
"""

from __future__ import annotations

from collections import Counter

from ..ooxml.compare import BlockChange, CompareResult, compare_files, compare_packages  # noqa: F401 (re-exported)


def summary(changes: list[BlockChange]) -> dict[str, int]:
    return dict(sorted(Counter(c.kind for c in changes).items()))
