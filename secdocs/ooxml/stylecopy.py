"""Style definitions copied from one styles part into another, with the styles they need.

Used wherever content or a style is brought into a document that may not define it: deleted OLD
content in a comparison (``defcopy``), a body copied in (``embed``: Annex A) and the blocks writer
on a user's reference.docx that lacks a house style (copied from the house reference.docx).
"""

from __future__ import annotations

import copy
from typing import Iterable

from lxml import etree

from .wordml import w

_CHAINED = ("basedOn", "link", "next")


def copy_styles(target: etree._Element, source: etree._Element, wanted: Iterable[str]) -> set[str]:
    """Append to the styles part ``target`` each style id of ``wanted`` it lacks and ``source``
    defines, each followed by the styles it is based on, linked to and followed by (depth first,
    in that order); returns the style ids ``target`` then defines."""
    have = {s.get(w("styleId")) for s in target.iter(w("style"))}
    by_id = {s.get(w("styleId")): s for s in source.iter(w("style"))}
    todo = list(reversed(list(wanted)))
    while todo:
        sid = todo.pop()
        if sid in have or sid not in by_id:
            continue
        style = copy.deepcopy(by_id[sid])
        target.append(style)
        have.add(sid)
        chained = [style.find(w(ref)) for ref in _CHAINED]
        todo.extend(r.get(w("val"), "") for r in reversed(chained) if r is not None)
    return have
