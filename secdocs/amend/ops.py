"""The amendment vocabulary: which operation kinds exist and which keys each one takes.

An ``Op`` is one ``[[op]]`` table of an amendments file, with the file and line it came from so
that every message can point at it. ``check_keys`` validates the table's shape (unknown kinds and
keys, missing keys, wrong types) before any document is looked at; ``apply.py`` then validates
each op against the document (targets, words, expect pins, numbers, conflicts).

Keys common to every kind: ``kind``, ``target``, ``expect`` (the text the op expects to find at its
target, or ``"sha256:<hex>"`` of it), ``note`` (drafting rationale).

| kind | target | other keys |
|---|---|---|
| insert | the provision the new one is placed against | ``position`` = "after" (default) / "before" / "first" / "last" (first/last: as a child of target); ``number`` (default: next free suffix); ``provision`` (clause, paragraph, heading, text, cross-heading, part; default from the number or the target); ``text``, ``heading``, ``children`` |
| delete | the provision | ``remove`` = true removes it; otherwise its number stays and its text becomes "Not used." |
| replace | the provision | ``text`` (the whole own text); ``children`` (optional: replaces the sub-paragraphs too) |
| substitute | the provision | ``words`` → ``by``; ``occurrence`` when the words appear more than once |
| insert_text | the provision | ``anchor``, ``position`` = "after" (default) / "before", ``text``, ``occurrence`` |
| delete_text | the provision | ``words``, ``occurrence`` |
| insert_definition | the new term (or ``A1.1:"Term"``) | ``meaning`` |
| amend_definition | the term | ``meaning`` (whole meaning) or ``words`` → ``by`` (+ ``occurrence``) |
| delete_definition | the term | (the row is removed, as the Code does with definitions) |
| heading | a Part, cross-heading or policy heading | ``heading`` |

``children`` and ``meaning`` are lists whose items are either strings (``"(a) text"`` makes a
numbered paragraph with that label, anything else an unnumbered text paragraph) or tables
``{ number = "(b)", text = "...", children = [...] }`` for lists inside lists. Text may carry the
source format's inline marks ``**bold**``, ``*italic*``, ``__underline__``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import AmendmentError
from .text import markup_problems

class AmendmentErrors(AmendmentError):
    """Every problem found in a set of amendments, one line each:
    ``{file}:{line} op {index} ({kind} {target}): {reason}``."""

    def __init__(self, lines: list[str]):
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))


COMMON = ("kind", "target", "expect", "note")


@dataclass(frozen=True)
class KindSpec:
    required: tuple[str, ...]
    optional: tuple[str, ...]
    one_of: tuple[tuple[str, ...], ...] = ()  # at least one key of each group must be present
    exclusive: tuple[tuple[str, ...], ...] = ()  # at most one key (or key group) of these
    expect_allowed: bool = True


KINDS: dict[str, KindSpec] = {
    "insert": KindSpec((), ("position", "number", "provision", "text", "heading", "children"),
                       one_of=(("text", "heading", "children"),)),
    "delete": KindSpec((), ("remove",)),
    "replace": KindSpec(("text",), ("children",)),
    "substitute": KindSpec(("words", "by"), ("occurrence",)),
    "insert_text": KindSpec(("anchor", "text"), ("position", "occurrence")),
    "delete_text": KindSpec(("words",), ("occurrence",)),
    "insert_definition": KindSpec(("meaning",), (), expect_allowed=False),
    "amend_definition": KindSpec((), ("meaning", "words", "by", "occurrence"),
                                 one_of=(("meaning", "words"),), exclusive=(("meaning", "words"),)),
    "delete_definition": KindSpec((), ()),
    "heading": KindSpec(("heading",), ()),
}

DEFINITION_KINDS = {"insert_definition", "amend_definition", "delete_definition"}
TEXT_KINDS = {"substitute", "insert_text", "delete_text"}
PROVISION_TYPES = ("part", "cross-heading", "clause", "paragraph", "heading", "text")
CHILD_KEYS = ("number", "text", "heading", "provision", "children")

_STRING_KEYS = {"kind", "target", "expect", "note", "position", "number", "provision", "text", "heading",
                "words", "by", "anchor"}


@dataclass
class Op:
    """One operation as written, with where it was written."""

    kind: str
    target: str
    params: dict[str, Any] = field(default_factory=dict)
    expect: str | None = None
    note: str = ""
    index: int = 0  # 1-based position in its amendments file
    file: str = ""  # the amendments file, as it should be shown in messages
    line: int = 0  # the line of its [[op]] header

    @classmethod
    def from_table(cls, table: dict[str, Any], index: int = 0, file: str = "", line: int = 0) -> "Op":
        params = {k: v for k, v in table.items() if k not in COMMON}
        return cls(kind=str(table.get("kind", "")), target=str(table.get("target", "")), params=params,
                   expect=table.get("expect"), note=str(table.get("note", "")), index=index, file=file, line=line)

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)

    @property
    def where(self) -> str:
        """``file:line op N (kind target)``: the prefix of every message about this op."""
        if self.file:  # line 0: the op's line is not known (an inline array of tables)
            place = f"{self.file}:{self.line}" if self.line else self.file
        else:
            place = f"line {self.line}" if self.line else "amendments"
        return f"{place} op {self.index} ({self.kind or '?'} {self.target or '?'})"

    def message(self, reason: str) -> str:
        return f"{self.where}: {reason}"


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
    if kind == "amend_definition" and "words" in table and "by" not in table:
        reasons.append("missing key 'by' for amend_definition with words")
    if kind == "amend_definition" and "by" in table and "words" not in table:
        reasons.append("key 'by' needs 'words' for amend_definition")
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
        allowed_positions = ("after", "before", "first", "last") if kind == "insert" else ("after", "before")
        if position not in allowed_positions:
            reasons.append(f"position must be one of {', '.join(allowed_positions)}, not {position!r}")
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
