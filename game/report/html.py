"""Self-contained HTML renderings (inline CSS and SVG, no scripts or web fonts; prints cleanly).

Every piece of content or player text passes through `html.escape`; the finished page passes through
`game.textsafe.clean`, so no control character survives (they are not valid in HTML either).
"""

from __future__ import annotations

from html import escape

from game.i18n import _, language, number
from game.report.chart import Series, svg_chart, svg_legend
from game.report.debrief import Debrief
from game.report.markdown import (
    against_ai_lines,
    change_text,
    cite,
    historical,
    quarterly,
    rounds_text,
    signed,
    talk_heading,
    use_kind,
)
from game.report.roles import roles_html
from game.report.talks import outcome_speaker
from game.textsafe import clean

HTML_LANG = {"en": "en", "zh": "zh-Hans", "vi": "vi"}  # the page's lang attribute: fonts and screen readers

CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #ccc; --paper: #fff; --soft: #f4f2ee; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem 1.5rem 4rem; color: var(--ink); background: var(--paper);
  font: 16px/1.5 Georgia, "Times New Roman", "Noto Serif", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC",
  SimSun, serif; }
html:lang(zh) body { line-height: 1.7; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC",
  "PingFang SC", "Microsoft YaHei", sans-serif; line-height: 1.2; }
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
.ours { font-style: normal; font-size: .92em; color: var(--muted); }
table.split td:first-child { width: 62%; }
table.split.compare td:first-child, table.split.compare td:nth-child(2) { width: 32%; }
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
    return clean(f'<!DOCTYPE html>\n<html lang="{HTML_LANG.get(language(), language())}">\n<head>\n'
                 '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                 f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
                 + "\n".join(body) + "\n<footer>"
                 + escape(_("Friendship Pass — generated offline; every quote is cited to its source."))
                 + "</footer>\n</body>\n</html>\n")


def arrow(delta: int | None) -> str:
    return "" if delta is None else ("▲ " if delta > 0 else "▼ " if delta < 0 else "")


def chips(changes: tuple, empty: str | None = None) -> str:
    """Changes as a row of before → after chips."""
    items = "".join(f"<li>{arrow(c.delta)}{escape(change_text(c))}</li>" for c in changes)
    none = _("no effect") if empty is None else empty
    return f'<ul class="effects" aria-label="{escape(_("effects"))}">{items or f"<li>{escape(none)}</li>"}</ul>'


def ours(translation: str) -> str:
    """Our translation of a quote, marked as ours ('' when there is none)."""
    if not translation:
        return ""
    return f'<br><span class="ours">{escape(_("(our translation) {text}").format(text=translation))}</span>'


def _head(d: Debrief) -> list[str]:
    e = escape
    body = [f"<header><h1>{e(_('{title} — debrief').format(title=d.scenario_title))}</h1>"]
    facts = [e(_("Player: {name}")).format(name=f"<strong>{e(d.name)}</strong>"),
             e(_("seed {seed}").format(seed=d.seed))]
    facts += [e(_("class code {code}")).format(code=f"<strong>{e(d.class_code)}</strong>")] if d.class_code else []
    facts += [e(_("hot-seat talks: {talks}").format(talks=d.hotseat))] if d.hotseat else []
    facts.append(e(_("reached {month} (month {turn} of {turns})").format(month=d.month, turn=d.turn, turns=d.turns)))
    body.append(f'<p class="meta">{" · ".join(facts)}</p></header>')
    body += [f'<p class="note"><strong>{e(_("Note."))}</strong> {e(n)}</p>' for n in d.notes]
    if d.branched:
        body.append(f'<p class="branch"><strong>{e(_("Branch."))}</strong> {e(d.branched)}</p>')
    body.append(f'<section><h2>{e(_("Ending"))}</h2><div class="ending">')
    if d.ending:
        x = d.ending
        body.append(f'<p class="title">{e(x.title)}</p><p class="meta">{e(x.month)} · {e(x.when)}</p>')
        if x.historical:
            body.append(f'<p><span class="tag">{e(_("the ending closest to what actually happened"))}</span></p>')
        body.append(f"<p>{e(x.text)}</p>")
        if x.cause:
            body.append(f"<p><strong>{e(_('What ended it.'))}</strong> {e(x.cause)}</p>")
        body += [f"<p><strong>{e(_('What actually happened.'))}</strong> {e(x.epilogue)}</p>",
                 (f"<blockquote>“{e(x.source.quote)}”{ours(x.source.translation)}"
                  f"<cite>— {e(cite(x.source.citation, x.source.where))}</cite></blockquote>")]
    else:
        body.append(f'<p class="title">{e(_("In progress, month {turn}").format(turn=d.turn))}</p><p>'
                    + e(_("{month}: this game has not ended yet. The report shows everything up to now.").format(
                        month=d.month)) + "</p>")
    body.append("</div></section>")
    return body


