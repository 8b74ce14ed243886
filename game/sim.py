"""Headless simulator: plays many complete games through the same engine API the UI uses,
and reports what authors need to balance a scenario (like ChoiceScript's randomtest)."""

from __future__ import annotations

import random as _random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.content.compiled import Content
from game.engine.actions import TALK_ACTIONS, AcceptOffer, Action, Choose, EndMonth, Move, Propose, SetPolicy, WalkAway
from game.engine.game import Game
from game.history import evaluate, measure

Strategy = Callable[[Game, list[Choose], _random.Random], Choose]
_END_MONTH = EndMonth()  # plain data: one for every month


def _random_choice(game: Game, choices: list[Choose], rng: _random.Random) -> Choose:
    return rng.choice(choices)


def _chooser(rng: _random.Random) -> Callable[[Sequence[Choose]], Choose]:
    """`rng.choice` in one frame instead of three: the same draws (getrandbits of the length's bit length until one
    is below the length, as Random.choice does; the golden games check that they agree)."""
    getrandbits = rng.getrandbits

    def choice(seq: Sequence[Choose]) -> Choose:
        n = len(seq)
        if not n:
            raise IndexError("Cannot choose from an empty sequence")
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return seq[r]
    return choice


def _best(score: Callable[[Game, Choose], float]) -> Strategy:
    def pick(game: Game, choices: list[Choose], rng: _random.Random) -> Choose:
        scored = [(score(game, c), c) for c in choices]
        top = max(s for s, _ in scored)
        return rng.choice([c for s, c in scored if s == top])
    return pick


def _delta(game: Game, c: Choose, target: str) -> int:
    return sum(d for t, d in game.preview_choice(c.choice) if t == target)


def _after(game: Game, c: Choose) -> dict[str, int]:
    preview = dict(game.preview_choice(c.choice))
    return {m: game.value(m) + preview.get(m, 0) for m in game.content.meters}


def _primary(game: Game) -> list[str]:
    """The scenario's primary meters (the bureau's: development and security), else those that can end it."""
    return [m.id for m in game.content.scenario.meters if m.primary] or _losable(game)


def _balanced(game: Game, c: Choose) -> float:
    after = _after(game, c)
    primary = _primary(game)
    others = sum(after[m] - game.value(m) for m in game.content.meters if m not in primary)
    return min(after[m] for m in primary) + 0.25 * others


def _careful(game: Game, c: Choose) -> float:
    """The choice that keeps the lower primary meter highest after its previewed effects."""
    after = _after(game, c)
    return min(after[m] for m in _primary(game))


def _historical(game: Game, c: Choose) -> float:
    return 1.0 if game.content.events[c.card].choices[c.choice].historical else 0.0


def _focused(first: str, second: str) -> Callable[[Game, Choose], float]:
    """Push one meter (and a second one a little), unless a meter that can end the game would fall into
    danger (< 35): a security-minded official is not suicidal."""
    def score(game: Game, c: Choose) -> float:
        after = _after(game, c)
        lowest = min(after[m] for m in _losable(game))
        if lowest < 35:
            return 1000 + lowest
        return _delta(game, c, first) * 10 + _delta(game, c, second)
    return score


def _losable(game: Game) -> list[str]:
    """The meters that end the game at their bound."""
    return [m.id for m in game.content.scenario.meters if m.lose_at]


def _persona(strategy: Strategy, noise: float = 0.25) -> Strategy:
    """A player with a leaning, not a machine: the preferred choice most of the time, another now and then."""
    def pick(game: Game, choices: list[Choose], rng: _random.Random) -> Choose:
        return rng.choice(choices) if rng.random() < noise else strategy(game, choices, rng)
    return pick


STRATEGIES: dict[str, Strategy] = {
    "random": _random_choice,
    "security-first": _persona(_best(_focused("security", "central_confidence"))),
    "development-first": _persona(_best(_focused("development", "employer_goodwill"))),
    "balanced": _persona(_best(_balanced)),
    "careful": _best(_careful),
    # the choice each card's author marked as what Pingxiang actually did (random where none is marked)
    "historical": _best(_historical),
}

# How each strategy argues in talks: moves in order of preference, each made at most once, before
# it proposes. Then it proposes (see `talk_action`) and takes any offer it can afford.
TALK_MOVES: dict[str, tuple[str, ...]] = {
    "security-first": ("evidence", "strict_now", "app_now", "control_measure", "frame_security"),
    "development-first": ("frame_development", "appeal_upward"),
    "balanced": ("evidence", "frame_security"),
    "careful": ("evidence",),
    "historical": ("control_measure", "frame_security", "evidence"),
}


