"""Content builders. Deck text is never parsed as markup: every string here becomes plain
`Content`, and styles are attached to whole spans, so `[bold]` or `[/` in a card shows as typed."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

Part = str | Content | tuple[str, str]


def plain(text: str) -> Content:
    """Author text as it was written (trailing whitespace from YAML folding removed)."""
    return Content(text.strip())


def line(*parts: Part) -> Content:
    """One line from plain strings, Content and (text, style) pairs; strings are never markup."""
    return Content.assemble(*parts)


def lines(items: Iterable[Content | str]) -> Content:
    """Join pieces with newlines into one Content."""
    return Content("\n").join(Content(i) if isinstance(i, str) else i for i in items)


def heading(text: str) -> Content:
    return Content.styled(text, "bold $accent")


def muted(text: str) -> Content:
    return Content.styled(text, "$text-muted")
