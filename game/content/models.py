"""The shapes of content files as pydantic models: what authors write, checked field by field.

These models describe the raw files (and generate the JSON Schemas editors use). Expressions are
kept as text here; `game.content.loader` compiles them and checks every name against the scenario.
A player-facing text is either a string (English) or a map of language code -> string.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
MonthText = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
Text = Annotated[
    str | dict[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Za-z]+)?$")], str],
    Field(description="Player-facing text: a string (English) or a map like {en: ..., zh: ..., vi: ...}"),
]
ExprText = Annotated[
    str | int | float,
    Field(description="An expression, e.g. \"turn >= 3 and security < 40\", or a plain number"),
]
Condition = Annotated[
    str | bool,
    Field(description="A condition, e.g. \"turn >= 3 and not agency_fined\""),
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Model):
    """Where a card comes from: a source id from sources.yaml, the section, and an exact quote."""

    id: Id
    where: str = Field(description="Section or page, e.g. '§6b'")
    quote: str = Field(description="Words copied exactly from the source (at most ~25)")


class FollowUp(Model):
    event: Id = Field(description="Id of the event to draw later")
    after: int = Field(ge=1, le=60, description="Months from now")


class Choice(Model):
    label: Text = Field(description="What the player picks; short and imperative")
    outcome: Text | None = Field(None, description="What happens right after (shown to the player)")
    when: Condition | None = Field(None, description="Availability; unavailable choices are shown greyed")
    locked: Text | None = Field(None, description="Why the choice is unavailable when `when` is false")
    effects: dict[Id, ExprText] = Field(default_factory=dict, description="Meter/counter -> change")
    assign: dict[Id, ExprText] = Field(default_factory=dict, description="Counter -> new value")
    set: list[Id] = Field(default_factory=list, description="Flags to set")
    clear: list[Id] = Field(default_factory=list, description="Flags to clear")
    follow_ups: list[FollowUp] = Field(default_factory=list)
    negotiate: Id | None = Field(None, description="Negotiation id to open")
    policy: dict[Id, Id] = Field(default_factory=dict, description="Standing policies this choice switches, "
                                 "e.g. {tracking_app: \"on\"} (does not use up the month's policy change)")
    historical: bool = Field(False, description="The choice Pingxiang actually made")


class Event(Model):
    id: Id
    title: Text
    actor: Text
    text: Text
    when: Condition | None = None
    weight: ExprText = 1
    once: bool = False
    cooldown: int | None = Field(None, ge=0, le=60, description="Months before it may reappear (default: draw.cooldown)")
    at: MonthText | None = Field(None, description="Scheduled month YYYY-MM")
    source: Source
    choices: list[Choice] = Field(min_length=2, max_length=4)


class Deck(Model):
    deck: Id
    title: Text
    description: Text | None = None
    weight: ExprText = 1
    events: list[Event] = Field(min_length=1)


class Meter(Model):
    id: Id
    name: Text
    description: Text | None = None
    start: int
    min: int = 0
    max: int = 100
    primary: bool = False
    lose_at: Literal["min", "max"] | None = Field(None, description="Game ends when the meter reaches this bound")
    ending: Id | None = Field(None, description="Ending shown when the meter reaches its lose_at bound")


class Counter(Model):
    id: Id
    name: Text
    description: Text | None = None
    start: int = 0
    min: int = 0
    max: int | None = None
    unit: str | None = None
    shown: bool = True


class Calendar(Model):
    start: MonthText
    turns: int = Field(ge=1, le=600)


class Draw(Model):
    cards: ExprText = Field(1, description="Cards per month (expression), clamped to min..max")
    min: int = Field(1, ge=0, le=10)
    max: int = Field(3, ge=1, le=10)
    cooldown: int = Field(6, ge=0, le=60, description="Months before a card may reappear, unless it sets its own")


class Rule(Model):
    """A monthly rule: optional condition, counters assigned, meters/counters changed, one reason."""

    id: Id
    reason: Text
    when: Condition | None = None
    assign: dict[Id, ExprText] = Field(default_factory=dict)
    effects: dict[Id, ExprText] = Field(default_factory=dict)


class PolicyOption(Model):
    id: Id
    label: Text
    description: Text | None = None
    when: Condition | None = None
    locked: Text | None = None
    monthly: dict[Id, ExprText] = Field(default_factory=dict, description="Monthly effects while in force")


class Policy(Model):
    id: Id
    name: Text
    description: Text | None = None
    default: Id
    options: list[PolicyOption] = Field(min_length=2)


class Ending(Model):
    id: Id
    kind: Literal["immediate", "final"]
    title: Text
    when: Condition | None = None
    text: Text
    epilogue: Text
    source: Source


class Reflection(Model):
    """A key moment where the player writes a sentence or two for the debrief (skippable)."""

    id: Id
    when: Condition = Field(description="Asked at the start of the first month this holds")
    prompt: Text


class Scenario(Model):
    title: Text
    role: Text | None = None
    intro: Text | None = None
    calendar: Calendar
    meters: list[Meter] = Field(min_length=1)
    counters: list[Counter] = Field(default_factory=list)
    flags: list[Id] = Field(default_factory=list, description="Flags set by content outside decks")
    draw: Draw = Draw()
    policy_changes_per_month: int = Field(1, ge=0, le=20)
    policies: list[Policy] = Field(default_factory=list)
    monthly: list[Rule] = Field(default_factory=list)
    endings: list[Ending] = Field(min_length=1)
    reflections: list[Reflection] = Field(default_factory=list)
    discussion: list[Text] = Field(default_factory=list, description="Debrief questions for the class")


class SourceEntry(Model):
    id: Id
    short: str
    citation: str
    file: str | None = None
    url: str | None = None
    summary: Text | None = None


class Sources(Model):
    sources: list[SourceEntry]


class Term(Model):
    id: Id
    term: Text
    also: list[str] = Field(default_factory=list)
    definition: Text
    source: Source | None = None


class Glossary(Model):
    terms: list[Term]


class NegotiationOutcome(Model):
    """How talks can end: a deal at one position on the ladder, or no deal."""

    id: Id
    label: Text
    when: Condition | None = Field(None, description="For no-deal outcomes: the first whose condition holds")
    need: float = Field(0, description="For positions: the counterpart's stance needed to accept it")
    text: Text | None = None
    effects: dict[Id, ExprText] = Field(default_factory=dict)
    assign: dict[Id, ExprText] = Field(default_factory=dict)
    set: list[Id] = Field(default_factory=list)
    clear: list[Id] = Field(default_factory=list)
    policy: dict[Id, Id] = Field(default_factory=dict)


MoveId = Literal["frame_development", "frame_security", "control_measure", "evidence", "concede",
                 "appeal_upward", "walk_away"]


class NegotiationMove(Model):
    """A move the player can make in talks; its stance change defaults to what the counterpart values."""

    label: Text
    says: Text = Field(description="What you say across the table")
    when: Condition | None = None
    locked: Text | None = None
    stance: ExprText | None = Field(None, description="Change in the counterpart's stance (default: from `values`)")
    patience: int = Field(-1, description="Change in the counterpart's patience (rounds left)")
    chance: ExprText | None = Field(None, description="appeal_upward: probability 0..1 that the appeal works")
    effects: dict[Id, ExprText] = Field(default_factory=dict, description="What the move costs you now")
    set: list[Id] = Field(default_factory=list)
    clear: list[Id] = Field(default_factory=list)
    policy: dict[Id, Id] = Field(default_factory=dict)


class NegotiationReplies(Model):
    """The counterpart's lines for each situation."""

    opening: Text
    warmer: Text
    cooler: Text
    counter: Text = Field(description="When they would accept less than you ask")
    accept: Text
    impatient: Text = Field(description="When their patience runs out")
    walkout: Text = Field(description="When you walk away")
    appeal_works: Text | None = None
    appeal_fails: Text | None = None


class Negotiation(Model):
    """A counterpart with values, patience and a ladder of positions; multi-round talks move along it."""

    negotiation: Id
    title: Text
    counterpart: Text
    summary: Text | None = None
    source: Source | None = None
    values: dict[Id, float] = Field(default_factory=dict, description="Weights over meters: how the "
                                    "counterpart's stance starts and how it hears each framing")
    stance: ExprText = Field(0, description="Added to the stance computed from `values` when talks open")
    patience: int = Field(4, ge=1, le=12, description="Rounds before the counterpart ends the talks")
    reservation: ExprText = Field(description="The highest position (1 = first beyond the opening) the "
                                  "counterpart can accept in the current state; 0 = nothing")
    positions: list[NegotiationOutcome] = Field(min_length=2, description="The ladder: the counterpart's "
                                                "opening first, then what you may ask for, in order")
    no_deal: list[NegotiationOutcome] = Field(min_length=1, description="Tried in order when talks end "
                                              "without a deal; the last should have no condition")
    moves: dict[MoveId, NegotiationMove]
    replies: NegotiationReplies