def talk_action(strategy: str, game: Game, rng: _random.Random) -> Action:
    """What a strategy does in talks now."""
    legal = game.legal_actions()
    if strategy == "random" or strategy not in TALK_MOVES:
        return rng.choice(legal)
    view = game.talks()
    assert view is not None
    if view.offer >= 0 and AcceptOffer() in legal:
        return AcceptOffer()
    moves = {a.move for a in legal if isinstance(a, Move)}
    done = set(game.talk_moves_made())
    for mid in TALK_MOVES[strategy]:
        if mid in moves and mid not in done:
            return Move(mid)
    proposals = [a for a in legal if isinstance(a, Propose)]
    if not proposals or (view.rounds_left <= 1 and view.ask >= 0):
        return WalkAway()
    rungs = [r.id for r in view.rungs]
    probed = any(r.within_reach is not None for r in view.rungs)
    reach = [r.id for r in view.rungs if r.within_reach] if probed else rungs
    asked = {p for p in game.talk_moves_made() if p.startswith("propose:")}
    for rung in reversed(rungs):
        if rung not in reach:
            continue
        options = [p for p in proposals if p.position == rung]
        options.sort(key=lambda p: (len(p.concessions), p.concessions))
        for p in options:
            key = "propose:" + p.position + "".join("+" + c for c in p.concessions)
            if key not in asked:
                return p
    return WalkAway()


