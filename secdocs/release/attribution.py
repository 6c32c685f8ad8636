"""Who made each revision: the release redline with every mark authored by its modification.

**The choice.** The redline of a document is computed once, from the document as it stood
before the release to the document after it (``render.redline``, aligned by uid), and each
revision is then attributed to the modification that made it, using the uids each
modification's ChangeSet touched. We chose this over redlining each modification's step and
composing the marked documents because

* the whole-document redline (alignment, inserted and deleted subtrees and table rows, "Not
  used", definition rows) stays in one place, the render package, and is used exactly as
  ``secdocs redline`` uses it: one redline per document, so accept-all / reject-all of the
  release redline are the proven views of that one function;
* almost every provision is touched by one modification (the conflict check refuses two
  modifications on the same words), so attribution is a relabelling.

A provision touched by more than one modification (possible when their words do not overlap, or
when a later one pins the earlier one's text with ``expect``) has its heading and text rebuilt
by composing per-step word diffs (``secdocs.diff.words.diff_runs``): step k's diff is woven into the
marks so far, so words inserted by one modification and deleted by a later one vanish, and
accept-all / reject-all still give the final and the original text exactly. Whole provisions
inserted or deleted belong to the modification that inserted or deleted them, and their
descendants with them, and so do the rows of an ordinary table (``Provision.row_changes``): a
row inserted or deleted is marked by the modification that touched the table.

**The cover.** A release redline also marks the cover: the document version, SEC version and
date replaced (``Document.meta_changes``), the consolidation note (``Document.front`` and
``front_changes``) and the new version-history row (``HistoryEntry.change``). No single
modification makes these: the release consolidates the document once, whichever modifications
changed it. They are authored by the **last modification of the release that changed the
document** (the one whose application produced the new version), with its date. We chose that
over an author named after the release so that every mark in a release redline is authored by a
modification id — a reviewer filtering by author in Word sees only modifications, and a
one-modification release (the default, MP134A) is authored by that modification alone.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass

from ..diff.words import accept_runs, diff_runs
from ..model import Change, Definition, Document, MetaChange, Provision, Run, iter_provisions, normalise_runs


@dataclass
class Author:
    """The marks of one modification."""

    id: str
    ins: Change
    dele: Change


@dataclass
class Step:
    """One modification applied to one document: states before and after, uids touched."""

    modification: str
    before: Document
    after: Document
    uids: set[str]


def owners_by_uid(steps: list[Step]) -> dict[str, list[str]]:
    """uid → the modifications that touched it, in release order."""
    owners: dict[str, list[str]] = {}
    for step in steps:
        for uid in step.uids:
            owners.setdefault(uid, [])
            if step.modification not in owners[uid]:
                owners[uid].append(step.modification)
    return owners


def attribute(marked: Document, steps: list[Step], authors: dict[str, Author]) -> Document:
    """A copy of ``marked`` (the base → final redline) with each mark authored by the
    modification that made it, and the cover's marks by the last one (see the module docstring)."""
    default = [steps[0].modification] if steps else []
    # The marked document is changed in place, without a deep copy (the costliest step on a
    # full-size document): only its marks are rewritten, and every marked run, provision and
    # definition is a fresh object the redline made (unmarked ones may be shared with the
    # final document, and are never written to); lists of marks are replaced, never mutated.
    out = copy.copy(marked)
    ctx = _Ctx(steps, authors, owners_by_uid(steps))
    for p in out.provisions:
        ctx.provision(p, default)
    if steps:
        ctx.cover(out, steps[-1].modification)
    return out