def _meters(d: Debrief) -> list[str]:
    e = escape
    series = [Series(m.name, list(m.values), m.primary) for m in d.meters]
    marks = [(t.turn, f"T{t.number}") for t in d.talks]
    low, high = (d.meters[0].low, d.meters[0].high) if d.meters else (0, 100)
    note = _("One point per month from the start, on a fixed scale from {low} to {high}; primary meters are drawn "
             "thicker.").format(low=low, high=high)
    if d.talks:
        note += " " + _("Dotted verticals T1, T2 … mark the months of the negotiations below.")
    cols = [_("Start"), _("End"), _("Change"), _("Low"), _("High")]
    body = [f"<section><h2>{e(_('Meters over the months'))}</h2>",
            svg_chart(series, d.points, _("Meters by month"), low=low, high=high, marks=marks), svg_legend(series),
            f'<p class="meta">{e(note)}</p>',
            (f"<table><thead><tr><th>{e(_('Meter'))}</th>" + "".join(f'<th class="n">{e(c)}</th>' for c in cols)
             + "</tr></thead><tbody>")]
    for m in d.meters:
        name = f"<strong>{e(m.name)}</strong>" if m.primary else e(m.name)
        body.append(f'<tr><td>{name}</td><td class="n">{m.values[0]}</td><td class="n">{m.values[-1]}</td>'
                    f'<td class="n">{signed(m.values[-1] - m.values[0])}</td><td class="n">{min(m.values)}</td>'
                    f'<td class="n">{max(m.values)}</td></tr>')
    body.append(f"</tbody></table><details><summary>{e(_('Numbers behind the chart'))}</summary><table><thead><tr>"
                f"<th>{e(_('Month'))}</th>" + "".join(f'<th class="n">{e(m.name)}</th>' for m in d.meters)
                + "</tr></thead><tbody>")
    for i, label in enumerate(d.points):
        body.append(f"<tr><td>{e(label)}</td>" + "".join(f'<td class="n">{m.values[i]}</td>' for m in d.meters)
                    + "</tr>")
    body.append("</tbody></table></details>")
    idx = quarterly(d.points)
    body.append(f'<h3>{e(_("Counters"))} <span class="deck">{e(_("facts, not scores"))}</span></h3><table><thead>'
                f"<tr><th>{e(_('Counter'))}</th>"
                + "".join(f'<th class="n">{e(d.points[i])}</th>' for i in idx) + "</tr></thead><tbody>")
    for c in d.counters:
        unit = f' <span class="deck">{e(c.unit)}</span>' if c.unit else ""
        body.append(f"<tr><td>{e(c.name)}{unit}</td>"
                    + "".join(f'<td class="n">{number(c.values[i])}</td>' for i in idx) + "</tr>")
    body.append(f"</tbody></table><details><summary>{e(_('Counters month by month'))}</summary><table><thead><tr>"
                f"<th>{e(_('Month'))}</th>" + "".join(f'<th class="n">{e(c.name)}</th>' for c in d.counters)
                + "</tr></thead><tbody>")
    for i, label in enumerate(d.points):
        body.append(f"<tr><td>{e(label)}</td>"
                    + "".join(f'<td class="n">{number(c.values[i])}</td>' for c in d.counters) + "</tr>")
    body.append("</tbody></table></details></section>")
    return body


def _decisions(d: Debrief) -> list[str]:
    e = escape
    body = [f"<section><h2>{e(_('Decisions, month by month'))}</h2>"]
    month = None
    for dec in d.decisions:
        if dec.month != month:
            if month is not None:
                body.append("</ul>")
            month = dec.month
            body.append(f'<h3>{e(dec.month)} <span class="deck">{e(_("month {turn}").format(turn=dec.turn))}</span>'
                        '</h3><ul class="month">')
        if dec.kind != "card":
            what = _("Policy change") if dec.kind == "policy" else _("Author tool")
            body.append(f'<li><span class="card-title">{e(what)}</span><p class="chose">{e(dec.label)}</p>'
                        f"{chips(dec.changes)}</li>")
            continue
        hist = f' <span class="tag">{e(historical())}</span>' if dec.historical else ""
        frame = f' <span class="frame">{e(dec.frame)}</span>' if dec.frame else ""
        chose = e(_("Chose {n}:").format(n=dec.choice))
        body.append(f'<li><span class="card-title">{e(dec.card_title)}</span> <span class="deck">'
                    f'{e(dec.deck_title)}</span>{frame}<p class="chose">{chose} '
                    f"<strong>{e(dec.label)}</strong>{hist}</p>")
        if dec.outcome:
            body.append(f'<p class="outcome">{e(dec.outcome)}</p>')
        if dec.negotiation:
            body.append(f'<p class="chose">{e(_("Opened talks: {talks}").format(talks=dec.negotiation))}</p>')
        body.append(f"{chips(dec.changes)}</li>")
    body.append("</ul>" if month is not None else f"<p>{e(_('No decisions yet.'))}</p>")
    body.append("</section>")
    return body


