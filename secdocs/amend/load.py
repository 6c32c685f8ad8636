"""Load a modification folder: ``modification.toml`` (metadata) and one amendments file per document.

The format is described in modifications/README.md; files are read by ``secdocs.workspace.config.read_toml``
(one-line errors with the line of a syntax error). TOML has no positions, so the line of each
``[[op]]`` header is found by scanning the file (skipping multi-line strings); every message about
an op names its file and that line.

Legal text versions: the amendments files in the folder are the current legal text (the version
``[legal_text]`` of modification.toml gives). An earlier version lives in a sub-folder
``legal-text-v<version>/`` holding ``legal-text.toml`` (version, date, status, description) and its
own amendments files, one per document, named as ``[[documents]]`` names them.
``load_modification(folder, legal_text_version="1.0")`` gives a Modification whose ``legal_text``
and ``documents`` are that version's, so everything downstream (apply, redline, legal text,
packs) works on it unchanged.

This module is the one reader of ``modification.toml`` and of ``legal-text.toml``: ``read_table``
reads the file once; ``modification_from_table`` checks it and keeps the table as read
(``Modification.table``), which the consultation packs interpret for their own keys
(``packs.data``), and every legal text version (``Modification.legal_text_versions``).
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..workspace.config import display_path, read_toml, read_toml_text
from ..errors import AmendmentError, ConfigError
from ..workspace import inside, note_input
from .ops import AmendmentErrors, Op, check_keys

AMENDMENT_KEYS = ("document", "op", "note")


@dataclass
class DocumentRef:
    """A document the modification affects, and the file holding its amendments."""

    id: str
    title: str
    amendments: str  # file name inside the modification folder


@dataclass
class Modification:
    """The metadata of a modification (modification.toml)."""

    id: str
    title: str
    folder: Path
    documents: list[DocumentRef]
    release: dict[str, Any] = field(default_factory=dict)
    legal_text: dict[str, Any] = field(default_factory=dict)
    implementation_date: str = ""
    drafted_against: str = ""  # the SEC version the legal text is drafted against
    illustrative: bool = False
    illustrative_label: str = ""
    author: str = ""  # author of revisions in redlines; defaults to the id
    table: dict[str, Any] = field(default_factory=dict)  # modification.toml as read (TOML dates and times)
    # the legal text versions before the loaded one (legal-text.toml of each, oldest first)
    earlier_legal_texts: list[dict[str, Any]] = field(default_factory=list)
    # version → record, every legal text version, oldest first: the earlier ones (legal-text.toml)
    # and the current one ([legal_text] of modification.toml), whichever version was loaded
    legal_text_versions: dict[str, dict[str, Any]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # e.g. an amendments file without operations


@dataclass
class Amendments:
    """The ordered operations on one document."""

    document: str  # document id, "Section L"
    file: str  # as shown in messages
    ops: list[Op]
    note: str = ""


# What every command needs. Each later-stage key is required only by the command that uses it
# (``require``): a modification in development (``secdocs new``) applies and redlines with these.
REQUIRED = ("id", "title", "documents")
# The keys a release build needs of each modification it applies (``release.build``).
RELEASE_REQUIRED = ("implementation_date", "release")


def require(mod: "Modification", keys: tuple[str, ...], command: str) -> None:
    """Raise ConfigError naming every key of ``keys`` that ``mod``'s modification.toml lacks and
    the command that needs it; ``release`` must also give ``sec_version``."""
    where = display_path(mod.folder / "modification.toml")
    problems = [f"{where}: missing key {k!r} (needed by {command})" for k in keys if not mod.table.get(k)]
    if "release" in keys and mod.table.get("release") and not (isinstance(mod.table["release"], dict)
                                                                and mod.table["release"].get("sec_version")):
        problems.append(f"{where}: release needs sec_version (needed by {command})")
    if problems:
        raise ConfigError("\n".join(problems))


def _iso(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value


LEGAL_TEXT_FILE = "legal-text.toml"
LEGAL_TEXT_REQUIRED = ("version", "date", "description")  # status: as issued; else worked out on the date


def _is_date(value: Any) -> bool:
    """A TOML date, or an ISO date string (``_iso`` has turned TOML dates into strings)."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        _dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False


def version_key(version: str) -> tuple:
    """"1.0" → (1, 0): legal text versions in numeric order (non-numbers last, by name)."""
    parts = str(version).split(".")
    numeric = all(p.isdigit() and len(p) <= 9 for p in parts)  # bounded before int()
    return (0, tuple(int(p) for p in parts), "") if numeric else (1, (), str(version))


