"""The game's own words in Chinese and Vietnamese, as a player, a teacher and a developer meet them: plain
mode reads in the chosen language with no English interface left, says once when some content is not
translated, switches language mid-game without changing the game; --lang on the commands; reports in the
chosen language, a class report comparing two languages; the interface catalogs are complete."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.authoring.translations import interface_gaps, interface_template
from game.content import load_content
from game.content.compiled import Content
from game.engine.game import Game
from game.i18n import LANGUAGES, _, ngettext, use_language
from game.plain import PlainGame
from game.report.commands import run_class_report, run_report
from game.saves import AUTOSAVE, SaveStore, digest
from game.wrap import width
from tests.conftest import REPO
from tests.i18n_fixture import translated_fixture

FULL_GAME = ["h", "w", "x", "b", "m", "p", "1", "", "１"] + ["1", "1", "l", ""] * 12
# What only the source keeps in its own words: the citation and the quote (our translation is beside it).
KEPT = ("Tester, A. (2024). A test source", "Test 2024", "a quote", "friendship-pass report autosave --out "
        "debrief.html", "en, zh, vi", "en English", "Tiếng Việt")
ENGLISH_UI = ("Choose", "help", "Ledger", "Card", "From", "briefing", "month", "Your", "record", "history",
              "Changes", "Goodbye", "policies", "Type", "close", "Commands", "Standing", "Saved", "Talks", "offer",
              "Please", "Development", "Security", "Enforcement", "Workers", "trial", "Why", "debrief", "meters",
              "counters", "ledger", "cards", "choice", "Option", "number", "Press", "Enter to", "Nothing")


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Content:
    return load_content(translated_fixture(tmp_path_factory.mktemp("i18n")))


def run_plain(content: Content, store: SaveStore, lines: list[str], lang: str = "en", game: Game | None = None,
              width_: int = 78) -> tuple[Game, str]:
    out = io.StringIO()
    with use_language("en"):  # a session sets the language of its game; the test's is restored after
        plain = PlainGame(game or Game.new(content, seed=7, options={"lang": lang}), store, preview="full",
                          stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out, width=width_)
        plain.run()
    return plain.game, out.getvalue()


def english_left(transcript: str) -> list[str]:
    """Latin words of three letters or more in a transcript, once the source's own words are taken out."""
    text = transcript
    for kept in KEPT:
        text = text.replace(kept, " ")
    text = re.sub(r"\S*/\S*", " ", text)  # file paths
    return re.findall(r"[A-Za-z]{3,}", text)


def test_a_whole_game_in_chinese_reads_in_chinese(translated: Content, store: SaveStore) -> None:
    game, out = run_plain(translated, store, FULL_GAME, "zh")
    assert game.is_over
    assert "=== 测试剧本 — 任务简报 ===" in out and "=== 2017年8月 · 第 1 个月，共 6 个月 ===" in out
    assert "--- 第 1 张，共 2 张 · 测试卡组 ---" in out and "试点启动" in out and "  1) 大开口子  [发展 +5，安全 −5]" in out
    assert "--- 月末账目：2017年8月（第 1 个月）---" in out and "命令：" in out and "历史上实际发生了什么：" in out
    assert "（本游戏译文）一段引文" in out  # the quote stays as the source has it, our translation beside it
    assert english_left(out) == []
    assert "有些文字还没有翻译成中文" not in out  # everything was translated: no notice


def test_a_whole_game_in_vietnamese_has_no_english_interface_left(translated: Content, store: SaveStore) -> None:
    game, out = run_plain(translated, store, FULL_GAME, "vi")
    assert game.is_over
    assert "=== tháng 8/2017 · tháng thứ 1/6 ===" in out and "Thí điểm bắt đầu" in out
    assert "--- Bảng tổng kết tháng 8/2017 (tháng thứ 1) ---" in out and "Lao động hiện có: 1.000" in out
    text = out
    for kept in KEPT:
        text = text.replace(kept, " ")
    left = [w for w in ENGLISH_UI if re.search(rf"\b{w}\b", text)]
    assert left == []
    assert "Một số nội dung chưa được dịch" not in out


def test_chinese_lines_fit_the_screen_in_cells(translated: Content, store: SaveStore) -> None:
    _game, out = run_plain(translated, store, FULL_GAME[:12], "zh", width_=40)
    too_wide = [line for line in out.splitlines() if width(line) > 40 and "/" not in line]
    assert too_wide == []


def test_untranslated_content_is_shown_in_english_and_the_game_says_so_once(tmp_path: Path, store: SaveStore) -> None:
    content = load_content(translated_fixture(tmp_path, ("zh",), leave_out=("events.launch.text",
                                                                            "events.fight.title")))
    _game, out = run_plain(content, store, ["1", "1", "", "1", "1", ""], "zh")
    assert "The first workers cross." in out and "A street fight" in out
    assert out.count("有些文字还没有翻译成中文，暂时以英文显示。") == 1


