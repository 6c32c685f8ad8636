"""Shared fixtures of the pack tests: a full modification (as a dict, written as TOML), a
placeholder legal text (tests only: the real pack uses the redline renderer), form filling,
text extraction and the independent checker."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import zipfile
from pathlib import Path

from lxml import etree

from secdocs.model import Change, Document, Kind, Provision, Run
from secdocs.ooxml.write import docx_bytes
from secdocs.packs.pack import LegalText

REPO = Path(__file__).resolve().parents[1]
BASELINES = REPO / "baselines"
MP134A = REPO / "modifications" / "MP134A"
CHECKER = REPO.parent / "shared" / "tools" / "docx_check.py"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

FULL: dict = {
    "id": "MP900X",
    "title": "Test modification for consultation packs",
    "proposer": "Pat Proposer",
    "lead_analyst": "Ana Analyst",
    "date_raised": dt.date(2020, 5, 29),
    "path": "Path 2: Authority Determination",
    "status": "Implemented",
    "authority_decision_date": dt.date(2021, 10, 1),
    "implementation_date": dt.date(2021, 10, 4),
    "drafted_against_sec_version": "46.0",
    "illustrative": True,
    "illustrative_label": "Illustrative test data: not the official Smart Energy Code.",
    "parties_impacted": ["Large Suppliers", "Small Suppliers"],
    "release": {"name": "4 October 2021 ad-hoc release", "type": "ad-hoc", "sec_version": "47.0",
                "date": dt.date(2021, 10, 4)},
    "legal_text": {"version": "2.0", "date": dt.date(2021, 6, 29)},
    "summary": {"issue": "The issue, first paragraph.\n\nThe issue, second paragraph with * and | in it.",
                "solution": "The solution in one paragraph."},
    "documents": [
        {"id": "Section A", "title": "Definitions and Interpretation", "amendments": "section-A.toml"},
        {"id": "Section L", "title": "Smart Metering Key Infrastructure and DCC Key Infrastructure",
         "amendments": "section-L.toml"},
    ],
    "timeline": [
        {"date": dt.date(2020, 5, 29), "event": "Draft Proposal raised"},
        {"date": dt.date(2021, 5, 17), "end": dt.date(2021, 6, 7), "event": "Refinement Consultation"},
        {"date": dt.date(2021, 6, 30), "end": dt.date(2021, 7, 19), "event": "Modification Report Consultation"},
        {"date": dt.date(2021, 10, 4), "event": "Implemented"},
    ],
    "consultation": {
        "refinement": {
            "issue_date": dt.date(2021, 5, 17), "closing_date": dt.date(2021, 6, 7), "closing_time": "17:00",
            "mailbox": "sec.change@example.org",
            "background": "Background paragraph of the refinement stage.",
            "costs": "No DCC costs.\n\nSmall SECAS costs.",
            "implementation": "An ad-hoc release is proposed.",
            "questions": [{"number": 1, "text": "Do you agree with the solution?"},
                          {"number": 2, "text": "Do you agree that the legal text delivers the solution?"},
                          {"number": 3, "text": "Do you have any other comments?"}],
        },
        "report": {
            "issue_date": dt.date(2021, 6, 30), "closing_date": dt.date(2021, 7, 19), "closing_time": "17:00",
            "mailbox": "sec.change@example.org",
            "recommendation": "The Change Sub-Committee's provisional view, for the test.",
            "costs": "No DCC costs.",
            "implementation": "An ad-hoc release is proposed.",
            "questions": [{"number": 1, "text": "Should the modification be approved?"},
                          {"number": 2, "text": "Any other comments?"}],
        },
    },
}


# ---------------------------------------------------------------------------------------------
# a minimal TOML writer for the fixture (tomllib reads; nothing in the venv writes)

def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list) and all(not isinstance(i, dict) for i in v):
        return "[" + ", ".join(_value(i) for i in v) + "]"
    raise TypeError(v)


def dumps(data: dict, prefix: str = "") -> str:
    lines, tables = [], []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((key, value, False))
        elif isinstance(value, list) and value and all(isinstance(i, dict) for i in value):
            tables.append((key, value, True))
        else:
            lines.append(f"{key} = {_value(value)}")
    out = "\n".join(lines) + ("\n" if lines else "")
    for key, value, array in tables:
        name = f"{prefix}{key}"
        if array:
            for item in value:
                out += f"\n[[{name}]]\n" + dumps(item, name + ".")
        else:
            out += f"\n[{name}]\n" + dumps(value, name + ".")
    return out


def write_mod(tmp_path: Path, data: dict | None = None, name: str | None = None) -> Path:
    data = copy.deepcopy(FULL if data is None else data)
    folder = tmp_path / (name or data.get("id", "MOD"))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "modification.toml").write_text(dumps(data), encoding="utf-8")
    return folder


def without(path: str, data: dict | None = None) -> dict:
    """A copy of the fixture with one dotted key removed (``a.b.c``; ``a.b[0].c`` for lists)."""
    data = copy.deepcopy(FULL if data is None else data)
    node = data
    parts = path.split(".")
    for part in parts[:-1]:
        m = re.fullmatch(r"(\w+)\[(\d+)\]", part)
        node = node[m.group(1)][int(m.group(2))] if m else node[part]
    m = re.fullmatch(r"(\w+)\[(\d+)\]", parts[-1])
    if m:
        del node[m.group(1)][int(m.group(2))]
    else:
        del node[parts[-1]]
    return data


# ---------------------------------------------------------------------------------------------
# placeholder legal text (tests only)

def placeholder_legal(data) -> LegalText:
    """A small legal text document shaped like the renderer's: front matter, then one heading per
    affected document and redlined provisions. Only for tests of the pack machinery."""
    ins = Change("ins", data.mod["id"], "2021-06-29T00:00:00Z")
    dele = Change("del", data.mod["id"], "2021-06-29T00:00:00Z")

    def doc_(markup: str) -> bytes:
        provisions = [Provision(Kind.HEADING, None, heading=[Run("About this document")]),
                      Provision(Kind.TEXT, None, text=[Run("PLACEHOLDER front matter that the annex leaves out.")])]
        for d in data.mod["documents"]:
            provisions.append(Provision(Kind.HEADING, None, heading=[Run(f"{d['id']} \u2014 {d['title']}")]))
            provisions.append(Provision(Kind.CLAUSE, number="X1.1", text=[
                Run("The SMKI PMA "), Run("shall ", change=dele), Run("may ", change=ins), Run("decide.")]))
            provisions.append(Provision(Kind.CLAUSE, number="X1.1A", text=[Run("PLACEHOLDER inserted clause.", change=ins)],
                                        change=ins))
        doc = Document(id=data.mod["id"], title=data.mod["title"], version="", date="2021-06-29",
                       front=[[Run("Legal Text v2.0")]], provisions=provisions)
        return docx_bytes(doc, markup=markup, banner="placeholder legal text for tests")

    versions = {d["id"]: (d["version"], "99.0") for d in data.mod["documents"]}
    return LegalText(tracked=doc_("tracked"), static=doc_("static"), versions=versions)


# ---------------------------------------------------------------------------------------------
# reading outputs

def docx_text(path_or_bytes) -> str:
    """Every paragraph's text (body, tables, content controls), one a line; deleted text left out."""
    data = Path(path_or_bytes).read_bytes() if not isinstance(path_or_bytes, bytes) else path_or_bytes
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    lines = []
    for p in root.iter(f"{W}p"):
        lines.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return "\n".join(lines)


