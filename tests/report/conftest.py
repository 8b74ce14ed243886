"""Saves for report tests: finished simulated games, an unfinished game, a class folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.compiled import Content
from game.engine.game import Game
from game.saves import SaveStore
from game.sim import play_one


def finished_with_talks(content: Content) -> Game:
    """The first simulated game (random strategy) that ends and holds at least one negotiation."""
    for seed in range(200):
        game = play_one(content, seed, "random")
        if game.state.talks_log and game.is_over:
            return game
    raise AssertionError("no simulated game held talks")


@pytest.fixture(scope="session")
def finished(shipped_content: Content) -> Game:
    return finished_with_talks(shipped_content)


@pytest.fixture(scope="session")
def class_folder(shipped_content: Content, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 simulated games on different seeds, saved as student00 … student19."""
    folder = tmp_path_factory.mktemp("class")
    store = SaveStore(folder)
    for i in range(20):
        store.save(play_one(shipped_content, 500 + i, "random"), f"student{i:02d}")
    return folder
