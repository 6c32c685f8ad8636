"""One document through a release: apply each modification in order, check conflicts,
consolidate, and render the clean document and the attributed redline.

This is the unit of parallel work (``build.py`` runs one job per touched document in a process
pool), so its input and output are plain picklable data and it reads its own baseline.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..model.address import index, plain_address
from ..amend.consolidate import Implementation, consolidate
from ..amend.ops import KINDS, ChangeSet, Op, run
from ..model import Document, Kind, iter_definitions
from ..ooxml.write import docx_bytes
from ..reader import read_document
from ..render.citation import one_line
from ..render.label import ProvisionChange, changed
from ..render.redline import redline
from .attribution import Author, Step, attribute, owners_by_uid
from .conflicts import Conflict, History, items_by_uid, check_ops
from .inplace import render_in_place  # the baseline's own package, edited and marked


@dataclass
class ModStep:
    """One modification's operations on this document, in one release of the chain."""

    release: int  # index in the chain; the last is the release being built
    modification: str
    ops: list[Op]


@dataclass
class Consolidation:
    """What ``amend.consolidate`` needs to know about a release (per document)."""

    name: str
    sec_version: str
    date: str  # ISO
    modifications: list[tuple[str, str, bool, str]]  # (id, title, illustrative, illustrative_label)


@dataclass
class DocJob:
    id: str
    source: str  # the baseline file (.docx or .sec.txt)
    steps: list[ModStep]
    releases: list[Consolidation]  # the chain, oldest first
    authors: dict[str, Author]
    render: bool = True
    banner: str = ""


@dataclass
class DocResult:
    id: str
    title: str = ""
    previous_version: str = ""
    version: str = ""
    modifications: tuple[str, ...] = ()
    provisions: list[ProvisionChange] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    clean: bytes | None = None
    redline: bytes | None = None
    # per modification of the release being built: the document before and after it (legal text)
    states: dict[str, tuple[Document, Document]] = field(default_factory=dict)
    changes: dict[str, ChangeSet] = field(default_factory=dict)  # ditto: what its ops did (drafting notes)
    revisions: dict[str, int] = field(default_factory=dict)  # author → marks in the redline
    final: Document | None = None  # the document as the release leaves it (integrity checks)
    marked: Document | None = None  # the marked Document of the redline (the review site)


def _implementation(rel: Consolidation, ids: list[str]) -> Implementation:
    """What the release implements in this document: one version bump per release, the history
    row naming every modification of the release that changed the document."""
    mods = [m for m in rel.modifications if m[0] in ids]
    names = [f"{m[0]} ({m[1]})" for m in mods]
    # consolidate writes "{name} ({title}) implemented…": give it the list in that shape
    first = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + mods[-1][0]
    labels = " ".join(m[3] for m in mods if m[2] and m[3])
    return Implementation(first, mods[-1][1], rel.name or "", str(rel.sec_version or ""), rel.date or "",
                          any(m[2] for m in mods), labels)


def _resolver(doc: Document):
    """op → the uid its target names in ``doc`` (None when it names nothing there)."""
    idx = None
    terms = None

    def resolve(op: Op) -> str | None:
        nonlocal idx, terms
        target = op.target.strip()
        spec = KINDS.get(op.kind)
        if spec is not None and spec.on_definition:
            term = target.split(":", 1)[1] if ":" in target and target.rstrip().endswith('"') else target
            term = term.strip().strip('"').strip()
            if terms is None:
                terms = {d.term_text: d.uid for _, d in iter_definitions(doc)}
            return terms.get(term)
        if idx is None:
            idx = index(doc)
        loc = idx.get(target) or idx.get(plain_address(target))
        return loc.provision.uid if loc is not None else None

    return resolve


def run_job(job: DocJob, reader=None) -> DocResult:
    """Everything for one document (see the module docstring)."""
    reader = reader or read_document
    state = reader(job.source)
    original = state
    result = DocResult(job.id, title=state.title, previous_version=state.version, version=state.version)
    last = len(job.releases) - 1
    steps_done: list[Step] = []
    base = state
    for r, rel in enumerate(job.releases):
        steps = [s for s in job.steps if s.release == r]
        if not steps:
            continue
        base = state
        history = History()
        checking = len(steps) > 1
        items_now = items_by_uid(state) if checking else None
        for s in steps:
            new, changes, errors = run(state, s.ops)
            conflicts, explained = [], set()
            if checking and history:
                conflicts, explained = check_ops(job.id, s.modification, s.ops, changes.results, errors,
                                                 items_now, history, _resolver(state))
            result.conflicts += conflicts
            result.errors += [str(e) for e in errors if e.op.index not in explained]
            if errors:
                continue  # this modification cannot stand on this document; keep checking the rest
            if checking:
                items_after = items_by_uid(new)
                history.record(s.modification, changes.uids, items_now, items_after)
                items_now = items_after
            if r == last:
                steps_done.append(Step(s.modification, state, new, changes.uids))
                result.states[s.modification] = (state, new)
                result.changes[s.modification] = changes
            state = new
        if result.conflicts or result.errors:
            return result
        ids = [s.modification for s in steps]
        state = consolidate(state, _implementation(rel, ids))
        if r == last:
            result.modifications = tuple(ids)
            result.previous_version = base.version
            for mod_id, (before, after) in result.states.items():  # the legal text shows the new version
                result.states[mod_id] = (before, dataclasses.replace(after, version=state.version))
        else:
            result.previous_version = state.version
    result.version = state.version
    result.title = state.title
    result.final = state
    if not result.modifications:
        return result
    _describe(result, base, state, steps_done, job, original)
    return result


