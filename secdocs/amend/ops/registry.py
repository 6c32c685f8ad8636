"""The registry of operation kinds: one ``KindSpec`` record per kind, collected from the kind
modules (listed in ``MODULES``, in the order messages list the kinds), and ``check_keys``, which
validates an ``[[op]]`` table's shape against its kind's record (unknown kinds and keys, missing
keys, wrong types) before any document is looked at.

Keys common to every kind: ``kind``, ``target``, ``expect`` (the text the op expects to find at its
target, or ``"sha256:<hex>"`` of it), ``note`` (drafting rationale). Each kind module's docstring
gives its kinds' own keys.

``children`` and ``meaning`` are lists whose items are either strings (``"(a) text"`` makes a
numbered paragraph with that label, anything else an unnumbered text paragraph) or tables
``{ number = "(b)", text = "...", children = [...] }`` for lists inside lists. Text may carry the
source format's inline marks ``**bold**``, ``*italic*``, ``__underline__``.

A new kind is one new module with its executor and ``KINDS = [KindSpec(...)]``, added to
``MODULES``.
"""

from __future__ import annotations

from typing import Any

from . import definitions, headings, provisions, renumber, text_edits
from .numbers import KIND_NAMES
from .op import COMMON
from .spec import KindSpec
from ..text import markup_problems

MODULES = (provisions, text_edits, definitions, headings, renumber)

KINDS: dict[str, KindSpec] = {spec.name: spec for module in MODULES for spec in module.KINDS}

PROVISION_TYPES = tuple(KIND_NAMES)  # what ``provision`` may say
CHILD_KEYS = ("number", "text", "heading", "provision", "children")

_STRING_KEYS = {"kind", "target", "expect", "note", "position", "number", "provision", "text", "heading",
                "words", "by", "anchor"}


def check_keys(table: dict[str, Any]) -> list[str]:
    """Reasons why an ``[[op]]`` table is malformed (empty when it is well formed)."""
    reasons: list[str] = []
    kind = table.get("kind")
    if kind is None:
        return ["no kind (one of: " + ", ".join(KINDS) + ")"]
    if not isinstance(kind, str) or kind not in KINDS:
        return [f"unknown kind {kind!r} (known: {', '.join(KINDS)})"]
    spec = KINDS[kind]
    allowed = set(COMMON) | set(spec.required) | set(spec.optional)
    if not spec.expect_allowed:
        allowed.discard("expect")
    for key in table:
        if key not in allowed:
            if key == "expect":
                reasons.append(f"expect is not allowed for {kind} (there is nothing there yet to pin)")
            else:
                reasons.append(f"unknown key {key!r} for {kind} (allowed: {', '.join(sorted(allowed))})")
    if not str(table.get("target", "")).strip():
        reasons.append("no target")
    for key in spec.required:
        if key not in table:
            reasons.append(f"missing key {key!r} for {kind}")
    for group in spec.one_of:
        if not any(k in table for k in group):
            reasons.append(f"{kind} needs one of: {', '.join(group)}")
    for group in spec.exclusive:
        present = [k for k in group if k in table]
        if len(present) > 1:
            reasons.append(f"{kind} takes only one of: {', '.join(present)}")
    if spec.extra_check is not None:
        reasons.extend(spec.extra_check(table))
    for key, value in table.items():
        if key in _STRING_KEYS and not isinstance(value, str):
            reasons.append(f"{key} must be a string, not {type(value).__name__}")
    if "occurrence" in table and (not isinstance(table["occurrence"], int) or isinstance(table["occurrence"], bool)
                                  or table["occurrence"] < 1):
        reasons.append("occurrence must be a whole number from 1")
    if "remove" in table and not isinstance(table["remove"], bool):
        reasons.append("remove must be true or false")
    position = table.get("position")
    if isinstance(position, str):
        if position not in spec.positions:
            reasons.append(f"position must be one of {', '.join(spec.positions)}, not {position!r}")
    provision = table.get("provision")
    if isinstance(provision, str) and provision not in PROVISION_TYPES:
        reasons.append(f"provision must be one of {', '.join(PROVISION_TYPES)}, not {provision!r}")
    for key in ("children", "meaning"):
        if key in table:
            reasons.extend(_check_items(table[key], key, allow_string=(key == "meaning")))
    for key in ("words", "anchor"):
        if isinstance(table.get(key), str) and not table[key].strip():
            reasons.append(f"{key} must not be empty")
    reasons.extend(markup_problems(table))
    return reasons


def _check_items(value: Any, key: str, allow_string: bool) -> list[str]:
    """Check a ``children`` / ``meaning`` value: a list of strings or tables (nested)."""
    if isinstance(value, str) and allow_string:
        return []
    if not isinstance(value, list):
        return [f"{key} must be a list of strings or tables" + (" (or one string)" if allow_string else "")]
    reasons = []
    for n, item in enumerate(value, 1):
        if isinstance(item, str):
            continue
        if not isinstance(item, dict):
            reasons.append(f"{key}[{n}] must be a string or a table")
            continue
        for k in item:
            if k not in CHILD_KEYS:
                reasons.append(f"unknown key {k!r} in {key}[{n}] (allowed: {', '.join(CHILD_KEYS)})")
        for k in ("number", "text", "heading", "provision"):
            if k in item and not isinstance(item[k], str):
                reasons.append(f"{key}[{n}].{k} must be a string")
        if "provision" in item and item["provision"] not in PROVISION_TYPES:
            reasons.append(f"{key}[{n}].provision must be one of {', '.join(PROVISION_TYPES)}")
        if not any(k in item for k in ("text", "heading")):
            reasons.append(f"{key}[{n}] has no text")
        if "children" in item:
            reasons.extend(_check_items(item["children"], f"{key}[{n}].children", allow_string=False))
    return reasons
