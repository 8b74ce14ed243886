"""Negotiation: rounds of moves against a counterpart with a mood, patience and a position.
In hot-seat talks a second player answers for the counterpart. The engine runs the talks; this
screen shows the table, the transcript and the moves, and binds the number keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from game.engine.game import Game
from game.engine.views import TalksView
from game.present import preview_text
from game.ui.widgets.text import heading, line, lines, muted, plain

if TYPE_CHECKING:
    from game.ui.app import FriendshipPassApp

KEYS = "123456789"


def transcript_content(counterpart: str, transcript: Any) -> Content:
    rows = []
    for who, said in transcript:
        speaker = {"you": "You", "them": counterpart, "result": "Result"}.get(who, who)
        style = "bold $accent" if who == "them" else "bold"
        rows.append(line((f"{speaker}: ", style), plain(str(said))))
    return lines(rows) if rows else muted("(nothing said yet)")


def table_content(t: TalksView) -> Content:
    ladder = []
    for i, label in enumerate(t.positions):
        marks = []
        if i == t.ask_index:
            marks.append("◀ you ask")
        if i == t.offer_index:
            marks.append("◀ on the table")
        ladder.append(line(("  ● " if i in (t.ask_index, t.offer_index) else "  ○ "), label,
                           (f"  {' '.join(marks)}", "bold") if marks else ""))
    return lines([
        line(("Round ", "bold"), str(t.round + 1), ("  ·  Their mood: ", "bold"), t.mood,
             ("  ·  Patience: ", "bold"), f"{t.patience} round{'s' if t.patience != 1 else ''}"),
        *ladder,
    ])


class TalksScreen(Screen[None]):
    """The negotiating table. Walking away is a move; Escape does not end talks."""

    app: FriendshipPassApp  # type: ignore[assignment]

    BINDINGS = [Binding(k, f"pick({i})", "Move" if i == 0 else f"Move {k}", show=i == 0,
                        key_display="1-9" if i == 0 else None) for i, k in enumerate(KEYS)] + [
        Binding("enter", "done", "Continue"),
        Binding("s", "save", "Save"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.counterpart = ""
        self.finished = False

    @property
    def game(self) -> Game:
        assert self.app.game is not None
        return self.app.game

    def compose(self) -> ComposeResult:
        yield Static("", id="talks-title", markup=False)
        with VerticalScroll(id="talks-scroll"):
            yield Static("", id="talks-summary", markup=False)
            yield Static("", id="talks-table", markup=False)
            yield Static(heading("What has been said"), classes="section")
            yield Static("", id="talks-transcript", markup=False)
            yield Vertical(id="talks-moves")
        yield Footer()

    def on_mount(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        game = self.game
        t = game.talks()
        moves_box = self.query_one("#talks-moves", Vertical)
        moves_box.remove_children()
        if t is None:
            self.finished = True
            done = game.last_talks() or {}
            title = self.query_one("#talks-title", Static)
            title.update(line((" Talks ended ", "bold reverse"), "  ", plain(str(done.get("label", "")))))
            self.query_one("#talks-table", Static).update(
                line(("Outcome: ", "bold"), plain(str(done.get("label", ""))),
                     "  (a deal)" if done.get("deal") else "  (no deal)"))
            self.query_one("#talks-transcript", Static).update(
                transcript_content(self.counterpart, done.get("transcript", ())))
            moves_box.mount(Static(line((" Enter ", "reverse bold"), "  back to the month"), classes="para"))
            self._scroll_end()
            return
        self.counterpart = t.counterpart
        self.query_one("#talks-title", Static).update(
            line((f" Negotiation: {t.title} ", "bold reverse"), "  with ", (t.counterpart, "bold"),
                 muted(f"  ·  {game.month_label()}")))
        self.query_one("#talks-summary", Static).update(plain(t.summary) if t.summary else "")
        self.query_one("#talks-table", Static).update(table_content(t))
        self.query_one("#talks-transcript", Static).update(transcript_content(t.counterpart, t.transcript))
        parts: list[Static] = []
        if t.awaiting == "counterpart":
            parts.append(Static(heading(f"Second player: you answer for {t.counterpart}"), classes="section"))
            for i, o in enumerate(game.reply_options()):
                parts.append(Static(line((f" {KEYS[i]} ", "reverse bold"), " ", (o.label, "bold"),
                                         muted("  (the AI would choose this)") if o.suggested else ""),
                                    classes="move", markup=False))
        else:
            parts.append(Static(heading("Your move"), classes="section"))
            for i, m in enumerate(game.talk_moves()):
                if not m.available:
                    parts.append(Static(lines([
                        line((f" {KEYS[i]} ", "$text-disabled"), " ", ("✗ locked: ", "bold"), plain(m.reason)),
                        line("    ", (m.label, "$text-disabled strike"))]), classes="move -locked", markup=False))
                    continue
                extra = "; ".join(x for x in (m.table, preview_text(game, m, self.app.preview)) if x)
                rows = [line((f" {KEYS[i]} ", "reverse bold"), " ", (m.label, "bold"))]
                if extra:
                    rows.append(line("    ", muted(extra)))
                parts.append(Static(lines(rows), classes="move", markup=False))
        moves_box.mount_all(parts)
        self._scroll_end()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Number keys while the talks run; Enter once they have ended (the footer follows)."""
        if action == "pick":
            return not self.finished
        if action == "done":
            return self.finished
        return True

    def _scroll_end(self) -> None:
        self.refresh_bindings()
        self.call_after_refresh(self.query_one("#talks-scroll", VerticalScroll).scroll_end, animate=False)

    def action_pick(self, index: int) -> None:
        if self.finished:
            return
        game = self.game
        t = game.talks()
        if t is None:
            return
        if t.awaiting == "counterpart":
            options = game.reply_options()
            if index < len(options):
                self.app.talk_reply(options[index].id)
        else:
            moves = game.talk_moves()
            if index >= len(moves):
                return
            if not moves[index].available:
                self.notify(f"Locked: {moves[index].reason}", severity="warning", markup=False)
                return
            self.app.talk_move(moves[index].id)
        if game.is_over:
            self.app.after_talks()
            return
        self.redraw()

    def action_done(self) -> None:
        if self.finished:
            self.app.after_talks()

    def action_save(self) -> None:
        from game.ui.screens.saves import SaveScreen

        self.app.push_screen(SaveScreen())
