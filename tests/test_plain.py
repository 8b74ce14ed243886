"""Plain mode: the whole game line by line, driven by piped text as a script or screen reader would."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from game.content.compiled import Content
from game.engine import Game
from game.plain import PlainGame
from game.saves import AUTOSAVE, SaveStore
from tests.conftest import FIXTURE, REPO


def run_plain(content: Content, store: SaveStore, lines: list[str], preview: str = "full") -> tuple[Game, str]:
    out = io.StringIO()
    plain = PlainGame(Game.new(content, seed=7), store, preview=preview, stdin=io.StringIO("\n".join(lines) + "\n"),
                      stdout=out)
    plain.run()
    return plain.game, out.getvalue()


def test_a_whole_game_plays_to_the_epilogue(fixture_content: Content, store: SaveStore) -> None:
    game, out = run_plain(fixture_content, store, ["1", "1", ""] * 12)
    assert game.is_over
    assert "=== August 2017 · month 1 of 6 ===" in out
    assert "--- Card 1 of 2 · Test deck ---" in out and "The trial opens" in out
    assert "  1) Open wide  [Development +5, Security −5]" in out
    assert "--- Ledger for August 2017 (month 1) ---" in out
    assert "Security: 50 → 47 (−3)" in out and "        −5  Open wide" in out
    assert "What happened in history:" in out
    assert store.load(fixture_content, AUTOSAVE).is_over


def test_preview_levels_hide_or_show_sizes(fixture_content: Content, store: SaveStore) -> None:
    _, meters = run_plain(fixture_content, store, [], preview="meters")
    _, hidden = run_plain(fixture_content, store, [], preview="hidden")
    assert "  1) Open wide  [Development ▲, Security ▼]" in meters
    assert "  1) Open wide\n" in hidden


def test_end_of_input_saves_and_exits_cleanly(fixture_content: Content, store: SaveStore) -> None:
    game, out = run_plain(fixture_content, store, ["1"])
    assert out.rstrip().endswith("Input ended; your game is saved. Goodbye.")
    assert store.load(fixture_content, AUTOSAVE).state.to_dict() == game.state.to_dict()


def test_garbage_and_long_lines_get_a_clear_prompt(fixture_content: Content, store: SaveStore) -> None:
    game, out = run_plain(fixture_content, store, ["banana", "9", "x" * 100_000, "1"])
    assert out.count("Please type a number from 1 to 2, or h for help.") == 3
    assert game.state.log[0]["choice"] == 0


def test_why_shows_the_source_and_quote(fixture_content: Content, store: SaveStore) -> None:
    _, out = run_plain(fixture_content, store, ["w"])
    assert "Why is this here? Tester, A. (2024). A test source., §1:" in out and "“a quote”" in out


def test_named_save_and_policies_menu(fixture_content: Content, store: SaveStore) -> None:
    _, out = run_plain(fixture_content, store, ["s my slot", "p", "1", "1"])
    assert "Saved to" in out and (store.folder / "my slot.json").exists()
    assert "1) Strict — monthly: Security 2, Development -1" in out or "1) Strict" in out
    assert "Policy changed." in out


def test_piped_stdin_through_the_real_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--content", str(FIXTURE), "--saves", str(tmp_path),
         "--seed", "7"], input="1\n2\n\n", capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Ledger for August 2017" in result.stdout
    assert (tmp_path / "autosave.json").exists()


def test_hot_seat_talks_in_plain_mode(fixture_content: Content, store: SaveStore) -> None:
    out = io.StringIO()
    game = Game.new(fixture_content, seed=7, options={"hotseat": ["permit_length"]})
    script = "1\n1\n\n1\n2\n3\n5\n1\n"  # month 1; ask Beijing; talk control; hold; ask for less; accept
    PlainGame(game, store, stdin=io.StringIO(script), stdout=out).run()
    text = out.getvalue()
    assert "--- Negotiation: Permit length ---" in text and "  NIA: Thirty days is the rule." in text
    assert "Second player, you speak for NIA:" in text
    assert "  3) Hold firm and let them try again  (the AI would choose this)" in text
    assert "  Talks ended: Ninety days" in text
    assert store.load(fixture_content, AUTOSAVE).value("permit_days") == 90


def test_reflection_prompt_is_asked_once_and_saved_for_the_debrief(fixture_content: Content, store: SaveStore) -> None:
    game = Game.new(fixture_content, seed=7)
    while game.turn < 6:  # reach the last month, where the fixture asks its reflection
        if game.talks() is not None:
            game.talk("walk_away")
        elif game.current_card() is not None:
            game.choose(0)
        else:
            game.end_month()
    out = io.StringIO()
    script = "Keep the agencies close.\n" + "1\n" * 8 + "\n"
    PlainGame(game, store, stdin=io.StringIO(script), stdout=out).run()
    text = out.getvalue()
    assert text.count("--- A moment to reflect (for the debrief; press Enter to skip) ---") == 1
    assert "What would you tell your successor?" in text
    assert game.state.reflections["last_month"]["answer"] == "Keep the agencies close."
