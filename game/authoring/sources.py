"""Checks that know the sources: every quote is in its source, word for word, and every `where` names a
real place in it.

A quote matches after normalising what copying changes: whitespace and line breaks, curly and straight
quote marks, dashes, ellipses ("…" or "..." in a quote skips words; "[…]" too), Markdown emphasis and
footnote markers, and letter case. Sections come from the text itself:

- numbered headings ("## 6. Implementing…", "1.1. Causes…", "Part 1. …") give "§6", "§1.1", "§1"; a
  lettered heading under one ("b. Securitizing…") gives "§6b";
- any heading can also be named by its words ("A Brief History of the Guestworker Program");
- footnotes give "fn 76", "note 76" or "footnote 76", numbered comments under a post "comment 2";
- "introduction" is what comes before the first heading, "post" what comes before the first comment;
- a `where` that is none of these passes when its words are all found around the quote ("Anhui card").

Several places may be given, separated by commas: "§4, note 76".
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from game.content.yamlsafe import Loc, YamlDoc
from game.errors import Problem

ENV = "FRIENDSHIP_PASS_SOURCES"
NEAR = 600  # characters around a quote in which a descriptive `where` must find its words
GAP = 400  # at most this many characters skipped by one "…" in a quote

_QUOTES = dict.fromkeys(map(ord, "‘’‚‛′`´“”„‟″«»「」『』\""), "'")
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_TAGS = re.compile(r"<sup>[^<]*</sup>|</?[a-z]+[^>]*>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_HYPHEN = re.compile(r"\s*-\s*")
_ELLIPSIS = re.compile(r"\[\s*(?:\.\s*){3}\]|\[…\]|(?:\.\s*){3}|…")
_NUMBERED = re.compile(r"^(?:part\s+)?(\d+(?:\.\d+)*)\.?\s+(\S.*)$", re.IGNORECASE)
_LETTERED = re.compile(r"^([a-z])\.\s+(\S.*)$")
_NOTE_LINE = re.compile(r"^\s*(\d{1,3})\.?\s+\S")
_PLACE_NOTE = re.compile(r"^(?:fn|note|footnote|n\.)\s*(\d{1,3})$")
_PLACE_COMMENT = re.compile(r"^comment\s*(\d{1,3})$")
_PAGE = re.compile(r"^(?:p|pp|page)\.?\s*\d+(?:\s*[-–]\s*\d+)?$")


def normalise(text: str) -> str:
    """Text as compared: NFKC, no tags or emphasis, one kind of quote mark and dash, single spaces, lower case."""
    text = unicodedata.normalize("NFKC", text)
    text = _TAGS.sub(" ", text).replace("*", "").replace("\\", "")
    text = text.translate(_QUOTES).translate(_DASHES)
    text = _HYPHEN.sub("-", _SPACE.sub(" ", text))
    return text.casefold().strip()


@dataclass
class SourceText:
    """One source's text, normalised, with the spans of its sections (in normalised characters)."""

    id: str
    path: Path
    text: str = ""
    sections: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # place name -> spans
    headings: list[str] = field(default_factory=list)  # for "did you mean"

    def find(self, quote: str) -> tuple[int, int] | None:
        """Where the quote is (start, end), allowing "…" to skip words; None if it is not there."""
        return _find(self.text, quote)

    def place(self, where: str, at: tuple[int, int] | None) -> str | None:
        """None if every part of `where` names a real place (near the quote, for a descriptive one);
        else the part that does not."""
        for part in (p.strip() for p in re.split(r"[,;]", where)):
            if part and not self._known(part, at):
                return part
        return None

    def _known(self, part: str, at: tuple[int, int] | None) -> bool:
        key = _key(part)
        if key in self.sections or _PAGE.match(key):
            return True
        if at is None:
            return False
        words = [w for w in re.findall(r"\w+", key) if len(w) >= 3]
        window = self.text[max(0, at[0] - NEAR): at[1] + NEAR]
        return bool(words) and all(re.search(r"\b" + re.escape(w[:5]), window) for w in words)

    def sections_at(self, at: tuple[int, int]) -> list[str]:
        return [name for name, spans in self.sections.items() if any(a <= at[0] < b for a, b in spans)]


