"""Collate filled response forms: per question a table of respondent, category, response and
rationale, a count per stance, the same rows as CSV.

Stance is read from the opening words of the response (rules below, case-insensitive, the first
match wins; punctuation after the word is ignored):

* **disagree**: "disagree", "do not agree", "don't agree", "not agree", "no", "oppose",
  "do not support", "don't support", "reject", "against";
* **agree**: "agree", "yes", "support", "supportive", "in favour", "approve", "accept";
* **neutral**: "neutral", "no view(s)", "no (further / other / additional) comment(s)", "no opinion",
  "no preference", "none", "nothing (further) to add", "n/a", "not applicable", "neither",
  "partially", "partly", "unsure", "not sure", "don't know";
* an optional opener "we", "I", "[organisation name]", "we would", "we broadly", "broadly",
  "strongly", "generally", "fully", "largely", "mostly" before the word is skipped ("We broadly agree …").
* anything else (or an empty response) is **other** / **no response**.

Neutral wording is tested first ("no view", "no further comments" are not a "no"), then disagree
("do not agree" is not an "agree"), then agree. "Yes" counts with agree and "No" with disagree;
the collated document says so in its column headings.
Forms that are not ours, or ours without their questions table, are reported by file name and
left out; the rest are collated. ``public=True`` leaves confidential responses out (their
number is still stated); otherwise they are collated and marked "(confidential)".
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from ..errors import ConfigError
from ..ooxml.blocks_writer import Builder
from .consultation import BANNER
from .data import STAGES
from .form import FilledForm, FormProblem, read_form
from .templating import render_outline

STANCES = ("agree", "disagree", "neutral", "other", "no response")

_OPENERS = r"(?:(?:we|i|we would|we broadly|broadly|strongly|generally|fully|largely|mostly|would)\s+)*"
_NEUTRAL = (r"neutral|no views?|no (?:further |other |additional )?comments?|no opinion|no preference|none|"
            r"nothing (?:further |more |else )?to add|n/?a|not applicable|neither|partially|partly|unsure|"
            r"not sure|don'?t know|do not know")
_DISAGREE = r"disagree|do not agree|don'?t agree|not agree|no|oppose|do not support|don'?t support|reject|against"
_AGREE = r"agree|yes|support|supportive|in favour|in favor|approve|accept"
_RULES = [("neutral", re.compile(rf"^{_OPENERS}(?:{_NEUTRAL})\b", re.I)),
          ("disagree", re.compile(rf"^{_OPENERS}(?:{_DISAGREE})\b", re.I)),
          ("agree", re.compile(rf"^{_OPENERS}(?:{_AGREE})\b", re.I))]


def stance(response: str) -> str:
    text = re.sub(r"^[\s\W_]+", "", response or "")
    if not text:
        return "no response"
    for name, rule in _RULES:
        if rule.search(text):
            return name
    return "other"


@dataclass
class Collation:
    forms: list[FilledForm]
    problems: list[str] = field(default_factory=list)  # one line per file left out
    public: bool = False
    withheld: int = 0  # confidential responses left out (public)

    @property
    def first(self) -> FilledForm:
        return self.forms[0]

    @property
    def questions(self) -> list[tuple[int, str]]:
        numbers = sorted({n for f in self.forms for n in f.answers} |
                         set(range(1, max(f.question_count for f in self.forms) + 1)))
        out = []
        for n in numbers:
            text = next((f.questions.get(n) for f in self.forms if f.questions.get(n)), "")
            out.append((n, text))
        return out


def collect(paths: list[str | Path], public: bool = False) -> Collation:
    """Read every form; keep the ones for the same modification and stage as the first good one."""
    forms: list[FilledForm] = []
    problems: list[str] = []
    for path in paths:
        try:
            form = read_form(path)
        except FormProblem as exc:
            problems.append(str(exc))
            continue
        if forms and (form.mod_id, form.stage) != (forms[0].mod_id, forms[0].stage):
            problems.append(f"{Path(path).name}: a form for {form.mod_id} {form.stage}, not for {forms[0].mod_id} "
                            f"{forms[0].stage}")
            continue
        if not any(a.response or a.rationale for a in form.answers.values()):
            problems.append(f"{Path(path).name}: no question answered")
            continue
        forms.append(form)
    if not forms:
        raise ConfigError("no response form could be collated" + (": " + "; ".join(problems) if problems else ""))
    withheld = 0
    if public:
        withheld = sum(1 for f in forms if f.confidential)
        kept = [f for f in forms if not f.confidential]
    else:
        kept = forms
    return Collation(forms=kept, problems=problems, public=public, withheld=withheld)


def rows(collation: Collation) -> list[dict]:
    """One row per question and respondent, in question then form order."""
    out = []
    for n, text in collation.questions:
        for form in collation.forms:
            answer = form.answers.get(n)
            response = answer.response if answer else ""
            rationale = answer.rationale if answer else ""
            out.append({
                "question": n, "question_text": text, "respondent": form.respondent,
                "organisation": form.organisation, "name": form.name, "category": form.category or "Not stated",
                "confidential": form.confidential, "stance": stance(response),
                "response": response, "rationale": rationale, "file": Path(form.file).name,
            })
    return out


CSV_FIELDS = ("modification", "stage", "question", "question_text", "respondent", "organisation", "name",
              "category", "confidential", "stance", "response", "rationale", "illustrative")


def to_csv(collation: Collation) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows(collation):
        writer.writerow(dict(row, modification=collation.first.mod_id, stage=collation.first.stage,
                             confidential="yes" if row["confidential"] else "no", illustrative=BANNER))
    return buf.getvalue().encode("utf-8")


def _context(collation: Collation) -> dict:
    first = collation.first
    table = rows(collation)
    questions = []
    for n, text in collation.questions:
        qrows = [r for r in table if r["question"] == n]
        counts = Counter(r["stance"] for r in qrows)
        questions.append({"number": n, "text": text, "rows": qrows,
                          "counts": {s: counts.get(s, 0) for s in STANCES}})
    return {
        "mod": {"id": first.mod_id, "title": first.mod_title},
        "stage": {"key": first.stage, "name": STAGES.get(first.stage, first.stage), "closing_date": first.closing_date},
        "forms": collation.forms,
        "questions": questions,
        "stances": STANCES,
        "public": collation.public,
        "withheld": collation.withheld,
        "confidential_count": sum(1 for f in collation.forms if f.confidential),
        "problems": [] if collation.public else collation.problems,
        "illustrative": ILLUSTRATIVE,
    }


ILLUSTRATIVE = ("Illustrative: produced by secdocs from response forms to an illustrative consultation pack. "
                "The modification's legal text and baselines are representative text, not the official "
                "Smart Energy Code.")


def build_responses(collation: Collation, reference: Path | None = None, templates: Path | None = None) -> bytes:
    """The collated responses document (.docx bytes, deterministic: dated the closing date);
    ``templates``: the user's own templates folder (its reference.docx, if any, is the base)."""
    context = _context(collation)
    builder = Builder.new(reference, landscape=True, templates=templates)
    builder.compact = True
    builder.render(render_outline("consultation-responses.j2", context, templates))
    first = collation.first
    name = f"{first.mod_id} {context['stage']['name']} responses"
    builder.header_footer(name, BANNER, first_page_blank=False)
    when: Date = first.closing_date
    builder.properties(title=name, subject=f"secdocs collated responses {first.mod_id} {first.stage}",
                       keywords=f"{first.mod_id} {first.stage} responses" + (" public" if collation.public else ""),
                       when=when, description=first.mod_title)
    return builder.to_bytes()
