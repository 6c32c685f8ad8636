"""A modification folder + a consultation stage → the values the pack templates use.

The modification's metadata (id, title, people, dates, parties, documents, timeline, summary,
illustrative label) is the amend engineer's part of ``modification.toml``; the consultation
stages are ours: ``[consultation.refinement]`` and ``[consultation.report]`` (issue date,
closing date and time, mailbox, numbered questions, costs and impacts, implementation
approach). The file is read once, by the modification reader (``amend.load.read_table``); we
check and take the values the packs use from that table, then the reader checks its own keys
(``amend.load.modification_from_table``) and gives the legal text versions. The documents'
current versions come from the baselines (``secdocs.baselines.version``).

Every required value is checked before anything is rendered: a missing one stops the build with
one line naming the field by its dotted TOML path (``consultation.report.closing_date``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import baselines as baseline_folder
from ..amend.load import Modification, modification_from_table, read_table
from ..errors import ConfigError
from .objectives import objectives
from .summary import responses_summary

STAGES = {
    "refinement": "Refinement Consultation",
    "report": "Modification Report Consultation",
}

# The party categories of the SEC (Section A: Large Supplier Party, Small Supplier Party,
# Electricity Network Party, Gas Network Party, Other SEC Party), and a respondent that is not a
# Party at all.
PARTY_CATEGORIES = ("Large Supplier", "Small Supplier", "Electricity Network Party", "Gas Network Party",
                    "Other SEC Party", "Not an SEC Party")

# What happens after each stage, as a consultation document can say it on its date: the steps of
# the process, without dates (the dates are not known yet).
NEXT_STEPS = {
    "refinement": ("The Working Group considers the responses to this consultation.",
                   "The Modification Report is presented to the Change Sub-Committee.",
                   "The Modification Report Consultation seeks views on the final solution.",
                   "The Change Sub-Committee makes its final recommendation.",
                   "Under {path}, the Authority decides whether the modification is approved.",
                   "If approved, the modification is implemented in a SEC release."),
    "report": ("The Change Sub-Committee considers the responses to this consultation and makes its final "
               "recommendation.",
               "Under {path}, the Authority decides whether the modification is approved.",
               "If approved, the modification is implemented in a SEC release."),
}
_PLACEHOLDER_EVENT = re.compile(r"^\(.*\)$")  # "(date listed on the modification page without an event)"

# canonical field → TOML paths tried in order (the first is the one we document and name).
MOD_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "title": ("title",),
    "proposer": ("proposer",),
    "lead_analyst": ("lead_analyst",),
    "date_raised": ("date_raised",),
    "illustrative": ("illustrative_label",),
    "issue": ("summary.issue",),
    "solution": ("summary.solution",),
    "parties": ("parties_impacted",),
    "documents": ("documents",),
    "timeline": ("timeline",),
    "implementation_date": ("implementation_date",),
    "release": ("release.name", "release.label", "release"),
    "release_sec_version": ("release.sec_version",),
    "legal_version": ("legal_text.version",),
    "legal_date": ("legal_text.date",),
    "legal_date_assumed": ("legal_text.date_is_assumed",),
    "path": ("path",),
    "sec_version": ("drafted_against_sec_version",),
}
MOD_REQUIRED = ("id", "title", "proposer", "lead_analyst", "illustrative", "issue", "solution", "parties",
                "documents", "timeline", "implementation_date", "release", "legal_version", "sec_version")

STAGE_REQUIRED = ("issue_date", "closing_date", "closing_time", "mailbox", "questions", "costs",
                  "implementation")
STAGE_OPTIONAL = ("introduction", "background", "recommendation", "contact")
# ``legal_text_version`` (optional): the legal text version the stage consulted on — the current
# one ([legal_text] version) when absent, else an earlier one from ``legal-text-v<version>/``.


@dataclass
class PackData:
    """Everything a pack needs: the template context plus the typed values code uses."""

    mod_dir: Path
    stage: str
    context: dict[str, Any]
    modification: Modification  # modification.toml as the modification reader checked it
    baselines: Path | None = None
    legal_text_version: str | None = None  # the stage's legal text version; None: the current one
    responses: Path | None = None  # the collated previous consultation's responses (CSV), when given
    pdf_sources: dict | None = None  # name → the .docx a file's PDF is made from (static markup)

    @property
    def mod(self) -> dict:
        return self.context["mod"]

    @property
    def consultation(self) -> dict:
        return self.context["stage"]

    @property
    def issue_date(self) -> Date:
        return self.consultation["issue_date"]

    @property
    def closing_date(self) -> Date:
        return self.consultation["closing_date"]


# ---------------------------------------------------------------------------------------------
# reading

def toml_path(mod_dir: Path) -> Path:
    return Path(mod_dir) / "modification.toml"


_MISSING = object()


def _get(data: dict, dotted: str) -> Any:
    node: Any = data
    for key in dotted.split("."):
        if not isinstance(node, dict) or key not in node:
            return _MISSING
        node = node[key]
    return node


def _empty(value: Any) -> bool:
    return value is _MISSING or value is None or (isinstance(value, (str, list, dict)) and not value) or \
        (isinstance(value, str) and not value.strip())


class MissingValue(ConfigError):
    """A required value of modification.toml is absent or empty."""


def _missing(where: Path, field: str) -> MissingValue:
    return MissingValue(f"{where}: missing required value {field}")


def as_date(value: Any, where: Path, field: str) -> Date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, Date):
        return value
    if isinstance(value, str):
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"):
            try:
                return datetime.strptime(value.strip(), fmt).date()
            except ValueError:
                pass
    raise ConfigError(f"{where}: {field} is not a date: {value!r}")


def as_paragraphs(value: Any, where: Path, field: str) -> list[str]:
    """Text split at blank lines (a list of strings is taken as paragraphs already)."""
    if isinstance(value, list):
        paras = [str(v).strip() for v in value if str(v).strip()]
    elif isinstance(value, str):
        paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    else:
        raise ConfigError(f"{where}: {field} must be text")
    if not paras:
        raise _missing(where, field)
    return paras


def as_time(value: Any, where: Path, field: str) -> str:
    """``17:00`` (or a TOML time) → ``17:00``."""
    text = value.strftime("%H:%M") if hasattr(value, "strftime") else str(value).strip()
    m = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?", text)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ConfigError(f"{where}: {field} is not a time like 17:00: {value!r}")
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def _documents(value: Any, where: Path, field: str) -> list[dict]:
    if not isinstance(value, list):
        raise ConfigError(f"{where}: {field} must be a list of documents (id, title)")
    out = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            item = {"id": item}
        if not isinstance(item, dict) or _empty(item.get("id")):
            raise _missing(where, f"{field}[{i}].id")
        if _empty(item.get("title")):
            raise _missing(where, f"{field}[{i}].title")
        out.append({"id": str(item["id"]), "title": str(item["title"]),
                    "version": str(item.get("version", "") or "")})
    return out


def _timeline(value: Any, where: Path, field: str) -> list[dict]:
    if not isinstance(value, list):
        raise ConfigError(f"{where}: {field} must be a list of (date, event)")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: {field}[{i}] must be a table with date and event")
        start = item.get("date", item.get("start", _MISSING))
        if _empty(start):
            raise _missing(where, f"{field}[{i}].date")
        event = item.get("event", item.get("description", _MISSING))
        if _empty(event):
            raise _missing(where, f"{field}[{i}].event")
        end = item.get("end", item.get("end_date"))
        out.append({"date": as_date(start, where, f"{field}[{i}].date"),
                    "end": as_date(end, where, f"{field}[{i}].end") if end else None,
                    "event": str(event)})
    return out


def _questions(value: Any, where: Path, field: str) -> list[dict]:
    if not isinstance(value, list) or not value:
        raise _missing(where, field)
    out = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict) or _empty(item.get("text")):
            raise _missing(where, f"{field}[{i}].text")
        number = item.get("number", i + 1)
        if number != i + 1:
            raise ConfigError(f"{where}: {field}[{i}].number is {number!r}; questions are numbered 1, 2, 3 … in order")
        out.append({"number": i + 1, "text": re.sub(r"\s+", " ", str(item["text"])).strip()})
    return out


def load_mod(raw: dict, where: Path) -> dict:
    """The modification's metadata, checked and normalised."""
    values: dict[str, Any] = {}
    for name, paths in MOD_FIELDS.items():
        value = _MISSING
        for path in paths:
            value = _get(raw, path)
            if value is not _MISSING:
                break
        if _empty(value):
            if name == "illustrative" and raw.get("illustrative") is False:
                values[name] = ""  # not illustrative: no label to print, none required
                continue
            if name in MOD_REQUIRED:
                raise _missing(where, paths[0])
            values[name] = None
            continue
        values[name] = value
    if isinstance(values["release"], dict):  # a [release] table without a name
        raise _missing(where, "release.name")
    mod: dict[str, Any] = {k: (str(v) if isinstance(v, (str, int, float)) else v) for k, v in values.items()}
    mod["issue"] = as_paragraphs(values["issue"], where, MOD_FIELDS["issue"][0])
    mod["solution"] = as_paragraphs(values["solution"], where, MOD_FIELDS["solution"][0])
    parties = values["parties"]
    if isinstance(parties, str):
        parties = [parties]
    mod["parties"] = [str(p) for p in parties]
    mod["documents"] = _documents(values["documents"], where, MOD_FIELDS["documents"][0])
    mod["timeline"] = _timeline(values["timeline"], where, MOD_FIELDS["timeline"][0])
    mod["implementation_date"] = as_date(values["implementation_date"], where, MOD_FIELDS["implementation_date"][0])
    for name in ("date_raised", "legal_date"):
        if values[name] is not None:
            mod[name] = as_date(values[name], where, MOD_FIELDS[name][0])
    mod["sec_version"] = str(values["sec_version"])
    mod["legal_date_assumed"] = values["legal_date_assumed"] is True
    mod["legal_version"] = str(values["legal_version"])
    return mod


