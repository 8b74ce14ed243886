"""Negotiation: rounds of moves, a counterpart that answers from its values and the state,
patience that runs out, outcomes that change the rules, and a second player in hot-seat."""

from __future__ import annotations

import pytest

from game.content.compiled import Content
from game.engine import Game
from game.errors import RulesError
from game.saves import SaveStore


def open_talks(content: Content, confidence: int, seed: int = 3, hotseat: object = ()) -> Game:
    game = Game.new(content, seed=seed, options={"hotseat": list(hotseat) if hotseat != "all" else "all"})
    game.state.values["central_confidence"] = confidence
    game.state.hand[game.state.hand_pos] = "petition"
    result = game.choose(0)
    assert result.negotiation == "permit_length"
    return game


def test_talks_open_with_the_counterparts_line_and_block_the_month(fixture_content: Content) -> None:
    game = open_talks(fixture_content, 65)
    talks = game.talks()
    assert talks.counterpart == "NIA" and talks.transcript == (("them", "Thirty days is the rule."),)
    assert (talks.ask, talks.offer, talks.patience) == ("Half a year", "Ninety days", 3)
    assert game.current_card() is None and not game.can_end_month
    with pytest.raises(RulesError, match="finish the negotiation first"):
        game.end_month()


def test_transcript_security_framing_then_concession_wins_ninety_days(fixture_content: Content) -> None:
    game = open_talks(fixture_content, 65)
    assert game.talks().stance == 1.5  # (65-50)/10 * 1.0 from its values
    talks = game.talk("frame_security")  # +0.5: it values security at 0.5
    assert (talks.stance, talks.offer, talks.mood) == (2.0, "Ninety days", "open")
    assert talks.transcript[-1] == ("them", "We could live with less. (Ninety days)")
    assert game.talk("concede") is None  # asking for ninety days, which it can now grant
    done = game.last_talks()
    assert (done["outcome"], done["deal"], done["rounds"]) == ("ninety_days", True, 2)
    assert game.value("permit_days") == 90
    assert game.state.history[-1]["reason"] == "Permit length — Ninety days"


def test_without_beijings_trust_no_argument_gets_longer_permits(fixture_content: Content) -> None:
    game = open_talks(fixture_content, 55)  # reservation 0: it cannot grant anything
    for move in ("frame_security", "control_measure", "concede"):
        if game.talks() is not None:
            game.talk(move)
    assert game.talks() is None
    assert game.last_talks()["outcome"] == "prove_it" and game.value("permit_days") == 30


def test_patience_runs_out_and_offers_are_withdrawn_when_you_annoy_it(fixture_content: Content) -> None:
    game = open_talks(fixture_content, 65)
    assert game.talk("frame_development").offer == "Ninety days"  # stance 1.0: it could give ninety days
    assert game.talk("frame_development").offer == "Thirty days"  # 0.5: not any more
    assert game.talk("frame_development") is None  # patience 3 used up
    done = game.last_talks()
    assert done["transcript"][-1] == ["them", "We have heard enough."]
    assert (done["outcome"], done["deal"]) == ("prove_it", False)


def test_walking_away_ends_with_no_deal_chosen_by_the_state(fixture_content: Content) -> None:
    game = open_talks(fixture_content, 40)
    assert game.talk("walk_away") is None
    done = game.last_talks()
    assert done["transcript"][-3:] == [["you", "We will manage."], ["them", "As you wish."],
                                       ["result", "Security interests come first."]]
    assert done["outcome"] == "refused"
    assert game.value("central_confidence") == 37  # refused: -3
    assert game.can_end_month or game.current_card() is not None  # play goes on


def test_appeal_upward_is_a_seeded_gamble(fixture_content: Content) -> None:
    outcomes = set()
    for seed in range(12):
        game = open_talks(fixture_content, 65, seed=seed)
        talks = game.talk("appeal_upward")
        outcomes.add(talks.transcript[-2][1] if talks else "ended")
    assert {"The State Council agrees to look again.", "Going over our heads was a mistake."} <= outcomes
    first = open_talks(fixture_content, 65, seed=5).talk("appeal_upward")
    again = open_talks(fixture_content, 65, seed=5).talk("appeal_upward")
    assert first == again


def test_moves_show_their_costs_and_concede_is_locked_at_the_bottom(fixture_content: Content) -> None:
    game = open_talks(fixture_content, 65)
    moves = {m.id: m for m in game.talk_moves()}
    assert moves["control_measure"].cost == (("development", -2),)
    assert moves["concede"].table == "lower your ask to: Ninety days"
    game.talk("frame_security")
    game.state.talks["ask"] = 1
    assert not {m.id: m for m in game.talk_moves()}["concede"].available


def test_save_in_the_middle_of_talks_load_and_finish_identically(fixture_content: Content, store: SaveStore) -> None:
    straight = open_talks(fixture_content, 65)
    straight.talk("appeal_upward")
    store.save(straight, "talks")
    resumed = store.load(fixture_content, "talks")
    for game in (straight, resumed):
        while game.talks() is not None:
            game.talk("concede" if any(m.id == "concede" and m.available for m in game.talk_moves())
                      else "evidence")
    assert resumed.state.to_dict() == straight.state.to_dict()


def test_hot_seat_second_player_answers_with_the_ai_suggestion_marked(fixture_content: Content) -> None:
    game = open_talks(fixture_content, 65, hotseat=["permit_length"])
    talks = game.talk("frame_security")
    assert talks.awaiting == "counterpart" and game.talk_moves() == []
    options = game.reply_options()
    assert [o.id for o in options] == ["accept", "counter", "hold", "end"]
    assert [o.id for o in options if o.suggested] == ["counter"]
    assert options[1].label == "Offer less: Ninety days"
    game.counterpart_reply("hold")  # the human overrules the AI
    assert game.state.log[-1] == {"turn": 1, "talks": "permit_length", "reply": "hold", "suggested": "counter"}
    game.talk("concede")
    game.counterpart_reply("accept")
    assert game.last_talks()["outcome"] == "ninety_days" and game.last_talks()["hotseat"] is True
