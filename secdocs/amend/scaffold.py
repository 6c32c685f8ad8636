"""``secdocs new``: scaffold a modification folder an analyst can start drafting in.

It writes ``modification.toml`` with the three keys every command needs (``id``, ``title``,
``[[documents]]``) and every later-stage key as a comment saying which command needs it, and one
amendments file per document with a commented example of each operation kind. Add one ``[[op]]``
and ``secdocs apply`` / ``secdocs redline`` work; nothing else needs filling in until a
consultation or a release.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..model.address import locate_all
from ..baselines import find_baseline
from ..workspace.config import display_path
from ..errors import ConfigError
from ..ooxml.package import atomic_dir, ordinary_permissions
from ..reader import read_document
from ..workspace import document_slug
from .tomlout import value

ID_RE = re.compile(r"^[A-Z]{1,4}\d{1,4}[A-Z]?$")

LATER_KEYS = """\
# ---------------------------------------------------------------------------------------------
# Later stages. Uncomment and fill in when the command that needs them is used; that command
# names any key it is missing.
#
# Author of tracked changes in redlines (default: the id):
# author = "{id}"
# The SEC version the legal text is drafted against; apply warns when a baseline is another one:
# drafted_against_sec_version = "46.0"
#
# illustrative = true puts illustrative_label on every output (needed only when true):
# illustrative = false
# illustrative_label = "One sentence saying the legal text is not the official one."
#
# The current legal text version (legal-text, consult):
# [legal_text]
# version = "1.0"
# date = 2021-01-31
#
# Consultation packs (secdocs consult) also need: proposer, lead_analyst, date_raised,
# parties_impacted, implementation_date, [summary] issue and solution, [[timeline]], and a
# [consultation.refinement] / [consultation.report] table (issue_date, closing_date, closing_time,
# mailbox, questions, costs, implementation). See modifications/MP134A/modification.toml.
# proposer = ""
# lead_analyst = ""
# date_raised = 2021-01-01
# parties_impacted = []
#
# A release build (secdocs release build) needs the implementation date and the release:
# implementation_date = 2021-01-01
# [release]
# name = "… release"
# sec_version = "47.0"
"""

EXAMPLES = """\
# Operations, applied in order (modifications/README.md has the whole vocabulary). Each may pin
# the text it expects to find with expect = "..." (recommended: `secdocs rebase` builds on it).
#
# [[op]]
# kind = "substitute"          # words → other words inside one provision
# target = "{first}"
# words = "…"
# by = "…"
#
# [[op]]
# kind = "insert"              # a new provision after target, numbered with the next suffix
# target = "{first}"
# text = "…"
#
# Other kinds: insert_text, delete_text, replace, delete ("Not used."), heading,
# insert_definition, amend_definition, delete_definition (Section A).
"""


def modification_toml(mod_id: str, title: str, documents: list[tuple[str, str]]) -> str:
    lines = [
        f"# {mod_id} — a modification in development, scaffolded by `secdocs new`.",
        "# apply, redline, legal-text, compare, import and rebase need only id, title and",
        "# [[documents]] (each: the document's id, its title, and the file holding its operations).",
        "",
        f"id = {value(mod_id)}",
        f"title = {value(title)}",
        "",
        LATER_KEYS.format(id=mod_id),
    ]
    for doc_id, doc_title in documents:
        lines += ["[[documents]]", f"id = {value(doc_id)}", f"title = {value(doc_title)}",
                  f"amendments = {value(document_slug(doc_id) + '.toml')}", ""]
    return "\n".join(lines)


def amendments_skeleton(mod_id: str, doc_id: str, first: str) -> str:
    return (f"# {mod_id} — {doc_id}: the operations this modification makes to {doc_id}.\n"
            + EXAMPLES.format(first=first or "…")
            + f"\ndocument = {value(doc_id)}\n")


def scaffold(mod_id: str, title: str, documents: list[str], out: str | os.PathLike,
             baselines: str | os.PathLike) -> Path:
    """Write the new folder ``out``; raise ConfigError when it exists or a document is unknown."""
    out = Path(out)
    problems = []
    if not ID_RE.match(mod_id):
        problems.append(f"{mod_id!r}: a modification id is letters then digits (MP185, DP123, MP134A)")
    if not title.strip():
        problems.append("--title: give the modification's title")
    if not documents:
        problems.append("--document: name at least one document (\"Section M\")")
    if out.exists():
        problems.append(f"{display_path(out)}: already exists; nothing written")
    found = []
    for doc_id in documents:
        try:
            doc = read_document(find_baseline(Path(baselines), doc_id))
        except ConfigError as exc:
            problems.append(str(exc))
            continue
        first = next((loc.address for loc in locate_all(doc) if loc.provision.number and "." in loc.address), "")
        found.append((doc_id, doc.title, first))
    if problems:
        raise ConfigError("\n".join(problems))
    with atomic_dir(out) as tmp:
        ordinary_permissions(tmp)
        (tmp / "modification.toml").write_text(modification_toml(mod_id, title, [(d, t) for d, t, _ in found]),
                                               encoding="utf-8")
        for doc_id, _title, first in found:
            (tmp / f"{document_slug(doc_id)}.toml").write_text(amendments_skeleton(mod_id, doc_id, first), encoding="utf-8")
    return out
