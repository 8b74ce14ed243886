"""Class codes: one short code fixes the seed, the preview level and the deck packs for a whole class."""

from __future__ import annotations

from game.content.compiled import Content
from game.engine.rng import seed_state
from game.errors import FriendshipPassError

_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I: codes are read aloud and copied by hand
_PREVIEWS = {"hidden": "H", "meters": "M", "full": "F"}


class ClassCodeError(FriendshipPassError, ValueError):
    """A class code that cannot be read, or that was made with other decks."""


def _encode(number: int, width: int) -> str:
    out = []
    for _ in range(width):
        number, digit = divmod(number, 32)
        out.append(_ALPHABET[digit])
    return "".join(reversed(out))


def _decode(text: str) -> int:
    number = 0
    for ch in text:
        if ch not in _ALPHABET:
            raise ClassCodeError(f"'{ch}' cannot appear in a class code")
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


def make_code(content: Content, seed: int | str, preview: str = "meters") -> str:
    """E.g. 'K7Q2M-M-3A9CX': seed, preview level, a check of the decks in use, and a check character."""
    number = seed_state(seed) % (32 ** 5) if isinstance(seed, str) or seed >= 32 ** 5 or seed < 0 else seed
    body = f"{_encode(number, 5)}{_PREVIEWS[preview]}{_deck_check(content)}"
    return f"{body[:5]}-{body[5]}-{body[6:]}{_check_char(body)}"


def _deck_check(content: Content) -> str:
    return _encode(int(content.fingerprint[:8], 16) % (32 ** 4), 4)


def read_code(content: Content, code: str) -> tuple[int, str]:
    """The (seed, preview) a class code stands for; refuses codes with a typo or made with other decks."""
    parts = code.strip().upper().replace(" ", "").replace("O", "0").replace("I", "1").split("-")
    if len(parts) != 3 or len(parts[0]) != 5 or len(parts[2]) != 5 or len(parts[1]) != 1:
        raise ClassCodeError(f"'{code[:40]}' is not a class code; a class code looks like K7Q2M-M-3A9CX")
    body = parts[0] + parts[1] + parts[2][:4]
    bad = next((ch for ch in body + parts[2][4] if ch not in _ALPHABET), None)
    if bad is not None or parts[1] not in _PREVIEWS.values() or _check_char(body) != parts[2][4]:
        raise ClassCodeError(f"class code {code[:40]} has a typo (its check letter does not match); "
                             "copy it again from your teacher")
    seed = _decode(parts[0])
    if parts[2][:4] != _deck_check(content):
        raise ClassCodeError(f"class code {code} was made with other decks than the ones loaded now; start the "
                             "game with the same --deck packs as your teacher")
    preview = next(k for k, v in _PREVIEWS.items() if v == parts[1])
    return seed, preview
