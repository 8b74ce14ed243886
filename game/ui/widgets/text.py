"""Content builders. Text from decks, saves and players is never parsed as markup and never reaches
the terminal raw: every string goes through `clean` (control characters shown as visible escapes,
so an ESC or OSC sequence in a card prints as `\\x1b]0;...`), then becomes plain `Content`; styles are
attached to whole spans, so `[bold]` or `[/` in a card shows as typed."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from game.textsafe import clean

Part = str | Content | tuple[str, str]


def plain(text: str) -> Content:
    """Author or player text as it was written (trailing whitespace from YAML folding removed)."""
    return Content(clean(text.strip()))


def styled(text: str, style: str) -> Content:
    return Content.styled(clean(text), style)


def line(*parts: Part) -> Content:
    """One line from plain strings, Content and (text, style) pairs; strings are never markup."""
    return Content.assemble(*(clean(p) if isinstance(p, str) else (clean(p[0]), p[1]) if isinstance(p, tuple)
                              else p for p in parts))


def lines(items: Iterable[Content | str]) -> Content:
    """Join pieces with newlines into one Content."""
    return Content("\n").join(Content(clean(i)) if isinstance(i, str) else i for i in items)


def heading(text: str) -> Content:
    return styled(text, "bold $accent")


def muted(text: str) -> Content:
    return styled(text, "$text-muted")


def key(text: str, enabled: bool = True) -> Content:
    """A key cap: ` 1 `, ` Enter `."""
    return Content.styled(f" {text} ", "reverse bold" if enabled else "$text-disabled")
