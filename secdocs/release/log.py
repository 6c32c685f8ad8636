"""The Document Log of a release: every SEC document in effect, its version, and whether this
release changed it — as .csv (for data) and .docx (for publication).

Both are pure functions of a ReleaseSummary, so the same build gives the same bytes.
"""

from __future__ import annotations

import csv
import io

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


def document_log_docx(summary: ReleaseSummary) -> bytes:
    """The Document Log as a house-style .docx (cover lines, then one table)."""
    from .publish import Doc

    doc = Doc(f"SEC v{summary.sec_version} Document Log", summary)
    changed = len(summary.changed_documents)
    doc.p(f"This log lists every document of the Smart Energy Code in effect at SEC version "
          f"{summary.sec_version} ({summary.name}, implemented on {summary.implementation_date}), with "
          f"the version of each document in effect. {changed} of {len(summary.documents)} documents "
          f"were changed by this release; their previous versions are given for reference.")
    doc.table([15, 34, 12, 12, 12, 15], CSV_HEADER[:4] + ["Changed", "Modifications"],
              [[r[0], r[1], r[2], r[3], r[4], r[5]] for r in log_rows(summary)],
              bold_rows=[i for i, d in enumerate(summary.documents) if d.changed])
    return doc.to_bytes()
