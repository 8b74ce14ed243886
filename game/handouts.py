"""Handouts for a role-play lesson: a one-page sheet per role (brief, what they want and fear, the secret
objective, what they decide, where they act, sources) and a teacher sheet (lesson timing, who plays what,
the cards to push), as Markdown or one printable HTML page (A4 or Letter, a page per sheet).

    friendship-pass handouts [--class CODE] --format html|md [--paper a4|letter] [--out DIR]
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from game.content.compiled import Content
from game.engine.game import Game
from game.engine.views import RoleBriefView
from game.i18n import _, use_language
from game.report.html import HTML_LANG
from game.textsafe import clean

PAPER = {"a4": "A4", "letter": "letter"}


@dataclass(frozen=True)
class PushCard:
    """A card a role opens, for the teacher sheet: its deck, and who opens it."""

    id: str
    title: str
    role: str
    deck: str


def _lesson() -> list[tuple[str, str]]:
    return [(_("5 min"), _("Hand out the role sheets; each student or team reads theirs alone. Objectives are "
                           "secret.")),
            (_("10 min"), _("Each role says in one sentence who they are and what they want; the bureau players "
                            "start the game (a class code gives everyone the same cards).")),
            (_("25 min"), _("Play. When a card a role opens comes up, that role chooses; push the cards below to "
                            "bring every role to the table. Talks with the NIA, the agencies and the employer are "
                            "answered by the role holding them.")),
            (_("10 min"), _("Debrief: each role reveals its secret objective and whether it was met (the debrief "
                            "and class reports show it), then the discussion questions on each sheet."))]


def _push_cards(game: Game) -> list[PushCard]:
    content = game.content
    out = []
    for event in content.events.values():
        if not event.acted_by:
            continue
        deck = content.decks.get(event.deck)
        out.append(PushCard(event.id, game._render(event.title, event), _role_name(game, event.acted_by),
                            game._t(deck.model.title) if deck is not None else event.deck))
    return out


def push_note() -> str:
    return _("From the teacher console, push these so that every role gets a turn:")


def _acts(r: RoleBriefView) -> str:
    return _(", ").join([t for _i, t in r.negotiations] + [t for _i, t in r.cards]) or "—"


def _role_name(game: Game, role: str) -> str:
    rule = game.content.roles.get(role)
    return game._t(rule.model.name) if rule is not None else role


def gather(content: Content, lang: str = "en") -> tuple[Game, list[RoleBriefView], list[PushCard]]:
    game = Game.new(content, seed=0)
    game.use_language(lang)
    return game, game.roles(), _push_cards(game)


# -- Markdown ---------------------------------------------------------------------------------------------
def handouts_markdown(content: Content, class_code: str = "", lang: str = "en") -> str:
    with use_language(lang):
        _game, roles, cards = gather(content, lang)
        out = [f"# {_('Teacher sheet')}", ""]
        if class_code:
            out += [_("Class code: **{code}** (students join with it).").format(code=class_code), ""]
        out += [f"## {_('Lesson timing (50 minutes)')}", ""]
        out += [f"- **{t}**: {what}" for t, what in _lesson()] + [""]
        out += [f"## {_('Roles')}", "", f"| {_('Role')} | {_('Who')} | {_('Acts on')} |", "|---|---|---|"]
        for r in roles:
            out.append(f"| {r.name} | {' '.join(r.who.split())[:140]}… | {_acts(r)} |")
        out += ["", f"## {_('Cards to push')}", "", push_note(), ""]
        out += [f"- `{c.id}` — {c.title} ({c.role}; {c.deck})" for c in cards] + [""]
        for r in roles:
            out += ["---", "", f"# {r.name}", ""]
            if class_code:
                out += [_("Class code: **{code}**").format(code=class_code), ""]
            out += _md_role(r)
    return clean("\n".join(out).rstrip() + "\n")


def _md_role(r: RoleBriefView) -> list[str]:
    out = []
    if r.character:
        out += [f"*{r.character}*", ""]
    out += [f"**{_('Who you are')}:** {' '.join(r.who.split())}", "",
            f"**{_('What you want')}:** {' '.join(r.wants.split())}", "",
            f"**{_('What you fear')}:** {' '.join(r.fears.split())}", "",
            f"**{_('Your secret objective')}:** {' '.join(r.goal.split())}", ""]
    out += [f"- **{_grade(g)}**: {words}" for g, _at, words in r.grades] + [""]
    out += [f"**{_('What you decide')}:**", ""] + [f"- {' '.join(d.split())}" for d in r.decides] + [""]
    where = [t for _i, t in r.negotiations] + [t for _i, t in r.cards]
    if where:
        out += [f"**{_('Where you act')}:** " + _(", ").join(where), ""]
    out += [f"**{_('Sources')}:**", ""]
    out += [f"- {s.citation.rstrip('.')}, {s.where}: “{' '.join(s.quote.split())}”" for s in r.sources] + [""]
    if r.discussion:
        out += [f"**{_('For the debrief')}:**", ""] + [f"{i}. {' '.join(q.split())}"
                                                      for i, q in enumerate(r.discussion, 1)] + [""]
    return out


def _grade(grade: str) -> str:
    return {"met": _("Met"), "partly": _("Partly met"), "not": _("Not met")}.get(grade, grade)


# -- HTML -------------------------------------------------------------------------------------------------
CSS = """
@page { size: %(paper)s; margin: 13mm 14mm; }
* { box-sizing: border-box; }
body { font: 10pt/1.35 "Noto Sans", "Noto Sans CJK SC", "DejaVu Sans", sans-serif; color: #111; margin: 0; }
section.sheet { page-break-after: always; break-after: page; padding: 0; }
section.sheet:last-of-type { page-break-after: auto; break-after: auto; }
h1 { font-size: 15pt; margin: 0 0 2pt; }
h2 { font-size: 11pt; margin: 8pt 0 2pt; border-bottom: 1px solid #999; }
p, li { margin: 2pt 0; }
ul, ol { margin: 2pt 0 2pt 16pt; padding: 0; }
.meta { color: #555; font-size: 9pt; }
.secret { border: 1.5pt solid #111; padding: 4pt 6pt; margin: 6pt 0; }
.sources li { font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%%; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; vertical-align: top; text-align: left; }
@media screen { section.sheet { max-width: 190mm; margin: 10mm auto; border-bottom: 2px dashed #aaa; } }
"""


def handouts_html(content: Content, class_code: str = "", lang: str = "en", paper: str = "a4") -> str:
    e = escape
    with use_language(lang):
        game, roles, cards = gather(content, lang)
        code = (f'<p class="meta">{e(_("Class code: {code}").format(code=class_code))}</p>'
                if class_code else "")
        body = [f'<section class="sheet teacher"><h1>{e(_("Teacher sheet"))}</h1>{code}',
                f"<h2>{e(_('Lesson timing (50 minutes)'))}</h2><ul>"
                + "".join(f"<li><strong>{e(t)}</strong>: {e(what)}</li>" for t, what in _lesson()) + "</ul>",
                f"<h2>{e(_('Roles'))}</h2><table><thead><tr><th>{e(_('Role'))}</th><th>{e(_('Acts on'))}</th>"
                "</tr></thead><tbody>"
                + "".join(f"<tr><td>{e(r.name)}</td><td>{e(_acts(r))}</td></tr>" for r in roles)
                + "</tbody></table>",
                f"<h2>{e(_('Cards to push'))}</h2><p>{e(push_note())}</p><ul>"
                + "".join(f"<li><code>{e(c.id)}</code> — {e(c.title)} <span class=\"meta\">({e(c.role)}; "
                          f"{e(c.deck)})</span></li>" for c in cards) + "</ul></section>"]
        for r in roles:
            body.append(_html_role(r, code))
        title = _("{title} — role sheets").format(title=game._t(content.scenario.title))
    return clean(f'<!DOCTYPE html>\n<html lang="{HTML_LANG.get(lang, lang)}">\n<head>\n<meta charset="utf-8">\n'
                 f"<title>{e(title)}</title>\n<style>{CSS % {'paper': PAPER.get(paper, 'A4')}}</style>\n</head>\n"
                 "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def _html_role(r: RoleBriefView, code: str) -> str:
    e = escape
    parts = [f'<section class="sheet role" id="role-{e(r.id)}"><h1>{e(r.name)}</h1>{code}']
    if r.character:
        parts.append(f'<p class="meta">{e(r.character)}</p>')
    for label, words in ((_("Who you are"), r.who), (_("What you want"), r.wants), (_("What you fear"), r.fears)):
        parts.append(f"<p><strong>{e(label)}:</strong> {e(' '.join(words.split()))}</p>")
    parts.append(f'<div class="secret"><strong>{e(_("Your secret objective"))}:</strong> '
                 f"{e(' '.join(r.goal.split()))}<ul>"
                 + "".join(f"<li><strong>{e(_grade(g))}</strong>: {e(words)}</li>" for g, _at, words in r.grades)
                 + "</ul></div>")
    parts.append(f"<h2>{e(_('What you decide'))}</h2><ul>"
                 + "".join(f"<li>{e(' '.join(d.split()))}</li>" for d in r.decides) + "</ul>")
    where = [t for _i, t in r.negotiations] + [t for _i, t in r.cards]
    if where:
        parts.append(f"<p><strong>{e(_('Where you act'))}:</strong> {e(_(', ').join(where))}</p>")
    if r.discussion:
        parts.append(f"<h2>{e(_('For the debrief'))}</h2><ol>"
                     + "".join(f"<li>{e(' '.join(q.split()))}</li>" for q in r.discussion) + "</ol>")
    parts.append(f'<h2>{e(_("Sources"))}</h2><ul class="sources">'
                 + "".join(f"<li>{e(s.citation.rstrip('.'))}, {e(s.where)}: “{e(' '.join(s.quote.split()))}”</li>"
                           for s in r.sources) + "</ul></section>")
    return "".join(parts)


def write_handouts(content: Content, fmt: str, out: Path | None, class_code: str = "", lang: str = "en",
                   paper: str = "a4") -> Path | None:
    """Write `handouts.html` or `handouts.md` into the folder `out` (None: print); returns the file written."""
    import sys

    document = (handouts_html(content, class_code, lang, paper) if fmt == "html"
                else handouts_markdown(content, class_code, lang))
    if out is None:
        sys.stdout.write(document)
        return None
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"handouts.{fmt}"
    path.write_text(document, encoding="utf-8")
    return path
