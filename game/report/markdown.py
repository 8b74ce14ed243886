"""Markdown renderings of a debrief and of a class summary (plain text that reads well unrendered).

Markdown is printed to terminals, so every document passes through `game.textsafe.clean` at the end:
control characters from decks, answers or file names arrive as visible escapes, never as escape codes.
"""

from __future__ import annotations

from game.report.chart import sparkline
from game.report.common import ChangeLine
from game.report.debrief import Debrief
from game.report.summary import CardSplit, ClassSummary
from game.report.talks import TalksRecord
from game.textsafe import clean

HISTORICAL = "what Pingxiang actually did"


def _md(s: object) -> str:
    """Text safe to drop into Markdown: no raw HTML tags, no line breaks inside a paragraph."""
    return " ".join(str(s).split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(s: object) -> str:
    return _md(s).replace("|", "\\|")


def signed(n: int) -> str:
    return f"+{n:,}" if n > 0 else (f"−{-n:,}" if n < 0 else "±0")


def change_text(c: ChangeLine) -> str:
    """'Security +4 (55 → 59)', or 'Enforcement: Selective → Strict' for a policy switch."""
    if c.delta is None:
        return f"{c.name}: {c.before} → {c.after}"
    return f"{c.name} {signed(c.delta)} ({c.before:,} → {c.after:,})"


def changes_text(changes: tuple[ChangeLine, ...], empty: str = "none") -> str:
    return "; ".join(change_text(c) for c in changes) or empty


def cite(citation: str, where: str) -> str:
    """'Huang … (essay written December 2023), Concluding Thoughts.' — one full stop, never '.,'."""
    citation = citation.strip().rstrip(" .")
    where = where.strip().rstrip(" .")
    return f"{citation}, {where}." if where else f"{citation}."


def quarterly(labels: list[str] | tuple[str, ...]) -> list[int]:
    """Every third point, and always the last one."""
    idx = list(range(0, len(labels), 3))
    if labels and idx[-1] != len(labels) - 1:
        idx.append(len(labels) - 1)
    return idx


def talk_heading(t: TalksRecord) -> str:
    state = {"in progress": " (still under way)", "cut short": " (cut short by the ending)"}.get(t.status, "")
    return f"T{t.number}. {t.title} — {t.month}{state}"


def against_ai_lines(t: TalksRecord) -> tuple[str, list[str]]:
    """What a teacher reads about a hot-seat counterpart: a sentence, and one line per answer against the AI."""
    if not t.hotseat:
        return "", []
    if not t.against_ai:
        return "a classmate answered for the counterpart and followed the AI's suggestion every time.", []
    n = len(t.against_ai)
    return ((f"a classmate answered for the counterpart and went against the AI's suggestion "
            f"{n} time{'s' if n != 1 else ''}:"),
            [f"answered “{chose}” where the AI suggested “{ai}”" for chose, ai in t.against_ai])


def _debrief_head(d: Debrief) -> list[str]:
    out = [f"# {_md(d.scenario_title)} — debrief: {_md(d.name)}", ""]
    facts = [f"seed {_md(d.seed)}"] + ([f"class code {_md(d.class_code)}"] if d.class_code else [])
    facts += [f"hot-seat talks: {_md(d.hotseat)}"] if d.hotseat else []
    out += [f"*{' · '.join(facts)} · reached {d.month} (month {d.turn} of {d.turns})*", ""]
    out += [f"> **Note.** {_md(n)}" for n in d.notes] + ([""] if d.notes else [])
    if d.branched:
        out += [f"**Branch.** {_md(d.branched)}", ""]
    out += ["## Ending", ""]
    if d.ending:
        e = d.ending
        out += [f"**{_md(e.title)}** ({e.month} · {e.when})", ""]
        if e.historical:
            out += ["*This is the ending closest to what actually happened.*", ""]
        out += [_md(e.text), ""]
        if e.cause:
            out += [f"**What ended it:** {_md(e.cause)}", ""]
        out += [f"*What actually happened:* {_md(e.epilogue)}", "", f"> “{_md(e.source.quote)}”  ",
                f"> — {_md(cite(e.source.citation, e.source.where))}", ""]
    else:
        out += [f"**In progress, month {d.turn}** ({d.month}). The game has not ended yet.", ""]
    return out


def _meters(d: Debrief) -> list[str]:
    low, high = (d.meters[0].low, d.meters[0].high) if d.meters else (0, 100)
    out = ["## Meters over the months", "",
           f"One mark per month from the start, on a fixed scale: ▁ = {low} … █ = {high}.", "",
           f"| Meter | Start | Month by month, to {_cell(d.points[-1])} | End | Low | High |",
           "|---|---:|---|---:|---:|---:|"]
    for m in d.meters:
        name = f"**{_cell(m.name)}**" if m.primary else _cell(m.name)
        out.append(f"| {name} | {m.values[0]} | `{sparkline(m.values, m.low, m.high)}` | {m.values[-1]} | "
                   f"{min(m.values)} | {max(m.values)} |")
    idx = quarterly(d.points)
    out += ["", "| Meter | " + " | ".join(_cell(d.points[i]) for i in idx) + " |", "|---|" + "---:|" * len(idx)]
    out += [f"| {_cell(m.name)} | " + " | ".join(str(m.values[i]) for i in idx) + " |" for m in d.meters]
    out += ["", "Counters (facts, not scores):", "",
            "| Counter | " + " | ".join(_cell(d.points[i]) for i in idx) + " |", "|---|" + "---:|" * len(idx)]
    for c in d.counters:
        unit = f" ({_cell(c.unit)})" if c.unit else ""
        out.append(f"| {_cell(c.name)}{unit} | " + " | ".join(f"{c.values[i]:,}" for i in idx) + " |")
    return out + [""]


def _decisions(d: Debrief) -> list[str]:
    out = ["## Decisions, month by month", ""]
    month = None
    for dec in d.decisions:
        if dec.month != month:
            out += ([""] if month is not None else []) + [f"### {dec.month} (month {dec.turn})", ""]
            month = dec.month
        if dec.kind != "card":
            what = "Policy change" if dec.kind == "policy" else "Author tool"
            out.append(f"- **{what}:** {_md(dec.label)}")
            out.append(f"  - Effects: {_md(changes_text(dec.changes))}")
            continue
        tags = (f" *({HISTORICAL})*" if dec.historical else "") + (f" [{dec.frame}]" if dec.frame else "")
        out.append(f"- **{_md(dec.card_title)}** ({_md(dec.deck_title)}) — chose {dec.choice}: "
                   f"“{_md(dec.label)}”{tags}")
        if dec.outcome:
            out.append(f"  - {_md(dec.outcome)}")
        if dec.negotiation:
            out.append(f"  - Opened talks: {_md(dec.negotiation)}")
        out.append(f"  - Effects: {_md(changes_text(dec.changes))}")
    if not d.decisions:
        out.append("No decisions yet.")
    return out + [""]


def _talks(d: Debrief) -> list[str]:
    out = ["## Negotiations", ""]
    for t in d.talks:
        result = (f"**Outcome: {_md(t.outcome_label)}** ({'deal' if t.deal else 'no deal'}, "
                  f"{t.rounds} round{'s' if t.rounds != 1 else ''})" if t.status == "done"
                  else f"**{_md(t.outcome_label.capitalize())}** after {t.rounds} round{'s' if t.rounds != 1 else ''}")
        out += [f"### {_md(talk_heading(t))}", "",
                f"Across the table: {_md(t.counterpart)}; opened by “{_md(t.card_title)}”. {result}.", ""]
        out += [f"> **{_md(speaker)}:** {_md(line)}  " for speaker, line in t.lines] + ([""] if t.lines else [])
        if t.status == "done":
            out.append(f"- What the {'deal' if t.deal else 'outcome'} changed: {_md(changes_text(t.deal_changes))}")
        if t.move_changes:
            out.append(f"- What your moves cost or gained along the way: {_md(changes_text(t.move_changes))}")
        lead, lines = against_ai_lines(t)
        if lead:
            out.append(f"- **Hot seat:** {_md(lead)}")
            out += [f"  - {_md(line)}" for line in lines]
        out.append("")
    if not d.talks:
        out += ["No negotiations in this game.", ""]
    return out


def _sources(d: Debrief) -> list[str]:
    out = ["## Sources met", ""]
    for g in d.sources:
        out += [f"### {_md(g.short)}", "", _md(g.citation), ""]
        for u in g.uses:
            kind = "" if u.what == "card" else f"{u.what}: "
            frame = f" **[{u.frame}]**" if u.frame else ""
            where = f" — {_md(u.where)}" if u.where else ""
            out.append(f"- {kind}*{_md(u.title)}* ({u.month}){frame}{where}: “{_md(u.quote)}”")
        out.append("")
    if d.frames:
        out += ["Cards marked in brackets are not a record of events:", ""]
        out += [f"- **[{label}]** {_md(note)}" for label, note in d.frames] + [""]
    return out


def debrief_markdown(d: Debrief) -> str:
    """The whole debrief of one game as Markdown (terminal-safe)."""
    out = _debrief_head(d) + _meters(d) + _decisions(d) + _talks(d)
    out += ["## Your reflections", ""]
    for r in d.reflections:
        out += [f"**{r.month}.** *{_md(r.prompt)}*", "", f"> {_md(r.answer) if r.answer else '(skipped)'}", ""]
    if not d.reflections:
        out += ["No reflections were recorded in this game.", ""]
    out += _sources(d)
    out += ["## Questions for discussion", ""] + [f"{i}. {_md(q)}" for i, q in enumerate(d.discussion, 1)]
    return clean("\n".join(out).rstrip() + "\n")


def split_rows(sp: CardSplit) -> list[str]:
    rows = ["| Choice | Decisions | Who |", "|---|---:|---|"]
    for c in sp.counts:
        hist = f" *({HISTORICAL})*" if c.historical else ""
        rows.append(f"| {_cell(c.label)}{hist} | {c.count} | {_cell(', '.join(c.who))} |")
    return rows


def _class_head(s: ClassSummary) -> list[str]:
    n = len(s.games)
    extra = ([f"{len(s.duplicates)} identical cop{'ies' if len(s.duplicates) != 1 else 'y'} listed once"]
             if s.duplicates else []) + ([f"{len(s.problems)} file(s) skipped"] if s.problems else [])
    out = [f"# {_md(s.scenario_title)} — class summary", "",
           f"**{n} game{'s' if n != 1 else ''}** read, {_md(s.read_from)}" + "".join(f"; {x}" for x in extra) + ".", ""]
    if len(s.seeds) > 1:
        out += [(f"These games were played with different seeds or class codes ({_md(s.seeds_text())}), so they "
                "did not all see the same cards in the same months."), ""]
    elif s.seeds:
        out += [f"All games: {_md(s.seeds_text())}.", ""]
    if s.branches:
        out += [(f"{len(s.branches)} of these games {'are branches' if len(s.branches) > 1 else 'is a branch'} "
                "rewound from another game (see Notes below); each is counted as a game of its own."), ""]
    if n:
        out += ["## Games", "", "| Game | Reached | Ending | Decisions | Reflections | Hot-seat talks | Notes |",
                "|---|---|---|---:|---:|---:|---|"]
        for g in s.games:
            hot = f"{g.hotseat_talks} ({g.against_ai} against the AI)" if g.hotseat_talks else "—"
            refl = f"{g.reflections}" + (f" (+{g.reflections_skipped} skipped)" if g.reflections_skipped else "")
            notes = ([f"branch: {g.branch}"] if g.branch else []) + list(g.tags)
            ending = g.status if g.over else "In progress"
            out.append(f"| {_cell(g.name)} | month {g.turn} ({_cell(g.debrief.month)}) | {_cell(ending)} | "
                       f"{g.decisions} | {refl} | {hot} | {_cell('; '.join(notes))} |")
        out.append("")
    if s.duplicates:
        out += ["## Identical copies (counted once)", ""]
        out += [f"- `{_md(x.path)}` is a byte-for-byte copy of `{_md(x.same_as)}` ({_md(x.same_as_name)})"
                for x in s.duplicates] + [""]
    if s.problems:
        out += ["## Files skipped", ""] + [f"- `{_md(p)}`: {_md(msg)}" for p, msg in s.problems] + [""]
    return out


def class_markdown(s: ClassSummary) -> str:
    """The class summary as Markdown (terminal-safe)."""
    out = _class_head(s)
    n = len(s.games)
    if not n:
        return clean("\n".join(out).rstrip() + "\n")
    out += ["## Endings", "", "| Ending | Games | Share |", "|---|---:|---:|"]
    out += [f"| {_cell(title)}{' *(closest to what actually happened)*' if eid in s.historical_endings else ''} | "
            f"{c} | {round(100 * c / n)}% |" for eid, title, c in s.endings] + [""]

    out += ["## Where the class split most", "",
            "Cards decided by at least 3 players, most even split first (1.00 = perfectly even).", ""]
    for sp in s.most_split:
        counts = ", ".join(f"“{_md(c.label)}”{' (historical)' if c.historical else ''} {c.count}" for c in sp.counts)
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
    if n < 5:
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
        hot = f", {t.hotseat} hot-seat ({t.against_ai} answer(s) against the AI)" if t.hotseat else ""
        out.append(f"- **{_md(t.title)}**: held {t.held} time(s), {t.deals} deal(s){hot}. Outcomes: {outcomes}")
    if not s.talks:
        out.append("No negotiations were held.")
    out.append("")

    out += ["## How the class decided, card by card", "",
            "Cards drawn in at least two games; counts are decisions (a card can return in a later month).", ""]
    for sp in s.splits:
        out += [f"### {_md(sp.title)}", "", f"Drawn in {sp.games} games, decided {sp.decisions} time(s).", ""]
        out += split_rows(sp) + [""]

    if s.reflections:
        out += ["## Reflections", ""]
        for r in s.reflections:
            out += [f"**{_md(r.prompt)}** ({len(r.answers)} answered, {r.skipped} skipped)", ""]
            out += [f"- *{_md(name)}:* {_md(answer)}" for name, answer in r.answers] + [""]
    return clean("\n".join(out).rstrip() + "\n")
