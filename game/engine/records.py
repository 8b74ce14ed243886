"""Typed records of what happened: every change to the game passes through one place and is
recorded with its cause (the ledger, the debrief and the simulator read these, never text).

A record holds ids, not text: the card and choice, the policy and option, the rule, the talks and
move. Hosts turn them into words with `Game.describe(record)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    DRAW = "draw"  # cards dealt for the month (cards)
    CHOICE = "choice"  # a choice on a card (cause: card id, detail: choice number 1..)
    POLICY_SWITCH = "policy_switch"  # a standing policy changed (cause: policy, detail: option)
    POLICY_EFFECT = "policy_effect"  # a standing policy's monthly effect (cause: policy, detail: option)
    RULE = "rule"  # a rule of the monthly model (cause: rule id)
    TALKS_OPEN = "talks_open"  # (cause: negotiation, detail: card)
    TALKS_MOVE = "talks_move"  # a move or a proposal in talks (cause: negotiation, detail: move id or position)
    TALKS_END = "talks_end"  # a deal or no deal (cause: negotiation, detail: position or no-deal outcome id)
    ENDING = "ending"  # (cause: ending id)
    DEV = "dev"  # an author's --force or --set (cause: card or name)
    TEACHER = "teacher"  # a card a teacher pushed to the class (cause: card)
    ROLE_ACT = "role_act"  # a role opened a card (cause: card, detail: opening; by: ai, player or timeout)


Change = tuple[str, Any, Any]  # (meter, counter or policy; before; after)


@dataclass(slots=True)
class Record:
    turn: int
    kind: Kind
    cause: str
    detail: str = ""
    changes: list[Change] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # "+flag" set, "-flag" cleared
    cards: tuple[str, ...] = ()
    by: str = ""  # for a role's act: "ai", "player" (the student holding the role) or "timeout" (handed to the AI)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"turn": self.turn, "kind": self.kind.value, "cause": self.cause}
        if self.detail:
            out["detail"] = self.detail
        if self.changes:
            out["changes"] = [list(c) for c in self.changes]
        if self.flags:
            out["flags"] = list(self.flags)
        if self.cards:
            out["cards"] = list(self.cards)
        if self.by:
            out["by"] = self.by
        return out
