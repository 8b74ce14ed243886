"""The shipped negotiations as bargaining: transcripts (seed + state + actions -> outcome) for each
counterpart, the history they must keep, and replies that never repeat within a talk.

States are set as an author would (`--dev --set`), and the talks are opened through a card that opens
them (`--force`), so these tests use only the public actions every host uses. The opening cards of the
four older negotiations live in decks other people rewrite, so they are found by what they do (a
choice with `negotiate:`), not by name.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from game.content.compiled import Content
from game.engine.actions import AcceptOffer, EndMonth, Force, Move, Propose, SetValue, WalkAway
from game.engine.game import Game
from game.engine.views import TalksView
from game.sim import play_one
from tests.helpers import choose, dev_game

HOOKS = ("lang_son_proposes_a_working_session", "runaways_return_on_new_passes", "the_growers_want_terms",
         "farms_with_a_legal_representative")
METERS = ("development", "security", "central_confidence", "employer_goodwill", "worker_welfare")

# A securitised Pingxiang, beyond what the real city did: trust and security high, every rule enforced,
# every worker on the app, agencies rated, fewer than one in two hundred workers leaving a month.
SECURITISED: dict[str, Any] = dict(central_confidence=95, security=95, enforcement="strict", tracking_app="on",
                                   agency_ratings="ratings", workers_present=10000, runaways_this_month=40)
# Pingxiang as it was in 2019 (Speelman §6b): ratings, agencies answerable, Beijing's trust rising,
# a quiet border, but rule-bending tolerated ("selective implementation", Huang) and no app for all.
HISTORICAL_2019: dict[str, Any] = dict(central_confidence=72, security=80, enforcement="selective",
                                       agency_ratings="ratings", agencies_answerable="on", tracking_app="off",
                                       workers_present=12000, runaways_this_month=100)


# -- helpers -----------------------------------------------------------------------------------------
def opening_choices(content: Content, nid: str) -> list[tuple[str, int]]:
    """(card, choice) pairs that open `nid`: this branch's hooks first, then cards with fewest side effects."""
    found = [(eid, c.index) for eid, ev in content.events.items() for c in ev.choices if c.negotiate == nid]
    found.sort(key=lambda x: (x[0] not in HOOKS, len(content.events[x[0]].choices[x[1]].does.effects), x[0]))
    return found


def advance(game: Game, month: str) -> None:
    """Play on to `month` (YYYY-MM): the first available choice that opens no talks, walking away from
    any talks that open anyway, meters kept alive."""
    while game.month_code() < month and not game.is_over:
        phase = game.phase
        if phase == "cards":
            for m in METERS:
                if game.value(m) < 50:
                    game.apply(SetValue(m, "50"))
            views = [c for c in game.choices() if c.available and c.action is not None]
            quiet = [c for c in views if not c.negotiate]
            action = (quiet or views)[0].action
            assert action is not None
            game.apply(action)
        elif phase == "talks":
            game.apply(WalkAway())
        elif phase == "counterpart":
            game.apply(game.reply_options()[-1])
        else:
            game.apply(EndMonth())
    assert not game.is_over


def setup(content: Content, seed: int, month: str | None, values: dict[str, Any]) -> Game:
    game = dev_game(content, seed)
    if month:
        advance(game, month)
    for name, value in values.items():
        game.apply(SetValue(name, str(value)))
    return game


def talks(content: Content, nid: str, seed: int = 1, month: str | None = None, card: str | None = None,
          **values: Any) -> Game:
    """A dev game in `month` with `values` set, and the talks `nid` opened through a card's choice."""
    for eid, index in opening_choices(content, nid):
        if card and eid != card:
            continue
        game = setup(content, seed, month, values)
        game.apply(Force(eid, now=True))
        if game.choices()[index].available:
            choose(game, index)
            if game.phase == "talks":
                return game
    raise AssertionError(f"no card can open {nid} in this state")


def reopen(game: Game, nid: str) -> None:
    """Open `nid` again in the same game, through the first card that can."""
    for eid, index in opening_choices(game.content, nid):
        game.apply(Force(eid, now=True))
        if game.choices()[index].available:
            choose(game, index)
            assert game.phase == "talks"
            return
        choose(game, next(c.index for c in game.choices() if c.available))
    raise AssertionError(f"no card can open {nid} again")


