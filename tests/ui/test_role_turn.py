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
        await until(pilot, lambda: mode(app) == "role_line", "the role's own line (this card asks for one)")
        await press(pilot, "escape")  # none
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
        await until(pilot, lambda: mode(app) == "role_line", "the role's own line")
        await press(pilot, "enter")  # an empty line: none
        await until(pilot, lambda: mode(app) == "card", "the card")
        assert game.role_acts[-1][3] == suggested.opening  # type: ignore[union-attr]


LINE_CARD = "nia_wants_proof_of_control"  # the NIA's card asks for a line in Gao's words


async def test_the_roles_player_types_their_own_line_and_the_bureau_reads_it(shipped_content: Content,
                                                                             store: SaveStore) -> None:
    game = Game.new(shipped_content, seed=5, options={"dev": True, "roles": ["nia_liaison"], "preview": "meters"})
    game.apply(Force(LINE_CARD, now=True))
    app = make_app(shipped_content, store, game=game)
    async with app.run_test(size=(100, 40)) as pilot:
        await until(pilot, lambda: app.ready and mode(app) == "role", "the role turn")
        await press(pilot, "1")
        await until(pilot, lambda: mode(app) == "role_line", "the line to type")
        text = screen_text(app)
        assert "You open it:" in text and "in Gao's words" in text
        assert "open it without a line" in text  # the footer says what Escape does
        await press(pilot, "q")  # a letter goes into the line, not to the footer's keys
        assert mode(app) == "role_line"
        await pilot.press(*"uestion: who answers for a runaway?", "enter")
        await until(pilot, lambda: mode(app) == "card", "the card, as the role opened it")
        assert "“question: who answers for a runaway?”" in screen_text(app)
        assert game.role_acts[-1][6] == "question: who answers for a runaway?"


async def test_escape_opens_the_card_without_a_line(shipped_content: Content, store: SaveStore) -> None:
    game = Game.new(shipped_content, seed=5, options={"dev": True, "roles": "all", "preview": "meters"})
    game.apply(Force(LINE_CARD, now=True))
    app = make_app(shipped_content, store, game=game)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.ready and mode(app) == "role", "the role turn")
        await press(pilot, "enter")  # the AI's suggestion, then the line
        await until(pilot, lambda: mode(app) == "role_line", "the line to type")
        await press(pilot, "escape")
        await until(pilot, lambda: mode(app) == "card", "the card")
        assert game.role_acts[-1][6] == "" and game.role_acts[-1][3] == game.role_acts[-1][4]
