"""Renderings of changes: the marked (redlined) Document, the legal text document, compare."""

from .redline import Redline, redline, redline_document, view

__all__ = ["Redline", "redline", "redline_document", "view"]
