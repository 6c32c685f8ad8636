#!/usr/bin/env python3
"""Build the representative baselines: baselines/src/*.sec.txt → baselines/*.docx + manifest.json.

The baselines are representative text written for this project, not the official Smart Energy
Code (see baselines/README.md). The readable text sources are the thing people review and edit;
the .docx files are generated from them with the house style and committed, as the inputs a user
would have. Output is deterministic, so ``--check`` can verify that the committed files are up to
date (byte-identical) without writing anything.

    python scripts/build_baselines.py            # (re)build every baseline and the manifest
    python scripts/build_baselines.py --check    # exit 1 if any committed file is out of date
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from secdocs.errors import SecdocsError  # noqa: E402
from secdocs.model import Document, iter_definitions, iter_provisions  # noqa: E402
from secdocs.ooxml.write import docx_bytes, save_bytes  # noqa: E402
from secdocs.reader.source import read_source  # noqa: E402

BANNER = "Representative text — not the official SEC"
_REPRESENTATIVE = ("representative text", "not the official")


def build(src_dir: Path) -> dict[str, bytes]:
    """Every output file name (``section-L.docx``, ``manifest.json``) → its bytes."""
    sources = sorted(src_dir.glob("*.sec.txt"))
    if not sources:
        raise SecdocsError(f"{src_dir}: no *.sec.txt sources")
    outputs: dict[str, bytes] = {}
    entries = []
    for source in sources:
        doc = read_source(source)
        _check_representative(doc, source)
        name = source.name.removesuffix(".sec.txt") + ".docx"
        data = docx_bytes(doc, markup="tracked", banner=BANNER)
        outputs[name] = data
        entries.append(_entry(doc, name, source, data))
    manifest = {
        "note": "Representative text written for the secdocs project; not the official Smart Energy Code.",
        "generator": "scripts/build_baselines.py",
        "baselines": entries,
    }
    outputs["manifest.json"] = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return outputs


def _check_representative(doc: Document, source: Path) -> None:
    notes = " ".join("".join(r.text for r in note) for note in doc.front).lower()
    if not all(words in notes for words in _REPRESENTATIVE):
        raise SecdocsError(f"{source}: no @note saying this is representative text and not the official SEC")


def _entry(doc: Document, name: str, source: Path, data: bytes) -> dict:
    return {
        "id": doc.id,
        "title": doc.title,
        "version": doc.version,
        "sec_version": doc.sec_version,
        "date": doc.date,
        "file": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "source": f"src/{source.name}",
        "source_sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
        "provisions": sum(1 for _ in iter_provisions(doc.provisions)),
        "definitions": sum(1 for _ in iter_definitions(doc)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT / "baselines" / "src", help="sources (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=ROOT / "baselines", help="output folder (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="verify the files in --out are up to date; write nothing")
    args = parser.parse_args(argv)
    try:
        outputs = build(args.src)
    except SecdocsError as exc:
        print(f"build_baselines: error: {exc}", file=sys.stderr)
        return 2
    if args.check:
        stale = [n for n, data in outputs.items()
                 if not (args.out / n).exists() or (args.out / n).read_bytes() != data]
        for n in stale:
            print(f"{args.out / n}: out of date; run scripts/build_baselines.py", file=sys.stderr)
        if not stale:
            print(f"{len(outputs)} files in {args.out} are up to date")
        return 1 if stale else 0
    for n, data in outputs.items():  # the manifest last: it describes the files written before it
        save_bytes(args.out / n, data)
        print(f"wrote {args.out / n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
