"""Start-up: the command line's import path holds no network stack (``xml.sax.saxutils`` pulls in
urllib.request, http.client, email, socket, ssl) and no process pool until one is used; ``--help``
loads none of the document libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "secdocs"
NETWORK_AND_POOLS = ("xml.sax.saxutils", "urllib.request", "http.client", "email.message", "socket", "ssl",
                     "multiprocessing", "concurrent.futures.process")
# every module a command imports before it runs (the command modules import the rest lazily)
COMMAND_MODULES = ("secdocs.cli", "secdocs.reader", "secdocs.workflow.apply", "secdocs.workflow.redline",
                   "secdocs.render.legaltext", "secdocs.ooxml.compare", "secdocs.packs.pack", "secdocs.packs.collate",
                   "secdocs.release.build", "secdocs.render.pdf", "secdocs.workflow.legal_text",
                   "secdocs.workflow.outputs")


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_no_network_stack_or_process_pool_on_the_command_import_path():
    modules = loaded_after("\n".join(f"import {m}" for m in COMMAND_MODULES))
    assert set(COMMAND_MODULES) <= modules
    assert not modules & set(NETWORK_AND_POOLS), sorted(modules & set(NETWORK_AND_POOLS))


def test_help_loads_no_document_library():
    modules = loaded_after("import sys\nsys.argv = ['secdocs', '--help']\nfrom secdocs.cli import main\n"
                           "try:\n    main()\nexcept SystemExit:\n    pass")
    assert "click" in modules and "secdocs.cli.read_cmds" in modules
    heavy = {m for m in modules if m.split(".")[0] in ("lxml", "docx", "jinja2", "diff_match_patch")}
    assert not heavy and "secdocs.model" not in modules, sorted(heavy)


def test_no_module_imports_xml_sax():
    offenders = [p.relative_to(PACKAGE).as_posix() for p in sorted(PACKAGE.rglob("*.py"))
                 if "xml.sax" in p.read_text(encoding="utf-8")]
    assert offenders == []
