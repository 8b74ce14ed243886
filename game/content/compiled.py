"""Content ready for the engine: models plus compiled expressions and texts, all immutable."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from game.content.expr import Expr, Names, month_number
from game.content.records import text_in
from game.content.texts import EMPTY, LiveText

if TYPE_CHECKING:
    from game.content import models

Effects = tuple[tuple[str, Expr], ...]


text = text_in


@dataclass(frozen=True, slots=True, eq=False)
class Does:
    """What a choice, a deal, a concession or a move does to the game."""

    effects: Effects = ()
    assign: Effects = ()
    set: tuple[str, ...] = ()
    clear: tuple[str, ...] = ()
    policy: tuple[tuple[str, str], ...] = ()
    follow_ups: tuple[tuple[str, int], ...] = ()  # (event id, months later)
    # fn(state, changes, flags) -> whether anything changed: all of the above but follow-ups (game.content.programs;
    # built when first run, see game.content.deferred; changes and flags None on the lean path)
    run: Any = None
    # fn(state) -> the same as run(state, None, None), compiled for the simulator's lean path (when first run there);
    # None where run is None, or in content made elsewhere than the loader (then the lean path calls `run`)
    lean: Any = None

    @property
    def empty(self) -> bool:
        return not (self.effects or self.assign or self.set or self.clear or self.policy or self.follow_ups)


NOTHING = Does()


@dataclass(frozen=True, eq=False)
class ChoiceRule:
    model: models.Choice
    index: int
    when: Expr | None
    does: Does
    label: LiveText
    outcome: LiveText = EMPTY
    locked: LiveText = EMPTY
    line: int = 0  # where the choice starts in its file, for warnings
    historical: bool = False
    negotiate: str | None = None


@dataclass(frozen=True, eq=False)
class OpeningRule:
    """One way a role can open a card it acts on (see models.Opening)."""

    model: models.Opening
    index: int
    when: Expr | None
    does: Does
    ai: Expr
    label: LiveText
    says: LiveText = EMPTY

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(frozen=True, eq=False)
class EventRule:
    model: models.Event
    id: str
    deck: str
    when: Expr | None
    weight: Expr
    at: int | None  # month number
    choices: tuple[ChoiceRule, ...]
    origin: str  # file the event came from
    title: LiveText
    actor: LiveText
    text: LiveText
    voice: str | None = None
    once: bool = False
    cooldown: int = 0
    line: int = 0  # where the event starts in its file (origin), for warnings
    index: int = 0  # its position in its deck's events list
    acted_by: str | None = None  # the role that opens this card before the bureau sees it
    openings: tuple[OpeningRule, ...] = ()
    role_text: LiveText = EMPTY  # what the role's player reads (EMPTY: the card's text)
    line_prompt: LiveText = EMPTY  # the prompt for the role's own line (EMPTY: no line)


@dataclass(frozen=True, eq=False)
class DeckRule:
    model: models.Deck
    weight: Expr
    events: tuple[str, ...]
    origin: str
    events_compiled: tuple[EventRule, ...] = ()


@dataclass(frozen=True, eq=False)
class RuleRule:
    model: models.Rule
    when: Expr | None
    assign: Effects
    effects: Effects

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(frozen=True, eq=False)
class OptionRule:
    model: models.PolicyOption
    when: Expr | None
    monthly: Effects


@dataclass(frozen=True, eq=False)
class PolicyRule:
    model: models.Policy
    options: dict[str, OptionRule]


@dataclass(frozen=True, eq=False)
class EndingRule:
    model: models.Ending
    when: Expr | None
    text: LiveText
    epilogue: LiveText


@dataclass(frozen=True, eq=False)
class PositionRule:
    model: models.Position
    index: int
    holds: Expr | None
    does: Does
    text: LiveText

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(frozen=True, eq=False)
class ConcessionRule:
    model: models.Concession
    when: Expr | None
    does: Does

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(frozen=True, eq=False)
class InterestRule:
    model: models.Interest
    value: Expr


@dataclass(frozen=True, eq=False)
class MoveRule:
    id: str
    model: models.TalkMove
    when: Expr | None
    standing: Expr
    chance: Expr | None
    standing_if_fails: Expr
    does: Does
    says: LiveText


@dataclass(frozen=True, eq=False)
class NoDealRule:
    model: models.NegotiationOutcome
    when: Expr | None
    does: Does
    text: LiveText


@dataclass(frozen=True, eq=False)
class NegotiationRule:
    model: models.Negotiation
    id: str
    counterpart: LiveText
    summary: LiveText
    brief: LiveText
    opens: Expr | None
    stance: Expr
    interests: tuple[InterestRule, ...]
    reservation: Expr
    positions: tuple[PositionRule, ...]
    concessions: tuple[ConcessionRule, ...]
    moves: dict[str, MoveRule]
    no_deal: tuple[NoDealRule, ...]
    replies: dict[str, tuple[LiveText, ...]]
    origin: str


@dataclass(frozen=True, eq=False)
class ReflectionRule:
    model: models.Reflection
    when: Expr
    prompt: LiveText


@dataclass(frozen=True, eq=False)
class RoleRule:
    """A role, compiled: its objective's score, and where it acts."""

    model: models.Role
    id: str
    score: Expr
    negotiations: tuple[str, ...]  # where it is the counterpart
    cards: tuple[str, ...]  # cards it opens (acted_by) and cards where it acts or speaks
    acts_on: tuple[str, ...]  # the cards it opens
    origin: str = ""


@dataclass(frozen=True, eq=False)
class Content:
    """Everything the engine needs from content, compiled once at load."""

    scenario: models.Scenario
    names: Names
    meters: dict[str, models.Meter]
    counters: dict[str, models.Counter]
    decks: dict[str, DeckRule]
    events: dict[str, EventRule]
    scheduled: dict[int, tuple[str, ...]]  # month number -> event ids
    rules: tuple[RuleRule, ...]
    policies: dict[str, PolicyRule]
    endings: dict[str, EndingRule]
    cards: Expr
    sources: dict[str, models.SourceEntry]
    glossary: tuple[models.Term, ...]
    negotiations: dict[str, NegotiationRule]
    flags: frozenset[str]
    fingerprint: str
    reflections: tuple[ReflectionRule, ...] = ()
    characters: dict[str, models.Character] = field(default_factory=dict)
    files: tuple[str, ...] = field(default=())
    bounds: dict[str, tuple[int, int]] = field(default_factory=dict)  # meter/counter -> (min, max)
    labels: dict[tuple[str, str], models.Text] = field(default_factory=dict)  # (policy, option) -> label
    start_values: dict[str, object] = field(default_factory=dict)  # every value at the start of a game
    spared: dict[str, Expr] = field(default_factory=dict)  # meter -> `lose_unless` condition
    month: Any = None  # fn(state, out): policies' monthly effects and the monthly rules, compiled
    month_lean: Any = None  # the same, keeping no list of changes (the simulator's lean path)
    roles: dict[str, RoleRule] = field(default_factory=dict)  # roles a student can play besides the bureau
    talks_role: dict[str, str] = field(default_factory=dict)  # negotiation -> the role that answers in it
    solo: str | None = None  # the role whose solo game this is (None: the bureau's game)

    @property
    def start_month(self) -> int:
        return month_number(self.scenario.calendar.start)

    @property
    def turns(self) -> int:
        return self.scenario.calendar.turns

    @property
    def end_month(self) -> int:
        return self.start_month + self.turns - 1
