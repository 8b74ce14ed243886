"""Class codes: one short code fixes the seed, the preview level and the deck packs for a whole class.

A code may end in a language, `K7Q2M-M-3A9CX-ZH` (or `-VI`, `-EN`): the language the teacher chose, in which
a student's game starts (a student may still pick another). The part before it is the class: the same class
in any language, and codes made before languages existed read as they always did."""

from __future__ import annotations

from game.content.compiled import Content
from game.engine.rng import seed_state
from game.errors import FriendshipPassError
from game.i18n import _

_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I: codes are read aloud and copied by hand
_PREVIEWS = {"hidden": "H", "meters": "M", "full": "F"}


class ClassCodeError(FriendshipPassError, ValueError):
    """A class code that cannot be read, or that was made with other decks."""


class OtherDecksError(ClassCodeError):
    """A class code made with other decks than the ones loaded now."""


def _encode(number: int, width: int) -> str:
    out = []
    for _i in range(width):
        number, digit = divmod(number, 32)
        out.append(_ALPHABET[digit])
    return "".join(reversed(out))


def _decode(text: str) -> int:
    number = 0
    for ch in text:
        if ch not in _ALPHABET:
            raise ClassCodeError(_("'{char}' cannot appear in a class code").format(char=ch))
        number = number * 32 + _ALPHABET.index(ch)
    return number


def _check_char(body: str) -> str:
    """A Luhn mod 32 check character: any one mistyped character, and most swaps of neighbours, change it."""
    factor, total = 2, 0
    for ch in reversed(body):
        addend = factor * _ALPHABET.index(ch)
        factor = 1 if factor == 2 else 2
        total += addend // 32 + addend % 32
    return _ALPHABET[(32 - total % 32) % 32]


def make_code(content: Content, seed: int | str, preview: str = "meters", lang: str | None = None) -> str:
    """E.g. 'K7Q2M-M-3A9CX': seed, preview level, a check of the decks in use, and a check character; with a
    `lang` other than English, its suffix ('K7Q2M-M-3A9CX-ZH')."""
    number = seed_state(seed) % (32 ** 5) if isinstance(seed, str) or seed >= 32 ** 5 or seed < 0 else seed
    body = f"{_encode(number, 5)}{_PREVIEWS[preview]}{_deck_check(content)}"
    code = f"{body[:5]}-{body[5]}-{body[6:]}{_check_char(body)}"
    return f"{code}-{lang.upper()}" if lang and lang != "en" else code


_LANG_SUFFIXES = ("EN", "ZH", "VI")


def split_language(code: str) -> tuple[str, str | None]:
    """(the class code without its language, the language or None): 'K7Q2M-M-3A9CX-ZH' -> (.., 'zh')."""
    text = code.strip()
    head, dash, tail = text.rpartition("-")
    suffix = tail.strip().upper().replace("1", "I")  # V1 typed for VI
    if dash and suffix in _LANG_SUFFIXES and head.count("-") == 2:
        return head.strip(), suffix.lower()
    return text, None


def code_language(code: str) -> str | None:
    """The language a class code carries, or None."""
    return split_language(code)[1]


def _deck_check(content: Content) -> str:
    return _encode(int(content.fingerprint[:8], 16) % (32 ** 4), 4)


def read_code(content: Content, code: str) -> tuple[int, str]:
    """The (seed, preview) a class code stands for; refuses codes with a typo or made with other decks."""
    code = split_language(code)[0]
    parts = code.strip().upper().replace(" ", "").replace("O", "0").replace("I", "1").split("-")
    if len(parts) != 3 or len(parts[0]) != 5 or len(parts[2]) != 5 or len(parts[1]) != 1:
        raise ClassCodeError(_("'{code}' is not a class code; a class code looks like K7Q2M-M-3A9CX").format(
            code=code[:40]))
    body = parts[0] + parts[1] + parts[2][:4]
    bad = next((ch for ch in body + parts[2][4] if ch not in _ALPHABET), None)
    if bad is not None or parts[1] not in _PREVIEWS.values() or _check_char(body) != parts[2][4]:
        raise ClassCodeError(_("class code {code} has a typo (its check letter does not match); copy it again from "
                               "your teacher").format(code=code[:40]))
    seed = _decode(parts[0])
    if parts[2][:4] != _deck_check(content):
        raise OtherDecksError(_("class code {code} was made with other decks than the ones loaded now; start the "
                                "game with the same --deck packs as your teacher").format(code=code))
    preview = next(k for k, v in _PREVIEWS.items() if v == parts[1])
    return seed, preview
