"""Translated content as players and translators meet it: catalogs fill the game's texts in the chosen
language, English shows where a translation is missing (and the game says so), a changed English text
drops its old translation, and the translation tools report what is left to do."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from game.content import load_content
from game.engine.game import Game
from game.errors import ContentError
from tests.conftest import FIXTURE, REPO


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], check=False, cwd=REPO, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    assert run("translate", "update", "--content", str(root), "--lang", "zh").returncode == 0
    return root


def translate(root: Path, lang: str, entries: dict[str, str], fuzzy: bool = False,
              file: str = "decks/test_deck.po") -> None:
    path = root / "locale" / lang / file
    with path.open("rb") as fh:
        catalog = read_po(fh)
    for msg in catalog:
        if msg.context in entries:
            msg.string = entries[msg.context]
            if fuzzy:
                msg.flags.add("fuzzy")
    with path.open("wb") as fh:
        write_po(fh, catalog)


def launch_card(root: Path, lang: str) -> Game:
    game = Game.new(load_content(root), seed=3, options={"lang": lang})
    card = game.current_card()
    assert card is not None and card.id == "launch"
    return game


def shown(game: Game) -> tuple[str, str, list[str]]:
    card = game.current_card()
    assert card is not None
    return card.title, card.text, [c.label for c in game.choices()]


def test_translate_update_writes_one_catalog_per_content_file_with_every_text(content_dir: Path) -> None:
    po = content_dir / "locale" / "zh" / "decks" / "test_deck.po"
    with po.open("rb") as fh:
        catalog = read_po(fh)
    contexts = {m.context for m in catalog if m.id}
    assert "events.launch.title" in contexts and "events.launch.choices.0.label" in contexts
    assert "events.launch.source.quote" in contexts
    assert (content_dir / "locale" / "zh" / "scenario.po").exists()


def test_a_translated_card_shows_in_chinese_and_english_players_see_english(content_dir: Path) -> None:
    translate(content_dir, "zh", {"events.launch.title": "试点启动", "events.launch.text": "第一批工人过关。",
                                  "events.launch.choices.0.label": "大开口子"})
    assert shown(launch_card(content_dir, "zh")) == ("试点启动", "第一批工人过关。", ["大开口子", "Open carefully"])
    assert shown(launch_card(content_dir, "en")) == ("The trial opens", "The first workers cross.",
                                                     ["Open wide", "Open carefully"])


def test_a_missing_translation_falls_back_to_english_and_the_game_says_so(content_dir: Path) -> None:
    translate(content_dir, "zh", {"events.launch.title": "试点启动"})
    game = launch_card(content_dir, "zh")
    title, _, labels = shown(game)
    assert title == "试点启动" and labels[1] == "Open carefully"
    assert game.untranslated


def test_a_changed_english_text_no_longer_uses_its_old_translation(content_dir: Path) -> None:
    translate(content_dir, "zh", {"events.launch.title": "试点启动"})
    deck = content_dir / "decks" / "test_deck.yaml"
    deck.write_text(deck.read_text().replace("title: The trial opens", "title: The trial begins"))
    assert shown(launch_card(content_dir, "zh"))[0] == "The trial begins"
    run("translate", "update", "--content", str(content_dir), "--lang", "zh")
    with (content_dir / "locale" / "zh" / "decks" / "test_deck.po").open("rb") as fh:
        msg = read_po(fh).get("The trial begins", context="events.launch.title")
    assert msg is not None and msg.string == "试点启动" and msg.fuzzy  # kept for the translator to check


def test_fuzzy_translations_are_not_shown(content_dir: Path) -> None:
    translate(content_dir, "zh", {"events.launch.title": "试点启动"}, fuzzy=True)
    assert shown(launch_card(content_dir, "zh"))[0] == "The trial opens"


def test_a_quote_keeps_its_words_and_gets_our_translation_beside_it(content_dir: Path) -> None:
    translate(content_dir, "zh", {"events.launch.source.quote": "一段引文"})
    content = load_content(content_dir)
    source = content.events["launch"].model.source
    assert source.quote == "a quote" and source.translation == {"zh": "一段引文"}


def test_an_inline_translation_wins_over_the_catalog(content_dir: Path) -> None:
    deck = content_dir / "decks" / "test_deck.yaml"
    deck.write_text(deck.read_text().replace("title: The trial opens", "title: {en: The trial opens, zh: 开放}", 1))
    translate(content_dir, "zh", {"events.launch.title": "试点启动"})
    assert shown(launch_card(content_dir, "zh"))[0] == "开放"


def test_live_values_follow_the_language(content_dir: Path) -> None:
    from game.i18n import month_words, number

    assert number(12345, "vi") == "12.345" and number(12345, "zh") == "12,345"
    assert month_words(2018 * 12 + 5, "zh") == "2018年6月" and month_words(2018 * 12 + 5, "vi") == "tháng 6/2018"
    assert month_words(2018 * 12 + 5, "en") == "June 2018"


def test_validate_lang_lists_each_missing_translation_with_its_line_and_the_coverage(content_dir: Path) -> None:
    translate(content_dir, "zh", {"events.launch.title": "试点启动"})
    result = run("validate", "--content", str(content_dir), "--lang", "zh", "--no-sources")
    assert result.returncode == 0
    assert "test_deck.yaml:8:11: warning: no 中文 (zh) translation of this text: \"The first workers cross.\"" \
        in result.stderr
    assert "zh: 1 of " in result.stdout and "texts translated" in result.stdout
    strict = run("validate", "--content", str(content_dir), "--lang", "zh", "--strict", "--no-sources")
    assert strict.returncode == 2
    assert "test_deck.yaml:8:11: no 中文 (zh) translation of this text" in strict.stderr


def test_validate_lang_catches_a_translation_that_drops_a_live_value(content_dir: Path) -> None:
    deck = content_dir / "decks" / "test_deck.yaml"
    deck.write_text(deck.read_text().replace("text: The first workers cross.",
                                             "text: \"The first {workers_present} workers cross.\"", 1))
    run("translate", "update", "--content", str(content_dir), "--lang", "zh")
    translate(content_dir, "zh", {"events.launch.text": "第一批工人过关。"})
    result = run("validate", "--content", str(content_dir), "--lang", "zh", "--no-sources")
    assert "the zh translation leaves out {workers_present}, which the English shows" in result.stderr


def test_a_translation_naming_an_unknown_value_is_an_error_with_its_place(content_dir: Path) -> None:
    translate(content_dir, "zh", {"events.launch.text": "第一批{workers_presnt}名工人过关。"})
    with pytest.raises(ContentError) as err:
        load_content(content_dir)
    assert "test_deck.yaml:8" in str(err.value) and "workers_presnt" in str(err.value)


def test_a_damaged_catalog_is_refused_with_its_name_and_exit_2(content_dir: Path) -> None:
    po = content_dir / "locale" / "zh" / "decks" / "test_deck.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    result = run("validate", "--content", str(content_dir), "--no-sources")
    assert result.returncode == 2
    assert "test_deck.po" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("lang", ["zh", "vi"])
def test_the_shipped_game_is_translated_in_full(lang: str) -> None:
    from game.authoring.translations import coverage
    from game.content.loader import default_content_dir, load_partial
    from game.content.yamlsafe import YamlDoc

    docs: dict[str, YamlDoc] = {}
    content, problems = load_partial(default_content_dir(), (), docs)
    assert content is not None and not problems
    missing = [str(p) for c in coverage(docs, lang) for p in c.missing]
    assert not missing, (f"{len(missing)} text(s) not translated into {lang} (run `friendship-pass translate update` "
                         "and translate the new entries):\n" + "\n".join(missing[:20]))
