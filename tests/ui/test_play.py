"""Playing with the keyboard, as a player would, on the small fixture content."""

from __future__ import annotations

from game.saves import AUTOSAVE
from tests.ui.conftest import (
    REFLECTION,
    SEED,
    mode,
    new_game,
    play_month,
    press,
    screen_name,
    screen_text,
    start_new_game,
    until,
)


async def test_full_game_title_to_ending_at_80x24(new_app) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new_game(pilot)
        game = app.controller.game
        assert str(game.seed) == SEED
        assert "August 2017 · month 1 of 6" in screen_text(app)
        for _ in range(8):
            if game.is_over:
                break
            await play_month(pilot)
        await until(pilot, lambda: screen_name(app) == "EndingScreen", "the ending")
        text = screen_text(app)
        assert game.ending().title.upper() in text
        assert "How the meters moved" in text
        assert app.store.path(AUTOSAVE).exists()
        assert [answer for _, _, _, answer in game.reflections()] == [REFLECTION]
        await press(pilot, "q")  # the game is saved: q on the ending quits without asking
    assert app.return_code == 0


async def test_one_screen_updated_in_place_from_card_to_ledger(new_app, ui_content) -> None:
    """Results, the month's end and the ledger are pages of the main screen, not new screens."""
    app = new_app(game=new_game(ui_content))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: mode(app) == "card")
        play = app.screen
        page = play.query_one("#page")
        widgets = len(list(play.walk_children()))
        for key, expected in [("1", "result"), ("enter", "card"), ("1", "result"), ("enter", "talks")]:
            await press(pilot, key)
            await until(pilot, lambda: mode(app) == expected, expected)  # noqa: B023 - used at once
            assert app.screen is play and play.query_one("#page") is page
        assert len(list(play.walk_children())) == widgets


async def test_locked_choice_says_why_and_does_nothing(new_app, ui_content) -> None:
    game = new_game(ui_content)
    app = new_app(game=game)
    async with app.run_test(size=(100, 40)) as pilot:
        await until(pilot, lambda: mode(app) == "card")
        for _ in range(40):  # play on until the street fight (its third choice needs confidence 70)
            if any(not c.available for c in app.snapshot.choices) or game.is_over:
                break
            m = mode(app)
            await press(pilot, "2" if m in ("card", "talks") else "enter")
            if mode(app) == "reflection":
                await pilot.press("enter")
        locked = [i for i, c in enumerate(app.snapshot.choices) if not c.available]
        assert locked, "the fixed seed deals the street fight"
        assert "✗ locked:" in screen_text(app)
        before = len(game.actions)
        await press(pilot, str(locked[0] + 1))
        assert len(game.actions) == before and mode(app) == "card"
        assert f"Choice {locked[0] + 1} is locked" in screen_text(app)


async def test_a_key_that_does_nothing_says_so_and_the_footer_shows_the_working_keys(new_app, ui_content) -> None:
    app = new_app(game=new_game(ui_content))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: mode(app) == "card")
        footer = screen_text(app).splitlines()[-1]
        assert "1-2  choose" in footer and "Enter" not in footer and "offer" not in footer
        await press(pilot, "z")
        assert "z does nothing here" in screen_text(app)
        await press(pilot, "enter")
        assert "Enter does nothing here" in screen_text(app)
        await press(pilot, "1")
        await until(pilot, lambda: mode(app) == "result")
        footer = screen_text(app).splitlines()[-1]
        assert "Enter  continue" in footer and "choose" not in footer
        await press(pilot, "1")
        assert "1 does nothing here: press Enter to go on" in screen_text(app)


async def test_talks_screen_at_80x24_shows_the_table_without_scrolling(new_app, talks_content) -> None:
    app = new_app(talks_content, game=new_game(talks_content, preview="full"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: mode(app) == "card")
        await press(pilot, "1", "enter")
        await until(pilot, lambda: mode(app) == "talks")
        text = screen_text(app)
        for words in ("Talks: Agency fees", "Standing:", "rounds left", "No cap on fees", "A soft cap of RMB 120",
                      "A hard cap of RMB 90", "On the table: no offer yet", "They need:",
                      "1  Talk about growth", "o  offer", "l  leave", "i  interests"):
            assert words in text, words
        await press(pilot, "i")
        assert "Their interests" in screen_text(app) and "We need a margin on every worker" in screen_text(app)
        await press(pilot, "i", "o")
        await until(pilot, lambda: app.snapshot.talks.pane == "offer", "the offer pane")
        await press(pilot, "2", "3")
        text = screen_text(app)
        assert "(•) A hard cap of RMB 90" in text and "[x] A fast lane" in text
        assert "costs you: Security −2" in text
        assert "If they accept:" in text and "Development +4" in text
        await press(pilot, "enter")
        await until(pilot, lambda: len(app.controller.game.actions) == 2, "the proposal")
        assert app.controller.game.actions[-1].position == "hard_cap"
        if mode(app) == "talks":
            await press(pilot, "l", "l")
        await until(pilot, lambda: mode(app) == "talks_outcome", "the outcome")
        text = screen_text(app)
        assert "Talks ended: Agency fees" in text and "Every cost and gain" in text


async def test_hot_seat_replies_on_the_same_screen(new_app, talks_content) -> None:
    app = new_app(talks_content, game=new_game(talks_content, hotseat="all"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: mode(app) == "card")
        await press(pilot, "1", "enter", "o", "enter")
        await until(pilot, lambda: app.controller.game.phase == "counterpart", "the second player's turn")
        text = screen_text(app)
        assert "Second player: you speak for The agency association" in text
        assert "The most you may grant now: A hard cap of RMB 90" in text
        assert "the AI would choose this" in text and "1-" in text.splitlines()[-1]
        await press(pilot, "1")
        await until(pilot, lambda: app.controller.game.phase != "counterpart", "the reply")


async def test_reflection_is_typed_in_place_and_escape_skips(new_app, ui_content) -> None:
    game = new_game(ui_content)
    app = new_app(game=game)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: mode(app) == "card")
        for _ in range(5):
            await play_month(pilot)
            if game.reflections():
                break
        assert [a for *_, a in game.reflections()] == [REFLECTION]


async def test_help_lists_talks_ledger_and_ending_keys(new_app, ui_content) -> None:
    app = new_app(game=new_game(ui_content))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: mode(app) == "card")
        await press(pilot, "question_mark")
        await until(pilot, lambda: screen_name(app) == "HelpScreen", "help")
        help_screen = app.screen
        text = "\n".join(c.plain for c in help_screen.query_one("#help-page").lines(76))
        for words in ("A card  (now)", "Talks", "make an offer", "accept the offer", "leave the talks",
                      "The ledger", "Ending", "rewind", "debrief", "(+3)"):
            assert words in text, words
        await press(pilot, "escape")
        await until(pilot, lambda: screen_name(app) == "PlayScreen", "back to play")


async def test_resize_keeps_the_card_and_its_choices(new_app, ui_content) -> None:
    app = new_app(game=new_game(ui_content))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: mode(app) == "card")
        card = app.snapshot.card
        for size in ((80, 24), (160, 50), (80, 24), (120, 40)):
            await pilot.resize_terminal(*size)
            await until(pilot, lambda: tuple(app.screen.size) == size, "the resize")  # noqa: B023 - used at once
            await pilot.pause()
            text = screen_text(app)
            assert card.title in text, size
            for choice in app.snapshot.choices:
                assert choice.label in text, size
            assert "month 1 of 6" in text and "DEVELOPMENT" in text and "SECURITY" in text
            assert ("Counters" in text) == (size[0] >= 110) or size[0] < 110
