"""Issue 15, category 5: tiny files that used to cost minutes and gigabytes. Every case runs
``secdocs text`` and ``secdocs parse`` in one child process that reports, per case, the time,
the exit status and the longest stderr line; the test checks each case under 2 s, the child
under 200 MB (``ru_maxrss`` of the children, measured with ``resource``), no traceback, short
warnings. Numbering values are bounded where integers are parsed (``ooxml.wordml.int_val``) and
where ordinals are formatted (``numbering.format_ordinal``)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import ROOT
from reader_helpers import abstract, level, make_docx, num, p


def _numbered(path: Path, lvl: str, n: int = 50, overrides: str = "", ilvl: str = "0") -> Path:
    body = "".join(p(f"item {i}", num=(1, 0)) for i in range(n)).replace('w:ilvl w:val="0"', f'w:ilvl w:val="{ilvl}"')
    return make_docx(path, body, numbering=abstract(1, [lvl]) + num(1, 1, overrides))


def _runs(path: Path, n: int) -> Path:
    runs = "".join(f'<w:r><w:t xml:space="preserve">w{i} </w:t></w:r>' for i in range(n))
    return make_docx(path, f"<w:p>{runs}</w:p>")


CASES = {
    "lowerLetter start 99999999999": lambda d: _numbered(d, level(0, "lowerLetter", "%1.", "99999999999")),
    "lowerRoman start 1e10": lambda d: _numbered(d, level(0, "lowerRoman", "%1.", "10000000000")),
    "upperRoman start 1e300": lambda d: _numbered(d, level(0, "upperRoman", "%1.", "1e300")),
    "start inf": lambda d: _numbered(d, level(0, "lowerLetter", "%1.", "inf")),
    "start nan": lambda d: _numbered(d, level(0, "decimal", "%1.", "nan")),
    "start 5000 digits": lambda d: _numbered(d, level(0, "lowerLetter", "%1.", "9" * 5000)),
    "start -99999999999": lambda d: _numbered(d, level(0, "lowerLetter", "%1.", "-99999999999")),
    "ilvl inf": lambda d: _numbered(d, level(0, "lowerLetter"), ilvl="inf"),
    "ilvl 5000 digits": lambda d: _numbered(d, level(0, "lowerLetter"), ilvl="9" * 5000),
    "lvl ilvl 1e300": lambda d: _numbered(d, level(0, "lowerLetter").replace('w:ilvl="0"', 'w:ilvl="1e300"')),
    "startOverride 99999999999": lambda d: _numbered(d, level(0, "lowerLetter"), overrides=(
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="99999999999"/></w:lvlOverride>')),
    "startOverride inf": lambda d: _numbered(d, level(0, "upperLetter"), overrides=(
        '<w:lvlOverride w:ilvl="inf"><w:startOverride w:val="inf"/></w:lvlOverride>')),
    "5000 placeholders": lambda d: _numbered(d, level(0, "lowerLetter", "%1" * 5000, "32000"), n=1000),
    "lvlRestart 1e300": lambda d: _numbered(d, level(0, "decimal", extra='<w:lvlRestart w:val="1e300"/>')),
    "100k runs in one paragraph": lambda d: _runs(d, 100_000),
    "400k runs in one paragraph": lambda d: _runs(d, 400_000),
}

DRIVER = textwrap.dedent("""
    import json, sys, time
    from click.testing import CliRunner
    from secdocs.cli import main
    out = {}
    for name, path in json.loads(sys.argv[1]).items():
        for command in ("text", "parse"):
            started = time.perf_counter()
            result = CliRunner().invoke(main, [command, path])
            lines = result.stderr.splitlines()
            out[f"{command} {name}"] = {
                "seconds": time.perf_counter() - started, "code": result.exit_code,
                "traceback": result.exception is not None and not isinstance(result.exception, SystemExit),
                "longest": max((len(x) for x in lines), default=0), "stderr": result.stderr[:300]}
    print(json.dumps(out))
""")


# Runs the driver as its own child and reports the child's peak memory (ru_maxrss of its
# children), so nothing else this test session started is counted.
WRAPPER = textwrap.dedent("""
    import json, resource, subprocess, sys
    proc = subprocess.run([sys.executable, "-c", sys.argv[1], sys.argv[2]], capture_output=True, text=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"code": proc.returncode, "out": proc.stdout, "err": proc.stderr[-2000:], "peak_kib": peak}))
""")


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    folder = tmp_path_factory.mktemp("budgets")
    files = {name: str(build(folder / f"case{i}.docx")) for i, (name, build) in enumerate(CASES.items())}
    proc = subprocess.run([sys.executable, "-c", WRAPPER, DRIVER, json.dumps(files)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    report = json.loads(proc.stdout)
    assert report["code"] == 0, report["err"]
    return json.loads(report["out"]), report["peak_kib"]


@pytest.mark.parametrize("case", [f"{c} {n}" for n in CASES for c in ("text", "parse")])
def test_each_case_is_quick_and_clean(measured, case):
    results, _ = measured
    r = results[case]
    assert r["seconds"] < 2.0, (case, r)
    assert not r["traceback"], (case, r)
    assert r["longest"] <= 600, (case, r["stderr"])  # warnings are short lines
    if case.endswith("400k runs in one paragraph"):
        assert r["code"] == 2 and "more than 1,000,000 XML tags" in r["stderr"], r
    else:
        assert r["code"] == 0, (case, r)


def test_the_child_stays_under_200_mb(measured):
    _, peak_kib = measured
    assert peak_kib < 200 * 1024, f"{peak_kib // 1024} MB"


def test_runs_are_joined_in_linear_time(tmp_path):
    """25k and 100k runs in one paragraph: four times the runs, not sixteen times the time."""
    from secdocs.ooxml.read import read_text_lines

    times = []
    for n in (25_000, 100_000):
        path = _runs(tmp_path / f"r{n}.docx", n)
        started = time.perf_counter()
        lines = read_text_lines(path)
        times.append(time.perf_counter() - started)
        assert lines[0].startswith("w0 w1 ") and lines[0].rstrip().endswith(f"w{n - 1}")
    assert times[1] < 8 * times[0] + 0.2, times


def test_bounded_integers_and_ordinals():
    from secdocs.workspace.limits import MAX_WORD_INT
    from secdocs.model.numbering import format_ordinal, to_letters
    from secdocs.ooxml.wordml import int_val

    assert int_val("inf") is None and int_val("nan", 3) == 3 and int_val("1e300") == MAX_WORD_INT
    assert int_val("9" * 5000) == MAX_WORD_INT and int_val("-" + "9" * 5000) == -MAX_WORD_INT
    assert int_val(" 12 ") == 12 and int_val("12.0") == 12 and int_val("0" * 5000 + "7") == 7
    assert format_ordinal(3500, "lowerLetter") == "p" * 135  # as Word writes it
    assert format_ordinal(99999999999, "lowerLetter") == "99999999999"
    assert format_ordinal(10**10, "lowerRoman") == str(10**10)
    with pytest.raises(Exception, match="too large"):
        to_letters(10**11)


def test_huge_numbers_in_labels_are_refused_not_computed():
    from secdocs.errors import NumberingError
    from secdocs.model.numbering import parse_number, parse_paren

    for label in ("L" + "9" * 5000, "L1." + "9" * 20, "0" * 5000 + "1" + "9" * 11):
        with pytest.raises(NumberingError):
            parse_number(label)
    with pytest.raises(NumberingError):
        parse_paren("(" + "9" * 5000 + ")", "decimal")
    assert parse_number("0" * 5000 + "12").components[0].ordinal == 12
