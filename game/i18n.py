"""The game's own words (menus, help, reports) in the player's language, and numbers and months as each
language writes them.

Interface strings are marked `_("…")` (or `ngettext` for plurals) and live in gettext catalogs,
`game/locale/LANG/LC_MESSAGES/friendship_pass.po`. The `.po` files are in the repository; each is compiled
to a `.mo` the first time it is used (cached in the environment, by the catalog's hash). A string with no
translation is shown in English. Content (cards, talks, endings) is translated by its own catalogs; see
`game.content.i18n`.

The language is one per process and thread of play (`set_language`, or `use_language` for a block): a
terminal game, a browser tab (its own process), a report. `set_language` changes the language in place, so
every asyncio task of a Textual app sees the change at once (tasks copy the context when they start, but
they share the one holder inside it); `use_language` gives a block a holder of its own.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from game.errors import FriendshipPassError

LANGUAGES: dict[str, str] = {"en": "English", "zh": "中文", "vi": "Tiếng Việt"}
DOMAIN = "friendship_pass"
LOCALE_DIR = Path(__file__).parent / "locale"
ENV = "FRIENDSHIP_PASS_LANG"  # the language every command uses when --lang is not given
_ROOT = ["en"]  # the process's language, changed in place by set_language
_current: ContextVar[list[str]] = ContextVar("friendship_pass_lang", default=_ROOT)


class LanguageError(FriendshipPassError, ValueError):
    """A language the game does not have."""


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise LanguageError(f"the game has no language {lang!r}; choose one of "
                            + ", ".join(f"{k} ({v})" for k, v in LANGUAGES.items()))
    return lang


def env_language() -> str | None:
    """The language `$FRIENDSHIP_PASS_LANG` asks for (None when it is not set or empty)."""
    wanted = os.environ.get(ENV, "").strip()
    if not wanted:
        return None
    if wanted not in LANGUAGES:
        raise LanguageError(f"${ENV} is {wanted!r}, a language the game does not have; set it to one of "
                            + ", ".join(f"{k} ({v})" for k, v in LANGUAGES.items()))
    return wanted


def set_language(lang: str) -> None:
    """Use `lang` for the interface from now on: in the whole process, or inside the current
    `use_language` block (and every task started in it)."""
    _current.get()[0] = check_language(lang)


def language() -> str:
    return _current.get()[0]


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    token = _current.set([check_language(lang)])
    try:
        yield
    finally:
        _current.reset(token)


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog for `lang` (English and a missing catalog translate nothing)."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == "en" or not po.is_file():
        return gettext.NullTranslations()
    data = po.read_bytes()
    mo = _compiled(data)
    return gettext.GNUTranslations(io.BytesIO(mo))


def _cache_dirs() -> list[Path]:
    """Where compiled catalogs are kept: inside the environment, else the user's cache folder."""
    user = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "friendship-pass" / "mo"
    return [Path(sys.prefix) / "var" / "friendship-pass" / "mo", user]


def _compiled(po_bytes: bytes) -> bytes:
    """The .mo for a .po, from a cache when it was compiled before (a read-only install without a writable
    cache compiles on each start: a few milliseconds)."""
    name = hashlib.sha256(po_bytes).hexdigest()[:32] + ".mo"
    dirs = _cache_dirs()
    for folder in dirs:
        try:
            return (folder / name).read_bytes()
        except OSError:
            pass
    from babel.messages.mofile import write_mo  # only on first use of a changed catalog
    from babel.messages.pofile import read_po

    out = io.BytesIO()
    write_mo(out, read_po(io.BytesIO(po_bytes)), use_fuzzy=False)
    mo = out.getvalue()
    for folder in dirs:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f"{name}.{os.getpid()}.tmp"
            tmp.write_bytes(mo)
            tmp.replace(folder / name)
            break
        except OSError:
            continue
    return mo


def _(message: str) -> str:
    """`message` in the current language."""
    lang = _current.get()[0]
    return message if lang == "en" else translations(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The right plural form for `n` in the current language (Chinese and Vietnamese have one form)."""
    lang = _current.get()[0]
    if lang == "en":
        return singular if n == 1 else plural
    return translations(lang).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, where the same English means different things (`context`)."""
    lang = _current.get()[0]
    return message if lang == "en" else translations(lang).pgettext(context, message)


def N_(message: str) -> str:
    """Marks a string for translation where it is defined; translate it with _() where it is shown."""
    return message


# -- numbers and months ------------------------------------------------------------------------------------
_GROUP = {"en": ",", "zh": ",", "vi": "."}
_DECIMAL = {"en": ".", "zh": ".", "vi": ","}


def number(value: float, lang: str | None = None, decimals: int = 0) -> str:
    """12,345 in English and Chinese, 12.345 in Vietnamese (decimals: 1.5 / 1,5)."""
    lang = lang or _current.get()[0]
    text = f"{value:,.{decimals}f}"
    if lang in ("en", "zh"):
        return text
    return text.replace(",", "\0").replace(".", _DECIMAL[lang]).replace("\0", _GROUP[lang])


def month_words(month_number: int, lang: str | None = None, short: bool = False) -> str:
    """A month count (year * 12 + month - 1) as each language writes it: June 2018 / 2018年6月 /
    tháng 6/2018 (short: Jun 2018 / 2018年6月 / 6/2018)."""
    lang = lang or _current.get()[0]
    year, month = divmod(month_number, 12)
    if lang == "zh":
        return f"{year}年{month + 1}月"
    if lang == "vi":
        return f"{month + 1}/{year}" if short else f"tháng {month + 1}/{year}"
    names = _SHORT if short else _MONTHS
    return f"{names[month]} {year}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def gettext_in(lang: str, message: str) -> str:
    """`message` in `lang`, whatever the current language (the engine speaks each game's own language)."""
    return message if lang == "en" else translations(lang).gettext(message)


# Words the expression describer ("Needs Security ≥ 40 and not tracking app") translates one by one with
# gettext_in(lang, word): marked here so that `translate update` puts them in the catalog.
EXPRESSION_WORDS = (N_("true"), N_("false"), N_("not"), N_("and"), N_("or"))
