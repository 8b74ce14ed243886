"""Plain mode: the whole game line by line, driven by piped text as a script or screen reader would."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from game.content.compiled import Content
from game.engine.game import Game
from game.plain import PlainGame
from game.saves import AUTOSAVE, SaveStore
from tests.conftest import FIXTURE, REPO
from tests.helpers import play_months, with_card


def run_plain(content: Content, store: SaveStore, lines: list[str], preview: str = "full",
              game: Game | None = None, width: int = 78) -> tuple[Game, str]:
    out = io.StringIO()
    plain = PlainGame(game or Game.new(content, seed=7), store, preview=preview,
                      stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out, width=width)
    plain.run()
    return plain.game, out.getvalue()


def test_a_whole_game_plays_to_the_epilogue(fixture_content: Content, store: SaveStore) -> None:
    game, out = run_plain(fixture_content, store, ["1", "1", "l", ""] * 12)
    assert game.is_over
    assert "=== August 2017 · month 1 of 6 ===" in out
    assert "--- Card 1 of 2 · Test deck ---" in out and "The trial opens" in out
    assert "  1) Open wide  [Development +5, Security −5]" in out
    assert "--- Ledger for August 2017 (month 1) ---" in out
    assert "Security: 50 → 47 (−3)" in out and "        −5  Open wide" in out
    assert "What happened in history:" in out and "Your record:" in out and "friendship-pass report" in out
    assert store.load(fixture_content, AUTOSAVE).is_over


def test_the_game_opens_with_a_briefing_and_the_codex_answers(fixture_content: Content, store: SaveStore) -> None:
    _, out = run_plain(fixture_content, store, ["x quota", "x", "b"])
    assert out.count("— briefing ===") == 2  # at the start, and again on `b`
    assert "The game ends at once if Development at 0 or Security at 0" in out
    assert "Nothing in the codex matches 'quota'" in out


def test_preview_levels_hide_or_show_sizes(fixture_content: Content, store: SaveStore) -> None:
    _, meters = run_plain(fixture_content, store, [], preview="meters")
    _, hidden = run_plain(fixture_content, store, [], preview="hidden")
    assert "  1) Open wide  [Development ▲, Security ▼]" in meters
    assert "  1) Open wide\n" in hidden


def test_lines_wrap_on_words_within_the_width(fixture_content: Content, store: SaveStore) -> None:
    _, out = run_plain(fixture_content, store, ["1", "1", ""], width=40)
    long_lines = [line for line in out.splitlines() if len(line) > 40 and " " in line.strip()]
    assert not long_lines


def test_end_of_input_saves_the_month_so_far_and_exits_cleanly(fixture_content: Content, store: SaveStore) -> None:
    game, out = run_plain(fixture_content, store, ["1"])
    assert out.rstrip().endswith("Input ended; your game is saved. Goodbye.")
    loaded = store.load(fixture_content, AUTOSAVE)
    assert loaded.actions == game.actions and len(loaded.actions) == 1  # the month's first choice is kept


def test_garbage_and_long_lines_get_a_clear_prompt(fixture_content: Content, store: SaveStore) -> None:
    game, out = run_plain(fixture_content, store, ["banana", "9", "x" * 100_000, "1"])
    assert out.count("Please type a number from 1 to 2, or h for help.") == 3
    assert game.actions[0].choice == 0  # type: ignore[attr-defined]


def test_escape_sequences_in_text_are_shown_not_obeyed(fixture_content: Content, store: SaveStore) -> None:
    _, out = run_plain(fixture_content, store, ["s evil\x1b]0;x\x07name", "\x1b[2J"])
    assert "\x1b" not in out and "\\x1b" in out


def test_a_line_with_bytes_that_are_not_text_is_refused(fixture_content: Content, store: SaveStore) -> None:
    game, out = run_plain(fixture_content, store, ["1\udcff", "1"])
    assert "bytes that are not text" in out and len(game.actions) == 1


def test_why_shows_the_source_and_quote(fixture_content: Content, store: SaveStore) -> None:
    _, out = run_plain(fixture_content, store, ["w"])
    assert "Why is this here? Tester, A. (2024). A test source, §1:" in out and "“a quote”" in out


def test_named_save_and_policies_menu(fixture_content: Content, store: SaveStore) -> None:
    _, out = run_plain(fixture_content, store, ["s my slot", "p", "1", "1"])
    assert "Saved to" in out and (store.folder / "my slot.json").exists()
    assert "1) Strict — each month: Security +2, Development −1" in out
    assert "Policy changed." in out


def test_piped_stdin_through_the_real_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--content", str(FIXTURE), "--saves", str(tmp_path),
         "--seed", "7"], input="1\n2\n\n", capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Ledger for August 2017" in result.stdout
    assert (tmp_path / "autosave.json").exists()


def test_talks_in_plain_mode_show_the_table_every_round(fixture_content: Content, store: SaveStore) -> None:
    game = with_card(fixture_content, "petition", central_confidence=65)
    _, out = run_plain(fixture_content, store, ["1", "i", "o", "2", "", "a"], game=game, width=100)
    assert "--- Talks open: Permit length, with NIA ---" in out and "  NIA: Thirty days is the rule." in out
    assert "[Permit length with NIA · round 1 · rounds left: 3 · your standing: wary (+1.5)]" in out
    assert "They say they need:" in out and "What NIA cares about:" in out
    assert "  On the table: Ninety days" in out and "  NIA offers: Ninety days." in out
    assert "  Talks ended: Ninety days (a deal)" in out
    assert store.load(fixture_content, AUTOSAVE).value("permit_days") == 90


def test_hot_seat_talks_in_plain_mode(fixture_content: Content, store: SaveStore) -> None:
    from game.engine.actions import Force, SetValue

    game = Game.new(fixture_content, seed=7, options={"hotseat": ["permit_length"], "dev": True})
    game.apply(SetValue("central_confidence", "65"))
    game.apply(Force("petition", now=True))
    _, out = run_plain(fixture_content, store, ["1", "o", "2", "", "1", "a"], game=game)
    assert "Second player, you speak for NIA." in out
    assert "The most you may grant now: Ninety days" in out
    assert "Counter-offer: Ninety days  (the AI would choose this)" in out
    assert "  Talks ended: Ninety days (a deal)" in out


def test_reflection_prompt_is_asked_once_and_saved_for_the_debrief(fixture_content: Content, store: SaveStore) -> None:
    game = Game.new(fixture_content, seed=7)
    play_months(game, 5)
    assert game.turn == 6
    game2, out = run_plain(fixture_content, store, ["Keep the agencies close."] + ["1"] * 8 + ["l", ""] * 3,
                           game=game)
    assert out.count("--- A moment to reflect (for the debrief; press Enter to skip) ---") == 1
    assert "What would you tell your successor?" in out
    assert ("last_month", 6, "What would you tell your successor?", "Keep the agencies close.") in game2.reflections()


def test_a_mistyped_answer_does_not_print_the_card_again(fixture_content: Content, store: SaveStore) -> None:
    game, out = run_plain(fixture_content, store, ["9", "banana"])
    card = game.current_card()
    assert card is not None
    title = card.title
    assert out.count(title) == 1 and out.count("Please type a number from 1 to") == 2
    _, out = run_plain(fixture_content, store, ["h"])
    assert out.count(title) == 2  # after the help, the card is shown again
