"""Saves: the action log, atomic, versioned, checked on load; a bad file never harms another save."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from game.content.compiled import Content
from game.engine.game import Game
from game.errors import SaveError
from game.saves import AUTOSAVE, SaveStore, check_slot
from game.sim import play_one
from tests.helpers import choose, state_bytes


def _game(content: Content) -> Game:
    game = Game.new(content, seed=11)
    choose(game, 0)
    return game


def test_save_and_load_round_trip(fixture_content: Content, store: SaveStore) -> None:
    game = _game(fixture_content)
    store.save(game, "before the inspection")
    loaded = store.load(fixture_content, "before the inspection")
    assert state_bytes(loaded) == state_bytes(game)
    assert loaded.current_card() == game.current_card()


def test_a_save_holds_actions_and_ids_not_content_text(shipped_content: Content, store: SaveStore) -> None:
    game = play_one(shipped_content, 3, "random", record=True)
    path = store.save(game, "whole game")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert set(doc) >= {"seed", "options", "actions", "digest", "content", "summary"} and "state" not in doc
    first_card = game.card(game.decisions()[0][1])
    assert first_card.text[:40] not in path.read_text(encoding="utf-8")
    assert path.stat().st_size < 200_000


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
    (b'{"format": "friendship-pass-save", "version": 1, "min_version": 1, "state": {}, "summary": {}}',
     "made by an earlier version"),
    (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    (b'{"format": "friendship-pass-save", "version": 2, "min_version": 2, "seed": ' + b"9" * 5000 + b"}",
     "not valid JSON"),
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


def _edit(path: Path, change: Any) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


@pytest.mark.parametrize("change, message", [
    (lambda d: d["actions"][0].__setitem__("choice", 9), "choices 1 to 2, not 10"),
    (lambda d: d["actions"][0].__setitem__("card", "no_such_card"), "no_such_card"),
    (lambda d: d["actions"].append({"kind": "launch_missiles"}), "not an action"),
    (lambda d: d["actions"][0].__setitem__("choice", "zero"), "should be a small number"),
    (lambda d: d.__setitem__("actions", {"a": 1}), "actions"),
    (lambda d: d.__setitem__("seed", [1, 2]), "seed"),
    (lambda d: d.__setitem__("digest", "0" * 32), "does not replay to the saved game"),
])
def test_hand_edited_saves_are_refused_with_one_clear_line(fixture_content: Content, store: SaveStore,
                                                          change: Any, message: str) -> None:
    path = store.save(_game(fixture_content), "slot")
    _edit(path, change)
    with pytest.raises(SaveError, match=message) as info:
        store.load(fixture_content, "slot")
    assert "\n" not in str(info.value)


def test_a_huge_file_is_refused_before_it_is_read(fixture_content: Content, store: SaveStore) -> None:
    store.folder.mkdir(parents=True)
    with open(store.folder / "huge.json", "wb") as fh:
        fh.truncate(500 * 1024 * 1024)  # sparse: 500 MB on paper, nothing on disk
    with pytest.raises(SaveError, match="too large to be a save file"):
        store.load(fixture_content, "huge")


def test_a_save_from_other_content_that_no_longer_replays_is_refused(fixture_content: Content,
                                                                      shipped_content: Content,
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


def test_a_new_game_never_overwrites_the_autosave_of_another_unfinished_game(fixture_content: Content,
                                                                           store: SaveStore) -> None:
    first = _game(fixture_content)
    store.save(first)
    choose(first, 0)
    store.save(first)  # the same game, later on: the autosave moves on with it
    assert store.kept is None
    second = Game.new(fixture_content, seed=12)
    store.save(second)
    assert store.kept == "earlier-autosave-1"
    assert state_bytes(store.load(fixture_content, "earlier-autosave-1")) == state_bytes(first)
    assert store.load(fixture_content, AUTOSAVE).seed == 12
    third = Game.new(fixture_content, seed=13)
    store.save(third)
    assert store.kept == "earlier-autosave-2"
    assert {s.slot for s in store.list()} == {AUTOSAVE, "earlier-autosave-1", "earlier-autosave-2"}


def test_switching_language_mid_game_keeps_one_autosave(fixture_content: Content, store: SaveStore) -> None:
    game = _game(fixture_content)
    store.save(game)
    game.use_language("zh")
    store.save(game)
    assert store.kept is None and [s.slot for s in store.list()] == [AUTOSAVE]
