"""Replay transcripts: a seed and a list of choices give exactly these cards, meters and ending."""

from __future__ import annotations

from game.content.compiled import Content
from game.engine import Game
from game.errors import RulesError

import pytest


def play(content: Content, seed: int, script: dict[str, int]) -> tuple[Game, list[tuple[int, str]]]:
    """Play to the end, answering each card by id from `script` (default: first choice)."""
    game = Game.new(content, seed=seed)
    seen = []
    while not game.is_over:
        if game.talks() is not None:
            game.talk("walk_away")
            continue
        card = game.current_card()
        if card is None:
            game.end_month()
            continue
        seen.append((game.turn, card.id))
        game.choose(script.get(card.id, 0))
    return game, seen


def test_careful_opening_transcript(fixture_content: Content) -> None:
    game, seen = play(fixture_content, 7, {"launch": 1, "petition": 0, "quiet": 1})
    assert seen == [(1, "launch"), (1, "fight"), (2, "petition"), (2, "quiet"), (3, "fight"),
                    (4, "petition"), (4, "quiet"), (5, "fight"), (6, "petition"), (6, "quiet")]
    # Month 1 by hand: careful opening (sec +3, cc +5), punish the agency (sec +4, dev -2),
    # then 1000/100 = 10 runaways (sec -2) and growth (dev +1, workers +100).
    assert game.state.timeline[1] == {"development": 49, "security": 55, "central_confidence": 55}
    assert game.state.ending == "shelved"
    # Each petition opens talks that we walk away from; with Beijing's trust at 50 or more the NIA
    # answers "prove it first" (+1) rather than refusing (-3): 55 -> 56 -> 57 -> 58.
    assert (game.value("development"), game.value("security"), game.value("central_confidence")) == (50, 53, 58)


def test_opening_wide_brings_the_inspectors_two_months_later(fixture_content: Content) -> None:
    game, seen = play(fixture_content, 7, {"launch": 0, "inspection": 0})
    assert (3, "inspection") in seen
    assert not any(card == "inspection" for turn, card in seen if turn != 3)


def test_a_choice_can_open_talks_that_change_the_rules(fixture_content: Content) -> None:
    game = Game.new(fixture_content, seed=3)
    game.state.values["central_confidence"] = 65
    game.state.hand[game.state.hand_pos] = "petition"
    assert game.choose(0).negotiation == "permit_length"
    game.talk("concede")
    assert game.last_talks()["label"] == "Ninety days" and game.value("permit_days") == 90


def test_locked_choice_is_shown_with_its_reason_and_cannot_be_taken(fixture_content: Content) -> None:
    game = Game.new(fixture_content, seed=1)
    game.state.hand[game.state.hand_pos] = "fight"
    locked = game.choices()[2]
    assert (locked.available, locked.reason) == (False, "Needs Central confidence ≥ 70")
    with pytest.raises(RulesError, match="not available"):
        game.choose(2)


def test_month_cannot_end_with_cards_unanswered(fixture_content: Content) -> None:
    game = Game.new(fixture_content, seed=1)
    with pytest.raises(RulesError, match="answer this month's cards"):
        game.end_month()


def test_ledger_breaks_each_change_down_by_cause(fixture_content: Content) -> None:
    game = Game.new(fixture_content, seed=7)
    game.choose(1)  # open carefully: security +3
    game.choose(0)  # punish the agency: security +4
    ledger = {line.target: line for line in game.end_month()}
    assert ledger["security"].start == 50 and ledger["security"].end == 55
    assert ledger["security"].causes == (("Open carefully", 3), ("Punish the agency", 4),
                                         ("Runaways weigh on security", -2))
    assert ledger["workers_present"].causes == (("Labour supply", 100),)


def test_security_at_zero_ends_the_game_at_once(fixture_content: Content) -> None:
    game = Game.new(fixture_content, seed=7)
    game.state.values["security"] = 4
    game.choose(0)  # open wide: security -5
    assert game.is_over and game.ending().id == "suspended"
    assert game.ending().epilogue == "History went otherwise."


def test_policy_changes_are_limited_per_month_and_gated(fixture_content: Content) -> None:
    game = Game.new(fixture_content, seed=7)
    lax = next(o for o in game.policies()[0].options if o.id == "lax")
    assert (lax.available, lax.reason) == (False, "Not yet.")
    game.set_policy("enforcement", "strict")
    with pytest.raises(RulesError, match="already changed a policy this month"):
        game.set_policy("enforcement", "selective")
    game.choose(0)
    game.choose(0)
    ledger = {line.target: line for line in game.end_month()}
    assert ("Policy — Enforcement: Strict", 2) in ledger["security"].causes
    game.set_policy("enforcement", "selective")  # a new month allows a new change


def test_meters_can_be_read_after_a_policy_change(fixture_content: Content) -> None:
    game = Game.new(fixture_content, seed=7)
    game.set_policy("enforcement", "strict")
    assert {m.id: m.last_change for m in game.meters()}["security"] == 0
