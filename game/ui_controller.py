"""The TUI's headless half: one game session, intents in, snapshots out.

The Textual screens never touch the engine. A key becomes an *intent* (`game.ui.model`, the
vocabulary this module shares with the screens, re-exported here); `Controller.handle(intent)`
turns it into engine actions and keeps what the screen should show next (the *mode*: a card, a
choice's result, the ledger, the talks...); `Controller.snapshot()` returns one immutable `Snapshot`
with everything the main screen draws, words already chosen. This module imports neither Textual
nor Rich (tests/ui/test_controller.py checks it).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, NamedTuple

from game.content.compiled import Content, text
from game.engine.actions import (
    MAX_LINE,
    AcceptOffer,
    Act,
    Action,
    EndMonth,
    Move,
    Propose,
    Push,
    Reflect,
    SetPolicy,
    WalkAway,
)
from game.engine.game import Game
from game.engine.replay import rewind
from game.engine.views import (
    ChoiceResult,
    CounterView,
    TalksResult,
    TalksView,
)
from game.errors import RulesError, SaveError
from game.i18n import _, number, pgettext
from game.present import PREVIEW_LEVELS, aside, changes_text, counter_value, engine_word, rung_text, signed
from game.saves import AUTOSAVE, SaveStore
from game.ui.model import (
    Accept,
    Answer,
    BriefingSheet,
    Cancel,
    ChangePolicy,
    ChangeRow,
    Confirm,
    EndingSheet,
    Intent,
    Interests,
    Key,
    Leave,
    LedgerSheet,
    Line,
    Number,
    Offer,
    Open,
    Outcome,
    OutcomeSheet,
    PolicyChoice,
    PolicyRow,
    PolicySheet,
    ResultSheet,
    SaveTo,
    Snapshot,
    TalksSheet,
    Unbound,
    Why,
    key_intent,
    key_name,
)

if TYPE_CHECKING:
    from game.classdb import Event, RoleRequest
    from game.server.student import ClassLink
    from game.ui.role_turn import DeskSheet

__all__ = [
    "Accept",
    "Answer",
    "BriefingSheet",
    "Cancel",
    "ChangePolicy",
    "ChangeRow",
    "Confirm",
    "Controller",
    "EndingSheet",
    "Intent",
    "Interests",
    "Key",
    "Leave",
    "LedgerSheet",
    "Line",
    "Number",
    "Offer",
    "Open",
    "Outcome",
    "OutcomeSheet",
    "PolicyChoice",
    "PolicyRow",
    "PolicySheet",
    "ResultSheet",
    "SaveTo",
    "Snapshot",
    "TalksSheet",
    "Unbound",
    "Why",
    "key_intent",
]


class _Draft(NamedTuple):
    rung: int = -1
    concessions: tuple[str, ...] = ()


class _Session:
    """What the main screen shows besides the game: the mode, the sheets, the offer being drafted."""

    def __init__(self) -> None:
        self.mode = "none"
        self.result: ResultSheet | None = None
        self.ledger: LedgerSheet | None = None
        self.outcome: OutcomeSheet | None = None
        self.why = False
        self.pane = "moves"
        self.draft = _Draft()
        self.leaving = False  # `l` pressed once in talks: press again to walk away
        self.status = ""
        self.status_level = "info"


class _Class:
    """What the class asks of this game now (class mode only): hold, end, notices, pushed cards."""

    def __init__(self) -> None:
        self.hold: int | None = None
        self.ended = False
        self.stopped = ""  # the game was taken over by another tab: why this one stopped
        self.notices: list[Event] = []  # teacher's text cards waiting to be read
        self.seen: set[int] = set()  # events already taken (applied or queued)
        self.pushed: set[tuple[int, str]] = set()  # (month, card) dealt by the teacher
        # The bureau's side: a card waits for the student holding its role (mode role_wait).
        self.request: RoleRequest | None = None
        self.waiting_for = ""  # the holder's name
        self.left = 0  # seconds until the AI opens the card
        # The role holder's side: this tab is the role's desk (modes desk, desk_line).
        self.role: str | None = None
        self.desk: RoleRequest | None = None  # the request shown
        self.mirror: Game | None = None  # the bureau's game at that card, rebuilt from the class database
        # The opening picked while the role's player types a line: at a class desk (desk_line) or, hot seat by
        # role on one keyboard, in this game (role_line).
        self.pick: Act | None = None


class _NoTurn:
    openings: tuple[Any, ...] = ()


class _NoView:
    role = ""


# Screens a student may still open when the class stops their play (held, ended, taken over).
ALWAYS_OPEN = ("help", "codex", "briefing", "quit", "theme", "debrief", "language")


class Controller:
    """One game session for the TUI: the game, its saves, and what the main screen shows."""

    def __init__(self, content: Content, store: SaveStore, preview: str = "meters",
                 before_month: Callable[[Game, Callable[[str], None]], Game] | None = None,
                 classroom: ClassLink | None = None) -> None:
        self.content = content
        self.classroom = classroom  # class mode: the game lives in the class database
        self.cls = _Class()
        self.store = store
        self.default_preview = preview if preview in PREVIEW_LEVELS else "meters"
        self.before_month = before_month
        self.game: Game | None = None
        self.preview = self.default_preview
        self.dirty = False  # actions taken since the last save
        self.save_due = False  # the month (or the game) has ended: autosave once the screen is drawn
        self.version = 0
        self._s = _Session()
        self._snapshot: Snapshot | None = None

    # -- starting ---------------------------------------------------------------------------------
    def start(self, game: Game) -> None:
        """Play `game` (new, loaded or rewound)."""
        self.game = game
        preview = str(game.options.get("preview", self.default_preview))
        self.preview = preview if preview in PREVIEW_LEVELS else "meters"
        self._s = _Session()
        self._settle()
        self._changed()

    def new_game(self, seed: int | str, preview: str, hotseat: bool = False, class_code: str = "",
                 lang: str = "en") -> Game:
        options: dict[str, Any] = {"preview": preview}
        if hotseat:
            options["hotseat"] = "all"
        if class_code:  # the whole class meets the same cards each month, whatever each student chooses
            options.update(class_code=class_code, shared_hands=True)
        game = Game.new(self.content, seed=seed, options=options)
        if lang != "en":
            game.use_language(lang)
        self.start(game)
        self.dirty = True
        return game

    def use_language(self, lang: str, save: bool = True) -> None:
        """Go on in `lang`: the same game, its texts (and the words of the snapshot) in another language; the
        save remembers it (`save`: autosave once the screen is drawn)."""
        assert self.game is not None
        self.game.use_language(lang)
        self.dirty = True
        self.save_due = self.save_due or save
        self._changed()

    def changed(self) -> None:
        """Build the snapshot again (the interface language changed)."""
        self._changed()

    def load(self, slot: str | Any) -> Game:
        """Load a save and play it; raises SaveError (nothing changes then)."""
        game = self.store.load(self.content, slot)
        self.start(game)
        self.dirty = False
        return game

    def rewind(self, turn: int) -> None:
        """Play a branch from the start of month `turn`; raises RulesError."""
        assert self.game is not None
        self.start(rewind(self.game, turn))
        self.dirty = True

    # -- saving -----------------------------------------------------------------------------------
    def save(self, slot: str = AUTOSAVE) -> str:
        """Save; returns the path written. Raises SaveError with a message for the player."""
        assert self.game is not None
        path = self.store.save(self.game, slot)
        if slot != AUTOSAVE:  # continuing resumes here too, not at the last month's end
            if self.classroom is not None:
                self._sync()
            else:
                self.store.save(self.game, AUTOSAVE)
        self.dirty = False
        return str(path)

    def flush(self) -> str:
        """The autosave due at the end of a month or of the game (run after the screen is drawn, so the
        key that ended the month is not kept waiting); returns '' or the problem, also shown on screen."""
        if not self.save_due:
            return ""
        self.save_due = False
        problem = self.autosave()
        if problem:
            s = self._s
            if s.ledger is not None and s.mode == "ledger":
                s.ledger = s.ledger._replace(saved=_("{problem} (your game goes on; try s to save to a slot)").format(
                    problem=problem),
                                             save_failed=True)
            if s.result is not None:
                s.result = s.result._replace(problem=problem)
            self._say(problem, "error")
            self._changed()
        return problem

    def autosave(self) -> str:
        """Save to the autosave slot if there is a game; returns '' or the problem, in words. In class mode
        the class database is the autosave."""
        if self.game is None:
            return ""
        if self.classroom is not None:
            return self._sync()
        try:
            self.save(AUTOSAVE)
        except SaveError as exc:
            return _("Could not save: {error}").format(error=exc)
        return ""

    def _sync(self) -> str:
        """Store the game's new actions in the class database; '' or the problem in words."""
        from game.classdb import ClassDBError, GameTakenOver

        assert self.classroom is not None and self.game is not None
        try:
            self.classroom.sync(self.game)
        except GameTakenOver as exc:
            self.cls.stopped = _("This tab has stopped: {reason}.").format(reason=exc)
            self._say(self.cls.stopped, "error")
            self._changed()
            return self.cls.stopped
        except ClassDBError as exc:
            return _("Could not save to the class database: {error}. Your game goes on; tell your teacher").format(
                error=exc)
        self.dirty = False
        return ""

    # -- intents ----------------------------------------------------------------------------------
    def handle(self, intent: Intent) -> Outcome:
        """Carry out one intent. Rules the engine refuses become the status line, never an exception."""
        s = self._s
        s.status, s.status_level = "", "info"
        if self.game is None:
            return Outcome()
        leaving, s.leaving = s.leaving, False
        try:
            blocked = self._class_says_no(intent) if self.classroom is not None else ""
            if blocked:
                self._say(blocked, "error" if self.cls.stopped else "warning")
                out = Outcome()
            else:
                out = self._dispatch(intent, leaving)
            if self.classroom is not None and self.dirty and not self.cls.stopped:
                self.save_due = True  # a class game not stored yet (the disk was full?): try again now
        except RulesError as exc:
            self._say(_("Not possible: {reason}").format(reason=exc), "warning")
            out = Outcome()
        self._changed()
        return out

    def _class_says_no(self, intent: Intent) -> str:
        """Why the class does not let this intent through now ('' if it does)."""
        c, g = self.cls, self.game
        assert g is not None
        if isinstance(intent, Open) and intent.screen in ALWAYS_OPEN:
            return ""
        if c.stopped:
            return c.stopped
        if c.role and isinstance(intent, Open):
            return _("This tab is your role's desk: answer the cards that wait for you here.")
        if c.ended:
            return _("Your teacher has ended the lesson. Your game is saved; press d to download your debrief.")
        if self._s.mode == "notice" and not isinstance(intent, Open):
            return "" if isinstance(intent, (Confirm, Cancel)) else _("Read your teacher's message, then press Enter.")
        if self._s.mode == "month_end" and isinstance(intent, Confirm) and self._held():
            return self.hold_text()
        return ""

    def _held(self) -> bool:
        g = self.game
        return g is not None and self.cls.hold is not None and g.turn >= self.cls.hold and not g.is_over

    def hold_text(self) -> str:
        g = self.game
        assert g is not None and self.cls.hold is not None
        return _("Your teacher is holding the class at {month} (month {turn}): wait here until they let the class "
                 "go on. Policies (p), the codex (x) and the briefing (b) stay open.").format(
            month=g.month_label(self.cls.hold), turn=self.cls.hold)

    def _dispatch(self, intent: Intent, leaving: bool) -> Outcome:
        mode = self._s.mode
        if isinstance(intent, Open):
            return self._open(intent.screen)
        if mode == "notice":
            self._read_notice()
            return Outcome()
        if isinstance(intent, Unbound):
            self._say(_("{key} does nothing here. The keys that work now are at the bottom; ? lists every key.").format(
                key=key_name(intent.key)), "warning")
            return Outcome()
        if isinstance(intent, ChangePolicy):
            self._apply(SetPolicy(intent.policy, intent.option))
            return Outcome()
        if isinstance(intent, SaveTo):
            self._say(_("Saved to {path}.").format(path=self.save(intent.slot)))
            return Outcome()
        if mode == "card":
            self._on_card(intent)
        elif mode in ("role", "role_line"):
            self._on_role(intent)
        elif mode in ("desk", "desk_line"):
            self._on_desk(intent)
        elif mode == "role_wait":
            self._nothing(intent, _("this card waits for the student who holds its role"))
        elif mode in ("result", "talks_outcome"):
            if isinstance(intent, (Confirm, Cancel)):
                self._settle()
            else:
                self._nothing(intent, _("press Enter to go on"))
        elif mode == "month_end":
            if isinstance(intent, Confirm):
                self._end_month()
            else:
                self._nothing(intent, _("the month's cards are done: press Enter to end the month"))
        elif mode == "ledger":
            if isinstance(intent, (Confirm, Cancel)):
                self._after_ledger()
            else:
                self._nothing(intent, _("press Enter to go on to the next month"))
        elif mode == "reflection":
            if isinstance(intent, Answer):
                due = self.game.pending_reflection() if self.game else None
                if due is not None:
                    self._apply(Reflect(due[0], intent.text))
                self._settle()
            else:
                self._nothing(intent, _("type your answer and press Enter (Escape or an empty answer skips)"))
        elif mode == "talks":
            self._on_talks(intent, leaving)
        else:
            self._nothing(intent, _("the game is over"))
        return Outcome()

    def _open(self, screen: str) -> Outcome:
        g = self.game
        assert g is not None
        if screen == "policies" and g.phase in ("talks", "counterpart"):
            self._say(_("Finish the talks before changing a policy."), "warning")
            return Outcome()
        if screen == "policies" and self._s.mode not in ("card", "month_end"):
            self._say(_("Policies can be changed while you answer cards or at the end of the month."), "warning")
            return Outcome()
        return Outcome(open=screen)

    # -- cards --------------------------------------------------------------------------------------
    def _on_card(self, intent: Intent) -> None:
        g = self.game
        assert g is not None
        if isinstance(intent, Why):
            self._s.why = not self._s.why
            return
        if isinstance(intent, Cancel) and self._s.why:
            self._s.why = False
            return
        if not isinstance(intent, Number):
            self._nothing(intent, _("answer the card with its number"))
            return
        choices = g.choices()
        if not 1 <= intent.n <= len(choices):
            self._say(_("{n} does nothing here: this card has choices 1 to {last}.").format(
                n=intent.n, last=len(choices)),
                      "warning")
            return
        view = choices[intent.n - 1]
        if not view.available or view.action is None:
            self._say(_("Choice {n} is locked: {reason}").format(n=intent.n, reason=view.reason), "warning")
            return
        result = self._apply(view.action)
        if isinstance(result, ChoiceResult):
            self.save_due = self.save_due or g.is_over
            talks = g.talks()
            opened = _("{title}, with {counterpart}").format(title=talks.title, counterpart=talks.counterpart) \
                if talks is not None else ""
            self._s.result = ResultSheet(view.label, result.outcome, self._rows(result.changes), opened, g.is_over)
            self._s.mode = "result"
            self._s.why = False

    def _on_role(self, intent: Intent) -> None:
        """A role held at this keyboard opens the card (game.ui.role_turn)."""
        assert self.game is not None

        def deliver(act: Act, line: str) -> None:
            self.cls.pick = None
            self._apply(replace(act, line=" ".join(line.split())[:MAX_LINE]))
            self._settle()

        self._opening_key(self.game, intent, deliver)

    def _opening_key(self, game: Game, intent: Intent, deliver: Callable[[Act, str], None]) -> None:
        """A key on a card a role opens (here, or at a class desk mirroring `game`): an opening, kept in
        `cls.pick` while the role's line is typed where the card asks for one, then delivered with the line."""
        from game.ui.role_turn import role_action

        picked = self.cls.pick
        if picked is not None:  # the opening is chosen: Enter sends the line typed (Escape, none)
            if not isinstance(intent, Answer):
                self._nothing(intent, _("type a line and press Enter (or Escape to send none)"))
                return
            deliver(picked, intent.text)
            return
        act = role_action(game, intent)
        if isinstance(act, str):
            self._say(act, "warning")
            return
        turn = game.role_turn()
        if turn is not None and turn.line_prompt:
            self.cls.pick = act
            self._settle(keep_status=True)
            return
        deliver(act, "")

    # -- the month ----------------------------------------------------------------------------------
    def _end_month(self) -> None:
        g = self.game
        assert g is not None
        label, turn = g.month_label(), g.turn
        ledger = self._apply(EndMonth())
        if not isinstance(ledger, list):
            return
        self.save_due = True
        nxt = _("See how it ended") if g.is_over else _("Continue to {month}").format(month=g.month_label())
        self._s.ledger = LedgerSheet(label, turn, g.turns, tuple(ledger), "", False, nxt)
        self._s.mode = "ledger"

    def _after_ledger(self) -> None:
        g = self.game
        assert g is not None
        if not g.is_over and self.before_month is not None:
            notes: list[str] = []
            moved = self.before_month(g, notes.append)
            if moved is not g:
                self.game = moved
            if notes:
                self._say(" ".join(n.replace("\n", " ") for n in notes), "warning" if moved is g else "info")
        self._settle(keep_status=True)

    def _settle(self, keep_status: bool = False) -> None:
        """After a panel closes: the mode the game's phase calls for."""
        g = self.game
        s = self._s
        s.result = s.outcome = None
        s.why = False
        if g is None:
            s.mode = "none"
            return
        if self.cls.role:
            s.mode = "desk_line" if self.cls.pick is not None else "desk"
            return
        if self.cls.notices and not g.is_over:
            s.mode = "notice"
            return
        if g.pending_reflection() is not None:
            s.mode = "reflection"
            return
        phase = g.phase
        if phase == "over":
            s.mode = "over"
        elif phase == "counterpart" and self.classroom is not None and (g.talks() or _NoView).role:
            s.mode = "role_wait"  # in a class, the student holding the counterpart's role answers from their tab
        elif phase in ("talks", "counterpart"):
            s.mode = "talks"
            if s.pane not in ("moves", "interests") or phase == "counterpart":
                s.pane = "moves"
        elif phase == "role":
            # in a class, a student holds the role; at this keyboard, its player picks an opening, then types a line
            s.mode = "role_wait" if self.classroom is not None else "role_line" if self.cls.pick else "role"
        else:
            s.mode = "card" if phase == "cards" else "month_end"
            s.pane = "moves"
        if not keep_status:
            s.status = ""

    # -- talks --------------------------------------------------------------------------------------
    def _on_talks(self, intent: Intent, leaving: bool) -> None:
        g = self.game
        assert g is not None
        s = self._s
        view = g.talks()
        assert view is not None
        if view.awaiting == "counterpart":
            self._on_counterpart(intent)
            return
        if s.pane == "offer":
            self._on_offer(intent, view)
            return
        if isinstance(intent, Number):
            moves = view.moves
            if not 1 <= intent.n <= len(moves):
                self._say(_("{n} does nothing here: the moves are 1 to {last}.").format(n=intent.n, last=len(moves)),
                          "warning")
                return
            move = moves[intent.n - 1]
            if not move.available:
                self._say(_("That move is locked: {reason}").format(reason=move.reason), "warning")
                return
            self._talk(Move(move.id))
        elif isinstance(intent, Offer):
            if not any(i > view.start for i in range(len(view.rungs))):
                self._say(_("There is nothing higher on the ladder to ask for."), "warning")
                return
            above = [i for i in range(len(view.rungs)) if i > view.start]
            s.draft = _Draft(view.ask if view.ask > view.start else above[0], ())
            s.pane = "offer"
        elif isinstance(intent, Accept):
            if view.offer < 0:
                self._say(_("There is no offer on the table to accept yet."), "warning")
                return
            self._talk(AcceptOffer())
        elif isinstance(intent, Leave):
            if not leaving:
                s.leaving = True
                self._say(_("Leave the talks with no deal? Press l again to leave; any other key stays."), "warning")
                return
            self._talk(WalkAway())
        elif isinstance(intent, Interests):
            s.pane = "moves" if s.pane == "interests" else "interests"
        elif isinstance(intent, Cancel):
            if s.pane == "interests":
                s.pane = "moves"
            else:
                self._say(_("Escape does not end talks: press l to leave the table."), "warning")
        else:
            self._nothing(intent, _("make a move (a number), an offer (o) or leave (l)"))

    def _on_offer(self, intent: Intent, view: TalksView) -> None:
        s = self._s
        rungs = [i for i in range(len(view.rungs)) if i > view.start]
        concessions = [c for c in view.concessions if c.available]
        if isinstance(intent, Number):
            n = intent.n
            if 1 <= n <= len(rungs):
                s.draft = _Draft(rungs[n - 1], s.draft.concessions)
            elif len(rungs) < n <= len(rungs) + len(concessions):
                cid = concessions[n - len(rungs) - 1].id
                chosen = s.draft.concessions
                s.draft = _Draft(s.draft.rung, tuple(c for c in chosen if c != cid) if cid in chosen
                                 else (*chosen, cid))
            else:
                self._say((_("{n} does nothing here: pick a position (1 to {last}) or a concession ({first} to {end}).")
                           if concessions else _("{n} does nothing here: pick a position (1 to {last}).")).format(
                    n=n, last=len(rungs), first=len(rungs) + 1, end=len(rungs) + len(concessions)), "warning")
        elif isinstance(intent, Confirm):
            rung = view.rungs[s.draft.rung]
            s.pane = "moves"
            self._talk(Propose(rung.id, s.draft.concessions))
        elif isinstance(intent, (Cancel, Offer)):
            s.pane = "moves"
        else:
            self._nothing(intent, _("pick a position, toggle concessions, then Enter to propose or Escape to go back"))

    def _on_counterpart(self, intent: Intent) -> None:
        g = self.game
        assert g is not None
        options = g.reply_options()
        if isinstance(intent, Number) and 1 <= intent.n <= len(options):
            self._talk(options[intent.n - 1])
        elif isinstance(intent, Number):
            self._say(_("{n} does nothing here: the replies are 1 to {last}.").format(n=intent.n, last=len(options)),
                      "warning")
        else:
            self._nothing(intent, _("the second player answers with a reply's number"))

    def _talk(self, action: Action) -> None:
        g = self.game
        assert g is not None
        result = self._apply(action)
        if isinstance(result, TalksResult):
            self.save_due = self.save_due or g.is_over
            self._s.outcome = OutcomeSheet(result, self._rows(result.changes), self._speakers(result.transcript,
                                                                                          result.counterpart))
            self._s.mode = "talks_outcome"
            self._s.pane = "moves"
        elif g.phase not in ("talks", "counterpart") or self.classroom is not None:
            self._settle(keep_status=True)

    # -- the class --------------------------------------------------------------------------------------
    def poll(self) -> bool:
        """Read what the class asks now (class mode): hold, end, a pushed card, a teacher's message.
        Pushed cards are dealt between cards or at the month's end, never over a result or in talks.
        Returns whether the main screen changed."""
        from game.classdb import ClassDBError

        link, g, c = self.classroom, self.game, self.cls
        if link is None or g is None:
            return False
        try:
            news = link.poll()
        except ClassDBError as exc:
            self._say(_("The class database cannot be read: {error}. Your game goes on.").format(error=exc), "error")
            self._changed()
            return True
        before = (c.hold, c.ended, c.stopped, len(c.notices), g.turn, len(g.actions), self._s.mode, c.left,
                  c.desk.id if c.desk else None)
        c.hold, c.ended = news.hold_month, news.ended
        if news.role != c.role and not c.stopped:
            c.role, c.desk, c.mirror, c.pick, c.request = news.role, None, None, None, None
            self._settle(keep_status=True)
        if news.taken_over and not c.stopped:
            c.stopped = _("This tab has stopped: {reason}.").format(reason=news.taken_over)
            self._say(c.stopped, "error")
        for event in news.events:
            if event.id in c.seen:
                continue
            if event.kind == "notice":
                c.seen.add(event.id)
                c.notices.append(event)
            elif event.kind == "push" and self._push(event):
                c.seen.add(event.id)
        if c.notices and self._s.mode in ("card", "month_end"):
            self._settle(keep_status=True)
        try:
            if c.role and not c.stopped:
                self._desk_tick()
            elif self._s.mode == "role_wait" and not c.stopped:
                self._role_wait_tick()
        except ClassDBError as exc:
            self._say(_("The class database cannot be read: {error}. Your game goes on.").format(error=exc), "error")
        if self.dirty and not c.stopped:
            self.save_due = True  # what could not be stored before is tried again
        after = (c.hold, c.ended, c.stopped, len(c.notices), g.turn, len(g.actions), self._s.mode, c.left,
                 c.desk.id if c.desk else None)
        if after != before:
            self._changed()
            return True
        return False

    # -- roles held by students of the class ----------------------------------------------------------------
    def _role_wait_tick(self) -> None:
        """The bureau's side: ask the role's holder (once), then apply their answer, or the AI's pick once the
        class's time limit has passed."""
        g, link, c = self.game, self.classroom, self.cls
        assert g is not None and link is not None
        if g.phase == "counterpart":
            self._talks_wait_tick()
            return
        turn = g.role_turn()
        if turn is None:
            self._settle(keep_status=True)
            return
        act = self._holder_answer(turn.card, turn.role, link.ask_role)
        if act is None:
            return
        name, by_ai = c.waiting_for or turn.role_name, not act.opening
        for attempt in (act, Act(act.role, act.opening), Act(act.role, "")):
            try:
                self._apply(attempt)
            except RulesError:
                continue
            by_ai = not attempt.opening
            break
        c.request, c.waiting_for, c.left = None, "", 0
        self._settle(keep_status=True)
        self._say(_("{role} did not answer in time: the AI opened the card.").format(role=turn.role_name) if by_ai
                  else _("{name} ({role}) opened the card.").format(name=name, role=turn.role_name))

    def _talks_wait_tick(self) -> None:
        """The bureau's side in talks: the proposal on the table waits for the student holding the counterpart's
        role; their reply (or, past the time limit, the AI's) is applied as the counterpart's `Respond`."""
        from game.server.student import reply_key, reply_of, talks_key

        g, link, c = self.game, self.classroom, self.cls
        assert g is not None and link is not None
        view = g.talks()
        assert view is not None
        act = self._holder_answer(talks_key(g), view.role, link.ask_talks)
        if act is None:
            return
        reply = reply_of(g, act.opening)
        assert reply is not None
        by_ai = reply_key(reply) != act.opening
        name, role = c.waiting_for, self._role_name(g, view.role)
        c.request, c.waiting_for, c.left = None, "", 0
        self._talk(reply)
        self._say(_("{role} did not answer in time: the AI answered.").format(role=role) if by_ai or not name
                  else _("{name} ({role}) answered: {reply}.").format(name=name, role=role,
                                                                      reply=g.describe_reply(reply)))

    def _holder_answer(self, key: str, role: str, ask: Callable[[Game], Any]) -> Act | None:
        """The role holder's answer to the request `key` of this month (asked once, when the game's actions are
        stored, so the holder can read them), or None while it is still awaited (the seconds left are noted)."""
        g, link, c = self.game, self.classroom, self.cls
        assert g is not None and link is not None
        if link.game is not g or link.stored < len(g.actions):
            return None  # not stored yet: the holder could not read it
        if c.request is None or c.request.card != key or c.request.turn != g.turn:
            c.request = ask(g)
            c.waiting_for = link.holder_name(role)
        if c.request is None:
            return None
        act, c.request = link.role_reply(c.request)
        if act is None:
            c.left = max(0, int(c.request.deadline - time.time() + 0.999))
        return act

    @staticmethod
    def _role_name(g: Game, role: str) -> str:
        return next((b.name for b in g.roles() if b.id == role), role)

    def role_wait_text(self) -> tuple[str, str, int, bool]:
        """(the role, its holder's name, seconds left, whether it is a reply in talks) while the bureau waits for a
        role's holder."""
        g = self.game
        if g is not None and g.phase == "counterpart":
            view = g.talks()
            return (self._role_name(g, view.role) if view is not None else "", self.cls.waiting_for, self.cls.left,
                    True)
        turn = g.role_turn() if g is not None else None
        return (turn.role_name if turn is not None else "", self.cls.waiting_for, self.cls.left, False)

    def _desk_tick(self) -> None:
        """The role holder's side: show the oldest request for the role (the bureau's game rebuilt at it); drop
        one that the AI has taken meanwhile."""
        from game.i18n import language

        link, c = self.classroom, self.cls
        assert link is not None and c.role
        if c.desk is not None:
            now = link.db.role_request(c.desk.id)
            if now is not None and now.status == "open":
                c.left = max(0, int(now.deadline - time.time() + 0.999))
                return
            talks = c.desk.kind == "talks"
            c.desk, c.mirror, c.pick = None, None, None
            self._settle(keep_status=True)
            self._say(_("Too late: the AI answered in those talks.") if talks
                      else _("Too late: the AI opened that card."), "warning")
        for request in link.desk(c.role):
            mirror = link.mirror(request, self.game.lang if self.game is not None else language())
            if mirror is not None:
                c.desk, c.mirror, c.pick = request, mirror, None
                c.left = max(0, int(request.deadline - time.time() + 0.999))
                self._settle(keep_status=True)
                return

    def _on_desk(self, intent: Intent) -> None:
        c, link = self.cls, self.classroom
        assert link is not None
        if c.desk is None or c.mirror is None:
            self._nothing(intent, _("no card waits for your role now"))
            return
        if c.desk.kind == "talks":
            self._on_desk_talks(intent)
            return
        self._opening_key(c.mirror, intent, self._send)

    def _on_desk_talks(self, intent: Intent) -> None:
        """The role holder answers the bureau's proposal: a reply's number, or Enter for the AI's."""
        from game.server.student import reply_key

        c = self.cls
        assert c.mirror is not None
        options = c.mirror.reply_options()
        if isinstance(intent, Confirm):
            reply = c.mirror.suggested_reply()
        elif isinstance(intent, Number) and 1 <= intent.n <= len(options):
            reply = options[intent.n - 1]
        elif isinstance(intent, Number):
            self._say(_("{n} does nothing here: the replies are 1 to {last}.").format(n=intent.n, last=len(options)),
                      "warning")
            return
        else:
            self._nothing(intent, _("answer with a reply's number, or Enter for the AI's choice"))
            return
        if reply is not None:
            self._send(Act(c.desk.role if c.desk else "", reply_key(reply)), "", c.mirror.describe_reply(reply))

    def _send(self, act: Act, line: str, label: str = "") -> None:
        from game.classdb import MAX_ROLE_LINE, ClassDBError

        c, link = self.cls, self.classroom
        assert link is not None and c.desk is not None and c.mirror is not None
        label = label or next((o.label for o in (c.mirror.role_turn() or _NoTurn).openings if o.id == act.opening),
                              act.opening)
        try:
            ok = link.answer(c.desk, act.opening, " ".join(line.split())[:MAX_ROLE_LINE])
        except ClassDBError as exc:
            self._say(_("Could not send your answer: {error}").format(error=exc), "error")
            return
        who, talks = c.desk.student_name, c.desk.kind == "talks"
        c.desk, c.mirror, c.pick = None, None, None
        self._settle(keep_status=True)
        late = _("Too late: the AI answered in those talks.") if talks else _("Too late: the AI opened that card.")
        self._say(_("Sent to {name}: {opening}.").format(name=who, opening=label) if ok else late,
                  "info" if ok else "warning")
        with contextlib.suppress(ClassDBError):
            self._desk_tick()

    def _push(self, event: Event) -> bool:
        """Deal a card the teacher pushed, if the player is between cards; True once it is dealt (or can never be)."""
        from game.classdb import ClassDBError

        g, link = self.game, self.classroom
        assert g is not None and link is not None
        if g.is_over or self.cls.stopped or self.cls.ended:
            return False
        if self._s.mode not in ("card", "month_end") or g.phase not in ("cards", "month_end"):
            return False  # after the result, the ledger or the talks
        try:
            self._apply(Push(event.card))
        except RulesError as exc:
            self._say(_("Your teacher's card could not be dealt: {reason}").format(reason=exc), "warning")
        else:
            self.cls.pushed.add((g.turn, event.card))
            self._settle(keep_status=True)
            self._say(_("Your teacher dealt this card to the class."), "info")
            self.save_due = True
        with contextlib.suppress(ClassDBError):  # the action is in the game's log; this only counts for the teacher
            link.delivered(event, g)
        return True

    def _read_notice(self) -> None:
        from game.classdb import ClassDBError

        event = self.cls.notices.pop(0)
        if self.classroom is not None:
            try:
                self.classroom.delivered(event, self.game)
            except ClassDBError as exc:
                self._say(_("Could not tell your teacher you read it: {error}").format(error=exc), "warning")
        self._settle(keep_status=True)

    def class_line(self) -> str:
        """The top bar's words in class mode: who, which class, and whether the class is held."""
        link = self.classroom
        if link is None or link.student is None:
            return ""
        words = [link.student.name, _("class {code}").format(code=link.student.class_code)]
        if self.cls.hold is not None:
            words.append(_("held at month {turn}").format(turn=self.cls.hold))
        if self.cls.ended:
            words.append(_("lesson ended"))
        return " · ".join(words)

    # -- helpers --------------------------------------------------------------------------------------
    def _apply(self, action: Action) -> Any:
        assert self.game is not None
        result = self.game.apply(action)
        self.dirty = True
        if self.classroom is not None:
            self.save_due = True  # every action reaches the class database, after the frame that shows it
        return result

    def _say(self, words: str, level: str = "info") -> None:
        self._s.status, self._s.status_level = words, level

    def _nothing(self, intent: Intent, hint: str) -> None:
        name = {Confirm: "Enter", Cancel: "Escape", Offer: "o", Accept: "a", Leave: "l", Interests: "i",
                Why: "w", Answer: "Enter"}.get(type(intent), "")
        if isinstance(intent, Number):
            name = str(intent.n)
        self._say(_("{key} does nothing here: {hint}.").format(key=name, hint=hint) if name
                  else hint[:1].upper() + hint[1:] + _("."), "warning")

    def _rows(self, changes: Any) -> tuple[ChangeRow, ...]:
        g = self.game
        assert g is not None
        rows = []
        for c in changes:
            if isinstance(c.before, int) and isinstance(c.after, int):
                if c.delta:
                    rows.append(ChangeRow(g.name_of(c.target), number(c.before), number(c.after), c.delta))
            elif c.target in g.content.policies:
                options = g.content.policies[c.target].options
                before, after = (text(options[str(o)].model.label, g.lang) if str(o) in options else str(o)
                                 for o in (c.before, c.after))
                rows.append(ChangeRow(g.name_of(c.target), before, after, 0))
        return tuple(rows)

    def _speakers(self, transcript: Any, counterpart: str) -> tuple[tuple[str, str], ...]:
        names = {"you": _("You"), "them": counterpart, "result": _("Result"), "propose": _("You propose"),
                 "offer": _("{counterpart} offers").format(counterpart=counterpart)}
        return tuple((names.get(who, who), said) for who, said in transcript)

    def _changed(self) -> None:
        self.version += 1
        self._snapshot = None

    # -- the snapshot ---------------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """The main screen's state now (cached until the next intent)."""
        if self._snapshot is None:
            self._snapshot = self._build()
        return self._snapshot

    def _build(self) -> Snapshot:
        g, s = self.game, self._s
        if g is None:
            return Snapshot("none", self.version, "", 0, 0, "", self.preview, (), ())
        mode = s.mode
        card = g.current_card() if mode == "card" else None
        choices: tuple[Line, ...] = ()
        if card is not None:
            choices = tuple(Line(c.label, self._hint(c.preview, _("opens talks") if c.negotiate else ""), c.available,
                                 engine_word(c.reason)) for c in g.choices())
        talks = self._talks_sheet(g) if mode == "talks" else None
        c = self.cls
        if mode == "desk" and c.desk is not None and c.desk.kind == "talks" and c.mirror is not None:
            talks = self._talks_sheet(c.mirror)  # the bureau's talks, waiting for this role's reply
            if talks is not None:
                waits = _("{name} waits for your answer ({left} s left; then the AI answers).").format(
                    name=c.desk.student_name, left=c.left)
                talks = talks._replace(notes=(waits, *talks.notes))
        due = g.pending_reflection() if mode == "reflection" else None
        where = {"card": _("card {position} of {total}").format(position=card.position, total=card.of) if card else "",
                 "result": _("what happened"), "month_end": _("the month's cards are done"),
                 "ledger": _("the month's ledger"), "reflection": _("a moment to reflect"),
                 "talks": pgettext("where", "talks"), "talks_outcome": _("the talks are over"), "over": _("the end"),
                 "notice": _("a message from your teacher")}.get(mode, "")
        if card is not None and card.deck_title:
            where += f" · {card.deck_title}"
        if card is not None and (g.turn, card.id) in self.cls.pushed:
            where += " · " + _("dealt by your teacher")
        notice = None
        if mode == "notice" and self.cls.notices:
            event = self.cls.notices[0]
            notice = (event.title or _("A message from your teacher"), event.body)
        held = self.hold_text() if mode == "month_end" and self._held() else ""
        role = None
        if mode in ("role", "role_line"):
            from game.ui.role_turn import role_sheet

            role = role_sheet(g, self.cls.pick)
            where = _("{role} opens a card").format(role=role.view.role_name) if role is not None else where
        desk = wait = None
        if mode in ("desk", "desk_line"):
            desk = self._desk_sheet(g)
            where = _("{role}'s desk").format(role=desk.role_name)
        elif mode == "role_wait":
            wait = self.role_wait_text()
            where = (_("{role} answers your proposal") if wait[3] else _("{role} opens a card")).format(role=wait[0])
        shown = self.cls.mirror if desk is not None and self.cls.mirror is not None else g
        meters = tuple(shown.meters())  # at a role's desk: the bureau's game the card is in
        month, turn = shown.month_label(), shown.turn
        if mode == "ledger" and s.ledger is not None:  # the header speaks of the month the ledger closes
            month, turn = s.ledger.label, s.ledger.turn
            moved = {line.target: line.end - line.start for line in s.ledger.lines}
            meters = tuple(replace(m, last_change=moved.get(m.id, 0)) for m in meters)
        return Snapshot(
            mode=mode, version=self.version, month=month, turn=turn, turns=g.turns, seed=str(g.seed),
            preview=self.preview, meters=meters, counters=tuple(self._counter(c) for c in shown.counters()),
            card=card, choices=choices, why=s.why, result=s.result, ledger=s.ledger if mode == "ledger" else None,
            talks=talks, outcome=s.outcome if mode == "talks_outcome" else None,
            reflection=due[1] if due else "", policy_changes_left=g.policy_changes_left, status=s.status,
            status_level=s.status_level, keys=self._keys(mode, choices, talks, role), log=self._log(g), where=where,
            notice=notice, held=held, class_line=self.class_line(),
            quote_translation=quote_translation(g, "card", card.id) if card is not None else "", lang=g.lang, role=role,
            desk=desk, wait=wait)

    def _desk_sheet(self, g: Game) -> DeskSheet:
        """The role's desk: the brief, and the card waiting for the role (if one is)."""
        from game.ui.role_turn import DeskSheet, role_sheet

        c = self.cls
        role = c.role or ""
        brief = next((b for b in g.roles() if b.id == role), None)
        sheet = role_sheet(c.mirror) if c.mirror is not None and c.desk is not None else None
        return DeskSheet(brief.name if brief else role, brief.wants.strip() if brief else "",
                         brief.fears.strip() if brief else "", brief.goal.strip() if brief else "", sheet,
                         c.desk.student_name if c.desk is not None else "", c.left, c.pick is not None)

    @staticmethod
    def _counter(c: CounterView) -> tuple[str, str, int]:
        return c.name, counter_value(c), c.change

    def _hint(self, changes: Any, extra: str = "") -> str:
        assert self.game is not None
        hint = changes_text(self.game, changes, self.preview)
        return _("; ").join(x for x in (hint, extra) if x)

    def _log(self, g: Game, limit: int = 6) -> tuple[tuple[str, str, str], ...]:
        out = []
        for turn, _card, title, label, _hist in reversed(g.decisions()):
            out.append((g.month_label(turn), title, label))
            if len(out) >= limit:
                break
        return tuple(out)

    def _talks_sheet(self, g: Game) -> TalksSheet | None:
        v = g.talks()
        if v is None:
            return None
        s = self._s
        ladder = []
        for i, rung in enumerate(v.rungs):
            marker = "▶" if rung.offered else ("●" if rung.in_force else ("◆" if rung.asked else "○"))
            ladder.append((marker, rung_text(v, i, self.preview)))
        mood = engine_word(v.mood)
        standing = mood if self.preview == "hidden" else f"{mood}{aside(signed(v.standing))}"
        transcript = self._speakers(v.transcript, v.counterpart)
        lines: list[Line] = []
        notes: list[str] = []
        limit = ""
        pane = s.pane
        if v.awaiting == "counterpart":
            pane = "counterpart"
            suggested = g.suggested_reply()
            lines = [Line(g.describe_reply(o), _("the AI would choose this") if o == suggested else "", True, "",
                          o == suggested) for o in g.reply_options()]
            if v.brief:
                notes.append(_("Your brief: {brief}").format(brief=v.brief))
            limit = v.rungs[v.reservation].label if 0 <= v.reservation < len(v.rungs) else ""
        elif pane == "offer":
            draft = s.draft
            for i, rung in enumerate(v.rungs):
                if i > v.start:
                    lines.append(Line(rung.label, rung_text(v, i, self.preview)[len(rung.label):].strip(" ()（）"),
                                      True, "", i == draft.rung))
            for c in v.concessions:
                if c.available:
                    cost = self._hint(c.costs)
                    lines.append(Line(c.label, _("costs you: {cost}").format(cost=cost) if cost else "", True, "",
                                      c.id in draft.concessions))
            if 0 <= draft.rung < len(v.rungs):
                deal = self._hint(g.deal_preview(v.rungs[draft.rung].id, draft.concessions))
                package = v.rungs[draft.rung].label + "".join(
                    f" + {c.label}" for c in v.concessions if c.id in draft.concessions)
                notes.append(_("Your offer: {package}").format(package=package))
                notes.append(_("If they accept: {deal}").format(deal=deal) if deal else
                             (_("If they accept: nothing measurable changes.") if self.preview != "hidden" else
                              _("If they accept: (effects hidden at this preview level)")))
        elif pane == "interests":
            notes.append(_("What {counterpart} cares about:").format(counterpart=v.counterpart))
            for it in v.interests:
                value = "" if self.preview == "hidden" else f" ({signed(it.value)})"
                notes.append(f"  • {it.says}{value}")
            notes.append(_("If there is no deal: {alternative}").format(alternative=v.alternative))
            if v.concessions:
                notes.append(_("What you could offer besides:"))
                for c in v.concessions:
                    cost = self._hint(c.costs)
                    state = "" if c.available else _(" (not available: {reason})").format(reason=engine_word(c.reason))
                    costs = " — " + _("costs you: {cost}").format(cost=cost) if cost else ""
                    notes.append(f"  • {c.label}{state}{costs}")
        else:
            for m in v.moves:
                tags = [t for t in (self._hint(m.cost), _("probes their limit") if m.reveals else "",
                                    _("a gamble ({chance})").format(chance=f"{m.gamble:.0%}") if m.gamble is not None
                                    else "") if t]
                lines.append(Line(m.label, _("; ").join(tags), m.available, engine_word(m.reason)))
        return TalksSheet(v, tuple(ladder), standing, transcript, pane, tuple(lines), tuple(notes), limit)

    def _keys(self, mode: str, choices: tuple[Line, ...], talks: TalksSheet | None,
              role: Any = None) -> tuple[Key, ...]:
        """The keys that work now, most important first (the footer shows them; others say why not)."""
        def digits(n: int, label: str) -> Key:
            return Key(tuple(str(i) for i in range(1, n + 1)), "1" if n == 1 else f"1-{n}", label)

        keys: list[Key] = []
        save = Key(("s",), "s", _("save"), Open("save"))
        if mode == "card":
            keys += [digits(len(choices), _("choose")), Key(("w",), "w", _("why this card?"), Why())]
            if self._s.why:
                keys.append(Key(("escape",), "Esc", _("hide source"), Cancel()))
            keys += [Key(("p",), "p", _("policies"), Open("policies")), save._replace(essential=False)]
        elif mode in ("result", "talks_outcome", "ledger"):
            keys += [Key(("enter", "space"), "Enter", _("continue"), Confirm()), save]
        elif mode == "month_end":
            keys += [Key(("enter",), "Enter", _("end the month"), Confirm()),
                     Key(("p",), "p", _("policies"), Open("policies")), save]
        elif mode == "reflection":
            return (Key(("enter",), "Enter", _("save the answer")), Key(("escape",), "Esc", _("skip")),
                    Key(("ctrl+q",), "Ctrl+Q", _("quit")))
        elif mode == "role_line":  # the keys type the line
            return (Key(("enter",), "Enter", _("open the card")), Key(("escape",), "Esc", _("open it without a line")),
                    Key(("ctrl+q",), "Ctrl+Q", _("quit")))
        elif mode == "notice":
            keys.append(Key(("enter", "space"), "Enter", _("I have read it"), Confirm()))
        elif mode == "role":
            from game.ui.role_turn import role_keys

            keys += [*role_keys(role), save]

        elif mode == "desk" and talks is not None:
            keys += [digits(len(talks.lines), _("reply")), Key(("enter",), "Enter", _("the AI's choice"), Confirm())]
        elif mode == "desk" and self.cls.mirror is not None:
            from game.ui.role_turn import role_keys, role_sheet

            keys += role_keys(role_sheet(self.cls.mirror))
        elif mode == "desk_line":
            keys += [Key(("enter",), "Enter", _("send")), Key(("escape",), "Esc", _("send without a line"))]
        elif mode == "talks" and talks is not None:
            v = talks.view
            if talks.pane == "counterpart":
                keys += [digits(len(talks.lines), _("reply")), save]
            elif talks.pane == "offer":
                rungs = sum(1 for i in range(len(v.rungs)) if i > v.start)
                n = len(talks.lines)
                keys.append(digits(rungs, _("position")))
                if n > rungs:
                    keys.append(Key(tuple(str(i) for i in range(rungs + 1, n + 1)),
                                    f"{rungs + 1}" if n == rungs + 1 else f"{rungs + 1}-{n}", _("concessions")))
                keys += [Key(("enter",), "Enter", _("propose"), Confirm()),
                         Key(("escape", "o"), "Esc", _("back"), Cancel())]
            else:
                if talks.pane == "moves":
                    keys.append(digits(len(talks.lines), _("move")))
                keys.append(Key(("o",), "o", _("offer"), Offer()))
                if v.offer >= 0:
                    keys.append(Key(("a",), "a", _("accept"), Accept()))
                keys += [Key(("l",), "l", _("leave"), Leave()),
                         Key(("i",), "i", _("moves") if talks.pane == "interests" else _("interests"), Interests())]
                if talks.pane == "interests":
                    keys.append(Key(("escape",), "Esc", _("moves"), Cancel(), False))
                keys.append(Key(("s",), "s", _("save"), Open("save"), False))
        if self.classroom is not None and (self.cls.ended or self.cls.stopped):
            keys.insert(0, Key(("d",), "d", _("download your debrief"), Open("debrief")))
        keys.append(Key(("x",), "x", _("codex"), Open("codex"), False))
        if mode not in ("talks", "desk", "desk_line"):  # in talks, l leaves the table; a desk loads no game
            keys.append(Key(("l",), "l", _("load"), Open("load"), False))
        keys += [Key(("b",), "b", _("briefing"), Open("briefing"), False),
                 Key(("t",), "t", _("theme"), Open("theme"), False),
                 Key(("L",), "L", _("language"), Open("language"), False),
                 Key(("question_mark", "f1"), "?", _("help"), Open("help")), Key(("q",), "q", _("quit"), Open("quit"))]
        return tuple(keys)

    # -- for other screens ------------------------------------------------------------------------------
    def policy_sheet(self) -> PolicySheet:
        """The standing policies in words, for the policies screen."""
        g = self.game
        assert g is not None
        rows = []
        for p in g.policies():
            options = tuple(PolicyChoice(o.id, o.label, o.description, o.available, o.reason,
                                         _(", ").join(_effect(g, t, e) for t, e in o.monthly), o.id == p.current)
                            for o in p.options)
            rows.append(PolicyRow(p.id, p.name, p.description, p.current_label, options))
        return PolicySheet(tuple(rows), g.policy_changes_left, self._s.status, self._s.status_level)

    def briefing_sheet(self) -> BriefingSheet:
        g = self.game
        assert g is not None
        sc = g.content.scenario
        losses = [_("{meter} at {value}").format(meter=text(m.name, g.lang),
                                                 value=m.min if m.lose_at == "min" else m.max)
                  for m in sc.meters if m.lose_at]
        return BriefingSheet(text(sc.title, g.lang), g.month_label(), g.turn, g.turns, str(g.seed), self.preview,
                             text(sc.role, g.lang), text(sc.intro, g.lang),
                             tuple((m.name, m.primary, m.value, m.description) for m in g.meters()),
                             _(" or ").join(losses), g.month_label(g.turns))

    def ending_sheet(self) -> EndingSheet | None:
        g = self.game
        if g is None or g.ending() is None:
            return None
        end = g.ending()
        assert end is not None
        meters = tuple((m.name, m.history[0] if m.history else m.value, m.value, tuple(m.history[1:]), m.min, m.max)
                       for m in g.meters())
        talks = []
        for i in range(len(g.talks_log)):
            r = g.talks_result(i)
            if r is not None:
                talks.append((g.month_label(r.turn), r.title, r.outcome, r.deal))
        return EndingSheet(end, g.month_label(), g.turn, g.turns, str(g.seed), meters, tuple(talks),
                           g.month_label(1), bool(g.reflections()), quote_translation(g, "ending", end.id))

    def reflection_answers(self) -> list[tuple[str, str, str]]:
        g = self.game
        if g is None:
            return []
        return [(g.month_label(turn), prompt, answer) for _rid, turn, prompt, answer in
                sorted(g.reflections(), key=lambda r: r[1])]



def quote_translation(game: Game, kind: str, ident: str) -> str:
    """Our translation of a card's or an ending's source quote into the game's language ('' if none)."""
    if game.lang == "en":
        return ""
    content = game.content
    rule = content.events.get(ident) if kind == "card" else content.endings.get(ident)
    source = getattr(getattr(rule, "model", None), "source", None)
    found = getattr(source, "translation", None) or {}
    return str(found.get(game.lang, ""))


def _effect(game: Game, target: str, expr: str) -> str:
    try:
        return f"{game.name_of(target)} {signed(int(expr))}"
    except ValueError:
        return f"{game.name_of(target)} {expr}"

