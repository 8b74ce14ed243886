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
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Za-z]+)?$")]
Text = Annotated[
    str | dict[LangCode, str],
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


class TextVariant(Model):
    """One variant of a live text: shown when `if` holds (the last variant should have no `if`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    if_: Condition | None = Field(None, alias="if", description="Condition for this variant, e.g. \"permit_days > 30\"")
    text: Text


LiveText = Annotated[
    str | dict[LangCode, str] | list[TextVariant],
    Field(description="Player-facing text that may show live values, e.g. 'RMB {worker_fees} a month', "
          "or a list of variants [{if: condition, text: ...}, ..., {text: ...}] (the first that holds is shown)"),
]
Frame = Literal["record", "composite", "analogy", "counterfactual"]


class Source(Model):
    """Where a card comes from: a source id from sources.yaml, the section, and an exact quote."""

    id: Id
    where: str = Field(description="Section or page, e.g. '§6b'")
    quote: str = Field(description="Words copied exactly from the source (at most ~25)")
    translation: dict[LangCode, str] = Field(default_factory=dict, description="Our translation of the quote "
                                             "into other languages, e.g. {zh: ..., vi: ...}; shown beside the "
                                             "original, marked as ours")


class FollowUp(Model):
    event: Id = Field(description="Id of the event to draw later")
    after: int = Field(ge=1, le=60, description="Months from now")


class Choice(Model):
    label: LiveText = Field(description="What the player picks; short and imperative")
    outcome: LiveText | None = Field(None, description="What happens right after (shown to the player)")
    when: Condition | None = Field(None, description="Availability; unavailable choices are shown greyed")
    locked: LiveText | None = Field(None, description="Why the choice is unavailable when `when` is false")
    effects: dict[Id, ExprText] = Field(default_factory=dict, description="Meter/counter -> change")
    assign: dict[Id, ExprText] = Field(default_factory=dict, description="Counter -> new value")
    set: list[Id] = Field(default_factory=list, description="Flags to set")
    clear: list[Id] = Field(default_factory=list, description="Flags to clear")
    follow_ups: list[FollowUp] = Field(default_factory=list)
    negotiate: Id | None = Field(None, description="Negotiation id to open")
    policy: dict[Id, Id] = Field(default_factory=dict, description="Standing policies this choice switches, "
                                 "e.g. {tracking_app: \"on\"} (does not use up the month's policy change)")
    historical: bool = Field(False, description="The choice Pingxiang actually made")


class Opening(Model):
    """One way the role that acts on a card can open it, before the bureau sees it: it sets the card's situation
    (flags its text variants and choices read), and may move values at once."""

    id: Id
    label: Text = Field(description="What the role player picks, in the role's words; short and imperative")
    says: Text | None = Field(None, description="What it means, for the role player (shown beside the label)")
    when: Condition | None = Field(None, description="When the role may open the card this way")
    set: list[Id] = Field(default_factory=list, description="Flags the card's text variants and choices read (the "
                          "flags of the card's other openings are cleared)")
    effects: dict[Id, ExprText] = Field(default_factory=dict, description="Meter/counter -> change, at once")
    ai: ExprText = Field(1, description="How strongly the AI playing the role leans to this opening (a weight, 0 or "
                         "more; the AI picks among the openings in proportion, deterministically from the seed)")
    against_brief: bool = Field(False, description="Taking it goes against the role's brief (the debrief notes it)")


class Event(Model):
    id: Id
    title: LiveText
    actor: Text | None = Field(None, description="Who brings the card, in words (or give `character`)")
    character: Id | None = Field(None, description="A recurring person from characters.yaml")
    voice: Id | None = Field(None, description="Whose voice the card carries (one of the scenario's voices)")
    frame: Frame = Field("record", description="record: what the sources report; composite: a person or "
                         "testimony put together from the sources; analogy: material from another time or "
                         "place; counterfactual: what might have been")
    text: LiveText
    when: Condition | None = None
    weight: ExprText = 1
    once: bool = False
    cooldown: int | None = Field(None, ge=0, le=60,
                                 description="Months before it may reappear (default: draw.cooldown)")
    at: MonthText | None = Field(None, description="Scheduled month YYYY-MM")
    source: Source
    choices: list[Choice] = Field(min_length=2, max_length=4)
    acted_by: Id | None = Field(None, description="A role (content/roles) that acts on this card before the bureau "
                                "sees it: the role's player, or the AI, picks one of the `openings`")
    openings: list[Opening] = Field(default_factory=list, max_length=4,
                                    description="With acted_by: 2 to 4 ways the role can open the card")
    role_text: LiveText | None = Field(None, description="With acted_by: what the role's player reads before "
                                       "choosing an opening (default: the card's text)")
    line_prompt: Text | None = Field(None, description="With acted_by: the role's player may add a short line in "
                                     "their own words (it goes into the transcript); this is the prompt")


class Deck(Model):
    deck: Id
    title: Text
    description: Text | None = None
    weight: ExprText = 1
    events: list[Event] = Field(min_length=1)


Better = Literal["higher", "lower", "neither"]


class Meter(Model):
    id: Id
    name: Text
    description: Text | None = None
    start: int = Field(ge=-(10**12), le=10**12)
    min: int = Field(0, ge=-(10**12), le=10**12)
    max: int = Field(100, ge=-(10**12), le=10**12)
    primary: bool = False
    better: Better = Field("higher", description="Which way is good for the player (for the dominated- and "
                           "free-choice checks)")
    lose_at: Literal["min", "max"] | None = Field(None, description="Game ends when the meter reaches this bound")
    ending: Id | None = Field(None, description="Ending shown when the meter reaches its lose_at bound")
    lose_unless: Condition | None = Field(None, description="No loss at the bound while this holds (e.g. during a "
                                          "border closure that has an ending of its own)")


class Counter(Model):
    id: Id
    name: Text
    description: Text | None = None
    start: int = Field(0, ge=-(10**12), le=10**12)
    min: int = Field(0, ge=-(10**12), le=10**12)
    max: int | None = Field(None, ge=-(10**12), le=10**12, description="Ceiling (default 10^12)")
    unit: Text | None = None
    shown: bool = True
    better: Better = Field("neither", description="Which way is good for the player, if either")
    figures: list[str] = Field(default_factory=list, description="Phrases that state the start value in text "
                               "(e.g. '30-day'); validate warns when a card that can appear after the counter "
                               "changed states one")


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
    historical: MonthText | None = Field(None, description="The month Pingxiang put this option in force, if it "
                                         "did (the simulator's historical strategy follows it)")


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
    text: LiveText
    epilogue: LiveText
    source: Source
    historical: bool = Field(False, description="The ending closest to what happened (one final ending)")


class Reflection(Model):
    """A key moment where the player writes a sentence or two for the debrief (skippable)."""

    id: Id
    when: Condition = Field(description="Asked at the start of the first month this holds")
    prompt: LiveText


class Measure(Model):
    """What a history row reads from each simulated game."""

    counter: Id | None = Field(None, description="A meter or counter")
    at: MonthText | Literal["end"] | None = Field(None, description="Its value at the end of this month (or the end)")
    change: tuple[MonthText, MonthText] | None = Field(None, description="Its growth from the end of the first "
                                                       "month to the end of the second")
    peak: tuple[MonthText, MonthText] | None = Field(None, description="Its highest month-end value in this window")
    ending: Id | None = Field(None, description="1 when the game reaches this ending, else 0")
    ending_kind: Literal["immediate", "final"] | None = Field(None, description="1 when the game ends this way")


class HistoryRow(Model):
    """A figure the sources report, which the historical strategy should reproduce (`simulate --history`).

    With `share`, the row asks that at least (or, with `at_most`, at most) that share of games fall within
    `band`; without it, that the median of the games falls within `band`."""

    id: Id
    label: str
    measure: Measure
    target: float = Field(description="The source's value")
    band: tuple[float | None, float | None] = Field(description="[low, high]; null for no limit")
    share: float | None = Field(None, ge=0, le=1)
    at_most: bool = False
    source: Source


class Voice(Model):
    """Whose voice a card carries; `group` lets validate count the voices (e.g. vietnamese)."""

    id: Id
    name: Text
    group: Id


class DatedFact(Model):
    """Something that began (or ended) at a date; validate warns when content names it too early."""

    id: Id
    name: Text
    since: MonthText | None = None
    until: MonthText | None = None
    mentions: list[str] = Field(min_length=1, description="Words in a text that name the fact (case-insensitive)")
    before: Text | None = Field(None, description="What to call it before `since`, for authors")
    source: Source | None = None


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
    voices: list[Voice] = Field(default_factory=list)
    frames: dict[Frame, Text] = Field(default_factory=dict, description="The line shown on a card of each frame")
    facts: list[DatedFact] = Field(default_factory=list, description="Dated facts: validate warns when a card "
                                   "can name one before its date")
    reflections: list[Reflection] = Field(default_factory=list)
    history: list[HistoryRow] = Field(default_factory=list, description="Calibration: figures from the sources "
                                      "that the historical strategy should reproduce")
    discussion: list[Text] = Field(default_factory=list, description="Debrief questions for the class")


class SourceEntry(Model):
    id: Id
    short: str
    citation: str
    file: str | None = None
    url: str | None = None
    summary: Text | None = None
    scope: Literal["case", "background"] = Field("case", description="case: about the Pingxiang/Dongxing trial; "
                                                 "background: another time or place (cards citing it need a "
                                                 "frame other than record)")


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


class Character(Model):
    """A recurring person: the same name and role wherever they appear."""

    id: Id
    name: Text
    role: Text
    voice: Id | None = None
    composite: bool = Field(True, description="Invented for the game (true) or a person the sources name")


class Characters(Model):
    characters: list[Character]


class NegotiationOutcome(Model):
    """How talks can end without a deal (tried in order; the last should have no condition)."""

    id: Id
    label: Text
    when: Condition | None = Field(None, description="The first no-deal outcome whose condition holds is used")
    text: LiveText | None = None
    effects: dict[Id, ExprText] = Field(default_factory=dict)
    assign: dict[Id, ExprText] = Field(default_factory=dict)
    set: list[Id] = Field(default_factory=list)
    clear: list[Id] = Field(default_factory=list)
    policy: dict[Id, Id] = Field(default_factory=dict)


class Position(Model):
    """One rung of the ladder being bargained over, from what is in force now to the most you could ask."""

    id: Id
    label: Text
    holds: Condition | None = Field(None, description="True when this position is already in force (the highest "
                                    "that holds is where talks start; only higher rungs can be asked for)")
    cost: float = Field(0, ge=0, le=100, description="What granting it costs the counterpart, on the same scale "
                        "as their standing and the worth of your concessions")
    text: LiveText | None = Field(None, description="What happens when this is agreed")
    effects: dict[Id, ExprText] = Field(default_factory=dict)
    assign: dict[Id, ExprText] = Field(default_factory=dict)
    set: list[Id] = Field(default_factory=list)
    clear: list[Id] = Field(default_factory=list)
    policy: dict[Id, Id] = Field(default_factory=dict)


class Concession(Model):
    """Something you can add to a proposal from another dimension; it costs you if the deal is made."""

    id: Id
    label: Text
    worth: float = Field(ge=0, le=100, description="How much it moves the counterpart towards yes")
    when: Condition | None = Field(None, description="When you can offer it")
    effects: dict[Id, ExprText] = Field(default_factory=dict, description="What it costs you when the deal is made")
    assign: dict[Id, ExprText] = Field(default_factory=dict)
    set: list[Id] = Field(default_factory=list)
    clear: list[Id] = Field(default_factory=list)
    policy: dict[Id, Id] = Field(default_factory=dict)


class Interest(Model):
    """What the counterpart cares about: said in words, and valued in numbers from the game's state."""

    id: Id
    says: Text = Field(description="The interest as the counterpart states it")
    need: Text | None = Field(None, description="What they say they need when this interest is short")
    value: ExprText = Field(description="How well the state serves this interest now (0 = neutral); summed "
                            "into the counterpart's standing when talks open")


class TalkMove(Model):
    """A move you can make in talks: an argument, a probe or an appeal. Shared moves live in
    negotiations/moves.yaml; a negotiation may add its own or change a shared one."""

    label: Text
    says: LiveText = Field(description="What you say across the table")
    when: Condition | None = None
    locked: Text | None = None
    standing: ExprText = Field(0, description="Change in the counterpart's standing with you")
    rounds: int = Field(-1, ge=-3, le=3, description="Change in rounds left (a move normally uses one)")
    chance: ExprText | None = Field(None, description="Probability 0..1 that the move works (a gamble); if it "
                                    "fails, `standing_if_fails` applies instead")
    standing_if_fails: ExprText = Field(0)
    reveals: bool = Field(False, description="Probes the counterpart: reveals how far they could go")
    effects: dict[Id, ExprText] = Field(default_factory=dict, description="What the move costs you now")
    set: list[Id] = Field(default_factory=list)
    clear: list[Id] = Field(default_factory=list)
    policy: dict[Id, Id] = Field(default_factory=dict)
    reply: str | None = Field(None, description="Reply pool the counterpart answers from (default: by how the "
                              "move landed: warmer, cooler, probed, appeal_works, appeal_fails)")


class Moves(Model):
    """The shared moves file (negotiations/moves.yaml)."""

    moves: dict[Id, TalkMove]


ReplyPool = Annotated[
    list[LiveText],
    Field(min_length=1, description="Lines the counterpart may say in this situation; none repeats in one talk"),
]


class Negotiation(Model):
    """A counterpart with interests, a hidden limit and a walk-away alternative; you bargain over a
    ladder of positions with moves, proposals and concessions, and they answer with counter-offers."""

    negotiation: Id
    title: Text
    counterpart: LiveText
    summary: LiveText | None = None
    source: Source | None = None
    opens: Condition | None = Field(None, description="When these talks can be opened at all (a choice that "
                                    "opens them is locked otherwise)")
    closed: Text | None = Field(None, description="Shown on a locked choice when the talks cannot open")
    rounds: int = Field(4, ge=1, le=12, description="Rounds before the counterpart ends the talks")
    stance: ExprText = Field(0, description="Added to their standing when talks open")
    interests: list[Interest] = Field(min_length=1)
    reservation: ExprText = Field(description="Hidden: the highest rung (0 = the first rung) the counterpart could "
                                  "grant in the current state, whatever is offered")
    alternative: Text = Field(description="Their walk-away alternative, as they would say it")
    positions: list[Position] = Field(min_length=2, description="The ladder, lowest first")
    concessions: list[Concession] = Field(default_factory=list)
    moves: dict[Id, TalkMove] = Field(default_factory=dict, description="Moves added to (or replacing) the shared ones")
    drop_moves: list[Id] = Field(default_factory=list, description="Shared moves not used in these talks")
    no_deal: list[NegotiationOutcome] = Field(min_length=1)
    replies: dict[Id, ReplyPool] = Field(description="Reply pools by situation: opening, warmer, cooler, counter, "
                                         "accept, refuse, impatient, walkout, probed, appeal_works, appeal_fails")
    brief: LiveText | None = Field(None, description="The counterpart's brief for a second player taking their side")


# -- roles -----------------------------------------------------------------------------------------------
class Grade(Model):
    """One graded outcome of a role's secret objective."""

    at_least: float | None = Field(None, ge=-(10**12), le=10**12, description="The score that reaches this grade")
    text: Text = Field(description="What this outcome means, in the role's terms")


class Objective(Model):
    """A role's secret objective: a score read from the game's final state, and three graded outcomes."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    goal: Text = Field(description="The objective as the role's player reads it")
    score: ExprText = Field(description="An expression over the game's state, e.g. \"central_confidence + security\"")
    unit: Text | None = Field(None, description="What the score counts, e.g. 'points'")
    met: Grade = Field(description="Met: the score is at least `at_least`")
    partly: Grade = Field(description="Partly met: the score is at least `at_least` (below `met`)")
    not_: Grade = Field(alias="not", description="Not met: below `partly`")


class Role(Model):
    """Someone a student can play besides the bureau: who they are, what they want and fear, a secret objective,
    where they act (negotiations they answer, cards they open) and what they may decide."""

    role: Id
    name: Text = Field(description="The role as a class hears it, e.g. 'The NIA's liaison'")
    character: Id | None = Field(None, description="The recurring person who plays it on the cards, if one does")
    voice: Id | None = Field(None, description="Whose voice the role carries (one of the scenario's voices)")
    composite: bool = Field(False, description="The role is put together from the sources (say so in `who`)")
    player: bool = Field(False, description="The role of the game's own player (the bureau): it acts on every card")
    who: Text = Field(description="Who they are")
    wants: Text = Field(description="What they want")
    fears: Text = Field(description="What they fear")
    objective: Objective
    decides: list[Text] = Field(min_length=1, description="What they may decide")
    negotiations: list[Id] = Field(default_factory=list, description="Negotiations where they are the counterpart")
    cards: list[Id] = Field(default_factory=list, description="Cards where they act or speak (cards `acted_by` "
                            "them are added)")
    stakes: dict[Id, Literal["higher", "lower"]] = Field(default_factory=dict, description="Meters, counters and "
                                                        "flags they count as gains when they move this way (for "
                                                        "what they won and conceded)")
    sources: list[Source] = Field(min_length=1, description="Where the role comes from (quotes, verbatim)")
    discussion: list[Text] = Field(default_factory=list, description="Discussion questions for the debrief")
