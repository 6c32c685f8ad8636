"""What an in-place edit kept: the proof that only the intended changes were made.

:func:`package_diff` compares a baseline package with an edited one: which parts are
byte-identical and which changed, and, in the main document, which body units (each paragraph or
other block directly in the body; each row of a table) are kept canonically equal (C14N) and in
order, and which baseline units are gone or changed (with their text, so a test or a report can
say each one was targeted). Used by the tests and by anyone who wants the closing figures.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from lxml import etree

from .package import read_package
from .wordml import w


@dataclass
class PackageDiff:
    identical_parts: list[str] = field(default_factory=list)
    changed_parts: list[str] = field(default_factory=list)
    added_parts: list[str] = field(default_factory=list)
    removed_parts: list[str] = field(default_factory=list)
    units: int = 0  # body units of the baseline
    kept: int = 0  # of them, C14N-equal and in order in the edited document
    changed: list[str] = field(default_factory=list)  # the text of each baseline unit not kept
    added: list[str] = field(default_factory=list)  # the text of each edited-document unit not in the baseline


def package_diff(old: bytes, new: bytes) -> PackageDiff:
    a, b = read_package(old, "OLD"), read_package(new, "NEW")
    out = PackageDiff()
    for name in sorted(set(a.parts) | set(b.parts)):
        if name not in b.parts:
            out.removed_parts.append(name)
        elif name not in a.parts:
            out.added_parts.append(name)
        elif a.parts[name] == b.parts[name]:
            out.identical_parts.append(name)
        else:
            out.changed_parts.append(name)
    ua, ub = body_units(a.xml(a.main_part)), body_units(b.xml(b.main_part))
    out.units = len(ua)
    matcher = difflib.SequenceMatcher(None, [u[0] for u in ua], [u[0] for u in ub], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.kept += i2 - i1
            continue
        out.changed.extend(u[1] for u in ua[i1:i2])
        out.added.extend(u[1] for u in ub[j1:j2])
    return out


def body_units(root: etree._Element) -> list[tuple[bytes, str]]:
    """(C14N bytes, text) of each body unit: blocks directly in the body, and each table's
    properties and rows apart."""
    body = root.find(w("body"))
    out: list[tuple[bytes, str]] = []
    for kid in body if body is not None else []:
        if kid.tag == w("tbl"):
            for part in kid:
                out.append((etree.tostring(part, method="c14n"), _text(part)))
        else:
            out.append((etree.tostring(kid, method="c14n"), _text(kid)))
    return out


def _text(el: etree._Element) -> str:
    return " ".join("".join(t.text or "" for t in el.iter(w("t"))).split())
