"""``secdocs consult``: a consultation pack for one stage of a modification.

OUT/consultation.docx, response-form.docx, legal-text.docx, the review site (site/) and
manifest.json (+ PDFs with ``pdf=True``). Everything is built in memory first, so a missing value or a failed legal text
leaves OUT untouched; each file is then written to a temporary name and renamed into place.
The same inputs give the same bytes: dates come from modification.toml (the consultation's issue
date), never the clock, and packages are re-zipped with ``normalise_docx_bytes``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import __version__
from ..ooxml.write import docx_bytes, save_bytes
from ..render.pdf import docx_to_pdf, pdf_name
from ..render.legaltext import banner, build_legal_text, drafting_notes
from ..render.site.sources import modification_site
from ..workspace import check_output, guarded
from .consultation import build_consultation
from .data import PackData, load
from .form import build_form, form_reference
from .versions import version_changes

DOCX_FILES = ("consultation.docx", "response-form.docx", "legal-text.docx")


@dataclass
class LegalText:
    """The legal text document twice (native tracked changes; static colour markup) and, per
    affected document, its version before and after the modification."""

    tracked: bytes
    static: bytes
    versions: dict[str, tuple[str, str]] = field(default_factory=dict)
    drafting_notes: bool = False  # the legal text has drafting notes after its documents' extracts


LegalTextFn = Callable[[PackData], LegalText]


def real_legal_text(data: PackData) -> LegalText:
    """The legal text from the redline renderer (what ``secdocs legal-text`` writes), built once
    and written with both markups; the document versions come from the same applied outcomes.
    The version is the stage's ``legal_text_version`` (default the current legal text)."""
    mod, doc, outcomes = build_legal_text(data.mod_dir, baselines=data.baselines, version=data.legal_text_version)
    line = banner(mod)
    return LegalText(tracked=docx_bytes(doc, markup="tracked", banner=line),
                     static=docx_bytes(doc, markup="static", banner=line),
                     versions={o.id: (o.baseline.version, o.consolidated.version) for o in outcomes},
                     drafting_notes=any(drafting_notes(o.changes.results) for o in outcomes))


def build_pack(mod_dir: str | Path, stage: str, *, baselines: str | Path | None = None,
               legal_text: LegalTextFn | None = None, reference: Path | None = None,
               responses: str | Path | None = None, templates: Path | None = None) -> dict[str, bytes]:
    """Every file of the pack as name → bytes (manifest included)."""
    return pack_files(load(mod_dir, stage, baselines, responses), legal_text=legal_text, reference=reference,
                      templates=templates)


def pack_files(data: PackData, *, legal_text: LegalTextFn | None = None, reference: Path | None = None,
               versions: Callable | None = None, templates: Path | None = None) -> dict[str, bytes]:
    """``versions``: the legal text changes since the previous version (``packs.versions``;
    default: computed when the legal text is the real one, none with a test's legal text);
    ``templates``: a folder of the user's own templates (each one used must be there; its
    reference.docx, if any, is the base of the pack's own documents)."""
    legal = (legal_text or real_legal_text)(data)
    if data.stage == "report":
        if versions is None and legal_text is None:
            versions = version_changes
        data.context["changes_since"] = versions(data) if versions is not None else None
    changes = data.context["changes_since"]
    for doc in data.mod["documents"]:
        before, after = legal.versions.get(doc["id"], (doc["version"], ""))
        doc["version"], doc["new_version"] = before or doc["version"], after
    data.mod["drafting_notes"] = legal.drafting_notes  # Annex A says what the notes tables are
    # legal-text.docx keeps native tracked changes (what reviewers in Word expect); Annex A takes
    # the same extracts with static markup (coloured underline / strikethrough), because the
    # consultation is a publication: nothing in it should be "accepted" by a reader, and the
    # PDF shows the same marks. The annex copies the legal text body from the first document
    # heading on, so each document's drafting notes (explanatory, unmarked) come with it.
    files = {
        "consultation.docx": build_consultation(data, legal.static, reference=reference, templates=templates,
                                                annex_b=changes.annex if changes is not None else None),
        "response-form.docx": build_form(data, reference=reference, templates=templates),
        "legal-text.docx": legal.tracked,
    }
    files["manifest.json"] = manifest(data, files)
    data.pdf_sources = {"legal-text.docx": legal.static}  # its PDF, for circulation: static red/blue
    return files


def manifest(data: PackData, files: dict[str, bytes]) -> bytes:
    mod, stage = data.mod, data.consultation
    body = {
        "tool": f"secdocs {__version__}",
        "modification": mod["id"],
        "title": mod["title"],
        "stage": data.stage,
        "consultation": stage["name"],
        "issue_date": stage["issue_date"].isoformat(),
        "closing": f"{stage['closing_date'].isoformat()}T{stage['closing_time']}",
        "mailbox": stage["mailbox"],
        "mailbox_is_fictitious_example": stage["mailbox_is_example"],
        "questions": len(stage["questions"]),
        "legal_text_version": mod["legal_version"],
        "drafted_against_sec_version": mod["sec_version"],
        "form_reference": form_reference(data),
        "illustrative": mod["illustrative"],
        "files": [{"name": name, "bytes": len(blob), "sha256": hashlib.sha256(blob).hexdigest()}
                  for name, blob in sorted(files.items()) if name != "manifest.json"],
    }
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_pack(files: dict[str, bytes], out_dir: str | Path, *, pdf: bool = False, data: PackData | None = None) -> list[Path]:
    """Write the pack (PDFs first converted in a temporary folder); returns the paths written."""
    out = Path(out_dir)
    if pdf:
        sources = getattr(data, "pdf_sources", None) or {}
        pdfs = docx_to_pdf({n: sources.get(n, files[n]) for n in DOCX_FILES})
        files = dict(files)
        files.update(pdfs)
        if data is not None:
            files["manifest.json"] = manifest(data, files)
    check_output(out, folder=True)  # not an input, not holding or inside one (before mkdir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in sorted(files, key=lambda n: (n == "manifest.json", n)):
        save_bytes(out / name, files[name])
        written.append(out / name)
    if not pdf:  # PDFs of an earlier build would no longer match the documents or the manifest
        for name in DOCX_FILES:
            stale = out / pdf_name(name)
            if stale.is_file():
                stale.unlink()
    return written


@guarded  # the inputs read are guarded against OUT, for library calls too
def consult(mod_dir: str | Path, stage: str, out_dir: str | Path, *, pdf: bool = False,
            baselines: str | Path | None = None, legal_text: LegalTextFn | None = None,
            responses: str | Path | None = None, templates: str | Path | None = None) -> list[Path]:
    data = load(mod_dir, stage, baselines, responses)
    files = pack_files(data, legal_text=legal_text, templates=Path(templates) if templates else None)
    if legal_text is None:  # the review site of the legal text this consultation carries
        files.update(review_site(data))
        files["manifest.json"] = manifest(data, files)
    return write_pack(files, out_dir, pdf=pdf, data=data)


def review_site(data: PackData) -> dict[str, bytes]:
    """The review site (``site/…``) of the modification at the stage's legal text version."""
    site, _ = modification_site(data.mod_dir, baselines=data.baselines,  # applied as for the legal text
                                version=data.legal_text_version)
    return {f"site/{name}": blob for name, blob in site.items()}