def locked_everywhere(content: Content, nid: str, seed: int = 1, month: str | None = None, **values: Any) -> list[str]:
    """The reasons shown on every choice that would open `nid`, which must all be locked."""
    reasons = []
    for eid, index in opening_choices(content, nid):
        game = setup(content, seed, month, values)
        game.apply(Force(eid, now=True))
        view = game.choices()[index]
        assert not view.available, f"{eid} choice {index + 1} still opens {nid}"
        reasons.append(view.reason)
    return reasons


def table(game: Game) -> TalksView:
    """The talks in progress (which must be open)."""
    view = game.talks()
    assert view is not None, "the talks have ended"
    return view


def said(game: Game) -> list[str]:
    return [line for who, line in table(game).transcript if who == "them"]


def reach(game: Game) -> list[bool | None]:
    return [r.within_reach for r in table(game).rungs]


# -- permit length: Beijing -------------------------------------------------------------------------
def test_the_historical_moves_with_the_nia_keep_monthly_permits(shipped_content: Content) -> None:
    """Pingxiang's real record by 2019 is not enough: whatever the historical player argues, thirty days stay."""
    for seed in range(6):
        game = talks(shipped_content, "permit_length", seed=seed, month="2019-04", **HISTORICAL_2019)
        for move in ("frame_security", "evidence", "cite_plan"):
            game.apply(Move(move))
        assert reach(game) == [True, False, False]  # the probe: nothing beyond thirty days
        result = game.apply(Propose("ninety_days", ("inland_checkpoints", "monthly_returns", "snapback",
                                                     "detain_overstayers")))
        assert result is None and table(game).offer == -1  # flatly refused, even with every concession
        assert said(game)[-1].startswith("No.") and "does not cover" not in said(game)[-1]  # and told why
        result = game.apply(WalkAway())
        assert not result.deal and result.outcome == "Not yet: prove your control first"
        assert game.value("permit_days") == 30


def test_before_april_2018_the_counterpart_is_the_ministrys_exit_entry_administration(shipped_content: Content) -> None:
    early = talks(shipped_content, "permit_length", month="2017-10")
    assert table(early).counterpart == "Gao Yuan of the Ministry of Public Security's exit-entry administration"
    assert "Ministry" in said(early)[0] and "Immigration Administration" not in said(early)[0]
    late = talks(shipped_content, "permit_length", month="2018-05")
    assert table(late).counterpart == "Gao Yuan of the National Immigration Administration"


def test_a_securitised_city_wins_ninety_days_by_a_counter_offer(shipped_content: Content) -> None:
    game = talks(shipped_content, "permit_length", seed=3, **SECURITISED)
    game.apply(Move("frame_security"))
    game.apply(Move("evidence"))
    assert reach(game) == [True, True, False]  # ninety days within reach, half a year not
    assert game.apply(Propose("half_year", ())) is None
    view = table(game)
    assert view.offer == 1 and view.offer_text.startswith("Ninety days on probation")
    assert said(game)[-1] == "Not as you put it. This is what I could put my name to."
    result = game.apply(AcceptOffer())
    assert result.deal and game.value("permit_days") == 90
    # the win costs Beijing's trust, and the ninety days are on probation
    assert ("central_confidence", -3) in [(c.target, c.after - c.before) for c in result.changes]


def test_a_package_with_a_concession_buys_what_arguments_alone_cannot(shipped_content: Content) -> None:
    state: dict[str, Any] = dict(SECURITISED, central_confidence=80, security=80, runaways_this_month=60)
    game = talks(shipped_content, "permit_length", seed=2, **state)
    view = table(game)
    ninety = view.rungs[1]
    assert view.standing < ninety.required  # arguments alone would not do
    game.apply(Move("evidence"))
    assert reach(game)[1] is True
    game.apply(Propose("ninety_days", ()))  # they counter: the same, with the cheapest concessions
    view = table(game)
    assert view.offer == 1 and ", if " in view.offer_text
    game.apply(WalkAway())
    # a fresh start, asking with the package ourselves
    game = talks(shipped_content, "permit_length", seed=2, **state)
    need = table(game).rungs[1].required - table(game).standing
    worth = {c.id: c.worth for c in table(game).concessions if c.available}
    package = tuple(c for c in ("inland_checkpoints", "detain_overstayers", "monthly_returns") if c in worth)
    assert sum(worth[c] for c in package) >= need
    before = game.value("worker_welfare")
    result = game.apply(Propose("ninety_days", package))
    assert result is not None and result.deal and game.value("permit_days") == 90
    assert game.value("worker_welfare") < before + 3  # the concessions ate most of the deal's gain for workers
    assert "overstayers_detained" in game.flags  # and they are remembered


