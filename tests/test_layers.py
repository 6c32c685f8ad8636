"""The dependency order of secdocs, parsed from every module's imports (ast), so that it cannot
silently regress: a module imports only its own layer and the layers below it, no two modules
import each other (directly or round a longer cycle), and an import inside a function is there
for start-up time only (the allowed list below, each with its reason)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "secdocs"

# bottom first: a module may import its own layer and those before it
LAYERS = (
    ("errors", "resources", "workspace"),
    ("model",),
    ("structure", "ooxml", "reader", "diff", "baselines"),
    ("amend", "checks"),
    ("render",),
    ("packs", "release"),
    ("workflow",),
    ("cli", "__init__"),
)
RANK = {name: n for n, names in enumerate(LAYERS) for name in names}

# Imports inside a function, each for start-up time only: the Python API and the commands import
# their library when called (``import secdocs`` and ``secdocs --help`` load nothing else), and a
# few heavy libraries are imported where they are first needed.
LAZY_MODULES = ("secdocs/__init__.py", "secdocs/cli/")
LAZY_IMPORTS = {
    ("secdocs/workspace/processes.py", "concurrent.futures"),  # the process pool imports multiprocessing
    ("secdocs/release/build.py", "concurrent.futures"),
    ("secdocs/release/build.py", "concurrent.futures.process"),
    ("secdocs/resources.py", "importlib"),  # importlib.resources imports zipfile and tempfile
    ("secdocs/ooxml/styles.py", "docx"),  # python-docx: only when the reference document is made
    ("secdocs/ooxml/styles.py", "docx.enum.style"),
    ("secdocs/diff/align.py", "difflib"),  # a compare of two close versions may never need it
    ("secdocs/workspace/__init__.py", "fcntl"),  # POSIX only: where the lock is taken, not on importing secdocs
}


def modules() -> dict[str, Path]:
    """dotted name → file, every module of the package."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def layer(name: str) -> str:
    """``secdocs.amend.load`` → ``amend``; the package itself → ``__init__``."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(name: str, path: Path, known: dict[str, Path]) -> list[tuple[str, int, bool]]:
    """(imported module, line, inside a function) of one module; ours resolved to module names."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inner: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inner |= {id(n) for n in ast.walk(node) if n is not node}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        out += [(t, node.lineno, id(node) in inner) for t in dict.fromkeys(targets)]
    return out


def graph() -> dict[str, list[tuple[str, int, bool]]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def test_every_layer_is_known():
    assert {layer(name) for name in modules()} <= set(RANK)


def upward(name: str, found: list[tuple[str, int, bool]]) -> list[str]:
    """The imports of a layer above the module's own (``secdocs`` itself: ``__version__`` only)."""
    return [f"{name}:{line} imports {target}" for target, line, _ in found
            if target.startswith("secdocs.") and RANK[layer(target)] > RANK[layer(name)]]


def lazy(where: str, found: list[tuple[str, int, bool]]) -> list[str]:
    """The imports inside a function that are not on the start-up list."""
    if where.startswith(LAZY_MODULES):
        return []
    return [f"{where}:{line} imports {target}" for target, line, inner in found
            if inner and (where, target) not in LAZY_IMPORTS]


def test_no_module_imports_a_layer_above_its_own():
    assert [line for name, found in graph().items() for line in upward(name, found)] == []


def test_function_level_imports_are_for_start_up_only():
    known = modules()
    assert [line for name, found in graph().items()
            for line in lazy(known[name].relative_to(PACKAGE.parent).as_posix(), found)] == []


def test_an_upward_or_hidden_import_is_caught(tmp_path):
    """What the two tests above refuse: amend importing render, inside a function; a relative
    import resolved to its module, whatever the folder."""
    fake = tmp_path / "fake.py"
    fake.write_text("from ..baselines import find_baseline\n\n\ndef f():\n    from ..render import label\n",
                    encoding="utf-8")
    found = imports("secdocs.amend.fake", fake, modules())
    assert found == [("secdocs.baselines", 1, False), ("secdocs.render.label", 5, True)]
    assert upward("secdocs.amend.fake", found) == ["secdocs.amend.fake:5 imports secdocs.render.label"]
    assert lazy("secdocs/amend/fake.py", found) == ["secdocs/amend/fake.py:5 imports secdocs.render.label"]
    assert lazy("secdocs/cli/fake.py", found) == []  # the commands import their library when called


def test_no_import_cycles():
    """Between modules (a package's ``__init__`` re-exporting its own modules aside)."""
    edges = {name: {t for t, _, _ in found if t.startswith("secdocs") and t != name
                    and not (known_package(name) and t.startswith(name + "."))}
             for name, found in graph().items()}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" → ".join(trail[trail.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def known_package(name: str) -> bool:
    return modules()[name].name == "__init__.py"
