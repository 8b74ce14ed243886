"""The month-end ledger: each meter's change broken down by cause, then the month's counters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from game.engine.views import LedgerLine
from game.present import signed
from game.ui.widgets.text import heading, line, lines, muted, plain

if TYPE_CHECKING:
    from game.ui.app import FriendshipPassApp


def meter_block(item: LedgerLine) -> Content:
    rows = [line((item.name, "bold"), f"  {item.start} → {item.end}  ", (f"({signed(item.end - item.start)})", "bold"))]
    for reason, delta in item.causes:
        rows.append(line(f"  {signed(delta):>6}  ", plain(reason)))
    return lines(rows)


def counter_rows(items: list[LedgerLine]) -> Content:
    width = max((len(i.name) for i in items), default=0)
    return lines(line(f"  {i.name:<{width}}  ", f"{i.start:>9,} → ", (f"{i.end:,}", "bold"),
                      muted(f"  ({signed(i.end - i.start)})")) for i in items)


class LedgerScreen(Screen[None]):
    """Shown after a month ends; Enter goes on to the next month (or the ending)."""

    app: FriendshipPassApp  # type: ignore[assignment]

    BINDINGS = [Binding("enter,space", "next", "Continue")]

    def __init__(self, label: str, turn: int, ledger: list[LedgerLine], problem: str = "") -> None:
        super().__init__()
        self.label, self.turn, self.ledger, self.problem = label, turn, ledger, problem

    def compose(self) -> ComposeResult:
        game = self.app.game
        assert game is not None
        meters = [i for i in self.ledger if i.kind == "meter"]
        counters = [i for i in self.ledger if i.kind == "counter"]
        with VerticalScroll(id="ledger", classes="page"):
            yield Static(heading(f"Ledger · {self.label} · month {self.turn} of {game.turns}"), id="ledger-title")
            saved = self.problem or "Saved to the autosave slot."
            yield Static(Content.styled(saved, "$error") if self.problem else muted(saved), markup=False)
            if not meters:
                yield Static(muted("No meter moved this month."), classes="para")
            for item in meters:
                yield Static(meter_block(item), classes="ledger-meter", markup=False)
            if counters:
                yield Static(heading("Counters this month"), classes="section")
                yield Static(counter_rows(counters), classes="para", markup=False)
            nxt = "See how it ended" if game.is_over else f"Continue to {game.month_label()}"
            yield Static(line((" Enter ", "reverse bold"), f"  {nxt}"), classes="para")
        yield Footer()

    def action_next(self) -> None:
        self.app.after_ledger()
