"""Tuning a deck from simulated games: for each card, how often it is drawn, in which months, which
choices each strategy takes, and how often the flags it sets are set and read (`simulate --per-card`)."""

from __future__ import annotations

from typing import Any

from game.content.compiled import Content
from game.content.expr import month_text
from game.sim import SimReport, percentiles


def merged(reports: list[SimReport]) -> SimReport:
    total = reports[0]
    for r in reports[1:]:
        total = total + r
    return total


def card_stats(reports: list[SimReport], content: Content, cards: list[str]) -> dict[str, dict[str, Any]]:
    """Per card: draw rate (share of games), draws per game, months (p10/p50/p90), each choice's take rate
    per strategy (share of the times the card was answered), and the set/read rates of the flags it sets."""
    everything = merged(reports)
    runs = max(everything.runs, 1)
    start = content.start_month
    out: dict[str, dict[str, Any]] = {}
    for card in cards:
        event = content.events[card]
        turns = everything.months.get(card, [])
        months = {k: month_text(start + v - 1) for k, v in percentiles(turns).items()}
        choices: dict[str, dict[str, float | None]] = {}
        for c in event.choices:
            key = f"{card}#{c.index + 1}"
            choices[str(c.index + 1)] = {
                r.strategy: (round(r.answers[key] / answered, 3)
                             if (answered := sum(r.answers[f"{card}#{x.index + 1}"] for x in event.choices)) else None)
                for r in reports}
        flags = sorted({f for c in event.choices for f in c.does.set})
        out[card] = {
            "deck": event.deck,
            "drawn": round(everything.drawn[card] / runs, 4),
            "draws_per_game": round(everything.draws[card] / runs, 3),
            "months": months,
            "choices": choices,
            "flags": {f: {"set": round(everything.flags_set[f] / runs, 4),
                          "read": round(everything.flags_read[f] / runs, 4)} for f in flags},
        }
    return out


def _rate(value: float | None) -> str:
    return "  –  " if value is None else f"{value:5.0%}"


def card_table(stats: dict[str, dict[str, Any]], strategies: list[str], runs: int) -> str:
    """The per-card table as text: one line per card, its choices and flags under it."""
    if not stats:
        return "No cards to show."
    width = max(24, *(len(c) for c in stats))
    lines = [(f"Per card, over {runs} games ({', '.join(strategies)}): share of games it is drawn in, draws per game, "
             "the months it comes (p10 / median / p90), each choice's share of the answers by strategy, and the "
             "share of games its flags are set and read"),
             f"{'card':<{width}}  drawn  per game  months (p10 / p50 / p90)"]
    for card, s in sorted(stats.items(), key=lambda kv: kv[1]["drawn"]):
        m = s["months"]
        when = f"{m['p10']} / {m['p50']} / {m['p90']}" if m else "never drawn"
        lines.append(f"{card:<{width}}  {s['drawn']:5.1%}  {s['draws_per_game']:8.2f}  {when}")
        if m:
            for n, by in s["choices"].items():
                lines.append(f"{'':<{width}}    choice {n}: " + "  ".join(f"{k} {_rate(v)}" for k, v in by.items()))
        for flag, r in s["flags"].items():
            lines.append(f"{'':<{width}}    flag {flag}: set in {r['set']:.1%} of games, read in {r['read']:.1%}")
    return "\n".join(lines)


def summary(stats: dict[str, dict[str, Any]], strategies: list[str]) -> str:
    """A few lines on a pack's cards, for `simulate --deck` without --per-card."""
    if not stats:
        return ""
    never = sorted(c for c, s in stats.items() if s["drawn"] == 0)
    rare = sorted((c for c, s in stats.items() if 0 < s["drawn"] < 0.05), key=lambda c: stats[c]["drawn"])
    untaken = sorted(f"{c}#{n}" for c, s in stats.items() if s["drawn"] > 0 for n, by in s["choices"].items()
                     if all(v == 0 for v in by.values() if v is not None))
    rates = sorted(s["drawn"] for s in stats.values())
    lines = [(f"Your cards ({len(stats)}): drawn in {rates[len(rates) // 2]:.0%} of games (median card), "
             f"from {rates[0]:.0%} to {rates[-1]:.0%}"),
             f"  never drawn: {len(never)}" + (": " + ", ".join(never) if never else ""),
             f"  drawn in under 5% of games: {len(rare)}" + (": " + ", ".join(
                 f"{c} ({stats[c]['drawn']:.1%})" for c in rare) if rare else ""),
             f"  choices no strategy took ({', '.join(strategies)}): {len(untaken)}"
             + (": " + ", ".join(untaken) if untaken else ""),
             "  (--per-card shows every card: draw rate, months, choices by strategy, flags)"]
    return "\n".join(lines)