def test_after_ninety_days_the_talks_start_from_the_new_rung_and_need_more(shipped_content: Content) -> None:
    game = talks(shipped_content, "permit_length", seed=3, **SECURITISED)
    game.apply(Move("frame_security"))
    game.apply(Move("evidence"))
    game.apply(Propose("half_year", ()))
    game.apply(AcceptOffer())
    assert game.value("permit_days") == 90
    game.apply(SetValue("agency_ratings", "none"))
    reopen(game, "permit_length")
    again = game
    view = table(again)
    assert view.start == 1 and view.rungs[1].in_force  # ninety days cannot be won twice
    assert "on probation" in said(again)[0]  # the opening knows what was won
    again.apply(Move("evidence"))
    assert reach(again) == [True, True, False]  # half a year needs rated agencies as well
    result = again.apply(Propose("half_year", ("inland_checkpoints", "monthly_returns")))
    assert result is None and "every agency rated" in said(again)[-1]


def test_once_half_year_permits_hold_no_card_opens_the_permit_talks(shipped_content: Content) -> None:
    reasons = locked_everywhere(shipped_content, "permit_length", permit_days=180)
    assert any("nothing left to ask Beijing for" in r for r in reasons)


def test_growth_talk_cools_the_nia_and_the_status_says_what_is_lacking(shipped_content: Content) -> None:
    game = talks(shipped_content, "permit_length", central_confidence=50, security=60, runaways_this_month=300,
                 workers_present=10000)
    before = table(game).standing
    game.apply(Move("frame_development"))
    assert table(game).standing == before - 1
    assert said(game)[-1] == "That does not answer my question, Director. 300 workers left their employers last month."
    assert table(game).need == "Fewer runaways, under one in a hundred a month"


# -- trial expansion: Nanning -------------------------------------------------------------------------
def test_the_planned_scale_up_does_not_happen_for_the_historical_record(shipped_content: Content) -> None:
    game = talks(shipped_content, "trial_expansion", month="2018-11", **HISTORICAL_2019)
    game.apply(Move("cite_plan"))  # the plan's date is still ahead: a good argument
    game.apply(Move("evidence"))
    assert reach(game) == [True, False, False]
    assert game.apply(Propose("jingxi_joins", ("lend_staff", "answer_for_them", "share_investors"))) is None
    assert "small violations" in said(game)[-1]
    result = game.apply(WalkAway())
    assert not result.deal and game.value("trial_cities") == 2


def test_jingxi_joins_a_securitised_trial_and_then_only_the_coast_is_left(shipped_content: Content) -> None:
    state: dict[str, Any] = dict(SECURITISED, development=60)
    game = talks(shipped_content, "trial_expansion", seed=4, month="2019-03", **state)
    game.apply(Move("frame_development"))
    game.apply(Move("evidence"))
    assert reach(game) == [True, True, False]  # the coastal cities need Jingxi first
    game.apply(Propose("coast_joins", ()))
    assert table(game).offer == 1
    result = game.apply(AcceptOffer())
    assert result.deal and game.value("trial_cities") == 3
    reopen(game, "trial_expansion")
    assert table(game).start == 1 and "Jingxi is in" in said(game)[0]
    closed = locked_everywhere(shipped_content, "trial_expansion", month="2019-03", trial_cities=5)
    assert any("nothing left to ask Nanning for" in r for r in closed)


def test_the_expansion_talks_open_differently_in_2018_and_2019(shipped_content: Content) -> None:
    first_2018 = said(talks(shipped_content, "trial_expansion", month="2018-07"))[0]
    first_2019 = said(talks(shipped_content, "trial_expansion", month="2019-07"))[0]
    assert "end of 2018" in first_2018 and first_2018 != first_2019
    assert "The plan says border-wide by the end of 2018" not in first_2019


