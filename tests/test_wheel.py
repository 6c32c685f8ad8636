"""The packaging proof: the wheel, installed into a fresh virtual environment outside the repo,
works from another folder on a copy of the bundled data, and writes byte-identical outputs to the
checkout's (the same commands, run from the same folder with the checkout's own ``secdocs``).

The wheel is built from a copy of the package's sources (nothing is written into the checkout);
the fresh environment gets secdocs only from the wheel, and its dependencies (python-docx, lxml,
jinja2, click, diff-match-patch) from the checkout's environment through a .pth file, so nothing
is downloaded. Marked ``wheel``; it runs in every test run, CI included.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKOUT_SECDOCS = Path(sys.executable).parent / "secdocs"
DATA = ("baselines", "modifications", "releases")

pytestmark = pytest.mark.wheel

# each command, as run from the data folder; outputs go under out/
COMMANDS = {
    "parse": ["parse", "--json", "baselines/section-L.docx"],
    "apply": ["apply", "modifications/MP134A", "-o", "out/apply"],
    "redline": ["redline", "modifications/MP134A", "-o", "out/redline"],
    "consult": ["consult", "modifications/MP134A", "--stage", "refinement", "-o", "out/consult"],
    "release": ["release", "build", "releases/2021-10-04-adhoc.toml", "-o", "out/release", "-q"],
}


def run(exe: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def build_wheel(tmp: Path) -> Path:
    """``pip wheel`` of a copy of pyproject.toml, README.md and secdocs/ (no build/ or egg-info
    left in the checkout); offline when this environment has setuptools with bdist_wheel."""
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "secdocs", src / "secdocs", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    offline = importlib.util.find_spec("setuptools.command.bdist_wheel") is not None
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp / "dist"), str(src)]
    subprocess.run(cmd + (["--no-build-isolation"] if offline else []), check=True, capture_output=True, timeout=300)
    (wheel,) = (tmp / "dist").glob("secdocs-*.whl")
    return wheel


def fresh_venv(tmp: Path, wheel: Path) -> Path:
    """A new virtual environment holding the wheel (compiled to .pyc on install, as pip does)."""
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    (Path(site) / "_checkout_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True, timeout=300)
    return venv


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    venv = fresh_venv(tmp, build_wheel(tmp))
    data = {}
    for side in ("wheel", "checkout"):  # the same folder layout, so relative paths agree
        folder = tmp / side / "work"
        for name in DATA:
            shutil.copytree(ROOT / name, folder / name)
        data[side] = folder
    return venv, data


def test_the_wheel_holds_the_templates_and_installs_compiled(installed):
    venv, _ = installed
    python = venv / "bin" / "python"
    where = subprocess.run([str(python), "-c", "import secdocs, secdocs.resources as r; "
                            "print(secdocs.__file__); print(r.reference_docx()); print(r.template_dir())"],
                           capture_output=True, text=True, check=True, cwd=venv).stdout.split()
    assert all(Path(p).is_relative_to(venv) for p in where), where  # from the wheel, not the checkout
    package = Path(where[0]).parent
    assert Path(where[1]).read_bytes() == (ROOT / "secdocs" / "templates" / "reference.docx").read_bytes()
    assert sorted(p.name for p in Path(where[2]).glob("*.j2")) == \
        sorted(p.name for p in (ROOT / "secdocs" / "templates").glob("*.j2"))
    assert list(package.rglob("__pycache__/*.pyc"))


def test_commands_from_the_wheel_write_the_checkouts_bytes(installed):
    venv, data = installed
    exes = {"wheel": venv / "bin" / "secdocs", "checkout": CHECKOUT_SECDOCS}
    for name, args in COMMANDS.items():  # both sides at once: two processes, one per core
        procs = {side: subprocess.Popen([str(exe), *args], cwd=data[side], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True) for side, exe in exes.items()}
        outputs = {}
        for side, proc in procs.items():
            stdout, stderr = proc.communicate(timeout=300)
            assert proc.returncode == 0, (side, name, stderr)
            outputs[side] = re.sub(r"\d+\.\d+ s\b", "(time) s", stdout)  # a build's duration
        assert outputs["wheel"] == outputs["checkout"], name
    made = {side: tree(folder / "out") for side, folder in data.items()}
    assert made["wheel"] == made["checkout"]
    for name in ("apply/report.json", "redline/section-L-redline.docx", "consult/consultation.docx",
                 "consult/manifest.json", "release/manifest.json", "release/clean/section-L-v19.0.docx"):
        assert name in made["wheel"], name
    assert len(made["wheel"]) > 30


def test_build_outside_a_checkout_asks_for_a_release_file(installed, tmp_path):
    venv, _ = installed
    result = run(venv / "bin" / "secdocs", ["build", "-o", "out"], tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "secdocs: error: secdocs build needs a release file (releases/2021-10-04-adhoc.toml is neither here "
        "nor in a secdocs checkout): secdocs release build RELEASE.toml -o OUT"]
    assert not (tmp_path / "out").exists()
