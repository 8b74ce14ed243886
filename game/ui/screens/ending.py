"""The ending: title, text, how every meter moved (one bar per month on a fixed 0–100 scale), the
talks, and what really happened. From here: rewind to a month, write the debrief, read your
reflections, start a new game or quit."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from game.i18n import _
from game.present import signed
from game.ui.messages import Go
from game.ui.model import EndingSheet
from game.ui.screens.base import KeyedScreen
from game.ui.widgets.draw import pad
from game.ui.widgets.keys import KeyFooter
from game.ui.widgets.text import heading, key, line, lines, muted, plain, styled

BARS = "▁▂▃▄▅▆▇█"


def spark(values: tuple[int, ...], low: int = 0, high: int = 100) -> str:
    """One bar per value on a fixed scale (`low` → the lowest bar, `high` → the full block)."""
    span = max(1, high - low)
    out = []
    for v in values:
        level = round((min(high, max(low, v)) - low) / span * (len(BARS) - 1))
        out.append(BARS[level])
    return "".join(out)


def meters_content(sheet: EndingSheet) -> Content:
    from rich.cells import cell_len

    width = max(cell_len(m[0]) for m in sheet.meters)
    rows = []
    for name, start, end, months, low, high in sheet.meters:
        rows.append(line(pad(name, width), "  ", (spark(months, low, high) or "—", "$primary"),
                         f"  {start:>3} → {end:>3} ", muted(f"({signed(end - start)})")))
    return lines(rows)


class EndingScreen(KeyedScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "rewind", "Rewind"), Binding("d", "go('debrief')", "Debrief"),
        Binding("f", "go('reflections')", "Reflections"), Binding("n", "go('new')", "New game"),
        Binding("escape", "go('title')", "Title screen"), Binding("q", "go('quit')", "Quit"),
        Binding("question_mark,f1", "go('help')", "Help"), Binding("x", "go('codex')", "Codex"),
        Binding("L", "go('language')", "Language"),
    ]

    def __init__(self, sheet: EndingSheet) -> None:
        super().__init__()
        self.sheet = sheet

    def compose(self) -> ComposeResult:
        s = self.sheet
        end = s.ending
        with VerticalScroll(id="ending", classes="page"):
            yield Static(styled(end.title.strip().upper(), "bold $accent"), id="ending-title")
            yield Static(muted(_("{month} · month {turn} of {turns} · seed {seed}").format(
                month=s.month, turn=s.turn, turns=s.turns, seed=s.seed)))
            yield Static(plain(end.text), classes="para")
            yield Static(heading(_("How the meters moved")), classes="section")
            yield Static(meters_content(s), classes="para", id="ending-meters")
            yield Static(muted(_("One bar per month from {month}, on a fixed scale: ▁ is 0, █ is 100.").format(
                month=s.first_month)))
            if s.talks:
                yield Static(heading(_("Talks")), classes="section")
                yield Static(lines(line(_("{month}: ").format(month=month), (title, "bold"), " — ", plain(outcome),
                                        muted(" " + (_("(a deal)") if deal else _("(no deal)"))))
                                   for month, title, outcome, deal in s.talks), classes="para")
            yield Static(heading(_("What happened in history")), classes="section")
            yield Static(plain(end.epilogue), classes="para")
            yield Static(line((_("Source: "), "bold"), plain(end.source_citation),
                              muted(f"  ({end.source_where})") if end.source_where else ""), classes="para")
            if end.source_quote:
                yield Static(styled(f"“{end.source_quote.strip()}”", "italic"), classes="para")
            if s.quote_translation:
                yield Static(line((_("Our translation: "), "bold"), plain(s.quote_translation)), classes="para")
        yield KeyFooter((("r", _("rewind")), ("d", _("debrief")), ("f", _("reflections")), ("n", _("new")),
                         ("Esc", _("title")), ("?", _("help")), ("q", _("quit"))))

    def action_go(self, where: str) -> None:
        if self.app.screen is self:  # a key still queued after another screen opened
            self.post_message(Go(where))

    def action_rewind(self) -> None:
        if self.app.screen is not self:
            return
        s = self.sheet
        self.app.push_screen(RewindScreen(s.turn, s.first_month), self._after_rewind)

    def _after_rewind(self, turn: int | None) -> None:
        if turn is not None:
            self.post_message(Go("rewind", turn=turn))


class RewindScreen(ModalScreen[int | None]):
    """Ask for the month to rewind to (1..last); Enter answers, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, last: int, first_label: str) -> None:
        super().__init__()
        self.last, self.first_label = last, first_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="rewind-box"):
            yield Static(heading(_("Rewind and play a branch")), classes="dialog-part")
            yield Static(plain(_("Go back to the start of a month and choose differently from there. Everything "
                                 "before that month stays as you played it. Month 1 is {month}.").format(
                month=self.first_label)), classes="dialog-part")
            yield Input(id="rewind-month", type="integer", max_length=3,
                        placeholder=_("1 to {last}").format(last=self.last))
            yield Static("", id="rewind-error", markup=False)
            yield Static(line(key("Enter"), " ", _("rewind"), "   ", key("Esc"), " ", _("cancel")),
                         classes="dialog-foot")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.app.screen is not self:  # a second Enter queued before the first closed this prompt
            return
        value = event.value.strip()
        if not value.isdigit() or not 1 <= int(value) <= self.last:
            self.query_one("#rewind-error", Static).update(
                "✗ " + _("Type a month number from 1 to {last}.").format(last=self.last))
            return
        self.dismiss(int(value))

    def action_cancel(self) -> None:
        if self.app.screen is self:
            self.dismiss(None)


class ReflectionsScreen(ModalScreen[None]):
    """The reflections the player wrote, month by month (skipped prompts say so)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,escape,space", "close", "Close")]

    def __init__(self, answers: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with VerticalScroll(classes="dialog-body"):
                yield Static(heading(_("Your reflections")), classes="dialog-part")
                for month, prompt, answer in self.answers:
                    yield Static(lines([styled(month, "bold"), plain(prompt),
                                        line(("→ ", "bold"), plain(answer) if answer else muted(_("(skipped)")))]),
                                 classes="dialog-part", markup=False)
            yield Static(line(key("Enter"), " ", _("close")), classes="dialog-foot", markup=False)

    def action_close(self) -> None:
        if self.app.screen is self:  # Enter and Escape pressed together must not close two screens
            self.dismiss(None)
