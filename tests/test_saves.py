"""Saves: atomic, versioned, checked on load; a bad file never harms another save."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.content.compiled import Content
from game.engine import Game
from game.errors import SaveError
from game.saves import AUTOSAVE, SaveStore, check_slot


def _game(content: Content) -> Game:
    game = Game.new(content, seed=11)
    game.choose(0)
    return game


def test_save_and_load_round_trip(fixture_content: Content, store: SaveStore) -> None:
    game = _game(fixture_content)
    store.save(game, "before the inspection")
    loaded = store.load(fixture_content, "before the inspection")
    assert loaded.state.to_dict() == game.state.to_dict()
    assert loaded.current_card() == game.current_card()


def test_the_save_list_shows_month_and_meters_and_flags_bad_files(fixture_content: Content,
                                                                    store: SaveStore) -> None:
    store.save(_game(fixture_content), AUTOSAVE)
    (store.folder / "broken.json").write_text("{not json", encoding="utf-8")
    infos = {i.slot: i for i in store.list()}
    assert infos[AUTOSAVE].month == "August 2017" and infos[AUTOSAVE].meters["security"] == 45
    assert "damaged" in infos["broken"].problem
    assert store.load(fixture_content, AUTOSAVE).turn == 1  # the good save still loads


@pytest.mark.parametrize("content_of_file, message", [
    (b"", "not valid JSON"),
    (b"\xff\xfe garbage", "not valid JSON"),
    (b'{"format": "something-else"}', "is not a Friendship Pass save"),
    (b'{"format": "friendship-pass-save", "version": 9, "min_version": 9, "state": {}, "summary": {}}',
     "made by a newer version of the game"),
])
def test_unusable_files_give_a_clear_message(fixture_content: Content, store: SaveStore, content_of_file: bytes,
                                             message: str) -> None:
    store.folder.mkdir(parents=True)
    (store.folder / "bad.json").write_bytes(content_of_file)
    with pytest.raises(SaveError, match=message):
        store.load(fixture_content, "bad")


def test_truncated_save_is_refused(fixture_content: Content, store: SaveStore) -> None:
    path = store.save(_game(fixture_content), "slot")
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    with pytest.raises(SaveError, match="damaged"):
        store.load(fixture_content, "slot")


def _edit(path: Path, change) -> None:  # noqa: ANN001 - a small test helper
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_hand_edited_saves_are_refused(fixture_content: Content, store: SaveStore) -> None:
    path = store.save(_game(fixture_content), "slot")
    _edit(path, lambda d: d["state"]["values"].__setitem__("security", 400))
    with pytest.raises(SaveError, match="meter 'security' is 400, outside 0..100"):
        store.load(fixture_content, "slot")
    path = store.save(_game(fixture_content), "slot")
    _edit(path, lambda d: d["state"]["hand"].__setitem__(0, "no_such_card"))
    with pytest.raises(SaveError, match="card 'no_such_card'"):
        store.load(fixture_content, "slot")


def test_a_save_from_other_content_is_refused(fixture_content: Content, shipped_content: Content,
                                              store: SaveStore) -> None:
    store.save(_game(fixture_content), "slot")
    with pytest.raises(SaveError, match="different content"):
        store.load(shipped_content, "slot")


@pytest.mark.parametrize("name", ["../escape", "a/b", "x\0y", "", " lead", "x" * 65, ".hidden"])
def test_slot_names_that_could_escape_the_folder_are_refused(name: str) -> None:
    with pytest.raises(SaveError, match="not a usable save name"):
        check_slot(name)


def test_saving_leaves_no_temp_files_behind(fixture_content: Content, store: SaveStore) -> None:
    for _ in range(3):
        store.save(_game(fixture_content), AUTOSAVE)
    assert [p.name for p in store.folder.iterdir()] == ["autosave.json"]
