"""The one game state: plain data, serialisable to JSON, RNG included."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from game.engine.rng import next_u64

STATE_VERSION = 1


@dataclass
class GameState:
    """Everything that changes during play. `values` holds meters, counters, policies, turn and month."""

    seed: int | str
    rng: int
    fingerprint: str
    values: dict[str, Any]
    flags: set[str] = field(default_factory=set)
    turn: int = 1
    phase: str = "cards"  # cards -> (month end) -> cards of next month ... -> over
    hand: list[str] = field(default_factory=list)
    hand_pos: int = 0
    drawn: dict[str, int] = field(default_factory=dict)  # event id -> last turn drawn
    pending: list[list[Any]] = field(default_factory=list)  # [due turn, event id, cause]
    policy_changes: int = 0
    history: list[dict[str, Any]] = field(default_factory=list)
    log: list[dict[str, Any]] = field(default_factory=list)  # the player's inputs, for replay
    timeline: list[dict[str, int]] = field(default_factory=list)  # meters at the start and after each month
    talks: dict[str, Any] | None = None  # the negotiation in progress, if any
    talks_log: list[dict[str, Any]] = field(default_factory=list)  # finished negotiations with transcripts
    reflections: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> {turn, prompt, answer}
    ending: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    version: int = STATE_VERSION

    def random(self) -> float:
        """A uniform float in [0, 1) from the state's own RNG."""
        self.rng, bits = next_u64(self.rng)
        return (bits >> 11) * (1.0 / (1 << 53))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["flags"] = sorted(self.flags)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GameState:
        data = dict(data)
        data["flags"] = set(data.get("flags", ()))
        return cls(**data)
