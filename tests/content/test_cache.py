"""The compiled-content cache: a game started from it is the same game, it follows every change to the
decks, and a damaged or foreign cache file is never used (let alone run)."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.content import load_content
from game.content.cache import cache_key, load_cached
from game.engine.game import Game
from game.errors import ContentError
from game.sim import play_one
from tests.conftest import FIXTURE, REPO


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of the small fixture content an author may edit."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "content"))


def test_a_game_from_the_cache_is_the_same_game_as_from_the_decks(tmp_path: Path) -> None:
    fresh = load_content(REPO / "content")
    load_cached(REPO / "content", folder=tmp_path)  # the first start writes the cache
    cached = load_cached(REPO / "content", folder=tmp_path)
    assert cached.fingerprint == fresh.fingerprint
    for seed, strategy in [(1, "random"), (2, "balanced"), (3, "historical"), (4, "security-first")]:
        a, b = play_one(fresh, seed, strategy, record=True), play_one(cached, seed, strategy, record=True)
        assert a.ending_id == b.ending_id
        assert a.core_json() == b.core_json()
        assert [r.to_json() for r in a.records] == [r.to_json() for r in b.records]


def test_texts_from_the_cache_read_the_same_in_every_language(tmp_path: Path) -> None:
    fresh = load_content(REPO / "content")
    load_cached(REPO / "content", folder=tmp_path)
    cached = load_cached(REPO / "content", folder=tmp_path)
    for lang in ("en", "zh", "vi"):
        a, b = Game.new(fresh, seed=5), Game.new(cached, seed=5)
        a.use_language(lang)
        b.use_language(lang)
        assert a.current_card() == b.current_card()
        assert a.choices() == b.choices()
        assert a.meters() == b.meters() and a.policies() == b.policies()


def test_a_second_start_reads_no_deck(tmp_path: Path, content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_cached(content_copy, folder=tmp_path)

    def no_loading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the decks were loaded although nothing changed")

    monkeypatch.setattr("game.content.loader.load_content", no_loading)
    again = load_cached(content_copy, folder=tmp_path)
    assert again.fingerprint == first.fingerprint
    assert set(again.events) == set(first.events)


def test_an_edited_deck_is_played_as_edited(tmp_path: Path, content_copy: Path) -> None:
    before = load_cached(content_copy, folder=tmp_path)
    deck = next((content_copy / "decks").glob("*.yaml"))
    event = next(iter(before.events.values()))
    title = event.title.english()
    deck.write_text(deck.read_text(encoding="utf-8").replace(title, "An edited title", 1), encoding="utf-8")
    after = load_cached(content_copy, folder=tmp_path)
    assert after.fingerprint != before.fingerprint
    assert any(e.title.english() == "An edited title" for e in after.events.values())


def test_a_broken_deck_is_reported_even_with_a_cache(tmp_path: Path, content_copy: Path) -> None:
    load_cached(content_copy, folder=tmp_path)
    deck = next((content_copy / "decks").glob("*.yaml"))
    deck.write_text(deck.read_text(encoding="utf-8") + "\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_cached(content_copy, folder=tmp_path)
    assert any(p.path.endswith(deck.name) for p in err.value.problems)


def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path, content_copy: Path) -> None:
    good = load_cached(content_copy, folder=tmp_path)
    [cache] = tmp_path.glob("*.pickle")
    cache.write_bytes(cache.read_bytes()[:1000])  # cut short, as by a full disk
    again = load_cached(content_copy, folder=tmp_path)
    assert again.fingerprint == good.fingerprint
    assert len(cache.read_bytes()) > 1000  # written whole again


class _Payload:
    def __reduce__(self) -> tuple[object, ...]:
        return os.system, ("touch pwned",)


def test_a_foreign_cache_file_is_never_run(tmp_path: Path, content_copy: Path) -> None:
    good = load_cached(content_copy, folder=tmp_path)
    [cache] = tmp_path.glob("*.pickle")
    cache.write_bytes(pickle.dumps(_Payload()))
    os.chdir(tmp_path)
    again = load_cached(content_copy, folder=tmp_path)
    assert not (tmp_path / "pwned").exists()
    assert again.fingerprint == good.fingerprint


def test_a_folder_that_cannot_be_written_still_plays(tmp_path: Path, content_copy: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    content = load_cached(content_copy, folder=blocked)
    assert content.events


def test_the_key_follows_packs_roles_and_languages(tmp_path: Path, content_copy: Path) -> None:
    base = cache_key(content_copy, [], None, None)
    assert cache_key(content_copy, [], None, None) == base
    assert cache_key(content_copy, [], None, frozenset({"en", "zh"})) != base
    assert cache_key(content_copy, [], "agency_owner", None) != base
    pack = tmp_path / "pack.yaml"
    pack.write_text("deck: extra\n")
    assert cache_key(content_copy, [pack], None, None) != base


def test_one_language_keeps_only_that_language_beside_english(tmp_path: Path) -> None:
    zh = load_cached(REPO / "content", lang="zh", folder=tmp_path)
    event = next(iter(zh.events.values()))
    assert {lang for _, parts in event.title.variants for lang in parts} == {"en", "zh"}
    game, fresh = Game.new(zh, seed=5), Game.new(load_content(REPO / "content"), seed=5)
    for g in (game, fresh):
        g.use_language("zh")
    card = game.current_card()
    assert card is not None and card == fresh.current_card()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in card.title)  # in Chinese, not English put in its place


def test_a_game_from_the_cache_needs_neither_pydantic_nor_the_yaml_parser(tmp_path: Path) -> None:
    """What keeps a game small in memory: starting from the cache imports no validation or parsing library."""
    load_cached(REPO / "content", folder=tmp_path)
    code = ("import sys\n"
            "from pathlib import Path\n"
            "from game.content.cache import load_cached\n"
            "from game.engine.game import Game\n"
            "from game.saves import SaveStore\n"
            f"content = load_cached(Path({str(REPO / 'content')!r}), folder=Path({str(tmp_path)!r}))\n"
            "game = Game.new(content, seed=3)\n"
            "while not game.is_over:\n"
            "    game.apply(game.legal_actions()[-1])\n"
            f"SaveStore(Path({str(tmp_path / 'saves')!r})).save(game, 'autosave')\n"
            "print(sorted(m for m in ('pydantic', 'yaml', 'game.content.loader') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.stdout.strip() == "[]"


def test_the_cache_folder_can_be_chosen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On an installation that cannot be written (a lab machine), a teacher points the cache elsewhere."""
    from game.content.cache import cache_dir

    monkeypatch.setenv("FRIENDSHIP_PASS_CACHE", str(tmp_path / "cache"))
    load_cached(FIXTURE)
    assert cache_dir() == tmp_path / "cache"
    assert list((tmp_path / "cache").glob("*.pickle"))


def test_a_first_start_builds_the_cache_in_another_process(tmp_path: Path, content_copy: Path) -> None:
    """The full-screen game never loads the decks itself: the first start has a child process build the cache."""
    code = ("import sys\n"
            "from pathlib import Path\n"
            "from game.content.cache import load_cached\n"
            f"content = load_cached(Path({str(content_copy)!r}), folder=Path({str(tmp_path / 'cache')!r}), "
            "apart=True)\n"
            "print(len(content.events), sorted(m for m in ('pydantic', 'yaml') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.stdout.split(maxsplit=1)[1].strip() == "[]"
    assert int(done.stdout.split()[0]) == len(load_content(content_copy).events)
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1


def test_a_first_start_with_a_broken_deck_still_reports_it(tmp_path: Path, content_copy: Path) -> None:
    deck = next((content_copy / "decks").glob("*.yaml"))
    deck.write_text(deck.read_text(encoding="utf-8") + "\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_cached(content_copy, folder=tmp_path, apart=True)
    assert any(p.path.endswith(deck.name) for p in err.value.problems)
    assert not list(tmp_path.glob("*.pickle"))
