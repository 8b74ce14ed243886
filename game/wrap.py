"""Wrapping and truncation by terminal cells, for Chinese, Vietnamese and English alike.

`textwrap` counts characters and breaks only at spaces: a line of Chinese has no spaces, and each of its
characters takes two cells of a terminal, so it is never broken and runs off the screen. Here a
character's width is what a terminal gives it (East Asian Wide and Fullwidth: 2 cells; combining marks,
such as the tone marks of decomposed Vietnamese, and format characters: 0; everything else: 1), and a
line may break

- at spaces (which are dropped at the break), as in English and Vietnamese;
- between any two CJK characters, and between a CJK character and a Latin word beside it,

but never before closing punctuation (，。、；：？！）」』 and their Latin kin) nor after opening
punctuation (（「『 …). A Latin word is split only when it is longer than a whole line.

No Rich and no Textual here: plain mode and the reports import neither.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["cell_width", "fill", "truncate", "width", "wrap"]

# No line starts with these (they close or follow what comes before them).
CLOSING = frozenset("，。、；：？！）」』】》〉〕］｝…‥・ー～々〃ゝゞヽヾ"  # CJK and fullwidth
                    ",.;:!?)]}%’”»›")  # Latin and general
# No line ends with these (they open what follows them).
OPENING = frozenset("（「『【《〈〔［｛“‘«‹([{")


@lru_cache(maxsize=4096)
def cell_width(ch: str) -> int:
    """Cells one character takes in a terminal: 0, 1 or 2."""
    if ch < "\u0300":  # ASCII and Latin-1: one cell (controls are shown escaped before they get here)
        return 1
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(text: str) -> int:
    """Cells `text` takes on one line of a terminal."""
    if text.isascii():
        return len(text)
    return sum(cell_width(ch) for ch in text)


def _is_wide(cluster: str) -> bool:
    return cell_width(cluster[0]) == 2


def _clusters(text: str) -> list[str]:
    """Characters with the combining marks that follow them (a base letter and its tone mark stay one)."""
    out: list[str] = []
    for ch in text:
        if out and ch > "\u02ff" and cell_width(ch) == 0 and not out[-1].isspace():
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _chunks(text: str) -> list[str]:
    """`text` cut where a line may break: runs of spaces (kept as they are inside a line, dropped at a
    break), Latin words, and single CJK characters, with punctuation glued to the side it belongs to."""
    tokens: list[str] = []  # a run of spaces, a word, or one wide character
    word = ""
    for cl in _clusters(text):
        if cl.isspace():
            if word:
                tokens.append(word)
                word = ""
            if tokens and tokens[-1].isspace():
                tokens[-1] += cl
            else:
                tokens.append(cl)
        elif _is_wide(cl):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(cl)
        else:
            word += cl
    if word:
        tokens.append(word)
    chunks: list[str] = []
    for tok in tokens:
        if tok.isspace() or not chunks or chunks[-1].isspace():
            chunks.append(tok)
        elif tok[0] in CLOSING or chunks[-1][-1] in OPENING:
            chunks[-1] += tok  # no break before closing or after opening punctuation
        else:
            chunks.append(tok)
    return chunks


def _split_long(chunk: str, room: int, full: int) -> list[str]:
    """A chunk too long for any line, cut by cells: the first piece fits `room`, the others `full`."""
    pieces: list[str] = []
    piece, used, limit = "", 0, max(1, room)
    for cl in _clusters(chunk):
        w = width(cl)
        if piece and used + w > limit:
            pieces.append(piece)
            piece, used, limit = "", 0, max(1, full)
        piece += cl
        used += w
    if piece:
        pieces.append(piece)
    return pieces


def wrap(text: str, width_: int, initial_indent: str = "", subsequent_indent: str = "",
         break_long_words: bool = True) -> list[str]:
    """`text` as lines of at most `width_` cells. A word longer than a whole line is cut by cells, or, with
    `break_long_words=False` (a path, a command to copy), put whole on a line of its own. Newlines and tabs
    count as spaces; spaces at a break are dropped."""
    text = text.replace("\t", " ").replace("\r", " ").replace("\n", " ").strip()
    lines: list[str] = []
    indent = initial_indent
    line, used = indent, width(indent)
    has_words = False
    space = ""  # the spaces before the next word, if it goes on this line
    for chunk in _chunks(text):
        if chunk.isspace():
            space = chunk if has_words else ""
            continue
        w = width(chunk)
        if has_words and used + width(space) + w > width_:
            lines.append(line)
            indent = subsequent_indent
            line, used, has_words, space = indent, width(indent), False, ""
        if not has_words and used + w > width_ and break_long_words:
            pieces = _split_long(chunk, width_ - used, width_ - width(subsequent_indent))
            for piece in pieces[:-1]:
                lines.append(line + piece)
                indent = subsequent_indent
                line, used = indent, width(indent)
            chunk, w = pieces[-1], width(pieces[-1])
        line += space + chunk
        used += width(space) + w
        has_words, space = True, ""
    if has_words:
        lines.append(line)
    return lines


def fill(text: str, width_: int, initial_indent: str = "", subsequent_indent: str = "",
         break_long_words: bool = True) -> str:
    """`wrap` joined with newlines ("" for an empty text)."""
    return "\n".join(wrap(text, width_, initial_indent, subsequent_indent, break_long_words))


def truncate(text: str, width_: int, ellipsis: str = "…") -> str:
    """`text` cut to at most `width_` cells, ending in `ellipsis` when something was cut."""
    if width(text) <= width_:
        return text
    room = width_ - width(ellipsis)
    out, used = "", 0
    for cl in _clusters(text):
        w = width(cl)
        if used + w > room:
            break
        out += cl
        used += w
    return out.rstrip() + ellipsis
