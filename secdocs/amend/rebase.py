"""``secdocs rebase``: carry a modification drafted against one baseline onto a newer one.

Each operation is looked at against the baseline it was drafted on (``base``) and the newer one:

* **carried** — its target reads the same in both;
* **carried, target changed** — the newer baseline changed the target, but the words the op works
  on (``words``, ``anchor``) are still found exactly once there (an insertion only needs its
  anchor provision to exist): the op is kept and its ``expect`` pin moves to the newer text;
* **conflict** — the newer baseline changed the words the op works on (not found, or found more
  than once), or the op rewrites a whole provision or definition (``replace``, ``delete``,
  ``heading``, ``amend_definition`` with ``meaning``, ``delete_definition``) that the newer
  baseline also changed, or its target or new number or term is gone or already taken. A conflict
  is shown with the base text, the newer text and the modification's text (the latter two as
  word diffs against the base).

Ops are taken in order, each against the two documents as the ops before it left them (so an op
may target a provision an earlier op made; when that earlier op conflicts, so does this one, and
says so), and each carried op is tried on the newer document (``apply.run``): one that does not
apply there (a number already taken, a number that no longer sorts) is a conflict with apply's
reason. Nothing is written when there is a conflict, unless asked: then conflicting operations
are written as they were, with a ``note`` saying why, so that ``apply`` names them.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.address import index, plain_address
from ..baselines import default_folder, find_baseline
from ..workspace.config import display_path, read_toml_text
from ..errors import ConfigError
from ..model import Document, iter_definitions, iter_provisions
from ..ooxml.package import atomic_dir, ordinary_permissions
from ..ooxml.read import read_docx
from ..reader import read_document
from .load import Amendments, Modification, load_all, load_modification
from .ops import KINDS, AmendmentErrors, Op, run
from .ops.definitions import split_definition_target
from .ops.spec import INSERTS
from .text import find_all, word_diff
from .tomlout import amendments_toml, value


class RebaseConflicts(AmendmentErrors):
    """Operations the newer baseline conflicts with, each with its three texts."""

    def __init__(self, lines: list[str], conflicts: int, written: str = ""):
        super().__init__(lines)
        tail = f"written to {written} with each conflict noted" if written else "nothing written"
        self.summary = f"{conflicts} conflict{'s' if conflicts != 1 else ''}; {tail}"


@dataclass
class Outcome:
    op: Op
    status: str  # "carried", "carried, target changed", "conflict"
    reason: str = ""
    base: str = ""
    newer: str = ""
    modified: str = ""

    def lines(self) -> list[str]:
        head = f"{self.status}: {self.op.where}" + (f": {self.reason}" if self.reason else "")
        if self.status != "conflict":
            return [head]
        def shown(text: str) -> str:  # one line: a new provision's sub-paragraphs joined by " / "
            text = text.replace("\n", " / ")
            return word_diff(self.base, text) if self.base and text else text

        return [head, f"  base:         {self.base or '(nothing: new in this modification)'}", f"  newer:        {shown(self.newer)}",
                f"  modification: {shown(self.modified)}"]


@dataclass
class RebaseResult:
    modification: Modification
    onto_version: str
    outcomes: list[Outcome] = field(default_factory=list)
    sets: list[tuple[Amendments, list[Op]]] = field(default_factory=list)  # rebased ops per file
    warnings: list[str] = field(default_factory=list)

    @property
    def conflicts(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "conflict"]


# ---------------------------------------------------------------------------------------------
# The texts an op looks at


def _target_text(doc: Document, op: Op) -> str | None:
    """The text ``expect`` pins for this op in ``doc`` (None: no such target)."""
    if KINDS[op.kind].on_definition:
        _holder, term = split_definition_target(op.target)
        found = next((d for _, d in iter_definitions(doc) if d.term_text == term), None)
        return None if found is None else found.meaning_text
    idx = index(doc)
    loc = idx.get(op.target) or idx.get(plain_address(op.target))
    if loc is None:
        return None
    return loc.provision.heading_text if op.kind == "heading" else loc.provision.full_text


def _modified_text(base: Document, op: Op) -> str:
    """The op's target text after the op alone is applied to the base."""
    amended, changes, errors = run(base, [op])
    if errors or not changes.results:
        return ""
    if KINDS[op.kind].effect == INSERTS:
        return changes.results[0].after
    return _target_text(amended, op) or ""


