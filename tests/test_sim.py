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
    report = simulate(fixture_content, 5, seed=1, strategy="security-first")
    assert "inspection" in report.never_drawn  # only a follow-up of "open wide", which this strategy avoids


def test_simulate_command_prints_a_json_report() -> None:
    result = subprocess.run([sys.executable, "-m", "game", "simulate", "--runs", "5", "--json"],
                            capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["runs"] == 5 and sum(report["endings"].values()) == 5
