"""Every limit secdocs puts on what it reads, in one place (README: "Limits").

A limit turns a hostile or broken input (a FIFO, /dev/zero, a 1.7 KB .docx whose list starts
at 99999999999) into one line naming the file, instead of hours, gigabytes or a hang. The
values are far above anything a real SEC document, modification or release needs.
"""

from __future__ import annotations

MiB = 1024 * 1024

# -- files read (secdocs.workspace.read_input) ---------------------------------------------------
MAX_TOML_BYTES = 4 * MiB  # modification.toml, amendments files, legal-text.toml, release files
MAX_JSON_BYTES = 16 * MiB  # baselines manifest.json
MAX_SOURCE_BYTES = 32 * MiB  # a *.sec.txt text source
MAX_DOCX_BYTES = 256 * MiB  # a .docx (the zip as stored)

# -- .docx packages (secdocs.ooxml.package) -----------------------------------------------------
MAX_MEMBER_BYTES = 64 * MiB  # one uncompressed part
MAX_TOTAL_BYTES = 256 * MiB  # the whole uncompressed package
MAX_RATIO = 200  # compression ratio above which a member over 1 MB is treated as a zip bomb
MAX_MEMBERS = 10_000
MAX_XML_DEPTH = 200  # element nesting in one part
MAX_XML_TAGS = 1_000_000  # tags ("<") in one part, counted before parsing: about 200 MB of tree.
#                            The largest real document part seen has 46,000.

# -- structured text (TOML and JSON) ------------------------------------------------------------
MAX_NESTING = 64  # tables / arrays / objects inside one another

# -- Word numbering (secdocs.ooxml.wordml.int_val, secdocs.model.numbering.format_ordinal) ------------
MAX_WORD_INT = 2_147_483_647  # ST_DecimalNumber is a 32-bit int: larger values are clamped
MAX_LETTER_ORDINAL = 32_767  # a … z, aa … (Word repeats the letter: 3500 is 135 p's); beyond: decimal
MAX_ROMAN_ORDINAL = 32_767  # i … (3500 is mmmd); beyond: decimal
MAX_LVLTEXT = 255  # characters of a list level's number text (w:lvlText), as Word's own dialog
MAX_LABEL = 2_048  # characters of one automatic list label (the rest is cut, with a warning)

# -- messages -----------------------------------------------------------------------------------
# model.MAX_WARNING = 500: characters of one reader warning as shown (model imports nothing of ours)