def _key(place: str) -> str:
    key = normalise(place).replace("section ", "§").replace("§ ", "§").rstrip(".")
    m = _PLACE_NOTE.match(key)
    if m:
        return f"note {int(m.group(1))}"
    m = _PLACE_COMMENT.match(key)
    if m:
        return f"comment {int(m.group(1))}"
    return key


def _find(text: str, quote: str) -> tuple[int, int] | None:
    q = normalise(quote).strip(" '")
    if not q:
        return None
    exact = text.find(q)
    if exact >= 0:
        return exact, exact + len(q)
    pieces = [p.strip(" '") for p in _ELLIPSIS.split(q)]
    pieces = [p for p in pieces if p]
    if len(pieces) == 1 and "[" in q:  # editorial brackets: "[the NIA] refused" or "allow[ing]"
        pieces = [p.strip() for p in re.split(r"\[[^\]]*\]", q) if p.strip()]
    if len(pieces) < 2:
        return None
    start = pos = text.find(pieces[0])
    while start >= 0:
        pos = start + len(pieces[0])
        for piece in pieces[1:]:
            nxt = text.find(piece, pos)
            if nxt < 0 or nxt - pos > GAP:
                break
            pos = nxt + len(piece)
        else:
            return start, pos
        start = text.find(pieces[0], start + 1)
    return None


def read_source(source_id: str, path: Path) -> SourceText:
    """Read and section a source text."""
    return _read(source_id, str(path), path.stat().st_mtime)


@lru_cache(maxsize=32)
def _read(source_id: str, path: str, stamp: float) -> SourceText:
    raw = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    src = SourceText(source_id, Path(path))
    pieces: list[str] = []
    size = 0
    opened: dict[str, int] = {}  # place -> where its span began
    number = ""
    first_heading = first_comment = None

    def close(name: str) -> None:
        if name in opened:
            src.sections.setdefault(name, []).append((opened.pop(name), size))

    def start(name: str) -> None:
        close(name)
        opened[name] = size

    for i, line in enumerate(raw):
        heading = _heading(raw, i)
        stripped = line.strip()
        if heading is not None:
            first_heading = size if first_heading is None else first_heading
            m = _NUMBERED.match(heading)
            lettered = _LETTERED.match(heading)
            for name in [n for n in opened if n.startswith(("h:", "note "))
                         or (m and n.startswith("§")) or (lettered and n.startswith("§") and n != f"§{number}")]:
                close(name)
            if m:
                number = m.group(1)
                start(f"§{number}")
                start("h:" + _key(m.group(2)))
                if heading.lower().startswith("part"):
                    start(_key(f"part {number}"))
            elif lettered and number:
                start(f"§{number}{lettered.group(1)}")
                start("h:" + _key(lettered.group(2)))
            start("h:" + _key(heading))
            src.headings.append(heading)
        elif not stripped:
            for name in [n for n in opened if n.startswith("note ")]:
                close(name)
        elif _NOTE_LINE.match(line) and not _sentence_start(stripped):
            n = int(_NOTE_LINE.match(line).group(1))  # type: ignore[union-attr]
            for name in [o for o in opened if o.startswith(("note ", "comment "))]:
                close(name)
            for prefix in ("note ", "comment "):
                start(f"{prefix}{n}")
            if line.startswith("  ") and first_comment is None and re.match(r"\s+1\.\s", line):
                first_comment = size
        for n in re.findall(r"<sup>(\d{1,3})</sup>", line):
            src.sections.setdefault(f"note {int(n)}", [])
        text = normalise(line)
        if text:
            joiner = "" if not pieces or pieces[-1].endswith("-") else " "
            piece = joiner + text if pieces else text
            pieces.append(piece)
            size += len(piece)
    for name in list(opened):
        close(name)
    src.text = "".join(pieces)
    src.sections = {k.removeprefix("h:"): v for k, v in src.sections.items()}
    src.sections.setdefault("introduction", []).append((0, first_heading or size))
    src.sections.setdefault("post", []).append((0, first_comment or size))
    return src


