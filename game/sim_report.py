"""The simulator's report as text for a terminal: endings, loss turns, meter paths, coverage."""

from __future__ import annotations

from game.content.compiled import Content, text
from game.sim import TALK_MOVES, SimReport, choices_never_taken, never_drawn, percentiles

_BLOCKS = " ▁▂▃▄▅▆▇█"


def spark(values: list[int], low: int = 0, high: int = 100) -> str:
    span = max(1, high - low)
    return "".join(_BLOCKS[min(8, max(0, round((v - low) / span * 8)))] for v in values)


def best_scripts(reports: list[SimReport]) -> list[str]:
    """Per negotiation, the fixed talk script (a strategy's moves in its order, then its proposals from the top,
    taking any offer) that won the most deals: no script should win most talks."""
    best: dict[str, tuple[float, int, int, str]] = {}
    for r in reports:
        if r.strategy not in TALK_MOVES:  # random play is not a script
            continue
        for nid, held in r.talks.items():
            rate = r.deals[nid] / held if held else 0.0
            if held >= 20 and (nid not in best or rate > best[nid][0]):
                best[nid] = (rate, r.deals[nid], held, r.strategy)
    if not best:
        return []
    out = ["Best fixed talk script per negotiation (a strategy's moves, then its proposals; 20 talks or more):"]
    for nid, (rate, won, held, who) in sorted(best.items()):
        out.append(f"  {nid}: {rate:.0%} deals ({won} of {held}), {who}")
    return [*out, ""]


def format_reports(reports: list[SimReport], content: Content) -> str:
    lines: list[str] = []
    for report in reports:
        lines += [f"== {report.strategy}: {report.runs} games, seed {report.seed}, {report.seconds:.1f} s "
                  f"({report.games_per_second:,.0f} games/s) ==", "Endings:"]
        for ending in content.endings:
            n = report.endings.get(ending, 0)
            bar = "█" * round(n / report.runs * 40)
            kind = content.endings[ending].model.kind
            lines.append(f"  {n / report.runs:6.1%}  {bar:<40} {ending} ({kind})")
        loss = percentiles(report.loss_turns)
        lines.append(f"Losses: {len(report.loss_turns)} games" + (
            f"; month of loss p10 {loss['p10']}, median {loss['p50']}, p90 {loss['p90']}" if loss else ""))
        lines.append("Meters, median by month (▁ low … █ high) and at the end (p10 / median / p90):")
        for m, meter in content.meters.items():
            months = report.timelines.get(m, [])
            path = spark([percentiles(v)["p50"] for v in months if v], meter.min, meter.max)
            end = percentiles(report.final_meters[m])
            lines.append(f"  {text(meter.name):<20} {path}  {end['p10']:>3} / {end['p50']:>3} / {end['p90']:>3}")
        if report.negotiations:
            lines.append("Negotiation outcomes: " + ", ".join(f"{k} {v}" for k, v in report.negotiations.most_common()))
        for deal, meters in sorted(report.deals_after.items()):
            if not meters or not {"security", "central_confidence"} <= set(meters[0]):
                continue
            sec = percentiles([m["security"] for m in meters])
            cc = percentiles([m["central_confidence"] for m in meters])
            lines.append(f"  deals {deal}: {len(meters)}; when talks opened, median security {sec['p50']}, "
                         f"central confidence {cc['p50']} (p10 {sec['p10']} / {cc['p10']})")
        lines.append("")
    lines += best_scripts(reports)
    merged = reports[0]
    for r in reports[1:]:
        merged = merged + r
    lines += _coverage(merged, content)
    return "\n".join(lines)


def _coverage(report: SimReport, content: Content) -> list[str]:
    lines = [f"Coverage over all {report.runs} games:"]
    missing = never_drawn(report, content)
    rare = sorted(e for e in content.events if 0 < report.drawn[e] < report.runs * 0.01)
    lines.append(f"  cards never drawn: {len(missing)} of {len(content.events)}" + (
        ": " + ", ".join(missing) if missing else ""))
    lines.append(f"  cards drawn in under 1% of games: {len(rare)}" + (": " + ", ".join(rare) if rare else ""))
    untaken = choices_never_taken(report, content)
    lines.append(f"  choices never taken (on cards that were drawn): {len(untaken)}" + (
        ": " + ", ".join(untaken) if untaken else ""))
    unset = sorted(content.flags - set(report.flags))
    lines.append(f"  flags never set: {len(unset)}" + (": " + ", ".join(unset) if unset else ""))
    lines.append("  drawn most often: " + ", ".join(f"{e} ({n})" for e, n in report.draws.most_common(5)))
    return lines