# -- the agencies' association ---------------------------------------------------------------------------
def test_the_association_talks_cannot_open_before_late_2019(shipped_content: Content) -> None:
    reasons = locked_everywhere(shipped_content, "agency_association", month="2019-06")
    assert reasons and all("end of 2019" in r for r in reasons)


def test_rated_weak_agencies_accept_a_fee_cap_for_a_package(shipped_content: Content) -> None:
    state: dict[str, Any] = dict(agency_ratings="ratings", agency_power=35, agency_fee=330, enforcement="selective",
                 workers_present=12000, runaways_this_month=100)
    game = talks(shipped_content, "agency_association", seed=5, month="2019-10", **state)
    game.apply(Move("frame_security"))  # under ratings the threat has teeth
    game.apply(Move("control_measure"))  # and suspending the worst agency is the rules at work
    game.apply(Propose("duties_under_cap", ()))
    view = table(game)
    assert view.offer == 2 and ", if " in view.offer_text  # the cap, if you give them something
    result = game.apply(AcceptOffer())
    assert result.deal and game.value("fee_cap") == "capped" and "association_capped" in game.flags


def test_strong_unrated_agencies_found_the_cartel_when_you_walk_away(shipped_content: Content) -> None:
    game = talks(shipped_content, "agency_association", seed=5, month="2019-10", agency_ratings="none",
                 agency_power=75, enforcement="lax")
    game.apply(Move("evidence"))
    assert reach(game) == [True, False, False]
    fee = game.value("agency_fee")
    result = game.apply(WalkAway())
    assert not result.deal and result.outcome == "The association sets the price without you"
    assert game.value("agency_fee") == fee + 80 and "agency_association" in game.flags


# -- a big employer -----------------------------------------------------------------------------------------
def test_the_employer_counters_reporting_when_asked_for_a_dormitory(shipped_content: Content) -> None:
    state: dict[str, Any] = dict(employer_goodwill=58, development=65, enforcement="selective", security=60,
                                 agency_fee=350)
    game = talks(shipped_content, "employer_compliance", seed=6, **state)
    game.apply(Move("evidence"))
    assert reach(game)[1:] == [True, False]
    game.apply(Move("control_measure"))  # inspecting its flats: credible under selective enforcement
    game.apply(Propose("dormitory", ()))
    view = table(game)
    assert view.offer == 1 and view.offer_text.startswith("Every worker's lodging registered")
    result = game.apply(AcceptOffer())
    assert result.deal and "group_reports" in game.flags and "group_dormitory" not in game.flags


def test_a_sore_employer_under_lax_rules_walks_out(shipped_content: Content) -> None:
    game = talks(shipped_content, "employer_compliance", seed=6, employer_goodwill=30, enforcement="lax")
    assert game.apply(Propose("reporting", ("tax_relief", "announced_visits"))) is None
    assert said(game)[-1].startswith("No. After the year we have had")
    dev = game.value("development")
    result = game.apply(WalkAway())
    assert result.outcome == "The group walks away from the table" and game.value("development") == dev - 4


# -- Lạng Sơn ----------------------------------------------------------------------------------------------
def test_lang_son_takes_back_overstayers_only_from_a_city_that_treats_them_well(shipped_content: Content) -> None:
    good: dict[str, Any] = dict(worker_welfare=62, worker_fees=150, enforcement="selective", workers_present=14000,
                                runaways_this_month=100, fee_cap="none", lists_shared_with_lang_son="off",
                                lang_son_rebuffed="off", joint_pass_checks="off", overstayers_detained="off")
    game = talks(shipped_content, "border_passes", seed=7, month="2018-01", card="lang_son_proposes_a_working_session",
                 **good)
    assert table(game).counterpart == "Phạm Quốc Hưng of Lạng Sơn's provincial labour department"
    game.apply(Move("frame_development"))  # many of his people work in the trial
    game.apply(Move("control_measure"))  # joint checks, from a partner that treats them well
    game.apply(Propose("takes_back", ("handover",)))
    view = game.talks()
    if view is not None:  # a counter-offer with one more concession
        assert view.offer == 2
        result = game.apply(AcceptOffer())
    else:
        result = game.talks_result()
    assert result.deal and {"langson_vetting", "langson_takes_back", "handover_agreed"} <= set(game.flags)


