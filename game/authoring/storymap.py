"""The story map: how cards chain through flags, follow-ups, scheduled months, negotiations and policies.

One graph, three renderings: `text` for a terminal, `mermaid` (paste into a Markdown file on GitHub
or mermaid.live) and `dot` (Graphviz: `dot -Tsvg map.dot > map.svg`).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from game.authoring.links import card_uses, flag_uses, negotiation_uses
from game.content.compiled import Content, text
from game.content.expr import month_text

FORMATS = ("text", "mermaid", "dot")


@dataclass(frozen=True)
class Edge:
    """A link between nodes; a node is (kind, id) with kind card, flag, neg, month or policy."""

    src: tuple[str, str]
    dst: tuple[str, str]
    verb: str  # sets, clears, reads (when/weight/effect), follow-up, negotiates, switches, scheduled
    choice: int | None = None  # 1-based choice on the source card (or the reading card for reads)
    detail: str = ""  # e.g. "2 months", "on", "when", an outcome id

    @property
    def label(self) -> str:
        if self.verb == "reads":
            return f"read by choice {self.choice} ({self.detail})" if self.choice else f"read by its {self.detail}"
        words = f"{self.verb} {self.detail}".strip()
        return f"choice {self.choice}: {words}" if self.choice else words


@dataclass
class StoryMap:
    """The cards shown, and every link that touches one of them."""

    content: Content
    cards: list[str]
    edges: list[Edge] = field(default_factory=list)
    other_reads: dict[str, list[str]] = field(default_factory=dict)  # flag -> readers outside cards

    def nodes(self) -> list[tuple[str, str]]:
        seen = {("card", c): None for c in self.cards}
        for e in self.edges:
            seen.setdefault(e.src, None)
            seen.setdefault(e.dst, None)
        return list(seen)

    def label(self, node: tuple[str, str]) -> str:
        kind, ident = node
        if kind == "card":
            return f"{self.content.events[ident].title.english()} ({ident})"
        if kind == "neg":
            return f"negotiation: {text(self.content.negotiations[ident].model.title)}"
        return {"month": "month", "policy": "policy", "flag": "flag"}[kind] + f" {ident}"


def build(content: Content, scenario_path: str, decks: set[str] | None = None) -> StoryMap:
    """Collect the links of the cards in `decks` (all decks if None), and the cards at their other ends."""
    cards = [eid for d in content.decks.values() if decks is None or d.model.deck in decks for eid in d.events]
    shown = set(cards)
    smap = StoryMap(content, cards)
    for month, ids in content.scheduled.items():
        smap.edges.extend(Edge(("month", month_text(month)), ("card", eid), "scheduled") for eid in ids if eid in shown)
    for eid in cards:
        event = content.events[eid]
        for choice in event.choices:
            n = choice.index + 1
            for f in choice.model.follow_ups:
                smap.edges.append(Edge(("card", eid), ("card", f.event), "follow-up", n,
                                       f"in {f.after} month{'s' * (f.after != 1)}"))
            if choice.model.negotiate:
                smap.edges.append(Edge(("card", eid), ("neg", choice.model.negotiate), "negotiates", n))
            for pid, option in choice.model.policy.items():
                smap.edges.append(Edge(("card", eid), ("policy", pid), "switches to", n, option))
            if choice.when is not None:
                smap.edges.extend(Edge(("policy", pid), ("card", eid), "reads", n, "when")
                                  for pid in sorted(choice.when.reads & set(content.policies)))
        if event.when is not None:
            smap.edges.extend(Edge(("policy", pid), ("card", eid), "reads", None, "when")
                              for pid in sorted(event.when.reads & set(content.policies)))
    touched = {u.flag for eid in cards for u in card_uses(content, content.events[eid])}
    for use in flag_uses(content, scenario_path):
        if use.flag not in touched:
            continue
        card, choice_n, last = use.place.card, use.place.choice, use.place.loc[-1]
        if card is None and use.action == "read":
            smap.other_reads.setdefault(use.flag, []).append(use.place.owner)
        elif card is not None and use.action in ("set", "clear"):
            smap.edges.append(Edge(("card", card), ("flag", use.flag), use.action + "s", choice_n))
        elif card is not None and use.action == "read":
            how = last if last in ("when", "weight") else "effect"
            smap.edges.append(Edge(("flag", use.flag), ("card", card), "reads", choice_n, str(how)))
    for neg in content.negotiations.values():
        for use in negotiation_uses(neg):
            if use.flag in touched and use.action in ("set", "clear"):
                owner = use.place.owner.split(", ", 1)[-1]
                smap.edges.append(Edge(("neg", neg.model.negotiation), ("flag", use.flag), use.action + "s",
                                       None, f"({owner})"))
    smap.edges = list(dict.fromkeys(smap.edges))
    return smap


# -- text ------------------------------------------------------------------------------------------
def _wrap(line: str, indent: str) -> list[str]:
    """Wrap to 78 columns, never between a card id and its choice number."""
    lines = textwrap.wrap(line.replace(" #", "\0#").replace(" (", "\0("), 78, initial_indent=indent,
                          subsequent_indent=indent + "    ", break_on_hyphens=False)
    return [part.replace("\0", " ") for part in lines]


def _who(e: Edge, end: tuple[str, str]) -> str:
    return end[1] + (f" #{e.choice}" if e.choice else "")


Node = tuple[str, str]


class _Links:
    """The map's links by the node they start from and end at, in the map's order. (Each card's lines
    ask for its own links: looking through every link each time made the map of 2,000 cards take 13 s.)"""

    def __init__(self, edges: list[Edge]) -> None:
        self.by_src: dict[Node, list[Edge]] = {}
        self.by_dst: dict[Node, list[Edge]] = {}
        for e in edges:
            self.by_src.setdefault(e.src, []).append(e)
            self.by_dst.setdefault(e.dst, []).append(e)

    def into(self, node: Node) -> list[Edge]:
        return self.by_dst.get(node, [])

    def out_of(self, node: Node) -> list[Edge]:
        return self.by_src.get(node, [])


def _card_lines(smap: StoryMap, eid: str, links_of: _Links) -> list[str]:
    event = smap.content.events[eid]
    out = _wrap(f"{eid}: {event.title.english()}  [{event.deck}]", "  ")
    if event.model.at:
        out.append(f"      scheduled for {event.model.at}")
    if event.when is not None:
        out.extend(_wrap(f"when: {event.when.source}", "      "))
    incoming = links_of.into(("card", eid))
    for e in incoming:
        if e.verb == "follow-up":
            out.append(f"      ← follow-up of {_who(e, e.src)}, {e.detail}")
        elif e.verb == "reads" and e.choice is None:
            out.append(f"      ← its {e.detail} reads {e.src[0]} {e.src[1]}")
    for choice in event.choices:
        n = choice.index + 1
        needs = [e for e in incoming if e.verb == "reads" and e.choice == n]
        links = [e for e in links_of.out_of(("card", eid)) if e.choice == n]
        if not needs and not links:
            continue
        out.extend(_wrap(f"#{n} {choice.label.english()}", "    "))
        for e in needs:
            out.append(f"        its {e.detail} reads {e.src[0]} {e.src[1]}")
        for e in links:
            if e.dst[0] == "flag":
                readers = sorted({_who(r, r.dst) for r in links_of.out_of(e.dst) if r.verb == "reads"})
                readers += smap.other_reads.get(e.dst[1], [])
                tail = f"; read by {', '.join(dict.fromkeys(readers))}" if readers else "; nothing reads it"
                out.extend(_wrap(f"→ {e.verb} flag {e.dst[1]}{tail}", "        "))
            elif e.dst[0] == "card":
                out.append(f"        → follow-up {e.dst[1]} {e.detail}")
            elif e.dst[0] == "neg":
                out.append(f"        → opens negotiation {e.dst[1]}")
            else:
                out.append(f"        → switches policy {e.dst[1]} to {e.detail}")
    return out


def render_text(smap: StoryMap) -> str:
    """A terminal-friendly outline: scheduled months, each linked card, flags, negotiations."""
    c = smap.content
    links_of = _Links(smap.edges)
    decks = {c.events[e].deck for e in smap.cards}
    out = [f"Story map: {len(smap.cards)} cards in {len(decks)} deck{'s' * (len(decks) != 1)}", ""]
    scheduled = sorted((e for e in smap.edges if e.verb == "scheduled"), key=lambda e: e.src[1])
    if scheduled:
        out.append("Scheduled cards")
        for e in scheduled:
            out.extend(_wrap(f"{e.src[1]}  {e.dst[1]}: {c.events[e.dst[1]].title.english()}", "  "))
        out.append("")
    linked = {n[1] for e in smap.edges if e.verb != "scheduled" for n in (e.src, e.dst) if n[0] == "card"}
    shown_linked = [eid for eid in smap.cards if eid in linked]
    if shown_linked:
        out.append("Cards and their links (#n is the choice)")
        for eid in shown_linked:
            out.extend(_card_lines(smap, eid, links_of))
        out.append("")
    flags = sorted({n[1] for e in smap.edges for n in (e.src, e.dst) if n[0] == "flag"})
    if flags:
        out.append("Flags")
        for flag in flags:
            into = links_of.into(("flag", flag))
            setters = [_who(e, e.src) + (f" {e.detail}" if e.detail else "") for e in into if e.verb == "sets"]
            clearers = [_who(e, e.src) + (f" {e.detail}" if e.detail else "") for e in into if e.verb == "clears"]
            readers = [f"{_who(e, e.dst)} ({e.detail})" for e in links_of.out_of(("flag", flag))]
            readers += smap.other_reads.get(flag, [])
            parts = [f"set by {', '.join(setters) or 'nothing'}"]
            if clearers:
                parts.append(f"cleared by {', '.join(clearers)}")
            parts.append(f"read by {', '.join(dict.fromkeys(readers)) or 'nothing'}")
            out.extend(_wrap(f"{flag}: " + "; ".join(parts), "  "))
        out.append("")
    negs = sorted({e.dst[1] for e in smap.edges if e.dst[0] == "neg"})
    if negs:
        out.append("Negotiations")
        for neg in negs:
            openers = [_who(e, e.src) for e in links_of.into(("neg", neg))]
            results = [f"{e.detail.strip('()')} {e.verb} {e.dst[1]}" for e in links_of.out_of(("neg", neg))]
            line = f"{neg}: opened by {', '.join(openers)}" + (f"; {', '.join(results)}" if results else "")
            out.extend(_wrap(line, "  "))
        out.append("")
    quiet = [eid for eid in smap.cards if eid not in linked]
    if quiet:
        out.extend(_wrap(f"Cards with no links ({len(quiet)}): {', '.join(quiet)}", ""))
    return "\n".join(out).rstrip() + "\n"


# -- graphs ----------------------------------------------------------------------------------------
_PREFIX = {"card": "c", "flag": "f", "neg": "n", "month": "m", "policy": "p"}


def node_id(node: tuple[str, str]) -> str:
    """A graph id that is safe in mermaid and dot: kind prefix + id, anything odd as _."""
    return f"{_PREFIX[node[0]]}_" + re.sub(r"[^A-Za-z0-9_]", "_", node[1])


def mermaid_label(label: str) -> str:
    """Text for a quoted mermaid label: #, quotes, angle brackets and pipes as entity codes."""
    return (label.replace("#", "#35;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
            .replace("|", "#124;").replace("\n", " "))


def render_mermaid(smap: StoryMap) -> str:
    """A mermaid flowchart: cards as boxes, flags as rounded, months and negotiations as hexagons."""
    shapes = {"card": ('["', '"]'), "flag": ('("', '")'), "neg": ('{{"', '"}}'), "month": ('[/"', '"/]'),
              "policy": ('[["', '"]]')}
    out = ["flowchart LR"]
    for node in smap.nodes():
        left, right = shapes[node[0]]
        out.append(f"  {node_id(node)}{left}{mermaid_label(smap.label(node))}{right}")
    for e in smap.edges:
        arrow = "-.->" if e.src[0] in ("flag", "policy") else "-->"
        out.append(f'  {node_id(e.src)} {arrow}|"{mermaid_label(e.label)}"| {node_id(e.dst)}')
    return "\n".join(out) + "\n"


def dot_string(value: str) -> str:
    """A double-quoted dot string with backslashes, quotes and newlines escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def render_dot(smap: StoryMap) -> str:
    """A Graphviz digraph with the same nodes and links as the mermaid chart."""
    shapes = {"card": "box", "flag": "ellipse", "neg": "hexagon", "month": "parallelogram", "policy": "component"}
    out = ["digraph story {", "  rankdir=LR;", "  node [fontname=\"Helvetica\"];"]
    for node in smap.nodes():
        out.append(f"  {dot_string(node_id(node))} [label={dot_string(smap.label(node))}, shape={shapes[node[0]]}];")
    for e in smap.edges:
        style = ", style=dashed" if e.src[0] in ("flag", "policy") else ""
        edge = f"{dot_string(node_id(e.src))} -> {dot_string(node_id(e.dst))}"
        out.append(f"  {edge} [label={dot_string(e.label)}{style}];")
    out.append("}")
    return "\n".join(out) + "\n"


def render(smap: StoryMap, fmt: str) -> str:
    """Render the map in one of FORMATS."""
    return {"text": render_text, "mermaid": render_mermaid, "dot": render_dot}[fmt](smap)


__all__ = ["FORMATS", "Edge", "StoryMap", "build", "render"]