def part(path_or_bytes, name: str) -> str:
    import io

    data = Path(path_or_bytes).read_bytes() if not isinstance(path_or_bytes, bytes) else path_or_bytes
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(name).decode("utf-8")


def check(*paths: Path) -> list[dict]:
    """Run the independent checker (OOXML rules only, --no-lo) and return its per-file results."""
    from redline_helpers import docx_check_results

    return docx_check_results(paths, "--no-lo", "--compact")


def assert_clean(*paths: Path) -> None:
    """Every file checked, and none with an error: checking nothing fails (an empty glob, a
    checker that reported fewer files than it was given)."""
    assert paths, "assert_clean: no files to check"
    results = check(*paths)
    assert len(results) == len(paths), f"checker reported {len(results)} of {len(paths)} files"
    for result in results:
        assert result["error_count"] == 0, (result["file"], result["errors"])


# answers for forms filled by script
RESPONDENTS = [
    {"respondent.name": "Ann Able", "respondent.organisation": "Able Energy", "respondent.category": "Large Supplier",
     "respondent.confidential": "No – this response may be published",
     "q1.response": "Yes, we agree with the solution.", "q1.rationale": "It protects prepayment customers.",
     "q2.response": "Agree.", "q2.rationale": "The drafting is clear.",
     "q3.response": "No further comments.", "q3.rationale": ""},
    {"respondent.name": "Bo Baker", "respondent.organisation": "Baker Supply", "respondent.category": "Small Supplier",
     "respondent.confidential": "No – this response may be published",
     "q1.response": "We disagree.", "q1.rationale": "Costs fall on small suppliers.\nA second paragraph of reasons.",
     "q2.response": "Disagree: clause X1.1A is too broad.", "q2.rationale": "See above.",
     "q3.response": "Please consider a sunset clause.", "q3.rationale": "Time-limited powers are safer."},
    {"respondent.name": "Cy Cole", "respondent.organisation": "Cole Networks", "respondent.category": "Network Party",
     "respondent.confidential": "Yes – this response is confidential",
     "q1.response": "Neutral.", "q1.rationale": "Not directly affected.",
     "q2.response": "No view.", "q2.rationale": "",
     "q3.response": "None.", "q3.rationale": ""},
    {"respondent.name": "Di Dunn", "respondent.organisation": "Data and Communications Company",
     "respondent.category": "DCC", "respondent.confidential": "No – this response may be published",
     "q1.response": "We broadly agree, with one reservation.", "q1.rationale": "Operational effort is needed.",
     "q2.response": "Yes.", "q2.rationale": "It matches the intent.",
     "q3.response": "Special characters: * | \\ < > & “quotes”.", "q3.rationale": "Testing escapes."},
    {"respondent.name": "Ed Ellis", "respondent.organisation": "Consumer Voice", "respondent.category": "Consumer body",
     "respondent.confidential": "No – this response may be published",
     "q1.response": "Support: consumers stay on supply.", "q1.rationale": "Vulnerable customers benefit.",
     "q2.response": "Partially agree.", "q2.rationale": "Definitions could be tighter.",
     "q3.response": "Thank you for consulting.", "q3.rationale": ""},
]
