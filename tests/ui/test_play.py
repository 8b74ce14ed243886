"""Playing the game with the keyboard, as a player would, on the small fixture content."""

from __future__ import annotations

from game.saves import AUTOSAVE

from tests.ui.conftest import SEED, play_month, screen_name, screen_text, start_new_game


async def test_full_game_title_to_ending(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "TitleScreen"
        assert "New game" in screen_text(app)
        await start_new_game(pilot)
        game = app.game
        assert str(game.state.seed) == SEED
        assert f"{game.month_label()} · month 1 of 6" in screen_text(app)
        months = 0
        while not game.is_over:
            await play_month(pilot)
            months += 1
            assert months <= 6
        await pilot.pause()
        assert screen_name(app) == "EndingScreen"
        ending = game.ending()
        assert ending.title.upper() in screen_text(app)
        assert app.store.path(AUTOSAVE).exists()
        if game.content.reflections:  # the fixture asks one reflection in the last month
            assert [r["answer"] for r in game.state.reflections.values()] == ["Pay attention to the agencies"]
        # q on the ending quits without asking (the game is saved)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_seed_and_preview_are_chosen_on_new_game(new_app):
    app = new_app(seed="42")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        seed_input = app.screen.query_one("#seed")
        assert seed_input.value == "42"
        seed_input.value = "777"
        app.screen.query_one("#full").value = True
        await pilot.pause()
        app.screen.action_start()
        await pilot.pause()
        assert app.game.state.seed == 777
        assert app.game.state.options == {"preview": "full"}
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Development +5" in text and "Security −5" in text  # full preview: direction and size


async def test_locked_choice_says_why_and_does_nothing(new_app):
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await start_new_game(pilot)
        game = app.game
        # play until a card with a locked choice appears (the fixture's street fight needs confidence 70)
        for _ in range(12):
            locked = [c for c in game.choices() if not c.available]
            if locked or game.is_over:
                break
            if game.current_card() is None:
                await pilot.press("enter", "enter")
            else:
                await pilot.press("2", "enter")
            await pilot.pause()
        assert locked, "the fixed seed deals the street fight, whose third choice needs confidence 70"
        text = screen_text(app)
        assert "✗ locked:" in text
        turn, pos = game.turn, game.state.hand_pos
        await pilot.press(str(locked[0].index + 1))
        await pilot.pause()
        assert (game.turn, game.state.hand_pos) == (turn, pos)
        assert screen_name(app) == "MainScreen"


async def test_why_policies_codex_help_and_theme(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new_game(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert screen_name(app) == "WhyScreen"
        assert "Tester, A. (2024)" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("p")
        await pilot.pause()
        assert screen_name(app) == "PoliciesScreen"
        assert "1 change left" in screen_text(app)
        await pilot.press("right", "up")  # options list: Strict is above Selective (current)
        await pilot.press("enter")
        await pilot.pause()
        assert app.game.value("enforcement") == "strict"
        assert "0 changes left" in screen_text(app)
        await pilot.press("down", "enter")  # back to selective: refused by the engine, shown as text
        await pilot.pause()
        assert app.game.value("enforcement") == "strict"
        assert "✗ Not possible:" in screen_text(app)
        await pilot.press("down", "enter")  # lax is locked
        await pilot.pause()
        assert "✗ locked: Not yet." in screen_text(app)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert screen_name(app) == "MainScreen"
        await pilot.press("x")
        await pilot.pause()
        assert screen_name(app) == "CodexScreen"
        await pilot.press(*"nia")
        await pilot.pause()
        text = screen_text(app)
        assert "Glossary (1)" in text and "Sources (0)" in text
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert screen_name(app) == "HelpScreen"
        await pilot.press("escape", "t")
        await pilot.pause()
        assert app.theme == "textual-light"
        await pilot.press("t")
        assert app.theme == "fp-high-contrast"


async def test_quit_asks_when_unsaved(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new_game(pilot)
        await pilot.press("1", "enter", "q")
        await pilot.pause()
        assert screen_name(app) == "ConfirmQuitScreen"
        await pilot.press("n")
        await pilot.pause()
        assert screen_name(app) == "MainScreen"
        await pilot.press("q", "s")
        await pilot.pause()
    assert app.return_code == 0
    saved = app.store.load(app.content, AUTOSAVE)
    assert saved.state.hand_pos == 1


async def test_hot_seat_talks_second_player_answers(new_app):
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#hotseat").value = True
        app.screen.action_start()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        game = app.game
        assert game.state.options["hotseat"] == "all"
        for _ in range(40):  # play until talks open
            if game.talks() is not None or game.is_over:
                break
            if screen_name(app) == "MainScreen" and game.current_card() is not None:
                labels = [c.label for c in game.choices()]
                pick = labels.index("Ask Beijing") if "Ask Beijing" in labels else 0
                await pilot.press(str(pick + 1))
            else:
                await pilot.press("enter")
            await pilot.pause()
        assert game.talks() is not None, "the fixed seed deals the petition card in month 1"
        await pilot.press("enter")  # close the result
        await pilot.pause()
        assert screen_name(app) == "TalksScreen"
        await pilot.press("1")  # the first player's move
        await pilot.pause()
        assert game.talks().awaiting == "counterpart"
        assert "Second player: you answer for NIA" in screen_text(app)
        assert "(the AI would choose this)" in screen_text(app)
        await pilot.press(str(len(game.reply_options())))  # end the talks
        await pilot.pause()
        assert game.talks() is None and "Talks ended" in screen_text(app)
        reply = next(e for e in game.state.log if "reply" in e)  # the second player's choice is on record
        assert reply["reply"] == "end" and reply["talks"] == "permit_length" and "suggested" in reply