@dataclass
class SimReport:
    """What a batch of games showed; reports from several jobs merge with `+`."""

    strategy: str
    runs: int = 0
    seed: int = 0
    seconds: float = 0.0
    endings: Counter[str] = field(default_factory=Counter)
    final_meters: dict[str, list[int]] = field(default_factory=dict)
    timelines: dict[str, list[list[int]]] = field(default_factory=dict)  # meter -> per month -> values
    last_turns: list[int] = field(default_factory=list)
    loss_turns: list[int] = field(default_factory=list)
    drawn: Counter[str] = field(default_factory=Counter)  # games in which each card was drawn
    draws: Counter[str] = field(default_factory=Counter)  # times each card was drawn in all
    taken: Counter[str] = field(default_factory=Counter)  # "card#n" taken, counted per game
    flags: Counter[str] = field(default_factory=Counter)  # games in which each flag was set
    negotiations: Counter[str] = field(default_factory=Counter)  # "negotiation:outcome"
    deals_after: dict[str, list[dict[str, int]]] = field(default_factory=dict)  # deal -> meters when talks opened
    history: dict[str, list[float | None]] = field(default_factory=dict)  # history row -> its value in each game
    decisions: list[int] = field(default_factory=list)  # card choices and talk actions in each game
    card_choices: list[int] = field(default_factory=list)  # card choices in each game
    talks: Counter[str] = field(default_factory=Counter)  # negotiation -> talks held
    deals: Counter[str] = field(default_factory=Counter)  # negotiation -> talks that ended in a deal
    sequences: Counter[str] = field(default_factory=Counter)  # "negotiation|move, move, ..." -> deals it won
    hands: list[int] = field(default_factory=list)  # cards in each month of each game
    months: dict[str, list[int]] = field(default_factory=dict)  # card -> the month (turn) of every draw answered
    answers: Counter[str] = field(default_factory=Counter)  # "card#n" taken, counted per draw
    flags_set: Counter[str] = field(default_factory=Counter)  # games in which a card's choice set each flag
    flags_read: Counter[str] = field(default_factory=Counter)  # games in which a card that reads each flag came

    def __add__(self, other: SimReport) -> SimReport:
        out = SimReport(self.strategy, self.runs + other.runs, min(self.seed, other.seed),
                        max(self.seconds, other.seconds))
        for name in ("endings", "drawn", "draws", "taken", "flags", "negotiations", "talks", "deals", "sequences",
                     "answers", "flags_set", "flags_read"):
            setattr(out, name, getattr(self, name) + getattr(other, name))
        out.history = {k: self.history.get(k, []) + other.history.get(k, []) for k in {*self.history, *other.history}}
        out.decisions = self.decisions + other.decisions
        out.card_choices = self.card_choices + other.card_choices
        out.hands = self.hands + other.hands
        out.months = {k: self.months.get(k, []) + other.months.get(k, []) for k in {*self.months, *other.months}}
        out.deals_after = {k: self.deals_after.get(k, []) + other.deals_after.get(k, [])
                           for k in {*self.deals_after, *other.deals_after}}
        out.final_meters = {m: self.final_meters.get(m, []) + other.final_meters.get(m, [])
                            for m in {*self.final_meters, *other.final_meters}}
        out.timelines = {m: [a + b for a, b in _zip_long(self.timelines.get(m, []), other.timelines.get(m, []))]
                         for m in {*self.timelines, *other.timelines}}
        out.last_turns = self.last_turns + other.last_turns
        out.loss_turns = self.loss_turns + other.loss_turns
        return out

    @property
    def games_per_second(self) -> float:
        return self.runs / self.seconds if self.seconds else 0.0

    def record(self, game: Game) -> None:
        content = game.content
        self.runs += 1
        ending = game.ending_id
        self.endings[ending or "unfinished"] += 1
        self.last_turns.append(game.turn)
        if ending and content.endings[ending].model.kind == "immediate":
            self.loss_turns.append(game.turn)
        timeline = game.timeline
        for name in [*content.meters, *content.counters]:
            months = self.timelines.setdefault(name, [])
            for i, snap in enumerate(timeline):
                if i == len(months):
                    months.append([])
                months[i].append(snap[name])
        for row in content.scenario.history:
            self.history.setdefault(row.id, []).append(measure(content, row, game))
        self.decisions.append(sum(1 for a in game.actions if isinstance(a, (Choose, *TALK_ACTIONS))))
        self.card_choices.append(sum(1 for a in game.actions if isinstance(a, Choose)))
        self.hands.extend(game.hand_sizes)
        for m in [*content.meters, *content.counters]:
            self.final_meters.setdefault(m, []).append(game.value(m))
        drawn = game.drawn
        self.drawn.update(set(drawn))
        self.draws.update(drawn)
        self.flags.update(game.flags)
        for s in game.talks_log:
            self.negotiations[f"{s.id}:{s.outcome}"] += 1
            self.talks[s.id] += 1
            if s.deal:
                self.deals[s.id] += 1
            if s.deal:
                snap = timeline[max(0, s.turn - 1)]
                self.deals_after.setdefault(f"{s.id}:{s.outcome}", []).append(
                    {m: snap[m] for m in ("security", "central_confidence") if m in content.meters})
        self.taken.update({f"{a.card}#{a.choice + 1}" for a in game.actions if isinstance(a, Choose)})
        self._per_card(game)

    def _per_card(self, game: Game) -> None:
        """Per-card figures for authors tuning a deck (`simulate --per-card`)."""
        events, turn = game.content.events, 1
        flags_set: set[str] = set()
        for a in game.actions:
            if type(a) is EndMonth:
                turn += 1
            elif type(a) is Choose:
                self.months.setdefault(a.card, []).append(turn)
                self.answers[f"{a.card}#{a.choice + 1}"] += 1
                flags_set.update(events[a.card].choices[a.choice].does.set)
        self.flags_set.update(flags_set)
        self.flags_read.update({f for card in game.drawn for e in (events[card].when, events[card].weight)
                                if e is not None for f in e.flags_read})

    def to_dict(self, content: Content) -> dict[str, Any]:
        return {
            "strategy": self.strategy, "runs": self.runs, "seed": self.seed,
            "games_per_second": round(self.games_per_second, 1),
            "endings": dict(self.endings.most_common()),
            "loss_turn_percentiles": percentiles(self.loss_turns),
            "decisions_per_game": percentiles(self.decisions),
            "card_choices_per_game": percentiles(self.card_choices),
            "cards_per_month": dict(sorted(Counter(self.hands).items())),
            "final": {m: {"mean": round(sum(v) / len(v), 1), **percentiles(v)}
                      for m, v in self.final_meters.items() if v},
            "median_by_month": {m: [percentiles(v)["p50"] for v in months] for m, months in self.timelines.items()},
            "history": [r.to_dict() for r in evaluate(content, self.history)],
            "deal_rates": {n: {"talks": self.talks[n], "deals": self.deals[n],
                               "rate": round(self.deals[n] / self.talks[n], 3)} for n in sorted(self.talks)},
            "never_drawn": never_drawn(self, content),
            "choices_never_taken": choices_never_taken(self, content),
            "flags_never_set": sorted(content.flags - set(self.flags)),
            "most_drawn": dict(self.draws.most_common(10)),
            "negotiations": dict(self.negotiations.most_common()),
        }


def _zip_long(a: list[list[int]], b: list[list[int]]) -> list[tuple[list[int], list[int]]]:
    n = max(len(a), len(b))
    return [(a[i] if i < len(a) else [], b[i] if i < len(b) else []) for i in range(n)]


def percentiles(values: Sequence[int]) -> dict[str, int]:
    if not values:
        return {}
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"p10": pick(0.1), "p50": pick(0.5), "p90": pick(0.9)}


def never_drawn(report: SimReport, content: Content) -> list[str]:
    return sorted(set(content.events) - set(report.drawn))


def choices_never_taken(report: SimReport, content: Content) -> list[str]:
    return [f"{e}#{c.index + 1}" for e, ev in content.events.items() for c in ev.choices
            if report.taken[f"{e}#{c.index + 1}"] == 0 and e in report.drawn]


