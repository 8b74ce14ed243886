"""Tools to tune a deck: per-card simulation figures, forcing a card and setting values while playing, and a
project schema that knows the names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.authoring.test_guide import example_deck, run


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    deck = tmp_path / "border_clinic.yaml"
    deck.write_text(example_deck(), encoding="utf-8")
    return deck


def test_simulate_per_card_shows_each_of_the_packs_cards_with_draw_rate_and_months(clinic: Path) -> None:
    result = run("simulate", "--deck", str(clinic), "--runs", "60", "--strategy", "random,balanced",
                 "--only-pack", "--per-card")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Coverage over all" not in out  # --only-pack: no coverage of the shipped cards
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("clinic_")}
    assert set(rows) == {"clinic_opens", "clinic_inspected", "clinic_new_year"}
    assert "2019-02 / 2019-02 / 2019-02" in rows["clinic_new_year"]  # a scheduled card comes in its month
    assert "choice 1: random" in out and "balanced" in out
    assert "flag clinic_open: set in" in out


def test_simulate_json_has_the_same_table_and_coverage_limited_to_the_pack(clinic: Path) -> None:
    result = run("simulate", "--deck", str(clinic), "--runs", "40", "--only-pack", "--per-card", "--json")
    data = json.loads(result.stdout)
    assert set(data["cards"]) == {"clinic_opens", "clinic_inspected", "clinic_new_year"}
    card = data["cards"]["clinic_new_year"]
    assert card["drawn"] > 0.5 and card["months"]["p50"] == "2019-02"  # every game that reaches February 2019
    assert set(card["choices"]) == {"1", "2"} and "random" in card["choices"]["1"]
    assert all(c.startswith("clinic_") for c in data["never_drawn"] + data["choices_never_taken"])


def test_play_force_deals_the_card_next_month_and_is_marked_in_the_save(clinic: Path, tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    result = run("play", "--plain", "--dev", "--deck", str(clinic), "--force", "clinic_inspected", "--set",
                 "security=40", "--set", "clinic_open=on", "--seed", "1", "--saves", str(saves),
                 stdin="1\n1\n1\n\n1\n1\n1\n1\n\n")
    assert result.returncode == 0, result.stderr
    month_two = result.stdout.split("month 2 of 30", 1)[1].split("month 3 of 30", 1)[0]
    assert "The police visit the clinic" in month_two
    assert "Security 40" in result.stdout.split("month 1 of 30", 1)[1]
    save = json.loads((saves / "autosave.json").read_text(encoding="utf-8"))
    assert save["options"]["dev"] is True
    kinds = [a["kind"] for a in save["actions"]]
    assert kinds[:3] == ["set_value", "set_value", "force"]
    report = run("report", str(saves / "autosave.json"), "--deck", str(clinic))
    assert "author tools" in report.stdout.lower()


@pytest.mark.parametrize(("args", "message"), [
    (["--force", "clinic_inspected"], "--force and --set are author tools: add --dev"),
    (["--dev", "--force", "clinic_inspectd"], "there is no card 'clinic_inspectd' (did you mean 'clinic_inspected'?)"),
    (["--dev", "--set", "securty=3"], "(did you mean 'security'?)"),
    (["--dev", "--set", "clinic_open=maybe"], "a flag is on or off"),
])
def test_author_tools_are_refused_without_dev_and_check_names(clinic: Path, tmp_path: Path, args: list[str],
                                                               message: str) -> None:
    result = run("play", "--plain", "--deck", str(clinic), "--seed", "1", "--saves", str(tmp_path), *args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_the_project_schema_makes_a_mistyped_meter_an_error_in_the_editor(clinic: Path, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    out = tmp_path / "schemas"
    result = run("schema", "--deck", str(clinic), "--out", str(out))
    assert result.returncode == 0, result.stderr
    schema = json.loads((out / "project" / "deck.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    deck = yaml.safe_load(example_deck())
    assert list(validator.iter_errors(deck)) == []
    deck["events"][0]["choices"][0]["effects"]["securty"] = 1
    deck["events"][0]["choices"][0]["set"] = ["clinc_open"]
    deck["events"][0]["choices"][0]["follow_ups"][0]["event"] = "clinic_inspectd"
    deck["events"][0]["source"]["id"] = "huang2042"
    deck["events"][1]["choices"][2]["policy"] = {"tracking_app": "always"}
    errors = {tuple(e.absolute_path) for e in validator.iter_errors(deck)}
    assert ("events", 0, "choices", 0, "effects") in errors  # 'securty' is not a meter or counter
    assert ("events", 0, "choices", 0, "set", 0) in errors
    assert ("events", 0, "choices", 0, "follow_ups", 0, "event") in errors
    assert ("events", 0, "source", "id") in errors
    assert ("events", 1, "choices", 2, "policy", "tracking_app") in errors
    structural = json.loads((out / "deck.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(structural).iter_errors(deck)) == []  # fields only: names pass
