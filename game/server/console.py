"""The teacher console's data, exports and page; no web framework here (web.py wires it to aiohttp).

    Console(db, content, code)      the class (or classes) the console shows and acts on
    .state(code) -> dict            the live table: students, their month, meters, card or talks, ending
    .csv(code) -> str               student, ending, month reached, decisions, reflections answered, ...
    .hold / .release / .push / .notice / .end     the teacher's actions (checked; ConsoleError says why not)
    .assign / .role_limit           roles held by students (one holder a role) and how long a card waits for one
    page(...) -> str                the console page (inline CSS and a small script that polls .state)

Student names are typed by students: the page builds its rows with textContent, never HTML, and the
CSV neutralises cells that a spreadsheet would read as a formula. The console speaks the server's language
(`serve --lang`, or the class code's); the page's script gets its words as one JSON object.
"""

from __future__ import annotations

import csv
import io
import json
import time
from html import escape
from typing import Any

from game.classdb import MAX_ROLE_SECONDS, ClassDB, ClassInfo
from game.content.compiled import Content, text
from game.errors import FriendshipPassError
from game.i18n import _, language
from game.textsafe import clean

MAX_TITLE = 120
MAX_BODY = 2000


class ConsoleError(FriendshipPassError, ValueError):
    """A teacher's request that cannot be carried out (a message for the console)."""


def _static(value: object, fallback: str) -> str:
    """A content text that needs no game to read, else `fallback`."""
    return " ".join(text(value, language()).split()) if isinstance(value, (str, dict)) else fallback