def classify(base: Document, newer: Document, op: Op, modified: str | None = None) -> Outcome:
    """How one op fares on the newer baseline (see the module docstring). ``base`` and ``newer``
    are the two documents as the operations before this one left them; ``modified`` is the op's
    target text once applied on the base (worked out here when not given)."""
    if op.kind == "insert_definition":
        _holder, term = split_definition_target(op.target)
        if any(d.term_text == term for _, d in iter_definitions(newer)):
            return Outcome(op, "conflict", f'the newer baseline already defines "{term}"', "",
                           _target_text(newer, op) or "", op.get("meaning") if isinstance(op.get("meaning"), str) else "")
        return Outcome(op, "carried")
    before, after = _target_text(base, op), _target_text(newer, op)
    modified = _modified_text(base, op) if modified is None else modified
    if after is None:
        return Outcome(op, "conflict", f"target {op.target} is not in the newer baseline", before or "", "", modified)
    if before is None:
        return Outcome(op, "conflict", f"target {op.target} is not in the baseline it was drafted against"
                       " (it may be new in the newer one)", "", after, modified)
    if before == after:
        return Outcome(op, "carried")
    if op.kind == "insert":
        return Outcome(op, "carried, target changed", "the provision it is placed against changed; the insertion"
                       " does not depend on its words")
    words = KINDS[op.kind].words(op)
    if words is None:
        return Outcome(op, "conflict", f"the newer baseline changed the {'heading' if op.kind == 'heading' else 'text'}"
                       f" this {op.kind} rewrites", before, after, modified)
    hits = _hits(newer, op, words)
    if hits == 1 or (op.get("occurrence") and hits >= op.get("occurrence") and len(_hits_list(base, op, words)) == hits):
        return Outcome(op, "carried, target changed", f"words \"{_short(words)}\" found once in the newer text")
    what = "not found" if hits == 0 else f"found {hits} times"
    return Outcome(op, "conflict", f"the newer baseline changed the words \"{_short(words)}\" ({what})",
                   before, after, modified)


def _hits_list(doc: Document, op: Op, words: str) -> list[int]:
    if op.kind == "amend_definition":
        _holder, term = split_definition_target(op.target)
        d = next((d for _, d in iter_definitions(doc) if d.term_text == term), None)
        if d is None:
            return []
        return [s for p in iter_provisions(d.meaning) for s in find_all(p.own_text, words)]
    idx = index(doc)
    loc = idx.get(op.target) or idx.get(plain_address(op.target))
    if loc is None:
        return []
    p = loc.provision
    return find_all(p.own_text if (p.text or not p.heading) else p.heading_text, words)


def _hits(doc: Document, op: Op, words: str) -> int:
    return len(_hits_list(doc, op, words))


def _insert_address(op: Op) -> str:
    """The address an insert's number takes: "(ga)" beside "L1.15(g)" → "L1.15(ga)"."""
    number = op.get("number").strip()
    if not number.startswith("("):
        return number
    target = plain_address(op.target)
    if op.get("position") in ("first", "last"):
        return target + number
    cut = target.rfind("(")
    return (target[:cut] if cut > 0 else "") + number


def _provision_text(doc: Document, address: str) -> str:
    loc = index(doc).get(address)
    return loc.provision.full_text if loc is not None else ""


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# Reading the newer baseline


def newer_documents(onto: Path) -> dict[str, Path]:
    """document id → file in the newer baseline folder: its manifest.json, else every .docx in it
    and in its ``clean/`` sub-folder (a release build's output), by the id on its cover."""
    out: dict[str, Path] = {}
    for folder in (onto, onto / "clean"):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.docx")):
            doc_id = read_docx(path).id
            if doc_id and doc_id not in out:
                out[doc_id] = path
    return out


def document_path(folder: Path, doc_id: str, found: dict[str, Path] | None) -> tuple[Path, dict[str, Path] | None]:
    """A document of a baseline folder: as ``baselines.find_baseline`` finds it (manifest.json,
    ``src/*.sec.txt``), else by the id on the cover of each .docx (``newer_documents``);
    ``found`` caches the covers read."""
    try:
        return find_baseline(folder, doc_id), found
    except ConfigError:
        pass
    found = newer_documents(folder) if found is None else found
    if doc_id not in found:
        raise ConfigError(f"{display_path(folder)}: no document {doc_id} (looked in manifest.json, src/ and the"
                          " cover of each .docx, also in clean/)")
    return found[doc_id], found


# ---------------------------------------------------------------------------------------------
# Rebase


def rebase(mod_folder: str | os.PathLike, onto: str | os.PathLike, baselines: str | os.PathLike | None = None,
           legal_text_version: str | None = None) -> RebaseResult:
    """Classify every op of the modification against the newer baseline ``onto``."""
    mod = load_modification(mod_folder, legal_text_version)
    base_dir = Path(baselines) if baselines is not None else default_folder(mod.folder)
    onto = Path(onto)
    if not onto.is_dir():
        raise ConfigError(f"{display_path(onto)}: not a folder of documents")
    sets, problems = load_all(mod)
    if problems:
        raise AmendmentErrors(problems)
    found = base_found = None
    result = RebaseResult(mod, "")
    for amendments in sets:
        base_path, base_found = document_path(base_dir, amendments.document, base_found)
        base = read_document(base_path)
        newer_path, found = document_path(onto, amendments.document, found)
        newer = read_document(newer_path)
        result.onto_version = newer.sec_version or result.onto_version
        drafted = str(mod.legal_text.get("drafted_against_sec_version") or mod.drafted_against)
        if drafted and base.sec_version and base.sec_version != drafted:
            result.warnings.append(f"{amendments.document}: {mod.id} says it was drafted against SEC"
                                   f" v{drafted}, but the baseline read is v{base.sec_version}")
        rebased, outcomes = _rebase_ops(base, newer, amendments.ops)
        result.outcomes += outcomes
        result.sets.append((amendments, rebased))
    return result