def test_detention_closes_the_door_on_returns_but_not_on_vetting(shipped_content: Content) -> None:
    state: dict[str, Any] = dict(worker_welfare=60, enforcement="strict", overstayers_detained="on",
                                 workers_present=15000, lists_shared_with_lang_son="off", lang_son_rebuffed="off",
                                 joint_pass_checks="off", runaways_this_month=100)
    game = talks(shipped_content, "border_passes", seed=7, month="2018-10", card="runaways_return_on_new_passes",
                 **state)
    assert "detention" in said(game)[0]
    game.apply(Move("share_lists"))  # families who cannot find detained relatives: worth a lot now
    game.apply(Move("frame_development"))  # and many of them work in the trial
    game.apply(Propose("takes_back", ()))
    assert table(game).offer == 1  # vetting, yes; taking people back into detention, no
    game.apply(AcceptOffer())
    reopen(game, "border_passes")
    again = game
    assert table(again).start == 1
    assert again.apply(Propose("takes_back", ("langson_recruiters", "langson_first"))) is None
    assert "handover_agreed" in game.flags  # the vetting deal was bought with handing people back
    assert said(again)[-1].startswith("No. Your police punish the smallest slip")


# -- the cane growers ------------------------------------------------------------------------------------------
def test_growers_take_the_agency_route_only_when_going_without_is_risky(shipped_content: Content) -> None:
    state: dict[str, Any] = dict(enforcement="lax", agency_fee=320)
    lax = talks(shipped_content, "cane_growers", seed=8, month="2017-12", **state)
    assert lax.apply(Propose("through_agencies", ("fee_help", "harvest_truce", "mill_permits"))) is None
    assert said(lax)[-1] == "No. Nobody checks the fields. Why should we pay agencies for what we get for nothing?"
    lax.apply(WalkAway())
    game = talks(shipped_content, "cane_growers", seed=8, month="2017-12", **state)
    game.apply(Move("evidence"))
    assert reach(game) == [True, False, False]
    assert said(game)[-1] == "Honestly? As things stand we are better off as we are."
    game.apply(Move("control_measure"))  # raid one field: the risk is real now, and they are angry
    game.apply(Move("frame_security"))  # and the warning is credible after the raid
    security = game.value("security")
    result = game.apply(Propose("through_agencies", ("fee_help", "harvest_truce", "mill_permits", "lobby_nanning")))
    assert result is not None and result.deal and "cane_through_agencies" in game.flags
    # the package has its price: no raids until the crush ends, paid for in security
    assert game.value("security") < security + 3 and "cane_raids_paused" in game.flags


def test_registered_farms_only_while_the_trial_admits_farms(shipped_content: Content) -> None:
    state: dict[str, Any] = dict(enforcement="strict", agency_fee=350, employer_goodwill=55)
    may = talks(shipped_content, "cane_growers", seed=8, month="2019-05", card="farms_with_a_legal_representative",
                **state)
    may.apply(Move("evidence"))
    assert reach(may) == [True, True, True]
    december = talks(shipped_content, "cane_growers", seed=8, month="2019-12", card="the_growers_want_terms",
                     **state)
    december.apply(Move("evidence"))
    assert reach(december) == [True, True, False]
    assert said(december)[-1] == ("Honestly? The agency route we could live with. "
                                  "Registering as farms is not open to us.")
    # once the trial is limited to industry, the farm route is gone even in the window
    limited = talks(shipped_content, "cane_growers", seed=8, month="2019-06", card="farms_with_a_legal_representative",
                    limited_to_industry="on", **state)
    limited.apply(Move("evidence"))
    assert reach(limited) == [True, True, False]


def test_walking_away_from_the_growers_under_strict_rules_leaves_cane_standing(shipped_content: Content) -> None:
    game = talks(shipped_content, "cane_growers", seed=8, month="2018-11", enforcement="strict")
    dev = game.value("development")
    result = game.apply(WalkAway())
    assert result.outcome == "Cutters stay away and cane stands in the fields" and game.value("development") == dev - 4


# -- every negotiation --------------------------------------------------------------------------------------
REQUIRED_POOLS = ("opening", "warmer", "cooler", "counter", "accept", "refuse", "impatient", "walkout", "probed",
                  "appeal_works", "appeal_fails")


