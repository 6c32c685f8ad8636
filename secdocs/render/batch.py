"""The redline outputs of a modification as library calls: what ``secdocs redline`` and
``secdocs legal-text`` do, so that the commands only parse arguments, call these and report.

* :func:`redline_set` — for each document a modification affects, the whole document redlined,
  named ``<document>-redline.docx``. A .docx baseline with tracked changes gets the baseline's own
  package: the consolidated document edited in place (``ooxml.inplace``) and marked against the
  baseline by the one compare engine (``ooxml.compare.compare_packages``); its static colour
  markup is that tracked redline with every revision turned into formatting
  (``ooxml.static_marks``). A baseline read from its text source is written in our house style
  from :func:`.redline.redline` of the two Documents;
* :func:`legal_text_file` — the legal text document (:mod:`.legaltext`) as .docx bytes;
* :func:`revision_marks` — who and when the revisions of a modification are (its author, default
  its id; the legal text's date, else the implementation date), shared with the release build;
* :func:`write_outputs` — everything built is converted to PDF first when asked (one LibreOffice
  run, :mod:`secdocs.pdf`; a PDF is made from the static markup, red and blue, as it is for
  circulation), then written: a folder replaced as a whole, or single files, each renamed into
  place only when complete.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..ooxml.package import write_folder
from ..ooxml.static_marks import tracked_to_static
from ..ooxml.write import docx_bytes, save_bytes
from .citation import CHANGE_KINDS
from .label import Changed, label_redline, redline_label
from .redline import iso_datetime, redline


def revision_marks(mod, author: str | None = None) -> tuple[str, str]:
    """(author, ISO date) of a modification's revisions."""
    who = author or mod.author or mod.id
    date = str((mod.legal_text or {}).get("date") or mod.implementation_date or "")
    return who, iso_datetime(date)


@dataclass
class RedlinedDocument:
    """One affected document's whole redline."""

    name: str  # file name: "section-L-redline.docx"
    id: str
    old_version: str
    new_version: str
    changes: int  # entries of the change list
    data: bytes


@dataclass
class RedlineSet:
    modification: object  # amend.load.Modification
    markup: str
    documents: list[RedlinedDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # change-list rows whose paragraph was not found

    @property
    def files(self) -> dict[str, bytes]:
        return {d.name: d.data for d in self.documents}


def redline_set(mod_dir: str | os.PathLike, *, baselines: str | os.PathLike | None = None,
                markup: str = "tracked", colours: dict[str, str] | None = None,
                author: str | None = None, version: str | None = None) -> RedlineSet:
    """Validate and apply a modification in memory (every amendment error raised together, as
    ``AmendmentErrors``), then redline each affected document (``version``: an earlier legal
    text version, default the current one)."""
    from ..amend.build import banner, prepare, slug

    result = prepare(mod_dir, baselines, legal_text_version=version)
    mod = result.modification
    who, date = revision_marks(mod, author)
    out = RedlineSet(mod, markup)
    for o in result.outcomes:
        name = f"{slug(o.id)}-redline.docx"
        r = redline(o.baseline, o.consolidated, author=who, date=date)  # the change list, by provision
        if o.in_place and markup in ("tracked", "static"):
            data = tracked_in_place(o, who, date)  # made static once labelled (the label finds the marks)
        else:
            data = docx_bytes(r.document, markup=markup, colours=colours, banner=banner(mod))
        n = len(r.changes)  # provisions and cover values changed, whatever wrote the marks
        labelled = label_redline(data, name, redline_label(o.id, o.baseline.version, o.consolidated.version,
                                                           [mod.id], mod.illustrative), changed(r.changes))
        out.warnings += labelled.warnings
        data = labelled.data
        if o.in_place and markup == "static":
            data = tracked_to_static(data, colours, name)
        out.documents.append(RedlinedDocument(name, o.id, o.baseline.version, o.consolidated.version, n, data))
    return out


def changed(records) -> list[Changed]:
    """A redline's change list (``ChangeRecord``) as the cover lists it: one row per provision
    and kind of change, in document order."""
    out: dict[tuple[str, str], Changed] = {}
    for rec in records:
        kind = CHANGE_KINDS.get(rec.kind, rec.kind)
        words = ((rec.new or rec.old or "").strip().splitlines() or [""])[0]
        out.setdefault((rec.address, kind), Changed(rec.address, kind, words))
    return list(out.values())


def tracked_in_place(o, author: str, date: str) -> bytes:
    """The tracked redline (.docx) of a .docx baseline: its own package, edited into the
    consolidated document and marked against itself."""
    from ..amend.build import clean_docx
    from ..inputs import read_input
    from ..limits import MAX_DOCX_BYTES
    from ..ooxml.compare import compare_packages

    clean = clean_docx(o, "")
    result = compare_packages(read_input(o.path, MAX_DOCX_BYTES), clean, author=author, date=date, document=o.id,
                              old_name=o.baseline_file, new_name=f"{o.id} consolidated")
    return result.docx


def legal_text_file(mod_dir: str | os.PathLike, *, baselines: str | os.PathLike | None = None,
                    markup: str = "tracked", colours: dict[str, str] | None = None, author: str | None = None,
                    version: str | None = None):
    """(Modification, outcomes, .docx bytes) of a modification's legal text document (``version``:
    an earlier legal text version, default the current one)."""
    from .legaltext import banner, build_legal_text

    mod, doc, outcomes = build_legal_text(mod_dir, baselines=baselines, author=author, version=version)
    return mod, outcomes, docx_bytes(doc, markup=markup, colours=colours, banner=banner(mod))


def with_pdfs(files: dict[str, bytes], sources: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """The files and, after them, the PDF of each (``x.docx`` → ``x.pdf``, beside it) through
    LibreOffice; ``sources`` (name → .docx bytes) replaces what a file's PDF is made from."""
    from ..pdf import docx_to_pdf

    sources = sources or {}
    return {**files, **docx_to_pdf({name: sources.get(name, data) for name, data in files.items()})}


def write_outputs(files: dict[str, bytes], *, folder: str | os.PathLike | None = None,
                  pdf: bool = False, pdf_sources: dict[str, bytes] | None = None) -> list[Path]:
    """Write ``files`` (name → bytes; with ``pdf``, each one's PDF too, all converted before
    anything is written, from ``pdf_sources[name]`` when given): into ``folder``, replaced as a
    whole, or — without a folder — each name a path of its own, written atomically. Returns the
    paths written, PDFs last.

    A PDF is for circulation: the commands make it from the static markup (blue insertions, red
    deletions; ``pdf_sources``) rather than from tracked changes, whose change bars a PDF viewer
    cannot hide and which LibreOffice also draws beside the line after an inserted paragraph."""
    if pdf:
        files = with_pdfs(files, pdf_sources)
    if folder is not None:
        write_folder(folder, files)
        return [Path(folder) / name for name in files]
    for name, data in files.items():
        save_bytes(name, data)
    return [Path(name) for name in files]
