"""The secdocs house style's names, once: the contract between the writer and the reader (no XML).

Every .docx secdocs writes names its paragraphs and tables with these styles, and the reader
knows a paragraph by them: each name here says what it means (its *role*: ``SEC Clause`` is a
clause, ``SEC Paragraph 2`` a numbered paragraph two levels below its clause or heading). The
style *definitions* (fonts, sizes, indents, the XML of ``reference.docx``) are the writer's,
in ``ooxml/styles.py``; the reader's recognition of a name (case, spaces, ``_`` and ``-``
ignored) is ``structure/labels.py``; ``reader/source.py`` turns a ``.sec.txt`` file into
paragraphs in these styles. All three take the names from here.

Names are fixed (``ROLES``) or a family numbered by level (``LEVELLED``): the writer defines a
family's levels ``first`` to ``deepest`` and gives a deeper level the deepest style
(``Levels.style``); the reader and the text source name any level (``Levels.name``).
"""

from __future__ import annotations

from dataclasses import dataclass

# ---------------------------------------------------------------------------------------------
# Fixed names

TITLE = "SEC Title"
SUBTITLE = "SEC Subtitle"
META = "SEC Meta"
COVER_NOTE = "SEC Cover Note"
TABLE_CAPTION = "SEC Table Caption"
PART = "SEC Part"
CROSS_HEADING = "SEC Cross Heading"
CLAUSE = "SEC Clause"
DEFINITION_TERM = "SEC Definition Term"
DEFINITION_TEXT = "SEC Definition Text"
TABLE_TEXT = "SEC Table Text"
TABLE_HEADING = "SEC Table Heading"
BANNER = "SEC Banner"

# Table styles: a table in ``SEC Definitions`` is read as a definitions table (the reader knows
# one by the word in its style name, ``structure/tables.styled_as_definitions``); ``SEC Table``
# is any other table.
DEFINITIONS_TABLE = "SEC Definitions"
TABLE = "SEC Table"

# What each fixed paragraph style means to the reader.
ROLES: dict[str, str] = {
    TITLE: "title", SUBTITLE: "subtitle", META: "meta", COVER_NOTE: "cover-note", TABLE_CAPTION: "caption",
    PART: "part", CROSS_HEADING: "cross-heading", CLAUSE: "clause", DEFINITION_TERM: "def-term",
    DEFINITION_TEXT: "def-text", TABLE_TEXT: "table-text", TABLE_HEADING: "table-heading", BANNER: "banner",
}

# ---------------------------------------------------------------------------------------------
# Families numbered by level

MAX_HEADING_LEVEL = 6
MAX_PARAGRAPH_DEPTH = 5
MAX_TEXT_DEPTH = 5
MAX_DEFINITION_DEPTH = 3


@dataclass(frozen=True)
class Levels:
    """A family of styles ``{prefix} n``, each meaning ``role`` at level n; the writer defines
    levels ``first`` to ``deepest``."""

    prefix: str
    role: str
    first: int
    deepest: int

    def name(self, level: int) -> str:
        """The style of a level, any level (the reader reads ``SEC Paragraph 7`` as depth 7)."""
        return f"{self.prefix} {level}"

    def style(self, level: int) -> str:
        """The style the writer gives a level: within ``first`` … ``deepest``."""
        return self.name(min(max(level, self.first), self.deepest))

    def levels(self) -> range:
        """The levels the writer defines a style for, shallowest first."""
        return range(self.first, self.deepest + 1)


HEADINGS = Levels("SEC Heading", "heading", 1, MAX_HEADING_LEVEL)                    # policy/decimal heading n
PARAGRAPHS = Levels("SEC Paragraph", "paragraph", 1, MAX_PARAGRAPH_DEPTH)          # numbered, d below its clause
TEXTS = Levels("SEC Text", "text", 0, MAX_TEXT_DEPTH)                              # unnumbered; 0 under a Part
DEFINITION_PARAGRAPHS = Levels("SEC Definition Paragraph", "def-paragraph", 1, MAX_DEFINITION_DEPTH)  # in a meaning
LEVELLED: tuple[Levels, ...] = (HEADINGS, PARAGRAPHS, TEXTS, DEFINITION_PARAGRAPHS)

# ---------------------------------------------------------------------------------------------
# The styles of generated non-SEC documents (consultation packs, forms, release documents: the
# blocks writer), beyond the house styles above. The reader gives them no role: their
# paragraphs are read as ordinary ones.

PACK_HEADINGS = ("SEC Pack Heading 1", "SEC Pack Heading 2", "SEC Pack Heading 3")
PACK_BODY = "SEC Pack Body"
PACK_BULLET = "SEC Pack Bullet"
PACK_QUESTION = "SEC Pack Question"
PACK_BOX = "SEC Pack Box"
PACK_SMALL = "SEC Pack Small"
