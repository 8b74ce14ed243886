"""Briefing: who you are, the situation, what the meters mean and how the game ends."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.ui.messages import Go
from game.ui.model import BriefingSheet
from game.ui.screens.base import KeyedScreen
from game.ui.widgets.keys import KeyFooter
from game.ui.widgets.text import heading, line, lines, muted, plain


class BriefingScreen(KeyedScreen):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,escape,space", "begin", "Begin")]

    def __init__(self, sheet: BriefingSheet, first: bool = False) -> None:
        super().__init__()
        self.sheet, self.first = sheet, first

    def compose(self) -> ComposeResult:
        b = self.sheet
        meters = [line(("• ", "bold"), (name, "bold"), f" ({'primary' if primary else 'secondary'}, now {value}): ",
                       plain(description or "—")) for name, primary, value, description in b.meters]
        with VerticalScroll(id="briefing", classes="page"):
            yield Static(heading(f"Briefing · {b.title} · {b.month} · month {b.turn} of {b.turns}"))
            yield Static(muted(f"Seed {b.seed} · preview: {b.preview}"))
            yield Static(heading("Who you are"), classes="section")
            yield Static(plain(b.role or "You run the pilot."), classes="para")
            if b.intro.strip():
                yield Static(heading("The situation"), classes="section")
                yield Static(plain(b.intro), classes="para")
            yield Static(heading("The meters (0–100)"), classes="section")
            yield Static(lines(meters), classes="para")
            ends = f"The game ends at once if {b.losses}. " if b.losses else ""
            yield Static(plain(f"{ends}Otherwise it runs to {b.last_month}, when your record is judged. Each month "
                               "brings one to three cards; then standing policies and the labour market act, and a "
                               "ledger shows every change and its cause. Press ? at any time for every key."),
                         classes="para")
        yield KeyFooter((("Enter", "begin" if self.first else "back to the game"), ("↑↓", "scroll")))

    def action_begin(self) -> None:
        if self.app.screen is self:
            self.post_message(Go("begin"))
