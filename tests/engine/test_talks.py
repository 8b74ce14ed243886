"""Negotiation as bargaining: proposals, counter-offers, concessions, probes, patience, hot seat."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content import load_content
from game.content.compiled import Content
from game.engine.actions import AcceptOffer, Move, Propose, Respond, WalkAway
from game.engine.game import Game
from game.errors import RulesError
from game.saves import SaveStore
from tests.conftest import FIXTURE
from tests.helpers import choose, state_bytes, with_card


def talks(content: Content, seed: int = 3, hotseat: bool = False, **values: int) -> Game:
    game = with_card(content, "petition", seed=seed, **values)
    if hotseat:
        game = Game.new(content, seed=seed, options={"dev": True, "hotseat": ["permit_length"]})
        from game.engine.actions import Force, SetValue
        for k, v in values.items():
            game.apply(SetValue(k, str(v)))
        game.apply(Force("petition", now=True))
    choose(game, 0)
    assert game.phase in ("talks", "counterpart")
    return game


def test_talks_open_with_the_counterparts_line_and_block_the_month(fixture_content: Content) -> None:
    game = talks(fixture_content)
    view = game.talks()
    assert view is not None and view.transcript[0] == ("them", "Thirty days is the rule.")
    assert view.rounds_left == 3 and view.offer == -1 and view.rungs[0].in_force
    assert [r.label for r in view.rungs] == ["Thirty days", "Ninety days", "Half a year"]
    assert view.need == "More trust from Beijing"  # the interest the state serves worst
    assert game.phase == "talks" and game.current_card() is None


def test_a_proposal_within_their_limit_and_standing_is_accepted(fixture_content: Content) -> None:
    game = talks(fixture_content, central_confidence=65)  # standing (65-50)/10 = 1.5 >= cost 1
    result = game.apply(Propose("ninety_days", ()))
    assert result.deal and result.outcome == "Ninety days" and game.value("permit_days") == 90


def test_beyond_their_limit_they_counter_with_what_they_can_sign(fixture_content: Content) -> None:
    game = talks(fixture_content, central_confidence=65)  # reservation: ninety days, not half a year
    assert game.apply(Propose("half_year", ())) is None
    view = game.talks()
    assert view.offer == 1 and view.offer_text == "Ninety days" and view.rounds_left == 2
    assert view.transcript[-2][1] in ("We could live with this instead.", "Here is what we can sign.")
    result = game.apply(AcceptOffer())
    assert result.deal and game.value("permit_days") == 90


def test_a_package_with_a_concession_buys_what_standing_alone_cannot(fixture_content: Content) -> None:
    # cc 60: standing 1.0 + security (50-50)/20 = 1.0; half a year costs 3 and is beyond the limit (1)
    game = talks(fixture_content, central_confidence=60, security=30)  # standing 1.0 - 1.0 = 0
    assert game.talks().standing == 0
    game.apply(Propose("ninety_days", ()))
    view = game.talks()  # they counter: ninety days if you add the cheapest concession that covers it
    assert view.offer == 1 and "if Track every worker" in view.offer_text
    cost = dict(next(c.costs for c in view.concessions if c.id == "app"))
    assert cost == {"development": -2}
    result = game.apply(AcceptOffer())
    assert result.deal and ("development", 50, 53) in [(c.target, c.before, c.after) for c in result.changes]


def test_without_beijings_trust_nothing_is_within_reach(fixture_content: Content) -> None:
    game = talks(fixture_content, central_confidence=55)
    game.apply(Move("show_numbers"))  # a probe: reveals how far they could go
    view = game.talks()
    assert [r.within_reach for r in view.rungs] == [True, False, False]
    game.apply(Propose("ninety_days", ("app", "quota")))
    assert game.talks().offer == -1  # a flat refusal: no package is within their limit
    assert game.talks().transcript[-1][1] == "No. Not this year."


def test_rounds_run_out_and_the_offer_on_the_table_lapses(fixture_content: Content) -> None:
    game = talks(fixture_content, central_confidence=65)
    game.apply(Propose("half_year", ()))  # countered with ninety days (2 rounds left)
    game.apply(Move("talk_growth"))  # 1 left
    result = game.apply(Move("talk_growth"))  # none left: they leave
    assert result is not None and not result.deal and result.outcome == "Prove it first"
    assert game.value("permit_days") == 30 and game.phase != "talks"


def test_walking_away_ends_with_the_no_deal_the_state_earns(fixture_content: Content) -> None:
    game = talks(fixture_content, central_confidence=40)
    result = game.apply(WalkAway())
    assert not result.deal and result.outcome == "Refused" and game.value("central_confidence") == 37
    assert result.transcript[-1] == ("result", "Security interests come first.")


def test_the_appeal_upward_is_a_seeded_gamble(fixture_content: Content) -> None:
    outcomes = set()
    for seed in range(12):
        game = talks(fixture_content, seed=seed, central_confidence=60)
        before = game.talks().standing
        game.apply(Move("appeal"))
        outcomes.add(game.talks().standing - before)
        again = talks(fixture_content, seed=seed, central_confidence=60)
        again.apply(Move("appeal"))
        assert again.talks().standing == game.talks().standing  # same seed, same luck
    assert outcomes == {2.0, -1.0}


def test_no_reply_repeats_within_one_talk(fixture_content: Content) -> None:
    game = talks(fixture_content, central_confidence=40)
    for _ in range(3):
        game.apply(Move("talk_growth"))
    lines = [line for who, line in game.talks_result().transcript if who == "them"]
    assert len(lines) == len(set(lines))


def test_a_deal_once_made_moves_the_ladder_so_the_same_talks_start_higher(fixture_content: Content) -> None:
    game = talks(fixture_content, central_confidence=90)
    game.apply(Propose("ninety_days", ()))
    from game.engine.actions import Force
    game.apply(Force("petition", now=True))
    choose(game, 0)
    view = game.talks()
    assert view.start == 1 and view.rungs[1].in_force  # ninety days is now the rule
    assert [p.position for p in game.legal_actions() if isinstance(p, Propose)][0] == "half_year"
    assert view.transcript[0][1] == "Back again? Thirty days is still the rule."  # openings differ


def test_save_in_the_middle_of_talks_load_and_finish_identically(fixture_content: Content, store: SaveStore) -> None:
    game = talks(fixture_content, central_confidence=65)
    game.apply(Move("talk_control"))
    store.save(game, "mid talks")
    loaded = store.load(fixture_content, "mid talks")
    assert loaded.talks() == game.talks()
    for g in (game, loaded):
        g.apply(Propose("half_year", ()))
        g.apply(AcceptOffer())
    assert state_bytes(loaded) == state_bytes(game)


def test_hot_seat_counterpart_is_bounded_by_the_role_and_recorded(fixture_content: Content) -> None:
    game = talks(fixture_content, hotseat=True, central_confidence=65)
    game.apply(Propose("half_year", ()))
    assert game.phase == "counterpart"
    view = game.talks()
    assert view.reservation == 1 and view.brief == ""  # the most they may grant: ninety days
    options = game.reply_options()
    assert Respond("accept") not in options  # half a year is beyond what the role allows
    with pytest.raises(RulesError, match="beyond what the counterpart may grant"):
        game.apply(Respond("accept"))
    assert game.suggested_reply() == Respond("counter", "ninety_days", ())
    game.apply(Respond("hold"))  # against the AI's suggestion
    game.apply(WalkAway())
    summary = game.talks_log[-1]
    assert summary.against_ai == (("hold", "counter:ninety_days"),)


def test_a_negotiation_in_the_first_format_still_loads(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    shutil.copy(FIXTURE.parent / "old_format" / "permit_length_v1.yaml", root / "negotiations" / "permit_length.yaml")
    content = load_content(root)
    rule = content.negotiations["permit_length"]
    assert [p.model.cost for p in rule.positions] == [0, 1, 3]
    assert set(rule.moves) == {"frame_development", "frame_security", "control_measure", "evidence", "appeal_upward"}
    game = talks(content, central_confidence=70)
    result = game.apply(Propose("ninety_days", ()))
    assert result.deal and game.value("permit_days") == 90
