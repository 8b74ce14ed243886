"""Headless simulator: plays many complete games through the same engine API the UI uses."""

from __future__ import annotations

import random as _random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.content.compiled import Content
from game.engine.game import Game
from game.engine.views import ChoiceView

Strategy = Callable[[Game, list[ChoiceView], _random.Random], int]


def _random_choice(game: Game, choices: list[ChoiceView], rng: _random.Random) -> int:
    return rng.choice([c.index for c in choices if c.available])


def _best(score: Callable[[Game, ChoiceView], float]) -> Strategy:
    def pick(game: Game, choices: list[ChoiceView], rng: _random.Random) -> int:
        open_ = [c for c in choices if c.available]
        top = max(score(game, c) for c in open_)
        return rng.choice([c.index for c in open_ if score(game, c) == top])
    return pick


def _delta(choice: ChoiceView, target: str) -> int:
    return sum(d for t, d in choice.preview if t == target)


def _balanced(game: Game, c: ChoiceView) -> float:
    dev = game.value("development") + _delta(c, "development")
    sec = game.value("security") + _delta(c, "security")
    others = sum(d for t, d in c.preview if t in game.content.meters and t not in ("development", "security"))
    return min(dev, sec) + 0.25 * others


STRATEGIES: dict[str, Strategy] = {
    "random": _random_choice,
    "security-first": _best(lambda g, c: _delta(c, "security") * 10 + _delta(c, "central_confidence")),
    "development-first": _best(lambda g, c: _delta(c, "development") * 10 + _delta(c, "employer_goodwill")),
    "balanced": _best(_balanced),
    "historical": _best(lambda g, c: 1.0 if c.historical else 0.0),
}


@dataclass
class SimReport:
    strategy: str
    runs: int
    seed: int
    seconds: float = 0.0
    endings: Counter[str] = field(default_factory=Counter)
    final_meters: dict[str, list[int]] = field(default_factory=dict)
    last_turns: list[int] = field(default_factory=list)
    drawn: Counter[str] = field(default_factory=Counter)  # games in which each card was drawn
    taken: Counter[str] = field(default_factory=Counter)  # "card#n" taken, counted per game
    never_drawn: list[str] = field(default_factory=list)

    @property
    def games_per_second(self) -> float:
        return self.runs / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "strategy": self.strategy, "runs": self.runs, "seed": self.seed,
            "games_per_second": round(self.games_per_second, 1),
            "endings": dict(self.endings.most_common()),
            "final_meters": {m: {"mean": round(sum(v) / len(v), 1), "min": min(v), "max": max(v)}
                             for m, v in self.final_meters.items() if v},
            "never_drawn": self.never_drawn,
        }


def play_one(content: Content, seed: int, strategy: Strategy, policy_rate: float = 0.15) -> Game:
    """Play one complete game; the strategy picks choices, and sometimes (randomly) a policy."""
    game = Game.new(content, seed=seed)
    rng = _random.Random(seed * 7919 + 17)
    while not game.is_over:
        choices = game.choices()
        if choices:
            game.choose(strategy(game, choices, rng))
            continue
        if policy_rate and rng.random() < policy_rate:
            policy = rng.choice(game.policies())
            options = [o.id for o in policy.options if o.available and o.id != policy.current]
            if options:
                game.set_policy(policy.id, rng.choice(options))
        game.end_month()
    return game


def simulate(content: Content, runs: int, seed: int = 0, strategy: str = "random",
             progress: Callable[[int], None] | None = None) -> SimReport:
    """Play `runs` games with seeds seed, seed+1, ...; deterministic for a given seed."""
    pick = STRATEGIES[strategy]
    report = SimReport(strategy, runs, seed, final_meters={m: [] for m in content.meters})
    started = time.perf_counter()
    for i in range(runs):
        game = play_one(content, seed + i, pick)
        st = game.state
        report.endings[st.ending or "unfinished"] += 1
        report.last_turns.append(st.turn)
        for m in content.meters:
            report.final_meters[m].append(st.values[m])
        report.drawn.update(set(st.drawn))
        report.taken.update({f"{e['card']}#{e['choice'] + 1}" for e in st.log if "card" in e})
        if progress:
            progress(i + 1)
    report.seconds = time.perf_counter() - started
    report.never_drawn = sorted(set(content.events) - set(report.drawn))
    return report


def format_report(report: SimReport, content: Content) -> str:
    lines = [f"{report.runs} games, strategy {report.strategy}, seed {report.seed}: "
             f"{report.seconds:.2f} s ({report.games_per_second:,.0f} games/s)", "", "Endings:"]
    for ending, n in report.endings.most_common():
        title = content.endings[ending].model.title if ending in content.endings else ending
        lines.append(f"  {n / report.runs:6.1%}  {ending}  ({title if isinstance(title, str) else ending})")
    turns = sorted(report.last_turns)
    lines += ["", f"Game length (months): median {turns[len(turns) // 2]}, min {turns[0]}, max {turns[-1]}",
              "", "Meters at the end:   mean    min    max"]
    for m, values in report.final_meters.items():
        lines.append(f"  {m:<20} {sum(values) / len(values):5.1f}  {min(values):5d}  {max(values):5d}")
    lines += ["", f"Cards never drawn: {len(report.never_drawn)} of {len(content.events)}"]
    lines += [f"  {e}" for e in report.never_drawn]
    return "\n".join(lines)
