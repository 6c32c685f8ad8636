"""A document's id, title, versions, date and numbering scheme (no XML here).

In order of preference: the house-style cover (``SEC Title``, ``SEC Subtitle``, ``SEC Meta``
lines such as ``Document version: 18.0``); a "SECTION L – TITLE" or "Appendix B …" line and a
"Version 18.0" line before the body; the page header and footer (``Section L — Title``,
``Version 18.0``); the core properties (title, subject, ``version=…; sec-version=…`` keywords).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from .blocks import Block, Para, Sources
from ..model import Document, ReaderWarning
from .labels import label_kind, label_text, style_role

DOC_ID_RE = re.compile(r"^\s*((?i:section|appendix|schedule))\s+([A-Z]{1,2})\b"
                       r"(?:\s*[:.\-–—]\s*|\s+(?=[A-Z])|\s*$)(.*)$", re.DOTALL)
_VERSION_LINE_RE = re.compile(r"^(document\s+)?version\s*:?\s*\d+(\.\d+)*\s*$", re.IGNORECASE)
_VERSION_RE = re.compile(r"\bversion\s*:?\s*(\d+(?:\.\d+)*)", re.IGNORECASE)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")


def iso_date(text: str) -> str:
    """``24 June 2021`` → ``2021-06-24``; ISO dates (and anything unreadable) unchanged."""
    text = (text or "").strip()
    m = re.match(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})$", text)
    if m and m.group(2).lower() in _MONTHS:
        try:
            return _dt.date(int(m.group(3)), _MONTHS.index(m.group(2).lower()) + 1, int(m.group(1))).isoformat()
        except ValueError:
            return text
    return text


@dataclass
class Cover:
    """Collects metadata into a Document, each field from the first source that has it."""

    doc: Document
    warnings: list[ReaderWarning]
    found: set[str] = field(default_factory=set)
    consumed: set[int] = field(default_factory=set)  # ids of paragraphs read as metadata

    def set(self, name: str, value: str) -> None:
        if name not in self.found and value:
            setattr(self.doc, name, value)
            self.found.add(name)

    def read(self, blocks: list[Block], sources: Sources) -> None:
        """Read the cover paragraphs, then fill the gaps from the header, footer and core properties."""
        body_seen = False
        for block in blocks:
            if not isinstance(block, Para):
                continue
            role, _ = style_role(block)
            early = not body_seen and role in ("", "doc-title", "doc-subtitle")
            if not early and role not in ("title", "subtitle", "meta"):
                continue  # nothing to learn from this paragraph (spares joining its text)
            text = " ".join(block.text.split())
            if early and text:
                if label_text(block) is not None or (role == "" and block.outline_level is not None):
                    body_seen = True
                elif self._title_line(text):
                    self.consumed.add(id(block))
                elif _VERSION_LINE_RE.match(text) and "version" not in self.found:
                    self.set("version", _VERSION_RE.search(text).group(1))
                    self.consumed.add(id(block))
            if role == "title" and text:
                self.set("id", text)
            elif role == "subtitle" and text:
                self.set("title", text)
            elif role == "meta":
                self._meta_line(block, text)
        self._sources(sources)

    def _meta_line(self, para: Para, text: str) -> None:
        key, _, value = text.partition(":")
        key, value = key.strip().lower(), value.strip()
        if key in ("document version", "version"):
            self.set("version", value)
        elif key == "sec version":
            self.set("sec_version", value)
        elif key == "date":
            self.set("date", iso_date(value))
        else:
            self.warnings.append(ReaderWarning(para.where(), f"cover line {text!r} not understood"))

    def _title_line(self, text: str) -> bool:
        """A "SECTION L – TITLE" / "Appendix B ..." line before the body: id and title."""
        if "id" in self.found or len(text) > 200:
            return False
        m = DOC_ID_RE.match(text)
        if not m:
            return False
        self.set("id", f"{m.group(1).capitalize()} {m.group(2).upper()}")
        self.set("title", m.group(3).strip())
        return True

    def _sources(self, src: Sources) -> None:
        for line in [*src.header_lines, src.core_title]:  # "Section L — Title" (the writer's form)
            if "id" in self.found and "title" in self.found:
                break
            head, sep, tail = line.partition(" — ")
            m = DOC_ID_RE.match(head if sep else line)
            if m and not (sep and m.group(3).strip()):
                self.set("id", f"{m.group(1).capitalize()} {m.group(2).upper()}")
                self.set("title", (tail if sep else m.group(3)).strip())
        for line in src.footer_lines + src.header_lines:  # "Version 18.0", before the core properties
            m = _VERSION_RE.search(line)
            if m:
                self.set("version", m.group(1))
        for key, value in re.findall(r"([\w-]+)\s*=\s*([^;]+)", src.core_keywords):
            key = key.lower()
            if key == "version":
                self.set("version", value.strip())
            elif key in ("sec-version", "sec_version"):
                self.set("sec_version", value.strip())
        if src.core_subject:
            self.set("title", src.core_subject.strip())


def guess_scheme(doc: Document, blocks: list[Block], sources: Sources) -> str:
    """``policy`` for certificate policies, ``section`` for Sections and ``L1.1``-style numbers,
    else ``decimal``."""
    if "certificate policy" in doc.title.lower() or "certificate policy" in sources.core_title.lower():
        return "policy"
    if doc.id.lower().startswith("section"):
        return "section"
    prefixed = decimal = 0
    for block in blocks[:2000]:
        if not isinstance(block, Para):
            continue
        label = label_text(block)
        if label is None:
            continue
        kind = label_kind(label)
        prefixed += kind == "prefixed"
        decimal += kind == "decimal"
    return "section" if prefixed and prefixed >= decimal else "decimal"
