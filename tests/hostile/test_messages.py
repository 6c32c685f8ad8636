"""Issue 15, categories 9 and 10: every error is one line naming the file (recursion, a full
disk, a closed pipe, click's usage errors), bad dates are refused, an amendments file without
operations changes nothing, and manifest.json does not depend on where the data lives."""

from __future__ import annotations

import errno
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, refused, run, tree
from reader_helpers import make_docx, p

MOD = "modifications/MP134A"
REL = "releases/2021-10-04-adhoc.toml"


# -- 9. messages -----------------------------------------------------------------------------------

@pytest.mark.parametrize("depth, says", [(100, "nested more than 64 deep"), (50_000, "nested too deep")])
def test_deeply_nested_children_name_the_file(project, depth, says):
    path = project / MOD / "section-L.toml"
    path.write_text(path.read_text() + "\n[[op]]\nkind = \"replace\"\ntarget = \"L1.1\"\ntext = \"x\"\n"
                    + "children = " + "[" * depth + "]" * depth + "\n")
    refused(run("apply", MOD, "-o", "out"), "section-L.toml", says)
    assert not (project / "out").exists()


def test_deeply_nested_inline_tables_name_the_file(project):
    path = project / MOD / "section-L.toml"
    nested = "{ number = \"(a)\", text = \"x\" }"
    for _ in range(80):
        nested = f"{{ number = \"(a)\", text = \"x\", children = [{nested}] }}"
    path.write_text(path.read_text() + f"\n[[op]]\nkind = \"replace\"\ntarget = \"L1.1\"\ntext = \"x\"\n"
                    f"children = [{nested}]\n")
    refused(run("apply", MOD, "-o", "out"), "section-L.toml", "nested")


@pytest.mark.parametrize("depth", [100, 100_000])
def test_a_deeply_nested_manifest_names_the_file(project, depth):
    (project / "baselines" / "manifest.json").write_text('{"baselines": ' + "[" * depth + "]" * depth + "}")
    refused(run("release", "build", REL, "-o", "out", "-q"), "manifest.json", "nested")
    refused(run("apply", MOD, "-o", "out"), "manifest.json", "nested")


def test_a_full_disk_names_the_file(project, monkeypatch):
    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    before = tree(project)
    line = refused(run("apply", MOD, "-o", "out"), "No space left on device", status=2)
    assert "section-" in line and ".docx" in line
    assert tree(project) == before  # the previous OUT (none) as it was, no temporary folder


def test_a_closed_pipe_is_one_line_at_most(tmp_path):
    doc = make_docx(tmp_path / "long.docx", "".join(p(f"Paragraph {i}.") for i in range(20_000)))
    proc = subprocess.Popen([sys.executable, "-c", "from secdocs.cli import main; main()", "text", str(doc)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()  # what `| head -1` does
    err = proc.stderr.read().decode()
    proc.wait(timeout=30)
    assert first.startswith(b"Paragraph 0.")
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert len(err.strip().splitlines()) <= 1, err


@pytest.mark.parametrize("args, says", [
    (("apply",), "Missing argument 'MODIFICATION'"), (("nope",), "No such command"),
    (("apply", MOD, "--bogus"), "No such option"), (("release", "build", REL), "give -o OUT"),
    (("compare", "a.docx", "b.docx"), "does not exist"), (("-j", "x"), "No such option"),
    (("consult", MOD, "-o", "x", "--stage", "later"), "'later' is not one of"),
])
def test_usage_errors_are_one_line(project, args, says):
    ran = run(*args)
    line = refused(ran, says, status=2)
    assert "--help" in line


def test_help_and_version_still_work():
    assert run("--help").code == 0 and run("--version").code == 0 and run("apply", "--help").code == 0
    ran = run()
    assert "Usage:" in ran.out and "Commands:" in ran.out and not ran.errors


@pytest.mark.parametrize("value", ['"yesterday"', '"2021-13-01"', '"4 October 2021"', "20211004"])
def test_an_implementation_date_that_is_not_a_date_is_refused(project, value):
    path = project / MOD / "modification.toml"
    path.write_text(path.read_text().replace("implementation_date = 2021-10-04", f"implementation_date = {value}"))
    refused(run("apply", MOD, "-o", "out"), "modification.toml", "implementation_date", "expected a date")


def test_an_amendments_file_without_operations_changes_nothing(project):
    path = project / MOD / "section-M.toml"
    text = path.read_text()
    path.write_text(text[:text.index("[[op]]")])  # `document = "Section M"` and comments only
    ran = run("apply", MOD, "-o", "out")
    assert ran.code == 0, ran.err
    assert "section-M.toml: no operations; Section M is left unchanged" in ran.err
    report = json.loads((project / "out" / "report.json").read_text())
    assert "Section M" not in [d["id"] for d in report["documents"]]
    assert not (project / "out" / "section-M.docx").exists()
    ran = run("release", "build", REL, "-o", "rel", "-q", "-j", "1")
    assert ran.code == 0 and "section-M.toml: no operations; Section M is left unchanged" in ran.err
    log = (project / "rel" / "document-log.csv").read_text()
    assert "Section M,General,9.0,9.0,No," in log, log  # version not bumped


def test_an_op_whose_line_is_unknown_is_not_line_0(project):
    path = project / MOD / "section-M.toml"
    text = path.read_text()
    path.write_text(text[:text.index("[[op]]")] + 'op = [{ kind = "replace", target = "M99.99", text = "x" }]\n')
    ran = run("apply", MOD, "-o", "out")
    assert ran.code == 1 and "section-M.toml op 1 (replace M99.99)" in ran.err, ran.err
    assert ":0" not in ran.err


# -- 10. reproducibility ---------------------------------------------------------------------------

def test_manifest_inputs_do_not_depend_on_where_the_data_lives(tmp_path):
    """The same data in two places outside the checkout: byte-identical manifest.json."""
    built = []
    for where in ("a/deep/copy", "b"):
        data = tmp_path / where
        for name in ("baselines", "modifications", "releases"):
            shutil.copytree(ROOT / name, data / name)
        out = tmp_path / f"out-{len(built)}"
        ran = run("release", "build", data / REL, "-o", out, "-q", "-j", "1")
        assert ran.code == 0, ran.err
        built.append((out / "manifest.json").read_bytes())
    assert built[0] == built[1]
    paths = [e["path"] for e in json.loads(built[0])["inputs"]]
    assert "releases/2021-10-04-adhoc.toml" in paths and "templates/reference.docx" in paths
    assert not any(x.startswith(("/", "..")) or "tmp" in x for x in paths), paths
