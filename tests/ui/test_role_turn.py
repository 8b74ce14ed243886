"""Hot seat by role on one keyboard: a card a held role opens waits for that role's player, who sees the
role's brief and the AI's suggestion and chooses; the bureau then sees the card as the role opened it."""

from __future__ import annotations

from game.content.compiled import Content
from game.engine.actions import Force
from game.engine.game import Game
from game.saves import SaveStore
from game.ui.app import make_app
from tests.ui.conftest import mode, press, screen_text, until

CARD = "agencies_hold_the_leash"


async def test_a_role_turn_shows_the_brief_and_the_ais_suggestion_and_the_player_chooses(
        shipped_content: Content, store: SaveStore) -> None:
    game = Game.new(shipped_content, seed=3, options={"dev": True, "roles": ["agency_owner"], "preview": "meters"})
    game.apply(Force(CARD, now=True))
    assert game.phase == "role"
    suggested = game.suggested_opening()
    app = make_app(shipped_content, store, game=game)
    async with app.run_test(size=(100, 40)) as pilot:
        await until(pilot, lambda: app.ready and mode(app) == "role", "the role turn")
        text = screen_text(app)
        assert "pass the keyboard" in text and "You want:" in text and "Your secret objective:" in text
        assert "the AI would choose this" in text
        assert "Ask for a floor on what agencies charge employers" in text
        await press(pilot, "9")
        assert mode(app) == "role" and "the openings are 1 to 3" in screen_text(app)
        await press(pilot, "2")  # a floor on fees
        await until(pilot, lambda: mode(app) == "card", "the card, as the role opened it")
        text = screen_text(app)
        assert "opened it:" in text and "RMB 300" in text
        act = game.role_acts[-1]
        assert act[3] == "leash_rate" and act[5] == "player" and act[4] == suggested.opening  # type: ignore[union-attr]


async def test_enter_on_a_role_turn_takes_the_ais_suggestion(shipped_content: Content, store: SaveStore) -> None:
    game = Game.new(shipped_content, seed=4, options={"dev": True, "roles": "all", "preview": "meters"})
    game.apply(Force(CARD, now=True))
    suggested = game.suggested_opening()
    app = make_app(shipped_content, store, game=game)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.ready and mode(app) == "role", "the role turn")
        await press(pilot, "enter")
        await until(pilot, lambda: mode(app) == "card", "the card")
        assert game.role_acts[-1][3] == suggested.opening  # type: ignore[union-attr]
