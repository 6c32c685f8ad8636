"""modification.toml → pack data: every required value checked, one line naming the field."""

import datetime as dt

import pytest
from click.testing import CliRunner

from packs_helpers import BASELINES, FULL, MP134A, without, write_mod
from secdocs.cli import main
from secdocs.errors import ConfigError
from secdocs.packs.data import MOD_FIELDS, MOD_REQUIRED, STAGE_REQUIRED, load

MOD_KEYS = [MOD_FIELDS[name][0] for name in MOD_REQUIRED]
STAGE_KEYS = [f"consultation.{stage}.{key}" for stage in ("refinement", "report") for key in STAGE_REQUIRED]
NESTED = ["documents[0].title", "documents[1].id", "timeline[1].event", "timeline[0].date",
          "consultation.refinement.questions[0].text"]


def test_full_data_loads(tmp_path):
    data = load(write_mod(tmp_path), "refinement", baselines=BASELINES)
    assert data.mod["id"] == "MP900X" and data.mod["release"] == "4 October 2021 ad-hoc release"
    assert data.mod["issue"] == ["The issue, first paragraph.", "The issue, second paragraph with * and | in it."]
    assert [d["version"] for d in data.mod["documents"]] == ["31.0", "18.0"]  # from the baselines
    stage = data.consultation
    assert (stage["issue_date"], stage["closing_date"], stage["closing_time"]) == (
        dt.date(2021, 5, 17), dt.date(2021, 6, 7), "17:00")
    assert stage["mailbox_is_example"] and [q["number"] for q in stage["questions"]] == [1, 2, 3]
    # issue 14 item 1: only what is known on the issue date, then the next steps without dates
    assert [e["current"] for e in data.mod["timeline"]] == [False, True]
    assert [e["status"] for e in data.mod["timeline"]] == ["Completed", "This consultation"]
    assert data.mod["next_steps"][0] == "The Working Group considers the responses to this consultation."
    assert not data.mod["implementation_known"]


def test_mp134a_says_only_what_was_known_on_the_issue_date():
    for stage in ("refinement", "report"):
        data = load(MP134A, stage, baselines=BASELINES)
        events = [e["event"] for e in data.mod["timeline"]]
        assert "Authority approved the Modification" not in events and "MP134A implemented" not in events
        assert not any(e.startswith("(") for e in events)  # the undescribed date of the record is left out
        assert all(e["status"] in ("Completed", "This consultation") for e in data.mod["timeline"])
        assert any("Authority decides" in step for step in data.mod["next_steps"])
        assert data.mod["legal_date_assumed"] and not data.mod["implementation_known"]


def test_mp134a_has_both_stages():
    for stage, closing in (("refinement", dt.date(2021, 6, 7)), ("report", dt.date(2021, 7, 19))):
        data = load(MP134A, stage, baselines=BASELINES)
        assert data.closing_date == closing and data.consultation["closing_time"] == "17:00"
        assert data.consultation["mailbox"].endswith("@example.org")
        assert len(data.mod["documents"]) == 6 and len(data.consultation["questions"]) >= 5


def _missing_message(tmp_path, key: str, stage: str = "refinement") -> str:
    folder = write_mod(tmp_path, without(key))
    with pytest.raises(ConfigError) as err:
        load(folder, stage, baselines=BASELINES)
    return str(err.value)


@pytest.mark.parametrize("key", MOD_KEYS + NESTED)
def test_missing_required_value_is_refused_naming_it(tmp_path, key):
    message = _missing_message(tmp_path, key)
    assert "\n" not in message
    assert message.endswith(f"missing required value {key}") or f"missing required value {key} " in message


@pytest.mark.parametrize("key", STAGE_KEYS)
def test_missing_stage_value_is_refused_naming_it(tmp_path, key):
    stage = key.split(".")[1]
    message = _missing_message(tmp_path, key, stage)
    assert "\n" not in message and message.endswith(f"missing required value {key}")


def test_missing_stage_section(tmp_path):
    assert _missing_message(tmp_path, "consultation.report", "report").endswith(
        "missing required value [consultation.report]")


@pytest.mark.parametrize("key, value, message", [
    ("closing_date", dt.date(2021, 5, 1), "is not after issue_date"),
    ("closing_time", "5 o'clock", "is not a time like 17:00"),
    ("mailbox", "not-an-address", "is not an email address"),
    ("issue_date", "sometime", "is not a date"),
    ("questions", [{"number": 2, "text": "Out of order"}], "questions are numbered 1, 2, 3"),
])
def test_bad_stage_values(tmp_path, key, value, message):
    data = without("consultation.refinement." + key)
    data["consultation"]["refinement"][key] = value
    with pytest.raises(ConfigError) as err:
        load(write_mod(tmp_path, data), "refinement", baselines=BASELINES)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_cli_reports_one_line_and_writes_nothing(tmp_path):
    folder = write_mod(tmp_path, without("consultation.refinement.closing_date"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["consult", str(folder), "--stage", "refinement", "-o", str(out),
                                       "--baselines", str(BASELINES)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("secdocs: error:")
    assert "consultation.refinement.closing_date" in lines[0]
    assert not out.exists()


def test_fixture_is_complete():
    assert set(FULL["consultation"]) == {"refinement", "report"}
