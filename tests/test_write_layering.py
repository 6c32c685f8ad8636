"""One layer writes (and reads) WordprocessingML: only ``secdocs/ooxml/`` imports lxml or
python-docx, and it imports none of the layers above it (packs, render, release, amend, cli)."""

from __future__ import annotations

import ast
from pathlib import Path

import secdocs

PACKAGE = Path(secdocs.__file__).parent
OOXML = PACKAGE / "ooxml"
ABOVE = {"packs", "render", "release", "amend", "cli", "checks"}


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in a file, function-level ones too; relative imports as
    ``..name`` (the level's dots, then the module)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            out.append((node.lineno, "." * node.level + (node.module or "")))
    return out


def test_only_ooxml_imports_lxml_or_python_docx():
    found = [f"{path.relative_to(PACKAGE)}:{line} {name}"
             for path in sorted(PACKAGE.rglob("*.py")) if OOXML not in path.parents
             for line, name in _imports(path) if name.split(".")[0] in ("lxml", "docx")]
    assert found == []


def test_ooxml_imports_no_layer_above_it():
    found = []
    for path in sorted(OOXML.rglob("*.py")):
        for line, name in _imports(path):
            if name.startswith(".."):
                top = name.lstrip(".").split(".")[0]
            elif name.startswith("secdocs."):
                top = name.split(".")[1]
            else:
                continue
            if top in ABOVE:
                found.append(f"{path.relative_to(PACKAGE)}:{line} {name}")
    assert found == []
