"""``secdocs apply`` as a library call: baselines in, consolidated documents and a report out,
all or nothing.

The modification is applied in memory (``amend.prepare.prepare``: every amendment error of every
document raised together, ``AmendmentErrors``, and nothing written); then one clean .docx per
document (``amend.prepare.clean_docx``: a .docx baseline's own package edited in place, else the
house style) and ``report.json`` are written into a temporary directory that replaces OUT only
when everything is written (``ooxml.package.atomic_dir``). report.json records which baseline
file was read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable

from ..amend.prepare import BuildResult, banner, clean_docx, prepare
from ..workspace.config import display_path
from ..model import Document
from ..ooxml.package import atomic_dir, ordinary_permissions
from ..workspace import document_slug, guarded, join_output, name_write_error, unique_names


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
        o.file = f"{document_slug(o.id)}.docx"
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
