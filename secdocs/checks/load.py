"""The set to check: every baseline document (``manifest.json``, else ``src/*.sec.txt``), with
the given modifications applied in order in memory (the amend engine), plus what the set's
``checks.toml`` says that its text cannot.

``checks.toml`` (optional, beside ``manifest.json``)::

    [set]
    partial = true        # the set is part of a larger code: a definition may be used (and a
                          # term defined) in a document outside it, so unused definitions are
                          # counted, not listed
    [terms]
    defined_elsewhere = ["Code Administrator", …]   # terms defined in documents not in the set
    names = ["England and Wales", …]                # proper names that are not terms

    [[accept]]            # a finding that is deliberate: not listed, counted, with its reason
    document = "Section L"
    address = "L3.15"
    code = "undefined-term"
    contains = "Energy Supply Licence"
    reason = "…"
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..amend.load import load_all, load_modification
from ..amend.ops import AmendmentErrors, ChangeSet, run
from ..baselines import all_files, sec_order
from ..workspace.config import display_path, read_toml
from ..errors import ConfigError
from ..model import Document
from ..reader import read_document
from .findings import Finding


@dataclass
class Accepted:
    document: str
    address: str
    code: str
    contains: str
    reason: str

    def matches(self, f: Finding) -> bool:
        return (f.document, f.address, f.code) == (self.document, self.address, self.code) and \
            self.contains in f.message


@dataclass
class CheckConfig:
    partial: bool = False
    defined_elsewhere: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    accept: list[Accepted] = field(default_factory=list)


@dataclass
class CheckSet:
    documents: list[Document]
    changesets: dict[str, list[ChangeSet]]
    config: CheckConfig
    files: list[str]


def read_config(path: Path) -> CheckConfig:
    """``checks.toml`` (see the module docstring); the defaults when there is none."""
    if not path.is_file():
        return CheckConfig()
    data = read_toml(path)
    shown = display_path(path)
    config = CheckConfig(partial=bool(data.get("set", {}).get("partial", False)))
    terms = data.get("terms", {})
    for key in ("defined_elsewhere", "names"):
        value = terms.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(f"{shown}: [terms] {key} must be a list of strings")
        setattr(config, key, value)
    for n, entry in enumerate(data.get("accept", []), 1):
        keys = ("document", "address", "code", "reason")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) and entry[k] for k in keys):
            raise ConfigError(f"{shown}: accept[{n}] needs document, address, code and reason")
        config.accept.append(Accepted(entry["document"], entry["address"], entry["code"],
                                      str(entry.get("contains", "")), entry["reason"]))
    return config


def load_set(baselines: str | os.PathLike, modifications: list[str | os.PathLike] = (),
             reader: Callable[[Path], Document] | None = None, legal_text_version: str | None = None) -> CheckSet:
    """Read the baselines and apply each modification in order; every amendment problem of every
    modification is raised together (AmendmentErrors), as ``secdocs apply`` reports them.
    ``legal_text_version``: an earlier legal text of the (single) modification."""
    reader = reader or read_document
    folder = Path(baselines)
    files = all_files(folder)
    documents: dict[str, Document] = {}
    for listed, path in files:
        doc = reader(path)
        doc.id = doc.id or listed or path.stem  # a user's document may have no id of its own
        doc_id = doc.id
        if doc_id in documents:
            raise ConfigError(f"{display_path(path)}: a second document with id {doc_id!r}")
        documents[doc_id] = doc
    changesets: dict[str, list[ChangeSet]] = {}
    problems: list[str] = []
    for folder_ in modifications:
        mod = load_modification(folder_, legal_text_version)
        sets, errs = load_all(mod)
        problems.extend(errs)
        for amendments in sets:
            doc = documents.get(amendments.document)
            if doc is None:
                problems.append(f"{amendments.file}:1: {amendments.document} is not a document of {display_path(folder)}")
                continue
            amended, changes, errors = run(doc, amendments.ops)
            problems.extend(errors)
            changes.document = amendments.document
            documents[amendments.document] = amended
            changesets.setdefault(mod.id, []).append(changes)
    if problems:
        raise AmendmentErrors(problems)
    ordered = sorted(documents.values(), key=lambda d: sec_order(d.id))
    return CheckSet(ordered, changesets, read_config(folder / "checks.toml"), [display_path(f) for _, f in files])
