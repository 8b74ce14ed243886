"""Self-contained HTML renderings (inline CSS and SVG, no scripts or web fonts; prints cleanly).

Every piece of content or player text passes through `html.escape`; the finished page passes through
`game.textsafe.clean`, so no control character survives (they are not valid in HTML either).
"""

from __future__ import annotations

from html import escape

from game.report.chart import Series, svg_chart, svg_legend
from game.report.debrief import Debrief
from game.report.markdown import HISTORICAL, against_ai_lines, change_text, cite, quarterly, signed, talk_heading
from game.textsafe import clean

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
.frame { font: italic .78rem "Helvetica Neue", Arial, sans-serif; border: 1px dashed var(--ink); padding: 0 .3rem; }
.hot { border-left: 4px double var(--ink); padding: .2rem .7rem; margin: .5rem 0; }
.costs { font: .88rem/1.5 "Helvetica Neue", Arial, sans-serif; margin: .3rem 0; }
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


def page(title: str, body: list[str]) -> str:
    """One self-contained page around `body` (already escaped), cleaned of control characters."""
    return clean('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
                 '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                 f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
                 + "\n".join(body) + "\n<footer>Friendship Pass — generated offline; every quote is cited to its "
                 "source.</footer>\n</body>\n</html>\n")




def arrow(delta: int | None) -> str:
    return "" if delta is None else ("▲ " if delta > 0 else "▼ " if delta < 0 else "")


def chips(changes: tuple, empty: str = "no effect") -> str:
    """Changes as a row of before → after chips."""
    items = "".join(f"<li>{arrow(c.delta)}{escape(change_text(c))}</li>" for c in changes)
    return f'<ul class="effects" aria-label="effects">{items or f"<li>{escape(empty)}</li>"}</ul>'


def _head(d: Debrief) -> list[str]:
    e = escape
    body = [f"<header><h1>{e(d.scenario_title)} — debrief</h1>"]
    facts = [f"Player: <strong>{e(d.name)}</strong>", f"seed {e(d.seed)}"]
    facts += [f"class code <strong>{e(d.class_code)}</strong>"] if d.class_code else []
    facts += [f"hot-seat talks: {e(d.hotseat)}"] if d.hotseat else []
    facts.append(f"reached {e(d.month)} (month {d.turn} of {d.turns})")
    body.append(f'<p class="meta">{" · ".join(facts)}</p></header>')
    body += [f'<p class="note"><strong>Note.</strong> {e(n)}</p>' for n in d.notes]
    if d.branched:
        body.append(f'<p class="branch"><strong>Branch.</strong> {e(d.branched)}</p>')
    body.append('<section><h2>Ending</h2><div class="ending">')
    if d.ending:
        x = d.ending
        body.append(f'<p class="title">{e(x.title)}</p><p class="meta">{e(x.month)} · {e(x.when)}</p>')
        if x.historical:
            body.append('<p><span class="tag">the ending closest to what actually happened</span></p>')
        body.append(f"<p>{e(x.text)}</p>")
        if x.cause:
            body.append(f"<p><strong>What ended it.</strong> {e(x.cause)}</p>")
        body += [f"<p><strong>What actually happened.</strong> {e(x.epilogue)}</p>",
                 (f"<blockquote>“{e(x.source.quote)}”<cite>— {e(cite(x.source.citation, x.source.where))}</cite>"
                 "</blockquote>")]
    else:
        body.append(f'<p class="title">In progress, month {d.turn}</p><p>{e(d.month)}: this game has not ended '
                    "yet. The report shows everything up to now.</p>")
    body.append("</div></section>")
    return body


