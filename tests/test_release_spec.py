"""Release files: the shipped ones load, and every bad one is refused in one line naming the
file and the key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from secdocs.errors import ConfigError
from secdocs.release.spec import load_release

ROOT = Path(__file__).resolve().parents[1]

GOOD = """
[release]
name = "Test release"
sec_version = "47.0"
implementation_date = 2021-10-04

[baseline]
dir = "{baselines}"
sec_version = "46.0"

[[modifications]]
id = "MP134A"
path = "{mp134a}"
"""


def write(tmp_path: Path, text: str, name: str = "r.toml") -> Path:
    path = tmp_path / name
    path.write_text(text.format(baselines=(ROOT / "baselines").as_posix(),
                                mp134a=(ROOT / "modifications" / "MP134A").as_posix()), encoding="utf-8")
    return path


def test_default_release_loads():
    r = load_release(ROOT / "releases" / "2021-10-04-adhoc.toml")
    assert (r.name, r.sec_version, r.baseline_sec_version) == ("4 October 2021 ad-hoc release", "47.0", "46.0")
    assert r.implementation_date == dt.date(2021, 10, 4)
    assert r.date_text == "4 October 2021"
    assert [m.id for m in r.modifications] == ["MP134A"]
    assert r.baseline_dir == (ROOT / "baselines").resolve()


def test_second_release_stacks_on_the_first():
    r = load_release(ROOT / "releases" / "2021-11-04-illustrative.toml")
    assert [m.id for m in r.modifications] == ["MP901", "MP902"]
    assert r.illustrative
    assert [x.sec_version for x in r.chain()] == ["47.0", "48.0"]
    assert r.root_baseline_dir == (ROOT / "baselines").resolve()


def test_good_file(tmp_path):
    assert load_release(write(tmp_path, GOOD)).sec_version == "47.0"


@pytest.mark.parametrize("change, key, reason", [
    (('sec_version = "47.0"', "sec_version = 47.0"), "[release] sec_version", "SEC version"),
    (('sec_version = "47.0"', 'sec_version = "45.0"'), "[release] sec_version", "not later than"),
    (("implementation_date = 2021-10-04", 'implementation_date = "4 Oct"'), "[release] implementation_date", "date"),
    (('name = "Test release"\n', 'name = "Test release"\ncolour = "red"\n'), "[release] colour", "unknown key"),
    (('name = "Test release"\n', ""), "[release] name", "missing"),
    (('sec_version = "46.0"', 'sec_version = "46"'), "[baseline] sec_version", "SEC version"),
    (('dir = "', 'release = "x.toml"\ndir = "'), "[baseline]", "exactly one of"),
    (('id = "MP134A"', 'id = "MP 134"'), "[[modifications]] #1 id", "not a modification id"),
    (('path = "', 'path = "/nonexistent'), "[[modifications]] #1 path", "no modification.toml"),
])
def test_bad_values_are_one_line_naming_file_and_key(tmp_path, change, key, reason):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(ConfigError) as exc:
        load_release(path)
    message = str(exc.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: {key}")
    assert reason in message


def test_baseline_folder_without_manifest(tmp_path):
    path = write(tmp_path, GOOD.replace('dir = "{baselines}"', f'dir = "{tmp_path.as_posix()}"'))
    with pytest.raises(ConfigError, match=r"\[baseline\] dir: .* has no manifest.json"):
        load_release(path)


def test_duplicate_and_missing_modifications(tmp_path):
    twice = GOOD + '\n[[modifications]]\nid = "MP134A"\npath = "{mp134a}"\n'
    with pytest.raises(ConfigError, match="MP134A is listed twice"):
        load_release(write(tmp_path, twice))
    none = GOOD.split("[[modifications]]")[0]
    with pytest.raises(ConfigError, match="at least one modification"):
        load_release(write(tmp_path, none))


def test_invalid_toml_names_the_file(tmp_path):
    path = write(tmp_path, "[release\nname = 1")
    with pytest.raises(ConfigError, match=f"{path}:1: not valid TOML"):
        load_release(path)


def test_chained_release_checks_the_sec_version(tmp_path):
    first = write(tmp_path, GOOD, "first.toml")
    second = tmp_path / "second.toml"
    second.write_text(GOOD.split("[baseline]")[0].replace('"47.0"', '"48.0"')
                      + '[baseline]\nrelease = "first.toml"\nsec_version = "46.0"\n'
                      + '[[modifications]]\nid = "MP901"\npath = "' + (ROOT / "modifications" / "MP901").as_posix()
                      + '"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[baseline\] sec_version: 46.0 but first.toml produces SEC v47.0"):
        load_release(second)
    assert first.is_file()


def test_a_release_cannot_build_on_itself(tmp_path):
    path = tmp_path / "loop.toml"
    path.write_text(GOOD.split("[baseline]")[0] + '[baseline]\nrelease = "loop.toml"\nsec_version = "46.0"\n'
                    + '[[modifications]]\nid = "MP134A"\npath = "' + (ROOT / "modifications" / "MP134A").as_posix()
                    + '"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="builds on itself"):
        load_release(path)
