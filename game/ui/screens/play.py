"""The main screen: month and meters on top, the page for what is happening (a card, a result, the
ledger, the talks...), a status line and the keys that work now. The app hands it a fresh snapshot
after every intent; each page redraws only if its part of the snapshot changed."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from game.i18n import _
from game.ui.messages import Do, Go
from game.ui.model import Answer, Snapshot, key_intent
from game.ui.widgets import draw
from game.ui.widgets.page import Page

# Keys left to the focused widget (scrolling) and to the app's own bindings.
PASS = {"up", "down", "left", "right", "pageup", "pagedown", "home", "end", "tab", "shift+tab"}
WIDE = 110  # from this width on, counters and recent decisions have a column of their own


class Scroll(VerticalScroll):
    """The scrolling part of the main screen (its scrollbar is always there, so it never shifts text)."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # The content's new height is already laid out; Textual would lay out again for `virtual_size`.
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def _scroll_update(self, virtual_size: Size) -> None:
        # Textual repaints a scrollbar whose thumb moved in a frame of its own, a frame after the page;
        # paint it in the frame being composed instead (one key, one frame).
        super()._scroll_update(virtual_size)
        bars: set[Widget] = {bar for bar in (self._vertical_scrollbar, self._horizontal_scrollbar)
                             if bar is not None and bar._repaint_required}
        if bars and self.is_attached:
            for bar in bars:
                bar._repaint_required = False
            self.screen._compositor.update_widgets(bars)


class PlayScreen(Screen[None]):
    """One month of play."""

    def __init__(self, snapshot: Snapshot) -> None:
        super().__init__()
        self.snap = snapshot
        self.mode = ""
        self.why = False  # whether the card's source was open when last shown

    def compose(self) -> ComposeResult:
        yield Page(draw.topbar, id="topbar")
        yield Page(draw.meters, id="meters")
        with Horizontal(id="body"):
            with Vertical(id="main"):
                yield Page(draw.talks_head, id="pinned")
                with Scroll(id="scroll"):
                    yield Page(draw.card, id="page")
                    yield Input(id="reflection-answer", max_length=2000, placeholder=_("A sentence or two…"))
            with Scroll(id="side"):
                yield Page(draw.counters_lines, id="side-counters")
                yield Page(draw.log_lines, id="side-log")
        yield Page(draw.status, id="status")
        yield Page(draw.keybar, id="keybar")

    def on_mount(self) -> None:
        self.show(self.snap)

    # -- drawing -----------------------------------------------------------------------------------
    def show(self, snap: Snapshot) -> None:
        """Draw `snap`: each page gets its part; a new mode scrolls back to the top."""
        self.snap = snap
        if not self.is_mounted:
            return
        width = self.size.width
        self.query_one("#topbar", Page).set(draw.top(snap))
        self.query_one("#meters", Page).set(snap.meters)
        pinned_value, value, build = draw.pages_for(snap, width >= WIDE)
        pinned = self.query_one("#pinned", Page)
        pinned.set(pinned_value)
        pinned.display = pinned_value is not None
        page = self.query_one("#page", Page)
        page.set(value, build)
        side = self.query_one("#side")
        side.display = width >= WIDE
        if width >= WIDE:
            self.query_one("#side-counters", Page).set(snap.counters)
            self.query_one("#side-log", Page).set(snap.log)
        status = self.query_one("#status", Page)
        status.set((snap.status, snap.status_level))
        status.display = bool(snap.status)
        self.query_one("#keybar", Page).set(snap.keys)
        answer = self.query_one("#reflection-answer", Input)
        if snap.why != self.why and snap.mode == self.mode:  # the source opened (show it) or closed (back up)
            scroll = self.query_one("#scroll", Scroll)
            self.call_after_refresh(scroll.scroll_end if snap.why else scroll.scroll_home, animate=False)
        self.why = snap.why
        if snap.mode != self.mode:
            self.mode = snap.mode
            scroll = self.query_one("#scroll", Scroll)
            if snap.mode == "role_line":  # the line's prompt is at the end of the role's page
                self.call_after_refresh(scroll.scroll_end, animate=False)
            else:
                scroll.scroll_home(animate=False)
            answer.display = snap.mode in ("reflection", "desk_line", "role_line")
            if snap.mode in ("reflection", "desk_line", "role_line"):
                answer.value = ""
                answer.focus()
            elif self.focused is answer:
                self.set_focus(None)

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

    def action_pick(self, n: int) -> None:
        """A click on a numbered line: the same as pressing its number."""
        self.post_message(Do(key_intent(self.snap, str(n))))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(Do(Answer(event.value)))
