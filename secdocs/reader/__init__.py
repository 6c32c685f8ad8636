"""Read any supported document into the model: .docx (Word, LibreOffice, ours) or .sec.txt."""

from __future__ import annotations

from pathlib import Path

from ..model import Document
from ..ooxml.read import read_docx
from .source import read_source


def read_document(path: str | Path, view: str = "accept", scheme: str | None = None) -> Document:
    """Read a .docx or a readable text source (``*.sec.txt``) into a Document."""
    if str(path).endswith(".txt"):
        return read_source(path)

    return read_docx(path, view=view, scheme=scheme)