def legal_text_folder(folder: str | os.PathLike, version: str) -> Path:
    """The sub-folder of an earlier legal text version: ``legal-text-v1.0``."""
    return Path(folder) / f"legal-text-v{version}"


def earlier_legal_texts(folder: str | os.PathLike) -> list[dict[str, Any]]:
    """Each ``legal-text-v*/legal-text.toml`` of a modification folder, checked, oldest first
    (dates as ISO strings, plus ``folder``: the sub-folder's name)."""
    out = []
    for sub in sorted(Path(folder).glob("legal-text-v*")):
        if not sub.is_dir():
            continue
        path = sub / LEGAL_TEXT_FILE
        where = display_path(path)
        if not path.is_file():
            raise ConfigError(f"{display_path(sub)}: a legal text version folder needs a {LEGAL_TEXT_FILE}")
        data = _iso(read_toml(path))
        problems = [f"{where}: missing key {k!r}" for k in LEGAL_TEXT_REQUIRED if not data.get(k)]
        if not problems and f"legal-text-v{data['version']}" != sub.name:
            problems.append(f"{where}: version = {data['version']!r} but the folder is {sub.name}")
        if problems:
            raise ConfigError("\n".join(problems))
        out.append({**data, "version": str(data["version"]), "folder": sub.name})
    return sorted(out, key=lambda d: version_key(d["version"]))


