"""Everything a player (or a counterpart, or a test) can do, as typed actions.

Hosts ask `Game.legal_actions()` what can be done now and hand one back to `Game.apply()`.
An action is plain data: it can be logged, saved, sent from another tab and replayed.

    Choose(card, choice)         take a choice on the card in front of you
    SetPolicy(policy, option)    change a standing policy (a limited number of times a month)
    EndMonth()                   close the month: policies and the monthly model act
    Reflect(reflection, answer)  answer a reflection prompt ('' skips it)
    Move(move)                   a move in talks: an argument, a probe, an appeal
    Propose(position, concessions)  put a package on the table in talks
    AcceptOffer()                take the counterpart's offer on the table
    WalkAway()                   leave the talks with no deal
    Respond(reply, position, concessions)  the counterpart's answer (hot seat or another tab)
    Act(role, opening, line)     a role opens the card it acts on, before the bureau sees it
    Force(card) / SetValue(name, value)    author tools, only in games started with --dev
    Push(card)                   a teacher deals a card to a class game (or a --dev game)
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, field, fields
from typing import Any, ClassVar

from game.errors import RulesError


@dataclass(frozen=True, slots=True)
class Action:
    kind: ClassVar[str] = ""
    by: ClassVar[str] = "player"  # who takes it: the player, or the counterpart in talks

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data = {k: (list(v) if isinstance(v, tuple) else v) for k, v in data.items()}
        return {"kind": self.kind, **data}


@dataclass(frozen=True, slots=True)
class Choose(Action):
    kind: ClassVar[str] = "choose"
    card: str
    choice: int  # 0-based


@dataclass(frozen=True, slots=True)
class SetPolicy(Action):
    kind: ClassVar[str] = "policy"
    policy: str
    option: str


@dataclass(frozen=True, slots=True)
class EndMonth(Action):
    kind: ClassVar[str] = "end_month"


@dataclass(frozen=True, slots=True)
class Reflect(Action):
    kind: ClassVar[str] = "reflect"
    reflection: str
    answer: str = ""


@dataclass(frozen=True, slots=True)
class Move(Action):
    kind: ClassVar[str] = "move"
    move: str


@dataclass(frozen=True, slots=True)
class Propose(Action):
    kind: ClassVar[str] = "propose"
    position: str
    concessions: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class AcceptOffer(Action):
    kind: ClassVar[str] = "accept_offer"


@dataclass(frozen=True, slots=True)
class WalkAway(Action):
    kind: ClassVar[str] = "walk_away"


REPLIES = ("accept", "counter", "hold", "end")


@dataclass(frozen=True, slots=True)
class Respond(Action):
    """The counterpart's answer: accept the proposal, counter with a package, hold, or end the talks."""

    kind: ClassVar[str] = "respond"
    by: ClassVar[str] = "counterpart"
    reply: str
    position: str = ""
    concessions: tuple[str, ...] = field(default=())


MAX_LINE = 280  # a role's own line on a card it opens


@dataclass(frozen=True, slots=True)
class Act(Action):
    """The role that acts on the card in front of the bureau opens it with one of the card's openings, and may
    add a short line in its own words. An empty `opening` hands the turn to the AI (e.g. the student holding
    the role did not answer in time)."""

    kind: ClassVar[str] = "act"
    by: ClassVar[str] = "role"
    role: str
    opening: str = ""
    line: str = ""


@dataclass(frozen=True, slots=True)
class Force(Action):
    """Deal a card: next month (default), or `now`, as the next card of this month."""

    kind: ClassVar[str] = "force"
    card: str
    now: bool = False


@dataclass(frozen=True, slots=True)
class Push(Action):
    """A teacher deals a shipped card to a class game: as the next card now, or next month during talks."""

    kind: ClassVar[str] = "push"
    by: ClassVar[str] = "teacher"
    card: str


@dataclass(frozen=True, slots=True)
class SetValue(Action):
    kind: ClassVar[str] = "set_value"
    name: str
    value: str  # a number, a policy option, or 'on'/'off' for a flag


ACTIONS: dict[str, type[Action]] = {cls.kind: cls for cls in (
    Choose, SetPolicy, EndMonth, Reflect, Move, Propose, AcceptOffer, WalkAway, Respond, Act, Force, SetValue, Push)}
TALK_ACTIONS = (Move, Propose, AcceptOffer, WalkAway)
DEV_ACTIONS = (Force, SetValue)


def action_from_json(data: Any) -> Action:
    """An action from its JSON form; a wrong shape is a RulesError with a readable message."""
    if not isinstance(data, dict) or data.get("kind") not in ACTIONS:
        raise RulesError(f"not an action: {str(data)[:80]}")
    cls = ACTIONS[data["kind"]]
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            if f.default is not MISSING:
                continue
            raise RulesError(f"a '{cls.kind}' action needs '{f.name}'")
        value = data[f.name]
        if f.type == "bool" and not isinstance(value, bool):
            raise RulesError(f"'{f.name}' of a '{cls.kind}' action should be true or false")
        if f.type == "int" and (not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 100):
            raise RulesError(f"'{f.name}' of a '{cls.kind}' action should be a small number")
        if f.type == "str" and (not isinstance(value, str) or len(value) > 4000):
            raise RulesError(f"'{f.name}' of a '{cls.kind}' action should be text")
        if f.type == "tuple[str, ...]":
            if not isinstance(value, list) or len(value) > 16 or not all(isinstance(v, str) for v in value):
                raise RulesError(f"'{f.name}' of a '{cls.kind}' action should be a short list of ids")
            value = tuple(value)
        kwargs[f.name] = value
    extra = set(data) - {f.name for f in fields(cls)} - {"kind"}
    if extra:
        raise RulesError(f"a '{cls.kind}' action has unknown fields: {', '.join(sorted(extra))}")
    return cls(**kwargs)
