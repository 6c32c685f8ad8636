"""One way of reporting refused amendments, whatever the command: each problem on its own line
``secdocs: error: …``, then a summary line, exit status 1, nothing written (cli/__init__.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from secdocs.cli import main, report_error
from secdocs.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
BASELINES = ROOT / "baselines"


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    """MP134A with two bad operations in Section L."""
    mod = tmp_path_factory.mktemp("broken") / "MP134A"
    shutil.copytree(ROOT / "modifications" / "MP134A", mod)
    for path in (mod / "section-L.toml", mod / "legal-text-v2.0" / "section-L.toml"):  # current, and the
        text = path.read_text(encoding="utf-8")                                       # report stage's v2.0
        text = text.replace('target = "L3.18"', 'target = "L3.81"', 1)
        text = text.replace('words = "Energy Supply Licence"', 'words = "Energy Supply Licences"', 1)
        path.write_text(text, encoding="utf-8")
    return mod


@pytest.mark.parametrize("command, output", [
    (["apply"], "out"), (["redline"], "out"), (["legal-text"], "out.docx"),
    (["consult", "--stage", "report"], "out"),
])
def test_amendment_errors_are_reported_alike(broken, tmp_path, command, output):
    out = tmp_path / output
    result = CliRunner().invoke(main, [command[0], str(broken), *command[1:], "--baselines", str(BASELINES),
                                       "-o", str(out)])
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3, result.stderr
    assert all(line.startswith("secdocs: error: ") and "section-L.toml:" in line for line in lines[:2])
    assert any("(replace L3.81): target L3.81 not found" in line for line in lines[:2])
    assert any('words "Energy Supply Licences" not found' in line for line in lines[:2])
    assert lines[2] == "secdocs: 2 errors; nothing written"
    assert "Traceback" not in result.output and not out.exists()


def test_one_problem_is_one_line_and_a_list_gets_its_summary(capsys):
    report_error(ConfigError("modification.toml: missing required value x"))
    assert capsys.readouterr().err.splitlines() == ["secdocs: error: modification.toml: missing required value x"]
    report_error(ConfigError("a.toml: missing key 'id'\na.toml: missing key 'title'"))
    assert capsys.readouterr().err.splitlines() == [
        "secdocs: error: a.toml: missing key 'id'", "secdocs: error: a.toml: missing key 'title'",
        "secdocs: 2 errors; nothing written"]

    class Refused(ConfigError):
        lines = ["one"]
        summary = "1 conflict; nothing was written"

    report_error(Refused("ignored"))
    assert capsys.readouterr().err.splitlines() == ["secdocs: error: one", "secdocs: 1 conflict; nothing was written"]


def test_shared_options_read_the_same_everywhere():
    """--baselines and -o/--output are declared once (cli/options.py)."""
    runner = CliRunner()
    helps = {name: runner.invoke(main, [*name.split(), "--help"]).output
             for name in ("apply", "redline", "legal-text", "consult")}
    for name, text in helps.items():
        assert "--baselines DIRECTORY" in text and "manifest.json + .docx, or src/*.sec.txt" in " ".join(text.split())
        assert "-o, --output" in text, name
