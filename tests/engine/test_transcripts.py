"""Replay transcripts: a seed and a list of choices give exactly these cards, meters and ending."""

from __future__ import annotations

import pytest

from game.content.compiled import Content
from game.engine.actions import Choose, EndMonth, Propose, SetPolicy, WalkAway
from game.engine.game import Game
from game.errors import RulesError
from tests.helpers import choose, with_card


def play(content: Content, seed: int, script: dict[str, int]) -> tuple[Game, list[tuple[int, str]]]:
    """Play to the end, answering each card by id from `script` (default: first choice)."""
    game = Game.new(content, seed=seed)
    seen = []
    while not game.is_over:
        if game.phase == "talks":
            game.apply(WalkAway())
            continue
        card = game.current_card()
        if card is None:
            game.apply(EndMonth())
            continue
        seen.append((game.turn, card.id))
        game.apply(Choose(card.id, script.get(card.id, 0)))
    return game, seen


def test_careful_opening_transcript(fixture_content: Content) -> None:
    game, seen = play(fixture_content, 7, {"launch": 1, "petition": 0, "quiet": 1})
    assert seen == [(1, "launch"), (1, "fight"), (2, "petition"), (2, "quiet"), (3, "fight"),
                    (4, "petition"), (4, "quiet"), (5, "fight"), (6, "quiet"), (6, "petition")]
    # Month 1 by hand: careful opening (sec +3, cc +5), punish the agency (sec +4, dev -2),
    # then 1000/100 = 10 runaways (sec -2) and growth (dev +1, workers +100).
    assert {k: game.timeline[1][k] for k in ("development", "security", "central_confidence")} == \
        {"development": 49, "security": 55, "central_confidence": 55}
    assert game.ending_id == "shelved"
    # Each petition opens talks that we walk away from; with Beijing's trust at 50 or more the NIA
    # answers "prove it first" (+1) rather than refusing (-3): 55 -> 56 -> 57 -> 58.
    assert [s.outcome for s in game.talks_log] == ["prove_it"] * 3
    assert (game.value("development"), game.value("security"), game.value("central_confidence")) == (50, 53, 58)


def test_the_same_seed_and_choices_replay_exactly(fixture_content: Content) -> None:
    a, seen_a = play(fixture_content, 11, {"launch": 0})
    b, seen_b = play(fixture_content, 11, {"launch": 0})
    assert seen_a == seen_b and a.state_json() == b.state_json()


def test_opening_wide_brings_the_inspectors_two_months_later(fixture_content: Content) -> None:
    game, seen = play(fixture_content, 7, {"launch": 0, "inspection": 0})
    assert (3, "inspection") in seen
    assert not any(card == "inspection" for turn, card in seen if turn != 3)


def test_a_choice_can_open_talks_that_change_the_rules(fixture_content: Content) -> None:
    game = with_card(fixture_content, "petition", central_confidence=65)
    assert choose(game, 0).negotiation == "permit_length"
    assert game.phase == "talks"
    result = game.apply(Propose("ninety_days", ()))
    assert result is not None and result.deal and result.outcome == "Ninety days"
    assert game.value("permit_days") == 90
    assert ("development", 50, 55) in [(c.target, c.before, c.after) for c in result.changes]


def test_talks_already_won_cannot_be_reopened_for_the_same_thing(fixture_content: Content) -> None:
    game = with_card(fixture_content, "petition", central_confidence=90, permit_days=180)
    petition = game.choices()[0]
    assert not petition.available and "nothing left to ask for" in petition.reason


def test_locked_choice_is_shown_with_its_reason_and_cannot_be_taken(fixture_content: Content) -> None:
    game = with_card(fixture_content, "fight")
    locked = game.choices()[2]
    assert (locked.available, locked.reason) == (False, "Needs Central confidence ≥ 70")
    with pytest.raises(RulesError, match="not available"):
        choose(game, 2)


def test_month_cannot_end_with_cards_unanswered(fixture_content: Content) -> None:
    game = Game.new(fixture_content, seed=1)
    assert EndMonth() not in game.legal_actions()
    with pytest.raises(RulesError, match="answer this month's cards"):
        game.apply(EndMonth())


def test_ledger_breaks_each_change_down_by_cause(fixture_content: Content) -> None:
    game = with_card(fixture_content, "fight", seed=7)
    choose(game, 0)  # punish the agency: security +4, development -2
    while game.phase == "cards":
        choose(game, 1 if game.current_card().id == "launch" else 0)  # type: ignore[union-attr]
    ledger = {line.target: line for line in game.apply(EndMonth())}
    assert ledger["security"].causes[:2] == (("Punish the agency", 4), ("Open carefully", 3))
    assert ledger["security"].causes[-1] == ("Runaways weigh on security", -2)
    assert ledger["security"].kinds[-1] == "rule" and ledger["security"].kinds[0] == "choice"
    assert ledger["workers_present"].causes == (("Labour supply", 100),)


def test_security_at_zero_ends_the_game_at_once(fixture_content: Content) -> None:
    game = with_card(fixture_content, "launch", security=4)
    choose(game, 0)  # open wide: security -5
    assert game.is_over and game.ending().id == "suspended"  # type: ignore[union-attr]
    assert game.ending().epilogue == "History went otherwise."  # type: ignore[union-attr]
    assert game.legal_actions() == []


def test_policy_changes_are_limited_per_month_and_gated(fixture_content: Content) -> None:
    game = Game.new(fixture_content, seed=7)
    lax = next(o for o in game.policies()[0].options if o.id == "lax")
    assert (lax.available, lax.reason) == (False, "Not yet.")
    assert SetPolicy("enforcement", "lax") not in game.legal_actions()
    game.apply(SetPolicy("enforcement", "strict"))
    assert not any(isinstance(a, SetPolicy) for a in game.legal_actions())
    with pytest.raises(RulesError, match="already changed a policy this month"):
        game.apply(SetPolicy("enforcement", "selective"))
    while game.phase == "cards":
        choose(game, 0)
    ledger = {line.target: line for line in game.apply(EndMonth())}
    assert ("Policy in force — Enforcement: Strict", 2) in ledger["security"].causes
    game.apply(SetPolicy("enforcement", "selective"))  # a new month allows a new change


def test_header_deltas_are_since_the_start_of_this_month(fixture_content: Content) -> None:
    game = with_card(fixture_content, "fight", seed=7)
    choose(game, 0)
    assert {m.id: m.last_change for m in game.meters()}["security"] == 4
    while game.phase == "cards":
        choose(game, 0)
    game.apply(EndMonth())
    assert {m.id: m.last_change for m in game.meters()}["security"] == 0


def test_every_legal_action_can_be_applied(fixture_content: Content) -> None:
    for seed in range(20):
        game = Game.new(fixture_content, seed=seed)
        steps = 0
        while not game.is_over and steps < 200:
            legal = [a for a in game.legal_actions() if a.kind != "reflect"]
            game.apply(legal[(seed + steps) % len(legal)])
            steps += 1
        assert game.is_over