class _Ctx:
    def __init__(self, steps: list[Step], authors: dict[str, Author], owners: dict[str, list[str]]):
        self.steps = steps
        self.authors = authors
        self.owners = owners
        self._index: dict[int, dict[str, Provision]] = {}

    # -- marks --------------------------------------------------------------------------------
    def mark(self, change: Change | None, who: str) -> Change | None:
        if change is None:
            return None
        a = self.authors[who]
        return a.ins if change.kind == "ins" else a.dele

    def relabel_runs(self, runs: list[Run], who: str) -> None:
        for r in runs:
            if r.change is not None:
                r.change = self.mark(r.change, who)

    def relabel_own(self, p: Provision, who: str) -> None:
        """p's heading and text, and its table's cells and row marks (not its children)."""
        self.relabel_runs(p.heading, who)
        self.relabel_runs(p.text, who)
        for row in p.rows:
            for cell in row:
                for par in cell:
                    self.relabel_runs(par, who)
        if p.row_changes:
            p.row_changes = [self.mark(c, who) for c in p.row_changes]

    def cover(self, doc: Document, who: str) -> None:
        """The cover's marks: replaced metadata values, cover notes, version-history rows."""
        a = self.authors[who]
        doc.meta_changes = {name: MetaChange(m.old, a.ins, a.dele) for name, m in doc.meta_changes.items()}
        if doc.front_changes:
            doc.front_changes = [self.mark(c, who) for c in doc.front_changes]
        for note in doc.front:
            self.relabel_runs(note, who)
        doc.history = [dataclasses.replace(e, change=self.mark(e.change, who)) if e.change is not None else e
                       for e in doc.history]

    def whole_owner(self, change: Change, owners: list[str]) -> str:
        """An inserted whole belongs to who inserted it, a deleted one to who deleted it."""
        return owners[0] if change.kind == "ins" else owners[-1]

    # -- tree ---------------------------------------------------------------------------------
    def provision(self, p: Provision, inherited: list[str]) -> None:
        owners = self.owners.get(p.uid) or inherited
        if p.change is not None:
            who = self.whole_owner(p.change, owners)
            self.relabel_subtree(p, who)
            return
        if len(owners) > 1 and _has_marks(p.heading + p.text):
            p.heading = self.compose(p.uid, "heading", owners)
            p.text = self.compose(p.uid, "text", owners)
        elif owners:
            self.relabel_own(p, owners[0])
        for c in p.children:
            self.provision(c, owners)
        for d in p.definitions:
            self.definition(d, owners)

    def definition(self, d: Definition, inherited: list[str]) -> None:
        owners = self.owners.get(d.uid) or inherited
        if d.change is not None:
            who = self.whole_owner(d.change, owners)
            d.change = self.mark(d.change, who)  # a fresh object: mark_definition made it
            self.relabel_runs(d.term, who)
            for m in d.meaning:
                self.relabel_subtree(m, who)
            return
        if owners:
            self.relabel_runs(d.term, owners[-1])
        for m in d.meaning:
            self.provision(m, owners)

    def relabel_subtree(self, p: Provision, who: str) -> None:
        for q in iter_provisions([p]):
            if q.change is not None:
                q.change = self.mark(q.change, who)
            self.relabel_own(q, who)
            for d in q.definitions:
                if d.change is not None:
                    d.change = self.mark(d.change, who)
                self.relabel_runs(d.term, who)
                for m in d.meaning:
                    self.relabel_subtree(m, who)

    # -- composition --------------------------------------------------------------------------
    def state(self, doc: Document) -> dict[str, Provision]:
        key = id(doc)
        if key not in self._index:
            idx: dict[str, Provision] = {}
            for p in iter_provisions(doc.provisions):
                idx[p.uid] = p
                for d in p.definitions:
                    for m in iter_provisions(d.meaning):
                        idx[m.uid] = m
            self._index[key] = idx
        return self._index[key]

    def compose(self, uid: str, field: str, owners: list[str]) -> list[Run]:
        """The marked runs of one field of a provision touched by several modifications."""
        marked: list[Run] | None = None
        for step in self.steps:
            if step.modification not in owners or uid not in step.uids:
                continue
            before = self.state(step.before).get(uid)
            after = self.state(step.after).get(uid)
            old = list(getattr(before, field)) if before is not None else []
            new = list(getattr(after, field)) if after is not None else []
            if marked is None:
                marked = [r.with_text(r.text, None) for r in old]
            a = self.authors[step.modification]
            marked = weave(marked, diff_runs(accept_runs(marked), new, a.ins, a.dele))
        return marked or []


def _has_marks(runs: list[Run]) -> bool:
    return any(r.change is not None for r in runs)


def weave(marked: list[Run], step: list[Run]) -> list[Run]:
    """Combine the marks so far with the next step's diff of their accepted text.

    ``step`` is a diff whose reject view is ``accept_runs(marked)``. Text the step keeps keeps
    its mark; text it deletes becomes deleted by the step — unless an earlier step inserted
    it, in which case it simply goes (neither the original nor the final text has it); text it
    inserts is inserted by the step. Deleted text of earlier steps stays where it was.
    """
    out: list[Run] = []
    mi = 0  # index into marked
    m_off = 0  # offset inside marked[mi]
    for s in step:
        if s.change is not None and s.change.kind == "ins":
            out.append(copy.copy(s))
            continue
        need = len(s.text)
        while need:
            # emit earlier deletions (not part of the accepted text) as they come
            while mi < len(marked) and marked[mi].change is not None and marked[mi].change.kind == "del":
                out.append(copy.copy(marked[mi]))
                mi, m_off = mi + 1, 0
            if mi >= len(marked):
                break
            m = marked[mi]
            take = min(need, len(m.text) - m_off)
            piece = m.text[m_off:m_off + take]
            if s.change is None:  # kept: keep its earlier mark and formatting
                out.append(m.with_text(piece))
            elif m.change is None:  # deleted by this step
                out.append(m.with_text(piece, s.change))
            # else: inserted earlier, deleted now: it goes
            need -= take
            m_off += take
            if m_off >= len(m.text):
                mi, m_off = mi + 1, 0
    out.extend(copy.copy(r) for r in marked[mi:] if r.change is not None and r.change.kind == "del")
    return normalise_runs(out)
