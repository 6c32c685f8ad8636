"""The Document Log of a release: each document of the release set, the version in effect, and
whether this release changed it (the set is the baseline's documents, not the whole SEC, and the
log says so) — as .csv (for data) and .docx (for publication).

Both are pure functions of a ReleaseSummary, so the same build gives the same bytes.
"""

from __future__ import annotations

import csv
import io

from .publish import Doc
from .results import ReleaseSummary

CSV_HEADER = ["Document", "Title", "Version in effect", "Previous version", "Changed in this release",
              "Modifications"]


def log_rows(summary: ReleaseSummary) -> list[list[str]]:
    return [[d.id, d.title, d.version, d.previous_version, "Yes" if d.changed else "No",
             " ".join(d.modifications)] for d in summary.documents]


def document_log_csv(summary: ReleaseSummary) -> bytes:
    """RFC 4180 CSV, UTF-8, \\r\\n line ends (what spreadsheets expect)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(log_rows(summary))
    return buf.getvalue().encode("utf-8")


def log_title(summary: ReleaseSummary) -> str:
    """What the log lists, as its title says it: only the documents the build knows (the baseline
    set), never "every document of the SEC"."""
    if all(d.changed for d in summary.documents):
        return f"Documents changed in SEC v{summary.sec_version}"
    return f"Documents of the release set at SEC v{summary.sec_version}"


def document_log_docx(summary: ReleaseSummary) -> bytes:
    """The Document Log as a house-style .docx (cover lines, then one table)."""
    title = log_title(summary)
    doc = Doc(f"SEC v{summary.sec_version} Document Log", summary)
    changed = len(summary.changed_documents)
    carried = len(summary.documents) - changed
    doc.h1(title)
    text = (f"This log lists the {len(summary.documents)} documents of the release set built for SEC version "
            f"{summary.sec_version} ({summary.name}, implemented on {summary.implementation_date}): "
            f"{changed} changed by this release, with their previous versions for reference")
    text += (f", and {carried} carried forward unchanged at the version in effect." if carried else ".")
    doc.p(text + " It is not a list of every document of the Smart Energy Code: documents outside the "
                 "release set are not listed.")
    doc.table([14, 32, 11, 11, 11, 21], ["Document", "Title", "Version in effect", "Previous version", "Changed",
                                         "Changed by"],
              [[r[0], r[1], r[2], r[3], r[4], r[5]] for r in log_rows(summary)],
              bold_rows=[i for i, d in enumerate(summary.documents) if d.changed])
    return doc.to_bytes()
