"""Renderings of changes: the marked (redlined) Document, the legal text document, compare."""

from .redline import ChangeRecord, Redline, redline, redline_document, view

__all__ = ["ChangeRecord", "Redline", "redline", "redline_document", "view"]