def _sentence_start(stripped: str) -> bool:
    """A line like "2019 was a big year" is text, not a note: a note's number is followed by a capital or a
    citation, and a numbered heading is caught before this."""
    return bool(re.match(r"^\d{4}\b", stripped))


def _heading(lines: list[str], i: int) -> str | None:
    """The heading on line i, if it is one: Markdown, a whole line in emphasis, a numbered title, or a short
    title-like line standing alone between blank lines."""
    line = lines[i].strip()
    if not line or len(line) > 160:
        return None
    if line.startswith("#"):
        return _clean(line.lstrip("#"))
    if re.fullmatch(r"[*_]{1,3}[^*_].*[^*_][*_]{1,3}", line) and len(line) < 140:
        return _clean(line)
    clean = _clean(line)
    if len(clean) > 90 or clean[-1:] in ".,;:?!)\"'”’" or (not clean[:1].isupper() and not clean[:1].isdigit()):
        return None
    numbered = _NUMBERED.match(clean)
    if numbered and ("." in clean.split()[0] or clean.lower().startswith("part")) and len(clean) < 80:
        return clean
    before = i == 0 or not lines[i - 1].strip()
    after = i + 1 >= len(lines) or not lines[i + 1].strip()
    if before and after and len(clean.split()) <= 12 and not numbered:
        return clean
    return None


def _clean(text: str) -> str:
    return _TAGS.sub("", text).replace("*", "").replace("_", " ").strip()


# -- where the texts are --------------------------------------------------------------------------------
def source_dirs(content_root: Path, given: list[Path]) -> list[Path]:
    """Folders to look for source texts in: --sources, $FRIENDSHIP_PASS_SOURCES, content/sources/, and a
    shared/sources/ folder beside the project or any folder above it."""
    out = list(given)
    if os.environ.get(ENV):
        out += [Path(p) for p in os.environ[ENV].split(os.pathsep) if p]
    out.append(content_root / "sources")
    for parent in [content_root.resolve(), *content_root.resolve().parents]:
        out.append(parent / "shared" / "sources")
    return [d for d in dict.fromkeys(out) if d.is_dir()]


@dataclass
class Cited:
    """One citation found in a content file."""

    path: str
    loc: Loc
    source: dict[str, Any]


def citations(docs: dict[str, YamlDoc]) -> Iterator[Cited]:
    """Every `source: {id, where, quote}` in the loaded files: cards, negotiations, endings, dated facts,
    history rows, glossary terms and the sources of roles."""
    for path, doc in docs.items():
        data = doc.data
        if not isinstance(data, dict):
            continue
        groups: list[tuple[str, Any]] = [(k, data.get(k)) for k in ("events", "endings", "facts", "history", "terms")]
        if isinstance(data.get("source"), dict) and "negotiation" in data:
            yield Cited(path, ("source",), data["source"])
        if "role" in data and isinstance(data.get("sources"), list):  # a role's sources
            for i, item in enumerate(data["sources"]):
                if isinstance(item, dict) and "quote" in item:
                    yield Cited(path, ("sources", i), item)
        for key, group in groups:
            for i, item in enumerate(group if isinstance(group, list) else []):
                if isinstance(item, dict) and isinstance(item.get("source"), dict):
                    yield Cited(path, (key, i, "source"), item["source"])


