"""The one game state: plain data, serialisable to JSON, RNG included."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from game.engine.actions import Action
from game.engine.records import Record

STATE_VERSION = 2


@dataclass(slots=True)
class TalksState:
    """A negotiation in progress."""

    id: str
    card: str
    turn: int
    rounds_left: int
    standing: float
    start: int  # the rung in force when the talks opened
    hotseat: bool
    round: int = 0
    ask: int = -1  # your last proposal (rung), -1 for none yet
    ask_concessions: tuple[str, ...] = ()
    offer: int = -1  # the counterpart's offer on the table (rung), -1 for none
    offer_concessions: tuple[str, ...] = ()
    awaiting: str = "player"  # or "counterpart" (hot seat): they answer your proposal
    revealed: int = -1  # the furthest rung they could grant, once probed; -1 unknown
    need: str = ""  # the interest they last said they need
    last_delta: float = 0.0
    used: dict[str, int] = field(default_factory=dict)  # reply pool -> lines already used (bit set)
    transcript: list[tuple[str, str]] = field(default_factory=list)  # (you | them | result, text)
    against_ai: list[tuple[str, str]] = field(default_factory=list)  # counterpart player: (chose, AI suggested)
    moves_made: list[str] = field(default_factory=list)


@dataclass(slots=True)
class TalksSummary:
    """A finished negotiation, for the ending screen, the debrief and the simulator."""

    id: str
    card: str
    turn: int
    rounds: int
    outcome: str  # the rung agreed, or the no-deal outcome id
    deal: bool
    hotseat: bool
    moves: tuple[str, ...]
    transcript: tuple[tuple[str, str], ...] = ()
    against_ai: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class RoleAct:
    """A role opened a card: the opening taken, the one the AI would take, who took it, and the role's line."""

    turn: int
    card: str
    role: str
    opening: str
    ai: str  # the opening the AI would take (the same as `opening` when the AI acted)
    by: str  # "ai", "player" or "timeout"
    line: str = ""


@dataclass(slots=True)
class GameState:
    """Everything that changes during play. `values` holds meters, counters, policies, turn and month."""

    seed: int | str
    rng: int
    fingerprint: str
    values: dict[str, Any]
    flags: set[str] = field(default_factory=set)
    turn: int = 1
    phase: str = "cards"  # cards -> month_end -> cards of next month ... -> over (talks inside cards)
    hand: list[str] = field(default_factory=list)
    hand_pos: int = 0
    hand_sizes: list[int] = field(default_factory=list)  # cards dealt in each month
    drawn: dict[str, int] = field(default_factory=dict)  # event id -> last turn drawn
    seen: dict[str, int] = field(default_factory=dict)  # event id -> times drawn
    pending: list[tuple[int, str, str]] = field(default_factory=list)  # (due turn, event id, cause)
    forced: list[str] = field(default_factory=list)  # --force: cards for next month (dev games only)
    policy_changes: int = 0
    talks: TalksState | None = None
    talks_log: list[TalksSummary] = field(default_factory=list)
    reflections: dict[str, tuple[int, str]] = field(default_factory=dict)  # id -> (turn, answer)
    ending: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    timeline: list[dict[str, int]] = field(default_factory=list)  # meters and counters at the start and each month end
    warnings: list[str] = field(default_factory=list)  # e.g. a counter that hit its ceiling
    role_acts: list[RoleAct] = field(default_factory=list)  # every card a role opened, in order
    awaiting_role: str = ""  # a student holding this role must open the card in front of the bureau
    opened: str = ""  # "turn/card": the card in front of the bureau has been opened by its role
    version: int = STATE_VERSION

    def random(self) -> float:
        """A uniform float in [0, 1) from the state's own RNG (SplitMix64, as in game.engine.rng, inlined)."""
        z = self.rng = (self.rng + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF  # constants, not globals: it is hot
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return ((z ^ (z >> 31)) >> 11) * 1.1102230246251565e-16

    def core(self) -> dict[str, Any]:
        """What decides the game from here on, without the history or any rendered text: a replay in
        any language, recorded or lean, reaches exactly this."""
        data = self.to_dict()
        for key in ("records", "options"):
            data.pop(key)
        if data["talks"]:
            data["talks"].pop("transcript")
        for summary in data["talks_log"]:
            summary.pop("transcript")
        for key in ("role_acts", "awaiting_role", "opened"):  # games without roles keep their digests
            if not data[key]:
                data.pop(key)
        return data

    def to_dict(self) -> dict[str, Any]:
        """A canonical JSON-ready form (used to check that a replay gives the same game)."""
        data = asdict(self)
        data["flags"] = sorted(self.flags)
        data["records"] = [r.to_json() for r in self.records]
        data["actions"] = [a.to_json() for a in self.actions]
        return data
