"""Briefing: who you are, the situation, what the meters mean and how the game ends."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.i18n import _
from game.present import aside
from game.ui.messages import Go
from game.ui.model import BriefingSheet
from game.ui.screens.base import KeyedScreen
from game.ui.widgets.draw import preview_name
from game.ui.widgets.keys import KeyFooter
from game.ui.widgets.text import heading, line, lines, muted, plain


class BriefingScreen(KeyedScreen):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,escape,space", "begin", "Begin"),
                                             Binding("L", "language", "Language", show=False)]

    def __init__(self, sheet: BriefingSheet, first: bool = False) -> None:
        super().__init__()
        self.sheet, self.first = sheet, first

    def compose(self) -> ComposeResult:
        b = self.sheet
        meters = [line(("• ", "bold"), (name, "bold"),
                       aside((_("primary, now {value}") if primary else _("secondary, now {value}")).format(
                           value=value)), _(": "), plain(description or "—"))
                  for name, primary, value, description in b.meters]
        with VerticalScroll(id="briefing", classes="page"):
            yield Static(heading(_("Briefing · {title} · {month} · month {turn} of {turns}").format(
                title=b.title, month=b.month, turn=b.turn, turns=b.turns)))
            yield Static(muted(_("Seed {seed} · preview: {preview}").format(seed=b.seed,
                                                                          preview=preview_name(b.preview))))
            yield Static(heading(_("Who you are")), classes="section")
            yield Static(plain(b.role or _("You run the pilot.")), classes="para")
            if b.intro.strip():
                yield Static(heading(_("The situation")), classes="section")
                yield Static(plain(b.intro), classes="para")
            yield Static(heading(_("The meters (0–100)")), classes="section")
            yield Static(lines(meters), classes="para")
            ends = (_("The game ends at once if {conditions}. Otherwise it runs to {month}, when your record is "
                      "judged.").format(conditions=b.losses, month=b.last_month) if b.losses else
                    _("The game runs to {month}, when your record is judged.").format(month=b.last_month))
            yield Static(plain(ends + " " + _(
                "Each month brings one to three cards; then standing policies and the labour market act, and a "
                "ledger shows every change and its cause. Press ? at any time for every key.")), classes="para")
        yield KeyFooter((("Enter", _("begin") if self.first else _("back to the game")), ("↑↓", _("scroll"))))

    def action_language(self) -> None:
        if self.app.screen is self:
            self.post_message(Go("language"))

    def action_begin(self) -> None:
        if self.app.screen is self:
            self.post_message(Go("begin"))
