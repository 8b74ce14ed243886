"""Read-only views the engine hands to its hosts (UI, plain mode, simulator, reports)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChoiceView:
    index: int  # 0-based
    label: str
    available: bool
    reason: str  # why it is unavailable ("" when available)
    preview: tuple[tuple[str, int], ...]  # (meter or counter, expected change) as things stand now
    negotiate: str | None = None
    historical: bool = False


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


@dataclass(frozen=True)
class Change:
    target: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


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


@dataclass(frozen=True)
class MeterView:
    id: str
    name: str
    value: int
    min: int
    max: int
    primary: bool
    last_change: int
    description: str = ""
    history: tuple[int, ...] = field(default=())


@dataclass(frozen=True)
class MoveView:
    id: str
    label: str
    says: str
    available: bool
    reason: str
    cost: tuple[tuple[str, int], ...]  # what the move changes at once
    table: str  # what it puts on the table, in words ("" when nothing beyond the framing)


@dataclass(frozen=True)
class ReplyOption:
    id: str  # accept, counter, hold, end
    label: str
    suggested: bool  # what the AI counterpart would do


@dataclass(frozen=True)
class TalksView:
    id: str
    title: str
    counterpart: str
    summary: str
    round: int
    patience: int
    mood: str  # hostile, cold, wary, open, warm
    stance: float
    ask: str
    offer: str
    positions: tuple[str, ...]
    ask_index: int
    offer_index: int
    awaiting: str  # "player" or "counterpart"
    hotseat: bool
    transcript: tuple[tuple[str, str], ...]  # (who, line): you, them, result
