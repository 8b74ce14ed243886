"""The Textual app: a second host of the engine API (plain mode is the first).

The app owns the session (content, save store, the game in play, the preview level) and the
navigation between screens. Rules live in the engine; screens only lay things out and bind keys.

    make_app(content, store, game=None, seed=None, preview="meters") -> FriendshipPassApp
    run_app(content, store, **kw) -> exit code
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from game.content.compiled import Content
from game.engine.game import Game
from game.engine.views import ChoiceResult, LedgerLine
from game.errors import RulesError, SaveError
from game.present import PREVIEW_LEVELS
from game.saves import AUTOSAVE, SaveStore
from game.ui.widgets.log import OutcomeKey, remember

HIGH_CONTRAST = Theme(
    name="fp-high-contrast", primary="#ffff00", secondary="#00ffff", accent="#ffffff", foreground="#ffffff",
    background="#000000", surface="#000000", panel="#1a1a1a", boost="#333333", warning="#ffff00",
    error="#ff6060", success="#00ff00", dark=True, text_alpha=1.0,
    variables={"text-muted": "#ffffff", "text-disabled": "#c0c0c0", "footer-key-foreground": "#ffff00",
               "block-cursor-background": "#ffff00", "block-cursor-foreground": "#000000"},
)
THEMES = ("textual-dark", "textual-light", "fp-high-contrast")
THEME_NAMES = {"textual-dark": "dark", "textual-light": "light", "fp-high-contrast": "high contrast"}


def random_seed() -> str:
    return str(random.SystemRandom().randint(100000, 999999))


class FriendshipPassApp(App[int]):
    """Friendship Pass in a terminal."""

    CSS_PATH = "app.tcss"
    TITLE = "Friendship Pass"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("t", "cycle_theme", "Theme"),
        Binding("q", "request_quit", "Quit"),
        Binding("ctrl+q", "request_quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, content: Content, store: SaveStore, game: Game | None = None, seed: str | int | None = None,
                 preview: str = "meters") -> None:
        super().__init__()
        if preview not in PREVIEW_LEVELS:
            raise ValueError(f"preview must be one of {', '.join(PREVIEW_LEVELS)}, not {preview!r}")
        self.content = content
        self.store = store
        self.game: Game | None = game
        self.default_seed = str(seed) if seed is not None else random_seed()
        self.default_preview = preview
        self.preview = game.state.options.get("preview", preview) if game else preview
        self.dirty = False  # choices made since the last save
        self.outcomes: dict[OutcomeKey, ChoiceResult] = {}
        self.register_theme(HIGH_CONTRAST)

    # -- start-up and navigation ---------------------------------------------------------------
    def on_mount(self) -> None:
        self.theme = "textual-dark"
        if self.game is not None:
            self.start(self.game)
        else:
            from game.ui.screens.title import TitleScreen

            self.push_screen(TitleScreen())

    def goto(self, screen: Screen[Any]) -> None:
        """Replace every screen above the base with `screen`."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def to_title(self) -> None:
        from game.ui.screens.title import TitleScreen

        self.goto(TitleScreen())

    def new_game(self, seed: str | int, preview: str, hotseat: bool = False, class_code: str = "") -> None:
        seed_value: int | str = int(seed) if isinstance(seed, str) and seed.isdigit() else seed
        options: dict[str, Any] = {"preview": preview}
        if hotseat:
            options["hotseat"] = "all"
        if class_code:
            options["class_code"] = class_code
        self.game = Game.new(self.content, seed=seed_value, options=options)
        self.preview = preview
        self.outcomes.clear()
        self.dirty = True
        from game.ui.screens.briefing import BriefingScreen

        self.goto(BriefingScreen())

    def start(self, game: Game) -> None:
        """Play `game` (just loaded or just briefed): the main screen, or its ending if it is over."""
        if game is not self.game:
            self.outcomes.clear()
        self.game = game
        self.preview = game.state.options.get("preview", self.default_preview)
        if self.preview not in PREVIEW_LEVELS:
            self.preview = "meters"
        if game.is_over:
            from game.ui.screens.ending import EndingScreen

            self.goto(EndingScreen())
        else:
            from game.ui.screens.main import MainScreen

            self.goto(MainScreen())

    def show_error(self, title: str, message: str) -> None:
        from game.ui.screens.dialogs import ErrorScreen

        self.push_screen(ErrorScreen(title, message))

    # -- saves -------------------------------------------------------------------------------------
    def load(self, slot: str | Path) -> None:
        """Load a save and play it; a bad save shows an error screen and changes nothing."""
        try:
            game = self.store.load(self.content, slot)
        except SaveError as exc:
            self.show_error("This save cannot be loaded", str(exc))
            return
        self.dirty = False
        self.start(game)

    def continue_game(self) -> None:
        if not self.store.path(AUTOSAVE).exists():
            self.show_error("Nothing to continue", "There is no autosave yet. Start a new game; it is saved "
                            "at the end of every month.")
            return
        self.load(AUTOSAVE)

    def save(self, slot: str) -> Path:
        """Save to a slot; raises SaveError with a message for the player."""
        assert self.game is not None
        path = self.store.save(self.game, slot)
        self.dirty = False
        return path

    def autosave(self) -> str:
        """Save to the autosave slot; returns "" or the problem to show."""
        try:
            self.save(AUTOSAVE)
        except SaveError as exc:
            return f"Autosave failed: {exc}"
        return ""

    # -- moves (all through the Game API) ------------------------------------------------------------
    def choose(self, index: int) -> None:
        game = self.game
        assert game is not None
        choices = game.choices()
        if not 0 <= index < len(choices):
            return
        if not choices[index].available:
            self.notify(f"Choice {index + 1} is locked: {choices[index].reason}", severity="warning", markup=False)
            return
        turn, label = game.turn, choices[index].label
        try:
            result = game.choose(index)
        except RulesError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dirty = True
        remember(self.outcomes, turn, result)
        problem = self.autosave() if game.is_over else ""
        from game.ui.screens.dialogs import ResultScreen

        self.push_screen(ResultScreen(game, label, result, problem), self._after_result)

    def _after_result(self, _: object = None) -> None:
        if self.game is not None and self.game.is_over:
            from game.ui.screens.ending import EndingScreen

            self.goto(EndingScreen())

    def set_policy(self, policy: str, option: str) -> None:
        """Change a standing policy; the engine's RulesError reaches the screen unchanged."""
        assert self.game is not None
        self.game.set_policy(policy, option)
        self.dirty = True

    def end_month(self) -> None:
        game = self.game
        assert game is not None
        if not game.can_end_month:
            return
        label, turn = game.month_label(), game.turn
        ledger: list[LedgerLine] = game.end_month()
        problem = self.autosave()
        from game.ui.screens.ledger import LedgerScreen

        self.goto(LedgerScreen(label, turn, ledger, problem))

    def after_ledger(self) -> None:
        """After the ledger: a reflection prompt if one is due, then the next month (or the ending)."""
        game = self.game
        assert game is not None
        due = game.pending_reflection() if not game.is_over else None
        if due is None:
            self.start(game)
            return
        from game.ui.screens.reflection import ReflectionScreen

        self.goto(ReflectionScreen(due[0], due[1]))

    def reflect(self, reflection: str, answer: str) -> None:
        assert self.game is not None
        self.game.reflect(reflection, answer)
        self.dirty = True
        self.start(self.game)

    # -- after the ending --------------------------------------------------------------------------
    def rewind_to(self, turn: int) -> None:
        """Play a branch of the game from the start of month `turn` (the engine replays the record)."""
        from game.engine.replay import rewind

        assert self.game is not None
        try:
            branch = rewind(self.game, turn)
        except RulesError as exc:
            self.show_error("Cannot rewind", str(exc))
            return
        self.dirty = True
        self.start(branch)

    def write_debrief(self) -> tuple[Path, Path]:
        """Write the debrief (HTML and Markdown) beside the saves; raises SaveError with a message."""
        from game.report import debrief_html, debrief_markdown, gather

        game = self.game
        assert game is not None
        debrief = gather(self.content, game.state, f"seed {game.state.seed}")
        seed = "".join(ch for ch in str(game.state.seed) if ch.isalnum() or ch in "-_")[:32] or "game"
        stem = f"debrief-{seed}-{datetime.now():%Y-%m-%d-%H%M%S}"
        paths = (self.store.folder / f"{stem}.html", self.store.folder / f"{stem}.md")
        try:
            self.store.folder.mkdir(parents=True, exist_ok=True)
            paths[0].write_text(debrief_html(debrief), encoding="utf-8")
            paths[1].write_text(debrief_markdown(debrief), encoding="utf-8")
        except OSError as exc:
            raise SaveError(f"could not write the debrief in {self.store.folder}: {exc.strerror or exc}") from None
        return paths

    # -- negotiation ---------------------------------------------------------------------------------
    def open_talks(self) -> None:
        """Open the talks in progress over the main screen (only there: a deferred call may arrive after
        the main screen has been replaced, e.g. by a load or the title screen)."""
        from game.ui.screens.main import MainScreen
        from game.ui.screens.talks import TalksScreen

        if self.game is not None and self.game.talks() is not None and isinstance(self.screen, MainScreen):
            self.push_screen(TalksScreen())

    def talk_move(self, move: str) -> None:
        assert self.game is not None
        try:
            self.game.talk(move)
        except RulesError as exc:
            self.notify(str(exc), severity="error", markup=False)
        self.dirty = True

    def talk_reply(self, option: str) -> None:
        assert self.game is not None
        try:
            self.game.counterpart_reply(option)
        except RulesError as exc:
            self.notify(str(exc), severity="error", markup=False)
        self.dirty = True

    def after_talks(self) -> None:
        assert self.game is not None
        if self.game.is_over:
            self.autosave()
        self.start(self.game)

    # -- app-wide keys -------------------------------------------------------------------------------
    def action_help(self) -> None:
        from game.ui.screens.dialogs import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_cycle_theme(self) -> None:
        current = self.theme if self.theme in THEMES else THEMES[0]
        self.theme = THEMES[(THEMES.index(current) + 1) % len(THEMES)]
        self.notify(f"Theme: {THEME_NAMES[self.theme]}", timeout=2)

    def action_request_quit(self) -> None:
        from game.ui.screens.dialogs import ConfirmQuitScreen

        if isinstance(self.screen, ConfirmQuitScreen):
            return
        if self.game is not None and self.dirty and not self.game.is_over:
            self.push_screen(ConfirmQuitScreen(), self._after_confirm)
        else:
            self.exit(0)

    def _after_confirm(self, answer: str | None) -> None:
        if answer == "save":
            problem = self.autosave()
            if problem:
                self.show_error("Could not save", problem)
                return
            self.exit(0)
        elif answer == "quit":
            self.exit(0)


def make_app(content: Content, store: SaveStore, game: Game | None = None, seed: str | int | None = None,
             preview: str = "meters") -> FriendshipPassApp:
    """The one factory for the CLI and the tests. With `game`, play starts at once (e.g. --continue)."""
    return FriendshipPassApp(content, store, game=game, seed=seed, preview=preview)


def run_app(content: Content, store: SaveStore, **kw: Any) -> int:
    """Run the full-screen game until the player quits; returns the exit code."""
    app = make_app(content, store, **kw)
    result = app.run()
    return int(result or app.return_code or 0)
