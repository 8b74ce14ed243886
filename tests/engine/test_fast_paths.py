"""The engine's fast paths agree with the plain rules they stand in for."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

import pytest

from game.content.codegen import drawn_once, interval
from game.content.compiled import Content, Does
from game.content.expr import NUMBER, Names, compile_expr
from game.content.programs import Builder, _put
from game.engine.actions import Action, Choose, EndMonth, SetValue
from game.engine.game import Game
from game.engine.rng import _MASK, seed_state
from game.engine.state import GameState
from game.sim import _chooser


def _seed_state_by_steps(seed: str) -> int:
    value = 0
    for ch in seed.encode("utf-8"):
        value = (value * 131 + ch) & _MASK
    return value


def test_text_seeds_hash_as_the_step_by_step_rule() -> None:
    rng = random.Random(7)
    for n in [*range(0, 300), 1000]:
        text = "".join(chr(rng.randrange(32, 0x3000)) for _ in range(n))
        assert seed_state(text) == _seed_state_by_steps(text)
    assert seed_state("class-4B/24215/some_card/opening") == _seed_state_by_steps("class-4B/24215/some_card/opening")


class _Scope:
    def __init__(self, values: dict[str, object], flags: set[str], rng: random.Random) -> None:
        self.values, self.flags, self.rng = values, flags, rng

    def random(self) -> float:
        return self.rng.random()


def test_weight_bounds_hold_for_states_within_bounds(shipped_content: Content) -> None:
    """Every draw weight `interval` bounds (the draw leaves out their tests) stays within them in random states whose
    meters and counters are within their bounds, at their bounds included."""
    content = shipped_content
    ranges = {name: (float(lo), float(hi)) for name, (lo, hi) in content.bounds.items()}
    ranges.update(turn=(1.0, float(content.turns)), month=(float(content.start_month), float(content.end_month)))
    weights = [deck.weight for deck in content.decks.values()]
    weights += [e.weight for e in content.events.values() if e.weight.constant is None]
    rng = random.Random(3)
    bounded = 0
    for weight in weights:
        span = interval(weight.tree, ranges)
        if span is None:
            continue
        bounded += 1
        for _ in range(300):
            values = dict(content.start_values)
            for name, (lo, hi) in ranges.items():
                values[name] = rng.choice([lo, hi, rng.uniform(lo, min(hi, lo + 10**4)), rng.uniform(lo, hi)])
                if name in content.bounds:
                    values[name] = round(values[name])
            flags = {f for f in content.flags if rng.random() < 0.5}
            x = float(weight.fn(_Scope(values, flags, rng)))
            assert span[0] - 1e-9 <= x <= span[1] + 1e-9, (weight.source, span, x)
    assert bounded >= 10


@pytest.mark.parametrize("source, once", [
    ("security + random(-2, 2)", True),
    ("clamp(security / 10 + random(0, 1), 0, 5)", True),
    ("min(security, 3 * random(1, 2))", True),
    ("random(1, 2) / security", False),  # drawn only when security is not 0
    ("security / random(1, 2)", True),
    ("security", False),
    ("random(1, 2) + random(1, 2)", False),  # two draws: their order is left to the call
    ("security > 5 and random(0, 1) > 0.5", False),  # drawn only when security > 5
    ("random(0, 1) > 0.5 or security > 5", True),
])
def test_a_draw_is_taken_out_of_an_expression_only_when_it_surely_happens_once(source: str, once: bool) -> None:
    names = Names({"security": NUMBER}, {}, {})
    assert drawn_once(compile_expr(source, names, allow_random=True).tree) is once


def test_take_talks_makes_the_same_moves_as_apply_of_legal_actions(shipped_content: Content) -> None:
    talked = 0
    for seed in range(40):
        lean = Game.new(shipped_content, seed=seed, record=False)
        plain = Game.new(shipped_content, seed=seed, record=False)
        lean_pick, plain_pick = _chooser(random.Random(seed)), _chooser(random.Random(seed))
        for game, pick, fast in ((lean, lean_pick, True), (plain, plain_pick, False)):
            state = game._state
            while state.phase != "over":
                game.take_cards(pick)
                if state.phase == "over":
                    break
                if game.phase == "talks":
                    if fast:
                        game.take_talks(pick)  # type: ignore[arg-type]
                    else:
                        game.apply(pick(game.legal_actions()))  # type: ignore[arg-type]
                elif game.phase == "month_end":
                    game.apply(EndMonth())
                else:
                    raise AssertionError(game.phase)
        talked += len(lean.talks_log)
        assert lean.state_json() == plain.state_json()
        assert lean.actions == plain.actions
    assert talked > 20


def _checking(game: Game, choose: Callable[[Sequence[Choose]], Choose], seen: list[int]) \
        -> Callable[[Sequence[Action]], Action]:
    """`choose`, checking first that what take_talks offers is the plain rules' and, from its second step on (a
    step's answer names the need), that so is the counterpart's need. `seen` counts the steps of one take_talks."""
    def pick(offered: Sequence[Action]) -> Action:
        talks = game._state.talks
        assert talks is not None
        assert list(offered) == game.legal_actions()
        assert not seen or talks.need == game._talks.need()
        seen.append(1)
        return choose(offered)  # type: ignore[arg-type]
    return pick


def test_take_talks_offers_what_legal_actions_offers_and_keeps_the_need_up_to_date(shipped_content: Content) -> None:
    """take_talks keeps legal()'s moves and proposals (and the concessions available, and the counterpart's need)
    while only proposals are made: before each pick they are what the plain rules give in that state."""
    seen: list[int] = []
    steps = 0
    for seed in range(40):
        dev = seed % 2 == 1  # then each talk starts with the meters set at random (the need and options change)
        game = Game.new(shipped_content, seed=seed, options={"dev": True} if dev else None, record=False)
        choose = _chooser(random.Random(seed))
        pick = _checking(game, choose, seen)
        rng = random.Random(seed)
        while game._state.phase != "over":
            game.take_cards(choose)
            if game.phase == "talks":
                if dev:
                    for meter in shipped_content.meters:
                        game.apply(SetValue(meter, str(rng.randint(1, 99))))
                seen.clear()
                game.take_talks(pick)
                steps += len(seen)
            elif game.phase == "month_end":
                game.apply(EndMonth())
    assert steps > 100


def test_stores_round_half_away_from_zero_as_int_does() -> None:
    """A stored value is rounded with floor(x + 0.5) (and -floor(-x + 0.5) below 0): the same int as the plain rule,
    int(x + 0.5) and -int(-x + 0.5), at and around every half."""
    rng = random.Random(11)
    xs: list[float] = [0.5, 1.5, 2.5, -0.5, -1.5, 0.49999999999999994, 2.4999999999999996, 4503599627370495.5,
                       999999999999.5, -999999999999.5, 1e-300, -1e-300, 0.0, -0.0, 7, -7]
    xs += [rng.uniform(-1e6, 1e6) for _ in range(2000)] + [rng.randint(-2000, 2000) / 2 for _ in range(2000)]
    xs += [math.nextafter(x, d) for x in [k + 0.5 for k in range(-50, 50)] for d in (-math.inf, math.inf)]
    for x in xs:
        plain = int(x + 0.5) if x >= 0 else -int(-x + 0.5)
        values = {"m": 12345}
        _put(None, values, "m", x, False, -10**16, 10**16, False, None)
        assert values["m"] == plain and type(values["m"]) is int, x


def _every_does(content: Content) -> list[Does]:
    found = [c.does for e in content.events.values() for c in e.choices]
    for rule in content.negotiations.values():
        found += [p.does for p in rule.positions] + [c.does for c in rule.concessions]
        found += [m.does for m in rule.moves.values()] + [o.does for o in rule.no_deal]
    return found


def test_lean_does_programs_change_what_run_changes(shipped_content: Content) -> None:
    """Each choice's, deal's, concession's and move's lean program (`Does.lean`, straight-line code from a factory
    per shape) changes the state as its plain program `run(state, None, None)` does, and says whether it changed."""
    content = shipped_content
    rng = random.Random(5)
    every = [d for d in _every_does(content) if d.run is not None]
    assert len(every) > 300 and all(d.lean is not None for d in every)
    kinds = set()
    for does in every:
        for _ in range(12):
            values = dict(content.start_values)
            for name, (lo, hi) in content.bounds.items():
                top = min(hi, lo + 500)
                values[name] = rng.choice([lo, hi, top, rng.randint(lo, top), rng.randint(lo, top)])
            for pid, rule in content.policies.items():
                values[pid] = rng.choice(list(rule.options))
            flags = {f for f in content.flags if rng.random() < 0.3}
            plain = GameState(seed=0, rng=1, fingerprint="", values=dict(values), flags=set(flags))
            lean = GameState(seed=0, rng=1, fingerprint="", values=dict(values), flags=set(flags))
            changed = does.run(plain, None, None)
            assert does.lean(lean) == changed
            assert (lean.values, lean.flags, lean.warnings, lean.rng) == (plain.values, plain.flags, plain.warnings,
                                                                          plain.rng)
            kinds.add(changed)
    assert kinds == {True, False}


def test_lean_does_programs_store_as_run_stores() -> None:
    """The same for programs the shipped decks do not have: values rounded, clamped, at the counter's ceiling
    (warned), not a number (refused, warned), deltas of 0, assignments, flags and policies."""
    names = Names({"a": NUMBER, "b": NUMBER, "big": NUMBER, "mode": "policy"}, {"mode": frozenset({"x", "y"})}, {})
    bounds = {"a": (0, 100), "b": (-50, 50), "big": (0, 10**12)}
    sources = ["a / 3", "b * 0.5 - a / 7", "2.5", "-3.5", "0", "big * 1000", "a / (b - b)", "a - b", "1 - 2"]
    rng = random.Random(9)
    for _ in range(300):
        assign = [(t, compile_expr(rng.choice(sources), names)) for t in rng.sample(sorted(bounds), rng.randint(0, 2))]
        effects = [(rng.choice(sorted(bounds)), compile_expr(rng.choice(sources), names))
                   for _ in range(rng.randint(0, 4))]
        parts = (assign, effects, tuple(rng.sample(["f1", "f2"], rng.randint(0, 2))),
                 tuple(rng.sample(["f2", "f3"], rng.randint(0, 2))), (("mode", rng.choice("xy")),) * rng.randint(0, 1))
        builder = Builder(bounds)
        run, lean = builder.does(*parts), builder.lean_does(*parts)
        for _ in range(5):
            values = {"a": rng.randint(0, 100), "b": rng.randint(-50, 50), "big": rng.choice([0, 10**9, 10**12]),
                      "mode": rng.choice("xy")}
            flags = set(rng.sample(["f1", "f2", "f3"], rng.randint(0, 3)))
            plain = GameState(seed=0, rng=1, fingerprint="", values=dict(values), flags=set(flags))
            fast = GameState(seed=0, rng=1, fingerprint="", values=dict(values), flags=set(flags))
            assert lean(fast) == run(plain, None, None)
            assert (fast.values, fast.flags, fast.warnings) == (plain.values, plain.flags, plain.warnings)


def test_the_lean_month_changes_what_the_recorded_month_changes(shipped_content: Content) -> None:
    """The lean month program (stores written for the lean path, bounds compared as floats) leaves the state as the
    recorded month program does, from random states (values at and between their bounds, any flags and policies),
    and returns every meter's and counter's value."""
    content = shipped_content
    rng = random.Random(13)
    for _ in range(400):
        values = dict(content.start_values)
        for name, (lo, hi) in content.bounds.items():
            top = min(hi, lo + rng.choice([100, 10**4, 10**6]))
            values[name] = rng.choice([lo, hi, top, rng.randint(lo, top), rng.randint(lo, top)])
        for pid, rule in content.policies.items():
            values[pid] = rng.choice(list(rule.options))
        values["month"] = rng.randint(content.start_month, content.end_month)
        flags = {f for f in content.flags if rng.random() < 0.2}
        seed = rng.getrandbits(64)
        plain = GameState(seed=0, rng=seed, fingerprint="", values=dict(values), flags=set(flags))
        lean = GameState(seed=0, rng=seed, fingerprint="", values=dict(values), flags=set(flags))
        content.month(plain, [])
        snapshot = content.month_lean(lean, None)
        assert (lean.values, lean.flags, lean.rng, lean.warnings) == (plain.values, plain.flags, plain.rng,
                                                                      plain.warnings)
        assert snapshot == {k: plain.values[k] for k in content.bounds}


def test_can_open_is_why_closed_saying_nothing(shipped_content: Content) -> None:
    """`Talks.can_open` (the lean card path's test of a choice that opens talks) agrees with `why_closed`, in random
    states."""
    content = shipped_content
    rng = random.Random(17)
    game = Game.new(content, seed=1, record=False)
    state, talks = game._state, game._talks
    seen = set()
    for _ in range(300):
        for name, (lo, hi) in content.bounds.items():
            state.values[name] = rng.randint(lo, min(hi, lo + 300))
        for pid, rule in content.policies.items():
            state.values[pid] = rng.choice(list(rule.options))
        state.values["month"] = rng.randint(content.start_month, content.end_month)
        state.flags = {f for f in content.flags if rng.random() < 0.5}
        for nid in content.negotiations:
            assert talks.can_open(nid) == (talks.why_closed(nid) == "")
            seen.add(talks.can_open(nid))
    assert seen == {True, False}
