"""The class summary as one self-contained HTML page (same style as the debrief; every text escaped).

With a comparison language (`class-report --compare`), each card's title and choices are shown in both
languages side by side, each marked with its `lang` so browsers pick the right fonts.
"""

from __future__ import annotations

from html import escape

from game.i18n import LANGUAGES, _, ngettext, number
from game.report.chart import Series, svg_chart, svg_legend
from game.report.html import HTML_LANG, page
from game.report.markdown import closest, historical
from game.report.roles import class_roles, class_roles_html
from game.report.summary import CardSplit, ClassSummary


def _bar(count: int, total: int, width: int = 20) -> str:
    filled = round(width * count / total) if total else 0
    return f'<span class="bar" aria-hidden="true">{"█" * filled}{"░" * (width - filled)}</span>'


def _in(lang: str, text: str) -> str:
    """`text` marked as written in `lang`."""
    return f'<span lang="{HTML_LANG.get(lang, lang)}">{escape(text)}</span>'


def _split_table(sp: CardSplit, caption: str, compare: str = "") -> str:
    e = escape
    rows = []
    for c in sp.counts:
        hist = f' <span class="tag">{e(historical())}</span>' if c.historical else ""
        other = f"<td>{_in(compare, c.compared)}</td>" if compare else ""
        rows.append(f'<tr><td>{e(c.label)}{hist}</td>{other}<td class="n">{c.count}</td>'
                    f'<td>{_bar(c.count, sp.decisions)}</td><td class="deck">{e(_(", ").join(c.who))}</td></tr>')
    other_head = (f"<th>{e(_('Choice ({language})').format(language=LANGUAGES.get(compare, compare)))}</th>"
                  if compare else "")
    title = e(sp.title) + (f' <span class="deck">/ {_in(compare, sp.compared)}</span>' if compare else "")
    return (f"<h3>{title}</h3><p class=\"meta\">{e(caption)}</p>"
            f'<table class="split{" compare" if compare else ""}"><thead><tr><th>{e(_("Choice"))}</th>{other_head}'
            f'<th class="n">{e(_("Decisions"))}</th><th></th><th>{e(_("Who"))}</th></tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table>")


def _head(s: ClassSummary) -> list[str]:
    e = escape
    n = len(s.games)
    facts = [e(s.read_text()).format(n=f"<strong>{n}</strong>")]
    if s.duplicates:
        facts.append(e(ngettext("{n} identical copy listed once", "{n} identical copies listed once",
                                len(s.duplicates)).format(n=len(s.duplicates))))
    if s.problems:
        facts.append(e(ngettext("{n} file skipped", "{n} files skipped", len(s.problems)).format(n=len(s.problems))))
    if s.seeds:
        facts.append(e(s.seeds_text()))
    body = [f"<header><h1>{e(_('{title} — class summary').format(title=s.scenario_title))}</h1>",
            f'<p class="meta">{" · ".join(facts)}</p></header>']
    if s.compare:
        body.append('<p class="note">' + e(_("Cards and choices are shown in {language} and in {other}.").format(
            language=LANGUAGES.get(s.lang, s.lang), other=LANGUAGES.get(s.compare, s.compare))) + "</p>")
    if len(s.seeds) > 1:
        body.append('<p class="note">' + e(_("These games were played with different seeds or class codes, so they "
                                             "did not all see the same cards in the same months.")) + "</p>")
    if s.branches:
        body.append('<p class="note">' + e(ngettext(
            "{n} of these games is a branch rewound from another game (see the Notes column); each is counted as a "
            "game of its own.",
            "{n} of these games are branches rewound from another game (see the Notes column); each is counted as a "
            "game of its own.", len(s.branches)).format(n=len(s.branches))) + "</p>")
    if n:
        cols = [(_("Game"), ""), (_("Reached"), ""), (_("Ending"), ""), (_("Decisions"), "n"), (_("Reflections"), "n"),
                (_("Hot-seat talks"), "n"), (_("Notes"), "")]
        body.append(f"<section><h2>{e(_('Games'))}</h2><table><thead><tr>"
                    + "".join(f'<th class="{cls}">{e(c)}</th>' if cls else f"<th>{e(c)}</th>" for c, cls in cols)
                    + "</tr></thead><tbody>")
        for g in s.games:
            reached, ending, decisions, refl, hot, notes = g.cells()
            body.append(f"<tr><td>{e(g.name)}</td><td>{e(reached)}</td><td>{e(ending)}</td>"
                        f'<td class="n">{decisions}</td><td class="n">{e(refl)}</td><td class="n">{e(hot)}</td>'
                        f"<td>{e(notes)}</td></tr>")
        body.append("</tbody></table></section>")
    if s.duplicates:
        body.append(f"<section><h2>{e(_('Identical copies (counted once)'))}</h2><ul>" + "".join(
            "<li>" + e(_("{path} is a byte-for-byte copy of {original} ({name})")).format(
                path=f"<code>{e(str(x.path))}</code>", original=f"<code>{e(str(x.same_as))}</code>",
                name=e(x.same_as_name)) + "</li>" for x in s.duplicates) + "</ul></section>")
    if s.problems:
        body.append(f"<section><h2>{e(_('Files skipped'))}</h2><ul>"
                    + "".join(f"<li><code>{e(p)}</code>: {e(msg)}</li>" for p, msg in s.problems) + "</ul></section>")
    return body


def _endings(s: ClassSummary) -> list[str]:
    e = escape
    n = len(s.games)
    body = [f"<section><h2>{e(_('Endings'))}</h2><table><thead><tr><th>{e(_('Ending'))}</th>"
            f'<th class="n">{e(_("Games"))}</th><th class="n">{e(_("Share"))}</th><th></th></tr></thead><tbody>']
    for eid, title, c in s.endings:
        hist = f' <span class="tag">{e(closest())}</span>' if eid in s.historical_endings else ""
        body.append(f'<tr><td>{e(title)}{hist}</td><td class="n">{c}</td><td class="n">{round(100 * c / n)}%</td>'
                    f"<td>{_bar(c, n)}</td></tr>")
    body.append("</tbody></table></section>")
    return body


def _averages(s: ClassSummary) -> list[str]:
    e = escape
    series = [Series(name, s.mean_paths[m], False) for m, name in s.meter_names.items()]
    body = [f"<section><h2>{e(_('Average meters by month'))}</h2>",
            svg_chart(series, s.labels, _("Class average meters by month")), svg_legend(series),
            f"<details><summary>{e(_('Numbers behind the chart'))}</summary><table><thead><tr>"
            f'<th>{e(_("Month"))}</th><th class="n">{e(_("Games"))}</th>'
            + "".join(f'<th class="n">{e(v)}</th>' for v in s.meter_names.values()) + "</tr></thead><tbody>"]
    for i, label in enumerate(s.labels):
        cells = "".join(f'<td class="n">{"" if (v := s.mean_paths[m][i]) is None else number(v, decimals=1)}</td>'
                        for m in s.meter_names)
        body.append(f'<tr><td>{e(label)}</td><td class="n">{s.still_playing[i]}</td>{cells}</tr>')
    note = _("Averages are over the games still running at each month.")
    body.append(f'</tbody></table></details><p class="meta">{e(note)}</p></section>')
    return body


def _outliers(s: ClassSummary) -> list[str]:
    e = escape
    body = [f"<section><h2>{e(_('Outliers'))}</h2>"]
    if len(s.games) < 5:
        body.append(f"<p>{e(_('Too few games to call any an outlier (needs 5).'))}</p>")
    elif not s.outliers:
        body.append(f"<p>{e(_('No game ended far (2 standard deviations) from the class average.'))}</p>")
    else:
        body.append(f"<table><thead><tr><th>{e(_('Game'))}</th><th>{e(_('Ending'))}</th>"
                    f"<th>{e(_('Far from the class on'))}</th></tr></thead><tbody>")
        for o in s.outliers:
            far = e(_(", ").join(f"{name} {value} (z {'+' if z >= 0 else '−'}{number(abs(z), decimals=1)})"
                                 for name, value, z in o.far))
            body.append(f"<tr><td>{e(o.name)}</td><td>{e(o.status)}</td><td>{far}</td></tr>")
        body.append("</tbody></table>")
    averages = _(", ").join(f"{s.meter_names[m]} {number(v, decimals=1)}" for m, v in s.final_means.items())
    body.append(f'<p class="meta">{e(_("Class average at the end: {averages}").format(averages=averages))}</p>'
                "</section>")
    return body


def _talks(s: ClassSummary) -> list[str]:
    e = escape
    body = [f"<section><h2>{e(_('Negotiations'))}</h2>"]
    if s.talks:
        cols = [(_("Talks"), ""), (_("Held"), "n"), (_("Deals"), "n"), (_("Hot-seat"), "n"),
                (_("Answers against the AI"), "n"), (_("Outcomes"), "")]
        body.append("<table><thead><tr>" + "".join(f'<th class="{cls}">{e(c)}</th>' if cls else f"<th>{e(c)}</th>"
                                                   for c, cls in cols) + "</tr></thead><tbody>")
        for t in s.talks:
            outcomes = e(_("; ").join(f"{label} {c}" for label, c in t.outcomes))
            body.append(f'<tr><td>{e(t.title)}</td><td class="n">{t.held}</td><td class="n">{t.deals}</td>'
                        f'<td class="n">{t.hotseat}</td><td class="n">{t.against_ai if t.hotseat else "—"}</td>'
                        f"<td>{outcomes}</td></tr>")
        body.append("</tbody></table>")
    else:
        body.append(f"<p>{e(_('No negotiations were held.'))}</p>")
    body.append("</section>")
    return body


def class_html(s: ClassSummary) -> str:
    """The class summary as one self-contained HTML page."""
    e = escape
    body = _head(s)
    title = _("{title} — class summary").format(title=s.scenario_title)
    if not s.games:
        return page(title, body)
    body += _endings(s)

    body.append(f"<section><h2>{e(_('Where the class split most'))}</h2><p>"
                + e(_("Cards decided by at least three players, most even split first (1.00 = perfectly even): good "
                      "openers for the discussion.")) + "</p>")
    for sp in s.most_split:
        caption = _("evenness {evenness} · {players}").format(
            evenness=number(sp.evenness, decimals=2),
            players=ngettext("{n} player", "{n} players", sp.players).format(n=sp.players))
        body.append(_split_table(sp, caption, s.compare))
    if not s.most_split:
        body.append(f"<p>{e(_('No card was decided by three or more players yet.'))}</p>")
    body.append("</section>")

    body += _averages(s) + _outliers(s) + class_roles_html(class_roles(s.games)) + _talks(s)

    body.append(f"<section><h2>{e(_('How the class decided, card by card'))}</h2><p>"
                + e(_("Cards drawn in at least two games; counts are decisions (a card can return in a later month)."))
                + "</p>")
    for sp in s.splits:
        caption = _("{drawn} · {decided}").format(
            drawn=ngettext("drawn in {n} game", "drawn in {n} games", sp.games).format(n=sp.games),
            decided=ngettext("decided {n} time", "decided {n} times", sp.decisions).format(n=sp.decisions))
        body.append(_split_table(sp, caption, s.compare))
    body.append("</section>")

    if s.reflections:
        body.append(f"<section><h2>{e(_('Reflections'))}</h2>")
        for r in s.reflections:
            tally = _("{answered} answered, {skipped} skipped").format(answered=len(r.answers), skipped=r.skipped)
            body.append(f"<h3>{e(r.prompt)}</h3><p class=\"meta\">{e(tally)}</p>"
                        "<ul>" + "".join(f"<li><strong>{e(name)}:</strong> {e(a)}</li>" for name, a in r.answers)
                        + "</ul>")
        body.append("</section>")
    return page(title, body)
