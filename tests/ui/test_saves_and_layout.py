"""Saves (named slots, load, a damaged file), resizing, and deck text that looks like markup."""

from __future__ import annotations

from game.engine.replay import replay
from game.saves import AUTOSAVE
from game.ui.app import make_app

from tests.ui.conftest import SEED, play_month, screen_name, screen_text, start_new_game


async def test_save_at_month_3_load_and_continue(new_app, ui_content, ui_store):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new_game(pilot)
        await play_month(pilot)
        await play_month(pilot)
        assert app.game.turn == 3
        await pilot.press("s")
        await pilot.pause()
        assert screen_name(app) == "SaveScreen"
        slot = app.screen.query_one("#slot")
        slot.value = "../escape"  # refused by SaveStore: the message is shown, nothing crashes
        await pilot.press("enter")
        await pilot.pause()
        assert "✗ Could not save:" in screen_text(app)
        slot.value = "month three"
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "MainScreen"
        log_at_save = list(app.game.state.log)
        await play_month(pilot)  # move on, then go back to the save
        assert app.game.turn == 4
        await pilot.press("l")
        await pilot.pause()
        assert screen_name(app) == "LoadScreen"
        text = screen_text(app)
        assert "month three" in text and "October 2017, month 3" in text
        infos = app.screen.infos
        await pilot.press(*["down"] * [i.slot for i in infos].index("month three"))
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "MainScreen"
        assert app.game.turn == 3 and app.game.state.log == log_at_save
        while not app.game.is_over:
            await play_month(pilot)
        await pilot.pause()
        assert screen_name(app) == "EndingScreen"
        # the loaded-and-continued game equals the uninterrupted one with the same inputs
        again = replay(ui_content, int(SEED), {"preview": "meters"}, app.game.state.log)
        assert again.state.values == app.game.state.values
        assert again.ending() == app.game.ending()


async def test_broken_save_shows_error_and_app_keeps_running(new_app, ui_store):
    ui_store.folder.mkdir(parents=True)
    (ui_store.folder / "broken.json").write_text("{ this is not json", encoding="utf-8")
    (ui_store.folder / f"{AUTOSAVE}.json").write_text("[1, 2", encoding="utf-8")
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "no autosave yet" in screen_text(app)  # a damaged autosave is not offered
        await pilot.press("c")  # continue anyway: an error screen, not a crash
        await pilot.pause()
        assert screen_name(app) == "ErrorScreen"
        assert "not valid JSON" in screen_text(app)
        await pilot.press("enter", "l")
        await pilot.pause()
        assert screen_name(app) == "LoadScreen"
        text = screen_text(app)
        assert "broken" in text and "cannot be used" in text
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "ErrorScreen"
        assert "not valid JSON" in screen_text(app)
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert screen_name(app) == "TitleScreen"
        await start_new_game(pilot)  # and the game still plays
        assert app.game is not None and app.is_running


async def test_resize_keeps_card_and_choices(new_app):
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_new_game(pilot)
        card = app.game.current_card()
        for size in ((80, 24), (160, 50), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            text = screen_text(app)
            assert card.title in text, size
            for choice in app.game.choices():
                assert choice.label in text, size
            assert "month 1 of 6" in text and "DEVELOPMENT" in text and "SECURITY" in text


async def test_markup_in_deck_text_is_shown_literally(markup_content, ui_store):
    app = make_app(markup_content, ui_store, seed=SEED)
    async with app.run_test(size=(160, 50)) as pilot:
        await start_new_game(pilot)
        await pilot.press("1", "enter")  # the launch card; the markup card comes second
        await pilot.pause()
        assert app.game.current_card().id == "markup_card"
        text = screen_text(app)
        assert "Brackets [docs] in the title" in text
        assert "[bold]Not bold[/bold] clerk" in text
        assert "Read [bold]this[/italic] and [docs] then oops [/] here, see x [/a/path] y." in text
        assert "Choose [red]red[/red]" in text and "Or [/] this" in text
        assert "Markup [test] deck" in text
        await pilot.press("w")
        await pilot.pause()
        text = screen_text(app)
        assert "§[1]" in text and "a [/quote] with [b]brackets" in text
        await pilot.press("escape", "1")
        await pilot.pause()
        text = screen_text(app)
        assert "Outcome [/] with [link=x]no link[/link]." in text
        await pilot.press("enter")
        await pilot.pause()
        assert "Choose [red]red[/red]" in screen_text(app)  # in the log


async def test_save_in_talks_reopens_the_table(new_app, ui_content, ui_store):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new_game(pilot)
        await pilot.press("1", "enter")  # launch card
        await pilot.pause()
        assert app.game.current_card().id == "petition"
        await pilot.press("1", "enter")  # Ask Beijing: talks open
        await pilot.pause()
        assert screen_name(app) == "TalksScreen"
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#slot").value = "talks"
        await pilot.press("enter")
        await pilot.pause()
    game = ui_store.load(ui_content, "talks")
    assert game.talks() is not None
    again = make_app(ui_content, ui_store, game=game)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_name(again) == "TalksScreen"
        assert "Negotiation: Permit length" in screen_text(again)