def historical_policies(game: Game) -> list[SetPolicy]:
    """The policy changes Pingxiang made by this month (options marked `historical:` with their month)."""
    month = game.month_code()
    legal = set(game.legal_actions())
    out = []
    for pid, rule in game.content.policies.items():
        for oid, opt in rule.options.items():
            since = opt.model.historical
            if since is not None and since <= month and game.value(pid) != oid and SetPolicy(pid, oid) in legal:
                out.append(SetPolicy(pid, oid))
    return out


def play_one(content: Content, seed: int, strategy: Strategy | str, policy_rate: float = 0.15,
             record: bool = False) -> Game:
    """Play one complete game; the strategy picks choices and moves in talks, and sometimes
    (randomly) changes a policy. `record=False` is the lean path: the same game, no history."""
    name = strategy if isinstance(strategy, str) else next(
        (k for k, v in STRATEGIES.items() if v is strategy), "random")
    pick = STRATEGIES[name]
    game = Game.new(content, seed=seed, record=record)
    rng = _random.Random(seed * 7919 + 17)
    apply, choices = game.apply, game.choice_actions
    take = apply if record else game.take_offered  # the lean path skips apply's checks of an offered choice
    state = game._state
    choice = _chooser(rng) if pick is _random_choice else None  # the random strategy's pick, in one frame
    # the lean random game answers each run of cards in one call (the same picks, fewer frames)
    lean_pick = choice if not record else None
    while state.phase != "over":
        if lean_pick is not None:
            game.take_cards(lean_pick)
            if state.phase == "over":
                break
            talks = state.talks
            if talks is not None and talks.awaiting == "player":
                game.take_talks(lean_pick)  # type: ignore[arg-type]  # the same picks as talk_action's rng.choice
                continue
        else:
            offered = choices()
            if offered:
                take(choice(offered) if choice is not None else pick(game, offered, rng))
                continue
        phase = game.phase
        if phase == "talks":
            apply(talk_action(name, game, rng))
        elif phase == "counterpart":
            apply(game.reply_options()[0])
        elif phase == "role":  # a role held by nobody is opened by the AI at once; this is for safety
            apply(game.suggested_opening())  # type: ignore[arg-type]
        elif phase == "cards":  # a card whose every choice is locked: cannot happen with valid content
            raise RuntimeError(f"no choice is available on '{game.current_card().id}'")  # type: ignore[union-attr]
        else:
            if name == "historical":
                for action in historical_policies(game):
                    game.apply(action)
                    break  # one change a month
            elif policy_rate and rng.random() < policy_rate:
                policies = game.policy_actions()  # legal_actions()'s SetPolicy ones, in its order
                if policies:
                    game.apply(rng.choice(policies))
            game.apply(_END_MONTH)
    return game


def simulate(content: Content, runs: int, seed: int = 0, strategy: str = "random",
             progress: Callable[[int], None] | None = None) -> SimReport:
    """Play `runs` games with seeds seed, seed+1, ...; deterministic for a given seed."""
    report = SimReport(strategy, seed=seed)
    started = time.perf_counter()
    for i in range(runs):
        report.record(play_one(content, seed + i, strategy))
        if progress:
            progress(i + 1)
    report.seconds = time.perf_counter() - started
    return report


# -- several cores ------------------------------------------------------------------------------
_WORKER_CONTENT: Content | None = None


def _init_worker(content_dir: Path | None, decks: list[Path], solo: str | None = None) -> None:
    global _WORKER_CONTENT
    from game.content import load_content

    _WORKER_CONTENT = load_content(content_dir, decks, solo=solo)


def _run_chunk(args: tuple[int, int, str]) -> SimReport:
    seed, runs, strategy = args
    assert _WORKER_CONTENT is not None
    return simulate(_WORKER_CONTENT, runs, seed, strategy)


def simulate_parallel(content: Content, content_dir: Path | None, decks: list[Path], runs: int, seed: int,
                      strategy: str, jobs: int, progress: Callable[[int], None] | None = None) -> SimReport:
    """Split the seeds into `jobs` chunks on separate processes; the merged report equals one job's."""
    if jobs <= 1 or runs < 2 * jobs:
        return simulate(content, runs, seed, strategy, progress)
    import multiprocessing

    size = -(-runs // jobs)
    chunks = [(seed + i, min(size, runs - i), strategy) for i in range(0, runs, size)]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(jobs, _init_worker, (content_dir, decks, content.solo)) as pool:
        parts = pool.map(_run_chunk, chunks)
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    total.seed, total.seconds = seed, time.perf_counter() - started
    return total
