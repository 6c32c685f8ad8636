#!/usr/bin/env python3
"""Write secdocs/templates/reference.docx, the house style every secdocs .docx is built on.

The styles are declared in ``secdocs/ooxml/styles.py``; this script only runs the builder and
saves the result atomically. The output is deterministic, so ``--check`` can verify that the
committed template is up to date (exit status 1 when it is not).

    python scripts/make_reference.py            # (re)write secdocs/templates/reference.docx
    python scripts/make_reference.py --check    # verify it, write nothing
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from secdocs.ooxml.styles import build_reference_bytes  # noqa: E402
from secdocs.ooxml.write import save_bytes  # noqa: E402

DEFAULT_OUT = ROOT / "secdocs" / "templates" / "reference.docx"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT, help="where to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="verify the file is up to date; write nothing")
    args = parser.parse_args(argv)
    data = build_reference_bytes()
    if args.check:
        current = args.output.read_bytes() if args.output.exists() else b""
        if current != data:
            print(f"{args.output}: out of date; run scripts/make_reference.py", file=sys.stderr)
            return 1
        print(f"{args.output}: up to date")
        return 0
    save_bytes(args.output, data)
    print(f"wrote {args.output} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
