"""A modification applied in memory to its baselines: what ``secdocs apply``, ``redline``,
``legal-text``, ``site`` and ``consult`` start from.

1. Load ``modification.toml`` and every amendments file (shape errors collected from all files).
2. Read each affected document's baseline (``secdocs.baselines.find_baseline``: the file that
   ``baselines/manifest.json`` names for its id, else its text source ``baselines/src/<slug>.sec.txt``).
3. Apply each document's operations (every error from every document collected). If there is
   any error, raise ``AmendmentErrors`` with all of them.
4. Consolidate (``consolidate``: version bumped, history row, front note).

``clean_docx`` gives a consolidated document's bytes (the baseline's own package edited in place,
else the house style); writing them is the workflow's (``secdocs.workflow.apply``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..baselines import default_folder, find_baseline, manifest_value
from ..workspace.config import display_path
from ..workspace.limits import MAX_DOCX_BYTES
from ..model import Document
from ..ooxml.inplace import edit_package
from ..ooxml.write import docx_bytes
from ..reader import read_document
from ..workspace import read_input
from .consolidate import Implementation, consolidate
from .load import Amendments, Modification, load_all, load_modification
from .ops import AmendmentErrors, ChangeSet, run


def clean_docx(o: Outcome, banner_text: str) -> bytes:
    """The consolidated document's bytes: the baseline's own package edited in place when the
    baseline is a .docx (what was recorded where goes to ``o.notes``), else our house style."""
    if o.in_place:
        edited = edit_package(read_input(o.path, MAX_DOCX_BYTES), o.baseline, o.consolidated, display_path(o.path), o.id)
        o.notes = edited.notes
        return edited.docx
    return docx_bytes(o.consolidated, banner=banner_text)


@dataclass
class Outcome:
    """One affected document: baseline, consolidated version, what changed, where it went."""

    id: str
    baseline: Document
    baseline_file: str
    amended: Document
    consolidated: Document
    changes: ChangeSet
    file: str = ""
    path: Path | None = None  # the baseline file read (a .docx is edited in place)
    notes: list[str] = field(default_factory=list)  # where the new version was recorded, and how

    @property
    def in_place(self) -> bool:
        """Whether the outputs are the baseline's own package, edited (a .docx baseline)."""
        return self.path is not None and self.path.suffix.lower() == ".docx"


@dataclass
class BuildResult:
    modification: Modification
    outcomes: list[Outcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def prepare(mod_folder: str | os.PathLike, baselines: str | os.PathLike | None = None,
            reader: Callable[[Path], Document] | None = None, legal_text_version: str | None = None
            ) -> BuildResult:
    """Load, validate and apply everything in memory; raise AmendmentErrors with every problem.
    ``legal_text_version``: an earlier legal text (``legal-text-v<version>/``); default the current."""
    mod = load_modification(mod_folder, legal_text_version)
    baselines = Path(baselines) if baselines is not None else default_folder(mod.folder)
    reader = reader or read_document
    amendment_sets, problems = load_all(mod)
    result = BuildResult(mod, warnings=list(mod.warnings))
    by_id: dict[str, Amendments] = {a.document: a for a in amendment_sets}
    for ref in mod.documents:
        amendments = by_id.get(ref.id)
        if amendments is None:
            continue
        path = find_baseline(baselines, ref.id)
        doc = reader(path)
        if not doc.version:  # a user's document that does not state its version as we read it
            doc.version = manifest_value(baselines, ref.id, "version")
        if doc.id and doc.id != ref.id:
            problems.append(f"{display_path(path)}: is {doc.id!r}, not {ref.id!r}")
            continue
        if mod.drafted_against and doc.sec_version and doc.sec_version != mod.drafted_against:
            result.warnings.append(f"{ref.id}: baseline is SEC v{doc.sec_version} but {mod.id} was drafted against"
                                   f" v{mod.drafted_against}; expect pins decide whether it still applies")
        amended, changes, errors = run(doc, amendments.ops)
        problems.extend(errors)
        changes.document = ref.id
        if not errors:
            result.outcomes.append(Outcome(ref.id, doc, display_path(path), amended,
                                           consolidate(amended, Implementation.of(mod)), changes, path=path))
    if problems:
        raise AmendmentErrors(problems)
    return result


def banner(mod: Modification) -> str:
    text = f"Representative text — consolidated with {mod.id}"
    if mod.illustrative:
        text += f"; the {mod.id} legal text is illustrative, not the official legal text"
    return text + "."
