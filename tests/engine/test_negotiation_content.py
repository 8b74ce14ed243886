"""Transcripts for each shipped negotiation: the same seed and moves give the same outcome, and
the history's lesson holds: without control first, Beijing and its partners give nothing."""

from __future__ import annotations

import pytest

from game.content.compiled import Content
from game.engine import Game


def open_from_card(content: Content, negotiation: str, seed: int, **meters: int) -> Game:
    """Start a game, set the meters, deal a card whose (available) choice opens `negotiation`, take it."""
    for card in (e for e in content.events.values() if any(c.model.negotiate == negotiation for c in e.choices)):
        game = Game.new(content, seed=seed)
        game.state.values.update(meters)
        game.state.hand[game.state.hand_pos] = card.id
        for choice in game.choices():
            if choice.negotiate == negotiation and choice.available:
                game.choose(choice.index)
                assert game.talks() is not None and game.talks().id == negotiation
                return game
    raise AssertionError(f"no card can open {negotiation} with these meters")


def bargain(game: Game, moves: list[str]) -> str:
    for move in moves:
        if game.talks() is None:
            break
        available = {m.id for m in game.talk_moves() if m.available}
        game.talk(move if move in available else "evidence")
    while game.talks() is not None:
        game.talk("walk_away")
    return game.last_talks()["outcome"]


STRONG = {"security": 78, "central_confidence": 82, "development": 60, "employer_goodwill": 65,
          "agency_power": 30}
WEAK = {"security": 40, "central_confidence": 30, "development": 45, "employer_goodwill": 30, "agency_power": 70}


@pytest.mark.parametrize("negotiation, moves, strong_outcome", [
    ("permit_length", ["control_measure", "frame_security", "concede"], "ninety_day_permits"),
    ("agency_association", ["evidence", "control_measure", "concede"], "duties_for_floor"),
    ("employer_compliance", ["frame_development", "evidence", "control_measure"], "full_compliance"),
    ("trial_expansion", ["frame_security", "evidence", "concede"], "border_wide_expansion"),
])
def test_each_negotiation_gives_a_deal_only_after_control(shipped_content: Content, negotiation: str,
                                                          moves: list[str], strong_outcome: str) -> None:
    strong = open_from_card(shipped_content, negotiation, 11, **STRONG)
    assert bargain(strong, moves) == strong_outcome and strong.last_talks()["deal"]
    again = open_from_card(shipped_content, negotiation, 11, **STRONG)
    assert bargain(again, moves) == strong_outcome  # same seed + moves = same outcome
    weak = open_from_card(shipped_content, negotiation, 11, **WEAK)
    bargain(weak, moves)
    assert not weak.last_talks()["deal"]


def test_permit_length_talks_change_the_permits_the_model_counts(shipped_content: Content) -> None:
    game = open_from_card(shipped_content, "permit_length", 3, **STRONG)
    bargain(game, ["control_measure", "frame_security", "concede"])
    assert game.value("permit_days") == 90
    workers = game.value("workers_present")
    while game.current_card() is not None:
        game.choose(next(c.index for c in game.choices() if c.available))
        while game.talks() is not None:
            game.talk("walk_away")
    game.end_month()
    assert game.value("permits_this_month") == round(game.value("workers_present") * 30 / 90)
    assert workers > 0