def _all_versions(earlier: list[dict[str, Any]], current: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """version → its record: the earlier legal texts and the current one, oldest first."""
    out = {d["version"]: d for d in earlier}
    if current.get("version"):
        out[str(current["version"])] = {**current, "version": str(current["version"])}
    return dict(sorted(out.items(), key=lambda kv: version_key(kv[0])))


def read_table(folder: str | os.PathLike) -> dict[str, Any]:
    """``folder/modification.toml`` as read (ConfigError when ``folder`` is not a folder); the
    folder is noted as an input: OUT may not replace or sit inside it."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ConfigError(f"{display_path(folder)}: not a modification folder")
    note_input(folder, folder=True)
    return read_toml(folder / "modification.toml")


def load_modification(folder: str | os.PathLike, legal_text_version: str | None = None) -> Modification:
    """Read ``folder/modification.toml``; raise ConfigError listing every missing or bad key.

    ``legal_text_version`` (default: the current one, ``[legal_text] version``) picks an earlier
    legal text from its ``legal-text-v<version>/`` sub-folder: its ``legal-text.toml`` becomes
    ``legal_text`` and the documents' amendments files are read from that sub-folder."""
    return modification_from_table(folder, read_table(folder), legal_text_version)


def modification_from_table(folder: str | os.PathLike, table: dict[str, Any],
                            legal_text_version: str | None = None) -> Modification:
    """The Modification of ``table`` (``read_table(folder)``), checked as ``load_modification``
    checks it."""
    folder = Path(folder)
    path = folder / "modification.toml"
    data = _iso(table)
    where = display_path(path)
    problems = [f"{where}: missing key {k!r}" for k in REQUIRED if k not in data]
    documents: list[DocumentRef] = []
    for n, d in enumerate(data.get("documents", []) or [], 1):
        if not isinstance(d, dict) or not all(isinstance(d.get(k), str) for k in ("id", "title", "amendments")):
            problems.append(f"{where}: documents[{n}] needs id, title and amendments (strings)")
            continue
        try:
            inside(folder, d["amendments"], f"{where}: documents[{n}] amendments", ConfigError)
        except ConfigError as exc:
            problems.append(str(exc))
            continue
        documents.append(DocumentRef(d["id"], d["title"], d["amendments"]))
    for key in ("implementation_date",):
        if key in data and not _is_date(data[key]):
            problems.append(f"{where}: {key} = {data[key]!r}: expected a date like 2021-10-04")
    release = data.get("release", {})
    if not isinstance(release, dict) or ("release" in data and not release.get("sec_version")):
        problems.append(f"{where}: release needs sec_version")
        release = {}
    if data.get("illustrative") and not data.get("illustrative_label"):
        problems.append(f"{where}: illustrative = true needs an illustrative_label sentence")
    if problems:
        raise ConfigError("\n".join(problems))
    legal_text = data.get("legal_text", {}) or {}
    current = str(legal_text.get("version", ""))
    earlier = earlier_legal_texts(folder)
    versions = _all_versions(earlier, legal_text)
    if legal_text_version is not None and str(legal_text_version) != current:
        wanted = str(legal_text_version)
        found = next((d for d in earlier if d["version"] == wanted), None)
        if found is None:
            known = ", ".join([d["version"] for d in earlier] + ([current] if current else [])) or "none"
            raise ConfigError(f"{display_path(folder)}: no legal text version {wanted}"
                              f" (versions: {known}; an earlier one lives in legal-text-v<version>/)")
        legal_text = {k: v for k, v in found.items() if k != "folder"}
        documents = [DocumentRef(d.id, d.title, f"{found['folder']}/{d.amendments}") for d in documents]
    version = str(legal_text.get("version", ""))
    earlier = [d for d in earlier if version_key(d["version"]) < version_key(version)]
    return Modification(
        id=data["id"], title=data["title"], folder=folder, documents=documents, release=release,
        legal_text=legal_text, implementation_date=data.get("implementation_date", ""),
        drafted_against=str(data.get("drafted_against_sec_version", "")),
        illustrative=bool(data.get("illustrative")), illustrative_label=data.get("illustrative_label", ""),
        author=data.get("author") or data["id"], table=table, earlier_legal_texts=earlier,
        legal_text_versions=versions)


_HEADER_RE = re.compile(r"^\s*\[\[\s*op\s*\]\]\s*(#.*)?$")


def op_header_lines(text: str) -> list[int]:
    """1-based line numbers of each ``[[op]]`` header, in order (multi-line strings skipped)."""
    lines = []
    in_string: str | None = None
    for n, line in enumerate(text.splitlines(), 1):
        if in_string is None and _HEADER_RE.match(line):
            lines.append(n)
            continue
        i = 0
        while i < len(line):
            if in_string:
                j = line.find(in_string, i)
                if j < 0:
                    break
                in_string, i = None, j + 3
                continue
            m = re.search(r'"""|\'\'\'|#', line[i:])
            if not m or m.group(0) == "#":
                break
            in_string, i = m.group(0), i + m.end()
    return lines


def load_amendments(path: str | os.PathLike, shown: str | None = None) -> Amendments:
    """Read one amendments file; raise AmendmentError with one line per malformed op."""
    path = Path(path)
    shown = shown or display_path(path)
    data, text = read_toml_text(path, AmendmentError, shown)
    problems: list[str] = []
    for key in data:
        if key not in AMENDMENT_KEYS:
            problems.append(f"{shown}:1: unknown top-level key {key!r} (allowed: {', '.join(AMENDMENT_KEYS)})")
    document = data.get("document")
    if not isinstance(document, str) or not document.strip():
        problems.append(f"{shown}:1: no document = \"...\" naming the document these operations amend")
    tables = data.get("op", [])
    if not isinstance(tables, list):
        problems.append(f"{shown}:1: op must be an array of tables ([[op]])")
        tables = []
    lines = op_header_lines(text)
    if len(lines) != len(tables):
        lines = [0] * len(tables)
    ops: list[Op] = []
    for n, (table, line) in enumerate(zip(tables, lines), 1):
        if not isinstance(table, dict):
            problems.append(f"{shown}{f':{line}' if line else ''} op {n}: not a table")
            continue
        op = Op.from_table(table, index=n, file=shown, line=line)
        problems.extend(op.message(reason) for reason in check_keys(table))
        ops.append(op)
    if problems:
        raise AmendmentErrors(problems)
    return Amendments(document=document, file=shown, ops=ops, note=str(data.get("note", "")))


def load_all(mod: Modification) -> tuple[list[Amendments], list[str]]:
    """Every amendments file of a modification, and every problem found in any of them."""
    out: list[Amendments] = []
    problems: list[str] = []
    for ref in mod.documents:
        try:
            amendments = load_amendments(inside(mod.folder, ref.amendments, display_path(mod.folder / "modification.toml"),
                                                AmendmentError))
        except AmendmentErrors as exc:
            problems.extend(exc.lines)
            continue
        except AmendmentError as exc:
            problems.append(str(exc))
            continue
        if amendments.document != ref.id:
            problems.append(f"{amendments.file}:1: document = {amendments.document!r} but modification.toml"
                            f" lists this file for {ref.id!r}")
        if not amendments.ops:  # nothing to apply: the document is left as it is (no version bump)
            note = f"{amendments.file}: no operations; {ref.id} is left unchanged"
            if note not in mod.warnings:
                mod.warnings.append(note)
            continue
        out.append(amendments)
    return out, problems
