"""Markdown renderings of a debrief and of a class summary (plain text that reads well unrendered)."""

from __future__ import annotations

from game.report.chart import sparkline
from game.report.debrief import ChangeLine, Debrief
from game.report.summary import ClassSummary


def _md(s: str) -> str:
    """Text safe to drop into Markdown: no raw HTML tags, no line breaks inside a paragraph."""
    return " ".join(str(s).split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(s: str) -> str:
    return _md(s).replace("|", "\\|")


def signed(n: int) -> str:
    return f"+{n:,}" if n > 0 else (f"−{-n:,}" if n < 0 else "±0")


def change_text(c: ChangeLine) -> str:
    """'Security +4 (55 → 59)', or 'Enforcement: Selective → Strict' for a policy switch."""
    if c.delta is None:
        return f"{c.name}: {c.before} → {c.after}"
    return f"{c.name} {signed(c.delta)} ({c.before:,} → {c.after:,})"


def cite(citation: str, where: str) -> str:
    """'Huang … (essay written December 2023), Concluding Thoughts.'"""
    return f"{citation.rstrip(' .')}, {where}." if where else citation


def _quarterly(labels: list[str] | tuple[str, ...]) -> list[int]:
    idx = list(range(0, len(labels), 3))
    if labels and idx[-1] != len(labels) - 1:
        idx.append(len(labels) - 1)
    return idx


def debrief_markdown(d: Debrief) -> str:
    """The whole debrief of one game as Markdown."""
    out = [f"# {_md(d.scenario_title)} — debrief: {_md(d.name)}", ""]
    facts = [f"seed {_md(d.seed)}"] + ([f"class code {_md(d.class_code)}"] if d.class_code else [])
    facts += [f"hot-seat talks: {_md(d.hotseat)}"] if d.hotseat else []
    out += [f"*{' · '.join(facts)} · reached {d.month} (month {d.turn})*", ""]
    out += [f"> {_md(n)}" for n in d.notes] + ([""] if d.notes else [])
    if d.branched:
        out += [f"**Branch.** {_md(d.branched)}", ""]

    out += ["## Ending", ""]
    if d.ending:
        e = d.ending
        out += [f"**{_md(e.title)}** ({e.month})", "", _md(e.text), "", f"*What actually happened:* {_md(e.epilogue)}",
                "", f"> “{_md(e.source.quote)}”  ", f"> — {_md(cite(e.source.citation, e.source.where))}", ""]
    else:
        out += [f"**In progress, month {d.turn}** ({d.month}). The game has not ended yet.", ""]

    out += ["## Meters over the months", "", "Each mark is one month, ▁ = 0 … █ = 100.", "",
            f"| Meter | Start | Month by month, to {_cell(d.points[-1])} | End | Low | High |",
            "|---|---:|---|---:|---:|---:|"]
    for m in d.meters:
        name = f"**{_cell(m.name)}**" if m.primary else _cell(m.name)
        out.append(f"| {name} | {m.values[0]} | `{sparkline(m.values)}` | {m.values[-1]} | {min(m.values)} | "
                   f"{max(m.values)} |")
    idx = _quarterly(d.points)
    out += ["", "| Meter | " + " | ".join(_cell(d.points[i]) for i in idx) + " |",
            "|---|" + "---:|" * len(idx)]
    for m in d.meters:
        out.append(f"| {_cell(m.name)} | " + " | ".join(str(m.values[i]) for i in idx) + " |")
    out += ["", "Counters (facts, not scores):", "", "| Counter | " + " | ".join(_cell(d.points[i]) for i in idx)
            + " |", "|---|" + "---:|" * len(idx)]
    for c in d.counters:
        unit = f" ({_cell(c.unit)})" if c.unit else ""
        out.append(f"| {_cell(c.name)}{unit} | " + " | ".join(f"{c.values[i]:,}" for i in idx) + " |")
    out.append("")

    out += ["## Decisions, month by month", ""]
    month = None
    for dec in d.decisions:
        if dec.month != month:
            if month is not None:
                out.append("")
            month = dec.month
            out += [f"### {dec.month} (month {dec.turn})", ""]
        if dec.kind == "policy":
            out.append("- **Policy change:** " + "; ".join(_md(change_text(c)) for c in dec.changes))
            continue
        else:
            hist = " *(what Pingxiang actually did)*" if dec.historical else ""
            out.append(f"- **{_md(dec.card_title)}** ({_md(dec.deck_title)}) — chose {dec.choice}: "
                       f"“{_md(dec.label)}”{hist}")
            if dec.outcome:
                out.append(f"  - {_md(dec.outcome)}")
            if dec.negotiation:
                out.append(f"  - Opened talks: {_md(dec.negotiation)}")
        effects = "; ".join(_md(change_text(c)) for c in dec.changes)
        out.append(f"  - Effects: {effects or 'none'}")
    if not d.decisions:
        out.append("No decisions yet.")
    out.append("")

    out += ["## Negotiations", ""]
    for t in d.talks:
        who = " (hot-seat: a classmate answered for the counterpart)" if t.hotseat else ""
        out += [f"### T{t.number}. {_md(t.title)} — {t.month}", "",
                f"Across the table: {_md(t.counterpart)}; opened by “{_md(t.card_title)}”{who}. "
                f"**Outcome: {_md(t.outcome_label)}** ({'deal' if t.deal else 'no deal'}, "
                f"{t.rounds} round{'s' if t.rounds != 1 else ''}).", ""]
        out += [f"> **{_md(speaker)}:** {_md(line)}  " for speaker, line in t.lines] + [""]
    if not d.talks:
        out += ["No negotiations in this game.", ""]

    out += ["## Your reflections", ""]
    for r in d.reflections:
        out += [f"**{r.month}.** *{_md(r.prompt)}*", "", f"> {_md(r.answer) if r.answer else '(skipped)'}", ""]
    if not d.reflections:
        out += ["No reflections were recorded in this game.", ""]

    out += ["## Sources met", ""]
    for g in d.sources:
        out += [f"### {_md(g.short)}", "", _md(g.citation), ""]
        for u in g.uses:
            kind = "" if u.what == "card" else f"{u.what}: "
            out.append(f"- {kind}*{_md(u.title)}* ({u.month}) — {_md(u.where)}: “{_md(u.quote)}”")
        out.append("")

    out += ["## Questions for discussion", ""]
    out += [f"{i}. {_md(q)}" for i, q in enumerate(d.discussion, 1)]
    return "\n".join(out).rstrip() + "\n"


def class_markdown(s: ClassSummary) -> str:
    """The class summary as Markdown."""
    n = len(s.games)
    out = [f"# {_md(s.scenario_title)} — class summary", "", f"**{n} game{'s' if n != 1 else ''}** read"
           + (f", {len(s.problems)} file(s) skipped." if s.problems else "."), ""]
    if len(s.seeds) > 1:
        out += [f"These games were played with different seeds or class codes ({_md(s.seeds_text())}), so they "
                "did not all see the same cards in the same months.", ""]
    elif s.seeds:
        out += [f"All games: {_md(s.seeds_text())}.", ""]
    if s.problems:
        out += ["## Files skipped", ""] + [f"- `{_md(p)}`: {_md(msg)}" for p, msg in s.problems] + [""]
    if not n:
        return "\n".join(out).rstrip() + "\n"

    out += ["## Endings", "", "| Ending | Games | Share |", "|---|---:|---:|"]
    out += [f"| {_cell(title)} | {c} | {round(100 * c / n)}% |" for _, title, c in s.endings] + [""]

    out += ["## Where the class split most", "",
            f"Cards decided by at least 3 players, most even split first (1.00 = perfectly even).", ""]
    for sp in s.most_split:
        counts = ", ".join(f"“{_md(label)}” {c}" for label, c in sp.counts)
        out.append(f"- **{_md(sp.title)}** (evenness {sp.evenness:.2f}, {sp.players} players): {counts}")
    if not s.most_split:
        out.append("No card was decided by three or more players yet.")
    out.append("")

    out += ["## Average meters by month", "",
            "| Month | Games | " + " | ".join(_cell(v) for v in s.meter_names.values()) + " |",
            "|---|---:|" + "---:|" * len(s.meter_names)]
    for i, label in enumerate(s.labels):
        vals = " | ".join("" if s.mean_paths[m][i] is None else f"{s.mean_paths[m][i]:.1f}" for m in s.meter_names)
        out.append(f"| {_cell(label)} | {s.still_playing[i]} | {vals} |")
    out += ["", "*Games* counts the games still running at that point; averages are over those games.", ""]

    out += ["## Outliers", ""]
    if len(s.games) < 5:
        out.append("Too few games to call any an outlier (needs 5).")
    elif not s.outliers:
        out.append("No game ended far (2 standard deviations) from the class average.")
    for o in s.outliers:
        far = ", ".join(f"{_md(name)} {value} (z {z:+.1f})" for name, value, z in o.far)
        out.append(f"- **{_md(o.name)}** — {_md(o.status)}: {far}")
    out += ["", "Class average at the end: " + ", ".join(f"{_md(s.meter_names[m])} {v:.1f}"
                                                      for m, v in s.final_means.items()), ""]

    out += ["## Negotiations", ""]
    for t in s.talks:
        outcomes = ", ".join(f"{_md(label)} {c}" for label, c in t.outcomes)
        hot = f", {t.hotseat} hot-seat" if t.hotseat else ""
        out.append(f"- **{_md(t.title)}**: held {t.held} time(s), {t.deals} deal(s){hot}. Outcomes: {outcomes}")
    if not s.talks:
        out.append("No negotiations were held.")
    out.append("")

    out += ["## How the class decided, card by card", "",
            "Cards drawn in at least two games; counts are decisions (a card can return in a later month).", ""]
    for sp in s.splits:
        out += [f"### {_md(sp.title)}", "", f"Drawn in {sp.games} games, decided {sp.decisions} time(s).", "",
                "| Choice | Decisions |", "|---|---:|"]
        out += [f"| {_cell(label)} | {c} |" for label, c in sp.counts] + [""]

    if s.reflections:
        out += ["## Reflections", ""]
        for prompt, answers, skipped in s.reflections:
            out += [f"**{_md(prompt)}** ({len(answers)} answered, {skipped} skipped)", ""]
            out += [f"- *{_md(name)}:* {_md(answer)}" for name, answer in answers] + [""]
    return "\n".join(out).rstrip() + "\n"