def load_stage(raw: dict, stage: str, where: Path) -> dict:
    """``[consultation.<stage>]``, checked and normalised."""
    if stage not in STAGES:
        raise ConfigError(f"unknown consultation stage {stage!r} (choose {' or '.join(STAGES)})")
    prefix = f"consultation.{stage}"
    section = _get(raw, prefix)
    if section is _MISSING or not isinstance(section, dict):
        raise _missing(where, f"[{prefix}]")
    for name in STAGE_REQUIRED:
        if _empty(section.get(name, _MISSING)):
            raise _missing(where, f"{prefix}.{name}")
    out: dict[str, Any] = {"key": stage, "name": str(section.get("name") or STAGES[stage])}
    out["issue_date"] = as_date(section["issue_date"], where, f"{prefix}.issue_date")
    out["closing_date"] = as_date(section["closing_date"], where, f"{prefix}.closing_date")
    if out["closing_date"] <= out["issue_date"]:
        raise ConfigError(f"{where}: {prefix}.closing_date ({out['closing_date']}) is not after issue_date "
                          f"({out['issue_date']})")
    out["closing_time"] = as_time(section["closing_time"], where, f"{prefix}.closing_time")
    mailbox = str(section["mailbox"]).strip()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", mailbox):
        raise ConfigError(f"{where}: {prefix}.mailbox is not an email address: {mailbox!r}")
    out["mailbox"] = mailbox
    out["mailbox_is_example"] = bool(re.search(r"@(.+\.)?example\.(org|com|net)$", mailbox, re.I))
    out["questions"] = _questions(section["questions"], where, f"{prefix}.questions")
    out["costs"] = as_paragraphs(section["costs"], where, f"{prefix}.costs")
    out["implementation"] = as_paragraphs(section["implementation"], where, f"{prefix}.implementation")
    version = section.get("legal_text_version")
    out["legal_text_version"] = None if _empty(version if version is not None else _MISSING) else str(version).strip()
    out["objectives"] = objectives(section, where, prefix)
    for name in STAGE_OPTIONAL:
        value = section.get(name)
        out[name] = as_paragraphs(value, where, f"{prefix}.{name}") if not _empty(value if value is not None else _MISSING) else []
    return out


