"""The decision log: recent choices, their outcomes and talks, read from the game's own record
(so it survives save and load) plus outcome texts seen in this session."""

from __future__ import annotations

from textual.content import Content

from game.engine.game import Game
from game.engine.views import ChoiceResult
from game.present import signed
from game.ui.widgets.text import line, lines, muted, plain

OutcomeKey = tuple[int, str]  # (turn, card id)


def remember(outcomes: dict[OutcomeKey, ChoiceResult], turn: int, result: ChoiceResult) -> None:
    outcomes[(turn, result.card)] = result


def log_content(game: Game, outcomes: dict[OutcomeKey, ChoiceResult], limit: int = 8) -> Content:
    """The last `limit` decisions and negotiations, newest first."""
    items: list[Content] = []
    for entry in reversed(game.state.history):
        if len(items) >= limit:
            break
        kind = entry.get("kind")
        if kind not in ("choice", "negotiation", "policy"):
            continue
        if kind == "policy" and str(entry.get("reason", "")).startswith("Policy —"):
            continue  # monthly policy effects belong in the ledger, not the log
        when = game.month_label(entry["turn"])
        changes = ", ".join(f"{game.name_of(t)} {signed(a - b)}" for t, b, a in entry.get("changes", ())
                            if isinstance(a, int) and isinstance(b, int))
        if kind == "choice":
            title = game.card(entry["card"]).title.strip() if entry.get("card") in game.content.events else ""
            rows = [line((when, "$text-muted"), " · ", (title, "bold")),
                    line("→ ", plain(str(entry["reason"])))]
            result = outcomes.get((entry["turn"], entry.get("card", "")))
            if result and result.outcome:
                rows.append(line("  ", (result.outcome.strip(), "italic")))
        elif kind == "negotiation":
            rows = [line((when, "$text-muted"), " · ", ("Talks: ", "bold"), plain(str(entry["reason"])))]
        else:
            rows = [line((when, "$text-muted"), " · ", ("Policy: ", "bold"), plain(str(entry["reason"])))]
        if changes:
            rows.append(line("  ", (changes, "$text-muted")))
        items.append(lines(rows))
    if not items:
        return muted("No decisions yet.")
    return Content("\n\n").join(items)
