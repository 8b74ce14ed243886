"""Self-contained HTML renderings (inline CSS and SVG, no scripts or web fonts; prints cleanly).

Every piece of content or player text passes through `html.escape`.
"""

from __future__ import annotations

from html import escape

from game.report.chart import Series, svg_chart, svg_legend
from game.report.debrief import Debrief
from game.report.markdown import change_text, cite, signed
from game.report.summary import CardSplit, ClassSummary

CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #ccc; --paper: #fff; --soft: #f4f2ee; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem 1.5rem 4rem; color: var(--ink); background: var(--paper);
  font: 16px/1.5 Georgia, "Times New Roman", "Noto Serif", "Noto Serif CJK SC", serif; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, "Noto Sans", sans-serif; line-height: 1.2; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.02rem; margin: 1.4rem 0 .4rem; }
.meta { color: var(--muted); margin: 0 0 1rem; font-size: .92rem; }
.note, .branch { border-left: 4px solid var(--ink); background: var(--soft); padding: .5rem .8rem; }
.ending { border: 2px solid var(--ink); padding: .8rem 1.1rem; margin: 1rem 0; }
.ending .title { font: bold 1.35rem/1.2 "Helvetica Neue", Arial, sans-serif; margin: 0 0 .4rem; }
blockquote { margin: .6rem 0; padding: .3rem .9rem; border-left: 3px solid var(--muted); font-style: italic; }
cite { display: block; font-style: normal; font-size: .88rem; color: var(--muted); }
.chart { width: 100%; height: auto; display: block; }
.legend { font: .88rem/1.8 "Helvetica Neue", Arial, sans-serif; }
.key { white-space: nowrap; margin-right: 1rem; }
.key svg { vertical-align: middle; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0;
  font: .88rem/1.35 "Helvetica Neue", Arial, sans-serif; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .45rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.month { margin: 0; padding: 0; list-style: none; }
.month > li { margin: 0 0 .8rem; padding: .5rem .8rem; background: var(--soft); break-inside: avoid; }
.card-title { font-weight: bold; }
.deck { color: var(--muted); font-size: .85rem; }
.chose { margin: .15rem 0; }
.outcome { font-style: italic; margin: .15rem 0; }
.effects { margin: .3rem 0 0; padding: 0; list-style: none; font: .85rem/1.6 "Helvetica Neue", Arial, sans-serif; }
.effects li { display: inline-block; border: 1px solid var(--rule); background: var(--paper); padding: 0 .4rem;
  margin: 0 .3rem .2rem 0; border-radius: 3px; }
.tag { font: .78rem "Helvetica Neue", Arial, sans-serif; border: 1px solid var(--ink); padding: 0 .3rem; }
.talk { border: 1px solid var(--rule); padding: .6rem .9rem; margin: .8rem 0; break-inside: avoid; }
.talk dl { margin: .4rem 0 0; display: grid; grid-template-columns: 11rem 1fr; gap: .25rem .8rem; }
.talk dt { font: bold .85rem/1.5 "Helvetica Neue", Arial, sans-serif; }
.talk dd { margin: 0; }
.talk dt.result, .talk dd.result { border-top: 1px dashed var(--muted); padding-top: .25rem; }
.sources li { margin: .3rem 0; }
table.split td:first-child { width: 62%; }
table.split td.n { width: 6rem; }
.bar { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; letter-spacing: -1px; }
ol.questions li { margin: .5rem 0; }
details summary { cursor: pointer; color: var(--muted); }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
@media print {
  @page { margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  .month > li, .talk, .ending, table, svg { break-inside: avoid; }
  .month > li { background: none; border: 1px solid var(--rule); }
  details { display: none; }  /* the chart and the tables above carry the same numbers on paper */
  a { color: inherit; text-decoration: none; }
}
"""


def _page(title: str, body: list[str]) -> str:
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n<footer>Friendship Pass — generated offline; every quote is cited to its source."
            "</footer>\n</body>\n</html>\n")


def _arrow(delta: int | None) -> str:
    return "" if delta is None else ("▲ " if delta > 0 else "▼ " if delta < 0 else "")


def debrief_html(d: Debrief) -> str:
    """The whole debrief of one game as one self-contained HTML page."""
    e = escape
    body = [f"<header><h1>{e(d.scenario_title)} — debrief</h1>"]
    facts = [f"Player: <strong>{e(d.name)}</strong>", f"seed {e(d.seed)}"]
    facts += [f"class code <strong>{e(d.class_code)}</strong>"] if d.class_code else []
    facts += [f"hot-seat talks: {e(d.hotseat)}"] if d.hotseat else []
    facts.append(f"reached {e(d.month)} (month {d.turn})")
    body.append(f'<p class="meta">{" · ".join(facts)}</p></header>')
    body += [f'<p class="note">{e(n)}</p>' for n in d.notes]
    if d.branched:
        body.append(f'<p class="branch"><strong>Branch.</strong> {e(d.branched)}</p>')

    body.append('<section><h2>Ending</h2><div class="ending">')
    if d.ending:
        x = d.ending
        body += [f'<p class="title">{e(x.title)}</p><p class="meta">{e(x.month)} · '
                 f'{"lost early" if x.kind == "immediate" else "final evaluation"}</p>', f"<p>{e(x.text)}</p>",
                 f"<p><strong>What actually happened.</strong> {e(x.epilogue)}</p>",
                 f"<blockquote>“{e(x.source.quote)}”<cite>— {e(cite(x.source.citation, x.source.where))}</cite>"
                 "</blockquote>"]
    else:
        body.append(f'<p class="title">In progress, month {d.turn}</p><p>{e(d.month)}: this game has not ended '
                    "yet. The report shows everything up to now.</p>")
    body.append("</div></section>")

    series = [Series(m.name, list(m.values), m.primary) for m in d.meters]
    marks = [(t.turn, f"T{t.number}") for t in d.talks]
    body += ["<section><h2>Meters over the months</h2>", svg_chart(series, d.points, "Meters by month", marks=marks),
             svg_legend(series)]
    if d.talks:
        body.append('<p class="meta">Dotted verticals T1, T2 … mark the months of the negotiations below; '
                    "primary meters are drawn thicker.</p>")
    body.append('<table><thead><tr><th>Meter</th><th class="n">Start</th><th class="n">End</th>'
                '<th class="n">Change</th><th class="n">Low</th><th class="n">High</th></tr></thead><tbody>')
    for m in d.meters:
        body.append(f"<tr><td>{'<strong>' if m.primary else ''}{e(m.name)}{'</strong>' if m.primary else ''}</td>"
                    f'<td class="n">{m.values[0]}</td><td class="n">{m.values[-1]}</td>'
                    f'<td class="n">{signed(m.values[-1] - m.values[0])}</td><td class="n">{min(m.values)}</td>'
                    f'<td class="n">{max(m.values)}</td></tr>')
    body.append("</tbody></table>")
    body.append("<details><summary>Numbers behind the chart</summary><table><thead><tr><th>Month</th>"
                + "".join(f'<th class="n">{e(m.name)}</th>' for m in d.meters) + "</tr></thead><tbody>")
    for i, label in enumerate(d.points):
        body.append(f"<tr><td>{e(label)}</td>" + "".join(f'<td class="n">{m.values[i]}</td>' for m in d.meters)
                    + "</tr>")
    body.append("</tbody></table></details>")
    idx = list(range(0, len(d.points), 3)) + ([len(d.points) - 1] if (len(d.points) - 1) % 3 else [])
    body.append("<h3>Counters <span class=\"deck\">facts, not scores</span></h3><table><thead><tr><th>Counter</th>"
                + "".join(f'<th class="n">{e(d.points[i])}</th>' for i in idx) + "</tr></thead><tbody>")
    for c in d.counters:
        unit = f' <span class="deck">{e(c.unit)}</span>' if c.unit else ""
        body.append(f"<tr><td>{e(c.name)}{unit}</td>" + "".join(f'<td class="n">{c.values[i]:,}</td>' for i in idx)
                    + "</tr>")
    body.append("</tbody></table></section>")

    body.append("<section><h2>Decisions, month by month</h2>")
    month = None
    for dec in d.decisions:
        if dec.month != month:
            if month is not None:
                body.append("</ul>")
            month = dec.month
            body.append(f'<h3>{e(dec.month)} <span class="deck">month {dec.turn}</span></h3><ul class="month">')
        if dec.kind == "policy":
            switch = "; ".join(change_text(c) for c in dec.changes)
            body.append(f'<li><span class="card-title">Policy change</span><p class="chose">{e(switch)}</p></li>')
            continue
        else:
            hist = ' <span class="tag">what Pingxiang actually did</span>' if dec.historical else ""
            body.append(f'<li><span class="card-title">{e(dec.card_title)}</span> <span class="deck">'
                        f'{e(dec.deck_title)}</span><p class="chose">Chose {dec.choice}: '
                        f"<strong>{e(dec.label)}</strong>{hist}</p>")
            if dec.outcome:
                body.append(f'<p class="outcome">{e(dec.outcome)}</p>')
            if dec.negotiation:
                body.append(f'<p class="chose">Opened talks: {e(dec.negotiation)}</p>')
        chips = "".join(f"<li>{_arrow(c.delta)}{e(change_text(c))}</li>" for c in dec.changes)
        body.append(f'<ul class="effects" aria-label="effects">{chips or "<li>no effect</li>"}</ul></li>')
    body.append("</ul>" if month is not None else "<p>No decisions yet.</p>")
    body.append("</section>")

    body.append("<section><h2>Negotiations</h2>")
    for t in d.talks:
        who = " · hot-seat: a classmate answered for the counterpart" if t.hotseat else ""
        body.append(f'<div class="talk"><h3>T{t.number}. {e(t.title)} — {e(t.month)}</h3>'
                    f'<p class="meta">Across the table: {e(t.counterpart)} · '
                    f"opened by “{e(t.card_title)}”{e(who)} · "
                    f"{t.rounds} round{'s' if t.rounds != 1 else ''}</p>"
                    f"<p><strong>Outcome: {e(t.outcome_label)}</strong> ({'deal' if t.deal else 'no deal'})</p><dl>")
        for speaker, line in t.lines:
            cls = ' class="result"' if speaker == "Outcome" else ""
            body.append(f"<dt{cls}>{e(speaker)}</dt><dd{cls}>{e(line)}</dd>")
        body.append("</dl></div>")
    if not d.talks:
        body.append("<p>No negotiations in this game.</p>")
    body.append("</section>")

    body.append("<section><h2>Your reflections</h2>")
    for r in d.reflections:
        body.append(f"<h3>{e(r.month)}</h3><p><em>{e(r.prompt)}</em></p>"
                    f"<blockquote>{e(r.answer) if r.answer else '(skipped)'}</blockquote>")
    if not d.reflections:
        body.append("<p>No reflections were recorded in this game.</p>")
    body.append("</section>")

    body.append('<section class="sources"><h2>Sources met</h2>')
    for g in d.sources:
        body.append(f'<h3 id="src-{e(g.id)}">{e(g.short)}</h3><p class="meta">{e(g.citation)}</p><ul>')
        for u in g.uses:
            kind = "" if u.what == "card" else f"{u.what}: "
            body.append(f'<li>{e(kind)}<strong>{e(u.title)}</strong> <span class="deck">{e(u.month)}</span><br>'
                        f"“{e(u.quote)}” <span class=\"deck\">— {e(u.where)}</span></li>")
        body.append("</ul>")
    body.append("</section>")

    body.append('<section><h2>Questions for discussion</h2><ol class="questions">')
    body += [f"<li>{e(q)}</li>" for q in d.discussion]
    body.append("</ol></section>")
    return _page(f"{d.scenario_title} — debrief: {d.name}", body)


def _bar(count: int, total: int, width: int = 20) -> str:
    filled = round(width * count / total) if total else 0
    return f'<span class="bar" aria-hidden="true">{"█" * filled}{"░" * (width - filled)}</span>'


def class_html(s: ClassSummary) -> str:
    """The class summary as one self-contained HTML page."""
    e = escape
    n = len(s.games)
    body = [f"<header><h1>{e(s.scenario_title)} — class summary</h1>",
            f'<p class="meta"><strong>{n}</strong> game{"s" if n != 1 else ""} read'
            + (f" · {len(s.problems)} file(s) skipped" if s.problems else "")
            + (f" · {e(s.seeds_text())}" if s.seeds else "")
            + "</p></header>"]
    if len(s.seeds) > 1:
        body.append('<p class="note">These games were played with different seeds or class codes, so they did '
                    "not all see the same cards in the same months.</p>")
    if s.problems:
        body.append("<section><h2>Files skipped</h2><ul>"
                    + "".join(f"<li><code>{e(p)}</code>: {e(msg)}</li>" for p, msg in s.problems) + "</ul></section>")
    if not n:
        return _page(f"{s.scenario_title} — class summary", body)

    body.append('<section><h2>Endings</h2><table><thead><tr><th>Ending</th><th class="n">Games</th>'
                '<th class="n">Share</th><th></th></tr></thead><tbody>')
    for _, title, c in s.endings:
        body.append(f'<tr><td>{e(title)}</td><td class="n">{c}</td><td class="n">{round(100 * c / n)}%</td>'
                    f"<td>{_bar(c, n)}</td></tr>")
    body.append("</tbody></table></section>")

    body.append("<section><h2>Where the class split most</h2><p>Cards decided by at least three players, most "
                "even split first (1.00 = perfectly even): good openers for the discussion.</p>")
    for sp in s.most_split:
        body.append(_split_table(sp, f"evenness {sp.evenness:.2f} · {sp.players} players"))
    if not s.most_split:
        body.append("<p>No card was decided by three or more players yet.</p>")
    body.append("</section>")

    series = [Series(name, s.mean_paths[m], False) for m, name in s.meter_names.items()]
    body += ["<section><h2>Average meters by month</h2>", svg_chart(series, s.labels, "Class average meters by month"),
             svg_legend(series), '<details><summary>Numbers behind the chart</summary><table><thead><tr>'
             '<th>Month</th><th class="n">Games</th>'
             + "".join(f'<th class="n">{e(v)}</th>' for v in s.meter_names.values()) + "</tr></thead><tbody>"]
    for i, label in enumerate(s.labels):
        body.append(f'<tr><td>{e(label)}</td><td class="n">{s.still_playing[i]}</td>' + "".join(
            f'<td class="n">{"" if s.mean_paths[m][i] is None else f"{s.mean_paths[m][i]:.1f}"}</td>'
            for m in s.meter_names) + "</tr>")
    body.append("</tbody></table></details><p class=\"meta\">Averages are over the games still running at each "
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
                    '<th class="n">Hot-seat</th><th>Outcomes</th></tr></thead><tbody>')
        for t in s.talks:
            outcomes = "; ".join(f"{e(label)} {c}" for label, c in t.outcomes)
            body.append(f'<tr><td>{e(t.title)}</td><td class="n">{t.held}</td><td class="n">{t.deals}</td>'
                        f'<td class="n">{t.hotseat}</td><td>{outcomes}</td></tr>')
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
        for prompt, answers, skipped in s.reflections:
            body.append(f"<h3>{e(prompt)}</h3><p class=\"meta\">{len(answers)} answered, {skipped} skipped</p><ul>"
                        + "".join(f"<li><strong>{e(name)}:</strong> {e(a)}</li>" for name, a in answers) + "</ul>")
        body.append("</section>")
    return _page(f"{s.scenario_title} — class summary", body)


def _split_table(sp: CardSplit, caption: str) -> str:
    e = escape
    rows = "".join(f'<tr><td>{e(label)}</td><td class="n">{c}</td><td>{_bar(c, sp.decisions)}</td></tr>'
                   for label, c in sp.counts)
    return (f"<h3>{e(sp.title)}</h3><p class=\"meta\">{e(caption)}</p>"
            f'<table class="split"><thead><tr><th>Choice</th><th class="n">Decisions</th><th></th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")
