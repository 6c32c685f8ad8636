"""A summary of the previous consultation's responses, from ``secdocs responses collate --csv``.

The Modification Report Consultation tells the reader what respondents said to the Refinement
Consultation. We read the CSV the collation wrote (one row per question and respondent, with the
stance read from each response) and count, per question, how many agreed, disagreed, were
neutral or said something else, and who responded by party category. Confidential responses are
counted, never quoted: the summary gives no names and no words of any response.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from ..workspace.config import display_path
from ..errors import BadInputError, ConfigError
from ..workspace.inputs import read_input

STANCE_COLUMNS = ("agree", "disagree", "neutral", "other", "no response")
MAX_BYTES = 20 * 2**20


def responses_summary(path: str | Path, mod_id: str, stage: str = "refinement") -> dict:
    """``{"respondents", "categories": [(category, n)], "category_text": "1 Large Supplier and 2 …",
    "questions": [{number, text, counts}]}``;
    one-line errors naming the file when it is not a collation CSV of ``mod_id``'s ``stage``."""
    shown = display_path(Path(path))
    raw = read_input(path, MAX_BYTES, name=shown)  # a regular file under the limit, never a FIFO
    try:
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise BadInputError(f"{shown}: not a UTF-8 CSV ({exc})") from None
    need = {"modification", "stage", "question", "question_text", "respondent", "category", "stance"}
    if not rows or not need <= set(rows[0]):
        raise ConfigError(f"{shown}: not the CSV of `secdocs responses collate --csv` (needs the columns "
                          f"{', '.join(sorted(need))})")
    for n, row in enumerate(rows, 2):
        if row["modification"] != mod_id or row["stage"] != stage:
            raise ConfigError(f"{shown}:{n}: a response to {row['modification']} {row['stage']}, not to {mod_id} "
                              f"{stage}")
        if not row["question"].isdigit() or row["stance"] not in STANCE_COLUMNS:
            raise ConfigError(f"{shown}:{n}: question {row['question']!r} / stance {row['stance']!r} not understood")
    respondents: dict[str, str] = {}
    questions: dict[int, dict] = {}
    for row in rows:
        respondents.setdefault(row["respondent"], row["category"] or "Not stated")
        q = questions.setdefault(int(row["question"]), {"number": int(row["question"]), "text": row["question_text"],
                                                        "counts": Counter()})
        q["counts"][row["stance"]] += 1
    categories = sorted(Counter(respondents.values()).items())
    words = [f"{n} {cat}" for cat, n in categories]
    text = ", ".join(words[:-1]) + (" and " if len(words) > 1 else "") + words[-1]
    return {"respondents": len(respondents), "categories": categories, "category_text": text,
            "questions": [{**q, "counts": {s: q["counts"].get(s, 0) for s in STANCE_COLUMNS}}
                          for _, q in sorted(questions.items())]}
