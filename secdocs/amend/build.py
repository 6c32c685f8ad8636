"""``secdocs apply``: baselines in, consolidated documents and a report out, all or nothing.

1. Load ``modification.toml`` and every amendments file (shape errors collected from all files).
2. Read each affected document's baseline: the .docx that ``baselines/manifest.json`` names for
   its id, or, while that (or the .docx reader) is not there, its text source
   ``baselines/src/<slug>.sec.txt``. report.json records which file was read.
3. Apply each document's operations (every error from every document collected). If there is
   any error, raise ``AmendmentErrors`` with all of them: nothing is written.
4. Consolidate (``consolidate``: version bumped, history row, front note) and write one
   clean .docx per document plus ``report.json`` into a temporary directory that replaces OUT only
   when everything is written (``ooxml.package.atomic_dir``).
"""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..config import display_path
from ..errors import ConfigError
from ..limits import MAX_DOCX_BYTES, MAX_SOURCE_BYTES
from ..model import Document
from ..ooxml.package import atomic_dir, ordinary_permissions
from ..workspace import (document_slug, inside, join_output, guarded, name_write_error, note_input, read_input, read_input_text, read_json,
                         unique_names)
from .consolidate import Implementation, consolidate
from .load import Amendments, Modification, load_all, load_modification
from .ops import AmendmentErrors, ChangeSet, run


def slug(doc_id: str) -> str:
    """File stem of a document: "Section L" → "section-L", "Appendix B" → "appendix-B"
    (``workspace.document_slug``: always one safe path component)."""
    return document_slug(doc_id)


def _manifest_entries(manifest: dict) -> dict[str, str]:
    """document id → file name, from ``{"baselines": [{"id", "file", ...}]}`` (what
    scripts/build_baselines.py writes), a ``"documents"`` list, or a plain ``{id: file}`` map."""
    out: dict[str, str] = {}
    docs = next((manifest[k] for k in ("baselines", "documents") if k in manifest), manifest)
    items = docs.items() if isinstance(docs, dict) else ((None, v) for v in docs if isinstance(docs, list))
    for key, value in items:
        if isinstance(value, str) and key:
            out[key] = value
        elif isinstance(value, dict):
            name = value.get("file") or value.get("docx") or value.get("path")
            doc_id = value.get("id") or key
            if name and doc_id:
                out[doc_id] = name
    return out


