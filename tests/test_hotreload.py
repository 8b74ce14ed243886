"""Hot reload: edited decks are picked up between months; broken edits are reported, the game goes on."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from game.content import load_content
from game.engine.game import Game
from game.hotreload import DeckWatcher
from tests.conftest import FIXTURE


def _touch_later(path: Path) -> None:
    stat = path.stat()
    os.utime(path, (stat.st_atime + 5, stat.st_mtime + 5))


def test_an_edited_deck_is_reloaded_and_a_broken_one_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    game = Game.new(load_content(root), seed=7)
    watcher = DeckWatcher(root, [])
    messages: list[str] = []
    assert watcher.reload(game, messages.append) is game and messages == []

    deck = root / "decks" / "test_deck.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace("Two workers fight.", "Two workers brawl."),
                    encoding="utf-8")
    _touch_later(deck)
    reloaded = watcher.reload(game, messages.append)
    assert reloaded is not game and reloaded.card("fight").text == "Two workers brawl."
    assert reloaded.turn == game.turn and reloaded.hand == game.hand and messages[-1].startswith("Decks reloaded")

    deck.write_text(deck.read_text(encoding="utf-8").replace("security: 4", "securty: 4"), encoding="utf-8")
    _touch_later(deck)
    kept = watcher.reload(reloaded, messages.append)
    assert kept is reloaded
    assert "unknown meter or counter 'securty'" in messages[-1] and "previous version" in messages[-1]