def _meters(d: Debrief) -> list[str]:
    e = escape
    series = [Series(m.name, list(m.values), m.primary) for m in d.meters]
    marks = [(t.turn, f"T{t.number}") for t in d.talks]
    low, high = (d.meters[0].low, d.meters[0].high) if d.meters else (0, 100)
    body = ["<section><h2>Meters over the months</h2>",
            svg_chart(series, d.points, "Meters by month", low=low, high=high, marks=marks), svg_legend(series),
            f'<p class="meta">One point per month from the start, on a fixed scale from {low} to {high}; primary '
            "meters are drawn thicker."
            + (" Dotted verticals T1, T2 … mark the months of the negotiations below." if d.talks else "") + "</p>",
            ('<table><thead><tr><th>Meter</th><th class="n">Start</th><th class="n">End</th>'
            '<th class="n">Change</th><th class="n">Low</th><th class="n">High</th></tr></thead><tbody>')]
    for m in d.meters:
        name = f"<strong>{e(m.name)}</strong>" if m.primary else e(m.name)
        body.append(f'<tr><td>{name}</td><td class="n">{m.values[0]}</td><td class="n">{m.values[-1]}</td>'
                    f'<td class="n">{signed(m.values[-1] - m.values[0])}</td><td class="n">{min(m.values)}</td>'
                    f'<td class="n">{max(m.values)}</td></tr>')
    body.append("</tbody></table><details><summary>Numbers behind the chart</summary><table><thead><tr>"
                "<th>Month</th>" + "".join(f'<th class="n">{e(m.name)}</th>' for m in d.meters)
                + "</tr></thead><tbody>")
    for i, label in enumerate(d.points):
        body.append(f"<tr><td>{e(label)}</td>" + "".join(f'<td class="n">{m.values[i]}</td>' for m in d.meters)
                    + "</tr>")
    body.append("</tbody></table></details>")
    idx = quarterly(d.points)
    body.append('<h3>Counters <span class="deck">facts, not scores</span></h3><table><thead><tr><th>Counter</th>'
                + "".join(f'<th class="n">{e(d.points[i])}</th>' for i in idx) + "</tr></thead><tbody>")
    for c in d.counters:
        unit = f' <span class="deck">{e(c.unit)}</span>' if c.unit else ""
        body.append(f"<tr><td>{e(c.name)}{unit}</td>" + "".join(f'<td class="n">{c.values[i]:,}</td>' for i in idx)
                    + "</tr>")
    body.append("</tbody></table><details><summary>Counters month by month</summary><table><thead><tr><th>Month</th>"
                + "".join(f'<th class="n">{e(c.name)}</th>' for c in d.counters) + "</tr></thead><tbody>")
    for i, label in enumerate(d.points):
        body.append(f"<tr><td>{e(label)}</td>" + "".join(f'<td class="n">{c.values[i]:,}</td>' for c in d.counters)
                    + "</tr>")
    body.append("</tbody></table></details></section>")
    return body


def _decisions(d: Debrief) -> list[str]:
    e = escape
    body = ["<section><h2>Decisions, month by month</h2>"]
    month = None
    for dec in d.decisions:
        if dec.month != month:
            if month is not None:
                body.append("</ul>")
            month = dec.month
            body.append(f'<h3>{e(dec.month)} <span class="deck">month {dec.turn}</span></h3><ul class="month">')
        if dec.kind != "card":
            what = "Policy change" if dec.kind == "policy" else "Author tool"
            body.append(f'<li><span class="card-title">{what}</span><p class="chose">{e(dec.label)}</p>'
                        f"{chips(dec.changes)}</li>")
            continue
        hist = f' <span class="tag">{HISTORICAL}</span>' if dec.historical else ""
        frame = f' <span class="frame">{e(dec.frame)}</span>' if dec.frame else ""
        body.append(f'<li><span class="card-title">{e(dec.card_title)}</span> <span class="deck">'
                    f'{e(dec.deck_title)}</span>{frame}<p class="chose">Chose {dec.choice}: '
                    f"<strong>{e(dec.label)}</strong>{hist}</p>")
        if dec.outcome:
            body.append(f'<p class="outcome">{e(dec.outcome)}</p>')
        if dec.negotiation:
            body.append(f'<p class="chose">Opened talks: {e(dec.negotiation)}</p>')
        body.append(f"{chips(dec.changes)}</li>")
    body.append("</ul>" if month is not None else "<p>No decisions yet.</p>")
    body.append("</section>")
    return body


