"""The simulator plays complete games through the engine API and reports honestly."""

from __future__ import annotations

import json
import subprocess
import sys

from game.content.compiled import Content
from game.sim import simulate
from tests.conftest import REPO


def test_simulation_is_deterministic_and_counts_every_game(shipped_content: Content) -> None:
    a = simulate(shipped_content, 20, seed=3)
    b = simulate(shipped_content, 20, seed=3)
    assert sum(a.endings.values()) == 20
    assert a.endings == b.endings and a.final_meters == b.final_meters
    assert set(a.endings) <= set(shipped_content.endings)


def test_every_game_ends_within_the_calendar(shipped_content: Content) -> None:
    report = simulate(shipped_content, 20, seed=9, strategy="balanced")
    assert max(report.last_turns) <= shipped_content.turns


def test_never_drawn_lists_cards_that_cannot_come_up(fixture_content: Content) -> None:
    from game.sim import never_drawn

    report = simulate(fixture_content, 5, seed=1, strategy="careful")
    # "inspection" is only a follow-up of "open wide", which costs security: the careful strategy avoids it
    assert "inspection" in never_drawn(report, fixture_content)


def test_simulate_command_prints_a_json_report() -> None:
    result = subprocess.run([sys.executable, "-m", "game", "simulate", "--runs", "5", "--json"],
                            capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["runs"] == 5 and sum(report["endings"].values()) == 5


def test_two_jobs_give_the_same_report_as_one(shipped_content: Content) -> None:
    from game.sim import simulate_parallel

    one = simulate(shipped_content, 8, seed=2)
    two = simulate_parallel(shipped_content, None, [], 8, 2, "random", jobs=2)
    assert two.runs == 8
    assert one.to_dict(shipped_content) | {"games_per_second": 0} == two.to_dict(shipped_content) | {
        "games_per_second": 0}


def test_text_report_shows_endings_losses_meter_paths_and_coverage(shipped_content: Content) -> None:
    from game.sim_report import format_reports

    out = format_reports([simulate(shipped_content, 10, seed=1, strategy="development-first")], shipped_content)
    assert "== development-first: 10 games, seed 0" not in out and "seed 1" in out
    assert "trial_suspended (immediate)" in out and "Losses:" in out
    assert "Development " in out and "cards never drawn:" in out and "flags never set:" in out


def test_the_report_names_the_best_fixed_talk_script_and_it_wins_no_more_than_half(shipped_content: Content) -> None:
    from game.sim_report import best_scripts

    reports = [simulate(shipped_content, 150, seed=3, strategy=s) for s in ("balanced", "careful", "random")]
    lines = best_scripts(reports)
    assert lines[0].startswith("Best fixed talk script per negotiation")
    assert "random" not in "".join(lines)  # random play is not a script
    rates = {line.split(":")[0].strip(): int(line.split(":")[1].split("%")[0]) for line in lines[1:] if line}
    assert "permit_length" in rates and all(rate <= 50 for rate in rates.values()), lines
