"""What a command built, written: everything converted to PDF first when asked (one LibreOffice
run, :mod:`secdocs.render.pdf`; a PDF is made from the static markup, red and blue, as it is for
circulation), then a folder replaced as a whole, or single files, each renamed into place only
when complete."""

from __future__ import annotations

import os
from pathlib import Path

from ..ooxml.package import write_folder
from ..ooxml.write import save_bytes
from ..render.pdf import docx_to_pdf


def with_pdfs(files: dict[str, bytes], sources: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """The files and, after them, the PDF of each (``x.docx`` → ``x.pdf``, beside it) through
    LibreOffice; ``sources`` (name → .docx bytes) replaces what a file's PDF is made from."""
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
