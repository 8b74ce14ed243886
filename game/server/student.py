"""A browser tab's tie to its class: who the student is, their game in the class database, the class's state.

Headless (no Textual, no aiohttp): the TUI's controller holds one `ClassLink` and calls it.

    link = ClassLink(db_path, content, folder, code=None)   # opens the database and a session row
    game, resumed = link.join(name, code)                   # the student's game: resumed, or a new one
    link.sync(game)                                         # store the actions taken since the last sync
    news = link.poll()                                      # hold, lesson ended, taken over, pending events
    link.delivered(event, game)                             # a pushed card applied, a notice read
    link.ask_role(game) / link.role_reply(request)          # the bureau's game: a card waits for a role's holder
    link.desk() / link.mirror(request) / link.answer(...)   # the role holder's tab: the requests for their role
    link.close()                                            # the process ends

A game is stored as its seed, options and action log (as a JSON save holds it) and rebuilt by replay.
A rewind's branch (a game whose options say `branched_from`) is stored as a new game whose parent is
the game it was rewound from, so the original is kept.
"""

from __future__ import annotations

import json
import os
import re
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.classdb import ClassDB, ClassDBError, Event, GameTakenOver, NewAction, Progress, RoleRequest, Student
from game.classroom import OtherDecksError, make_code, read_code
from game.content.compiled import Content
from game.engine.actions import Act, Choose, EndMonth, Reflect, Respond, action_from_json
from game.engine.game import Game
from game.engine.replay import replay
from game.errors import RulesError
from game.i18n import _
from game.saves import SaveStore

HEARTBEAT_SECONDS = 10.0
TAKEN_OVER = "this game was opened in another tab or window, which goes on with it; this tab has stopped (close it)"


@dataclass
class News:
    """What the class asks of this tab now."""

    hold_month: int | None = None
    ended: bool = False
    taken_over: str = ""  # why this tab may no longer write its game ("" if it may)
    events: list[Event] = field(default_factory=list)
    role: str | None = None  # the role this student holds in the class (their tab is the role's desk)


def progress_of(game: Game) -> Progress:
    """The summary the teacher console shows: month, phase, meters, the card or talks now, ending."""
    from game.saves import digest

    phase = game.phase
    ending = game.ending() if game.is_over else None
    if phase == "cards":
        card = game.current_card()
        now = card.title if card is not None else ""
    elif phase in ("talks", "counterpart"):
        talks = game.talks()
        now = f"talks: {talks.title}" if talks is not None else "talks"
    elif phase == "month_end":
        now = "the month's end"
    else:
        now = ending.title if ending is not None else ""
    decisions = sum(1 for a in game.actions if isinstance(a, Choose))
    reflections = sum(1 for *_, answer in game.reflections() if answer.strip())
    return Progress(game.turn, game.month_label(), phase, game.is_over, game.ending_id,
                    ending.title if ending is not None else None, {m.id: m.value for m in game.meters()}, now[:200],
                    decisions, reflections, digest(game))


def talks_key(game: Game) -> str:
    """A talks request's `card`: the negotiation and how many actions the game has (one per proposal)."""
    t = game.talks()
    return f"{t.id if t is not None else ''}@{len(game.actions)}"


def reply_key(reply: Respond) -> str:
    """A counterpart's reply as a talks request stores it."""
    return json.dumps(reply.to_json(), sort_keys=True)


def reply_of(game: Game, key: str) -> Respond | None:
    """The legal reply a talks request's answer names ('' or one no longer legal: the AI's)."""
    found = next((r for r in game.reply_options() if reply_key(r) == key), None)
    return found if found is not None else game.suggested_reply()


def _turns(actions: tuple[Any, ...]) -> list[int]:
    """The month each action was taken in."""
    out, turn = [], 1
    for action in actions:
        out.append(turn)
        if isinstance(action, EndMonth):
            turn += 1
    return out


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:24] or "student"