def cards_of(content: Content) -> list[tuple[str, str, str]]:
    """(deck title, card id, card title) of every shipped card, by deck, for the push menu."""
    out = []
    for deck_id, deck in content.decks.items():
        deck_title = _static(deck.model.title, deck_id)
        for event_id in deck.events:
            event = content.events.get(event_id)
            if event is not None:
                out.append((deck_title, event_id, _static(event.model.title, event_id)))
    return out


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text (no formulas from a student's name)."""
    s = clean(str(value))
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


class Console:
    """What the teacher sees and does, over the class database."""

    def __init__(self, db: ClassDB, content: Content, code: str | None = None) -> None:
        self.db, self.content, self.code = db, content, code
        self.primary = [(m.id, text(m.name, language())) for m in content.scenario.meters if m.primary][:2]
        self.cards = {cid: (deck, title) for deck, cid, title in cards_of(content)}
        self.roles = {rid: _static(rule.model.name, rid) for rid, rule in content.roles.items()
                      if not rule.model.player}  # the roles a student can hold (the bureau is everyone's own)

    # -- which class -----------------------------------------------------------------------------------
    def class_of(self, asked: str | None) -> ClassInfo:
        """The class a request is about: the server's, or the one asked for (it must exist)."""
        code = self.code or (asked or "").strip().upper()
        if not code:
            known = self.db.classes()
            if len(known) == 1:
                code = known[0].code
            else:
                raise ConsoleError(_("choose a class") if known else _("no class has been joined yet"))
        info = self.db.class_info(code)
        if info is None:
            if self.code:  # the server's own class exists from the start; this only happens if the file was replaced
                raise ConsoleError(_("class {code} is not in the class database").format(code=code))
            raise ConsoleError(_("no student has joined class {code} yet").format(code=code[:20]))
        return info

    # -- reading ---------------------------------------------------------------------------------------
    def state(self, asked: str | None) -> dict[str, Any]:
        classes = [c.code for c in self.db.classes()] if self.code is None else [self.code]
        try:
            info = self.class_of(asked)
        except ConsoleError as exc:
            return {"class": None, "classes": classes, "message": str(exc), "students": [], "events": []}
        now = time.time()
        held = self.db.role_holders(info.code)
        holders = {sid: role for role, sid in held.items()}
        waits: dict[int, list[str]] = {}
        roster = self.db.roster(info.code)
        names = {r.student_id: r.name for r in roster}
        for req in self.db.open_requests(info.code):
            holder = held.get(req.role)
            waits.setdefault(req.student_id, []).append(_("waits for {name} ({role}) — {left} s left").format(
                name=names.get(holder, "?") if holder is not None else _("nobody"),
                role=self.roles.get(req.role, req.role), left=max(0, round(req.deadline - now))))
        students = []
        for r in roster:
            students.append({
                "id": r.student_id, "name": r.name, "online": r.online, "turn": r.turn, "month": r.month,
                "phase": r.phase, "over": r.over, "ending": r.ending_title or "",
                "meters": [r.meters.get(mid) for mid, _ in self.primary], "now": r.now, "decisions": r.decisions,
                "reflections": r.reflections, "games": r.games, "game_id": r.game_id,
                "held": info.hold_month is not None and r.turn >= info.hold_month and not r.over,
                "idle": round(now - r.updated_at) if r.updated_at else None,
                "role": holders.get(r.student_id, ""), "waits": " · ".join(waits.get(r.student_id, [])),
            })
        events = []
        for e, name, reached, meant in self.db.events(info.code):
            what = self.cards.get(e.card, ("", e.card))[1] if e.kind == "push" else (e.title or e.body[:60])
            events.append({"id": e.id, "kind": e.kind, "to": name or _("everyone"), "what": what, "reached": reached,
                           "meant": meant, "at": time.strftime("%H:%M", time.localtime(e.created_at))})
        return {"class": {"code": info.code, "hold": info.hold_month, "ended": info.ended_at is not None,
                          "preview": info.preview, "seed": info.seed, "role_seconds": info.role_seconds},
                "roles": [[rid, name] for rid, name in self.roles.items()],
                "classes": classes, "turns": self.content.turns, "meters": [name for _, name in self.primary],
                "students": students, "events": events, "sessions": self.db.live_sessions()}

    def csv(self, asked: str | None) -> str:
        """The class roster as CSV, one row per student (their latest game)."""
        info = self.class_of(asked)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([_("student"), _("ending"), _("month reached"), _("month"), _("decisions"),
                         _("reflections answered"), *(name for _id, name in self.primary), _("games"),
                         _("class code")])
        holders = {sid: role for role, sid in self.db.role_holders(info.code).items()}
        for r in self.db.roster(info.code):
            ending = r.ending_title or (_("in progress") if r.game_id is not None else self._no_game(holders.get(
                r.student_id)))
            writer.writerow([_cell(r.name), _cell(ending), r.turn, _cell(r.month), r.decisions, r.reflections,
                             *(r.meters.get(mid, "") for mid, _ in self.primary), r.games, info.code])
        return out.getvalue()

    def _no_game(self, role: str | None) -> str:
        """The roster's words for a student with no bureau game: not started yet, or at a role's desk."""
        if role is None:
            return _("not started")
        return _("holds the role “{role}”; no bureau game").format(role=self.roles.get(role, role))

    def student_of(self, info: ClassInfo, student: object) -> int | None:
        """None for everyone, else the id of a student of this class."""
        if student in (None, "", "all", "everyone"):
            return None
        try:
            sid = int(str(student))
        except ValueError:
            raise ConsoleError(_("unknown student")) from None
        found = self.db.student(sid)
        if found is None or found.class_code != info.code:
            raise ConsoleError(_("that student is not in this class"))
        return sid

    # -- acting ----------------------------------------------------------------------------------------
    def hold(self, asked: str | None, month: object) -> str:
        info = self.class_of(asked)
        try:
            n = int(str(month))
        except ValueError:
            raise ConsoleError(_("hold at a month from 1 to {last}").format(last=self.content.turns)) from None
        if not 1 <= n <= self.content.turns:
            raise ConsoleError(_("hold at a month from 1 to {last}").format(last=self.content.turns))
        self.db.set_hold(info.code, n)
        return _("The class is held at month {n}: nobody can end month {n} until you release it.").format(n=n)

    def release(self, asked: str | None) -> str:
        self.db.set_hold(self.class_of(asked).code, None)
        return _("Released: everyone can go on.")

    def push(self, asked: str | None, card: object, student: object) -> str:
        info = self.class_of(asked)
        if not isinstance(card, str) or card not in self.content.events:
            raise ConsoleError(_("choose a card from the list"))
        sid = self.student_of(info, student)
        self.db.post_event(info.code, "push", sid, card=card)
        title = self.cards.get(card, ("", card))[1]
        return (_("“{title}” is dealt to everyone at their next card.") if sid is None else
                _("“{title}” is dealt to one student at their next card.")).format(title=title)

    def notice(self, asked: str | None, title: object, body: object, student: object) -> str:
        info = self.class_of(asked)
        title_text = " ".join(str(title or "").split())[:MAX_TITLE]
        body_text = str(body or "").replace("\r\n", "\n").strip()
        if not body_text:
            raise ConsoleError(_("write the message first"))
        if len(body_text) > MAX_BODY:
            raise ConsoleError(_("a message can be at most {n} characters").format(n=MAX_BODY))
        sid = self.student_of(info, student)
        self.db.post_event(info.code, "notice", sid, title=clean(title_text), body=clean(body_text))
        return _("Message sent to everyone.") if sid is None else _("Message sent to one student.")

    def assign(self, asked: str | None, student: object, role: object) -> str:
        """The student holds `role` from now on ('' : none); a role has one holder, so it moves to them."""
        info = self.class_of(asked)
        sid = self.student_of(info, student)
        if sid is None:
            raise ConsoleError(_("choose a student"))
        rid = str(role or "")
        if rid and rid not in self.roles:
            raise ConsoleError(_("unknown role"))
        before = self.db.assign_role(info.code, sid, rid or None)
        found = self.db.student(sid)
        name = found.name if found is not None else "?"
        if not rid:
            return _("{name} holds no role now: they play the bureau.").format(name=name)
        words = _("{name} holds the role {role}: cards it opens in games started from now on wait for them.").format(
            name=name, role=self.roles[rid])
        gone = self.db.student(before) if before is not None and before != sid else None
        return words + (" " + _("{name} no longer holds it.").format(name=gone.name) if gone is not None else "")

    def role_limit(self, asked: str | None, seconds: object) -> str:
        info = self.class_of(asked)
        try:
            n = int(str(seconds))
        except ValueError:
            n = -1
        if not 10 <= n <= MAX_ROLE_SECONDS:
            raise ConsoleError(_("a time limit from 10 to {n} seconds").format(n=MAX_ROLE_SECONDS))
        self.db.set_role_seconds(info.code, n)
        return _("A card waits {n} s for its role's holder; then the AI opens it.").format(n=n)

    def end(self, asked: str | None, ended: bool = True) -> str:
        self.db.end_lesson(self.class_of(asked).code, ended)
        return (_("The lesson has ended: students can read their game and download their debrief, not play on.")
                if ended else _("The lesson is open again."))


CSS = """
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem 1.5rem 3rem; font: 15px/1.4 system-ui, "Helvetica Neue", Arial, "Noto Sans",
  "Noto Sans CJK SC", sans-serif; color: #111; background: #fafaf7; }
h1 { font-size: 1.4rem; margin: 0 0 .2rem; }
.meta { color: #555; margin: 0 0 1rem; }
.meta code { background: #eee; padding: 0 .3rem; font-size: 1.05em; }
.panel { display: flex; flex-wrap: wrap; gap: .8rem 1.6rem; align-items: flex-end; margin: .8rem 0;
  padding: .7rem .9rem; background: #fff; border: 1px solid #ccc; }
.panel fieldset { border: none; margin: 0; padding: 0; display: flex; gap: .4rem; align-items: flex-end;
  flex-wrap: wrap; }
.panel legend { font-weight: bold; padding: 0; margin-bottom: .2rem; }
label { display: flex; flex-direction: column; font-size: .85rem; color: #333; }
input, select, textarea, button { font: inherit; }
button { padding: .3rem .8rem; cursor: pointer; }
button.danger { border: 2px solid #a00; }
textarea { width: 22rem; height: 3.2rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eee; position: sticky; top: 0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.off td { color: #777; }
.state { font-weight: bold; }
.held { background: #fff3c4; }
.low { font-weight: bold; text-decoration: underline; }
#message { min-height: 1.4em; margin: .4rem 0; font-weight: bold; }
#message.bad { color: #a00; }
.links a { margin-right: 1rem; }
@media (min-width: 1600px) { body { font-size: 18px; } }
"""

SCRIPT = """
const T = document.body.dataset;
const W = JSON.parse(document.getElementById("words").textContent);
const f = (s, o) => s.replace(/[{]([a-z_]+)[}]/g, (m, k) => (k in o ? String(o[k]) : m));
const q = (s) => document.querySelector(s);
let cls = T.cls || new URLSearchParams(location.search).get("class") || "";
function el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined && text !== null)
  e.textContent = String(text); if (cls) e.className = cls; return e; }
function link(href, text) { const a = el("a", text); a.href = href; return a; }
function api(path) { return T.base + path + (cls ? (path.includes("?") ? "&" : "?") + "class=" +
  encodeURIComponent(cls) : ""); }
function say(text, bad) { const m = q("#message"); m.textContent = text; m.className = bad ? "bad" : ""; }
async function post(path, data) {
  try {
    const r = await fetch(api(path), {method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify(data || {})});
    const j = await r.json(); say(j.message || (r.ok ? W.done : W.failed), !r.ok);
  } catch (e) { say(f(W.no_answer_error, {error: e}), true); }
  refresh();
}
function targets(students) {
  for (const sel of document.querySelectorAll("select.to")) {
    const keep = sel.value; sel.textContent = "";
    sel.appendChild(el("option", W.everyone)).value = "";
    for (const s of students) sel.appendChild(el("option", s.name)).value = String(s.id);
    sel.value = [...sel.options].some(o => o.value === keep) ? keep : "";
  }
}
function render(st) {
  const pick = q("#classes"); pick.textContent = "";
  if (!T.cls && st.classes.length) {
    pick.appendChild(el("span", W.class_label));
    for (const c of st.classes) { const a = link("?class=" + encodeURIComponent(c), c); if (c === cls)
      a.className = "state"; pick.appendChild(a); pick.appendChild(el("span", " ")); }
  }
  if (!st.class) { q("#status").textContent = st.message || ""; q("#rows").textContent = ""; return; }
  cls = st.class.code;
  q("#code").textContent = st.class.code;
  const on = st.students.filter(s => s.online).length;
  let status = f(W.students, {n: st.students.length, online: on});
  status += " · " + (st.class.hold ? f(W.held, {n: st.class.hold}) : W.not_held);
  if (st.class.ended) status += " · " + W.ended;
  q("#status").textContent = status;
  q("#release").disabled = !st.class.hold;
  q("#end").textContent = st.class.ended ? W.reopen : W.end;
  q("#end").dataset.ended = st.class.ended ? "1" : "";
  if (document.activeElement !== q("#limit")) q("#limit").value = st.class.role_seconds;
  q("#m1").textContent = st.meters[0] || ""; q("#m2").textContent = st.meters[1] || "";
  const rows = q("#rows");
  if (rows.contains(document.activeElement)) return;  // a role is being picked: redraw next time
  rows.textContent = "";
  for (const s of st.students) {
    const tr = el("tr", null, (s.online ? "" : "off") + (s.held ? " held" : ""));
    tr.appendChild(el("td", s.name, "state"));
    tr.appendChild(el("td", s.online ? W.online : W.away));
    tr.appendChild(el("td", s.game_id ? `${s.turn} · ${s.month}` : (s.role ? "—" : W.joining), "n"));
    for (const v of s.meters)
      tr.appendChild(el("td", v === null ? "" : v, "n" + (v !== null && v <= 20 ? " low" : "")));
    const rc = el("td"); const rs = el("select", null, "role"); rs.dataset.student = String(s.id);
    rs.appendChild(el("option", W.bureau)).value = "";
    for (const [rid, rname] of st.roles) rs.appendChild(el("option", rname)).value = rid;
    rs.value = s.role || ""; rs.onchange = () => { rs.blur(); post("/role", {student: s.id, role: rs.value}); };
    rc.appendChild(rs); tr.appendChild(rc);
    tr.appendChild(el("td", s.over ? "—" : (s.waits ? s.waits : (s.held && s.phase === "month_end" ? W.waiting :
      (s.role ? f(W.desk, {role: rs.options[rs.selectedIndex].textContent}) : s.now)))));
    tr.appendChild(el("td", s.ending || (s.game_id ? W.in_progress : "")));
    tr.appendChild(el("td", s.decisions, "n"));
    tr.appendChild(el("td", s.reflections, "n"));
    const files = el("td", null, "links");
    if (s.game_id) { files.appendChild(link(api("/debrief/" + s.game_id + ".html"), W.debrief));
      files.appendChild(link(api("/save/" + s.game_id + ".json"), W.save)); }
    if (s.games > 1) files.appendChild(el("span", f(W.games, {n: s.games})));
    tr.appendChild(files);
    rows.appendChild(tr);
  }
  targets(st.students);
  const ev = q("#events"); ev.textContent = "";
  for (const e of st.events.slice().reverse()) {
    const li = el("li", f(e.kind === "push" ? W.event_card : W.event_message,
      {at: e.at, to: e.to, what: e.what, reached: e.reached, meant: e.meant})); ev.appendChild(li); }
}
async function refresh() {
  try { const r = await fetch(api("/state")); if (r.ok) render(await r.json()); }
  catch (e) { q("#status").textContent = W.no_answer; }
}
q("#hold").onclick = () => post("/hold", {month: q("#month").value});
q("#release").onclick = () => post("/release");
q("#setlimit").onclick = () => post("/limit", {seconds: q("#limit").value});
q("#push").onclick = () => post("/push", {card: q("#card").value, student: q("#push-to").value});
q("#send").onclick = () => post("/notice", {title: q("#ntitle").value, body: q("#nbody").value,
  student: q("#notice-to").value}).then(() => { q("#nbody").value = ""; });
q("#end").onclick = () => { const ended = q("#end").dataset.ended;
  if (ended || confirm(W.confirm_end))
    post("/end", {ended: !ended}); };
q("#csv").onclick = (e) => { e.preventDefault(); location.href = api("/export.csv"); };
q("#report").onclick = (e) => { e.preventDefault(); window.open(api("/report.html"), "_blank"); };
refresh(); setInterval(refresh, 2000);
"""


def page(base: str, code: str | None, student_urls: list[str], cards: list[tuple[str, str, str]], turns: int,
         max_sessions: int) -> str:
    """The console page. `base` is the console's own path (with its token)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for deck, cid, title in cards:
        groups.setdefault(deck, []).append((cid, title))
    options = "".join(f'<optgroup label="{escape(deck)}">' + "".join(
        f'<option value="{escape(cid)}">{escape(title)}</option>' for cid, title in items) + "</optgroup>"
        for deck, items in groups.items())
    urls = escape(_(" or ")).join(f"<code>{escape(u)}</code>" for u in student_urls)
    h = {key: escape(words) for key, words in _page_words().items()}
    joins = (_("Students open {urls}, type their name and play.") if code else
             _("Students open {urls}, type their name and the class code and play."))
    about = escape(joins).format(urls=urls) + "\n" + escape(_(
        "Up to {n} tabs at once. Keep this page's address to yourself: it holds the teacher's key.").format(
        n=max_sessions))
    words = json.dumps(script_words(), ensure_ascii=False).replace("<", "\\u003c")
    lang = {"zh": "zh-Hans"}.get(language(), language())
    return clean(f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>{h['title']}</title><style>{CSS}</style></head>
<body data-base="{escape(base)}" data-cls="{escape(code or '')}">
<h1>{h['heading']} <span id="code">{escape(code or '')}</span></h1>
<p class="meta">{about}</p>
<div id="classes"></div>
<p class="meta"><span id="status" class="state">{h['loading']}</span></p>
<div class="panel">
 <fieldset><legend>{h['pacing']}</legend>
  <label>{h['hold_at']}<input id="month" type="number" min="1" max="{turns}" value="3" size="3"></label>
  <button id="hold">{h['hold']}</button><button id="release">{h['release']}</button></fieldset>
 <fieldset><legend>{h['push_card']}</legend>
  <label>{h['card']}<select id="card">{options}</select></label>
  <label>{h['to']}<select id="push-to" class="to"><option value="">{h['everyone']}</option></select></label>
  <button id="push">{h['push']}</button></fieldset>
 <fieldset><legend>{h['message_card']}</legend>
  <label>{h['msg_title']}<input id="ntitle" maxlength="{MAX_TITLE}" placeholder="{h['msg_example']}"></label>
  <label>{h['msg_text']}<textarea id="nbody" maxlength="{MAX_BODY}"></textarea></label>
  <label>{h['to']}<select id="notice-to" class="to"><option value="">{h['everyone']}</option></select></label>
  <button id="send">{h['send']}</button></fieldset>
 <fieldset><legend>{h['roles']}</legend>
  <label>{h['limit']}<input id="limit" type="number" min="10" max="{MAX_ROLE_SECONDS}" value="90" size="4"></label>
  <button id="setlimit">{h['set']}</button></fieldset>
 <fieldset><legend>{h['lesson']}</legend><button id="end" class="danger">{h['end']}</button></fieldset>
 <fieldset class="links"><legend>{h['export']}</legend><a id="csv" href="#">{h['csv']}</a>
  <a id="report" href="#">{h['report']}</a></fieldset>
</div>
<div id="message" role="status"></div>
<table><thead><tr><th>{h['student']}</th><th></th><th>{h['month']}</th><th id="m1"></th><th id="m2"></th>
<th>{h['role']}</th><th>{h['now']}</th><th>{h['ending']}</th><th>{h['decisions']}</th><th>{h['reflections']}</th><th>{h['files']}</th>
</tr></thead><tbody id="rows"></tbody></table>
<h2>{h['pushed']}</h2><ul id="events"></ul>
<script type="application/json" id="words">{words}</script>
<script>{SCRIPT}</script>
</body></html>
""")


