"""The Python API (``secdocs.read``, ``apply``, ``redline``, ``compare``, ``build_release``): cheap
to import, and the same results — the same bytes — as the commands it wraps."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import secdocs
from secdocs.cli import main
from secdocs.errors import AmendmentError, BadInputError, ConfigError

ROOT = Path(__file__).resolve().parents[1]
BASELINES = ROOT / "baselines"
MP134A = ROOT / "modifications" / "MP134A"
RELEASE = ROOT / "releases" / "2021-10-04-adhoc.toml"


def cli(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_import_secdocs_loads_nothing_else():
    code = ("import sys, secdocs; heavy = ('lxml', 'docx', 'click', 'jinja2', 'diff_match_patch');"
            "print(sorted(m for m in sys.modules if m.startswith('secdocs') or m.split('.')[0] in heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['secdocs']"
    assert set(secdocs.__all__) == {"__version__", "read", "apply", "redline", "compare", "build_release"}
    for name in secdocs.__all__[1:]:
        assert getattr(secdocs, name).__doc__, name


def test_read_gives_the_parsed_tree():
    doc = secdocs.read(BASELINES / "section-L.docx")
    assert (doc.id, doc.version) == ("Section L", "18.0") and doc.provisions
    rejected = secdocs.read(BASELINES / "section-L.docx", view="reject")
    assert rejected == doc  # no tracked changes in a baseline: both views agree
    with pytest.raises(BadInputError, match=r"nope\.docx: cannot read"):
        secdocs.read(ROOT / "nope.docx")


@pytest.fixture(scope="module")
def applied(tmp_path_factory):
    out = tmp_path_factory.mktemp("api") / "applied"
    return secdocs.apply(MP134A, BASELINES, out=out), out


def test_apply_in_memory_and_to_a_folder_as_the_command_does(applied, tmp_path):
    result, out = applied
    memory = secdocs.apply(MP134A, BASELINES)
    assert [(o.id, o.consolidated.version) for o in memory.outcomes] == \
        [(o.id, o.consolidated.version) for o in result.outcomes]
    assert len(result.outcomes) == 6 and not list(tmp_path.iterdir())  # in memory: nothing written
    cli("apply", str(MP134A), "--baselines", str(BASELINES), "-o", str(tmp_path / "cli"))
    assert files(out) == files(tmp_path / "cli")


def test_apply_raises_every_amendment_error(tmp_path):
    mod = tmp_path / "MPX"
    mod.mkdir()
    (mod / "modification.toml").write_text((MP134A / "modification.toml").read_text(encoding="utf-8"), encoding="utf-8")
    for toml in MP134A.glob("*.toml"):
        if toml.name != "modification.toml":
            (mod / toml.name).write_text(toml.read_text(encoding="utf-8").replace('target = "', 'target = "Z9.'),
                                         encoding="utf-8")
    with pytest.raises(AmendmentError):
        secdocs.apply(mod, BASELINES)


def test_redline_as_the_command_does(tmp_path):
    result = secdocs.redline(MP134A, BASELINES, out=tmp_path / "api")
    cli("redline", str(MP134A), "--baselines", str(BASELINES), "-o", str(tmp_path / "cli"))
    assert files(tmp_path / "api") == files(tmp_path / "cli") == result.files
    assert len(result.documents) == 6 and all(d.changes > 0 for d in result.documents)


def test_compare_as_the_command_does(applied, tmp_path):
    _, out = applied
    old, new = BASELINES / "section-L.docx", out / "section-L.docx"
    result = secdocs.compare(old, new, out=tmp_path / "api.docx")
    cli("compare", str(old), str(new), "-o", str(tmp_path / "cli.docx"))
    assert (tmp_path / "api.docx").read_bytes() == (tmp_path / "cli.docx").read_bytes() == result.docx
    assert result.changes and {c.kind for c in result.changes} <= {"insert", "delete", "replace", "format", "move"}
    with pytest.raises(ConfigError, match="is one of the files compared"):
        secdocs.compare(old, new, out=new)


def test_build_release_as_the_command_does(tmp_path):
    report = secdocs.build_release(RELEASE, tmp_path / "api", jobs=1)
    cli("release", "build", str(RELEASE), "-o", str(tmp_path / "cli"), "-q", "-j", "1")
    made = files(tmp_path / "api")
    assert made == files(tmp_path / "cli") == report.outputs
    assert "manifest.json" in made and len(made) == 18