def test_every_negotiation_is_written_in_full(shipped_content: Content) -> None:
    assert set(shipped_content.negotiations) >= {"permit_length", "trial_expansion", "agency_association",
                                                 "employer_compliance", "border_passes", "cane_growers"}
    for nid, rule in shipped_content.negotiations.items():
        m = rule.model
        assert m.source is not None and m.brief is not None and m.alternative and m.closed, nid
        assert len(m.no_deal) >= 2 and m.no_deal[-1].when is None, nid
        assert all(o.effects for o in m.no_deal), f"{nid}: every no-deal outcome costs something"
        assert all(i.says and i.need for i in m.interests), nid
        assert all(c.effects or c.policy for c in m.concessions), f"{nid}: every concession costs something"
        moves = set(rule.moves)
        assert {"frame_development", "frame_security", "evidence", "appeal_upward", "control_measure"} <= moves, nid
        assert any(mv.model.reveals for mv in rule.moves.values()), f"{nid}: a probe"
        assert any(mv.chance is not None for mv in rule.moves.values()), f"{nid}: a gamble"
        for pool in REQUIRED_POOLS:
            assert pool in rule.replies, f"{nid}: reply pool {pool}"
        for pool in ("warmer", "cooler", "counter", "refuse", "opening"):
            assert len(rule.replies[pool]) >= m.rounds + 1, f"{nid}: {pool} needs {m.rounds + 1} lines"


def test_no_reply_repeats_within_a_talk_over_500_simulated_talks(shipped_content: Content) -> None:
    seen: Counter[str] = Counter()
    talks_checked = 0
    strategies = ("random", "balanced", "careful", "historical", "development-first", "security-first")
    seed = 0
    while talks_checked < 500:
        for strategy in strategies:
            game = play_one(shipped_content, seed, strategy, record=True)
            for summary in game.talks_log:
                lines = [line for who, line in summary.transcript if who == "them"]
                assert len(lines) == len(set(lines)), f"{summary.id} repeats itself: {lines}"
                assert lines, f"{summary.id} said nothing"
                seen[summary.id] += 1
                talks_checked += 1
        seed += 1
    assert talks_checked >= 500 and len(seen) >= 4


def test_the_permit_talks_open_with_a_different_line_each_time_in_a_game(shipped_content: Content) -> None:
    game = talks(shipped_content, "permit_length", month="2018-06")
    openings = [said(game)[0]]
    for _ in range(3):
        game.apply(WalkAway())
        game.apply(Force(opening_choices(shipped_content, "permit_length")[0][0], now=True))
        choose(game, opening_choices(shipped_content, "permit_length")[0][1])
        openings.append(said(game)[0])
    assert len(set(openings)) == 4


@pytest.mark.parametrize("nid", ["permit_length", "trial_expansion", "agency_association", "employer_compliance",
                                 "border_passes", "cane_growers"])
def test_hot_seat_briefs_say_who_they_are_and_their_limit(shipped_content: Content, nid: str) -> None:
    from game.content.records import text_in

    raw = shipped_content.negotiations[nid].model.brief
    variants = [raw] if isinstance(raw, (str, dict)) else [v.text for v in raw or ()]
    texts = [text_in(v) for v in variants]  # the English of each (translations are checked elsewhere)
    assert texts
    for words in texts:
        assert isinstance(words, str) and words.startswith("You are")
        assert any(w in words for w in ("only", "Grant", "Accept", "Agree")), nid


