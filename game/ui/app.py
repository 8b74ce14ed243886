"""The Textual app: a host of the engine API beside plain mode, through a headless controller.

The app owns the navigation between screens and the snapshot the main screen draws. Screens post
`Do(intent)` (the controller turns it into engine actions) or `Go(where)` (another screen, a save, a
new game); they never import this module.

    make_app(content, store, game=None, seed=None, preview="meters", watcher=None) -> FriendshipPassApp
    run_app(loader=..., seed=...) -> exit code   (the CLI: the title shows while the decks load)

Start-up: this module imports only Textual. With a `loader`, the title screen is drawn first and the
content, saves and engine are loaded in a thread behind it; keys pressed meanwhile wait for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import random
import signal
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from game.errors import FriendshipPassError, RulesError, SaveError
from game.i18n import LANGUAGES, N_, _, language, set_language
from game.textsafe import clean
from game.ui.messages import Do, Go

if TYPE_CHECKING:
    from game.content.compiled import Content
    from game.engine.game import Game
    from game.saves import SaveStore
    from game.server.student import ClassLink
    from game.ui.model import Snapshot
    from game.ui.screens.play import PlayScreen
    from game.ui_controller import Controller

AUTOSAVE = "autosave"  # game.saves.AUTOSAVE, without importing the saves at start-up

HIGH_CONTRAST = Theme(
    name="fp-high-contrast", primary="#ffff00", secondary="#00ffff", accent="#ffffff", foreground="#ffffff",
    background="#000000", surface="#000000", panel="#1a1a1a", boost="#333333", warning="#ffff00",
    error="#ff6060", success="#00ff00", dark=True, text_alpha=1.0,
    variables={"text-muted": "#ffffff", "text-disabled": "#c0c0c0", "footer-key-foreground": "#ffff00",
               "block-cursor-background": "#ffff00", "block-cursor-foreground": "#000000"},
)
THEMES = ("textual-dark", "textual-light", "fp-high-contrast")
THEME_NAMES = {"textual-dark": N_("dark"), "textual-light": N_("light"), "fp-high-contrast": N_("high contrast")}
ERROR_LOG = "friendship-pass-errors.log"
SIGNALS = tuple(s for s in (getattr(signal, n, None) for n in ("SIGINT", "SIGTERM", "SIGHUP")) if s is not None)
CLASS_POLL_SECONDS = 2.0  # how often a class game reads the class's state (hold, end, pushed cards, messages)
JOIN_TIMEOUT_SECONDS = 15 * 60  # a browser tab that never joins gives its place in the class back


def random_seed() -> str:
    return str(random.SystemRandom().randint(100000, 999999))


class Session:
    """What a game needs, once loaded: the content, the saves, maybe a game to start with."""

    def __init__(self, content: Content, store: SaveStore, game: Game | None = None, preview: str = "meters",
                 watcher: Any = None, classroom: ClassLink | None = None) -> None:
        self.content, self.store, self.game, self.preview, self.watcher = content, store, game, preview, watcher
        self.classroom = classroom  # a browser class: the student joins by name and plays a class game


def _title_class() -> type[Screen[None]]:
    from game.ui.screens.title import TitleScreen

    return TitleScreen


def _play_class() -> type[PlayScreen]:
    from game.ui.screens.play import PlayScreen

    return PlayScreen


class FriendshipPassApp(App[int]):
    """Friendship Pass in a terminal."""

    CSS_PATH = "app.tcss"
    TITLE = "Friendship Pass"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-short"), (34, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "request_quit", "Quit", show=False, priority=True),
        Binding("ctrl+c", "request_quit", "Quit", show=False, priority=True)]

    def __init__(self, session: Session | None = None, loader: Callable[[], Session] | None = None,
                 seed: str | int | None = None, join_code: str | None = None, lang: str | None = None) -> None:
        super().__init__()
        # The language the player asked for (--lang, or picked on the title, new-game or join screen): games
        # started or continued are played in it. None: a loaded game keeps the language it was saved in.
        self.chosen_lang = lang
        self.loader = loader
        self.join_code = join_code  # None: no class; "": join a class, asking its code; a code: join that class
        self.joined = False
        self.load_error: BaseException | None = None  # raised again by run_app once the terminal is back
        self.waiting: list[Go] = []  # requests made on the title before the decks were loaded
        self.default_seed = str(seed) if seed is not None else random_seed()
        self.exit_message = ""  # printed after the terminal is restored
        self.error_log: Path | None = None
        self.session: Session | None = None
        self.content: Content
        self.store: SaveStore
        self._controller: Controller | None = None
        if session is not None:
            self._use(session)
        self.register_theme(HIGH_CONTRAST)

    def _use(self, session: Session) -> None:
        from game.ui_controller import Controller

        self.session = session
        self.content, self.store = session.content, session.store
        watcher = session.watcher
        self._controller = Controller(session.content, session.store, session.preview,
                                      watcher.reload if watcher is not None else None, session.classroom)

    @property
    def controller(self) -> Controller:
        assert self._controller is not None, "the decks are not loaded yet"
        return self._controller

    @property
    def ready(self) -> bool:
        return self._controller is not None

    # -- start-up and navigation -------------------------------------------------------------------
    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self._install_signals()
        if self.join_code is not None:
            from game.ui.screens.join import JoinScreen

            self.push_screen(JoinScreen(ask_code=not self.join_code, code=self.join_code))
            self.set_timer(JOIN_TIMEOUT_SECONDS, self._join_timeout)
            self.set_interval(CLASS_POLL_SECONDS, self._class_tick)
            if self.session is None:
                self.call_after_refresh(self._start_loading)
            return
        if self.session is not None:
            self._begin()
        else:
            from game.ui.screens.title import TitleScreen

            self.push_screen(TitleScreen())
            self.call_after_refresh(self._start_loading)  # the title is on screen first; the decks load behind it

    def _start_loading(self) -> None:
        """Load behind the drawn title. In this thread, not another: a loader thread would allocate the
        decks in a malloc arena of its own (measured: +4 MB of resident memory for the whole game)."""
        assert self.loader is not None
        try:
            session = self.loader()
        except Exception as exc:  # noqa: BLE001 - broken decks, a bad save: run_app raises it after the UI
            if self.join_code is not None and isinstance(exc, FriendshipPassError):
                self._cannot_join(str(exc))  # a browser student sees why, not a closed page
                return
            self.load_error = exc
            self.exit(2)
            return
        starts_a_game = session.game is not None
        self._use(session)
        if self.join_code is not None:  # the join screen stays; a Join pressed meanwhile goes through now
            gc.collect()
            gc.freeze()
            waiting, self.waiting = self.waiting, []
            for message in waiting:
                self.on_go(message)
            return
        self._begin()
        waiting, self.waiting = self.waiting, []
        for message in waiting if not starts_a_game else ():  # a game from the command line wins
            self.on_go(message)

    def _begin(self) -> None:
        """The decks are loaded: play the game given on the command line, or show the title."""
        gc.collect()  # the loading's garbage first: frozen objects are never collected
        gc.freeze()  # content and app are loaded for good: later collections skip them
        assert self.session is not None
        game, self.session.game = self.session.game, None
        if game is not None:
            self.controller.start(game)
            self._speak(game)
            self._play()
        else:
            self.to_title()

    # -- the language --------------------------------------------------------------------------------
    def _speak(self, game: Game) -> None:
        """A game started or loaded: it speaks the language chosen, or (none chosen) the interface speaks
        the language the game was saved in."""
        if self.chosen_lang is not None and game.lang != self.chosen_lang:
            self.controller.use_language(self.chosen_lang, save=False)
        elif self.chosen_lang is None:
            set_language(game.lang)
        self.controller.changed()

    def _rebuild_sheet_screen(self, screen: Screen[Any]) -> None:
        """The briefing or the ending again, from a sheet made in the new language."""
        from game.ui.screens.briefing import BriefingScreen
        from game.ui.screens.ending import EndingScreen

        if isinstance(screen, BriefingScreen):
            self.switch_screen(BriefingScreen(self.controller.briefing_sheet(), first=screen.first))
        elif isinstance(screen, EndingScreen):
            sheet = self.controller.ending_sheet()
            if sheet is not None:
                self.switch_screen(EndingScreen(sheet))

    def next_language(self) -> None:
        """English → 中文 → Tiếng Việt → English (the L key)."""
        codes = list(LANGUAGES)
        self.switch_language(codes[(codes.index(language()) + 1) % len(codes)])

    def switch_language(self, lang: str, redraw: bool = True) -> None:
        """Speak `lang` from now on: the interface, the game in play (kept in its save), the screen redrawn
        (`redraw=False`: the screen that asked redraws itself)."""
        set_language(lang)
        self.chosen_lang = lang
        from game.ui.widgets import draw

        draw.counters_lines.cache_clear()
        draw.log_lines.cache_clear()
        if self.ready and self.controller.game is not None and self.controller.game.lang != lang:
            self.controller.use_language(lang)
            self.call_after_refresh(self._save_after_frame)
        screen = self.screen
        relabel = getattr(screen, "relabel", None)
        if not redraw:
            pass
        elif relabel is not None:
            relabel()
        elif isinstance(screen, _play_class()) and self.ready:
            self.goto(_play_class()(self.snapshot))
        elif self.ready and self.controller.game is not None:
            self._rebuild_sheet_screen(screen)
        if self.ready and isinstance(screen, _title_class()):
            self.to_title()
        self.notify(_("Language: {name}.").format(name=LANGUAGES[lang]), timeout=2)

    @property
    def snapshot(self) -> Snapshot:
        return self.controller.snapshot()

    def goto(self, screen: Screen[Any]) -> None:
        """Replace every screen above the base with `screen`."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def to_title(self) -> None:
        from game.content.compiled import text
        from game.ui.screens.title import TitleScreen

        if self.controller.classroom is not None and self.controller.game is not None:
            game = self.controller.game  # a class game is in the class database: Continue goes back to it
            line = (_("Continue — {month}, month {turn} (ended)") if game.is_over
                    else _("Continue — {month}, month {turn}")).format(month=game.month_label(), turn=game.turn)
            about = f"{text(self.content.scenario.title, language())} · {self.controller.class_line()}"
            self.goto(TitleScreen(about, line, True))
            return
        autosave = next((s for s in self.store.list() if s.slot == AUTOSAVE and not s.problem), None)
        line = ((_("Continue — {month}, month {turn} (ended)") if autosave.over
                 else _("Continue — {month}, month {turn}")).format(month=autosave.month, turn=autosave.turn)
                if autosave else _("Continue — no autosave yet"))
        about = _("{title}: {months} months, {cards} cards").format(
            title=text(self.content.scenario.title, language()), months=self.content.turns,
            cards=len(self.content.events))
        screen = self.screen
        if isinstance(screen, TitleScreen) and len(self.screen_stack) == 2:
            screen.loaded(about, line, autosave is not None)
        else:
            self.goto(TitleScreen(about, line, autosave is not None))

    def _play(self) -> None:
        """The main screen for the game in play, or its ending."""
        snap = self.snapshot
        if snap.mode == "over":
            self._ending()
            return
        play = _play_class()
        if isinstance(self.screen, play):
            self.screen.show(snap)
        else:
            self.goto(play(snap))

    def _ending(self) -> None:
        from game.ui.screens.ending import EndingScreen

        sheet = self.controller.ending_sheet()
        if sheet is not None:
            self.goto(EndingScreen(sheet))

    def show_error(self, title: str, message: str) -> None:
        from game.ui.screens.dialogs import ErrorScreen

        self.push_screen(ErrorScreen(title, message))

    # -- intents -------------------------------------------------------------------------------------
    def on_do(self, message: Do) -> None:
        from game.ui.model import Open

        message.stop()
        if not self.ready:
            return
        intent = message.intent
        if isinstance(intent, Open) and intent.screen in ("theme", "quit", "help", "language"):
            self._open(intent.screen)
            return
        outcome = self.controller.handle(intent)
        if outcome.open:
            self._open(outcome.open)
            return
        screen = self.screen
        if isinstance(screen, _play_class()):
            if self.snapshot.mode == "over":
                self._ending()
            else:
                screen.show(self.snapshot)
        elif hasattr(screen, "refresh_from"):
            screen.refresh_from(self.controller)
        if self.controller.save_due:
            self.call_after_refresh(self._save_after_frame)

    def _save_after_frame(self) -> None:
        """The month's autosave, after its frame is on screen; a failure is shown where the player is."""
        if self.controller.flush():
            if isinstance(self.screen, _play_class()):
                self.screen.show(self.snapshot)
            else:
                self.notify(clean(self.snapshot.status), severity="error", timeout=10, markup=False)

    def _open(self, name: str) -> None:
        if name == "theme":
            current = self.theme if self.theme in THEMES else THEMES[0]
            self.theme = THEMES[(THEMES.index(current) + 1) % len(THEMES)]
            self.notify(_("Theme: {name}").format(name=_(THEME_NAMES[self.theme])), timeout=2)
        elif name == "language":
            self.next_language()
        elif name == "quit":
            self.action_request_quit()
        elif name == "help":
            from game.ui.screens.dialogs import HelpScreen

            if not isinstance(self.screen, HelpScreen):
                play = self.ready and isinstance(self.screen, _play_class())
                self.push_screen(HelpScreen(self.snapshot.mode if play else ""))
        elif name == "codex":
            from game.ui.screens.codex import CodexScreen

            self.push_screen(CodexScreen(self.content))
        elif name == "policies":
            from game.ui.screens.policies import PoliciesScreen

            self.push_screen(PoliciesScreen(self.controller))
        elif name == "save":
            from game.ui.screens.saves import SaveScreen

            game = self.controller.game
            self.push_screen(SaveScreen(game.month_label().replace(" ", "-") if game else "my-save"))
        elif name == "load":
            from game.ui.screens.saves import LoadScreen

            self.push_screen(LoadScreen(self.store.list(), self.content, str(self.store.folder)))
        elif name == "briefing":
            self._briefing()
        elif name == "debrief":
            self._debrief()

    def _briefing(self) -> None:
        from game.ui.screens.briefing import BriefingScreen

        if self.controller.game is not None:
            self.push_screen(BriefingScreen(self.controller.briefing_sheet()))

    # -- requests from other screens -------------------------------------------------------------------
    def on_go(self, message: Go) -> None:
        message.stop()
        where, args = message.where, message.args
        if where == "language":  # at once, even while the decks load behind the title
            self.next_language()
            return
        if not self.ready:
            if where == "join" and self.load_error is None and not self.waiting:
                self.waiting.append(message)  # done as soon as the decks are loaded
                return
            if where in ("help", "quit"):
                self._open(where)
            elif where != "redraw" and len(self.waiting) < 4:
                self.waiting.append(message)  # done as soon as the decks are loaded
            return
        if where == "redraw":
            if isinstance(self.screen, _play_class()) and self.controller.game is not None:
                self._play()
        elif where == "join":
            if args.get("lang"):
                self.chosen_lang = str(args["lang"])
                set_language(self.chosen_lang)
            self._join(str(args.get("name", "")), str(args.get("code", "")))
        elif where in ("new", "continue") and self.controller.classroom is not None:
            self._class_title(where)
        elif where == "title":
            self.to_title()
        elif where == "new":
            from game.ui.screens.newgame import NewGameScreen

            self.push_screen(NewGameScreen(self.content, self.default_seed, self.controller.default_preview))
        elif where == "start":
            if args.get("lang"):
                self.chosen_lang = args["lang"]
                set_language(args["lang"])
            self.controller.new_game(args["seed"], args["preview"], args.get("hotseat", False), args.get("code", ""),
                                     language())
            from game.ui.screens.briefing import BriefingScreen

            self.goto(BriefingScreen(self.controller.briefing_sheet(), first=True))
        elif where == "begin":
            if len(self.screen_stack) > 2 and isinstance(self.screen_stack[-2], _play_class()):
                self.pop_screen()
            else:
                self._play()
        elif where == "continue":
            if not self.store.path(AUTOSAVE).exists():
                self.show_error(_("Nothing to continue"), _("There is no autosave yet. Start a new game; it is saved "
                                                          "at the end of every month."))
            else:
                self._load(AUTOSAVE)
        elif where == "load" and "path" in args:
            self._load(args["path"])
        elif where == "load":
            self._open("load")
        elif where == "save":
            self._save(args["slot"], message)
        elif where in ("help", "codex", "quit"):
            self._open(where)
        elif where == "rewind":
            try:
                self.controller.rewind(int(args["turn"]))
            except RulesError as exc:
                self.show_error(_("Cannot rewind"), str(exc))
                return
            self._play()
        elif where == "debrief":
            self._debrief()
        elif where == "reflections":
            from game.ui.screens.ending import ReflectionsScreen

            answers = self.controller.reflection_answers()
            if not answers:
                self.notify(_("You wrote no reflections in this game."), timeout=4)
            else:
                self.push_screen(ReflectionsScreen(answers))

    # -- a browser class --------------------------------------------------------------------------------
    def _join(self, name: str, code: str) -> None:
        """Join the class as `name`: the student's game resumed, or a new one (its briefing first)."""
        from game.classdb import ClassDBError
        from game.ui.screens.join import JoinScreen

        link = self.controller.classroom
        if link is None or self.joined:
            return
        try:
            game, resumed = link.join(name, code, language())
        except (ClassDBError, FriendshipPassError) as exc:
            if isinstance(self.screen, JoinScreen):
                self.screen.failed(str(exc)[:1].upper() + str(exc)[1:] + ("" if str(exc).endswith(".") else _(".")))
            return
        self.joined = True
        self.controller.start(game)
        self._speak(game)
        self.controller.poll()
        if resumed or self.controller.cls.role:  # a role's holder goes straight to their desk
            self._play()
            self.notify(clean(_("Welcome back, {name}: your game goes on.").format(
                name=link.student.name if link.student else name)),
                        timeout=4, markup=False)
        else:
            from game.ui.screens.briefing import BriefingScreen

            self.goto(BriefingScreen(self.controller.briefing_sheet(), first=True))

    def _class_tick(self) -> None:
        """Every few seconds: what the class asks now (a hold, a pushed card, a message, the end); before the
        student joins, only that the tab is alive."""
        if not self.ready or self.controller.classroom is None:
            return
        if self.controller.game is None:
            from game.classdb import ClassDBError

            with contextlib.suppress(ClassDBError):
                self.controller.classroom.poll()
            return
        if self.controller.poll() and isinstance(self.screen, _play_class()):
            self.screen.show(self.snapshot)
        if self.controller.save_due:
            self.call_after_refresh(self._save_after_frame)

    def _class_title(self, where: str) -> None:
        """The title in a class: Continue goes back to the class game; New starts another game of the class."""
        link = self.controller.classroom
        assert link is not None
        if where == "new" and link.student is not None:
            code, seed, preview = link.check_code(link.student.class_code)
            self.controller.new_game(seed, preview, class_code=code, lang=language())
            self.controller.autosave()
            from game.ui.screens.briefing import BriefingScreen

            self.goto(BriefingScreen(self.controller.briefing_sheet(), first=True))
        elif self.controller.game is not None:
            self._play()

    def _cannot_join(self, problem: str) -> None:
        from game.ui.screens.join import JoinScreen

        self.waiting = []
        if isinstance(self.screen, JoinScreen):
            self.screen.failed(_("This class cannot be joined now: {problem}. Tell your teacher.").format(
                problem=problem))

    def _join_timeout(self) -> None:
        if not self.joined:  # quietly: the teacher's terminal shows what game processes print
            self.exit(0)

    def _load(self, slot: str | Path) -> None:
        try:
            game = self.controller.load(slot)
        except SaveError as exc:
            self.show_error(_("This save cannot be loaded"), str(exc))
            return
        self._speak(game)
        self._play()

    def _save(self, slot: str, message: Go) -> None:
        screen = self.screen
        try:
            path = self.controller.save(slot)
        except SaveError as exc:
            if hasattr(screen, "failed"):
                screen.failed(_("Could not save: {error}").format(error=exc))
            return
        if hasattr(screen, "dismiss"):
            screen.dismiss(None)
        self.notify(clean(_("Saved to {path}.").format(path=path)), timeout=3, markup=False)

    def _debrief(self) -> None:
        if self.controller.game is None:
            return
        if self.is_web or self.controller.classroom is not None:
            self._debrief_download()
            return
        from datetime import datetime

        problem = self.controller.autosave()
        if problem:
            self.show_error(_("Could not write the debrief"), problem)
            return
        out = self.store.folder / f"debrief-{datetime.now():%Y-%m-%d-%H%M%S}.html"
        try:
            from game.report.commands import run_report

            run_report(self.content, str(self.store.path(AUTOSAVE)), self.store.folder, "html", out)
        except (FriendshipPassError, OSError) as exc:
            self.show_error(_("Could not write the debrief"), str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - the report module is a separate part; keep the game running
            self.log_error(exc)
            self.show_error(_("Could not write the debrief"), _(
                "The report could not be made (the details are in {path}). Try: friendship-pass report autosave "
                "--out debrief.html").format(path=self.error_log))
            return
        self.notify(clean(_("Debrief written: {path}").format(path=out)), title=_("Debrief"), timeout=10, markup=False)

    def _debrief_download(self) -> None:
        """The debrief as one HTML page: a download in the browser, a file in the class folder otherwise."""
        import io
        import re

        game = self.controller.game
        assert game is not None
        link = self.controller.classroom
        name = link.student.name if link is not None and link.student is not None else "game"
        try:
            from game.report.debrief import gather
            from game.report.html import debrief_html

            ai_replies = link.ai_replies(game) if link is not None else frozenset()  # the AI for a late classmate
            page = debrief_html(gather(game, name, ai_replies=ai_replies))
        except Exception as exc:  # noqa: BLE001 - the report module is a separate part; keep the game running
            self.log_error(exc)
            self.show_error(_("Could not make the debrief"), _("The report could not be made; tell your teacher (they "
                                                                 "can export every debrief from the teacher console)."))
            return
        filename = f"debrief-{re.sub(r'[^A-Za-z0-9]+', '-', name).strip('-') or 'game'}-month-{game.turn}.html"
        if self.is_web:
            self.deliver_text(io.StringIO(page), save_filename=filename, open_method="download",
                              mime_type="text/html", encoding="utf-8")
            self.notify(_("Your debrief is downloading (look at the bottom or top of your browser)."),
                        title=_("Debrief"), timeout=8)
            return
        folder = link.student_folder if link is not None else self.store.folder
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / filename).write_text(page, encoding="utf-8")
        except OSError as exc:
            self.show_error(_("Could not write the debrief"), f"{folder}: {exc.strerror or exc}")
            return
        self.notify(clean(_("Debrief written: {path}").format(path=folder / filename)), title=_("Debrief"), timeout=10,
                    markup=False)

    # -- quitting, signals and errors --------------------------------------------------------------------
    def action_request_quit(self) -> None:
        from game.ui.screens.dialogs import ConfirmQuitScreen

        if isinstance(self.screen, ConfirmQuitScreen):
            return
        game = self.controller.game if self.ready else None
        if game is not None and self.controller.dirty and not game.is_over:
            self.push_screen(ConfirmQuitScreen(), self._after_confirm)
        else:
            self.exit(0)

    def _after_confirm(self, answer: str | None) -> None:
        if answer == "save":
            problem = self.controller.autosave()
            if problem:
                self.show_error(_("Could not save"), _(
                    "{problem}. Your game is still open: free some space or save to another slot (s), then quit "
                    "again.").format(problem=problem.rstrip(".")))
                return
            self.exit_message = _("Your game is saved ({path}). Continue it with: friendship-pass play "
                                  "--continue").format(path=self.store.path(AUTOSAVE))
            self.exit(0)
        elif answer == "quit":
            self.exit(0)

    def _install_signals(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for sig in SIGNALS:
                loop.add_signal_handler(sig, self.on_signal, sig)
        except (RuntimeError, NotImplementedError, ValueError):  # not the main thread, or not supported
            pass

    def on_signal(self, signum: int) -> None:
        """SIGINT, SIGTERM or SIGHUP: save the game in progress (the month so far included) and leave."""
        game = self.controller.game if self.ready else None
        if game is not None and not game.is_over and self.controller.dirty:
            problem = self.controller.autosave()
            if self.controller.classroom is not None:  # a browser class: the class database has it, say nothing
                self.exit_message = ""
            else:
                self.exit_message = problem or _("Your game is saved ({path}). Continue it with: friendship-pass "
                                                 "play --continue").format(path=self.store.path(AUTOSAVE))
        self.exit(128 + signum)

    def log_error(self, error: BaseException) -> Path | None:
        """Write `error` and its traceback to the error log (beside the saves); returns its path."""
        text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        folders = [self.store.folder] if self.ready else []
        for folder in (*folders, Path(os.environ.get("TMPDIR", "/tmp"))):
            path = folder / ERROR_LOG
            try:
                folder.mkdir(parents=True, exist_ok=True)
                with path.open("a", encoding="utf-8") as fh:
                    fh.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n{text}\n")
                self.error_log = path
                return path
            except OSError:
                continue
        return None

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: log it, save the game if we can, and tell the player in one sentence."""
        path = self.log_error(error)
        problem = ""
        try:
            problem = self.controller.autosave() if self.ready else "not started"
        except Exception:  # noqa: BLE001 - a broken state must not hide the first error
            problem = "the game could not be saved"
        if path:
            self.exit_message = (_("Friendship Pass hit an unexpected problem and closed; your game was not saved; "
                                   "the details are in {path}.") if problem else
                                 _("Friendship Pass hit an unexpected problem and closed; your game was saved "
                                   "(friendship-pass play --continue); the details are in {path}.")).format(path=path)
        else:
            self.exit_message = (_("Friendship Pass hit an unexpected problem and closed; your game was not saved; "
                                   "the details could not be written down.") if problem else
                                 _("Friendship Pass hit an unexpected problem and closed; your game was saved "
                                   "(friendship-pass play --continue); the details could not be written down."))
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Textual would print a traceback here; the player gets the one sentence (the log has the rest)."""
        self.bell()
        self._close_messages_no_wait()


def _close_class(app: FriendshipPassApp) -> None:
    """The process ends: store the class game's last actions, close the session (a tab that never started a
    game leaves nothing behind)."""
    session = app.session
    if session is None or session.classroom is None:
        return
    if app.ready and app.controller.game is not None and app.controller.dirty:
        app.controller.autosave()
    session.classroom.close()


def make_app(content: Content | None = None, store: SaveStore | None = None, game: Game | None = None,
             seed: str | int | None = None, preview: str = "meters", watcher: Any = None,
             loader: Callable[[], Session] | None = None, lang: str | None = None) -> FriendshipPassApp:
    """The one factory for the CLI and the tests. With `game`, play starts at once (e.g. --continue).
    With `loader` instead of content and store, they are loaded behind the title screen. With `lang`, the
    interface and every game started or continued speak that language (else a loaded game keeps its own)."""
    if lang:
        set_language(lang)
    if loader is not None:
        return FriendshipPassApp(loader=loader, seed=seed, lang=lang)
    assert content is not None and store is not None
    return FriendshipPassApp(Session(content, store, game, preview, watcher), seed=seed, lang=lang)


def make_class_app(session: Session | None = None, loader: Callable[[], Session] | None = None,
                   code: str | None = None, lang: str | None = None) -> FriendshipPassApp:
    """A browser class's game: the join screen first (asking the class code unless `code` is given)."""
    if lang:
        set_language(lang)
    return FriendshipPassApp(session, loader=loader, join_code=code or "", lang=lang)


def run_app(content: Content | None = None, store: SaveStore | None = None, **kw: Any) -> int:
    """Run the full-screen game until the player quits; returns the exit code. An error from the
    loader (broken decks, a save that cannot be loaded) is raised here, after the terminal is back."""
    join = kw.pop("join", None)
    app = make_class_app(kw.get("session"), kw.get("loader"), join or None, kw.get("lang")) if join is not None \
        else make_app(content, store, **kw)
    try:
        result = app.run()
    finally:
        _close_class(app)
    if app.load_error is not None:
        raise app.load_error
    if app.exit_message:
        with contextlib.suppress(OSError):  # the terminal is gone (SIGHUP)
            print(app.exit_message, file=sys.stderr)
    return int(result if result is not None else app.return_code or 0)
