"""Stream of labelled paragraphs → the provision tree of a Document (no XML here).

The input is what ``secdocs.ooxml`` reads from a .docx: paragraphs with their style names,
outline levels, indentation and automatic-numbering labels, and tables (``secdocs.structure.blocks``).
The output follows the model conventions of docs/DEVELOPING.md:

* section scheme — Part ``L1`` (heading), cross-headings as the Part's children beside its
  clauses, clauses ``L1.1`` with their paragraphs ``(a)`` / ``(i)`` / ``(A)`` as children;
* policy scheme — numbered headings ``1`` / ``4.9`` / ``4.9.1`` nested by number, paragraphs
  ``(A)`` / ``(i)`` / ``(a)`` and unnumbered text below them;
* decimal scheme — ``1`` / ``1.1`` headings (heading styles) or clauses (body text), paragraphs
  ``(a)`` / ``(i)``.

Paragraphs in the secdocs house styles (``SEC Part``, ``SEC Paragraph 2``…) are placed exactly
as the style says. Other paragraphs are placed from their label (automatic or typed before a
tab or spaces), their list level, their heading style and their indentation; where that leaves
doubt (a label that skips, a list that starts in the middle, a paragraph before any clause) the
paragraph is still placed and a ReaderWarning says where and why. A two-column table after a
clause whose rows are term | meaning is that clause's definitions table; a table headed
Version | Date | Description is the version history; other tables become Kind.TABLE provisions.
"""

from .builder import build_document
from .cover import guess_scheme, iso_date
from .labels import normalise_auto_label, paren_formats, style_role
from ..model.address import assign_uids

__all__ = ["build_document", "assign_uids", "guess_scheme", "iso_date", "normalise_auto_label", "paren_formats",
           "style_role"]
