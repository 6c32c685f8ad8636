"""The baselines folder: where each document's baseline file is, and which version it is.

One place for what ``secdocs apply``, ``redline``, ``consult``, ``check``, ``import``, ``rebase``,
``new`` and ``release build`` know about a baselines folder:

* :func:`default_folder` — ``baselines/`` in the working directory, else beside ``modifications/``;
* the manifest (``manifest.json``, what scripts/build_baselines.py writes): :func:`manifest_entries`
  (document id → file), :func:`manifest_value` (a document's ``version``), :func:`release_documents`
  (the checked ``baselines`` list a release builds from, in SEC order);
* :func:`find_baseline` — a document's file: the manifest's, else ``<slug>.docx`` when there is no
  manifest, else its text source ``src/<slug>.sec.txt`` or the ``src/*.sec.txt`` whose ``@id:``
  names it; :func:`document_file` (a manifest entry's file, else :func:`find_baseline`), :func:`all_files`
  (every document of the folder);
* :func:`version` — a document's version: the manifest's, else the one its file states;
* :func:`sec_order` — documents in SEC order (Sections, then Appendices).
"""

from __future__ import annotations

import re
from pathlib import Path

from .workspace.config import display_path
from .errors import ConfigError, SecdocsError
from .workspace.limits import MAX_SOURCE_BYTES
from .ooxml.package import open_package
from .reader.source import stated_metadata
from .workspace import (check_id, document_slug, inside, note_input, read_input, read_input_text, read_json,
                        unique_names)

MANIFEST = "manifest.json"


def sec_order(doc_id: str) -> tuple:
    """Sections by letter, then Appendices A…Z, AA…, then anything else by name."""
    head, _, tail = doc_id.strip().partition(" ")
    rank = {"section": 0, "appendix": 1}.get(head.lower(), 2)
    tail = tail.strip()
    return (rank, len(tail), tail) if rank < 2 else (rank, 0, doc_id)


def default_folder(mod_folder: Path) -> Path:
    """``baselines/`` in the working directory, else beside the ``modifications/`` folder."""
    here = Path("baselines")
    if here.is_dir():
        return here
    return Path(mod_folder).resolve().parent.parent / "baselines"


def manifest_entries(manifest: dict) -> dict[str, str]:
    """document id → file name, from ``{"baselines": [{"id", "file", ...}]}`` (what
    scripts/build_baselines.py writes), a ``"documents"`` list, or a plain ``{id: file}`` map."""
    out: dict[str, str] = {}
    docs = next((manifest[k] for k in ("baselines", "documents") if k in manifest), manifest)
    items = docs.items() if isinstance(docs, dict) else ((None, v) for v in docs if isinstance(docs, list))
    for key, value in items:
        if isinstance(value, str) and key:
            out[key] = value
        elif isinstance(value, dict):
            name = value.get("file") or value.get("docx") or value.get("path")
            doc_id = value.get("id") or key
            if name and doc_id:
                out[doc_id] = name
    return out


def manifest_value(baselines: Path, doc_id: str, key: str) -> str:
    """A document's ``key`` ("version") from ``baselines/manifest.json``, or ""."""
    manifest = baselines / MANIFEST
    if not manifest.is_file():
        return ""
    try:
        data = read_json(manifest, name=display_path(manifest))
    except SecdocsError:  # an unreadable manifest gives no value here; reading the baseline says why
        return ""
    docs = next((data[k] for k in ("baselines", "documents") if k in data), []) if isinstance(data, dict) else []
    for entry in docs if isinstance(docs, list) else []:
        if isinstance(entry, dict) and entry.get("id") == doc_id and entry.get(key) is not None:
            return str(entry[key])
    return ""


def _locate(baselines: Path, doc_id: str) -> Path | None:
    manifest = baselines / MANIFEST
    if manifest.exists():
        name = manifest_entries(read_json(manifest)).get(doc_id)
        if name:
            name = str(inside(baselines, name, f"{display_path(manifest)}: {doc_id}: file", ConfigError)
                       .relative_to(baselines))
        if name and (baselines / name).is_file():
            return baselines / name
    candidate = baselines / f"{document_slug(doc_id)}.docx"
    if candidate.is_file() and not manifest.is_file():
        return candidate
    src = baselines / "src" / f"{document_slug(doc_id)}.sec.txt"
    if src.is_file():
        return src
    for path in sorted((baselines / "src").glob("*.sec.txt")) if (baselines / "src").is_dir() else []:
        if stated_metadata(read_input_text(path, MAX_SOURCE_BYTES, error=ConfigError)).get("id") == doc_id:
            return path
    return None


