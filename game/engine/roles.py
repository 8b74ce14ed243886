"""Roles in play: cards a role opens before the bureau sees them, and each role's objective and view.

A card `acted_by` a role waits, when it comes in front of the bureau, for that role to open it: a student
holding the role (game option `roles: [...]`) answers with `Act(role, opening, line)`; when nobody holds
it, the AI opens it at once, picking among the openings in proportion to their `ai` weights with a number
drawn from (seed, month, card), not from the game's random stream, so holding a role or not never shifts
the cards that come later. Either way the opening's flags set the card's situation, and the act is
recorded (`Kind.ROLE_ACT`, with who took it) and kept in `state.role_acts` for the debrief.

Holding a role also makes its negotiations hot seat: the student answers the bureau's proposals within
what the role may grant (see game.engine.talks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from game.content.compiled import Content, EventRule, OpeningRule, RoleRule, text
from game.engine.actions import MAX_LINE, Act
from game.engine.effects import Recorder, finite
from game.engine.records import Kind
from game.engine.rng import next_u64, seed_state
from game.engine.state import GameState, RoleAct
from game.errors import RulesError

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.engine.views import RoleTurnView

BY_AI, BY_PLAYER, BY_TIMEOUT = "ai", "player", "timeout"


def held_roles(state: GameState) -> frozenset[str]:
    """The roles students hold in this game (option `roles`: a list of role ids, or "all")."""
    held = state.options.get("roles") or ()
    return frozenset(("*",) if held == "all" else (str(r) for r in held))


def holds(held: frozenset[str], role: str | None) -> bool:
    return role is not None and ("*" in held or role in held)


class RoleTurns:
    """Opens the cards roles act on, for one game."""

    def __init__(self, content: Content, state: GameState, rec: Recorder, check: Callable[[], None]) -> None:
        self.content, self.state, self.rec, self.check = content, state, rec, check

    # -- the card in front of the bureau -----------------------------------------------------------------
    def current(self) -> EventRule | None:
        """The card in front of the bureau, when a role acts on it."""
        st = self.state
        if st.phase != "cards" or st.talks is not None or st.hand_pos >= len(st.hand):
            return None
        event = self.content.events.get(st.hand[st.hand_pos])
        return event if event is not None and event.acted_by else None

    def arrive(self) -> None:
        """A card has come in front of the bureau: if a role acts on it and has not yet, its student is asked
        (the game waits) or the AI opens it now."""
        st = self.state
        if st.awaiting_role or st.phase != "cards" or st.talks is not None or st.hand_pos >= len(st.hand):
            return
        event = self.content.events.get(st.hand[st.hand_pos])
        if event is None or not event.acted_by or st.opened == f"{st.turn}/{event.id}":
            return
        if holds(held_roles(st), event.acted_by):
            st.awaiting_role = event.acted_by
            return
        self._open(event, self.ai_pick(event), BY_AI, "")

    # -- the openings -----------------------------------------------------------------------------------
    def available(self, event: EventRule) -> list[OpeningRule]:
        return [o for o in event.openings if o.when is None or o.when.fn(self.state)]

    def ai_pick(self, event: EventRule) -> OpeningRule:
        """The AI's opening: a weighted pick with a number from (seed, month, card), the same on every replay
        and for every student of a class with the same cards."""
        st = self.state
        options = self.available(event) or list(event.openings[:1])
        weights = [max(0.0, finite(o.ai.fn(st))) for o in options]
        total = sum(weights)
        if total <= 0:
            return options[0]
        _, bits = next_u64(seed_state(f"{st.seed}/{st.values['month']}/{event.id}/opening"))
        target = ((bits >> 11) * (1.0 / (1 << 53))) * total
        running = 0.0
        for option, weight in zip(options, weights, strict=True):
            running += weight
            if target < running:
                return option
        return options[-1]

    def legal(self) -> list[Act]:
        event = self.current()
        if event is None or not self.state.awaiting_role:
            return []
        return [Act(event.acted_by or "", o.id) for o in self.available(event)]

    def act(self, action: Act) -> None:
        st = self.state
        event = self.current()
        if event is None or not st.awaiting_role:
            raise RulesError("no role has a card to open now")
        if action.role != st.awaiting_role:
            raise RulesError(f"it is '{st.awaiting_role}' who opens this card, not '{action.role}'")
        line = " ".join(action.line.split())
        if len(line) > MAX_LINE:
            raise RulesError(f"the line is {len(line)} characters; keep it to {MAX_LINE}")
        if line and not event.model.line_prompt:
            raise RulesError("this card takes no line of the role's own")
        if not action.opening:
            return self._open(event, self.ai_pick(event), BY_TIMEOUT, line)
        opening = next((o for o in event.openings if o.id == action.opening), None)
        if opening is None:
            raise RulesError(f"this card has no opening '{action.opening}' (it has "
                             f"{', '.join(o.id for o in event.openings)})")
        if opening not in self.available(event):
            raise RulesError(f"the opening '{opening.id}' is not open to the role now")
        self._open(event, opening, BY_PLAYER, line)

    def _open(self, event: EventRule, opening: OpeningRule, by: str, line: str) -> None:
        st = self.state
        ai = opening if by == BY_AI else self.ai_pick(event)
        rec = self.rec.entry(Kind.ROLE_ACT, event.id, opening.id)
        rec.by = by
        changed = self.rec.does(rec, opening.does)  # with a record: whether it lists a change or a flag
        st.role_acts.append(RoleAct(st.turn, event.id, event.acted_by or "", opening.id, ai.id, by, line))
        st.opened = f"{st.turn}/{event.id}"
        st.awaiting_role = ""
        if changed:
            self.check()


# -- views ----------------------------------------------------------------------------------------------
def role_turn_view(game: Game, turns: RoleTurns) -> RoleTurnView | None:
    """The role turn waiting now: who must act, the card as the role reads it, the openings, the AI's pick."""
    from game.engine.views import OpeningView, RoleTurnView

    st = turns.state
    event = turns.current()
    if event is None or not st.awaiting_role:
        return None
    role = game.content.roles.get(st.awaiting_role)
    ai = turns.ai_pick(event)
    available = turns.available(event)
    openings = []
    for o in event.openings:
        ok = o in available
        reason = "" if ok or o.when is None else game._needs(o.when)
        openings.append(OpeningView(o.id, game._render(o.label, event), game._render(o.says, event), ok, reason,
                                    game.preview(o.does), o.model.against_brief, o is ai,
                                    Act(st.awaiting_role, o.id) if ok else None))
    words = event.role_text if event.model.role_text else event.text
    return RoleTurnView(st.awaiting_role, role_name(game, st.awaiting_role), event.id, game._render(event.title, event),
                        game._render(event.actor, event), game._render(words, event), tuple(openings), ai.id,
                        game._render(event.line_prompt, event) if event.model.line_prompt else "",
                        game._t(role.model.objective.goal) if role else "")


def role_name(game: Game, role: str) -> str:
    rule = game.content.roles.get(role)
    return game._t(rule.model.name) if rule is not None else role


def opening_label(game: Game, card: str, opening: str) -> str:
    event = game.content.events.get(card)
    found = next((o for o in event.openings if o.id == opening), None) if event else None
    return game._render(found.label, event) if found is not None and event is not None else opening


def last_act(state: GameState, card: str) -> RoleAct | None:
    """The act that opened `card` this month, if one did."""
    for act in reversed(state.role_acts):
        if act.turn != state.turn:
            return None
        if act.card == card:
            return act
    return None


def english(rule: RoleRule) -> str:
    return text(rule.model.name)
