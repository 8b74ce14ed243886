"""The class summary as one self-contained HTML page (same style as the debrief; every text escaped)."""

from __future__ import annotations

from html import escape

from game.report.chart import Series, svg_chart, svg_legend
from game.report.html import page
from game.report.markdown import HISTORICAL
from game.report.summary import CardSplit, ClassSummary


def _bar(count: int, total: int, width: int = 20) -> str:
    filled = round(width * count / total) if total else 0
    return f'<span class="bar" aria-hidden="true">{"█" * filled}{"░" * (width - filled)}</span>'


def _split_table(sp: CardSplit, caption: str) -> str:
    e = escape
    rows = []
    for c in sp.counts:
        hist = f' <span class="tag">{HISTORICAL}</span>' if c.historical else ""
        rows.append(f'<tr><td>{e(c.label)}{hist}</td><td class="n">{c.count}</td><td>{_bar(c.count, sp.decisions)}'
                    f'</td><td class="deck">{e(", ".join(c.who))}</td></tr>')
    return (f"<h3>{e(sp.title)}</h3><p class=\"meta\">{e(caption)}</p>"
            '<table class="split"><thead><tr><th>Choice</th><th class="n">Decisions</th><th></th><th>Who</th></tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table>")


def _head(s: ClassSummary) -> list[str]:
    e = escape
    n = len(s.games)
    facts = [f"<strong>{n}</strong> game{'s' if n != 1 else ''} read, {e(s.read_from)}"]
    if s.duplicates:
        facts.append(f"{len(s.duplicates)} identical cop{'ies' if len(s.duplicates) != 1 else 'y'} listed once")
    if s.problems:
        facts.append(f"{len(s.problems)} file(s) skipped")
    if s.seeds:
        facts.append(e(s.seeds_text()))
    body = [f"<header><h1>{e(s.scenario_title)} — class summary</h1>", (f'<p class="meta">{" · ".join(facts)}</p>'
            "</header>")]
    if len(s.seeds) > 1:
        body.append('<p class="note">These games were played with different seeds or class codes, so they did '
                    "not all see the same cards in the same months.</p>")
    if s.branches:
        many = len(s.branches) > 1
        body.append(f'<p class="note">{len(s.branches)} of these games {"are branches" if many else "is a branch"} '
                    "rewound from another game (see the Notes column); each is counted as a game of its own.</p>")
    if n:
        body.append('<section><h2>Games</h2><table><thead><tr><th>Game</th><th>Reached</th><th>Ending</th>'
                    '<th class="n">Decisions</th><th class="n">Reflections</th><th class="n">Hot-seat talks</th>'
                    "<th>Notes</th></tr></thead><tbody>")
        for g in s.games:
            hot = f"{g.hotseat_talks} ({g.against_ai} against the AI)" if g.hotseat_talks else "—"
            refl = f"{g.reflections}" + (f" (+{g.reflections_skipped} skipped)" if g.reflections_skipped else "")
            notes = ([f"branch: {g.branch}"] if g.branch else []) + list(g.tags)
            ending = g.status if g.over else "In progress"
            body.append(f"<tr><td>{e(g.name)}</td><td>month {g.turn} ({e(g.debrief.month)})</td><td>{e(ending)}</td>"
                        f'<td class="n">{g.decisions}</td><td class="n">{refl}</td><td class="n">{hot}</td>'
                        f"<td>{e('; '.join(notes))}</td></tr>")
        body.append("</tbody></table></section>")
    if s.duplicates:
        body.append("<section><h2>Identical copies (counted once)</h2><ul>" + "".join(
            f"<li><code>{e(str(x.path))}</code> is a byte-for-byte copy of <code>{e(str(x.same_as))}</code> "
            f"({e(x.same_as_name)})</li>" for x in s.duplicates) + "</ul></section>")
    if s.problems:
        body.append("<section><h2>Files skipped</h2><ul>"
                    + "".join(f"<li><code>{e(p)}</code>: {e(msg)}</li>" for p, msg in s.problems) + "</ul></section>")
    return body


def class_html(s: ClassSummary) -> str:
    """The class summary as one self-contained HTML page."""
    e = escape
    n = len(s.games)
    body = _head(s)
    if not n:
        return page(f"{s.scenario_title} — class summary", body)

    body.append('<section><h2>Endings</h2><table><thead><tr><th>Ending</th><th class="n">Games</th>'
                '<th class="n">Share</th><th></th></tr></thead><tbody>')
    for eid, title, c in s.endings:
        hist = ' <span class="tag">closest to what actually happened</span>' if eid in s.historical_endings else ""
        body.append(f'<tr><td>{e(title)}{hist}</td><td class="n">{c}</td><td class="n">{round(100 * c / n)}%</td>'
                    f"<td>{_bar(c, n)}</td></tr>")
    body.append("</tbody></table></section>")

    body.append("<section><h2>Where the class split most</h2><p>Cards decided by at least three players, most "
                "even split first (1.00 = perfectly even): good openers for the discussion.</p>")
    body += [_split_table(sp, f"evenness {sp.evenness:.2f} · {sp.players} players") for sp in s.most_split]
    if not s.most_split:
        body.append("<p>No card was decided by three or more players yet.</p>")
    body.append("</section>")

    series = [Series(name, s.mean_paths[m], False) for m, name in s.meter_names.items()]
    body += ["<section><h2>Average meters by month</h2>", svg_chart(series, s.labels, "Class average meters by month"),
             svg_legend(series), "<details><summary>Numbers behind the chart</summary><table><thead><tr>"
             '<th>Month</th><th class="n">Games</th>'
             + "".join(f'<th class="n">{e(v)}</th>' for v in s.meter_names.values()) + "</tr></thead><tbody>"]
    for i, label in enumerate(s.labels):
        body.append(f'<tr><td>{e(label)}</td><td class="n">{s.still_playing[i]}</td>' + "".join(
            f'<td class="n">{"" if s.mean_paths[m][i] is None else f"{s.mean_paths[m][i]:.1f}"}</td>'
            for m in s.meter_names) + "</tr>")
    body.append('</tbody></table></details><p class="meta">Averages are over the games still running at each '
                "month.</p></section>")

    body.append("<section><h2>Outliers</h2>")
    if n < 5:
        body.append("<p>Too few games to call any an outlier (needs 5).</p>")
    elif not s.outliers:
        body.append("<p>No game ended far (2 standard deviations) from the class average.</p>")
    else:
        body.append("<table><thead><tr><th>Game</th><th>Ending</th><th>Far from the class on</th></tr></thead><tbody>")
        for o in s.outliers:
            far = ", ".join(f"{e(name)} {value} (z {z:+.1f})" for name, value, z in o.far)
            body.append(f"<tr><td>{e(o.name)}</td><td>{e(o.status)}</td><td>{far}</td></tr>")
        body.append("</tbody></table>")
    body.append('<p class="meta">Class average at the end: ' + ", ".join(
        f"{e(s.meter_names[m])} {v:.1f}" for m, v in s.final_means.items()) + "</p></section>")

    body.append("<section><h2>Negotiations</h2>")
    if s.talks:
        body.append('<table><thead><tr><th>Talks</th><th class="n">Held</th><th class="n">Deals</th>'
                    '<th class="n">Hot-seat</th><th class="n">Answers against the AI</th><th>Outcomes</th></tr>'
                    "</thead><tbody>")
        for t in s.talks:
            outcomes = "; ".join(f"{e(label)} {c}" for label, c in t.outcomes)
            body.append(f'<tr><td>{e(t.title)}</td><td class="n">{t.held}</td><td class="n">{t.deals}</td>'
                        f'<td class="n">{t.hotseat}</td><td class="n">{t.against_ai if t.hotseat else "—"}</td>'
                        f"<td>{outcomes}</td></tr>")
        body.append("</tbody></table>")
    else:
        body.append("<p>No negotiations were held.</p>")
    body.append("</section>")

    body.append("<section><h2>How the class decided, card by card</h2><p>Cards drawn in at least two games; "
                "counts are decisions (a card can return in a later month).</p>")
    body += [_split_table(sp, f"drawn in {sp.games} games · decided {sp.decisions} time(s)") for sp in s.splits]
    body.append("</section>")

    if s.reflections:
        body.append("<section><h2>Reflections</h2>")
        for r in s.reflections:
            body.append(f"<h3>{e(r.prompt)}</h3><p class=\"meta\">{len(r.answers)} answered, {r.skipped} skipped</p>"
                        "<ul>" + "".join(f"<li><strong>{e(name)}:</strong> {e(a)}</li>" for name, a in r.answers)
                        + "</ul>")
        body.append("</section>")
    return page(f"{s.scenario_title} — class summary", body)
