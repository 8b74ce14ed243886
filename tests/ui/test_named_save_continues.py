"""A named save mid-month is also where `play --continue` resumes (a reviewer lost a month's choices)."""

from __future__ import annotations

from pathlib import Path

from game.content.compiled import Content
from game.saves import AUTOSAVE, SaveStore
from game.ui_controller import Confirm, Controller, Number
from tests.ui.conftest import new_game


def test_continue_after_a_named_save_keeps_the_choices_made_this_month(ui_content: Content, tmp_path: Path) -> None:
    store = SaveStore(tmp_path / "saves")
    c = Controller(ui_content, store)
    c.start(new_game(ui_content))
    c.handle(Number(1))
    c.handle(Confirm())
    assert c.game is not None
    made = [a.to_json() for a in c.game.actions]
    c.save("trial one")
    assert not c.dirty  # so quitting now does not ask
    resumed = store.load(ui_content, AUTOSAVE)
    assert [a.to_json() for a in resumed.actions] == made
