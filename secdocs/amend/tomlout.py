"""Write amendments files and modification.toml skeletons (TOML), deterministically.

Only what secdocs writes: strings, whole numbers, booleans, lists of strings and lists of inline
tables (``children`` / ``meaning``), one ``[[op]]`` table per operation with its keys in a fixed,
readable order. ``load.load_amendments`` reads the result back.
"""

from __future__ import annotations

import json
from typing import Any

KEY_ORDER = ("kind", "target", "position", "provision", "number", "heading", "text", "anchor", "words", "by",
             "occurrence", "remove", "meaning", "children", "expect", "note")


def value(v: Any, indent: str = "") -> str:
    """One TOML value (inline)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {value(x)}" for k, x in _ordered(v)) + " }"
    if isinstance(v, list):
        if not v:
            return "[]"
        inner = indent + "  "
        return "[\n" + "".join(f"{inner}{value(x, inner)},\n" for x in v) + indent + "]"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def _ordered(table: dict[str, Any]) -> list[tuple[str, Any]]:
    rank = {k: n for n, k in enumerate(KEY_ORDER)}
    return sorted(table.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))


def amendments_toml(document: str, ops: list[dict[str, Any]], header: list[str]) -> str:
    """An amendments file: comment lines, ``document = ...``, then each op."""
    lines = [f"# {h}" if h else "#" for h in header]
    lines.append(f"document = {value(document)}")
    for op in ops:
        lines.append("")
        lines.append("[[op]]")
        lines.extend(f"{k} = {value(v)}" for k, v in _ordered(op))
    return "\n".join(lines) + "\n"
