"""Read content written in earlier formats as the current one (and rewrite it, for `migrate`).

Negotiations, first format (up to 0.1): `values` (weights over meters), `stance`, `patience`,
`reservation`, `positions` with `need`, a fixed set of seven moves, and one line per reply.
They become: one interest per valued meter, `rounds`, the same reservation and ladder (`need`
becomes the rung's `cost`), their own moves only (concede and walk away are now built in:
proposals and walking away are actions of every talk), and one-line reply pools.
"""

from __future__ import annotations

from typing import Any

_OLD_KEYS = ("values", "patience")
_REPLY_KEYS = {"opening": "opening", "warmer": "warmer", "cooler": "cooler", "counter": "counter",
               "accept": "accept", "impatient": "impatient", "walkout": "walkout",
               "appeal_works": "appeal_works", "appeal_fails": "appeal_fails"}
_DEFAULT_STANDING = {"control_measure": "2", "appeal_upward": "3"}


def looks_old(data: dict[str, Any]) -> bool:
    """A negotiation in the first format (it has `values` or `patience`, or replies as single lines)."""
    replies = data.get("replies")
    single_lines = isinstance(replies, dict) and any(isinstance(v, str) for v in replies.values())
    return any(k in data for k in _OLD_KEYS) or single_lines


def _weight_expr(values: dict[str, Any], scale: int) -> str:
    terms = [f"{float(w):g} * ({m} - 50) / {scale}" for m, w in values.items() if isinstance(w, (int, float))]
    return " + ".join(terms) or "0"


def migrate_negotiation(data: dict[str, Any]) -> dict[str, Any]:
    """A first-format negotiation as a current one (a new dict; the input is not changed)."""
    values = data.get("values") or {}
    out: dict[str, Any] = {k: data[k] for k in ("negotiation", "title", "counterpart", "summary", "source")
                           if k in data}
    if "stance" in data:
        out["stance"] = data["stance"]
    if "patience" in data:
        out["rounds"] = data["patience"]
    out["interests"] = [{"id": f"{m}_interest", "says": f"They weigh your {m.replace('_', ' ')}",
                         "value": f"{float(w):g} * ({m} - 50) / 10"}
                        for m, w in values.items() if isinstance(w, (int, float))] or [
        {"id": "standing", "says": "They weigh your record", "value": 0}]
    if "reservation" in data:
        out["reservation"] = data["reservation"]
    positions = []
    for p in data.get("positions") or []:
        if isinstance(p, dict):
            p = dict(p)
            if "need" in p:
                p["cost"] = max(0.0, float(p.pop("need")))
            positions.append(p)
    if positions:
        out["positions"] = positions
    no_deal = data.get("no_deal") or []
    out["no_deal"] = no_deal
    last = no_deal[-1] if no_deal and isinstance(no_deal[-1], dict) else {}
    out["alternative"] = last.get("label", "No deal: things stay as they are.")
    moves: dict[str, Any] = {}
    for mid, move in (data.get("moves") or {}).items():
        if mid in ("concede", "walk_away") or not isinstance(move, dict):
            continue
        m = {k: v for k, v in move.items() if k in ("label", "says", "when", "locked", "chance", "effects", "set",
                                                     "clear", "policy")}
        if "stance" in move:
            m["standing"] = move["stance"]
        elif mid == "frame_development":
            m["standing"] = float(values.get("development", 0))
        elif mid == "frame_security":
            m["standing"] = float(values.get("security", 0))
        elif mid == "evidence":
            m["standing"] = _weight_expr(values, 20)
            m["reveals"] = True
        elif mid in _DEFAULT_STANDING:
            m["standing"] = _DEFAULT_STANDING[mid]
        if mid == "appeal_upward":
            m.setdefault("chance", 0.3)
            m["standing_if_fails"] = -1
        if "patience" in move:
            m["rounds"] = move["patience"]
        moves[mid] = m
    out["moves"] = moves
    out["drop_moves"] = ["all"]
    replies: dict[str, list[Any]] = {}
    for key, line in (data.get("replies") or {}).items():
        if key in _REPLY_KEYS and line is not None:
            replies[_REPLY_KEYS[key]] = line if isinstance(line, list) else [line]
    replies.setdefault("refuse", replies.get("cooler", ["They shake their heads."]))
    out["replies"] = replies
    return out


def migrate_text(data: Any) -> Any | None:
    """A file's data in the current format, or None when it is current already (or not a content file)."""
    if not isinstance(data, dict):
        return None
    if "negotiation" in data and looks_old(data):
        return migrate_negotiation(data)
    if "pack" in data and data.get("format") == 1:
        return {**data, "format": 2}
    return None
