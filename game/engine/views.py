"""Read-only views the engine hands to its hosts (UI, plain mode, simulator, reports)."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.actions import Action


@dataclass(frozen=True)
class ChoiceView:
    index: int  # 0-based
    label: str
    available: bool
    reason: str  # why it is unavailable ("" when available)
    preview: tuple[tuple[str, int], ...]  # (meter or counter, expected change) as things stand now
    negotiate: str | None = None
    historical: bool = False
    action: Action | None = None


@dataclass(frozen=True)
class CardView:
    id: str
    deck: str
    deck_title: str
    title: str
    actor: str
    text: str
    source_id: str
    source_where: str
    source_quote: str
    source_citation: str
    position: int  # 1-based within the month's hand
    of: int
    frame: str = "record"
    frame_note: str = ""  # e.g. "A composite: ..." for cards that are not a record of events
    times_seen: int = 1
    acted_by: str = ""  # the role that opened this card ("" for a card no role acts on)
    acted_by_name: str = ""
    opening: str = ""  # the opening the role took (the card's text already follows it)
    opening_label: str = ""
    opened_by: str = ""  # "ai", "player" or "timeout"
    role_line: str = ""  # the role's own line, when its player wrote one


@dataclass(frozen=True)
class Change:
    target: str
    before: int | str
    after: int | str

    @property
    def delta(self) -> int:
        if isinstance(self.before, int) and isinstance(self.after, int):
            return self.after - self.before
        return 0


@dataclass(frozen=True)
class ChoiceResult:
    card: str
    choice: int
    outcome: str
    changes: tuple[Change, ...]
    flags: tuple[str, ...] = ()
    negotiation: str | None = None  # the negotiation this choice opened


@dataclass(frozen=True)
class LedgerLine:
    target: str
    name: str
    kind: str  # "meter" or "counter"
    start: int
    end: int
    causes: tuple[tuple[str, int], ...]  # (reason, delta) in the order they happened
    kinds: tuple[str, ...] = ()  # the record kind of each cause (choice, policy_effect, rule, ...)


@dataclass(frozen=True)
class PolicyOptionView:
    id: str
    label: str
    description: str
    available: bool
    reason: str
    monthly: tuple[tuple[str, str], ...]  # (target, expression text)


@dataclass(frozen=True)
class PolicyView:
    id: str
    name: str
    description: str
    current: str
    options: tuple[PolicyOptionView, ...]

    @property
    def current_label(self) -> str:
        return next((o.label for o in self.options if o.id == self.current), self.current)


@dataclass(frozen=True)
class EndingView:
    id: str
    kind: str
    title: str
    text: str
    epilogue: str
    source_id: str
    source_where: str
    source_quote: str
    source_citation: str
    turn: int
    historical: bool = False


@dataclass(frozen=True)
class MeterView:
    id: str
    name: str
    value: int
    min: int
    max: int
    primary: bool
    last_change: int  # since the start of this month
    description: str = ""
    history: tuple[int, ...] = field(default=())


@dataclass(frozen=True)
class CounterView:
    id: str
    name: str
    value: int
    unit: str
    change: int  # since the start of this month
    description: str = ""


@dataclass(frozen=True)
class RungView:
    id: str
    label: str
    in_force: bool
    asked: bool
    offered: bool
    within_reach: bool | None  # None until probed; then whether they could grant it
    required: float  # what it costs them, beyond what is in force


@dataclass(frozen=True)
class ConcessionView:
    id: str
    label: str
    worth: float
    costs: tuple[tuple[str, int], ...]  # what it would cost you when the deal is made
    available: bool
    reason: str = ""


@dataclass(frozen=True)
class InterestView:
    id: str
    says: str
    value: float
    need: str  # what they say they need when this interest is short


@dataclass(frozen=True)
class TalkMoveView:
    id: str
    label: str
    says: str
    available: bool
    reason: str
    cost: tuple[tuple[str, int], ...]  # what it changes at once
    reveals: bool
    gamble: float | None  # chance it works, for appeals


@dataclass(frozen=True)
class TalksView:
    id: str
    title: str
    counterpart: str
    summary: str
    round: int
    rounds_left: int
    standing: float
    mood: str
    rungs: tuple[RungView, ...]
    start: int
    ask: int  # -1: no proposal yet
    offer: int  # -1: no offer on the table
    offer_text: str  # their offer as words ("" when none)
    need: str  # what they last said they need
    interests: tuple[InterestView, ...]
    concessions: tuple[ConcessionView, ...]
    moves: tuple[TalkMoveView, ...]
    alternative: str
    awaiting: str  # "player" or "counterpart"
    hotseat: bool
    transcript: tuple[tuple[str, str], ...]  # (you | them | propose | offer | result, line)
    brief: str = ""  # the counterpart's brief (hot seat)
    suggestion: str = ""  # what the AI counterpart would answer now (hot seat)
    reservation: int = -1  # the counterpart player's limit (hot seat only; -1 otherwise)
    role: str = ""  # the role whose player answers here (hot seat through a role; "" otherwise)


@dataclass(frozen=True)
class TalksResult:
    """A finished negotiation, as the outcome screen shows it."""

    id: str
    title: str
    counterpart: str
    outcome: str  # the deal's label or the no-deal outcome's label
    deal: bool
    text: str
    changes: tuple[Change, ...]
    transcript: tuple[tuple[str, str], ...]
    turn: int
    against_ai: tuple[tuple[str, str], ...] = ()


# -- roles ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SourceView:
    id: str
    where: str
    quote: str
    citation: str


@dataclass(frozen=True)
class RoleBriefView:
    """A role as its player reads it: the brief, the secret objective, where it acts and its sources."""

    id: str
    name: str
    composite: bool
    player: bool  # the game's own player (the bureau)
    who: str
    wants: str
    fears: str
    goal: str  # the secret objective
    grades: tuple[tuple[str, float | None, str], ...]  # (met | partly | not, from score, words)
    unit: str
    decides: tuple[str, ...]
    negotiations: tuple[tuple[str, str], ...]  # (negotiation id, title) where the role answers
    cards: tuple[tuple[str, str], ...]  # (card id, title) cards the role opens
    other_cards: tuple[tuple[str, str], ...]  # (card id, title) other cards where it acts or speaks
    sources: tuple[SourceView, ...]
    discussion: tuple[str, ...]
    character: str = ""  # "Name, role" of the person who plays it on the cards


@dataclass(frozen=True)
class OpeningView:
    id: str
    label: str
    says: str
    available: bool
    reason: str
    preview: tuple[tuple[str, int], ...]  # what it changes at once
    against_brief: bool
    suggested: bool  # the AI would take this one
    action: Action | None = None


@dataclass(frozen=True)
class RoleTurnView:
    """A role must open the card in front of the bureau: who, the card as the role reads it, the openings and
    the AI's suggestion."""

    role: str
    role_name: str
    card: str
    title: str
    actor: str
    text: str
    openings: tuple[OpeningView, ...]
    suggestion: str  # the opening the AI would take
    line_prompt: str  # "" when the card takes no line
    goal: str  # the role's secret objective, as a reminder


