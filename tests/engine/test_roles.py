"""Roles: role files load (and bad ones are refused, located); a card a role acts on waits for the student
holding the role, or the AI opens it (seeded); each role's secret objective is scored at the end; saves
replay the roles' acts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from game.content import load_content
from game.content.compiled import Content
from game.engine.actions import Act, Choose, EndMonth, Force
from game.engine.game import Game
from game.errors import ContentError, RulesError
from game.saves import SaveStore
from tests.authoring.test_cli import run
from tests.helpers import play_months, state_bytes

ROLES = ("agency_owner", "bureau", "inspector", "large_employer", "nia_liaison", "workers_rep")
CARD = "agencies_hold_the_leash"  # acted by agency_owner, June to December 2018


def _at_card(content: Content, card: str = CARD, seed: int = 3, roles: object = None) -> Game:
    options: dict[str, object] = {"dev": True}
    if roles is not None:
        options["roles"] = roles
    game = Game.new(content, seed=seed, options=options)
    game.apply(Force(card, now=True))
    return game


def test_every_shipped_role_loads_with_its_brief_objective_and_sources(shipped_content: Content) -> None:
    assert sorted(shipped_content.roles) == list(ROLES)
    for rule in shipped_content.roles.values():
        m = rule.model
        assert m.who and m.wants and m.fears and m.objective.goal and m.sources
        assert m.objective.met.at_least is not None and m.objective.partly.at_least is not None
    assert [r for r in shipped_content.roles.values() if r.model.player] == [shipped_content.roles["bureau"]]
    assert shipped_content.roles["workers_rep"].model.composite  # a composite says so
    acted = {e.id: e.acted_by for e in shipped_content.events.values() if e.acted_by}
    assert len(acted) >= 9
    for card, role in acted.items():
        assert card in shipped_content.roles[role].acts_on


BAD_ROLE = """role: fixer
name: The fixer
who: A fixer.
wants: Money.
fears: Light.
objective:
  goal: Get rich.
  score: "agency_fe + 1"
  met: {at_least: 10, text: Rich.}
  partly: {at_least: 20, text: Less rich.}
  not: {text: Poor.}
decides: [Everything]
negotiations: [permit_lenght]
sources:
  - {id: huang2024, where: "Concluding Thoughts", quote: "by the end of 2019"}
