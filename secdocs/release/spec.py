"""Release files (``releases/*.toml``): what a release is, loaded and validated.

A release names its SEC version and implementation date, the baseline it starts from and the
modifications it implements, in the order they are applied::

    [release]
    name = "October 2021 ad-hoc release"
    sec_version = "47.0"
    implementation_date = 2021-10-04
    kind = "ad-hoc"                      # optional: ad-hoc, minor, major, ...
    description = "..."                  # optional
    illustrative = false                 # optional: label every output as illustrative

    [baseline]                           # either a folder of documents ...
    dir = "../baselines"                 #   (holding manifest.json)
    sec_version = "46.0"
    # release = "2021-10-04-adhoc.toml"  # ... or the set a previous release produced

    [[modifications]]                    # in the order they are applied
    id = "MP134A"
    path = "../modifications/MP134A"     # optional; default <modifications_dir>/<id>

Paths are relative to the release file. ``modifications_dir`` (top level, optional, default
``../modifications``) is where modifications without a ``path`` are looked for.

Every problem is one line naming the file and the key (``releases/x.toml: [baseline]
sec_version: ...``), raised as ConfigError before anything else happens.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..workspace.config import read_toml
from ..errors import ConfigError
from ..workspace import note_input

_VERSION_RE = re.compile(r"^\d+\.\d+$")
_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")

_TOP_KEYS = {"release", "baseline", "modifications", "modifications_dir"}
_RELEASE_KEYS = {"name": True, "sec_version": True, "implementation_date": True, "kind": False,
                 "description": False, "illustrative": False}
_BASELINE_KEYS = {"dir", "release", "sec_version"}
_MOD_KEYS = {"id", "path"}


@dataclass(frozen=True)
class ModificationRef:
    """One modification of a release: its id and folder."""

    id: str
    path: Path


@dataclass
class Release:
    """A loaded, validated release file."""

    file: Path
    name: str
    sec_version: str
    implementation_date: dt.date
    baseline_sec_version: str
    modifications: list[ModificationRef]
    baseline_dir: Path | None = None  # a folder of documents with manifest.json
    baseline_release: "Release | None" = None  # or the output of a previous release
    kind: str = ""
    description: str = ""
    illustrative: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return self.file.stem

    @property
    def date_text(self) -> str:
        """The implementation date as SEC documents print it ("4 October 2021")."""
        d = self.implementation_date
        return f"{d.day} {d.strftime('%B')} {d.year}"

    def chain(self) -> list["Release"]:
        """This release and the releases it builds on, oldest first."""
        out: list[Release] = []
        r: Release | None = self
        while r is not None:
            out.append(r)
            r = r.baseline_release
        return out[::-1]

    @property
    def root_baseline_dir(self) -> Path:
        """The folder of documents the whole chain starts from."""
        return self.chain()[0].baseline_dir  # type: ignore[return-value]


def _err(file: Path, key: str, message: str) -> ConfigError:
    return ConfigError(f"{file}: {key}: {message}")


def _version(file: Path, key: str, value) -> str:
    if not isinstance(value, str) or not _VERSION_RE.match(value):
        raise _err(file, key, f'expected a SEC version like "47.0" (a quoted string), got {value!r}')
    return value


def _string(file: Path, key: str, value, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _err(file, key, f"expected a non-empty string, got {value!r}")
    return value.strip()


def _unknown(file: Path, where: str, table: dict, known) -> None:
    for key in table:
        if key not in known:
            raise _err(file, f"{where}{key}", f"unknown key (known: {', '.join(sorted(known))})")


def _version_tuple(v: str) -> tuple[int, int]:
    major, minor = v.split(".")
    return int(major), int(minor)


def load_release(path: str | Path, _seen: tuple[Path, ...] = ()) -> Release:
    """Read and validate a release file (and any release it builds on)."""
    file = Path(path)
    if not file.exists():
        raise ConfigError(f"{file}: no such release file")
    data = read_toml(file, shown=str(file))  # a regular file, size-limited, no control characters
    here = file.parent
    note_input(here, folder=True)  # OUT may not replace or sit inside the release file's folder
    _unknown(file, "", data, _TOP_KEYS)

    rel = data.get("release")
    if not isinstance(rel, dict):
        raise _err(file, "[release]", "missing table (name, sec_version, implementation_date)")
    _unknown(file, "[release] ", rel, _RELEASE_KEYS)
    for key, required in _RELEASE_KEYS.items():
        if required and key not in rel:
            raise _err(file, f"[release] {key}", "missing")
    name = _string(file, "[release] name", rel["name"])
    sec_version = _version(file, "[release] sec_version", rel["sec_version"])
    date = rel["implementation_date"]
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            pass
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise _err(file, "[release] implementation_date", f"expected a date like 2021-10-04, got {date!r}")
    kind = _string(file, "[release] kind", rel.get("kind"), required=False)
    description = _string(file, "[release] description", rel.get("description"), required=False)
    illustrative = rel.get("illustrative", False)
    if not isinstance(illustrative, bool):
        raise _err(file, "[release] illustrative", f"expected true or false, got {illustrative!r}")

    base = data.get("baseline")
    if not isinstance(base, dict):
        raise _err(file, "[baseline]", "missing table (dir or release, and sec_version)")
    _unknown(file, "[baseline] ", base, _BASELINE_KEYS)
    if "sec_version" not in base:
        raise _err(file, "[baseline] sec_version", "missing")
    base_version = _version(file, "[baseline] sec_version", base["sec_version"])
    if ("dir" in base) == ("release" in base):
        raise _err(file, "[baseline]", "give exactly one of dir (a folder of documents) or release "
                                       "(a previous release file)")
    baseline_dir = None
    baseline_release = None
    if "dir" in base:
        baseline_dir = (here / _string(file, "[baseline] dir", base["dir"]))
        if not (baseline_dir / "manifest.json").is_file():
            raise _err(file, "[baseline] dir", f"{baseline_dir} has no manifest.json")
        baseline_dir = baseline_dir.resolve()
        note_input(baseline_dir, folder=True)
    else:
        prev = (here / _string(file, "[baseline] release", base["release"])).resolve()
        if prev in _seen or prev == file.resolve():
            raise _err(file, "[baseline] release", f"{prev.name} builds on itself")
        if not prev.is_file():
            raise _err(file, "[baseline] release", f"no such release file {prev}")
        baseline_release = load_release(prev, _seen + (file.resolve(),))
        if baseline_release.sec_version != base_version:
            raise _err(file, "[baseline] sec_version",
                       f"{base_version} but {prev.name} produces SEC v{baseline_release.sec_version}")
    if _version_tuple(sec_version) <= _version_tuple(base_version):
        raise _err(file, "[release] sec_version", f"{sec_version} is not later than the baseline's {base_version}")

    mods_dir_value = data.get("modifications_dir", "../modifications")
    mods_dir = here / _string(file, "modifications_dir", mods_dir_value)
    mods = data.get("modifications")
    if not isinstance(mods, list) or not mods:
        raise _err(file, "[[modifications]]", "a release needs at least one modification")
    refs: list[ModificationRef] = []
    seen_ids: set[str] = set()
    for i, entry in enumerate(mods, 1):
        where = f"[[modifications]] #{i}"
        if isinstance(entry, str):
            entry = {"id": entry}
        if not isinstance(entry, dict):
            raise _err(file, where, f"expected a table with id (and path), got {entry!r}")
        _unknown(file, f"{where} ", entry, _MOD_KEYS)
        if "id" not in entry:
            raise _err(file, f"{where} id", "missing")
        mod_id = _string(file, f"{where} id", entry["id"])
        if not _ID_RE.match(mod_id):
            raise _err(file, f"{where} id", f"{mod_id!r} is not a modification id")
        if mod_id in seen_ids:
            raise _err(file, f"{where} id", f"{mod_id} is listed twice")
        seen_ids.add(mod_id)
        folder = here / _string(file, f"{where} path", entry["path"]) if "path" in entry else mods_dir / mod_id
        if not (folder / "modification.toml").is_file():
            raise _err(file, f"{where} path", f"{folder} has no modification.toml")
        refs.append(ModificationRef(mod_id, folder.resolve()))
    if baseline_release is not None:
        earlier = {m.id for r in baseline_release.chain() for m in r.modifications}
        for ref in refs:
            if ref.id in earlier:
                raise _err(file, "[[modifications]] id", f"{ref.id} was already implemented by an earlier release")

    return Release(file=file, name=name, sec_version=sec_version, implementation_date=date,
                   baseline_sec_version=base_version, modifications=refs, baseline_dir=baseline_dir,
                   baseline_release=baseline_release, kind=kind, description=description,
                   illustrative=illustrative)
