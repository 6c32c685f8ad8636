"""Importing a legal text document: split it into its documents, merge each extract onto its baseline.

A legal text (``secdocs legal-text``) shows, for each affected document, a heading
"Section L — <title>", then only the provisions that change, in their Parts and under their
cross-headings, with "* * *" where text is left out, then a "Drafting notes: Section L" table.
"""

from __future__ import annotations

import re

from ..model import Document, Kind

HEADING_RE = re.compile(r"^((?:Section|Appendix)\s+[A-Z]{1,2})\s+[—–-]\s+(.+)$")


def is_legal_text(doc: Document) -> bool:
    """Whether a document is a legal text: top-level headings naming SEC documents."""
    return any(p.kind == Kind.HEADING and HEADING_RE.match(p.heading_text) for p in doc.provisions)