def manifest_value(baselines: Path, doc_id: str, key: str) -> str:
    """A document's ``key`` ("version") from ``baselines/manifest.json``, or ""."""
    try:
        data = json.loads((baselines / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return ""
    docs = next((data[k] for k in ("baselines", "documents") if k in data), []) if isinstance(data, dict) else []
    for entry in docs if isinstance(docs, list) else []:
        if isinstance(entry, dict) and entry.get("id") == doc_id and entry.get(key) is not None:
            return str(entry[key])
    return ""


def clean_docx(o: Outcome, banner_text: str, writer: Callable[..., bytes] | None = None) -> bytes:
    """The consolidated document's bytes: the baseline's own package edited in place when the
    baseline is a .docx (what was recorded where goes to ``o.notes``), else our house style."""
    if o.in_place:
        from ..ooxml.inplace import edit_package

        edited = edit_package(read_input(o.path, MAX_DOCX_BYTES), o.baseline, o.consolidated, display_path(o.path), o.id)
        o.notes = edited.notes
        return edited.docx
    if writer is None:
        from ..ooxml.write import docx_bytes as writer
    return writer(o.consolidated, banner=banner_text)


def _can_read_docx() -> bool:
    return importlib.util.find_spec("secdocs.ooxml.read") is not None


def find_baseline(baselines: Path, doc_id: str) -> Path:
    """The baseline file of a document: the manifest's .docx, else its ``src/*.sec.txt``."""
    note_input(baselines, folder=True)  # OUT may not replace or sit inside the baselines
    manifest = baselines / "manifest.json"
    if manifest.exists():
        entries = _manifest_entries(read_json(manifest))
        name = entries.get(doc_id)
        if name:
            name = str(inside(baselines, name, f"{display_path(manifest)}: {doc_id}: file", ConfigError)
                       .relative_to(baselines))
        if name and (baselines / name).is_file() and (_can_read_docx() or not name.endswith(".docx")):
            return baselines / name
    candidate = baselines / f"{slug(doc_id)}.docx"
    if candidate.is_file() and not manifest.is_file() and _can_read_docx():
        return candidate
    src = baselines / "src" / f"{slug(doc_id)}.sec.txt"
    if src.is_file():
        return src
    for path in sorted((baselines / "src").glob("*.sec.txt")) if (baselines / "src").is_dir() else []:
        for line in read_input_text(path, MAX_SOURCE_BYTES, error=ConfigError).splitlines():
            if line.startswith("@id:") and line[4:].strip() == doc_id:
                return path
            if line.strip() and not line.startswith("@"):
                break
    raise ConfigError(f"{display_path(baselines)}: no baseline for {doc_id}"
                      f" (looked in manifest.json and src/{slug(doc_id)}.sec.txt)")


def default_baselines(mod_folder: Path) -> Path:
    """``baselines/`` in the working directory, else beside the ``modifications/`` folder."""
    here = Path("baselines")
    if here.is_dir():
        return here
    return mod_folder.resolve().parent.parent / "baselines"


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
    baselines = Path(baselines) if baselines is not None else default_baselines(mod.folder)
    if reader is None:
        from ..reading import read_document as reader  # noqa: N813
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


def report(result: BuildResult) -> dict:
    """The ``report.json`` contents (no clock, no absolute paths: identical inputs, identical bytes)."""
    mod = result.modification
    by_kind: dict[str, int] = {}
    for o in result.outcomes:
        for k, n in o.changes.by_kind().items():
            by_kind[k] = by_kind.get(k, 0) + n
    return {
        "modification": {
            "id": mod.id, "title": mod.title, "illustrative": mod.illustrative,
            "illustrative_label": mod.illustrative_label, "release": mod.release,
            "implementation_date": mod.implementation_date, "drafted_against_sec_version": mod.drafted_against,
            "legal_text": mod.legal_text, "author": mod.author,
        },
        "documents": [{
            "id": o.id, "title": o.consolidated.title, "file": o.file, "baseline_file": o.baseline_file,
            "baseline_version": o.baseline.version, "version": o.consolidated.version,
            "sec_version": o.consolidated.sec_version, "date": o.consolidated.date,
            "edited_in_place": o.in_place, "notes": o.notes,
            "operations": [r.to_json() for r in o.changes.results],
        } for o in result.outcomes],
        "summary": {
            "operations": sum(len(o.changes.results) for o in result.outcomes),
            "by_document": {o.id: len(o.changes.results) for o in result.outcomes},
            "by_kind": dict(sorted(by_kind.items())),
        },
        "warnings": result.warnings,
    }


@guarded  # the inputs read are guarded against OUT, for library calls too
def build(mod_folder: str | os.PathLike, out: str | os.PathLike, baselines: str | os.PathLike | None = None,
          writer: Callable[..., None] | None = None, reader: Callable[[Path], Document] | None = None,
          legal_text_version: str | None = None) -> BuildResult:
    """Validate and apply a modification, then write OUT/<slug>.docx per document and OUT/report.json."""
    result = prepare(mod_folder, baselines, reader, legal_text_version)
    text = banner(result.modification)
    files = {}
    for o in result.outcomes:  # every document made before anything is written
        o.file = f"{slug(o.id)}.docx"
    unique_names([(o.id, o.file) for o in result.outcomes] + [("report", "report.json")],
                 display_path(result.modification.folder / "modification.toml"))
    for o in result.outcomes:
        files[o.file] = None if writer is not None and not o.in_place else clean_docx(o, text)
    with atomic_dir(out) as tmp:
        ordinary_permissions(tmp)  # mkdtemp's folder is private; OUT should have the usual mode
        for o in result.outcomes:
            if files[o.file] is None:
                writer(o.consolidated, join_output(tmp, o.file), banner=text)
            else:
                target = join_output(tmp, o.file)
                try:
                    target.write_bytes(files[o.file])
                except OSError as exc:  # a full disk names the document's file
                    raise name_write_error(exc, Path(out) / o.file) from None
        data = json.dumps(report(result), indent=2, ensure_ascii=False) + "\n"
        (tmp / "report.json").write_text(data, encoding="utf-8")
    return result
