"""The game plays true: the historical strategy reproduces what the sources report, and other ways of
playing diverge from it without any one of them being safe or any one ending taking over."""

from __future__ import annotations

import json
import subprocess
import sys

from game.content.compiled import Content
from tests.conftest import REPO


def simulate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", "simulate", "--jobs", "2", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=600)


def test_the_historical_strategy_passes_every_row_of_the_history_check() -> None:
    result = simulate("--strategy", "historical", "--runs", "2000", "--history")
    assert result.returncode == 0, result.stdout
    assert "All figures within their bands." in result.stdout
    rows = json.loads(simulate("--strategy", "historical", "--runs", "2000", "--json").stdout)["history"]
    assert {r["id"] for r in rows} >= {"historical_ending", "monthly_permits", "permits_2018", "agencies_2019"}
    assert all(r["ok"] for r in rows)


def test_other_strategies_diverge_lose_and_spread(shipped_content: Content) -> None:
    data = json.loads(simulate("--strategy", "random,careful,balanced,security-first,development-first",
                               "--runs", "1000", "--json").stdout)
    immediate = {e for e, rule in shipped_content.endings.items() if rule.model.kind == "immediate"}
    by = {r["strategy"]: r for r in data}

    def loss(name: str) -> float:
        r = by[name]
        return sum(n for e, n in r["endings"].items() if e in immediate) / r["runs"]

    assert loss("careful") >= 0.10
    assert by["careful"]["endings"].get("model_for_nation", 0) / 1000 <= 0.40
    assert 0.20 <= loss("random") <= 0.50
    for r in data:
        assert max(r["endings"].values()) / r["runs"] <= 0.45, (r["strategy"], r["endings"])
        assert 60 <= r["card_choices_per_game"]["p50"] <= 80, r["strategy"]


def test_the_json_report_has_every_meter_and_counter_by_month(shipped_content: Content) -> None:
    report = json.loads(simulate("--strategy", "random", "--runs", "40", "--json").stdout)
    names = set(shipped_content.meters) | set(shipped_content.counters)
    assert names <= set(report["median_by_month"]) and names <= set(report["final"])
    assert all(len(v) == shipped_content.turns + 1 for v in report["median_by_month"].values())
    assert set(report["final"]["development"]) >= {"p10", "p50", "p90"}
    assert sum(report["endings"].values()) == 40