# -- the words match the hidden limit -------------------------------------------------------------------
# What the counterpart says when probed, by (rung in force, the most it could grant): the reply pools
# repeat the reservation's conditions in words, and this checks they agree in many random states.
PROBED = {
    "permit_length": {(0, 0): "nothing", (0, 1): "ninety days on probation I could defend",
                      (1, 1): "half a year is beyond", (1, 2): "half a year is not beyond me"},
    "trial_expansion": {(0, 0): "not carry even Jingxi", (0, 1): "Jingxi I could carry",
                        (1, 1): "coastal cities are beyond me", (1, 2): "within reach now"},
    "agency_association": {(0, 0): "need nothing from you", (0, 1): "A cap on what they earn, never",
                           (0, 2): "swallow a fee cap", (1, 1): "out of the question this year",
                           (1, 2): "swallow a fee cap"},
    "employer_compliance": {(0, 0): "will not sign anything new", (0, 1): "reporting we can live with",
                            (0, 2): "would accept a dormitory", (1, 1): "not on the table this year",
                            (1, 2): "would accept a dormitory"},
    "border_passes": {(0, 0): "sign nothing until", (0, 1): "checks on passes are possible",
                      (0, 2): "would take back its overstayers", (1, 1): "beyond what my province will do",
                      (1, 2): "would take back its overstayers"},
    "cane_growers": {(0, 0): "better off as we are", (0, 1): "agency route we could live with",
                     (0, 2): "would register as farms", (1, 1): "as far as we go",
                     (1, 2): "would register as farms"},
}
MONTHS = {"permit_length": "2019-03", "trial_expansion": "2019-03", "agency_association": "2019-10",
          "employer_compliance": "2018-06", "border_passes": "2018-10", "cane_growers": "2019-06"}
FLAGS = ("agencies_answerable", "overstayers_detained", "handover_agreed", "langson_vetting", "cane_field_raided",
         "limited_to_industry", "group_flats_inspected", "inspections_announced", "cane_through_agencies",
         "group_reports", "association_duties")


def random_state(content: Content, rng: Any, nid: str) -> dict[str, Any]:
    values: dict[str, Any] = {m: rng.randint(20, 100) for m in content.meters}
    values.update(workers_present=rng.randint(3000, 18000), agency_fee=rng.choice([300, 350, 400, 430, 460]),
                  worker_fees=rng.randint(140, 260), permit_days=rng.choice([30, 30, 90]),
                  trial_cities=rng.choice([2, 2, 3]))
    values["runaways_this_month"] = int(values["workers_present"] * rng.choice([0.004, 0.008, 0.012, 0.02]))
    for pid, policy in content.policies.items():
        values[pid] = rng.choice(sorted(policy.options))
    for flag in FLAGS:
        values[flag] = rng.choice(["on", "off", "off"])
    if nid in ("permit_length", "trial_expansion") and rng.random() < 0.5:  # near the securitised corner
        values.update(central_confidence=rng.randint(72, 100), security=rng.randint(72, 100),
                      development=rng.randint(40, 90), enforcement=rng.choice(["strict", "strict", "selective"]),
                      tracking_app=rng.choice(["on", "on", "off"]), agency_ratings=rng.choice(["ratings", "none"]))
        values["runaways_this_month"] = int(values["workers_present"] * rng.choice([0.004, 0.007, 0.009, 0.012]))
    return values


@pytest.mark.parametrize("nid", sorted(PROBED))
def test_what_they_say_matches_what_they_could_grant(shipped_content: Content, nid: str) -> None:
    import random

    rng = random.Random(nid)
    game = dev_game(shipped_content, 11)
    advance(game, MONTHS[nid])
    checked: Counter[tuple[int, int]] = Counter()
    for _ in range(60):
        for name, value in random_state(shipped_content, rng, nid).items():
            game.apply(SetValue(name, str(value)))
        for eid, index in opening_choices(shipped_content, nid):
            game.apply(Force(eid, now=True))
            if game.choices()[index].available:
                choose(game, index)
                break
            choose(game, next(c.index for c in game.choices() if c.available))
        if game.phase != "talks":
            continue  # the talks cannot open in this state (the top rung holds)
        game.apply(Move("evidence"))
        view = game.talks()
        if view is None:
            continue
        limit = max(i for i, r in enumerate(view.rungs) if r.within_reach)
        expected = PROBED[nid][(view.start, limit)]
        assert expected in said(game)[-1], (nid, view.start, limit, said(game)[-1])
        checked[(view.start, limit)] += 1
        top = view.rungs[-1].id
        game.apply(Propose(top, ()))
        view = game.talks()
        if view is not None and view.offer == -1:  # a flat refusal says why, or that the price is short
            generic = "does not cover" in said(game)[-1] or "more than what you put" in said(game)[-1] \
                or "not worth what you ask" in said(game)[-1] or "terms cost more" in said(game)[-1]
            assert generic == (limit > view.start), (nid, view.start, limit, said(game)[-1])
        if game.talks() is not None:
            game.apply(WalkAway())
        assert not game.is_over
    assert len(checked) >= 3, checked