def test_switching_language_mid_game_keeps_the_same_game(translated: Content, store: SaveStore) -> None:
    moves = ["1", "1", "", "1", "2", ""]
    english, _out = run_plain(translated, store, moves)
    switched, out = run_plain(translated, store, ["1", "L zh", "1", "", "language", "vi", "1", "2", ""])
    assert digest(switched) == digest(english) and switched.actions == english.actions
    assert "语言：中文。" in out and "Ngôn ngữ: Tiếng Việt." in out
    assert "=== 2017年8月 · 第 1 个月，共 6 个月 ===" in out  # the header again, in the new language
    assert store.load(translated, AUTOSAVE).lang == "vi"  # remembered in the save


def test_the_language_command_lists_the_languages_and_refuses_others(translated: Content, store: SaveStore) -> None:
    _game, out = run_plain(translated, store, ["L", "", "L xx"], "zh")
    assert "语言：en English · zh 中文 · vi Tiếng Việt" in out and "选择语言（按回车保持中文）：" in out
    assert "没有“xx”这种语言，请从 en, zh, vi 中选择。" in out


def test_full_width_digits_from_a_chinese_keyboard_choose(translated: Content, store: SaveStore) -> None:
    game, _out = run_plain(translated, store, ["１"], "zh")
    assert game.actions[0].choice == 0  # type: ignore[attr-defined]


def run(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], input=stdin, capture_output=True, text=True,
                          cwd=REPO, timeout=120, env={**os.environ, **(env or {})})


def test_lang_on_the_command_line_and_from_the_environment(tmp_path: Path) -> None:
    content = translated_fixture(tmp_path)
    saves = tmp_path / "saves"
    common = ["play", "--plain", "--content", str(content), "--saves", str(saves), "--seed", "7"]
    zh = run(*common, "--lang", "zh", stdin="1\n")
    assert zh.returncode == 0, zh.stderr
    assert "种子：7" in zh.stdout and "任务简报" in zh.stdout and "输入已结束，游戏已存档。再见。" in zh.stdout
    again = run("play", "--plain", "--content", str(content), "--saves", str(saves), "--continue", stdin="")
    assert "第 1 个月" in again.stdout  # a saved game keeps its language
    vi = run("play", "--plain", "--content", str(content), "--saves", str(saves), "--continue",
             env={"FRIENDSHIP_PASS_LANG": "vi"})
    assert "tháng thứ 1/6" in vi.stdout and '"lang": "vi"' in (saves / "autosave.json").read_text()


def test_a_language_the_game_does_not_have_is_a_clear_error(tmp_path: Path) -> None:
    for args in (["play", "--plain", "--lang", "xx"], ["report", "autosave", "--lang", "fr"],
                 ["class-report", str(tmp_path), "--compare", "xx"]):
        result = run(*args)
        assert result.returncode == 2 and "the game has no language" in result.stderr, args
        assert "Traceback" not in result.stderr
    env = run("report", "autosave", "--saves", str(tmp_path), env={"FRIENDSHIP_PASS_LANG": "klingon"})
    assert env.returncode == 2 and "$FRIENDSHIP_PASS_LANG is 'klingon'" in env.stderr



def test_class_code_tells_the_teacher_how_to_use_it_in_their_language() -> None:
    zh = run("class-code", "--seed", "42", "--lang", "zh")
    assert zh.returncode == 0, zh.stderr
    code = zh.stdout.strip()
    assert code.endswith("-ZH")
    assert f"浏览器课堂：  friendship-pass serve --class {code}" in zh.stderr
    assert f"已安装的电脑：friendship-pass play --class {code}" in zh.stderr
    vi = run("class-code", "--seed", "42", env={"FRIENDSHIP_PASS_LANG": "vi"})
    assert "Lớp trên trình duyệt:" in vi.stderr and "Máy đã cài trò chơi:" in vi.stderr
    for result in (zh, vi):
        assert "A browser class" not in result.stderr and "Installed copies" not in result.stderr


def test_serve_refuses_a_bad_tab_limit_in_the_teachers_language() -> None:
    result = run("serve", "--max-sessions", "0", "--lang", "vi")
    assert result.returncode == 2 and "--max-sessions phải ít nhất là 1" in result.stderr, result.stderr


def test_the_addresses_serve_prints_are_in_the_teachers_language_and_line_up() -> None:
    from game.serve import startup_text

    addresses = ["http://127.0.0.1:8000", "http://192.168.1.23:8000"]
    with use_language("zh"):
        printed = startup_text("K7Q2M-M-3A9CX", 8000, addresses, "http://127.0.0.1:8000/teacher/KEY", "saves/class.db",
                               True, 40)
    lines = printed.splitlines()
    assert lines[0] == "友谊关：班级 K7Q2M-M-3A9CX，端口 8000。"
    assert "（此地址请勿外传：其中含有教师密钥）" in printed and "最多同时运行 40 局游戏。按 Ctrl+C 停止。" in printed
    # each address starts in the same column (in cells), under the widest label, and so do the lines under them
    starts = [width(line[:line.index(value)]) for line, value in
              ((lines[1], "http://192.168.1.23"), (lines[3], "http://127.0.0.1"), (lines[5], "saves/"))]
    starts += [width(line) - width(line.lstrip()) for line in (lines[2], lines[4])]
    assert len(set(starts)) == 1, printed
    assert english_left(printed.replace("Ctrl+C", "").replace("--host", "")) == [], printed
    with use_language("en"):
        english = startup_text(None, 8000, addresses[:1], "http://127.0.0.1:8000/teacher/KEY", "x.db", False, 1)
    assert "and type their name and the class code." in english and "At most 1 game at once." in english

