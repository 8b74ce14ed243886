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