def document_versions(documents: list[dict], baselines: Path | None) -> None:
    """Fill each document's current version from the baselines when modification.toml has none
    (``secdocs.baselines.version``: the manifest's, else the one its baseline file states)."""
    if baselines is None:
        return
    for doc in documents:
        if not doc["version"]:
            doc["version"] = baseline_folder.version(Path(baselines), doc["id"])


def timeline_as_known(mod: dict, consultation: dict, stage: str) -> None:
    """What the document can know on its issue date: the events before it ("Completed"), this
    consultation, and then the proposed next steps without dates (``mod["next_steps"]``). Events
    after the issue date (a decision, an implementation) are left out, and so is a date the record
    lists without an event (a parenthesised note). Whether the implementation date and release
    are known then (``mod["implementation_known"]``): only once they are in the past."""
    issue = consultation["issue_date"]
    kept = []
    for event in mod["timeline"]:
        if _PLACEHOLDER_EVENT.match(event["event"].strip()):
            continue
        event["current"] = event["date"] == issue and event["end"] in (None, consultation["closing_date"])
        last = event["end"] or event["date"]
        if event["current"]:
            event["status"] = "This consultation"
        elif last < issue:
            event["status"] = "Completed"
        else:
            continue
        kept.append(event)
    mod["timeline"] = kept
    path = str(mod.get("path") or "").split(":")[0].strip() or "the modification's path"
    mod["next_steps"] = [step.format(path=path) for step in NEXT_STEPS.get(stage, ())]
    mod["implementation_known"] = mod["implementation_date"] <= issue


