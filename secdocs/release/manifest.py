"""manifest.json: the SHA-256 of every input and output of a release build.

Input paths are relative to stable roots: files in the project (the checkout that holds the
secdocs package and ``templates/``) relative to it — ``releases/…``, ``baselines/…``,
``modifications/…``, ``templates/reference.docx`` — and inputs elsewhere relative to the folder
that holds all of those (a data folder kept apart from the code), never to ``/``. Output paths are relative to OUT. Nothing
in the manifest depends on the clock, the machine or the absolute location of the checkout, so
two builds of the same inputs give the same manifest — and the manifest of one build can be
checked against another's.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .. import __version__
from ..workspace.limits import MAX_DOCX_BYTES
from ..workspace import read_input


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


PROJECT = Path(__file__).resolve().parents[2]  # the folder holding secdocs/ (a checkout's data beside it)


def input_entries(files: list[Path], packaged: dict[str, Path] | None = None) -> list[dict]:
    """``[{path, sha256, bytes}]`` of the input files — those in the project relative to it, the
    others relative to their common folder (so the code and the data may live apart) — and of the
    files secdocs ships (``packaged``: manifest name → file, e.g. its reference.docx), named as
    given wherever secdocs is installed; sorted by path, folder by folder."""
    files = sorted({f.resolve() for f in files})
    apart = [f for f in files if PROJECT not in f.parents]
    root = Path(os.path.commonpath([str(f.parent) for f in apart])) if apart else PROJECT
    named = [((f.relative_to(root) if f in apart else f.relative_to(PROJECT)).as_posix(), f) for f in files]
    named += sorted((packaged or {}).items())
    out = []
    for name, f in sorted(named, key=lambda item: item[0].split("/")):
        data = read_input(f, MAX_DOCX_BYTES)
        out.append({"path": name, "sha256": sha256(data), "bytes": len(data)})
    return out


def manifest_bytes(*, release: dict, inputs: list[dict], outputs: dict[str, bytes]) -> bytes:
    """The manifest as canonical JSON (sorted keys, two-space indent, trailing newline)."""
    doc = {
        "secdocs_version": __version__,
        "release": release,
        "inputs": inputs,
        "outputs": [{"path": name, "sha256": sha256(data), "bytes": len(data)}
                    for name, data in sorted(outputs.items())],
    }
    return (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
