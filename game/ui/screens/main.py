"""The main screen: month, meters, counters, the current card and its choices, the log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from game.engine.game import Game
from game.ui.widgets.card import CardPanel, ChoiceLine
from game.ui.widgets.log import log_content
from game.ui.widgets.meters import Counters, PrimaryMeter, SecondaryMeters, strip_content
from game.ui.widgets.text import heading, line, muted

if TYPE_CHECKING:
    from game.ui.app import FriendshipPassApp


class MainScreen(Screen[None]):
    """One month of play."""

    app: FriendshipPassApp  # type: ignore[assignment]

    BINDINGS = [
        Binding("1", "choose(0)", "Choose", key_display="1-4"),
        Binding("2", "choose(1)", "Choose 2", show=False),
        Binding("3", "choose(2)", "Choose 3", show=False),
        Binding("4", "choose(3)", "Choose 4", show=False),
        Binding("enter", "end_month", "End month", show=False),
        Binding("w", "why", "Why?"),
        Binding("p", "policies", "Policies"),
        Binding("s", "save", "Save"),
        Binding("l", "load", "Load", show=False),
        Binding("x", "codex", "Codex"),
        Binding("b", "briefing", "Briefing", show=False),
    ]

    @property
    def game(self) -> Game:
        assert self.app.game is not None
        return self.app.game

    def compose(self) -> ComposeResult:
        game = self.game
        meters = game.meters()
        yield Static(self._topbar(), id="topbar", markup=False)
        with Horizontal(id="primary"):
            for m in meters:
                if m.primary:
                    yield PrimaryMeter(m, id=f"meter-{m.id}", classes="primary-meter")
        yield Static(strip_content(meters), id="secondary-strip", markup=False)
        with VerticalScroll(id="body"):
            with Vertical(id="card-col"):
                yield CardPanel(game, self.app.preview, id="card")
            with Vertical(id="side"):
                yield Static(heading("Other meters"), classes="side-head", id="secondary-head")
                yield SecondaryMeters([m for m in meters if not m.primary], id="secondary")
                yield Static(heading("Counters"), classes="side-head")
                yield Counters(game, id="counters")
                yield Static(heading("Recent decisions"), classes="side-head")
                yield Static(log_content(game, self.app.outcomes), id="log", markup=False)
        yield Footer()

    def _topbar(self):  # type: ignore[no-untyped-def]
        game = self.game
        card = game.current_card()
        where = f"card {card.position} of {card.of}" if card else "month's cards done"
        return line((f" {game.month_label()} · month {game.turn} of {game.turns} ", "bold reverse"),
                    "  ", where, "  ", muted(f"seed {game.state.seed} · preview {self.app.preview}"))

    def on_screen_resume(self) -> None:
        self.run_worker(self.refresh_game, exclusive=True, group="refresh")
        if self.game.talks() is not None and not self.game.is_over:
            self.app.call_later(self.app.open_talks)

    async def refresh_game(self) -> None:
        """Redraw everything from the game's current views."""
        game = self.game
        meters = game.meters()
        self.query_one("#topbar", Static).update(self._topbar())
        for m in meters:
            if m.primary:
                self.query_one(f"#meter-{m.id}", PrimaryMeter).show(m)
        self.query_one("#secondary", SecondaryMeters).show([m for m in meters if not m.primary])
        self.query_one("#secondary-strip", Static).update(strip_content(meters))
        self.query_one("#counters", Counters).show(game)
        self.query_one("#log", Static).update(log_content(game, self.app.outcomes))
        await self.query_one("#card", CardPanel).show(game)
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)

    def on_choice_line_picked(self, message: ChoiceLine.Picked) -> None:
        self.action_choose(message.index)

    # -- actions -----------------------------------------------------------------------------
    def action_choose(self, index: int) -> None:
        if self.game.talks() is not None:
            self.app.open_talks()
            return
        if self.game.current_card() is None:
            self.notify("The month's cards are done: press Enter to end the month.", timeout=3)
            return
        self.app.choose(index)

    def action_end_month(self) -> None:
        if self.game.can_end_month:
            self.app.end_month()
        else:
            self.notify("Answer this month's cards first (keys 1–4).", timeout=3)

    def action_why(self) -> None:
        card = self.game.current_card()
        if card is None:
            self.notify("No card is waiting.", timeout=2)
            return
        from game.ui.screens.dialogs import WhyScreen

        self.app.push_screen(WhyScreen(card, self.game.content.sources.get(card.source_id)))

    def action_policies(self) -> None:
        from game.ui.screens.policies import PoliciesScreen

        self.app.push_screen(PoliciesScreen())

    def action_save(self) -> None:
        from game.ui.screens.saves import SaveScreen

        self.app.push_screen(SaveScreen())

    def action_load(self) -> None:
        from game.ui.screens.saves import LoadScreen

        self.app.push_screen(LoadScreen())

    def action_codex(self) -> None:
        from game.ui.screens.codex import CodexScreen

        self.app.push_screen(CodexScreen())

    def action_briefing(self) -> None:
        from game.ui.screens.briefing import BriefingScreen

        self.app.goto(BriefingScreen())
