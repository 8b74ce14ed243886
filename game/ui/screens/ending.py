"""The ending: title, text, how every meter moved (a sparkline each), and what really happened.

From here the player can rewind to the start of a month and play a branch, write the debrief report
beside the saves, read back their reflections, start a new game or quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Sparkline, Static

from game.errors import SaveError
from game.present import signed
from game.report.debrief import month_label
from game.ui.widgets.text import heading, line, lines, muted, plain

if TYPE_CHECKING:
    from game.ui.app import FriendshipPassApp

KEYS = line((" r ", "reverse bold"), " rewind to a month   ", (" d ", "reverse bold"), " write the debrief   ",
            (" f ", "reverse bold"), " your reflections\n", (" n ", "reverse bold"), " new game   ",
            (" q ", "reverse bold"), " quit   ", (" Esc ", "reverse bold"), " title screen")


class EndingScreen(Screen[None]):
    app: FriendshipPassApp  # type: ignore[assignment]

    BINDINGS = [
        Binding("r", "rewind", "Rewind"),
        Binding("d", "debrief", "Debrief"),
        Binding("f", "reflections", "Reflections"),
        Binding("n", "new", "New game"),
        Binding("escape", "title", "Title screen"),
    ]

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
            yield Static(KEYS, classes="para", markup=False)
        yield Footer()

    def _on_top(self) -> bool:
        """False for keys still queued for this screen after another one was pushed over it."""
        return self.app.screen is self

    def action_rewind(self) -> None:
        if not self._on_top():
            return
        game = self.app.game
        assert game is not None
        self.app.push_screen(RewindScreen(game.turn, month_label(game.content, 1),
                                          month_label(game.content, game.turn)), self._after_rewind)

    def _after_rewind(self, turn: int | None) -> None:
        if turn is not None:
            self.app.rewind_to(turn)

    def action_debrief(self) -> None:
        if not self._on_top():
            return
        try:
            html, md = self.app.write_debrief()
        except SaveError as exc:
            self.app.show_error("Could not write the debrief", str(exc))
            return
        self.notify(f"Debrief written: {html} (and {md.name})", title="Debrief", timeout=10, markup=False)

    def action_reflections(self) -> None:
        if not self._on_top():
            return
        game = self.app.game
        assert game is not None
        answers = sorted(game.state.reflections.values(), key=lambda r: int(r.get("turn", 0)))
        if not answers:
            self.notify("You wrote no reflections in this game.", timeout=4)
            return
        self.app.push_screen(ReflectionsScreen([
            (month_label(game.content, int(r.get("turn", 0))), str(r.get("prompt", "")), str(r.get("answer", "")))
            for r in answers]))

    def action_new(self) -> None:
        from game.ui.screens.newgame import NewGameScreen

        self.app.goto(NewGameScreen())

    def action_title(self) -> None:
        self.app.to_title()


class RewindScreen(ModalScreen[int | None]):
    """Ask for the month to rewind to (1..last); Enter answers, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, last: int, first_label: str, last_label: str) -> None:
        super().__init__()
        self.last, self.first_label, self.last_label = last, first_label, last_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="rewind-box"):
            yield Static(heading("Rewind and play a branch"), classes="dialog-part")
            yield Static(plain(f"Go back to the start of a month and choose differently from there. Everything "
                               f"before that month stays as you played it. Month 1 is {self.first_label}, "
                               f"month {self.last} is {self.last_label}."), classes="dialog-part", markup=False)
            yield Input(id="rewind-month", type="integer", max_length=3, placeholder=f"1 to {self.last}")
            yield Static("", id="rewind-error", markup=False)
            yield Static(line((" Enter ", "reverse bold"), " rewind   ", (" Esc ", "reverse bold"), " cancel"),
                         classes="dialog-foot", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.app.screen is not self:  # a second Enter queued before the first closed this prompt
            return
        text = event.value.strip()
        if not text.isdigit() or not 1 <= int(text) <= self.last:
            self.query_one("#rewind-error", Static).update(f"✗ Type a month number from 1 to {self.last}.")
            return
        self.dismiss(int(text))

    def action_cancel(self) -> None:
        if self.app.screen is self:
            self.dismiss(None)


class ReflectionsScreen(ModalScreen[None]):
    """The reflections the player wrote, month by month (skipped prompts say so)."""

    BINDINGS = [Binding("enter,escape,space", "close", "Close")]

    def __init__(self, answers: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with VerticalScroll(classes="dialog-body"):
                yield Static(heading("Your reflections"), classes="dialog-part")
                for month, prompt, answer in self.answers:
                    yield Static(lines([Content.styled(month, "bold"), plain(prompt),
                                        line(("→ ", "bold"), plain(answer) if answer else muted("(skipped)"))]),
                                 classes="dialog-part", markup=False)
            yield Static(line((" Enter ", "reverse bold"), " close"), classes="dialog-foot", markup=False)

    def action_close(self) -> None:
        if self.app.screen is self:  # Enter and Escape pressed together must not close two screens
            self.dismiss(None)
