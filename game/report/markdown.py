"""Markdown renderings of a debrief and of a class summary (plain text that reads well unrendered).

Markdown is printed to terminals, so every document passes through `game.textsafe.clean` at the end:
control characters from decks, answers or file names arrive as visible escapes, never as escape codes.
"""

from __future__ import annotations

from game.i18n import LANGUAGES, _, ngettext, number
from game.present import aside
from game.report.chart import sparkline
from game.report.common import ChangeLine
from game.report.debrief import Debrief
from game.report.roles import class_roles, class_roles_markdown, roles_markdown
from game.report.summary import CardSplit, ClassSummary
from game.report.talks import TalksRecord
from game.textsafe import clean


def historical() -> str:
    """The mark of the choice Pingxiang actually made."""
    return _("what Pingxiang actually did")


def closest() -> str:
    """The mark of the ending closest to what actually happened."""
    return _("closest to what actually happened")


def rounds_text(n: int) -> str:
    return ngettext("{n} round", "{n} rounds", n).format(n=n)


def decimal(value: float, places: int = 1) -> str:
    """12.5 / 12,5 as the interface language writes it."""
    return number(value, decimals=places)


def both(first: str, second: str) -> str:
    """A text and the same text in the comparison language, side by side ("" when there is no second)."""
    return f"{first} / {second}" if second and second != first else first