def played(content: Content, store: SaveStore, slot: str, lang: str, pick: int = 0) -> Path:
    game = Game.new(content, seed=7, options={"lang": lang})
    while not game.is_over:
        if game.phase == "cards":
            actions = game.choice_actions()
            game.apply(actions[min(pick, len(actions) - 1)])
        else:
            game.apply(game.legal_actions()[-1])
    return store.save(game, slot)


def test_the_debrief_in_chinese(translated: Content, store: SaveStore, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    save = played(translated, store, "ana", "en")
    assert run_report(translated, str(save), None, "md", None, "zh") == 0
    md = capsys.readouterr().out
    for heading in ("# 测试剧本——复盘报告：ana", "## 结局", "## 各月指标变化", "## 逐月决定", "## 谈判", "## 你的反思",
                    "## 遇到的资料来源", "## 讨论题", "### 2017年8月（第 1 个月）"):
        assert heading + "\n" in md, heading
    assert "**试点启动**（测试卡组） — 选择了第 1 项：“大开口子”" in md and "*（本游戏译文）一段引文*" in md
    out = tmp_path / "d.html"
    assert run_report(translated, str(save), None, None, out, "zh") == 0
    page = out.read_text()
    assert '<html lang="zh-Hans">' in page and "<h2>逐月决定</h2>" in page and "Noto Sans CJK SC" in page


def test_a_debrief_is_in_the_language_the_game_was_played_in_unless_asked(translated: Content, store: SaveStore,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    save = played(translated, store, "binh", "vi")
    assert run_report(translated, str(save), None, "md", None) == 0
    assert "## Các quyết định, từng tháng" in capsys.readouterr().out
    assert run_report(translated, str(save), None, "md", None, "en") == 0
    assert "## Decisions, month by month" in capsys.readouterr().out


def test_the_class_report_shows_each_card_in_two_languages(translated: Content, store: SaveStore, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    for i, (name, lang) in enumerate([("an", "zh"), ("binh", "vi"), ("chen", "en")]):
        played(translated, store, name, lang, pick=i)
    assert run_class_report(translated, [store.folder], "md", None, "zh", "vi") == 0
    md = capsys.readouterr().out
    assert "# 测试剧本——班级总结" in md and "卡牌和选项同时以中文和Tiếng Việt显示。" in md
    assert "### 试点启动 / Thí điểm bắt đầu" in md
    assert "| 选项 | 选项（Tiếng Việt） | 决定 | 谁 |" in md and "| 大开口子 | Mở rộng cửa |" in md
    out = tmp_path / "class.html"
    assert run_class_report(translated, [store.folder], None, out, "zh", "en") == 0
    assert '<span lang="en">The trial opens</span>' in out.read_text()


def test_plural_forms_in_each_language() -> None:
    assert ngettext("{n} round", "{n} rounds", 1).format(n=1) == "1 round"
    assert ngettext("{n} round", "{n} rounds", 3).format(n=3) == "3 rounds"
    for lang, one in (("zh", "{n} 轮"), ("vi", "{n} vòng")):  # one form for every number
        with use_language(lang):
            assert ngettext("{n} round", "{n} rounds", 1) == ngettext("{n} round", "{n} rounds", 3) == one


def test_catalogs_compile_without_a_writable_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import game.i18n as i18n

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setattr(i18n, "_cache_dirs", lambda: [blocked / "mo", blocked / "user"])
    i18n.translations.cache_clear()
    try:
        with use_language("zh"):
            assert _("Goodbye.") == "再见。"
    finally:
        i18n.translations.cache_clear()
    writable = tmp_path / "cache"
    monkeypatch.setattr(i18n, "_cache_dirs", lambda: [writable])
    try:
        with use_language("vi"):
            assert _("Goodbye.") == "Tạm biệt."
        assert list(writable.glob("*.mo"))  # compiled once, kept for the next start
    finally:
        i18n.translations.cache_clear()


def test_every_interface_string_has_a_chinese_and_a_vietnamese_translation() -> None:
    """A new `_()` string in game/ fails here until it is in the catalogs and translated."""
    for lang in [lang for lang in LANGUAGES if lang != "en"]:
        gaps = interface_gaps(lang)
        assert not gaps, (f"{len(gaps)} interface string(s) have no {lang} translation. Run "
                          "`friendship-pass translate update`, then translate them in "
                          f"game/locale/{lang}/LC_MESSAGES/friendship_pass.po (and remove any `#, fuzzy` "
                          "line once checked):\n  " + "\n  ".join(gaps[:20]))


def test_strings_inside_f_strings_are_extracted_too() -> None:
    ids = {m.id for m in interface_template()}  # type: ignore[attr-defined]
    assert "Outcome: {outcome}" in ids and "Note." in ids  # both are only ever marked inside an f-string
