"""The full-screen game in Chinese and Vietnamese: snapshots of the main screen and a talks round at 80×24,
the language picked on the title screen as a player would, and the language kept in the save.

These tests play the shipped content (translated in full), not the small English fixture decks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from game.content.cache import load_cached
from game.content.compiled import Content
from game.engine.actions import EndMonth, Reflect
from game.engine.game import Game
from game.i18n import language
from game.saves import AUTOSAVE, SaveStore
from game.ui.app import make_app
from tests.ui.conftest import mode, press, screen_name, screen_text, until

CONTENT = Path(__file__).resolve().parents[2] / "content"
SEED = 123456
SMALL = (80, 24)

# Words that may stay in Latin letters on a Chinese screen: key names, the game's name, the preview glyphs.
KEY_WORDS = {"Enter", "Esc", "Escape", "Ctrl", "Tab", "Space", "PgUp", "PgDn", "F1"}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Content:
    """The shipped content as `play` starts it: from the compiled-content cache (records, not models)."""
    folder = tmp_path_factory.mktemp("cache")
    load_cached(CONTENT, folder=folder)
    return load_cached(CONTENT, folder=folder)


def game_at_talks(content: Content, lang: str) -> Game:
    """A game in `lang` played (first choice that opens talks, else the first available) until talks open."""
    game = Game.new(content, seed=SEED, options={"preview": "meters"})
    game.use_language(lang)
    for _ in range(300):
        due = game.pending_reflection()
        if due is not None:
            game.apply(Reflect(due[0], ""))
            continue
        if game.talks() is not None:
            return game
        if game.phase == "cards":
            choices = [c for c in game.choices() if c.available and c.action is not None]
            talks = [c for c in choices if c.negotiate]
            action = (talks or choices)[0].action
            assert action is not None
            game.apply(action)
        else:
            game.apply(EndMonth())
    raise AssertionError("no talks opened")


def new_game(content: Content, lang: str) -> Game:
    game = Game.new(content, seed=SEED, options={"preview": "meters"})
    game.use_language(lang)
    return game


class TestLanguageSnapshots:
    """The main screen and a talks round at 80×24, in Chinese and Vietnamese."""

    @pytest.mark.parametrize("lang", ["zh", "vi"])
    def test_card(self, snap_compare: Any, shipped: Content, tmp_path: Path, lang: str) -> None:
        """The first card of a new game."""
        app = make_app(shipped, SaveStore(tmp_path / "saves"), game=new_game(shipped, lang), lang=lang)

        async def run_before(pilot: Pilot[Any]) -> None:
            await until(pilot, lambda: mode(app) == "card", "the first card")

        assert snap_compare(app, terminal_size=SMALL, run_before=run_before)

    @pytest.mark.parametrize("lang", ["zh", "vi"])
    def test_talks(self, snap_compare: Any, shipped: Content, tmp_path: Path, lang: str) -> None:
        """A talks round: the table pinned on top, what was said, the moves."""
        app = make_app(shipped, SaveStore(tmp_path / "saves"), game=game_at_talks(shipped, lang), lang=lang)

        async def run_before(pilot: Pilot[Any]) -> None:
            await until(pilot, lambda: mode(app) == "talks", "the talks")
            await press(pilot, "1")
            await until(pilot, lambda: app.snapshot.talks is not None and len(app.snapshot.talks.transcript) > 0,
                        "the first round said")

        assert snap_compare(app, terminal_size=SMALL, run_before=run_before)


def english_words(text: str) -> list[str]:
    """Latin-letter words of three letters or more that are not key names (Vietnamese letters with
    diacritics are not ASCII, so a Vietnamese screen is checked by the catalog tests instead)."""
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in KEY_WORDS]


async def test_picking_chinese_on_the_title_plays_the_game_in_chinese(shipped: Content, tmp_path: Path) -> None:
    app = make_app(shipped, SaveStore(tmp_path / "saves"), seed=str(SEED))
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: app.ready and screen_name(app) == "TitleScreen", "the title")
        assert "New game" in screen_text(app)
        await press(pilot, "L")  # English → 中文
        await until(pilot, lambda: "新游戏" in screen_text(app), "the title in Chinese")
        assert language() == "zh"
        assert "[中文]" in screen_text(app)
        await press(pilot, "n")
        await until(pilot, lambda: screen_name(app) == "NewGameScreen", "the new-game screen")
        assert "语言" in screen_text(app) and "种子" in screen_text(app)
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: screen_name(app) == "BriefingScreen", "the briefing")
        assert "任务简报" in screen_text(app)
        await press(pilot, "enter")
        await until(pilot, lambda: mode(app) == "card", "the first card")
        game = app.controller.game
        assert game is not None and game.lang == "zh"
        shown = screen_text(app)
        assert not english_words(shown), f"English on the Chinese screen: {english_words(shown)}\n{shown}"
        await press(pilot, "1")  # a choice's result, in Chinese too
        await until(pilot, lambda: mode(app) == "result", "the result")
        shown = screen_text(app)
        assert "你选择了" in shown
        assert not english_words(shown), f"English on the Chinese screen: {english_words(shown)}\n{shown}"


async def test_l_switches_the_game_in_play_and_redraws_the_screen(shipped: Content, tmp_path: Path) -> None:
    app = make_app(shipped, SaveStore(tmp_path / "saves"), game=new_game(shipped, "en"))
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: mode(app) == "card", "the first card")
        english_title = app.snapshot.card.title if app.snapshot.card else ""
        await press(pilot, "L")
        await until(pilot, lambda: language() == "zh" and "选择" in screen_text(app), "the card in Chinese")
        card = app.snapshot.card
        assert card is not None and card.title != english_title
        assert app.controller.game is not None and app.controller.game.lang == "zh"
        await press(pilot, "L")
        await until(pilot, lambda: language() == "vi" and "chọn" in screen_text(app), "the card in Vietnamese")


async def test_the_language_is_kept_in_the_save_and_continue_speaks_it(shipped: Content, tmp_path: Path) -> None:
    store = SaveStore(tmp_path / "saves")
    app = make_app(shipped, store, seed=str(SEED))
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: app.ready and screen_name(app) == "TitleScreen", "the title")
        await press(pilot, "L", "L")  # → 中文 → Tiếng Việt
        await until(pilot, lambda: "Ván mới" in screen_text(app), "the title in Vietnamese")
        await press(pilot, "n")
        await until(pilot, lambda: screen_name(app) == "NewGameScreen", "the new-game screen")
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: screen_name(app) == "BriefingScreen", "the briefing")
        await press(pilot, "enter")
        await until(pilot, lambda: mode(app) == "card", "the first card")
        app.controller.autosave()
    assert store.load(shipped, AUTOSAVE).lang == "vi"

    from game.i18n import set_language

    set_language("en")  # a new session, started in English with no --lang
    again = make_app(shipped, store, seed=str(SEED))
    async with again.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: again.ready and screen_name(again) == "TitleScreen", "the title")
        await press(pilot, "c")
        await until(pilot, lambda: mode(again) == "card", "the game continued")
        assert again.controller.game is not None and again.controller.game.lang == "vi"
        assert language() == "vi"
        assert "chọn" in screen_text(again)


async def test_the_new_game_screen_switches_language_and_keeps_what_was_typed(shipped: Content,
                                                                              tmp_path: Path) -> None:
    app = make_app(shipped, SaveStore(tmp_path / "saves"), seed=str(SEED))
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: app.ready and screen_name(app) == "TitleScreen", "the title")
        await press(pilot, "n")
        await until(pilot, lambda: screen_name(app) == "NewGameScreen", "the new-game screen")
        from textual.widgets import Input, RadioButton

        app.screen.query_one("#seed", Input).value = "777"
        app.screen.query_one("#lang-zh", RadioButton).value = True
        await until(pilot, lambda: language() == "zh" and "种子" in screen_text(app), "the screen in Chinese")
        assert app.screen.query_one("#seed", Input).value == "777"
        assert "-ZH" in screen_text(app)  # the class code shown carries the language
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: screen_name(app) == "BriefingScreen", "the briefing")
        game = app.controller.game
        assert game is not None and game.lang == "zh" and str(game.seed) == "777"


def test_a_class_code_may_carry_a_language_and_reads_as_the_same_class(shipped: Content) -> None:
    from game.classroom import code_language, make_code, read_code, split_language

    plain = make_code(shipped, 4242, "meters")
    chinese = make_code(shipped, 4242, "meters", "zh")
    assert chinese == plain + "-ZH" and code_language(chinese) == "zh" and code_language(plain) is None
    assert read_code(shipped, chinese) == read_code(shipped, plain) == (4242, "meters")
    assert split_language(plain.lower() + "-v1") == (plain.lower(), "vi")  # typed by hand
    assert make_code(shipped, 4242, "meters", "en") == plain


async def test_l_on_the_briefing_redraws_it_in_the_next_language(shipped: Content, tmp_path: Path) -> None:
    app = make_app(shipped, SaveStore(tmp_path / "saves"), seed=str(SEED))
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: app.ready and screen_name(app) == "TitleScreen", "the title")
        await press(pilot, "n")
        await until(pilot, lambda: screen_name(app) == "NewGameScreen", "the new-game screen")
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: "Who you are" in screen_text(app), "the briefing")
        await press(pilot, "L")
        await until(pilot, lambda: "你的身份" in screen_text(app), "the briefing in Chinese")
        await press(pilot, "enter")
        await until(pilot, lambda: mode(app) == "card", "the first card")
        assert app.controller.game is not None and app.controller.game.lang == "zh"
