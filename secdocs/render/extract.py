"""Extracts of a marked Document: only the affected provisions, with their context.

The legal text document shows, for each affected document, only what the modification changes:

* a *unit* is a structural provision (Part, cross-heading, heading, clause) whose own heading or
  text, or whose body (the paragraphs and text beneath it that are not themselves structural),
  carries a mark; it is shown whole, body included;
* its ancestors are shown as context (their heading paragraph only), and so is the
  cross-heading that governs it (the last cross-heading before it among its siblings);
* wherever provisions are left out between two shown ones, a gap marker paragraph
  (:data:`GAP`, "* * *") is put in their place;
* a definitions table is cut the same way: the changed rows with one unchanged neighbour on each
  side (so a new definition is seen between its neighbours); each further stretch of rows is
  introduced by a gap marker paragraph that holds the rows as its table.

The extract is itself a marked model (the same Provision objects, filtered), rendered by the same
writer as everything else.
"""

from __future__ import annotations

import copy

from ..model import Definition, Kind, Provision, Run

GAP = "* * *"
STRUCTURAL = (Kind.PART, Kind.CROSS_HEADING, Kind.HEADING, Kind.CLAUSE)


def gap() -> Provision:
    return Provision(Kind.TEXT, text=[Run(GAP)])


def _runs_marked(runs: list[Run]) -> bool:
    return any(r.change is not None for r in runs)


def _definition_marked(d: Definition) -> bool:
    return d.change is not None or _runs_marked(d.term) or any(_marked(m) for m in d.meaning)


def _rows_marked(p: Provision) -> bool:
    return any(c is not None for c in p.row_changes) or any(
        _runs_marked(par) for row in p.rows for cell in row for par in cell)


def _marked(p: Provision) -> bool:
    """Anything in p or below it carries a mark."""
    if p.change is not None or _runs_marked(p.heading) or _runs_marked(p.text):
        return True
    if _rows_marked(p):
        return True
    return any(_definition_marked(d) for d in p.definitions) or any(_marked(c) for c in p.children)


def _own_marked(p: Provision) -> bool:
    """p's own paragraph, its body (non-structural descendants) or its table carry a mark."""
    if p.change is not None or _runs_marked(p.heading) or _runs_marked(p.text):
        return True
    if _rows_marked(p):
        return True
    if any(_definition_marked(d) for d in p.definitions):
        return True
    return any(_marked(c) for c in p.children if c.kind not in STRUCTURAL)


def _is_unit(p: Provision) -> bool:
    if p.kind in STRUCTURAL:
        return _own_marked(p)
    return p.change is not None or _marked(p)  # a top-level non-structural provision


def _definition_segments(defs: list[Definition]) -> list[list[int]]:
    keep = set()
    for i, d in enumerate(defs):
        if _definition_marked(d):
            keep.update(k for k in (i - 1, i, i + 1) if 0 <= k < len(defs))
    segments: list[list[int]] = []
    for i in sorted(keep):
        if segments and segments[-1][-1] == i - 1:
            segments[-1].append(i)
        else:
            segments.append([i])
    return segments


def _show_whole(p: Provision) -> list[Provision]:
    """A unit: its paragraph and body; structural children filtered in turn. A definitions
    table is cut into stretches of changed rows (see the module docstring)."""
    q = Provision(kind=p.kind, number=p.number, heading=p.heading, text=p.text, rows=p.rows, uid=p.uid,
                  change=p.change, row_changes=p.row_changes)
    after: list[Provision] = []
    if p.definitions:
        if p.change is not None:
            segments = [list(range(len(p.definitions)))]
        else:
            segments = _definition_segments(p.definitions)
        for n, seg in enumerate(segments):
            rows = [p.definitions[i] for i in seg]
            if n == 0 and seg[0] == 0:
                q.definitions = rows
            else:
                holder = gap()
                holder.definitions = rows
                after.append(holder)
        if segments and segments[-1][-1] != len(p.definitions) - 1:
            after.append(gap())
    if p.change is not None:
        q.children = list(p.children)
    else:
        q.children = _filter(p.children, body_always=True)
    return [q] + after


def _filter(provisions: list[Provision], *, body_always: bool = False) -> list[Provision]:
    """The shown provisions among siblings, with gap markers where provisions are left out."""
    display: list[str | None] = []
    for p in provisions:
        if body_always and p.kind not in STRUCTURAL:
            display.append("body")
        elif _is_unit(p):
            display.append("unit")
        elif _marked(p):
            display.append("context")
        else:
            display.append(None)
    # the cross-heading that governs a shown provision is shown too
    cross = None
    for i, p in enumerate(provisions):
        if p.kind == Kind.CROSS_HEADING:
            cross = i
        elif display[i] is not None and cross is not None and display[cross] is None:
            display[cross] = "cross"
    out: list[Provision] = []
    hidden = False
    for p, how in zip(provisions, display):
        if how is None:
            hidden = True
            continue
        if hidden:
            out.append(gap())
            hidden = False
        if how == "unit":
            out.extend(_show_whole(p))
        elif how == "context":
            out.append(Provision(kind=p.kind, number=p.number, heading=p.heading, text=p.text, uid=p.uid,
                                 children=_filter(p.children)))
        else:  # body or a governing cross-heading: as it is
            out.append(p)
    if hidden and out:
        out.append(gap())
    return out


def _is_gap(p: Provision) -> bool:
    return p.kind == Kind.TEXT and not p.definitions and len(p.text) == 1 and p.text[0].text == GAP \
        and p.text[0].change is None


def _tidy_gaps(provisions: list[Provision]) -> list[Provision]:
    """No gap marker straight after another (in reading order), none at the very start or end."""
    last_was_gap = True  # no gap before the first provision

    def visit(siblings: list[Provision]) -> list[Provision]:
        nonlocal last_was_gap
        out = []
        for p in siblings:
            if _is_gap(p):
                if last_was_gap:
                    continue
                last_was_gap = True
                out.append(p)
                continue
            last_was_gap = False
            if p.children:
                children = visit(p.children)
                if len(children) != len(p.children) or any(a is not b for a, b in zip(children, p.children)):
                    p = copy.copy(p)
                    p.children = children
            out.append(p)
        return out

    out = visit(provisions)
    # drop a gap that ends the extract
    while out:
        last, holder = out[-1], out
        while last.children:
            holder, last = last.children, last.children[-1]
        if _is_gap(last):
            holder.pop()
            continue
        break
    return out


def extract(provisions: list[Provision]) -> list[Provision]:
    """The affected provisions of a marked document with their context (see the module docstring)."""
    return _tidy_gaps(_filter(provisions))
