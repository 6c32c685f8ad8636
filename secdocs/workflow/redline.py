"""``secdocs redline`` as a library call: for each document a modification affects, the whole
document redlined, named ``<document>-redline.docx``.

A .docx baseline gets the baseline's own package: the consolidated document edited in place
(``ooxml.inplace``) and marked against the baseline by the one compare engine
(``ooxml.compare.compare_packages``); its static colour markup is that tracked redline with every
revision turned into formatting (``ooxml.static_marks``). A baseline read from its text source is
written in our house style from ``render.redline.redline`` of the two Documents.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..amend.load import Modification
from ..amend.prepare import Outcome, banner, clean_docx, prepare
from ..workspace.limits import MAX_DOCX_BYTES
from ..ooxml.compare import compare_packages
from ..ooxml.static_marks import tracked_to_static
from ..ooxml.write import docx_bytes
from ..render.label import changed, label_redline, redline_label
from ..render.redline import redline, revision_marks
from ..workspace import document_slug, read_input


@dataclass
class RedlinedDocument:
    """One affected document's whole redline."""

    name: str  # file name: "section-L-redline.docx"
    id: str
    old_version: str
    new_version: str
    changes: int  # entries of the change list
    data: bytes
    static: bytes | None = None  # the same redline in static colour markup, when asked (for a PDF)


@dataclass
class RedlineSet:
    modification: Modification
    markup: str
    documents: list[RedlinedDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # change-list rows whose paragraph was not found

    @property
    def files(self) -> dict[str, bytes]:
        return {d.name: d.data for d in self.documents}

    @property
    def static_files(self) -> dict[str, bytes]:
        """name → the static colour markup of each redline (``redline_set(..., static_copies=True)``)."""
        return {d.name: d.static for d in self.documents if d.static is not None}


def redline_set(mod_dir: str | os.PathLike, *, baselines: str | os.PathLike | None = None,
                markup: str = "tracked", colours: dict[str, str] | None = None,
                author: str | None = None, version: str | None = None, static_copies: bool = False) -> RedlineSet:
    """Validate and apply a modification in memory (every amendment error raised together, as
    ``AmendmentErrors``), then redline each affected document (``version``: an earlier legal
    text version, default the current one). ``static_copies``: each document also in static
    colour markup (``RedlinedDocument.static``: what a PDF for circulation is made from), from the
    same application of the modification."""
    result = prepare(mod_dir, baselines, legal_text_version=version)
    mod = result.modification
    who, date = revision_marks(mod, author)
    out = RedlineSet(mod, markup)
    for o in result.outcomes:
        name = f"{document_slug(o.id)}-redline.docx"
        r = redline(o.baseline, o.consolidated, author=who, date=date)  # the change list, by provision
        label = redline_label(o.id, o.baseline.version, o.consolidated.version, [mod.id], mod.illustrative)

        def labelled(data: bytes, *, report: bool = True) -> bytes:
            done = label_redline(data, name, label, changed(r.changes))
            out.warnings += done.warnings if report else []  # a static copy repeats the tracked one's
            return done.data

        if o.in_place:
            tracked = labelled(tracked_in_place(o, who, date))  # made static once labelled (the label finds the marks)
            static = tracked_to_static(tracked, colours, name) if markup == "static" or static_copies else None
            data = tracked if markup == "tracked" else static
        else:
            data = labelled(docx_bytes(r.document, markup=markup, colours=colours, banner=banner(mod)))
            static = labelled(docx_bytes(r.document, markup="static", colours=colours, banner=banner(mod)),
                              report=False) if static_copies else None
        n = len(r.changes)  # provisions and cover values changed, whatever wrote the marks
        out.documents.append(RedlinedDocument(name, o.id, o.baseline.version, o.consolidated.version, n, data,
                                              static if static_copies else None))
    return out


def tracked_in_place(o: Outcome, author: str, date: str) -> bytes:
    """The tracked redline (.docx) of a .docx baseline: its own package, edited into the
    consolidated document and marked against itself."""
    clean = clean_docx(o, "")
    result = compare_packages(read_input(o.path, MAX_DOCX_BYTES), clean, author=author, date=date, document=o.id,
                              old_name=o.baseline_file, new_name=f"{o.id} consolidated")
    return result.docx
