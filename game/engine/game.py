"""The engine's face: typed actions in (`legal_actions`, `apply`), read-only views out.

Every host (the TUI, plain mode, the simulator, replay, hot seat, reports, tests) drives a game
only through these. A game is its content, its seed and options, and the actions applied to it:
replaying the same actions on the same content gives the same game, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from game.content.compiled import ChoiceRule, ConcessionRule, Content, Does, EventRule, text
from game.content.expr import describe, month_text
from game.content.records import has_lang
from game.content.texts import LiveText, render
from game.engine.actions import (
    AcceptOffer,
    Act,
    Action,
    Choose,
    EndMonth,
    Force,
    Move,
    Propose,
    Push,
    Reflect,
    Respond,
    SetPolicy,
    SetValue,
    WalkAway,
)
from game.engine.draw import LiveTables, draw_month
from game.engine.effects import Recorder, finite
from game.engine.month import run_month
from game.engine.prepared import prepared
from game.engine.records import Kind, Record
from game.engine.rng import seed_state
from game.engine.roles import BY_AI, BY_TIMEOUT, RoleTurns, last_act, opening_label, role_name, role_turn_view
from game.engine.state import GameState, TalksSummary
from game.engine.talks import Talks, deal_effects, mood
from game.engine.views import (
    CardView,
    Change,
    ChoiceResult,
    ChoiceView,
    ConcessionView,
    CounterView,
    EndingView,
    InterestView,
    LedgerLine,
    MeterView,
    PolicyOptionView,
    PolicyView,
    RoleBriefView,
    RoleOutcomeView,
    RoleReportView,
    RoleTurnView,
    RungView,
    TalkMoveView,
    TalksResult,
    TalksView,
)
from game.errors import RulesError
from game.i18n import check_language, gettext_in, month_words

if TYPE_CHECKING:
    from game.content import models

MAX_ANSWER = 2000
_NOTHING_OFFERED: tuple[int, int, list[Choose]] = (-1, -1, [])  # its list stays empty: nothing adds to it


class Game:
    """A game in progress. Same content + seed + options + actions = the same game."""

    def __init__(self, content: Content, state: GameState, record: bool = True) -> None:
        self.content = content
        self._state = state
        self.recorded = record
        self.content_changed = False  # set when a save made with other content was replayed on this one
        self.lang = str(state.options.get("lang", "en"))
        self.untranslated = False  # set when a text was shown in English for want of a `lang` version
        self._gaps: list[str] = []
        self._rec = Recorder(content, state, record)
        self._talks = Talks(content, state, self._rec, render_text=record)
        self._prep = prep = prepared(content)
        # the roles' check holds no reference to the game: without a cycle a finished game is freed at once, not
        # left for the garbage collector (whose passes over many games' leftovers cost the simulator ~4%)
        self._roles = RoleTurns(content, state, self._rec, _immediate_check(state, self._rec, prep.first_ending))
        self._tables = prep.tables
        self._live = LiveTables(self._tables, state)
        self._offered: tuple[int, int, list[Choose]] = _NOTHING_OFFERED  # what choice_actions last found available
        self._first_ending = prep.first_ending
        self._turns = content.turns  # (a property of the content, read at every month's end)

    # -- starting -----------------------------------------------------------------------------------
    @classmethod
    def new(cls, content: Content, seed: int | str = 0, options: dict[str, Any] | None = None,
            record: bool = True) -> Game:
        """A new game. `record=False` keeps no history (the simulator's lean path); the play is the same."""
        values = dict(content.start_values)
        state = GameState(seed=seed, rng=seed_state(seed), fingerprint=content.fingerprint, values=values,
                          options=dict(options or {}))
        game = cls(content, state, record)
        state.timeline.append(game._snapshot_values())
        game._begin_month()
        return game

    def _snapshot_values(self) -> dict[str, int]:
        values = self._state.values
        return {k: values[k] for k in self.content.bounds}

    def _begin_month(self) -> None:
        st = self._state
        st.hand = draw_month(self.content, self._tables, st, self._live)
        st.hand_sizes.append(len(st.hand))
        st.hand_pos = 0
        st.policy_changes = 0
        st.phase = "cards" if st.hand else "month_end"
        if st.hand and self.recorded:
            self._rec.entry(Kind.DRAW, "draw", cards=tuple(st.hand))
        if st.hand and st.hand[0] in self._prep.acted:
            self._roles.arrive()

    def reloaded(self, content: Content) -> Game:
        """This game, carried over to freshly loaded content (an author's hot reload between months).
        Raises RulesError when the state refers to something the new content lacks."""
        st = self._state
        missing = [e for e in [*st.hand, *(p[1] for p in st.pending), *st.forced] if e not in content.events]
        if missing:
            raise RulesError(f"card '{missing[0]}' is gone from the decks")
        if st.talks is not None and st.talks.id not in content.negotiations:
            raise RulesError(f"the talks '{st.talks.id}' in progress are gone")
        for name in content.bounds:
            if name not in st.values:
                raise RulesError(f"the new meter or counter '{name}' has no value in this game")
        for pid, rule in content.policies.items():
            if st.values.get(pid) not in rule.options:
                raise RulesError(f"policy '{pid}' has no option '{st.values.get(pid)}' any more")
        st.fingerprint = content.fingerprint
        st.options["dev_reloaded"] = True
        return Game(content, st, self.recorded)

    # -- what can be done ---------------------------------------------------------------------------
    @property
    def phase(self) -> str:
        """cards, role (a student holding a role opens the card in front of you), talks, counterpart (a second
        player answers in talks), month_end or over."""
        st = self._state
        if st.phase == "over":
            return "over"
        if st.talks is not None:
            return "counterpart" if st.talks.awaiting == "counterpart" else "talks"
        if st.awaiting_role:
            return "role"
        return st.phase

    def legal_actions(self) -> list[Action]:
        """Every action the rules allow now (a reflection answer may be any text; '' skips it)."""
        phase = self.phase
        if phase == "over":
            return []
        if phase in ("talks", "counterpart"):
            return self._talks.legal()
        out: list[Action] = []
        if phase == "role":
            out += self._roles.legal()
            due = self._due_reflection()
            return out + ([Reflect(due, "")] if due is not None else [])
        if phase == "cards":
            card = self._state.hand[self._state.hand_pos]
            out += [Choose(card, c.index) for c in self.content.events[card].choices if self._choice_ok(c)]
        else:
            out.append(EndMonth())
        out += self.policy_actions()
        due = self._due_reflection()
        if due is not None:
            out.append(Reflect(due, ""))
        return out

    def policy_actions(self) -> list[SetPolicy]:
        """The policy switches the rules allow now, in `legal_actions`' order (outside cards, talks and a role's turn,
        `legal_actions` offers these and ending the month or a reflection)."""
        st = self._state
        if self.content.scenario.policy_changes_per_month - st.policy_changes <= 0:
            return []
        values = st.values
        return [action for pid, oid, action, when in self._prep.policy_options
                if oid != values[pid] and (when is None or when(st))]

    def choice_actions(self) -> list[Choose]:
        """The choices that can be taken on the card in front of you (what strategies pick from); [] when no
        card is waiting."""
        st = self._state
        if st.phase != "cards" or st.talks is not None or st.awaiting_role:
            return []
        card = st.hand[st.hand_pos]
        found = self._prep.choices.get(card)
        free, checks = found if found is not None else self._prep.card_choices(card)
        if free is not None:
            offered = list(free)
        else:
            can_open = self._talks.can_open
            offered = [a for a, when, neg in checks if (when is None or when(st)) and (not neg or can_open(neg))]
        self._offered = (st.hand_pos, st.turn, offered)
        return offered

    def talk_moves_made(self) -> tuple[str, ...]:
        """In talks: your moves and proposals so far ('propose:rung+concession...')."""
        t = self._state.talks
        return tuple(t.moves_made) if t is not None else ()

    def apply(self, action: Action) -> Any:
        """Apply one action; returns what a host shows next (a ChoiceResult, a TalksResult when talks
        end, the month's ledger after EndMonth, or None). Raises RulesError if the rules forbid it.
        In a game started with `record=False` (the simulator's lean path) it returns None."""
        st = self._state
        kind = type(action)
        if kind is Choose and st.phase != "over":  # the most common action, first
            chosen = self._choose(action)  # type: ignore[arg-type]
            st.actions.append(action)
            self._role_next()
            return chosen
        if kind is EndMonth and st.phase == "month_end" and st.talks is None and not st.awaiting_role:
            self._offered = _NOTHING_OFFERED  # the second most common action: the same as below, fewer checks
            turn = st.turn
            self._end_month(checked=True)  # its phase is month_end, checked above
            ledger = self.ledger(turn) if self.recorded else None
            st.actions.append(action)
            self._role_next()
            return ledger
        if st.phase == "over" and not isinstance(action, Reflect):
            raise RulesError("the game is over")
        result: Any = None
        talks_before = len(st.talks_log)
        if kind is not Choose:
            self._offered = _NOTHING_OFFERED  # any other action may change what is available
        if kind is Choose:
            result = self._choose(action)  # type: ignore[arg-type]
        elif kind is EndMonth:
            turn = st.turn
            self._end_month()
            result = self.ledger(turn) if self.recorded else None
        elif isinstance(action, SetPolicy):
            self._set_policy(action.policy, action.option)
        elif isinstance(action, Reflect):
            self._reflect(action)
        elif isinstance(action, Move):
            self._in_talks(player=True)
            self._talks.move(action.move)
        elif isinstance(action, Propose):
            self._in_talks(player=True)
            self._talks.propose(action.position, tuple(action.concessions))
        elif isinstance(action, AcceptOffer):
            self._in_talks(player=True)
            self._talks.accept_offer()
        elif isinstance(action, WalkAway):
            self._in_talks(player=True)
            self._talks.walk_away()
        elif isinstance(action, Respond):
            self._in_talks(player=False)
            self._talks.respond(action)
        elif isinstance(action, Act):
            self._roles.act(action)
        elif isinstance(action, (Force, SetValue)):
            self._dev(action)
        elif isinstance(action, Push):
            self._push(action)
        else:
            raise RulesError(f"unknown action {action!r}")
        st.actions.append(action)
        if isinstance(action, (Move, Propose, AcceptOffer, WalkAway, Respond)):
            self._check_immediate()
            if len(st.talks_log) > talks_before and self.recorded:
                result = self.talks_result(len(st.talks_log) - 1)
        self._role_next()
        return result

    def _role_next(self) -> None:
        """Ask the role (`arrive`) when the card now in front of the player is one a role opens first."""
        st = self._state
        if (st.phase == "cards" and st.talks is None and not st.awaiting_role and st.hand_pos < len(st.hand)
                and st.hand[st.hand_pos] in self._prep.acted):
            self._roles.arrive()

    def _in_talks(self, player: bool) -> None:
        if self._state.talks is None:
            raise RulesError("there are no talks in progress")
        if player and self._state.talks.awaiting != "player":
            raise RulesError("the counterpart is answering; wait for their reply")
        if not player and self._state.talks.awaiting != "counterpart":
            raise RulesError("the counterpart has nothing to answer")

    # -- cards --------------------------------------------------------------------------------------
    def _choice_ok(self, c: ChoiceRule) -> bool:
        if c.when is not None and not c.when.fn(self._state):
            return False
        return not (c.negotiate and self._talks.why_closed(c.negotiate))

    def _choice_reason(self, c: ChoiceRule) -> str:
        if c.when is not None and not c.when.fn(self._state):
            locked = self._render(c.locked)
            return locked or self._needs(c.when)
        if c.negotiate:
            return self._talks.why_closed(c.negotiate)
        return ""

    def _choose(self, action: Choose) -> ChoiceResult | None:
        st = self._state
        pos, turn, offered = self._offered
        checked = False
        if pos == st.hand_pos and turn == st.turn:
            for a in offered:
                if a is action:
                    checked = True
                    break
        if checked:
            event = self.content.events[action.card]  # just checked by choice_actions, nothing changed since
            rule = event.choices[action.choice]
        else:
            if st.awaiting_role:
                raise RulesError(f"{role_name(self, st.awaiting_role)} has not opened this card yet; wait for them")
            if self.phase != "cards":
                raise RulesError("there is no card waiting for a choice; end the month instead")
            event = self.content.events[st.hand[st.hand_pos]]
            if action.card != event.id:
                raise RulesError(f"the card in front of you is '{event.id}', not '{action.card}'")
            if not 0 <= action.choice < len(event.choices):
                raise RulesError(f"this card has choices 1 to {len(event.choices)}, not {action.choice + 1}")
            rule = event.choices[action.choice]
            if not self._choice_ok(rule):
                raise RulesError(f"that choice is not available: {self._choice_reason(rule)}")
        self._offered = _NOTHING_OFFERED
        if not self.recorded:
            self._choose_lean(event, rule)
            return None
        outcome = self._render(rule.outcome, event)
        rec = self._rec.entry(Kind.CHOICE, event.id, str(action.choice + 1))
        does = rule.does
        if does.run is not None:
            does.run(st, rec.changes, rec.flags)
        for follow, after in does.follow_ups:
            st.pending.append((st.turn + after, follow, event.id))
        st.hand_pos += 1
        if st.hand_pos >= len(st.hand):
            st.phase = "month_end"
        if rec.changes or rec.flags:
            self._check_immediate()
        if rule.negotiate and st.phase != "over":
            self._talks.open(rule.negotiate, event.id)
        return ChoiceResult(event.id, action.choice, outcome, _merged(rec.changes),
                            tuple(rec.flags), rule.negotiate)

    def take_offered(self, action: Choose) -> None:
        """`apply(action)` for a choice `choice_actions` just offered, on the simulator's lean path: the same
        game, without apply's checks (they passed when it was offered). Anything else goes through `apply`."""
        st = self._state
        pos, turn, offered = self._offered
        found = False
        if pos == st.hand_pos and turn == st.turn and not self.recorded:
            for a in offered:
                if a is action:
                    found = True
                    break
        if not found or st.phase == "over":
            self.apply(action)
            return
        self._offered = _NOTHING_OFFERED
        self._take_lean(action)

    def _take_lean(self, action: Choose) -> None:
        """A choice taken on the lean path: its changes (`_choose_lean`), the action logged, and the next card's
        role asked to open it."""
        st = self._state
        event = self.content.events[action.card]
        self._choose_lean(event, event.choices[action.choice])
        st.actions.append(action)
        self._role_next()

    def take_cards(self, pick: Callable[[Sequence[Choose]], Choose]) -> None:
        """On the simulator's lean path, answer the cards in front of you one after another, `pick` choosing among
        each card's offered choices, until none waits for a choice (talks, a role, the month's end, the end, or a
        card with no choice open): the same game as `take_offered(pick(choice_actions()))` for each card."""
        st = self._state
        if self.recorded:
            raise RulesError("take_cards is for games started with record=False")
        prep = self._prep
        found_choices, can_open = prep.choices, self._talks.can_open
        hand = st.hand
        self._offered = _NOTHING_OFFERED
        while st.phase == "cards" and st.talks is None and not st.awaiting_role:
            card = hand[st.hand_pos]
            found = found_choices.get(card)
            free, checks = found if found is not None else prep.card_choices(card)
            offered: Sequence[Choose]
            if free is not None:
                offered = free
            else:
                offered = [a for a, when, neg in checks if (when is None or when(st)) and (not neg or can_open(neg))]
                if not offered:
                    return
            action = pick(offered)
            for a in offered:
                if a is action:
                    break
            else:
                raise RulesError(f"the choice picked was not one offered: {action!r}")
            self._take_lean(action)

    def take_talks(self, pick: Callable[[Sequence[Action]], Action]) -> None:
        """On the simulator's lean path, make the player's moves in the talks in progress one after another, `pick`
        choosing among the legal actions, until the talks end or wait for a counterpart player: the same game as
        `apply(pick(legal_actions()))` for each move (test_fast_paths checks that they agree)."""
        st = self._state
        if self.recorded:
            raise RulesError("take_talks is for games started with record=False")
        talks, actions = self._talks, st.actions
        move, propose, with_offer = talks.move, talks.propose_offered, talks.with_offer
        self._offered = _NOTHING_OFFERED
        t = st.talks
        # legal()'s moves and proposals and the concessions available, kept while no value or flag changes: a
        # proposal's answer changes neither (a move may, and is followed by a fresh look)
        options: tuple[list[Action], list[ConcessionRule]] | None = None
        need_known = False  # whether t.need is need() now: so after any step that leaves the talks open
        while t is not None and t.awaiting == "player" and st.phase != "over":
            if options is None:
                options = talks.options()
            offered = with_offer(options[0])
            action = pick(offered)
            kind = type(action)
            if kind is Move:
                move(action.move)  # type: ignore[attr-defined]
                options = None
            elif kind is Propose:
                for a in offered:  # propose_offered checks nothing: the package must be one legal() offered
                    if a is action:
                        break
                else:
                    raise RulesError(f"the proposal picked was not one offered: {action!r}")
                propose(action.position, tuple(action.concessions), options[1], need_known)  # type: ignore[attr-defined]
            elif kind is AcceptOffer:
                talks.accept_offer()
            elif kind is WalkAway:
                talks.walk_away()
            else:
                raise RulesError(f"not a move in talks: {action!r}")
            need_known = True
            actions.append(action)
            self._check_immediate()
            self._role_next()
            t = st.talks

    def _choose_lean(self, event: EventRule, rule: ChoiceRule) -> None:
        """`_choose` on the simulator's lean path: the same changes, no record and no result."""
        st = self._state
        does = rule.does
        lean = does.lean  # run(st, None, None) compiled (None: no list of changes kept)
        changed = lean(st) if lean is not None else does.run is not None and does.run(st, None, None)
        for follow, after in does.follow_ups:
            st.pending.append((st.turn + after, follow, event.id))
        st.hand_pos += 1
        if st.hand_pos >= len(st.hand):
            st.phase = "month_end"
        if changed:
            self._check_immediate()
        if rule.negotiate and st.phase != "over":
            self._talks.open(rule.negotiate, event.id)

    # -- policies -----------------------------------------------------------------------------------
    @property
    def policy_changes_left(self) -> int:
        return max(0, self.content.scenario.policy_changes_per_month - self._state.policy_changes)

    def _set_policy(self, policy: str, option: str) -> None:
        st = self._state
        if st.talks is not None:
            raise RulesError("finish the talks before changing a policy")
        if st.awaiting_role:
            raise RulesError(f"wait for {role_name(self, st.awaiting_role)} to open the card first")
        rule = self.content.policies.get(policy)
        if rule is None or option not in rule.options:
            raise RulesError(f"there is no policy option {policy}={option}")
        if st.values[policy] == option:
            raise RulesError("that option is already in force")
        if self.policy_changes_left <= 0:
            raise RulesError("you have already changed a policy this month; try again next month")
        opt = rule.options[option]
        if opt.when is not None and not opt.when.fn(st):
            raise RulesError(f"that option is not available: "
                             f"{self._t(opt.model.locked) or self._needs(opt.when)}")
        rec = self._rec.entry(Kind.POLICY_SWITCH, policy, option)
        self._rec.switch(rec, ((policy, option),))
        st.policy_changes += 1

    # -- the month ----------------------------------------------------------------------------------
    def _end_month(self, checked: bool = False) -> None:
        st = self._state
        if not checked and self.phase != "month_end":
            raise RulesError("finish the talks first" if st.talks is not None
                             else "answer this month's cards before ending the month")
        if self.recorded:
            run_month(self.content, st, self._rec)
            st.timeline.append(self._snapshot_values())
        else:  # run_month's lean path, inlined: the lean month returns the snapshot
            st.timeline.append(self.content.month_lean(st, None))
        self._check_immediate()
        if st.phase != "over":
            if st.turn >= self._turns:
                self._finish()
            else:
                st.turn += 1
                st.values["turn"] = st.turn
                st.values["month"] += 1
                self._begin_month()

    # -- reflections --------------------------------------------------------------------------------
    def pending_reflection(self) -> tuple[str, str] | None:
        """A reflection prompt due now (id, prompt), asked once; answer it with Reflect."""
        st = self._state
        for r in self.content.reflections:
            if r.model.id not in st.reflections and r.when.fn(st):
                return r.model.id, self._render(r.prompt)
        return None

    def _due_reflection(self) -> str | None:
        """The id of `pending_reflection`, without its prompt's text."""
        st = self._state
        for r in self.content.reflections:
            if r.model.id not in st.reflections and r.when.fn(st):
                return r.model.id
        return None

    def _reflect(self, action: Reflect) -> None:
        rule = next((r for r in self.content.reflections if r.model.id == action.reflection), None)
        if rule is None:
            raise RulesError(f"there is no reflection prompt '{action.reflection}'")
        if action.reflection in self._state.reflections:
            raise RulesError("that reflection has already been answered")
        self._state.reflections[action.reflection] = (self._state.turn, action.answer.strip()[:MAX_ANSWER])

    def reflections(self) -> list[tuple[str, int, str, str]]:
        """Answered reflections: (id, turn, prompt, answer)."""
        by_id = {r.model.id: r for r in self.content.reflections}
        return [(rid, turn, self._render(by_id[rid].prompt) if rid in by_id else rid, answer)
                for rid, (turn, answer) in self._state.reflections.items()]

    # -- author tools -------------------------------------------------------------------------------
    def _push(self, action: Push) -> None:
        st = self._state
        if not (st.options.get("class_code") or st.options.get("dev")):
            raise RulesError("only a class game (started with a class code) takes cards from a teacher")
        if action.card not in self.content.events:
            raise RulesError(f"there is no card '{action.card}'")
        self._deal(action.card, now=True)
        self._rec.entry(Kind.TEACHER, action.card)

    def _deal(self, card: str, now: bool) -> None:
        """Put a card in front of the player now (next in this month's hand), or next month during talks."""
        st = self._state
        if now and st.talks is None and st.phase != "over":
            st.awaiting_role = ""  # the card a role was about to open waits behind this one
            st.hand.insert(st.hand_pos, card)
            st.phase = "cards"
            st.drawn[card] = st.turn
            st.seen[card] = st.seen.get(card, 0) + 1
        else:
            st.forced.append(card)

    def _dev(self, action: Force | SetValue) -> None:
        st = self._state
        if not st.options.get("dev"):
            raise RulesError("--force and --set are author tools: start the game with --dev to use them")
        if isinstance(action, Force):
            if action.card not in self.content.events:
                raise RulesError(f"there is no card '{action.card}'")
            self._deal(action.card, now=action.now)
            self._rec.entry(Kind.DEV, action.card, "force")
            return
        name, raw = action.name, action.value
        rec = self._rec.entry(Kind.DEV, name, raw)
        if name in self.content.bounds:
            try:
                number = float(raw)
            except ValueError:
                raise RulesError(f"{name} takes a number, not '{raw}'") from None
            self._rec.set_value(rec, name, number)
        elif name in self.content.policies:
            if raw not in self.content.policies[name].options:
                raise RulesError(f"policy {name} has no option '{raw}'")
            self._rec.switch(rec, ((name, raw),))
        elif name in self.content.flags:
            on = raw.lower() in ("on", "true", "yes", "1")
            self._rec.flags(rec, (name,) if on else (), () if on else (name,))
        else:
            raise RulesError(f"there is no meter, counter, policy or flag '{name}'")

    # -- endings ------------------------------------------------------------------------------------
    def _check_immediate(self) -> None:
        st = self._state
        if st.phase == "over":
            return
        ending = self._first_ending(st)  # a meter at its bound (unless spared), or an immediate ending's condition
        if ending is not None:
            self._end(ending)

    def _finish(self) -> None:
        for ending in self.content.endings.values():
            if ending.model.kind == "final" and (ending.when is None or ending.when.fn(self._state)):
                return self._end(ending.model.id)
        finals = [e for e in self.content.endings.values() if e.model.kind == "final"]
        self._end(finals[-1].model.id)

    def _end(self, ending_id: str) -> None:
        _end_game(self._state, self._rec, ending_id)

    # -- queries: the game as a whole ---------------------------------------------------------------
    @property
    def turn(self) -> int:
        return self._state.turn

    @property
    def turns(self) -> int:
        return self.content.turns

    @property
    def is_over(self) -> bool:
        return self._state.phase == "over"

    @property
    def seed(self) -> int | str:
        return self._state.seed

    @property
    def options(self) -> dict[str, Any]:
        return dict(self._state.options)

    @property
    def ending_id(self) -> str | None:
        return self._state.ending

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(self._state.actions)

    @property
    def records(self) -> tuple[Record, ...]:
        return tuple(self._state.records)

    @property
    def flags(self) -> frozenset[str]:
        return frozenset(self._state.flags)

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(self._state.warnings)

    @property
    def timeline(self) -> tuple[dict[str, int], ...]:
        """Meters and counters at the start and at the end of each month played."""
        return tuple(self._state.timeline)

    @property
    def talks_log(self) -> tuple[TalksSummary, ...]:
        return tuple(self._state.talks_log)

    @property
    def drawn(self) -> dict[str, int]:
        """Cards met so far: id -> times drawn."""
        return dict(self._state.seen)

    @property
    def hand_sizes(self) -> tuple[int, ...]:
        """Cards dealt in each month so far."""
        return tuple(self._state.hand_sizes)

    @property
    def hand(self) -> tuple[str, ...]:
        return tuple(self._state.hand)

    def state_json(self) -> dict[str, Any]:
        """The whole state in canonical JSON form (to check a replay byte for byte)."""
        return self._state.to_dict()

    def core_json(self) -> dict[str, Any]:
        """What decides the rest of the game, without history or rendered text (for saves' digests)."""
        return self._state.core()

    def value(self, name: str) -> Any:
        return self._state.values[name]

    def month_label(self, turn: int | None = None) -> str:
        return month_words(self.content.start_month + (turn or self._state.turn) - 1, self.lang)

    def month_code(self, turn: int | None = None) -> str:
        return month_text(self.content.start_month + (turn or self._state.turn) - 1)

    def name_of(self, target: str) -> str:
        if target in self.content.meters:
            return self._t(self.content.meters[target].name)
        if target in self.content.counters:
            return self._t(self.content.counters[target].name)
        if target in self.content.policies:
            return self._t(self.content.policies[target].model.name)
        return self.content.names.display.get(target, target)

    def _render(self, live: LiveText, event: EventRule | None = None) -> str:
        scope: Any = self._state
        if event is not None:
            scope = _CardScope(self._state, event.id)
        text_ = render(live, scope, self.lang, self.content.labels, self._gaps)
        if self._gaps:
            self.untranslated = True
            self._gaps.clear()
        return text_

    def _t(self, value: models.Text | None) -> str:
        if self.lang != "en" and not has_lang(value, self.lang):
            self.untranslated = True
        return text(value, self.lang)

    def _(self, message: str) -> str:
        return gettext_in(self.lang, message)

    def _needs(self, condition: Any) -> str:
        words = describe(condition, self.content.names, self.lang, self.name_of)
        return self._("Needs {condition}").format(condition=words)

    def use_language(self, lang: str) -> None:
        """Show this game's texts in `lang` from now on (English where a text has no `lang` version). The
        game itself does not change: the language is not part of the rules or of a save's digest."""
        self.lang = self._talks.lang = check_language(lang)
        self._state.options["lang"] = lang
        self.untranslated = False

    def _since_month_start(self) -> dict[str, int]:
        start = self._state.timeline[self._state.turn - 1] if len(self._state.timeline) >= self._state.turn else {}
        values = self._state.values
        return {k: values[k] - v for k, v in start.items()}

    def meters(self) -> list[MeterView]:
        changed = self._since_month_start()
        timeline = self._state.timeline
        return [MeterView(m.id, self._t(m.name), self._state.values[m.id], m.min, m.max, m.primary,
                          changed.get(m.id, 0), self._t(m.description), tuple(s[m.id] for s in timeline))
                for m in self.content.scenario.meters]

    def counters(self) -> list[CounterView]:
        changed = self._since_month_start()
        return [CounterView(c.id, self._t(c.name), self._state.values[c.id], self._t(c.unit),
                            changed.get(c.id, 0), self._t(c.description))
                for c in self.content.scenario.counters if c.shown]

    # -- queries: the card --------------------------------------------------------------------------
    def current_card(self) -> CardView | None:
        st = self._state
        if self.phase != "cards":
            return None
        event = self.content.events[st.hand[st.hand_pos]]
        return self._card_view(event, st.hand_pos + 1, len(st.hand))

    def card(self, event_id: str) -> CardView:
        return self._card_view(self.content.events[event_id], 0, 0)

    def _card_view(self, event: EventRule, position: int, of: int) -> CardView:
        m = event.model
        src = self.content.sources.get(m.source.id)
        deck = self.content.decks.get(event.deck)
        note = self._t(self.content.scenario.frames.get(m.frame)) if m.frame != "record" else ""
        act = last_act(self._state, event.id) if event.acted_by and position else None
        return CardView(m.id, event.deck, self._t(deck.model.title) if deck else event.deck,
                        self._render(event.title, event), self._render(event.actor, event),
                        self._render(event.text, event), m.source.id, m.source.where, m.source.quote,
                        src.citation if src else m.source.id, position, of, m.frame, note,
                        self._state.seen.get(event.id, 1), event.acted_by or "",
                        role_name(self, event.acted_by) if event.acted_by else "",
                        act.opening if act else "", opening_label(self, event.id, act.opening) if act else "",
                        act.by if act else "", act.line if act else "")

    def choices(self) -> list[ChoiceView]:
        st = self._state
        if self.phase != "cards":
            return []
        event = self.content.events[st.hand[st.hand_pos]]
        out = []
        for c in event.choices:
            ok = self._choice_ok(c)
            out.append(ChoiceView(c.index, self._render(c.label, event), ok, "" if ok else self._choice_reason(c),
                                  self.preview(c.does), c.negotiate, c.historical, Choose(event.id, c.index)))
        return out

    def preview(self, does: Does | list[Does]) -> tuple[tuple[str, int], ...]:
        """Expected changes to meters and counters, without touching the state (choice effects use no
        randomness)."""
        values = self._state.values
        out: dict[str, float] = {}
        for d in does if isinstance(does, list) else [does]:
            for target, expr in d.assign:
                out[target] = out.get(target, 0) + finite(expr.fn(self._state)) - values[target]
            for target, expr in d.effects:
                out[target] = out.get(target, 0) + finite(expr.fn(self._state))
        result = []
        for target, delta in out.items():
            low, high = self.content.bounds[target]
            new = max(low, min(high, values[target] + delta))
            d = round(new - values[target])
            if d:
                result.append((target, d))
        return tuple(result)

    def preview_choice(self, index: int) -> tuple[tuple[str, int], ...]:
        event = self.content.events[self._state.hand[self._state.hand_pos]]
        return self.preview(event.choices[index].does)

    # -- queries: policies --------------------------------------------------------------------------
    def policies(self) -> list[PolicyView]:
        out = []
        for pid, rule in self.content.policies.items():
            opts = []
            for oid, opt in rule.options.items():
                ok = opt.when is None or bool(opt.when.fn(self._state))
                reason = "" if ok or opt.when is None else (self._t(opt.model.locked)
                                                            or self._needs(opt.when))
                opts.append(PolicyOptionView(oid, self._t(opt.model.label),
                                             self._t(opt.model.description), ok, reason,
                                             tuple((t, e.source) for t, e in opt.monthly)))
            out.append(PolicyView(pid, self._t(rule.model.name), self._t(rule.model.description),
                                  self._state.values[pid], tuple(opts)))
        return out

    # -- queries: talks -----------------------------------------------------------------------------
    def talks(self) -> TalksView | None:
        """The negotiation in progress, or None."""
        t = self._state.talks
        if t is None:
            return None
        tk = self._talks
        rule = tk.rule()
        reservation = tk.reservation()
        rungs = tuple(RungView(p.id, self._t(p.model.label), p.index == t.start, p.index == t.ask,
                               p.index == t.offer, None if t.revealed < 0 else p.index <= t.revealed,
                               round(tk.required(p.index), 1)) for p in rule.positions)
        values = dict(tk.interest_values())
        interests = tuple(InterestView(i.model.id, self._t(i.model.says), values[i.model.id],
                                       self._t(i.model.need)) for i in rule.interests)
        need = next((iv.need or iv.says for iv in interests if iv.id == t.need), "")
        available = {c.id for c in tk.concessions_available()}
        concessions = tuple(ConcessionView(c.id, self._t(c.model.label), c.model.worth, self.preview(c.does),
                                           c.id in available, "" if c.id in available or c.when is None
                                           else self._needs(c.when))
                            for c in rule.concessions)
        moves = []
        for mid, m in rule.moves.items():
            ok = m.when is None or bool(m.when.fn(self._state))
            reason = "" if ok or m.when is None else (self._t(m.model.locked)
                                                      or self._needs(m.when))
            moves.append(TalkMoveView(mid, self._t(m.model.label), self._render(m.says), ok, reason,
                                      self.preview(m.does), m.model.reveals,
                                      None if m.chance is None else round(finite(m.chance.fn(self._state)), 2)))
        hot = t.hotseat and t.awaiting == "counterpart"
        suggestion = ""
        if hot:
            ai = tk.ai_response()
            suggestion = ai.reply if ai.reply != "counter" else "counter: " + tk.package(
                next(p.index for p in rule.positions if p.id == ai.position), ai.concessions)
        return TalksView(
            id=t.id, title=self._t(rule.model.title), counterpart=self._render(rule.counterpart),
            summary=self._render(rule.summary), round=t.round, rounds_left=t.rounds_left, standing=t.standing,
            mood=mood(t.standing), rungs=rungs, start=t.start, ask=t.ask, offer=t.offer,
            offer_text=tk.package(t.offer, t.offer_concessions) if t.offer >= 0 else "", need=need,
            interests=interests, concessions=concessions, moves=tuple(moves),
            alternative=self._t(rule.model.alternative), awaiting=t.awaiting, hotseat=t.hotseat,
            transcript=tuple(t.transcript), brief=self._render(rule.brief) if t.hotseat else "",
            suggestion=suggestion, reservation=reservation if t.hotseat else -1,
            role=self.content.talks_role.get(t.id, "") if t.hotseat else "")

    def reply_options(self) -> list[Respond]:
        """In hot seat, the counterpart player's answers (bounded by what the role may grant)."""
        return self._talks.reply_options() if self._state.talks is not None else []

    def suggested_reply(self) -> Respond | None:
        """What the AI counterpart would answer to the proposal on the table (hot seat)."""
        t = self._state.talks
        return self._talks.ai_response() if t is not None and t.awaiting == "counterpart" else None

    def describe_reply(self, reply: Respond) -> str:
        tk = self._talks
        if reply.reply == "counter":
            rule = tk.rule()
            rung = next(p.index for p in rule.positions if p.id == reply.position)
            return self._("Counter-offer: {package}").format(package=tk.package(rung, reply.concessions))
        words = {"accept": self._("Accept their proposal"), "hold": self._("Hold: ask them for more"),
                 "end": self._("End the talks")}
        return words.get(reply.reply, reply.reply)

    def deal_preview(self, position: str, concessions: tuple[str, ...] = ()) -> tuple[tuple[str, int], ...]:
        """What a deal at `position` with `concessions` would change, as things stand."""
        t = self._state.talks
        if t is None:
            return ()
        rule = self._talks.rule()
        rung = next((p.index for p in rule.positions if p.id == position), None)
        if rung is None:
            return ()
        return self.preview(deal_effects(self.content, t.id, rung, concessions))

    def talks_result(self, index: int = -1) -> TalksResult | None:
        if not self._state.talks_log:
            return None
        s = self._state.talks_log[index]
        rule = self.content.negotiations[s.id]
        rec = next((r for r in reversed(self._state.records) if r.kind is Kind.TALKS_END and r.cause == s.id
                    and r.turn == s.turn), None)
        label = next((self._t(p.model.label) for p in rule.positions if p.id == s.outcome),
                     next((self._t(o.model.label) for o in rule.no_deal if o.model.id == s.outcome), s.outcome))
        words = next((line for who, line in reversed(s.transcript) if who == "result"), "")
        return TalksResult(s.id, self._t(rule.model.title), self._render(rule.counterpart), label, s.deal,
                           words, _merged(rec.changes) if rec else (), s.transcript, s.turn, s.against_ai)

    # -- queries: the ending ------------------------------------------------------------------------
    def ending(self) -> EndingView | None:
        if self._state.ending is None:
            return None
        rule = self.content.endings[self._state.ending]
        e = rule.model
        src = self.content.sources.get(e.source.id)
        return EndingView(e.id, e.kind, self._t(e.title), self._render(rule.text), self._render(rule.epilogue),
                          e.source.id, e.source.where, e.source.quote, src.citation if src else e.source.id,
                          self._state.turn, e.historical)

    # -- queries: roles -----------------------------------------------------------------------------
    def role_turn(self) -> RoleTurnView | None:
        """The role that must open the card in front of you now (a student holds it), or None."""
        return role_turn_view(self, self._roles)

    def role_options(self) -> list[Act]:
        """The openings the role waiting now may take, as actions (each with no line; add one with
        `dataclasses.replace(act, line=...)` where the card has a `line_prompt`)."""
        return self._roles.legal()

    def suggested_opening(self) -> Act | None:
        """What the AI would open the waiting card with."""
        event = self._roles.current()
        if event is None or not self._state.awaiting_role:
            return None
        return Act(self._state.awaiting_role, self._roles.ai_pick(event).id)

    def roles(self) -> list[RoleBriefView]:
        """Every role a student can play, with its brief and secret objective (the role sheets)."""
        from game.engine.rolereport import brief

        return [brief(self, rule) for rule in self.content.roles.values()]

    def role_outcome(self, role: str) -> RoleOutcomeView:
        """The role's secret objective scored on the state now: final once the game is over."""
        from game.engine.rolereport import outcome

        return outcome(self, self._role(role))

    def role_report(self, role: str) -> RoleReportView:
        """The role's view of the game: objective and outcome, won, conceded, departures from the AI or brief."""
        from game.engine.rolereport import report

        return report(self, self._role(role))

    def role_reports(self) -> list[RoleReportView]:
        return [self.role_report(r) for r in self.content.roles]

    @property
    def role_acts(self) -> tuple[tuple[int, str, str, str, str, str, str], ...]:
        """Every card a role opened: (turn, card, role, opening, AI's opening, by, line)."""
        return tuple((a.turn, a.card, a.role, a.opening, a.ai, a.by, a.line) for a in self._state.role_acts)

    def _role(self, role: str) -> Any:
        rule = self.content.roles.get(role)
        if rule is None:
            raise RulesError(f"there is no role '{role}'" + (f"; roles: {', '.join(self.content.roles)}"
                                                               if self.content.roles else ""))
        return rule

    # -- queries: records ---------------------------------------------------------------------------
    def describe(self, rec: Record) -> str:
        """A record's cause in words, for ledgers and debriefs."""
        c = self.content
        kind = rec.kind
        if kind is Kind.CHOICE:
            event = c.events.get(rec.cause)
            if event is None:
                return rec.cause
            return self._render(event.choices[int(rec.detail) - 1].label, event)
        if kind in (Kind.POLICY_SWITCH, Kind.POLICY_EFFECT):
            rule = c.policies.get(rec.cause)
            if rule is None:
                return rec.cause
            label = self._t(rule.options[rec.detail].model.label) if rec.detail in rule.options else rec.detail
            prefix = self._("Policy changed") if kind is Kind.POLICY_SWITCH else self._("Policy in force")
            return f"{prefix} — {self._t(rule.model.name)}{self._(': ')}{label}"
        if kind is Kind.RULE:
            rule_r = next((r for r in c.rules if r.id == rec.cause), None)
            return self._t(rule_r.model.reason) if rule_r else rec.cause
        if kind in (Kind.TALKS_OPEN, Kind.TALKS_MOVE, Kind.TALKS_END):
            neg = c.negotiations.get(rec.cause)
            title = self._t(neg.model.title) if neg else rec.cause
            if kind is Kind.TALKS_OPEN:
                return self._("Talks open: {title}").format(title=title)
            if kind is Kind.TALKS_MOVE and neg is not None:
                move = neg.moves.get(rec.detail)
                return f"{title} — {self._t(move.model.label) if move else rec.detail}"
            if neg is not None:
                label = next((self._t(p.model.label) for p in neg.positions if p.id == rec.detail),
                             next((self._t(o.model.label) for o in neg.no_deal if o.model.id == rec.detail),
                                  rec.detail))
                return f"{title} — {label}"
            return title
        if kind is Kind.ENDING:
            e = c.endings.get(rec.cause)
            return self._t(e.model.title) if e else rec.cause
        if kind is Kind.DEV:
            return self._("Author tool: {tool} {detail}").format(tool=rec.cause, detail=rec.detail)
        if kind is Kind.ROLE_ACT:
            event = c.events.get(rec.cause)
            who = role_name(self, event.acted_by) if event is not None and event.acted_by else rec.cause
            words = f"{who}: {opening_label(self, rec.cause, rec.detail)}"
            if rec.by == BY_TIMEOUT:  # the student holding the role ran out of time
                return words + self._(" (the AI: time ran out)")
            return words + (self._(" (the AI)") if rec.by == BY_AI else "")
        return self._("Cards this month")

    def ledger(self, turn: int) -> list[LedgerLine]:
        """Each meter's and counter's change over one month, broken down by cause."""
        causes: dict[str, list[tuple[str, int, str]]] = {}
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        bounds = self.content.bounds
        for rec in self._state.records:
            if rec.turn != turn:
                continue
            for target, before, after in rec.changes:
                if target not in bounds:
                    continue
                first.setdefault(target, before)
                last[target] = after
                causes.setdefault(target, []).append((self.describe(rec), after - before, rec.kind.value))
        out = []
        for m in self.content.scenario.meters:
            if m.id in causes:
                out.append(LedgerLine(m.id, self._t(m.name), "meter", first[m.id], last[m.id],
                                      tuple((r, d) for r, d, _ in causes[m.id]), tuple(k for _, _, k in causes[m.id])))
        for ct in self.content.scenario.counters:
            if ct.id in causes and ct.shown:
                out.append(LedgerLine(ct.id, self._t(ct.name), "counter", first[ct.id], last[ct.id],
                                      tuple((r, d) for r, d, _ in causes[ct.id]),
                                      tuple(k for _, _, k in causes[ct.id])))
        return out

    def decisions(self) -> list[tuple[int, str, str, str, bool]]:
        """The player's card decisions: (turn, card id, card title, choice label, historical)."""
        out = []
        for rec in self._state.records:
            if rec.kind is Kind.CHOICE and rec.cause in self.content.events:
                event = self.content.events[rec.cause]
                choice = event.choices[int(rec.detail) - 1]
                out.append((rec.turn, event.id, self._render(event.title, event), self._render(choice.label, event),
                            choice.historical))
        return out


def _end_game(st: GameState, rec: Recorder, ending_id: str) -> None:
    st.ending = ending_id
    st.phase = "over"
    if st.talks is not None:
        st.talks = None
    rec.entry(Kind.ENDING, ending_id)


def _immediate_check(st: GameState, rec: Recorder, first: Callable[[GameState], str | None]) -> Callable[[], None]:
    """`Game._check_immediate` for one game's state, as a function that does not hold the game."""
    def check() -> None:
        if st.phase == "over":
            return
        ending = first(st)
        if ending is not None:
            _end_game(st, rec, ending)
    return check


def _merged(changes: list[tuple[str, Any, Any]]) -> tuple[Change, ...]:
    """One change per target: where it started and where it ended."""
    first: dict[str, Any] = {}
    last: dict[str, Any] = {}
    for target, before, after in changes:
        first.setdefault(target, before)
        last[target] = after
    return tuple(Change(t, first[t], last[t]) for t in first if first[t] != last[t])


class _CardScope:
    """The state as a card's text reads it: every value, plus how many times this card has been drawn."""

    def __init__(self, state: GameState, event_id: str) -> None:
        self.values = {**state.values, "times_seen": state.seen.get(event_id, 1)}
        self.flags = state.flags

    def random(self) -> float:
        return 0.5