class ClassLink:
    """One game process's link to the class database."""

    def __init__(self, db_target: str | Path, content: Content, folder: Path, code: str | None = None) -> None:
        self.content = content
        self.folder = Path(folder)
        self.code = code.strip().upper() if code else None  # the server's class code, if it has one
        self.db = ClassDB(db_target)
        self.session_id: int | None = self.db.open_session(socket.gethostname(), os.getpid())
        self.student: Student | None = None
        self.game_id: int | None = None
        self.stored = 0  # actions of `self.game` already in the database
        self.game: Game | None = None
        self.taken_over = ""
        self._last_seen = time.monotonic()

    # -- joining ---------------------------------------------------------------------------------------
    def check_code(self, code: str) -> tuple[str, int, str]:
        """(the code as the teacher wrote it, seed, preview); raises ClassCodeError in words for a browser."""
        try:
            seed, preview = read_code(self.content, code)
        except OtherDecksError:
            raise OtherDecksError(_("class code {code} was made for other decks than this server plays: ask your "
                                    "teacher for the code of this class").format(code=code.strip().upper()[:20])
                                  ) from None
        return make_code(self.content, seed, preview), seed, preview

    @property
    def student_folder(self) -> Path:
        """Where this student's named saves go (made when the first one is written)."""
        if self.student is None:
            return self.folder / "students" / "_joining"
        return self.folder / "students" / f"{self.student.id}-{slug(self.student.name)}"

    def join(self, name: str, code: str | None = None, lang: str | None = None) -> tuple[Game, bool]:
        """The student's game in this class: their latest one resumed (True), or a new one (False), in
        `lang` (the language the student picked; a new game stores it with its options).
        Raises ClassCodeError, StudentNameError or ClassDBError with a message for the student."""
        code_text, seed, preview = self.check_code(self.code or code or "")
        self.db.ensure_class(code_text, seed, preview, self.content.fingerprint)
        student = self.db.join(code_text, name, self.session_id)
        stored = self.db.current_game(student.id)
        self.student = student
        if stored is not None:
            game = self._rebuild(stored.seed, stored.options, self.db.actions(stored.id), stored.fingerprint)
            if self.session_id is not None:
                self.db.claim_game(stored.id, self.session_id)
            self.game, self.game_id, self.stored, self.taken_over = game, stored.id, stored.n_actions, ""
            return game, True
        options: dict[str, Any] = {"preview": preview, "hotseat": [], "class_code": code_text, "shared_hands": True}
        held = self.held_roles(code_text)
        if held:  # cards these roles open wait for their holders (the AI answers when they do not)
            options.update(roles=held, live_roles=True, live_talks=True)  # and talks they hold wait for them
        game = Game.new(self.content, seed=seed, options=options)
        if lang and lang != "en":
            game.use_language(lang)
        if self.db.role_of(student.id):  # their tab is the role's desk: a bureau game is stored once they play it
            self.game, self.game_id, self.stored, self.taken_over = game, None, 0, ""
        else:
            self._store_new(game)
        return game, False

    def _rebuild(self, seed: int | str, options: dict[str, Any], actions: list[dict[str, Any]],
                 fingerprint: str) -> Game:
        try:
            return replay(self.content, seed, options, [action_from_json(a) for a in actions])
        except RulesError as exc:
            if fingerprint != self.content.fingerprint:
                raise ClassDBError(_("your game was played with other decks than this server plays now, so it "
                                     "cannot be continued here; ask your teacher")) from None
            raise ClassDBError(_("your stored game does not replay ({error}); ask your teacher").format(error=exc)
                               ) from None

    def _store_new(self, game: Game, parent: int | None = None, branch_turn: int | None = None) -> None:
        assert self.student is not None
        self.game_id = self.db.new_game(self.student.id, self.session_id, game.seed, game.options,
                                        self.content.fingerprint, progress_of(game), parent, branch_turn)
        self.game, self.stored, self.taken_over = game, 0, ""
        self.sync(game)

    # -- writing ---------------------------------------------------------------------------------------
    def sync(self, game: Game) -> None:
        """Store what happened since the last sync. A game object other than the stored one is a new game:
        a branch of the stored one when it was rewound from it. Raises GameTakenOver or ClassDBError."""
        if self.student is None:
            return
        if self.taken_over:
            raise GameTakenOver(self.taken_over)
        if game is self.game and self.game_id is None:  # a role holder's game, not stored until played
            if game.actions:
                self._store_new(game)
            return
        if game is not self.game:
            branch = game.options.get("branched_from")
            if isinstance(branch, dict) and self.game_id is not None:
                self._store_new(game, self.game_id, int(branch.get("turn", 0) or 0))
            else:
                self._store_new(game)
            return
        assert self.game_id is not None
        actions = game.actions
        if len(actions) < self.stored:
            raise ClassDBError("the game went backwards without a rewind; it was not stored")
        turns = _turns(actions)
        new = [NewAction(a.kind, turns[i], a.to_json()) for i, a in enumerate(actions) if i >= self.stored]
        answered = {a.reflection for a in actions[self.stored:] if isinstance(a, Reflect)}
        reflections = [(rid, turn, answer) for rid, turn, _prompt, answer in game.reflections() if rid in answered]
        try:
            self.db.save_progress(self.game_id, self.session_id, self.stored, new, reflections, progress_of(game))
        except GameTakenOver as exc:
            self.taken_over = str(exc)
            raise
        self.stored = len(actions)
        self._last_seen = time.monotonic()

    def delivered(self, event: Event, game: Game | None) -> None:
        assert self.student is not None
        self.db.delivered(event.id, self.student.id, self.game_id, game.turn if game is not None else 0)

    # -- roles held by students ------------------------------------------------------------------------
    def held_roles(self, code: str) -> list[str]:
        """The roles students of the class hold that open cards (the bureau is every student's own role)."""
        return sorted(r for r in self.db.role_holders(code) if r in self.content.roles
                      and not self.content.roles[r].model.player)

    def ask_role(self, game: Game) -> RoleRequest | None:
        """The bureau's side: the card in front of this game waits for its role's holder; the request (made
        now, or before this tab reloaded). None when nothing waits."""
        turn = game.role_turn()
        if turn is None or self.student is None or self.game_id is None:
            return None
        openings = [o.id for o in turn.openings if o.available]
        return self.db.ask_role(self.student.class_code, self.game_id, self.student.id, turn.role, game.turn,
                                turn.card, openings)

    def ask_talks(self, game: Game) -> RoleRequest | None:
        """The bureau's side: the proposal on the table waits for the reply of the student holding the talks'
        counterpart role (the request made now, or before this tab reloaded). None when nothing waits."""
        view = game.talks()
        if view is None or view.awaiting != "counterpart" or not view.role or self.student is None \
                or self.game_id is None:
            return None
        return self.db.ask_role(self.student.class_code, self.game_id, self.student.id, view.role, game.turn,
                                talks_key(game), [reply_key(r) for r in game.reply_options()], kind="talks")

    def role_reply(self, request: RoleRequest, now: float | None = None) -> tuple[Act | None, RoleRequest]:
        """The bureau's side: the act to apply for the request (the holder's answer; or, once the time limit
        has passed or nobody holds the role, the AI's), else None while it waits; and the request as it is now."""
        found = self.db.role_request(request.id) or request
        if found.status == "answered":
            return Act(found.role, found.opening, found.line), found
        if found.status == "open":
            late = (time.time() if now is None else now) >= found.deadline
            if not late and found.role in self.db.role_holders(found.class_code):
                return None, found
            if not self.db.time_out_request(found.id):  # answered just now
                return self.role_reply(found, now)
            found = self.db.role_request(found.id) or found
        return Act(found.role, ""), found

    def holder_name(self, role: str) -> str:
        """The name of the student holding `role` in this student's class ('' if nobody does)."""
        if self.student is None:
            return ""
        sid = self.db.role_holders(self.student.class_code).get(role)
        found = self.db.student(sid) if sid is not None else None
        return found.name if found is not None else ""

    def desk(self, role: str) -> list[RoleRequest]:
        """The role holder's side: the requests waiting for `role` in the class, oldest first."""
        if self.student is None:
            return []
        return self.db.open_requests(self.student.class_code, role)

    def mirror(self, request: RoleRequest, lang: str = "en") -> Game | None:
        """The role holder's side: the bureau's game as stored, at the card the request is about (None if the
        stored game is not there yet, or has moved on)."""
        stored = self.db.game(request.game_id)
        if stored is None:
            return None
        try:
            game = replay(self.content, stored.seed, stored.options,
                          [action_from_json(a) for a in self.db.actions(stored.id)])
        except RulesError:
            return None
        if request.kind == "talks":
            if game.phase != "counterpart" or talks_key(game) != request.card or game.turn != request.turn:
                return None
        else:
            turn = game.role_turn()
            if turn is None or turn.card != request.card or game.turn != request.turn:
                return None
        if lang != game.lang:
            game.use_language(lang)
        self.db.request_shown(request.id)
        return game

    def ai_replies(self, game: Game) -> frozenset[int]:
        """Where in this tab's stored game the AI replied in talks for the classmate holding the counterpart's role
        (for its debrief); none for another game or one not stored."""
        if game is not self.game or self.game_id is None:
            return frozenset()
        return self.db.ai_replies(self.game_id)

    def answer(self, request: RoleRequest, opening: str, line: str = "") -> bool:
        """The role holder's answer; False when it came too late (the AI opened the card)."""
        assert self.student is not None
        return self.db.answer_request(request.id, self.student.id, opening, line)

    # -- reading ---------------------------------------------------------------------------------------
    def poll(self) -> News:
        """The class's state for this student (and a heartbeat now and then)."""
        if self.student is None:
            self._heartbeat()
            return News()
        info = self.db.class_info(self.student.class_code)
        news = News(info.hold_month if info else None, bool(info and info.ended_at), self.taken_over)
        if self.game_id is not None and not self.taken_over:
            stored = self.db.game(self.game_id)
            moved_on = stored is not None and stored.n_actions > self.stored  # another tab wrote it
            if moved_on or (self.session_id is not None and self._owner() not in (None, self.session_id)):
                self.taken_over = news.taken_over = TAKEN_OVER
        if not news.taken_over:
            news.events = self.db.pending_events(self.student)
        news.role = self.db.role_of(self.student.id)
        self._heartbeat()
        return news

    def _owner(self) -> int | None:
        return self.db.game_owner(self.game_id) if self.game_id is not None else None

    def _heartbeat(self) -> None:
        """Now and then: this process is alive. A session row pruned meanwhile (a long wait on the join screen,
        the laptop asleep) is opened again, so the student shows as online and their game stays leased here."""
        if self.session_id is None or time.monotonic() - self._last_seen < HEARTBEAT_SECONDS:
            return
        self._last_seen = time.monotonic()
        student = self.student.id if self.student is not None else None
        if not self.db.seen(self.session_id, student):
            old, self.session_id = self.session_id, self.db.open_session(socket.gethostname(), os.getpid())
            if student is not None:
                self.db.seen(self.session_id, student)
                if self.game_id is not None and self.db.game_owner(self.game_id) == old:
                    self.db.claim_game(self.game_id, self.session_id)

    def close(self) -> None:
        """The process ends: a session that never started a game leaves no row behind."""
        try:
            if self.session_id is not None:
                self.db.close_session(self.session_id)
        except ClassDBError:
            pass
        finally:
            self.db.close()


class StudentSaves(SaveStore):
    """The saves of the student who joined in this tab: named saves go to their own folder in the class
    folder (made when the first one is written); the autosave is the class database."""

    def __init__(self, link: ClassLink) -> None:
        self.link = link

    @property
    def folder(self) -> Path:
        return self.link.student_folder

    @folder.setter
    def folder(self, value: Path) -> None:  # SaveStore's own __init__ sets it; the student's folder wins
        pass
