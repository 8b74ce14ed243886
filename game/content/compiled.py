"""Content ready for the engine: models plus compiled expressions, all immutable."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.content import models
from game.content.expr import Expr, Names

Effects = tuple[tuple[str, Expr], ...]


def text(value: models.Text | None, lang: str = "en") -> str:
    """Pick a player-facing text in `lang`, falling back to English, then to any language."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")


@dataclass(frozen=True)
class ChoiceRule:
    model: models.Choice
    index: int
    when: Expr | None
    effects: Effects
    assign: Effects
    line: int = 0  # where the choice starts in its file, for warnings


@dataclass(frozen=True)
class EventRule:
    model: models.Event
    deck: str
    when: Expr | None
    weight: Expr
    at: int | None  # month number
    choices: tuple[ChoiceRule, ...]
    origin: str  # file the event came from
    id: str = ""
    once: bool = False
    cooldown: int = 0
    line: int = 0  # where the event starts in its file (origin), for warnings
    index: int = 0  # its position in its deck's events list


@dataclass(frozen=True)
class DeckRule:
    model: models.Deck
    weight: Expr
    events: tuple[str, ...]
    origin: str
    events_compiled: tuple[EventRule, ...] = ()


@dataclass(frozen=True)
class RuleRule:
    model: models.Rule
    when: Expr | None
    assign: Effects
    effects: Effects


@dataclass(frozen=True)
class OptionRule:
    model: models.PolicyOption
    when: Expr | None
    monthly: Effects


@dataclass(frozen=True)
class PolicyRule:
    model: models.Policy
    options: dict[str, OptionRule]


@dataclass(frozen=True)
class EndingRule:
    model: models.Ending
    when: Expr | None


@dataclass(frozen=True)
class OutcomeRule:
    model: models.NegotiationOutcome
    when: Expr | None
    effects: Effects
    assign: Effects


@dataclass(frozen=True)
class MoveRule:
    model: models.NegotiationMove
    when: Expr | None
    stance: Expr | None
    chance: Expr | None
    effects: Effects


@dataclass(frozen=True)
class NegotiationRule:
    model: models.Negotiation
    stance: Expr
    reservation: Expr
    positions: tuple[OutcomeRule, ...]
    no_deal: tuple[OutcomeRule, ...]
    moves: dict[str, MoveRule]
    origin: str


@dataclass(frozen=True)
class ReflectionRule:
    model: models.Reflection
    when: Expr


@dataclass(frozen=True)
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
    files: tuple[str, ...] = field(default=())

    @property
    def start_month(self) -> int:
        from game.content.expr import month_number

        return month_number(self.scenario.calendar.start)

    @property
    def turns(self) -> int:
        return self.scenario.calendar.turns