def _rebase_ops(base: Document, newer: Document, ops: list[Op]) -> tuple[list[Op], list[Outcome]]:
    """Each op classified against the base and the newer document as the ops before it left
    them (so an op may target what an earlier one made), then tried on the newer one: an op that
    does not apply there (a number already taken, say) is a conflict too. Returns the rebased ops
    (pins moved to the newer text; a conflicting op as it was, noted) and the outcomes."""
    rebased: list[Op] = []
    outcomes: list[Outcome] = []
    base_state, newer_state = base, newer
    for k, op in enumerate(ops):
        base_after, changes, _errors = run(base_state, [op])
        mine = changes.results[0]
        if mine.status != "applied":  # an expect pin on a provision an earlier op changed: the whole prefix
            base_after, changes, _errors = run(base, ops[:k + 1])
            mine = changes.results[k]
        if mine.status != "applied":
            outcome = Outcome(op, "conflict", f"does not apply to the baseline it was drafted against: {mine.reason}",
                              _target_text(base_state, op) or "", _target_text(newer_state, op) or "", "")
        else:
            modified = mine.after if KINDS[op.kind].effect == INSERTS else _target_text(base_after, op) or ""
            outcome = classify(base_state, newer_state, op, modified)
            if outcome.status == "conflict" and _target_text(newer_state, op) is None \
                    and _target_text(base, op) is None and _target_text(base_state, op) is not None:
                outcome.reason = f"target {op.target} is made by an earlier operation of this set that conflicts"
        new_op = copy.copy(op)
        new_op.params = dict(op.params)
        if outcome.status != "conflict":
            if op.expect is not None and KINDS[op.kind].expect_allowed:
                new_op.expect = _target_text(newer_state, op)
            trial, _changes, errors = run(newer_state, [new_op])  # its pin is the text found there
            if errors:
                reason = errors[0].reason
                outcome = Outcome(op, "conflict", reason, _target_text(base_state, op) or "",
                                  _target_text(newer_state, op) or "", outcome.modified or _modified_text(base_state, op))
                if op.kind == "insert" and op.get("number"):  # a number the newer baseline took
                    taken = _insert_address(op)
                    outcome.base, outcome.newer = "", f"{taken} {_provision_text(newer_state, taken)}".strip()
                    outcome.modified = mine.after
            else:
                newer_state = trial
        if outcome.status == "conflict":
            new_op = copy.copy(op)
            new_op.note = (f"REBASE CONFLICT: {outcome.reason}. " + op.note).strip()
        outcomes.append(outcome)
        rebased.append(new_op)
        base_state = base_after
    return rebased, outcomes


def _table(op: Op) -> dict[str, Any]:
    table: dict[str, Any] = {"kind": op.kind, "target": op.target, **op.params}
    if op.expect is not None:
        table["expect"] = op.expect
    if op.note:
        table["note"] = op.note
    return table


def write_rebased(result: RebaseResult, out: str | os.PathLike) -> None:
    """OUT: the modification folder with its amendments rebased and ``drafted_against_sec_version``
    set to the newer version; any other file of the folder (``legal-text-v*/`` and the rest) is
    copied as it is. The rebased amendments become the folder's current ones (also when an
    earlier legal text version was rebased)."""
    mod = result.modification
    out = Path(out)
    if out.resolve() == mod.folder.resolve():
        raise ConfigError(f"{display_path(out)}: is the modification itself; rebase into another folder")
    with atomic_dir(out) as tmp:
        ordinary_permissions(tmp)
        for item in sorted(mod.folder.iterdir()):
            if item.is_dir():
                shutil.copytree(item, tmp / item.name)
            elif item.name != "modification.toml":
                shutil.copyfile(item, tmp / item.name)
        text = read_toml_text(mod.folder / "modification.toml")[1]
        text = _set_drafted_against(text, result.onto_version)
        (tmp / "modification.toml").write_text(text, encoding="utf-8")
        for amendments, ops in result.sets:
            ref = next(r for r in mod.documents if r.id == amendments.document)
            header = [f"{mod.id} — {amendments.document}: rebased by `secdocs rebase` onto SEC"
                      f" v{result.onto_version or '?'} from {amendments.file}."]
            if amendments.note:
                header.append(amendments.note)
            name = Path(ref.amendments).name
            (tmp / name).write_text(amendments_toml(amendments.document, [_table(o) for o in ops], header),
                                    encoding="utf-8")


def _set_drafted_against(text: str, version: str) -> str:
    if not version:
        return text
    line = f"drafted_against_sec_version = {value(version)}"
    if re.search(r"(?m)^drafted_against_sec_version\s*=.*$", text):
        return re.sub(r"(?m)^drafted_against_sec_version\s*=.*$", line, text, count=1)
    return re.sub(r"(?m)^(title\s*=.*)$", lambda m: m.group(1) + "\n" + line, text, count=1)