"""


def test_a_bad_role_file_is_refused_with_every_problem_located(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fixer.yaml"
    path.write_text(BAD_ROLE, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_content(None, [path])
    shown = [str(p) for p in info.value.problems]
    assert any(":8:" in s and "agency_fe" in s and "agency_fee" in s for s in shown), shown
    assert any(":13:" in s and "permit_lenght" in s and "permit_length" in s for s in shown), shown
    assert any(":10:" in s and "partly" in s for s in shown), shown
    assert all(s.split(":")[0].endswith("fixer.yaml") for s in shown), shown


def test_validate_refuses_a_bad_role_file_with_exit_2_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "fixer.yaml"
    path.write_text(BAD_ROLE, encoding="utf-8")
    result = run("validate", "--deck", str(path), "--no-sources")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "fixer.yaml:13:" in result.stderr and "did you mean 'permit_length'" in result.stderr


def test_a_card_acted_by_nobody_held_is_opened_by_the_ai_at_once(shipped_content: Content) -> None:
    game = _at_card(shipped_content)
    assert game.phase == "cards" and game.role_turn() is None
    (_turn, card, role, opening, ai, by, line) = game.role_acts[-1]
    assert (card, role, by, opening, line) == (CARD, "agency_owner", "ai", ai, "")
    view = game.current_card()
    assert view is not None and view.acted_by == "agency_owner" and view.opening == opening
    assert view.opened_by == "ai" and view.opening_label


def test_the_ais_pick_is_seeded_the_same_seed_gives_the_same_pick(shipped_content: Content) -> None:
    picks = {seed: _at_card(shipped_content, seed=seed).role_acts[-1][3] for seed in range(12)}
    assert picks == {seed: _at_card(shipped_content, seed=seed).role_acts[-1][3] for seed in range(12)}
    assert len(set(picks.values())) > 1  # the seed matters


def test_a_held_role_makes_the_card_wait_for_its_player(shipped_content: Content) -> None:
    game = _at_card(shipped_content, roles=["agency_owner"])
    assert game.phase == "role"
    turn = game.role_turn()
    assert turn is not None and turn.role == "agency_owner" and turn.card == CARD
    assert turn.text and turn.goal and turn.line_prompt
    assert sum(o.suggested for o in turn.openings) == 1
    assert turn.suggestion == game.suggested_opening().opening  # type: ignore[union-attr]
    assert game.choice_actions() == []
    with pytest.raises(RulesError):
        game.apply(Choose(CARD, 0))
    with pytest.raises(RulesError):
        game.apply(Act("nia_liaison", "leash_rate"))
    options = game.role_options()
    assert {a.opening for a in options} == {o.id for o in turn.openings if o.available}
    game.apply(dataclasses.replace(Act("agency_owner", "leash_rate"), line="We will sign for them all."))
    assert game.phase == "cards"
    assert "leash_asks_rate" in game.flags and "leash_asks_monopoly" not in game.flags
    card = game.current_card()
    assert card is not None and "RMB 300" in card.text and card.role_line == "We will sign for them all."
    assert card.opened_by == "player"


def test_an_empty_act_hands_the_role_back_to_the_ai(shipped_content: Content) -> None:
    game = _at_card(shipped_content, roles="all")
    ai = game.suggested_opening()
    assert ai is not None
    game.apply(Act("agency_owner"))
    assert game.role_acts[-1][3] == ai.opening and game.role_acts[-1][5] == "timeout"


def test_holding_a_role_does_not_change_the_cards_that_come_later(shipped_content: Content) -> None:
    def months(roles: object) -> list[tuple[str, ...]]:
        game = Game.new(shipped_content, seed=8, options={"roles": roles} if roles else {})
        hands = []
        while not game.is_over and game.turn < 20:
            phase = game.phase
            if phase == "role":
                game.apply(game.suggested_opening())  # type: ignore[arg-type]
            elif phase == "counterpart":
                game.apply(game.reply_options()[-1])
            elif phase == "talks":
                from game.engine.actions import WalkAway

                game.apply(WalkAway())
            elif phase == "cards":
                game.apply(game.choice_actions()[0])
            else:
                hands.append(tuple(game.hand))
                game.apply(EndMonth())
        return hands

    assert months(None) == months("all")


def test_every_roles_objective_is_scored_at_the_end(shipped_content: Content) -> None:
    game = Game.new(shipped_content, seed=11)
    play_months(game, 40)
    assert game.is_over
    for role in ROLES:
        outcome = game.role_outcome(role)
        assert outcome.final and outcome.grade in ("met", "partly", "not") and outcome.goal and outcome.text
        expected = "met" if outcome.score >= outcome.met_at else "partly" if outcome.score >= outcome.partly_at \
            else "not"
        assert outcome.grade == expected
    with pytest.raises(RulesError):
        game.role_outcome("smuggler")


def test_the_debrief_shows_each_roles_objective_and_outcome(shipped_content: Content) -> None:
    from game.report import debrief_html, debrief_markdown, gather

    game = Game.new(shipped_content, seed=11, options={"roles": ["agency_owner"]})
    while not game.is_over:
        phase = game.phase
        if phase == "role":
            game.apply(game.role_options()[-1])
        elif phase == "counterpart":
            game.apply(game.reply_options()[0])
        elif phase == "talks":
            from game.engine.actions import WalkAway

            game.apply(WalkAway())
        elif phase == "cards":
            game.apply(game.choice_actions()[0])
        else:
            game.apply(EndMonth())
    d = gather(game)
    md, html = debrief_markdown(d), debrief_html(d)
    assert "Roles: objectives and outcomes" in md and '<section class="roles">' in html
    for role in ROLES:
        outcome = game.role_outcome(role)
        grade = {"met": "met", "partly": "partly met", "not": "not met"}[outcome.grade]
        assert f"### {outcome.name}" in md and " ".join(outcome.goal.split()) in md and f"**Outcome: {grade}**" in md
    assert "played by a student" in md


def test_a_save_with_role_acts_replays_to_the_same_game(shipped_content: Content, store: SaveStore) -> None:
    game = _at_card(shipped_content, roles=["agency_owner"], seed=4)
    game.apply(Act("agency_owner", "leash_free", "Nothing, for now."))
    play_months(game, 3)
    store.save(game, "roles")
    loaded = store.load(shipped_content, "roles")
    assert state_bytes(loaded) == state_bytes(game)
    assert loaded.role_acts == game.role_acts
    assert any(a[3] == "leash_free" and a[5] == "player" and a[6] == "Nothing, for now." for a in loaded.role_acts)



def test_a_classs_live_roles_open_cards_but_leave_their_talks_to_the_ai(shipped_content: Content) -> None:
    """In a browser class (option live_roles) a held role's holder answers from another tab, for cards only:
    talks with that role's counterpart are not hot seat on the bureau's keyboard."""
    from game.engine.actions import Force

    phases = {}
    for live in (False, True):
        options: dict[str, object] = {"dev": True, "roles": ["nia_liaison"]}
        if live:
            options["live_roles"] = True
        game = Game.new(shipped_content, seed=3, options=options)
        game.apply(Force("agencies_petition_for_longer_permits", now=True))
        talks = next(c for c in game.choices() if c.negotiate == "permit_length")
        assert talks.action is not None
        game.apply(talks.action)
        phases[live] = game.talks().hotseat if game.talks() is not None else None  # type: ignore[union-attr]
    assert phases == {False: True, True: False}
