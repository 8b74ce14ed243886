"""Codex: the glossary and the sources, filtered as you type."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from game.content.compiled import Content as GameContent
from game.content.compiled import text
from game.i18n import _, language
from game.ui.widgets.keys import KeyFooter
from game.ui.widgets.text import heading, line, lines, muted, plain, styled


def codex_content(content: GameContent, query: str) -> Content:
    """Every glossary term and source whose words contain `query` (case-insensitive)."""
    q = query.strip().casefold()
    lang = language()
    terms = []
    for t in content.glossary:
        words = [text(t.term, lang), text(t.term), *t.also, text(t.definition, lang)]
        if q and not any(q in w.casefold() for w in words):
            continue
        also = _("  (also: {names})").format(names=_(", ").join(t.also)) if t.also else ""
        head = line((text(t.term, lang), "bold $accent"), muted(also) if also else "")
        terms.append(lines([head, line("  ", plain(text(t.definition, lang)))]))
    sources = []
    for sid, s in sorted(content.sources.items(), key=lambda kv: kv[1].short.casefold()):
        summary = text(s.summary, lang)
        if q and not any(q in w.casefold() for w in (sid, s.short, s.citation, summary)):
            continue
        rows = [styled(s.short, "bold $accent"), line("  ", plain(s.citation))]
        if summary:
            rows.append(line("  ", muted(summary.strip())))
        sources.append(lines(rows))
    out = [heading(_("Glossary ({n})").format(n=len(terms))), *(terms or [muted("  " + _("No term matches."))])]
    out += [Content(""), heading(_("Sources ({n})").format(n=len(sources))),
            *(sources or [muted("  " + _("No source matches."))])]
    return Content("\n").join(out)


class CodexScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    def __init__(self, content: GameContent) -> None:
        super().__init__()
        self.content = content

    def compose(self) -> ComposeResult:
        yield Static(line(heading(_("Codex")), muted("  ·  " + _("terms and sources"))), id="codex-title", markup=False)
        yield Input(placeholder=_("Search terms and sources…"), id="codex-search")
        with VerticalScroll(id="codex-scroll"):
            yield Static(codex_content(self.content, ""), id="codex-body", markup=False)
        yield KeyFooter(((_("type"), _("search")), ("Tab", _("to the list")), ("↑↓", _("scroll")), ("Esc", _("back"))))

    def on_mount(self) -> None:
        self.query_one("#codex-search", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#codex-body", Static).update(codex_content(self.content, event.value))
        self.query_one("#codex-scroll", VerticalScroll).scroll_home(animate=False)

    def action_back(self) -> None:
        if self.app.screen is self:
            self.app.pop_screen()