def source_files(docs: dict[str, YamlDoc], dirs: list[Path]) -> tuple[dict[str, Path], dict[str, str]]:
    """(source id -> its text's path, source id -> the file name that was not found)."""
    found: dict[str, Path] = {}
    missing: dict[str, str] = {}
    for path, doc in docs.items():
        data = doc.data
        if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
            continue
        for entry in data["sources"]:
            if not isinstance(entry, dict) or not entry.get("file") or not isinstance(entry.get("id"), str):
                continue
            name = str(entry["file"])
            places = [Path(path).parent / name, Path(path).parent / "sources" / name] + [d / name for d in dirs]
            hit = next((p for p in places if p.is_file()), None)
            if hit is not None:
                found[entry["id"]] = hit
            else:
                missing[entry["id"]] = name
    return found, missing


def check_quotes(docs: dict[str, YamlDoc], dirs: list[Path]) -> tuple[list[Problem], dict[str, int]]:
    """Problems with quotes and places, and counts for the summary (quotes checked, sources read)."""
    files, missing = source_files(docs, dirs)
    texts = {sid: read_source(sid, path) for sid, path in files.items()}
    problems: list[Problem] = []
    checked = 0
    judged: dict[tuple[str, str, str | None], list[tuple[str, str, str]]] = {}  # cards often share a quote
    for cite in citations(docs):
        sid, quote, where = cite.source.get("id"), cite.source.get("quote"), cite.source.get("where")
        src = texts.get(str(sid))
        if src is None or not isinstance(quote, str):
            continue
        checked += 1
        key = (str(sid), quote, where if isinstance(where, str) else None)
        if key not in judged:
            judged[key] = _judge(src, quote, key[2])
        doc = docs[cite.path]
        problems.extend(doc.problem(cite.loc + (field,), message, severity=severity)
                        for field, message, severity in judged[key])
    return problems, {"quotes": checked, "sources": len(texts), "missing": len(missing)}


def _judge(src: SourceText, quote: str, where: str | None) -> list[tuple[str, str, str]]:
    """What is wrong with a quote and its place: (field, message, severity) for each problem."""
    out = []
    at = src.find(quote)
    if at is None:
        out.append(("quote", _not_found(src, quote), "error"))
    if where is not None:
        bad = src.place(where, at)
        if bad is not None:
            out.append(("where", _no_place(src, bad, at), "error"))
        elif at is not None:
            named = [_key(p) for p in re.split(r"[,;]", where) if _key(p) in src.sections]
            here = src.sections_at(at)
            if named and not any(n in here for n in named):
                inside = sorted((n for n in here if n.startswith("§")), key=len, reverse=True)
                hint = f"; it is in {inside[0]}" if inside else ""
                out.append(("where", f"the quote is not in {where} of {src.id}{hint}", "warning"))
    return out


def _not_found(src: SourceText, quote: str) -> str:
    words = normalise(quote).split()
    best = ""
    for n in range(min(len(words), 8), 2, -1):  # the longest opening run of words that is there
        if src.text.find(" ".join(words[:n])) >= 0:
            best = " ".join(quote.split()[:n])
            break
    hint = f"; the text has its first words (\"{best} …\"): check the rest" if best else ""
    return (f"quote not found in {src.id} ({src.path.name}): copy it word for word from the source (quote "
            f"marks, dashes and spacing may differ; use … for words left out){hint}")


def _no_place(src: SourceText, bad: str, at: tuple[int, int] | None) -> str:
    import difflib

    names = [n for n in src.sections if not n.startswith(("note ", "comment "))]
    close = difflib.get_close_matches(_key(bad), names, n=1, cutoff=0.5)
    here = src.sections_at(at) if at is not None else []
    numbered = sorted((n for n in here if n.startswith("§")), key=len, reverse=True)
    if numbered:
        hint = f" (the quote is in {numbered[0]})"
    elif close:
        hint = f" (did you mean '{close[0]}'?)"
    else:
        shown = ", ".join(sorted(n for n in names if n.startswith("§"))[:8]) or ", ".join(src.headings[:5])
        hint = f" (its sections: {shown})" if shown else ""
    return f"'{bad}' is not a section of {src.id}{hint}"