def load(mod_dir: str | Path, stage: str, baselines: str | Path | None = None,
         responses: str | Path | None = None) -> PackData:
    """Read and check everything a consultation pack needs."""
    mod_dir = Path(mod_dir)
    where = toml_path(mod_dir)
    raw = read_table(mod_dir)
    mod = load_mod(raw, where)
    consultation = load_stage(raw, stage, where)
    modification = modification_from_table(mod_dir, raw)
    if consultation["legal_text_version"]:  # the version this stage consulted on (cover, annex, file)
        versions = modification.legal_text_versions
        chosen = versions.get(consultation["legal_text_version"])
        if chosen is None:
            raise ConfigError(f"{where}: consultation.{stage}.legal_text_version is "
                              f"{consultation['legal_text_version']!r}, not a legal text version of {mod['id']}"
                              f" (versions: {', '.join(versions) or 'none'})")
        mod["legal_version"] = chosen["version"]
        mod["legal_date"] = as_date(chosen["date"], where, "legal_text.date") if chosen.get("date") else None
        mod["legal_date_assumed"] = bool(chosen.get("date_is_assumed"))
    if baselines is None:
        baselines = baseline_folder.default_folder(mod_dir)
    baselines = Path(baselines)
    document_versions(mod["documents"], baselines)
    for i, doc in enumerate(mod["documents"]):
        if not doc["version"]:
            raise _missing(where, f"{MOD_FIELDS['documents'][0]}[{i}].version (no baseline found for {doc['id']})")
    timeline_as_known(mod, consultation, stage)
    summary = None
    if responses and stage == "report":  # read first: a bad file stops the build before any work
        summary = responses_summary(responses, mod["id"], "refinement")
    context = {"mod": mod, "stage": consultation, "stages": STAGES, "categories": PARTY_CATEGORIES,
               "changes_since": None, "responses": summary}  # changes_since: pack_files, report stage
    return PackData(mod_dir=mod_dir, stage=stage, context=context, modification=modification, baselines=baselines,
                    legal_text_version=consultation["legal_text_version"],
                    responses=Path(responses) if responses else None)
