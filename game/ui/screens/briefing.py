"""Briefing: who you are, the situation, and what the meters mean."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from game.content.compiled import text
from game.ui.widgets.text import heading, line, lines, muted, plain

if TYPE_CHECKING:
    from game.ui.app import FriendshipPassApp


class BriefingScreen(Screen[None]):
    app: FriendshipPassApp  # type: ignore[assignment]

    BINDINGS = [Binding("enter", "begin", "Begin"), Binding("escape", "begin", "Back to the game", show=False)]

    def compose(self) -> ComposeResult:
        game = self.app.game
        assert game is not None
        scenario = game.content.scenario
        meters = []
        for m in game.meters():
            kind = "primary" if m.primary else "secondary"
            meters.append(line(("• ", "bold"), (m.name, "bold"), f" ({kind}, starts at {m.value}): ",
                               plain(m.description or "—")))
        with VerticalScroll(id="briefing", classes="page"):
            yield Static(heading(f"Briefing · {game.month_label()} · month {game.turn} of {game.turns}"))
            yield Static(muted(f"Seed {game.state.seed} · preview: {self.app.preview}"))
            yield Static(heading("Who you are"), classes="section")
            yield Static(plain(text(scenario.role) or "You run the pilot."), classes="para")
            yield Static(heading("The situation"), classes="section")
            yield Static(plain(text(scenario.intro) or ""), classes="para")
            yield Static(heading("The meters (0–100)"), classes="section")
            yield Static(lines(meters), classes="para")
            lose = [m.name for m in game.meters() if m.primary]
            yield Static(muted(f"If {' or '.join(lose)} reaches 0 the trial ends at once. "
                               "Press Enter to begin."), classes="para")
        yield Footer()

    def action_begin(self) -> None:
        assert self.app.game is not None
        self.app.start(self.app.game)