def _talks(d: Debrief) -> list[str]:
    e = escape
    body = [f"<section><h2>{e(_('Negotiations'))}</h2>"]
    result = outcome_speaker()
    for t in d.talks:
        if t.status == "done":
            deal = _("deal") if t.deal else _("no deal")
            outcome = (f"<p><strong>{e(_('Outcome: {outcome}').format(outcome=t.outcome_label))}</strong> "
                       f"({e(deal)})</p>")
        else:
            outcome = f"<p><strong>{e(t.outcome_label[:1].upper() + t.outcome_label[1:])}</strong></p>"
        meta = _("Across the table: {counterpart} · opened by “{card}” · {rounds}").format(
            counterpart=t.counterpart, card=t.card_title, rounds=rounds_text(t.rounds))
        body.append(f'<div class="talk"><h3>{e(talk_heading(t))}</h3><p class="meta">{e(meta)}</p>{outcome}<dl>')
        for speaker, line in t.lines:
            cls = ' class="result"' if speaker == result else ""
            body.append(f"<dt{cls}>{e(speaker)}</dt><dd{cls}>{e(line)}</dd>")
        body.append("</dl>")
        if t.status == "done":
            what = _("What the deal changed") if t.deal else _("What the outcome changed")
            body.append(f'<p class="costs"><strong>{e(what)}</strong></p>' + chips(t.deal_changes, _("nothing")))
        if t.move_changes:
            body.append(f'<p class="costs"><strong>{e(_("What your moves cost or gained along the way"))}</strong></p>'
                        + chips(t.move_changes))
        lead, lines = against_ai_lines(t)
        if lead:
            items = "".join(f"<li>{e(line)}</li>" for line in lines)
            body.append(f'<div class="hot"><p><strong>{e(_("Hot seat:"))}</strong> {e(lead)}</p>'
                        + (f"<ul>{items}</ul>" if items else "") + "</div>")
        body.append("</div>")
    if not d.talks:
        body.append(f"<p>{e(_('No negotiations in this game.'))}</p>")
    body.append("</section>")
    return body


def _sources(d: Debrief) -> list[str]:
    e = escape
    body = [f'<section class="sources"><h2>{e(_("Sources met"))}</h2>']
    for g in d.sources:
        body.append(f'<h3 id="src-{e(g.id)}">{e(g.short)}</h3><p class="meta">{e(g.citation)}</p><ul>')
        for u in g.uses:
            frame = f' <span class="frame">{e(u.frame)}</span>' if u.frame else ""
            where = f' <span class="deck">— {e(u.where)}</span>' if u.where else ""
            body.append(f'<li>{e(use_kind(u.what))}<strong>{e(u.title)}</strong> <span class="deck">{e(u.month)}'
                        f"</span>{frame}<br>“{e(u.quote)}”{where}{ours(u.translation)}</li>")
        body.append("</ul>")
    if d.frames:
        body.append(f'<p class="meta">{e(_("Cards with a dashed label are not a record of events:"))}</p><ul>'
                    + "".join(f'<li><span class="frame">{e(label)}</span> {e(note)}</li>' for label, note in d.frames)
                    + "</ul>")
    body.append("</section>")
    return body


def debrief_html(d: Debrief) -> str:
    """The whole debrief of one game as one self-contained HTML page."""
    e = escape
    body = _head(d) + _meters(d) + _decisions(d) + _talks(d)
    body.append(f"<section><h2>{e(_('Your reflections'))}</h2>")
    for r in d.reflections:
        body.append(f"<h3>{e(r.month)}</h3><p><em>{e(r.prompt)}</em></p>"
                    f"<blockquote>{e(r.answer) if r.answer else e(_('(skipped)'))}</blockquote>")
    if not d.reflections:
        body.append(f"<p>{e(_('No reflections were recorded in this game.'))}</p>")
    body.append("</section>")
    body += roles_html(d.roles, d.player_role)
    body += _sources(d)
    body.append(f'<section><h2>{e(_("Questions for discussion"))}</h2><ol class="questions">')
    body += [f"<li>{e(q)}</li>" for q in d.discussion]
    body.append("</ol></section>")
    return page(_("{title} — debrief: {name}").format(title=d.scenario_title, name=d.name), body)

