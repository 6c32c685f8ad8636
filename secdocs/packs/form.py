"""The consultation response form: what it asks, and what a filled one answered.

The WordprocessingML (content controls written, filled by script and read back) is
``ooxml.forms``; this module says which controls the form has and interprets what it reads.

Design, so that a respondent in Word (or LibreOffice) can fill the form without breaking it and we
can still read it after any editor has saved it:

* Every answer sits in a **content control** (``w:sdt``) inside a **bounded table cell**: name and
  organisation are plain-text controls, party category and confidentiality are drop-down lists,
  each question's Response and Rationale are rich-text controls that may hold several paragraphs.
  The controls are locked against deletion (``w:lock sdtLocked``), carry a stable ``w:tag``
  (``secdocs:q3.response``) and a readable ``w:alias`` ("Q3 Response"), and start with placeholder
  text (``w:showingPlcHdr``), which Word replaces as soon as the respondent types.
* The **table structure is the contract for reading**, not the tags: LibreOffice 7.4 drops
  ``w:tag`` when it saves a .docx (it keeps the alias and the text), so the reader finds the
  respondent table by its row labels and the questions table by its header row
  (No. | Question | Response | Rationale), and uses tags and aliases only as a fallback.
* The form identifies itself in its core property *subject*:
  ``secdocs-response-form 1 <id> <stage> <closing date> <questions>`` (Word and LibreOffice keep
  it when they save). It is not in the text: a respondent reads nothing internal. A form whose
  text still carries the line (an older form) is read by it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from ..errors import BadInputError, SecdocsError
from ..ooxml.blocks_writer import Builder
from ..ooxml.forms import (TAG_PREFIX, Control, FormContent, Question, controls_table, questions_table,
                           read_form_content)
from .consultation import BANNER
from .data import PARTY_CATEGORIES, PackData
from .templating import render_outline

FORM_MARK = "secdocs-response-form"
FORM_VERSION = "1"

RESPONSE_PLACEHOLDER = "Enter your response here."
RATIONALE_PLACEHOLDER = "Enter your rationale here."
NAME_PLACEHOLDER = "Enter your name."
ORG_PLACEHOLDER = "Enter your organisation."
CATEGORY_PLACEHOLDER = "Choose a party category."
CONFIDENTIAL_PLACEHOLDER = "Choose whether your response is confidential."
PLACEHOLDERS = {RESPONSE_PLACEHOLDER, RATIONALE_PLACEHOLDER, NAME_PLACEHOLDER, ORG_PLACEHOLDER,
                CATEGORY_PLACEHOLDER, CONFIDENTIAL_PLACEHOLDER, "Click or tap here to enter text.",
                "Choose an item.", "Click here to enter text."}

CONFIDENTIAL_CHOICES = ("No – this response may be published", "Yes – this response is confidential")

# respondent table: label shown → key
RESPONDENT_ROWS = (("Name", "name"), ("Organisation", "organisation"), ("Party category", "category"),
                   ("Confidential response?", "confidential"))
QUESTION_HEAD = ("No.", "Question", "Response", "Rationale")

# ---------------------------------------------------------------------------------------------
# writing

def form_reference(data: PackData) -> str:
    return " ".join([FORM_MARK, FORM_VERSION, data.mod["id"], data.stage, data.closing_date.isoformat(),
                     str(len(data.consultation["questions"]))])


_RESPONDENT_CONTROLS = {  # key → placeholder, kind, choices
    "name": (NAME_PLACEHOLDER, "text", ()),
    "organisation": (ORG_PLACEHOLDER, "text", ()),
    "category": (CATEGORY_PLACEHOLDER, "dropdown", PARTY_CATEGORIES),
    "confidential": (CONFIDENTIAL_PLACEHOLDER, "dropdown", CONFIDENTIAL_CHOICES),
}


def respondent_controls() -> list[tuple[str, Control]]:
    """The respondent table: each row's label and its control."""
    rows = []
    for i, (label, key) in enumerate(RESPONDENT_ROWS):
        placeholder, kind, choices = _RESPONDENT_CONTROLS[key]
        alias = label.rstrip("?")
        rows.append((label, Control(alias, f"respondent.{key}", 100 + i, placeholder, kind, choices)))
    return rows


def question_rows(data: PackData) -> list[Question]:
    """The questions table: per question its label, text and two answer controls."""
    out = []
    for q in data.consultation["questions"]:
        n = q["number"]
        out.append(Question(f"Q{n}", q["text"],
                            Control(f"Q{n} Response", f"q{n}.response", 1000 + 2 * n, RESPONSE_PLACEHOLDER, "rich"),
                            Control(f"Q{n} Rationale", f"q{n}.rationale", 1001 + 2 * n, RATIONALE_PLACEHOLDER,
                                    "rich")))
    return out


def build_form(data: PackData, reference: Path | None = None, templates: Path | None = None) -> bytes:
    """The response form of one consultation stage, as deterministic .docx bytes."""
    builder = Builder.new(reference, templates=templates)
    builder.compact = True
    context = dict(data.context, form_reference=form_reference(data))
    blocks = render_outline("consultation-response-form.j2", context, templates)
    builder.render(blocks, inserts={"form-respondent": lambda b: controls_table(b, respondent_controls()),
                                    "form-questions": lambda b: questions_table(b, QUESTION_HEAD, question_rows(data))})
    name = f"{data.mod['id']} {data.consultation['name']} response form"
    builder.header_footer(name, BANNER, first_page_blank=False)
    builder.properties(title=name, subject=form_reference(data), keywords=f"{data.mod['id']} {data.stage} response form",
                       when=data.issue_date, description=data.mod["title"])
    return builder.to_bytes()


