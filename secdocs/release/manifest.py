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
from ..limits import MAX_DOCX_BYTES
from ..workspace import read_input


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


PROJECT = Path(__file__).resolve().parents[2]  # the folder holding secdocs/ and templates/


def input_entries(files: list[Path]) -> list[dict]:
    """``[{path, sha256, bytes}]`` of the input files: those in the project relative to it, the
    others relative to their common folder (so the code and the data may live apart)."""
    files = sorted({f.resolve() for f in files})
    apart = [f for f in files if PROJECT not in f.parents]
    root = Path(os.path.commonpath([str(f.parent) for f in apart])) if apart else PROJECT
    out = []
    for f in files:
        data = read_input(f, MAX_DOCX_BYTES)
        name = f.relative_to(root) if f in apart else f.relative_to(PROJECT)
        out.append({"path": name.as_posix(), "sha256": sha256(data), "bytes": len(data)})
    return sorted(out, key=lambda e: e["path"])


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