def _md(s: object) -> str:
    """Text safe to drop into Markdown: no raw HTML tags, no line breaks inside a paragraph."""
    return " ".join(str(s).split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(s: object) -> str:
    return _md(s).replace("|", "\\|")


def signed(n: int) -> str:
    return f"+{number(n)}" if n > 0 else (f"−{number(-n)}" if n < 0 else "±0")


def change_text(c: ChangeLine) -> str:
    """'Security +4 (55 → 59)', or 'Enforcement: Selective → Strict' for a policy switch."""
    if c.delta is None:
        return f"{c.name}: {c.before} → {c.after}"
    return f"{c.name} {signed(c.delta)}" + aside(f"{number(c.before)} → {number(c.after)}")


def changes_text(changes: tuple[ChangeLine, ...], empty: str | None = None) -> str:
    return _("; ").join(change_text(c) for c in changes) or (_("none") if empty is None else empty)


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
    state = {"in progress": _(" (still under way)"), "cut short": _(" (cut short by the ending)")}.get(t.status, "")
    return f"T{t.number}. {t.title} — {t.month}{state}"


def against_ai_lines(t: TalksRecord) -> tuple[str, list[str]]:
    """What a teacher reads about a hot-seat counterpart: a sentence, and one line per answer against the AI
    (and, in a class with live roles, how often the AI answered because the classmate's time ran out)."""
    if not t.hotseat:
        return "", []
    if not t.by_classmate:
        return ngettext("the classmate holding the counterpart's role did not answer in time: the AI answered in "
                        "their place ({n} reply).",
                        "the classmate holding the counterpart's role did not answer in time: the AI answered in "
                        "their place ({n} replies).", t.replies).format(n=t.replies), []
    late = [ngettext("the AI answered {n} time in their place, when their time ran out.",
                     "the AI answered {n} times in their place, when their time ran out.",
                     t.ai_replies).format(n=t.ai_replies)] if t.ai_replies else []
    if not t.against_ai:
        lead = (_("a classmate answered for the counterpart and followed the AI's suggestion each time they answered "
                  "in time.") if t.ai_replies
                else _("a classmate answered for the counterpart and followed the AI's suggestion every time."))
        return lead, late
    n = len(t.against_ai)
    return (ngettext("a classmate answered for the counterpart and went against the AI's suggestion {n} time:",
                     "a classmate answered for the counterpart and went against the AI's suggestion {n} times:",
                     n).format(n=n),
            [_("answered “{chose}” where the AI suggested “{ai}”").format(chose=chose, ai=ai)
             for chose, ai in t.against_ai] + late)


def quote_lines(quote: str, translation: str, prefix: str = "> ") -> list[str]:
    """A quote in its own words, and our translation beside it (marked as ours) when there is one."""
    out = [f"{prefix}“{_md(quote)}”  "]
    if translation:
        out.append(f"{prefix}*{_md(_('(our translation) {text}').format(text=translation))}*  ")
    return out


def _debrief_head(d: Debrief) -> list[str]:
    out = [f"# {_md(_('{title} — debrief: {name}').format(title=d.scenario_title, name=d.name))}", ""]
    facts = [_("seed {seed}").format(seed=_md(d.seed))]
    facts += [_("class code {code}").format(code=_md(d.class_code))] if d.class_code else []
    facts += [_("hot-seat talks: {talks}").format(talks=_md(d.hotseat))] if d.hotseat else []
    facts.append(_("reached {month} (month {turn} of {turns})").format(month=d.month, turn=d.turn, turns=d.turns))
    out += [f"*{' · '.join(facts)}*", ""]
    out += [f"> **{_('Note.')}** {_md(n)}" for n in d.notes] + ([""] if d.notes else [])
    if d.branched:
        out += [f"**{_('Branch.')}** {_md(d.branched)}", ""]
    out += ["## " + _("Ending"), ""]
    if d.ending:
        e = d.ending
        out += [f"**{_md(e.title)}**" + aside(f"{e.month} · {e.when}"), ""]
        if e.historical:
            out += [f"*{_('This is the ending closest to what actually happened.')}*", ""]
        out += [_md(e.text), ""]
        if e.cause:
            out += [f"**{_('What ended it:')}** {_md(e.cause)}", ""]
        out += [f"*{_('What actually happened:')}* {_md(e.epilogue)}", ""]
        out += quote_lines(e.source.quote, e.source.translation)
        out += [f"> — {_md(cite(e.source.citation, e.source.where))}", ""]
    else:
        out += [_("**In progress, month {turn}** ({month}). The game has not ended yet.").format(
            turn=d.turn, month=d.month), ""]
    return out


def _meters(d: Debrief) -> list[str]:
    low, high = (d.meters[0].low, d.meters[0].high) if d.meters else (0, 100)
    meter, counter = _cell(_("Meter")), _cell(_("Counter"))
    out = ["## " + _("Meters over the months"), "",
           _("One mark per month from the start, on a fixed scale: ▁ = {low} … █ = {high}.").format(low=low, high=high),
           "",
           "| " + " | ".join([meter, _("Start"), _("Month by month, to {point}").format(point=_cell(d.points[-1])),
                              _("End"), _("Low"), _("High")]) + " |",
           "|---|---:|---|---:|---:|---:|"]
    for m in d.meters:
        name = f"**{_cell(m.name)}**" if m.primary else _cell(m.name)
        out.append(f"| {name} | {m.values[0]} | `{sparkline(m.values, m.low, m.high)}` | {m.values[-1]} | "
                   f"{min(m.values)} | {max(m.values)} |")
    idx = quarterly(d.points)
    out += ["", f"| {meter} | " + " | ".join(_cell(d.points[i]) for i in idx) + " |", "|---|" + "---:|" * len(idx)]
    out += [f"| {_cell(m.name)} | " + " | ".join(str(m.values[i]) for i in idx) + " |" for m in d.meters]
    out += ["", _("Counters (facts, not scores):"), "",
            f"| {counter} | " + " | ".join(_cell(d.points[i]) for i in idx) + " |", "|---|" + "---:|" * len(idx)]
    for c in d.counters:
        unit = aside(_cell(c.unit)) if c.unit else ""
        out.append(f"| {_cell(c.name)}{unit} | " + " | ".join(number(c.values[i]) for i in idx) + " |")
    return out + [""]


def _decisions(d: Debrief) -> list[str]:
    out = ["## " + _("Decisions, month by month"), ""]
    month = None
    for dec in d.decisions:
        if dec.month != month:
            out += ([""] if month is not None else []) + [
                "### " + _("{month} (month {turn})").format(month=dec.month, turn=dec.turn), ""]
            month = dec.month
        if dec.kind != "card":
            what = _("Policy change") if dec.kind == "policy" else _("Author tool")
            out.append(f"- **{what}:** {_md(dec.label)}")
            out.append("  - " + _("Effects: {effects}").format(effects=_md(changes_text(dec.changes))))
            continue
        tags = (f" *{aside(historical()).strip()}*" if dec.historical else "") + (f" [{dec.frame}]" if dec.frame
                                                                                 else "")
        out.append(f"- **{_md(dec.card_title)}**{aside(_md(dec.deck_title))} — "
                   + _("chose {n}: “{label}”").format(n=dec.choice, label=_md(dec.label)) + tags)
        if dec.outcome:
            out.append(f"  - {_md(dec.outcome)}")
        if dec.negotiation:
            out.append("  - " + _("Opened talks: {talks}").format(talks=_md(dec.negotiation)))
        out.append("  - " + _("Effects: {effects}").format(effects=_md(changes_text(dec.changes))))
    if not d.decisions:
        out.append(_("No decisions yet."))
    return out + [""]


def talk_result(t: TalksRecord) -> str:
    """'Outcome: Ninety days (deal, 3 rounds)', or how talks still under way stand."""
    if t.status == "done":
        deal = _("deal") if t.deal else _("no deal")
        return _("Outcome: {outcome} ({deal}, {rounds})").format(outcome=t.outcome_label, deal=deal,
                                                                 rounds=rounds_text(t.rounds))
    return _("{state} after {rounds}").format(state=t.outcome_label[:1].upper() + t.outcome_label[1:],
                                              rounds=rounds_text(t.rounds))


def _talks(d: Debrief) -> list[str]:
    out = ["## " + _("Negotiations"), ""]
    for t in d.talks:
        out += [f"### {_md(talk_heading(t))}", "",
                _("Across the table: {counterpart}; opened by “{card}”.").format(counterpart=_md(t.counterpart),
                                                                                 card=_md(t.card_title))
                + f" **{_md(talk_result(t))}**.", ""]
        out += [f"> **{_md(speaker)}:** {_md(line)}  " for speaker, line in t.lines] + ([""] if t.lines else [])
        if t.status == "done":
            what = _("What the deal changed: {changes}") if t.deal else _("What the outcome changed: {changes}")
            out.append("- " + what.format(changes=_md(changes_text(t.deal_changes))))
        if t.move_changes:
            out.append("- " + _("What your moves cost or gained along the way: {changes}").format(
                changes=_md(changes_text(t.move_changes))))
        lead, lines = against_ai_lines(t)
        if lead:
            out.append(f"- **{_('Hot seat:')}** {_md(lead)}")
            out += [f"  - {_md(line)}" for line in lines]
        out.append("")
    if not d.talks:
        out += [_("No negotiations in this game."), ""]
    return out


def use_kind(what: str) -> str:
    """What else than a card a source was met in: 'negotiation: ' / 'ending: ' ('' for a card)."""
    return {"negotiation": _("negotiation: "), "ending": _("ending: ")}.get(what, "")


def _sources(d: Debrief) -> list[str]:
    out = ["## " + _("Sources met"), ""]
    for g in d.sources:
        out += [f"### {_md(g.short)}", "", _md(g.citation), ""]
        for u in g.uses:
            frame = f" **[{u.frame}]**" if u.frame else ""
            where = f" — {_md(u.where)}" if u.where else ""
            ours = f" *{_md(_('(our translation) {text}').format(text=u.translation))}*" if u.translation else ""
            out.append(f"- {use_kind(u.what)}*{_md(u.title)}*{aside(u.month)}{frame}{where}: “{_md(u.quote)}”{ours}")
        out.append("")
    if d.frames:
        out += [_("Cards marked in brackets are not a record of events:"), ""]
        out += [f"- **[{label}]** {_md(note)}" for label, note in d.frames] + [""]
    return out


def debrief_markdown(d: Debrief) -> str:
    """The whole debrief of one game as Markdown (terminal-safe)."""
    out = _debrief_head(d) + _meters(d) + _decisions(d) + _talks(d)
    out += ["## " + _("Your reflections"), ""]
    for r in d.reflections:
        answer = _md(r.answer) if r.answer else _("(skipped)")
        out += [f"**{r.month}.** *{_md(r.prompt)}*", "", f"> {answer}", ""]
    if not d.reflections:
        out += [_("No reflections were recorded in this game."), ""]
    out += roles_markdown(d.roles, d.player_role)
    out += _sources(d)
    out += ["## " + _("Questions for discussion"), ""] + [f"{i}. {_md(q)}" for i, q in enumerate(d.discussion, 1)]
    return clean("\n".join(out).rstrip() + "\n")


def language_heading(lang: str) -> str:
    return LANGUAGES.get(lang, lang)


def split_rows(sp: CardSplit, compare: str = "") -> list[str]:
    """A card's choices: what each was called, how many took it, who (with `compare`, a column with each
    choice in that language)."""
    head = [_("Choice"), _("Decisions"), _("Who")]
    if compare:
        head.insert(1, _("Choice ({language})").format(language=language_heading(compare)))
    rows = ["| " + " | ".join(head) + " |", "|---|" + ("---|" if compare else "") + "---:|---|"]
    for c in sp.counts:
        hist = f" *{aside(historical()).strip()}*" if c.historical else ""
        other = f" {_cell(c.compared)} |" if compare else ""
        rows.append(f"| {_cell(c.label)}{hist} |{other} {c.count} | {_cell(_(', ').join(c.who))} |")
    return rows


def _class_head(s: ClassSummary) -> list[str]:
    n = len(s.games)
    extra = ([ngettext("{n} identical copy listed once", "{n} identical copies listed once",
                       len(s.duplicates)).format(n=len(s.duplicates))] if s.duplicates else [])
    extra += [ngettext("{n} file skipped", "{n} files skipped", len(s.problems)).format(n=len(s.problems))
              ] if s.problems else []
    read = s.read_text().format(n=f"**{n}**")
    out = [f"# {_md(_('{title} — class summary').format(title=s.scenario_title))}", "",
           read + "".join(_("; {more}").format(more=x) for x in extra) + _("."), ""]
    if s.compare:
        out += [_("Cards and choices are shown in {language} and in {other}.").format(
            language=language_heading(s.lang), other=language_heading(s.compare)), ""]
    if len(s.seeds) > 1:
        out += [_("These games were played with different seeds or class codes ({seeds}), so they did not all see "
                  "the same cards in the same months.").format(seeds=_md(s.seeds_text())), ""]
    elif s.seeds:
        out += [_("All games: {seeds}.").format(seeds=_md(s.seeds_text())), ""]
    if s.branches:
        out += [ngettext("{n} of these games is a branch rewound from another game (see Notes below); each is "
                         "counted as a game of its own.",
                         "{n} of these games are branches rewound from another game (see Notes below); each is "
                         "counted as a game of its own.", len(s.branches)).format(n=len(s.branches)), ""]
    if n:
        cols = [_("Game"), _("Reached"), _("Ending"), _("Decisions"), _("Reflections"), _("Hot-seat talks"), _("Notes")]
        out += ["## " + _("Games"), "", "| " + " | ".join(cols) + " |", "|---|---|---|---:|---:|---:|---|"]
        for g in s.games:
            reached, ending, decisions, refl, hot, notes = g.cells()
            out.append(f"| {_cell(g.name)} | {_cell(reached)} | {_cell(ending)} | "
                       f"{decisions} | {refl} | {hot} | {_cell(notes)} |")
        out.append("")
    if s.duplicates:
        out += ["## " + _("Identical copies (counted once)"), ""]
        out += ["- " + _("`{path}` is a byte-for-byte copy of `{original}` ({name})").format(
            path=_md(x.path), original=_md(x.same_as), name=_md(x.same_as_name)) for x in s.duplicates] + [""]
    if s.problems:
        out += ["## " + _("Files skipped"), ""] + [f"- `{_md(p)}`: {_md(msg)}" for p, msg in s.problems] + [""]
    return out


def class_markdown(s: ClassSummary) -> str:
    """The class summary as Markdown (terminal-safe)."""
    out = _class_head(s)
    n = len(s.games)
    if not n:
        return clean("\n".join(out).rstrip() + "\n")
    out += ["## " + _("Endings"), "", f"| {_('Ending')} | {_('Games')} | {_('Share')} |", "|---|---:|---:|"]
    out += [f"| {_cell(title)}{f' *{aside(closest()).strip()}*' if eid in s.historical_endings else ''} | "
            f"{c} | {round(100 * c / n)}% |" for eid, title, c in s.endings] + [""]

    out += ["## " + _("Where the class split most"), "",
            _("Cards decided by at least 3 players, most even split first (1.00 = perfectly even)."), ""]
    for sp in s.most_split:
        counts = _(", ").join(f"“{_md(both(c.label, c.compared))}”"
                              f"{aside(_('historical')) if c.historical else ''} {c.count}" for c in sp.counts)
        facts = _("evenness {evenness}, {players}").format(
            evenness=decimal(sp.evenness, 2),
            players=ngettext("{n} player", "{n} players", sp.players).format(n=sp.players))
        out.append(f"- **{_md(both(sp.title, sp.compared))}**{aside(facts)}: {counts}")
    if not s.most_split:
        out.append(_("No card was decided by three or more players yet."))
    out.append("")

    out += ["## " + _("Average meters by month"), "",
            f"| {_('Month')} | {_('Games')} | " + " | ".join(_cell(v) for v in s.meter_names.values()) + " |",
            "|---|---:|" + "---:|" * len(s.meter_names)]
    for i, label in enumerate(s.labels):
        vals = " | ".join("" if s.mean_paths[m][i] is None else decimal(s.mean_paths[m][i] or 0.0)
                          for m in s.meter_names)
        out.append(f"| {_cell(label)} | {s.still_playing[i]} | {vals} |")
    out += ["", _("*Games* counts the games still running at that point; averages are over those games."), ""]

    out += ["## " + _("Outliers"), ""]
    if n < 5:
        out.append(_("Too few games to call any an outlier (needs 5)."))
    elif not s.outliers:
        out.append(_("No game ended far (2 standard deviations) from the class average."))
    for o in s.outliers:
        far = _(", ").join(f"{_md(name)} {value} (z {'+' if z >= 0 else '−'}{decimal(abs(z))})"
                           for name, value, z in o.far)
        out.append(f"- **{_md(o.name)}** — {_md(o.status)}: {far}")
    out += ["", _("Class average at the end: {averages}").format(averages=_(", ").join(
        f"{_md(s.meter_names[m])} {decimal(v)}" for m, v in s.final_means.items())), ""]

    out += class_roles_markdown(class_roles(s.games))
    out += ["## " + _("Negotiations"), ""]
    for t in s.talks:
        outcomes = _(", ").join(f"{_md(label)} {c}" for label, c in t.outcomes)
        held = ngettext("held {n} time", "held {n} times", t.held).format(n=t.held)
        deals = ngettext("{n} deal", "{n} deals", t.deals).format(n=t.deals)
        hot = (_(", {n} hot-seat ({against} answer(s) against the AI)").format(n=t.hotseat, against=t.against_ai)
               if t.hotseat else "")
        out.append(f"- **{_md(t.title)}**: " + _("{held}, {deals}{hot}. Outcomes: {outcomes}").format(
            held=held, deals=deals, hot=hot, outcomes=outcomes))
    if not s.talks:
        out.append(_("No negotiations were held."))
    out.append("")

    out += ["## " + _("How the class decided, card by card"), "",
            _("Cards drawn in at least two games; counts are decisions (a card can return in a later month)."), ""]
    for sp in s.splits:
        drawn = ngettext("Drawn in {n} game", "Drawn in {n} games", sp.games).format(n=sp.games)
        decided = ngettext("decided {n} time", "decided {n} times", sp.decisions).format(n=sp.decisions)
        out += [f"### {_md(both(sp.title, sp.compared))}", "", _("{drawn}, {decided}.").format(drawn=drawn,
                                                                                               decided=decided), ""]
        out += split_rows(sp, s.compare) + [""]

    if s.reflections:
        out += ["## " + _("Reflections"), ""]
        for r in s.reflections:
            tally = _("{answered} answered, {skipped} skipped").format(answered=len(r.answers), skipped=r.skipped)
            out += [f"**{_md(r.prompt)}**{aside(tally)}", ""]
            out += [f"- *{_md(name)}:* {_md(answer)}" for name, answer in r.answers] + [""]
    return clean("\n".join(out).rstrip() + "\n")