# ---------------------------------------------------------------------------------------------
# reading a filled form

class FormProblem(SecdocsError):
    """A file that is not one of our response forms, or one without its questions."""


@dataclass
class Answer:
    response: str = ""
    rationale: str = ""


@dataclass
class FilledForm:
    file: str
    mod_id: str
    stage: str
    closing_date: Date
    question_count: int
    mod_title: str = ""
    name: str = ""
    organisation: str = ""
    category: str = ""
    confidential: bool = False
    questions: dict[int, str] = field(default_factory=dict)  # number → question text (as on the form)
    answers: dict[int, Answer] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def respondent(self) -> str:
        if self.organisation and self.name:
            return f"{self.organisation} ({self.name})"
        return self.organisation or self.name or Path(self.file).name


_REF_RE = re.compile(re.escape(FORM_MARK) + r"\s+(\d+)\s+(\S+)\s+(refinement|report)\s+(\d{4}-\d{2}-\d{2})\s+(\d+)")


def _shown(text: str) -> str:
    """A text as an answer: a placeholder's wording is no answer."""
    return "" if text in PLACEHOLDERS else text


def _norm_label(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def parse_category(text: str) -> str:
    low = text.strip().lower()
    for cat in PARTY_CATEGORIES:
        if low.startswith(cat.lower()):
            return cat
    return text.strip()


def parse_confidential(text: str) -> bool | None:
    low = text.strip().lower()
    if not low:
        return None
    if low.startswith(("yes", "confidential")):
        return True
    if low.startswith(("no", "not confidential")):
        return False
    return None


def read_form(path: str | Path) -> FilledForm:
    """Read a filled form; FormProblem (one line, naming the file) when it is not ours or lacks questions."""
    name = str(path)
    shown = Path(path).name  # problems name the file, as collation reports them
    try:
        content = read_form_content(path)
    except BadInputError as exc:
        reason = str(exc).removeprefix(f"{name}: ")
        raise FormProblem(f"{shown}: not a readable .docx ({reason})") from None
    if content is None:
        raise FormProblem(f"{shown}: not a secdocs response form (no document body)")
    m = _REF_RE.search(content.core.get("subject", "")) or _REF_RE.search(_shown(content.text))
    if not m:
        raise FormProblem(f"{shown}: not a secdocs response form (no form reference)")
    form = FilledForm(file=name, mod_id=m.group(2), stage=m.group(3),
                      closing_date=Date.fromisoformat(m.group(4)), question_count=int(m.group(5)))
    if content.core.get("description"):
        form.mod_title = content.core["description"]

    labels = {_norm_label(label): key for label, key in RESPONDENT_ROWS}
    details: dict[str, str] = {}
    question_table = None
    for rows in content.tables:
        if not rows:
            continue
        head = [_norm_label(_shown(c.text)) for c in rows[0]]
        if "response" in head and "rationale" in head and question_table is None:
            question_table = (rows, head)
            continue
        for cells in rows:
            if len(cells) < 2:
                continue
            key = labels.get(_norm_label(_shown(cells[0].text)))
            if key is None:
                continue
            value = cells[-1].choice
            details[key] = _shown(cells[-1].text) if value is None else value
    form.name = details.get("name", "")
    form.organisation = details.get("organisation", "")
    form.category = parse_category(details.get("category", ""))
    conf = parse_confidential(details.get("confidential", ""))
    if conf is None:
        form.notes.append("confidentiality not stated: treated as not confidential")
    form.confidential = bool(conf)
    if form.category and form.category not in PARTY_CATEGORIES:
        form.notes.append(f"party category {form.category!r} is not one of the form's choices")

    if question_table is not None:
        rows, head = question_table
        col = {key: head.index(key) for key in ("response", "rationale")}
        qcol = next((i for i, h in enumerate(head) if h == "question"), 1)
        for cells in rows[1:]:
            if not cells:
                continue
            mnum = re.match(r"\s*(?:q(?:uestion)?\s*)?(\d+)\b", _shown(cells[0].text), re.I)
            if not mnum or len(cells) <= max(col.values()):
                continue
            n = int(mnum.group(1))
            form.questions[n] = _shown(cells[qcol].text) if qcol < len(cells) else ""
            form.answers[n] = Answer(_shown(cells[col["response"]].text), _shown(cells[col["rationale"]].text))
    _fallback_controls(content, form)
    if not form.answers:
        raise FormProblem(f"{shown}: a {form.mod_id} response form without its questions table (no answers can be read)")
    missing = [n for n in range(1, form.question_count + 1) if n not in form.answers]
    if missing:
        form.notes.append("question(s) " + ", ".join(map(str, missing)) + " missing from the form")
    return form


def _fallback_controls(content: FormContent, form: FilledForm) -> None:
    """Answers held in content controls outside the questions table (a respondent who moved
    them), found by tag (Word) or alias (LibreOffice keeps aliases)."""
    for control in content.controls:
        key = None
        if control.tag is not None:
            mt = re.fullmatch(re.escape(TAG_PREFIX) + r"q(\d+)\.(response|rationale)", control.tag)
            key = (int(mt.group(1)), mt.group(2)) if mt else None
        if key is None and control.alias is not None:
            ma = re.fullmatch(r"Q(\d+) (Response|Rationale)", control.alias)
            key = (int(ma.group(1)), ma.group(2).lower()) if ma else None
        if key is None:
            continue
        n, part = key
        answer = form.answers.setdefault(n, Answer())
        if not getattr(answer, part):
            setattr(answer, part, _shown(control.text))
