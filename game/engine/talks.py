"""Negotiation as a state machine inside the game state: rounds of moves, a counterpart's replies,
patience that runs out, and outcomes that change the rules.

The counterpart has a stance (how willing it is, a number), patience (rounds left) and a
reservation point (the furthest position along the ladder it can accept, read from the state).
Your ask starts at the top of the ladder. It accepts when your ask is within its reservation and
its stance has reached that position's `need`; in hot-seat play a second player decides instead.
"""

from __future__ import annotations

from typing import Any

from game.content.compiled import Content, NegotiationRule, OutcomeRule, text
from game.content.expr import describe
from game.engine.effects import Recorder
from game.engine.state import GameState
from game.engine.views import MoveView, ReplyOption, TalksView
from game.errors import RulesError

# Default stance changes when a move sets none: framings are heard through the counterpart's values.
_CONTROL_BONUS = 2.0
_CONCEDE_BONUS = 1.0
_APPEAL_BONUS = 3.0
_MOODS = ((-99, "hostile"), (-1, "cold"), (0.5, "wary"), (2, "open"), (4, "warm"))


class Talks:
    """Runs the active negotiation of one game."""

    def __init__(self, content: Content, state: GameState, rec: Recorder) -> None:
        self.content, self.state, self.rec = content, state, rec

    @property
    def active(self) -> dict[str, Any] | None:
        return self.state.talks

    def _rule(self) -> NegotiationRule:
        assert self.state.talks is not None
        return self.content.negotiations[self.state.talks["id"]]

    # -- opening -----------------------------------------------------------------------------
    def open(self, negotiation: str, card: str) -> None:
        rule = self.content.negotiations[negotiation]
        st = self.state
        stance = sum(w * (st.values[m] - 50) / 10 for m, w in rule.model.values.items()) + float(rule.stance(st))
        hotseat = st.options.get("hotseat", [])
        st.talks = {
            "id": negotiation, "card": card, "turn": st.turn, "round": 0, "stance": round(stance, 2),
            "patience": rule.model.patience, "ask": len(rule.positions) - 1, "awaiting": "player",
            "hotseat": hotseat == "all" or negotiation in hotseat, "offer": 0,
            "transcript": [["them", text(rule.model.replies.opening)]],
        }
        self.rec.entry("talks", f"{negotiation}:open", f"Talks open: {text(rule.model.title)}", card=card)

    # -- views -------------------------------------------------------------------------------
    def reservation(self) -> int:
        rule = self._rule()
        return max(0, min(len(rule.positions) - 1, int(rule.reservation(self.state))))

    def best_offer(self) -> int:
        """The furthest position the counterpart would accept now, up to your ask (0 = its opening)."""
        t = self.state.talks
        assert t is not None
        rule = self._rule()
        best = 0
        for p in range(1, min(self.reservation(), t["ask"]) + 1):
            if t["stance"] >= rule.positions[p].model.need:
                best = p
        return best

    def view(self) -> TalksView:
        t = self.state.talks
        assert t is not None
        rule = self._rule()
        mood = next(name for limit, name in reversed(_MOODS) if t["stance"] >= limit)
        offer = t["offer"] if t["hotseat"] else self.best_offer()  # the AI withdraws offers if you annoy it
        return TalksView(
            id=t["id"], title=text(rule.model.title), counterpart=text(rule.model.counterpart),
            summary=text(rule.model.summary), round=t["round"], patience=t["patience"], mood=mood,
            stance=t["stance"], ask=text(rule.positions[t["ask"]].model.label),
            offer=text(rule.positions[offer].model.label),
            positions=tuple(text(p.model.label) for p in rule.positions),
            ask_index=t["ask"], offer_index=offer, awaiting=t["awaiting"], hotseat=t["hotseat"],
            transcript=tuple((who, line) for who, line in t["transcript"]))

    def moves(self) -> list[MoveView]:
        t = self.state.talks
        if t is None or t["awaiting"] != "player":
            return []
        out = []
        for mid, move in self._rule().moves.items():
            ok = move.when is None or bool(move.when(self.state))
            if mid == "concede" and t["ask"] <= 1:
                ok, reason = False, "You are already asking for the least you can."
            else:
                reason = "" if ok else (text(move.model.locked) or "Needs " + describe(move.when, self.content.names))
            cost = tuple((target, int(round(e(self.state)))) for target, e in move.effects)
            out.append(MoveView(mid, text(move.model.label), text(move.model.says), ok, reason,
                                tuple((tg, d) for tg, d in cost if d), self._table(mid)))
        return out

    def _table(self, mid: str) -> str:
        """What a move puts on the table, in words."""
        t = self.state.talks
        assert t is not None
        rule = self._rule()
        if mid == "concede" and t["ask"] > 1:
            return f"lower your ask to: {text(rule.positions[t['ask'] - 1].model.label)}"
        if mid == "walk_away":
            return "end the talks with no deal"
        if mid == "appeal_upward":
            return "go over their heads: a gamble"
        return ""

    # -- the player's move -----------------------------------------------------------------------
    def move(self, mid: str) -> None:
        st, t = self.state, self.state.talks
        if t is None or t["awaiting"] != "player":
            raise RulesError("there is no negotiation waiting for your move")
        view = next((m for m in self.moves() if m.id == mid), None)
        if view is None:
            raise RulesError(f"'{mid}' is not a move in these talks")
        if not view.available:
            raise RulesError(f"that move is not available: {view.reason}")
        rule = self._rule()
        move = rule.moves[mid]
        t["round"] += 1
        t["transcript"].append(["you", text(move.model.says)])
        entry = self.rec.entry("talks", f"{t['id']}:{mid}", f"{text(rule.model.title)} — {text(move.model.label)}",
                               move=mid)
        self.rec.apply(entry, move.effects)
        self.rec.flags(entry, move.model.set, move.model.clear)
        self.rec.switch(entry, move.model.policy)
        st.log.append({"turn": st.turn, "talks": t["id"], "move": mid})
        if mid == "walk_away":
            t["transcript"].append(["them", text(rule.model.replies.walkout)])
            return self._close(None)
        delta = self._stance_change(mid, move.stance)
        if mid == "concede":
            t["ask"] -= 1
        t["stance"] = round(t["stance"] + delta, 2)
        t["patience"] += move.model.patience
        t["last_delta"] = delta
        if t["hotseat"]:
            t["awaiting"] = "counterpart"
        else:
            self._reply(self.suggestion())

    def _stance_change(self, mid: str, expr: Any) -> float:
        if expr is not None:
            return float(expr(self.state))
        values = self._rule().model.values
        if mid == "frame_development":
            return values.get("development", 0.0)
        if mid == "frame_security":
            return values.get("security", 0.0)
        if mid == "evidence":
            return round(sum(w * (self.state.values[m] - 50) / 20 for m, w in values.items()), 2)
        if mid == "control_measure":
            return _CONTROL_BONUS
        if mid == "concede":
            return _CONCEDE_BONUS
        if mid == "appeal_upward":
            move = self._rule().moves[mid]
            chance = float(move.chance(self.state)) if move.chance is not None else 0.3
            works = self.state.random() < chance
            reply = self._rule().model.replies.appeal_works if works else self._rule().model.replies.appeal_fails
            if reply:
                self.state.talks["transcript"].append(["them", text(reply)])  # type: ignore[index]
            if not works:
                self.state.talks["patience"] -= 1  # type: ignore[index]
            return _APPEAL_BONUS if works else -1.0
        return 0.0

    # -- the counterpart's reply ------------------------------------------------------------------
    def suggestion(self) -> str:
        """What the counterpart (the AI) would do now: accept, counter, hold or end."""
        t = self.state.talks
        assert t is not None
        rule = self._rule()
        if t["ask"] <= self.reservation() and t["stance"] >= rule.positions[t["ask"]].model.need:
            return "accept"
        if t["patience"] <= 0:
            return "end"
        return "counter" if self.best_offer() > t["offer"] else "hold"

    def reply_options(self) -> list[ReplyOption]:
        t = self.state.talks
        if t is None or t["awaiting"] != "counterpart":
            return []
        rule = self._rule()
        ai = self.suggestion()
        lower = max(1, t["ask"] - 1)
        options = [("accept", f"Accept their ask: {text(rule.positions[t['ask']].model.label)}")]
        if t["ask"] > 1:
            options.append(("counter", f"Offer less: {text(rule.positions[lower].model.label)}"))
        options += [("hold", "Hold firm and let them try again"), ("end", "End the talks")]
        if ai == "counter" and t["ask"] <= 1:
            ai = "hold"
        return [ReplyOption(oid, label, oid == ai) for oid, label in options]

    def counterpart_reply(self, option: str) -> None:
        t = self.state.talks
        if t is None or t["awaiting"] != "counterpart":
            raise RulesError("the counterpart has nothing to answer")
        if option not in ("accept", "counter", "hold", "end"):
            raise RulesError(f"'{option}' is not a reply")
        self.state.log.append({"turn": self.state.turn, "talks": t["id"], "reply": option,
                               "suggested": self.suggestion()})
        t["awaiting"] = "player"
        self._reply(option, by_player=True)

    def _reply(self, decision: str, by_player: bool = False) -> None:
        t = self.state.talks
        assert t is not None
        rule = self._rule()
        replies = rule.model.replies
        if decision == "accept":
            t["transcript"].append(["them", text(replies.accept)])
            return self._close(t["ask"])
        if decision == "end":
            t["transcript"].append(["them", text(replies.impatient)])
            settle = t["offer"] if by_player else self.best_offer()
            return self._close(settle or None)
        if decision == "counter":
            t["offer"] = max(1, t["ask"] - 1) if by_player else self.best_offer()
            line = f"{text(replies.counter)} ({text(rule.positions[t['offer']].model.label)})"
            t["transcript"].append(["them", line])
        else:
            t["transcript"].append(["them", text(replies.warmer if t.get("last_delta", 0) > 0 else replies.cooler)])
        if t["patience"] <= 0:
            t["transcript"].append(["them", text(replies.impatient)])
            self._close(self.best_offer() or None)

    def _close(self, position: int | None) -> None:
        st, t = self.state, self.state.talks
        assert t is not None
        rule = self._rule()
        outcome: OutcomeRule = rule.positions[position] if position else next(
            (o for o in rule.no_deal if o.when is None or o.when(st)), rule.no_deal[-1])
        entry = self.rec.entry("negotiation", f"{t['id']}:{outcome.model.id}",
                               f"{text(rule.model.title)} — {text(outcome.model.label)}", card=t["card"],
                               text=text(outcome.model.text), deal=bool(position))
        self.rec.apply(entry, outcome.effects, outcome.assign)
        self.rec.flags(entry, outcome.model.set, outcome.model.clear)
        self.rec.switch(entry, outcome.model.policy)
        if outcome.model.text:
            t["transcript"].append(["result", text(outcome.model.text)])
        st.talks_log.append({"id": t["id"], "card": t["card"], "turn": t["turn"], "rounds": t["round"],
                             "outcome": outcome.model.id, "label": text(outcome.model.label),
                             "deal": bool(position), "hotseat": t["hotseat"], "transcript": t["transcript"]})
        st.talks = None