def find_baseline(baselines: Path, doc_id: str) -> Path:
    """The baseline file of a document: the manifest's, else ``<slug>.docx`` (no manifest), else
    its ``src/*.sec.txt``; ConfigError when there is none."""
    note_input(baselines, folder=True)  # OUT may not replace or sit inside the baselines
    path = _locate(baselines, doc_id)
    if path is None:
        raise ConfigError(f"{display_path(baselines)}: no baseline for {doc_id}"
                          f" (looked in manifest.json and src/{document_slug(doc_id)}.sec.txt)")
    return path


def document_file(baselines: Path, entry: dict) -> Path:
    """The file of a manifest entry (``{"id", "file"}``): its ``file`` when there, else :func:`find_baseline`."""
    source = baselines / entry["file"]
    return source if source.is_file() else find_baseline(baselines, entry["id"])


def all_files(baselines: Path) -> list[tuple[str, Path]]:
    """Every document of the baselines folder as (id, file): the manifest's, else
    ``src/*.sec.txt`` (id "" — the file says it)."""
    manifest = baselines / MANIFEST
    if manifest.is_file():
        entries = manifest_entries(read_json(manifest, name=display_path(manifest)))
        if not entries:
            raise ConfigError(f"{display_path(manifest)}: lists no documents")
        return [(doc_id, find_baseline(baselines, doc_id)) for doc_id in entries]
    sources = sorted((baselines / "src").glob("*.sec.txt")) if (baselines / "src").is_dir() else []
    if not sources:
        raise ConfigError(f"{display_path(baselines)}: no manifest.json and no src/*.sec.txt")
    return [("", path) for path in sources]


def release_documents(folder: Path) -> list[dict]:
    """The manifest's ``baselines`` list as a release builds from it: each entry with an id, a
    version and a file inside the folder, no two ids sharing an output name; in SEC order."""
    path = folder / MANIFEST
    data = read_json(path, name=str(path))
    entries = data.get("baselines") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: no \"baselines\" list")
    out = []
    for n, e in enumerate(entries, 1):
        if not isinstance(e, dict) or not all(isinstance(e.get(k), str) and e.get(k) for k in ("id", "version", "file")):
            raise ConfigError(f"{path}: baselines[{n}] needs id, version and file")
        inside(folder, e["file"], f"{path}: baselines[{n}] file", ConfigError)  # no absolute path, no ..
        check_id(e["id"], f"{path}: baselines[{n}] id", ConfigError)
        out.append(e)
    # each document's outputs are named by its id: two ids may not share them (nor one be listed twice)
    unique_names([(e["id"], document_slug(e["id"])) for e in out], str(path), ConfigError)
    return sorted(out, key=lambda e: sec_order(e["id"]))


def _stated_version(path: Path, doc_id: str) -> str:
    """The version a baseline file states: a text source's ``@version:`` line, a .docx's core
    property keywords (``version=…``, the writer's contract) when its title names ``doc_id``."""
    if path.name.endswith(".sec.txt"):
        meta = stated_metadata(read_input(path, MAX_SOURCE_BYTES).decode("utf-8", errors="replace"))
        return meta.get("version", "") if meta.get("id") == doc_id else ""
    try:
        core = open_package(path).core_properties()
    except Exception:  # noqa: BLE001 - an unreadable baseline just gives no version
        return ""
    m_kw = re.search(r"version=([\w.]+)", core.get("keywords", ""))
    if m_kw and re.split(r"\s+[—–-]\s+", core.get("title", ""))[0].strip() == doc_id:
        return m_kw.group(1)
    return ""


def version(baselines: Path, doc_id: str) -> str:
    """A document's current version: the manifest's, else the one its baseline file states; ""
    when the folder has no baseline for it."""
    if not Path(baselines).is_dir():
        return ""
    found = manifest_value(Path(baselines), doc_id, "version")
    if found:
        return found
    path = _locate(Path(baselines), doc_id)
    return _stated_version(path, doc_id) if path is not None else ""
