"""Class codes on the new-game screen; rewind, debrief and reflections on the ending screen."""

from __future__ import annotations

from game.classroom import make_code
from game.saves import AUTOSAVE

from tests.ui.conftest import SEED, play_month, screen_name, screen_text
from tests.ui.engine_games import REFLECTION, finished_game


async def _new_game_with_code(pilot, code: str) -> None:
    await pilot.press("n")
    await pilot.pause()
    pilot.app.screen.query_one("#class-code").focus()
    await pilot.press(*code, "enter")
    await pilot.pause()


async def test_new_game_shows_the_class_code_of_the_seed_as_it_changes(new_app, ui_content):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert make_code(ui_content, int(SEED), "meters") in screen_text(app)
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab")  # to the seed field
        assert app.focused is app.screen.query_one("#seed")
        await pilot.press("end", "backspace", "9")
        await pilot.pause()
        assert make_code(ui_content, 123459, "meters") in screen_text(app)
        app.screen.query_one("#full").value = True
        await pilot.pause()
        assert make_code(ui_content, 123459, "full") in screen_text(app)
        app.screen.query_one("#seed").value = "a word"
        await pilot.pause()
        assert "A class code needs a whole-number seed" in screen_text(app)


async def test_same_class_code_same_first_card(new_app, ui_content):
    code = make_code(ui_content, 4242, "full")
    cards, texts = [], []
    for default_seed in ("111", "999"):  # different seeds typed on the screen; the code overrides them
        app = new_app(seed=default_seed)
        async with app.run_test(size=(100, 40)) as pilot:
            await _new_game_with_code(pilot, code.lower())  # codes are read case-insensitively
            assert screen_name(app) == "BriefingScreen"
            await pilot.press("enter")
            await pilot.pause()
            assert screen_name(app) == "MainScreen"
            game = app.game
            assert game.state.seed == 4242
            assert game.state.options == {"preview": "full", "class_code": code}
            cards.append(game.current_card().id)
            texts.append(screen_text(app).split("\n", 1)[1])  # below the top bar
    assert cards[0] == cards[1]
    assert texts[0] == texts[1]


async def test_bad_class_code_shows_its_message_and_does_not_start(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _new_game_with_code(pilot, "NOT-A-CODE")
        assert screen_name(app) == "NewGameScreen"
        assert app.game is None
        assert "is not a class code" in screen_text(app)
        # a well-formed code made with other decks is refused with its own message
        app.screen.query_one("#class-code").value = "K7Q2M-M-3A9C"
        await pilot.pause()
        app.screen.action_start()
        await pilot.pause()
        assert screen_name(app) == "NewGameScreen" and app.game is None
        assert "other decks" in screen_text(app)
        # clearing the code starts the game from the seed
        app.screen.query_one("#class-code").value = ""
        await pilot.pause()
        app.screen.action_start()
        await pilot.pause()
        assert screen_name(app) == "BriefingScreen"
        assert "class_code" not in app.game.state.options


async def test_rewind_from_the_ending_plays_a_branch(new_app, ui_content):
    original = finished_game(ui_content, int(SEED))
    assert original.turn >= 2
    app = new_app(game=original)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "EndingScreen"
        await pilot.press("r")
        await pilot.pause()
        assert screen_name(app) == "RewindScreen"
        await pilot.press("9", "9", "enter")  # out of range: says so and stays
        await pilot.pause()
        assert screen_name(app) == "RewindScreen"
        assert f"from 1 to {original.turn}" in screen_text(app)
        await pilot.press("backspace", "backspace", "2", "enter")
        await pilot.pause()
        assert screen_name(app) == "MainScreen"
        branch = app.game
        assert branch is not original and branch.turn == 2 and not branch.is_over
        assert f"{branch.month_label()} · month 2 of" in screen_text(app)
        assert branch.state.log == [s for s in original.state.log if s["turn"] < 2]
        assert branch.state.timeline == original.state.timeline[:2]
        assert branch.state.options["branched_from"]["turn"] == 2
        assert app.dirty
        await play_month(pilot)  # the branch plays on from month 2
        assert branch.turn == 3


async def test_rewind_can_be_cancelled(new_app, ui_content):
    game = finished_game(ui_content, int(SEED))
    app = new_app(game=game)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r", "escape")
        await pilot.pause()
        assert screen_name(app) == "EndingScreen" and app.game is game


async def test_debrief_is_written_beside_the_saves(new_app, ui_content):
    app = new_app(game=finished_game(ui_content, int(SEED)))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        folder = app.store.path(AUTOSAVE).parent
        html = list(folder.glob(f"debrief-{SEED}-*.html"))
        md = list(folder.glob(f"debrief-{SEED}-*.md"))
        assert len(html) == 1 and len(md) == 1
        title = app.game.ending().title
        assert title in html[0].read_text(encoding="utf-8")
        assert title in md[0].read_text(encoding="utf-8")
        assert any(str(html[0]) in n.message for n in app._notifications)
        assert screen_name(app) == "EndingScreen"


async def test_reflections_are_shown_on_the_ending(new_app, ui_content):
    app = new_app(game=finished_game(ui_content, int(SEED)))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert app.game.state.reflections, "the fixture asks one reflection in the last month"
        await pilot.press("f")
        await pilot.pause()
        assert screen_name(app) == "ReflectionsScreen"
        assert REFLECTION in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "EndingScreen"
