"""The ending: title, text, how every meter moved (a sparkline each), and what really happened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Sparkline, Static

from game.present import signed
from game.ui.widgets.text import heading, line, muted, plain

if TYPE_CHECKING:
    from game.ui.app import FriendshipPassApp


class EndingScreen(Screen[None]):
    app: FriendshipPassApp  # type: ignore[assignment]

    BINDINGS = [Binding("n", "new", "New game"), Binding("escape", "title", "Title screen")]

    def compose(self) -> ComposeResult:
        game = self.app.game
        assert game is not None
        end = game.ending()
        assert end is not None
        with VerticalScroll(id="ending", classes="page"):
            yield Static(Content.styled(end.title.strip().upper(), "bold $accent"), id="ending-title")
            yield Static(muted(f"{game.month_label()} · month {game.turn} of {game.turns} · seed {game.state.seed}"),
                         markup=False)
            yield Static(plain(end.text), classes="para", markup=False)
            yield Static(heading("How the meters moved"), classes="section")
            width = max(len(m.name) for m in game.meters())
            for m in game.meters():
                history = list(m.history) or [m.value]
                first = history[0]
                with Horizontal(classes="spark-row"):
                    yield Static(m.name.ljust(width), classes="spark-name", markup=False)
                    yield Sparkline(history, classes="spark")
                    yield Static(f"{first:>3} → {m.value:>3} ({signed(m.value - first)})", classes="spark-nums",
                                 markup=False)
            yield Static(muted("One bar per month; taller is higher."), classes="spark-note")
            yield Static(heading("What happened in history"), classes="section")
            yield Static(plain(end.epilogue), classes="para", markup=False)
            cite = line(("Source: ", "bold"), plain(end.source_citation),
                        muted(f"  ({end.source_where})") if end.source_where else "")
            yield Static(cite, classes="para", markup=False)
            if end.source_quote:
                yield Static(Content.styled(f"“{end.source_quote.strip()}”", "italic"), classes="para")
            yield Static(line((" n ", "reverse bold"), " new game   ", (" q ", "reverse bold"), " quit   ",
                              (" Esc ", "reverse bold"), " title screen"), classes="para")
        yield Footer()

    def action_new(self) -> None:
        from game.ui.screens.newgame import NewGameScreen

        self.app.goto(NewGameScreen())

    def action_title(self) -> None:
        self.app.to_title()