def _page_words() -> dict[str, str]:
    """The console page's own words, in the server's language."""
    return {
        "title": _("Friendship Pass · teacher console"), "heading": _("Friendship Pass · teacher console · class"),
        "loading": _("Loading…"), "pacing": _("Pacing"), "hold_at": _("Hold everyone at month"), "hold": _("Hold"),
        "release": _("Release"), "push_card": _("Push a card"), "card": _("Card"), "to": _("To"),
        "everyone": _("everyone"), "push": _("Push"), "message_card": _("A one-off message card"),
        "msg_title": _("Title"), "msg_example": _("e.g. News from Beijing"), "msg_text": _("Text"), "send": _("Send"),
        "lesson": _("Lesson"), "end": _("End the lesson"), "export": _("Export"), "csv": _("CSV roster"),
        "report": _("Class report (HTML)"), "student": _("Student"), "month": _("Month"), "now": _("Now"),
        "ending": _("Ending"), "decisions": _("Decisions"), "reflections": _("Reflections"), "files": _("Files"),
        "pushed": _("Pushed cards and messages"), "roles": _("Roles"),
        "limit": _("A card waits for its role (s)"), "set": _("Set"), "role": _("Role"),
    }


def script_words() -> dict[str, str]:
    """The words the console's script shows, in the server's language ({name} placeholders filled there)."""
    return {
        "done": _("Done."), "failed": _("That did not work."),
        "no_answer_error": _("The server did not answer: {error}"), "no_answer": _("The server did not answer."),
        "everyone": _("everyone"), "class_label": _("Class: "),
        "students": _("{n} students ({online} online)"), "held": _("HELD at month {n}"), "not_held": _("not held"),
        "ended": _("LESSON ENDED"), "reopen": _("Reopen the lesson"), "end": _("End the lesson"),
        "online": _("online"), "away": _("away"), "joining": _("joining"), "waiting": _("waiting (held)"),
        "in_progress": _("in progress"), "debrief": _("debrief"), "save": _("save"), "games": _("{n} games"),
        "event_card": _("{at} · card to {to}: {what} · reached {reached} of {meant}"),
        "event_message": _("{at} · message to {to}: {what} · reached {reached} of {meant}"),
        "bureau": _("bureau (plays the game)"), "desk": _("at the desk of {role}"),
        "confirm_end": _("End the lesson? Students can no longer play on (they can still download their debrief)."),
    }


def state_json(console: Console, asked: str | None) -> str:
    return json.dumps(console.state(asked), ensure_ascii=False)