def _talks(d: Debrief) -> list[str]:
    e = escape
    body = ["<section><h2>Negotiations</h2>"]
    for t in d.talks:
        rounds = f"{t.rounds} round{'s' if t.rounds != 1 else ''}"
        outcome = (f"<p><strong>Outcome: {e(t.outcome_label)}</strong> ({'deal' if t.deal else 'no deal'})</p>"
                   if t.status == "done" else f"<p><strong>{e(t.outcome_label.capitalize())}</strong></p>")
        body.append(f'<div class="talk"><h3>{e(talk_heading(t))}</h3><p class="meta">Across the table: '
                    f"{e(t.counterpart)} · opened by “{e(t.card_title)}” · {rounds}</p>{outcome}<dl>")
        for speaker, line in t.lines:
            cls = ' class="result"' if speaker == "Outcome" else ""
            body.append(f"<dt{cls}>{e(speaker)}</dt><dd{cls}>{e(line)}</dd>")
        body.append("</dl>")
        if t.status == "done":
            body.append(f'<p class="costs"><strong>What the {"deal" if t.deal else "outcome"} changed</strong></p>'
                        + chips(t.deal_changes, "nothing"))
        if t.move_changes:
            body.append('<p class="costs"><strong>What your moves cost or gained along the way</strong></p>'
                        + chips(t.move_changes))
        lead, lines = against_ai_lines(t)
        if lead:
            items = "".join(f"<li>{e(line)}</li>" for line in lines)
            body.append(f'<div class="hot"><p><strong>Hot seat:</strong> {e(lead)}</p>'
                        + (f"<ul>{items}</ul>" if items else "") + "</div>")
        body.append("</div>")
    if not d.talks:
        body.append("<p>No negotiations in this game.</p>")
    body.append("</section>")
    return body


def _sources(d: Debrief) -> list[str]:
    e = escape
    body = ['<section class="sources"><h2>Sources met</h2>']
    for g in d.sources:
        body.append(f'<h3 id="src-{e(g.id)}">{e(g.short)}</h3><p class="meta">{e(g.citation)}</p><ul>')
        for u in g.uses:
            kind = "" if u.what == "card" else f"{u.what}: "
            frame = f' <span class="frame">{e(u.frame)}</span>' if u.frame else ""
            where = f' <span class="deck">— {e(u.where)}</span>' if u.where else ""
            body.append(f'<li>{e(kind)}<strong>{e(u.title)}</strong> <span class="deck">{e(u.month)}</span>{frame}'
                        f"<br>“{e(u.quote)}”{where}</li>")
        body.append("</ul>")
    if d.frames:
        body.append('<p class="meta">Cards with a dashed label are not a record of events:</p><ul>'
                    + "".join(f'<li><span class="frame">{e(label)}</span> {e(note)}</li>' for label, note in d.frames)
                    + "</ul>")
    body.append("</section>")
    return body


def debrief_html(d: Debrief) -> str:
    """The whole debrief of one game as one self-contained HTML page."""
    e = escape
    body = _head(d) + _meters(d) + _decisions(d) + _talks(d)
    body.append("<section><h2>Your reflections</h2>")
    for r in d.reflections:
        body.append(f"<h3>{e(r.month)}</h3><p><em>{e(r.prompt)}</em></p>"
                    f"<blockquote>{e(r.answer) if r.answer else '(skipped)'}</blockquote>")
    if not d.reflections:
        body.append("<p>No reflections were recorded in this game.</p>")
    body.append("</section>")
    body += _sources(d)
    body.append('<section><h2>Questions for discussion</h2><ol class="questions">')
    body += [f"<li>{e(q)}</li>" for q in d.discussion]
    body.append("</ol></section>")
    return page(f"{d.scenario_title} — debrief: {d.name}", body)
