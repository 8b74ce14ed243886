"""The main screen: month and meters on top, one panel for what is happening (a card, a result, the
ledger, the talks...), a status line and the keys that work now. The app hands it a fresh snapshot
after every intent; widgets update in place and only the parts that changed are redrawn."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from game.ui.messages import Do, Go
from game.ui.widgets.header import Cached, Drawn, MeterBoard, counters_content, log_content
from game.ui.widgets.lines import KeyBar, NumberedLine
from game.ui.widgets.panels import (
    CardPanel, LedgerPanel, MonthEndPanel, OutcomePanel, ReflectionPanel, ResultPanel, TalksPanel,
)
from game.ui.widgets.text import heading, line, muted, styled
from game.ui_controller import Answer, Snapshot, key_intent

PANELS: dict[str, type[Widget]] = {"card": CardPanel, "result": ResultPanel, "month_end": MonthEndPanel,
                                   "ledger": LedgerPanel, "reflection": ReflectionPanel, "talks": TalksPanel,
                                   "talks_outcome": OutcomePanel, "over": ResultPanel}
# Keys left to the focused widget (scrolling) and to the app (its priority bindings).
PASS = {"up", "down", "left", "right", "pageup", "pagedown", "home", "end", "tab", "shift+tab"}


class PlayScreen(Screen[None]):
    """One month of play."""

    def __init__(self, snapshot: Snapshot) -> None:
        super().__init__()
        self.snap = snapshot
        self.panel: Widget | None = None

    def compose(self) -> ComposeResult:
        yield Cached(id="topbar")
        yield MeterBoard(id="meters")
        with Horizontal(id="body"):
            with Vertical(id="main"):
                for cls in dict.fromkeys(PANELS.values()):
                    panel = cls(id=f"panel-{cls.__name__.lower()}")
                    panel.display = False
                    yield panel
            with Vertical(id="side"):
                yield Drawn(lambda value, width: Content("\n").join(
                    [heading("Counters"), counters_content(value or (), width)]), id="side-counters")
                yield Cached(id="side-log")
        yield Cached(id="status")
        yield KeyBar(id="keybar")

    def on_mount(self) -> None:
        self.show(self.snap, force=True)

    # -- drawing -----------------------------------------------------------------------------------
    def show(self, snap: Snapshot, force: bool = False) -> None:
        """Draw `snap`: update what changed, switch the panel if the mode changed."""
        if not self.is_mounted:
            self.snap = snap
            return
        self.snap = snap
        width = self.size.width
        self.query_one("#topbar", Cached).set((snap.month, snap.turn, snap.where, snap.seed, snap.preview, width),
                                              lambda: topbar(snap, width))
        self.query_one(MeterBoard).set(snap.meters)
        panel = self.query_one(f"#panel-{PANELS.get(snap.mode, ResultPanel).__name__.lower()}")
        if panel is not self.panel or force:
            if self.panel is not None:
                self.panel.display = False
            panel.display = True
            self.panel = panel
            if isinstance(panel, ReflectionPanel):
                answer = panel.query_one(Input)
                answer.value = ""
                answer.focus()
            else:
                self.set_focus(None)
        getattr(panel, "show")(snap)
        if self.size.width >= 110:
            self.query_one("#side-counters", Drawn).set(snap.counters)
            self.query_one("#side-log", Cached).set(snap.log, lambda: Content("\n").join(
                [heading("Recent decisions"), log_content(snap.log)]))
        status = self.query_one("#status", Cached)
        status.set((snap.status, snap.status_level), lambda: status_line(snap))
        status.display = bool(snap.status)
        self.query_one(KeyBar).set(snap.keys)

    def on_resize(self, event: events.Resize) -> None:
        self.show(self.snap)

    def on_screen_resume(self) -> None:
        """Back from policies, a save or the codex: the app redraws with the latest snapshot."""
        self.post_message(Go("redraw"))

    # -- input -------------------------------------------------------------------------------------
    def on_key(self, event: events.Key) -> None:
        if isinstance(self.focused, Input):
            if event.key == "escape":
                event.stop()
                self.post_message(Do(Answer("")))
            return
        if event.key in PASS or event.key.startswith("ctrl+"):
            return
        event.stop()
        event.prevent_default()
        self.post_message(Do(key_intent(self.snap, event.key)))

    def on_numbered_line_picked(self, message: NumberedLine.Picked) -> None:
        self.post_message(Do(key_intent(self.snap, str(message.n))))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(Do(Answer(event.value)))


def topbar(snap: Snapshot, width: int) -> Content:
    month = f" {snap.month} · month {snap.turn} of {snap.turns} "
    extra = f"seed {snap.seed} · preview {snap.preview}"
    used = len(month) + 2 + len(snap.where)
    gap = width - used - len(extra) - 1
    return line((month, "bold reverse"), "  ", snap.where, muted(" " * gap + extra) if gap >= 3 else "")


def status_line(snap: Snapshot) -> Content:
    if snap.status_level == "error":
        return styled(f"✗ {snap.status}", "bold $error")
    if snap.status_level == "warning":
        return styled(f"! {snap.status}", "bold $warning")
    return styled(f"✓ {snap.status}", "bold $success")
