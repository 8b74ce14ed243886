"""Wrapping by terminal cells: Chinese breaks between characters and fits the screen, Vietnamese (even
decomposed, with combining tone marks) breaks at spaces like English, punctuation stays with its word."""

from __future__ import annotations

import unicodedata

import pytest

from game.wrap import CLOSING, OPENING, cell_width, fill, truncate, width, wrap

ZH = ("凭祥市人力资源和社会保障局副局长：你负责跨境劳务合作试点（2017年8月起）。每个月，你都要和北京、"
      "中介、企业和越南工人重新谈判；“安全”和“发展”任何一项降到0，游戏立即结束！")
VI = ("Bạn là phó trưởng phòng Nhân lực và An sinh xã hội thành phố Bằng Tường: mỗi tháng bạn phải thương lượng "
      "lại với Bắc Kinh, các công ty môi giới, doanh nghiệp và người lao động Việt Nam.")
VI_NFD = unicodedata.normalize("NFD", VI)
MIXED = ("Development 发展 60 (+3) | Security 安全 55 · 国家移民管理局（NIA）说：“thirty days is the rule”。"
         "Cục Quản lý Di dân nói “không”.")
WIDTHS = (20, 40, 80)


@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize("text", [ZH, VI, VI_NFD, MIXED], ids=["zh", "vi", "vi-nfd", "mixed"])
def test_every_line_fits_the_width_in_cells(text: str, size: int) -> None:
    lines = wrap(text, size, "  - ", "    ")
    assert lines and all(width(line) <= size for line in lines), [(width(x), x) for x in lines]


@pytest.mark.parametrize("size", WIDTHS)
def test_chinese_breaks_between_characters_and_loses_nothing(size: int) -> None:
    lines = wrap(ZH, size)
    assert "".join(lines) == ZH  # no space in the text: nothing added, nothing dropped
    if size < width(ZH):
        assert len(lines) > 1 and all(width(line) >= size - 4 for line in lines[:-1])  # lines are filled


@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize("text", [ZH, MIXED], ids=["zh", "mixed"])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(text: str, size: int) -> None:
    for line in wrap(text, size):
        assert line[0] not in CLOSING, line
        assert line[-1] not in OPENING, line


@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize("text", [VI, VI_NFD], ids=["vi", "vi-nfd"])
def test_vietnamese_words_are_never_split(text: str, size: int) -> None:
    lines = wrap(text, size)
    assert [w for line in lines for w in line.split()] == text.split()


@pytest.mark.parametrize("size", WIDTHS)
def test_latin_words_in_mixed_text_stay_whole(size: int) -> None:
    pieces = [w for line in wrap(MIXED, size) for w in line.split()]
    for word in MIXED.split():
        if word.isascii() and word.isalpha():
            assert any(word == p or (word in p and not p.isascii()) for p in pieces), word


def test_decomposed_vietnamese_wraps_like_composed() -> None:
    """A tone mark takes no cell: the decomposed text breaks at the same places as the composed one."""
    composed = wrap(VI, 40)
    decomposed = wrap(VI_NFD, 40)
    assert [unicodedata.normalize("NFC", line) for line in decomposed] == composed
    assert width(VI_NFD) == width(VI) == len(VI)


def test_cell_widths() -> None:
    assert width("发展") == 4 and width("Phát triển") == 10 and width(unicodedata.normalize("NFD", "ệ")) == 1
    assert width("ＡＢ１") == 6  # full-width forms
    assert cell_width("\u0301") == 0 and cell_width("\u200b") == 0


def test_indentation_is_kept_and_measured_in_cells() -> None:
    lines = wrap(ZH, 30, "  - ", "    ")
    assert lines[0].startswith("  - ") and all(line.startswith("    ") for line in lines[1:])


def test_a_word_longer_than_the_line_is_cut_and_shorter_ones_are_not() -> None:
    assert wrap("friendship-pass-report-autosave-debrief word", 12) == ["friendship-p", "ass-report-a",
                                                                         "utosave-debr", "ief word"]
    assert wrap("one two three", 7) == ["one two", "three"]
    assert wrap("Saved to /a/long/path/autosave.json.", 12, break_long_words=False) == [
        "Saved to", "/a/long/path/autosave.json."]


def test_spaces_inside_a_line_are_kept() -> None:
    assert wrap("Open wide  [Development +5]", 80) == ["Open wide  [Development +5]"]
    assert fill("", 20) == ""


def test_truncate_by_cells() -> None:
    assert truncate("中央信任 ≥ 70", 7) == "中央信…"
    assert width(truncate(ZH, 21)) <= 21
    assert truncate("short", 10) == "short"