@dataclass(frozen=True)
class RoleOutcomeView:
    """A role's secret objective scored: the number, the grade (met, partly or not) and its words."""

    role: str
    name: str
    goal: str
    score: float
    unit: str
    grade: str  # "met", "partly" or "not"
    text: str
    met_at: float
    partly_at: float
    final: bool  # the game is over (otherwise: so far)


@dataclass(frozen=True)
class RoleMoment:
    """A moment that went the role's way (won) or against it (conceded)."""

    turn: int
    month: str
    kind: str  # "card" or "talks"
    what: str  # the card's or the talks' title
    detail: str  # the choice taken, or the talks' outcome
    changes: tuple[tuple[str, int], ...]  # stakes that moved: (meter, counter or +flag / -flag, change)
    net: int  # stakes moved the role's way minus those moved against it


@dataclass(frozen=True)
class RoleDeparture:
    """Where the player holding a role went against the AI's suggestion or the role's brief."""

    turn: int
    month: str
    kind: str  # "opening" or "talks"
    what: str
    chose: str
    ai_would: str
    against_brief: bool


@dataclass(frozen=True)
class RoleReportView:
    """A role's view of the game, for the debrief: its objective and outcome, what it won and conceded, and
    where its player departed from the AI or the brief."""

    outcome: RoleOutcomeView
    held: bool  # a student held this role in this game
    won: tuple[RoleMoment, ...]
    conceded: tuple[RoleMoment, ...]
    departures: tuple[RoleDeparture, ...]
    acts: tuple[tuple[int, str, str, str, str], ...]  # (turn, card title, opening label, by, line)
    discussion: tuple[str, ...]