def _describe(result: DocResult, base: Document, final: Document, steps: list[Step], job: DocJob,
              original: Document | None = None) -> None:
    """The redline (rendered when asked) and the provisions-affected list."""
    first = job.authors[steps[0].modification]
    red = redline(base, final, author=first.ins.author, date=first.ins.date)
    marked = attribute(red.document, steps, job.authors)
    uid_owner = _owners_by_address(base, final, steps)
    notes = _notes_by_address(base, final, result.changes)

    first_mod = tuple(s.modification for s in steps[:1])
    result.provisions = [dataclasses.replace(c, note=notes.get(c.address, ""),
                                             modifications=uid_owner.get(c.address) or first_mod)
                         for c in changed(red.changes)]
    result.marked = marked
    result.revisions = _count_marks(marked)
    if job.render and original is not None and str(job.source).lower().endswith(".docx"):
        result.clean, result.redline = render_in_place(str(job.source), job.id, original, base, final, steps,
                                                       job.authors)
    elif job.render:
        result.clean = docx_bytes(final, markup="tracked", banner=job.banner)
        result.redline = docx_bytes(marked, markup="tracked", banner=job.banner)


def _notes_by_address(base: Document, final: Document, changes: dict[str, ChangeSet]) -> dict[str, str]:
    """Address → one line on what changed it: the first sentence of the note of the first
    operation of each modification that touched it ("MP901: …; MP902: …" when several did)."""
    by_uid: dict[str, dict[str, str]] = {}
    for mod, cs in changes.items():
        for r in cs.results:
            for uid in r.uids[:1] if r.kind == "insert" else r.uids:
                if r.note:
                    by_uid.setdefault(uid, {}).setdefault(mod, one_line(r.note))
    out: dict[str, str] = {}
    for doc in (final, base):
        for uid, item in items_by_uid(doc).items():
            if uid in by_uid and item.address not in out:
                notes = by_uid[uid]
                out[item.address] = (next(iter(notes.values())) if len(notes) == 1
                                     else "; ".join(f"{m}: {n.rstrip('.')}" for m, n in notes.items()) + ".")
    return out


def _owners_by_address(base: Document, final: Document, steps: list[Step]) -> dict[str, tuple[str, ...]]:
    """Address (as the redline's change list writes it) → the modifications that touched it."""
    by_uid = owners_by_uid(steps)
    out: dict[str, tuple[str, ...]] = {}
    for doc in (base, final):
        for uid, item in items_by_uid(doc).items():
            if uid in by_uid:
                owners = tuple(by_uid[uid])
                out[item.address] = tuple(dict.fromkeys(out.get(item.address, ()) + owners))
    return out


def _count_marks(doc: Document) -> dict[str, int]:
    """Revision marks per author: maximal stretches of runs with one mark, plus whole
    provisions, definition and table rows, and the cover's marks (a rough count for the
    summary, not Word's)."""
    counts: dict[str, int] = {}

    def one(c) -> None:
        if c is not None:
            counts[c.author] = counts.get(c.author, 0) + 1

    def runs(rs):
        prev = None
        for r in rs:
            if r.change != prev:
                one(r.change)
            prev = r.change

    def walk(ps):
        for p in ps:
            if p.kind != Kind.TABLE:
                one(p.change)
            runs(p.heading)
            runs(p.text)
            for c in p.row_changes:
                one(c)
            for row in p.rows:
                for cell in row:
                    for par in cell:
                        runs(par)
            for d in p.definitions:
                one(d.change)
                runs(d.term)
                walk(d.meaning)
            walk(p.children)

    walk(doc.provisions)
    for m in doc.meta_changes.values():
        one(m.ins)
        one(m.dele)
    for c in doc.front_changes:
        one(c)
    for note in doc.front:
        runs(note)
    for e in doc.history:
        one(e.change)
    return dict(sorted(counts.items()))
