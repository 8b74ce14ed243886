"""Packs: content added from outside the shipped `content/` folder, file by file or as a folder.

A pack file says what it is by its top-level key, so one folder can hold decks, negotiations, shared
talk moves, glossary terms, sources and characters side by side:

    deck: my_deck          a deck of event cards (a file with only `events:` is a deck named after the file)
    negotiation: my_talks  a negotiation
    moves: {...}           talk moves shared by the pack's negotiations
    terms: [...]           glossary terms
    sources: [...]         sources (with `file:` pointing at the source text, relative to this file)
    characters: [...]      recurring people
    role: nia_liaison      a role a student can play besides the bureau (content/roles/<id>.yaml)
    pack: my_pack          the manifest, pack.yaml: the pack's id, title, author (optional, for `--pack`)

Adding a kind of file is one entry in KINDS (and, in the loader, what to do with it).
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from game.content import i18n, models
from game.content.migrate import looks_old, migrate_negotiation
from game.content.validate import check_model, salvage
from game.content.yamlsafe import ReadElsewhere, YamlDoc, read_yaml
from game.errors import Problem

FORMAT = 2  # the pack format this version reads; packs of format 1 are read through game.content.migrate
MANIFEST = "pack.yaml"
SUBFOLDERS = ("decks", "negotiations", "characters", "glossary", "sources", "roles")


class Manifest(BaseModel):
    """pack.yaml: what the pack is. Every other file in the folder is found by its top-level key."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    pack: models.Id
    title: str
    author: str | None = None
    description: str | None = None
    format: int = Field(FORMAT, ge=1, le=FORMAT, description="Pack format (2 now; 1 is read and can be migrated)")


@dataclass(frozen=True)
class Kind:
    """A kind of content file: the top-level key that marks it, its model, and a word for messages."""

    key: str
    name: str
    model: type[BaseModel] | None
    in_packs: bool = True  # False: only the shipped content may have it
    note: str = ""  # why a file of this kind cannot be loaded yet


KINDS: tuple[Kind, ...] = (
    Kind("deck", "deck", models.Deck),
    Kind("negotiation", "negotiation", models.Negotiation),
    Kind("calendar", "scenario", models.Scenario, in_packs=False),
    Kind("role", "role", models.Role),  # after the scenario (which has a `role:` text), before `sources:`
    Kind("moves", "moves file", models.Moves),
    Kind("terms", "glossary", models.Glossary),
    Kind("sources", "sources file", models.Sources),
    Kind("characters", "characters file", models.Characters),
    Kind("pack", "pack manifest", Manifest),
)
BY_NAME = {k.name: k for k in KINDS}
DECK = BY_NAME["deck"]


def kind_of(data: Any) -> Kind | None:
    """The kind of a parsed file, from its top-level keys; a file with only `events:` is a deck."""
    if not isinstance(data, dict):
        return None
    for kind in KINDS:
        if kind.key in data:
            return kind
    return DECK if "events" in data else None


def expected_keys() -> str:
    keys = [f"`{k.key}:`" for k in KINDS if k.in_packs and k.model is not None and k.key != "pack"]
    return ", ".join(keys[:-1]) + " or " + keys[-1]


def deck_id(path: Path) -> str:
    """The deck id a file gets when it has no `deck:` line: its name, as an id."""
    stem = re.sub(r"[^a-z0-9_]+", "_", path.stem.lower()).strip("_")
    if not stem or not stem[0].isalpha():
        stem = "deck_" + stem
    return stem[:64]


def pack_files(paths: Iterable[Path]) -> list[Path]:
    """Files and folders as a list of YAML files: a folder gives its *.yaml and *.yml files and those of its
    content subfolders (decks/, negotiations/, …), sorted; a file is itself."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(_yaml_in(path))
            for sub in SUBFOLDERS:
                if (path / sub).is_dir():
                    out.extend(_yaml_in(path / sub))
        else:
            out.append(path)
    return list(dict.fromkeys(out))


def _yaml_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def manifest_problem(path: Path) -> str | None:
    """Why a `--pack` folder is not a pack (no pack.yaml), or None."""
    if not path.is_dir():
        return f"{path} is not a folder; --pack takes a folder with a {MANIFEST} (use --deck for single files)"
    if not (path / MANIFEST).is_file():
        return (f"{path} has no {MANIFEST}; write one (pack: my_pack, title: My pack) or pass the folder with "
                "--deck")
    return None


# -- reading files ------------------------------------------------------------------------------------
@dataclass
class Part:
    """One content file, read: its document, kind, model and where it comes from."""

    doc: YamlDoc
    kind: Kind
    model: Any  # the validated model; when `ok` is False, what could be salvaged (items with errors are GAP), or None
    pack: str | None  # None for the shipped content, else the pack (the path given on the command line)
    ok: bool


class Reader:
    """Reads content files: every problem collected, a fingerprint of every byte read."""

    def __init__(self, problems: list[Problem], docs: dict[str, YamlDoc] | None = None,
                 elsewhere: ReadElsewhere | None = None) -> None:
        self.problems = problems
        self.elsewhere = elsewhere  # files parsed on another core, if any
        self.syntax: list[Problem] = []  # syntax errors, each mended so that reading went on
        self.hash = hashlib.sha256()
        self.files: list[str] = []
        self.docs = docs

    def read(self, path: Path, pack: str | None, expected: Kind | None = None, base: Path | None = None) -> Part | None:
        name = shown(path)
        if not path.exists():
            self.problems.append(Problem(name, 1, 1, "file not found"))
            return None
        doc = read_yaml(path, name, self.elsewhere)
        self.files.append(name)
        try:
            self.hash.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            pass
        if isinstance(doc, Problem):
            self.problems.append(doc)
            return None
        self.problems.extend(doc.problems)
        self.syntax.extend(doc.problems)
        if self.docs is not None:
            self.docs[name] = doc
        if doc.data is None:
            return None
        if not isinstance(doc.data, dict):
            self.problems.append(doc.problem((), "the file should be a mapping of fields (key: value); a content "
                                             f"file starts with {expected_keys()}"))
            return None
        kind = kind_of(doc.data) or expected
        if kind is None:
            self.problems.append(doc.problem((), _unknown_kind(doc.data)))
            return None
        if kind.model is None:
            self.problems.append(doc.problem((kind.key,), kind.note, key=True))
            return None
        if pack is not None and not kind.in_packs:
            self.problems.append(doc.problem((kind.key,), f"a pack cannot bring a {kind.name}; it adds to the "
                                             f"shipped one (start the file with {expected_keys()})", key=True))
            return None
        if kind is DECK and "deck" not in doc.data:
            name = deck_id(path)
            doc.data = {"deck": name, **({} if "title" in doc.data else {"title": name.replace("_", " ").capitalize()}),
                        **doc.data}
        if kind.name == "negotiation" and looks_old(doc.data):
            doc.data = migrate_negotiation(doc.data)
        self._translate(doc, kind, path, base if base is not None else path.parent)
        model, problems = check_model(doc, kind.model)
        if problems:
            self.problems.extend(problems)
            if kind.in_packs:
                model = salvage(kind.model, doc.data)
        found = getattr(model, "format", FORMAT)
        if kind.key == "pack" and found > FORMAT:
            self.problems.append(doc.problem(("format",), f"this pack is format {found}; this version of "
                                             f"the game reads up to format {FORMAT}: update the game"))
        return Part(doc, kind, model, pack, not problems)


    def _translate(self, doc: YamlDoc, kind: Kind, path: Path, base: Path) -> None:
        assert kind.model is not None
        try:
            catalogs = i18n.catalogs_for(base, path)
        except i18n.CatalogError as exc:
            self.problems.append(Problem(doc.path, 1, 1, str(exc)))
            return
        for lang in catalogs:
            self.hash.update(i18n.catalog_path(base, path, lang).read_bytes())
        i18n.apply_catalogs(doc.data, kind.model, catalogs)


def _unknown_kind(data: dict[str, Any]) -> str:
    keys = [str(k) for k in data][:6]
    close = [c for k in keys for c in difflib.get_close_matches(k, [x.key for x in KINDS], n=1, cutoff=0.7)]
    hint = f" (did you mean `{close[0]}:`?)" if close else ""
    return (f"this file is not a kind of content the game knows{hint}: it starts with "
            f"{', '.join(f'`{k}:`' for k in keys)}, but a content file starts with {expected_keys()}")


ROLES = "roles"


def solo_folder(root: Path, solo: str) -> Path:
    """Where the solo game of a role lives: content/roles/<role>/ (its own scenario and decks)."""
    return root / ROLES / solo


def solo_roles(root: Path) -> list[str]:
    """The roles that have a solo game of their own (a folder with a scenario.yaml under content/roles/)."""
    folder = root / ROLES
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and (p / "scenario.yaml").is_file())


def shipped_files(root: Path, solo: str | None = None) -> list[tuple[Path, Kind | None]]:
    """The shipped content's files, with the kind each place expects (a file may say otherwise by its key).
    With `solo`, the files of that role's solo game: its own scenario, decks and negotiations, with the shared
    sources, glossary and characters (and no role files: the solo game is played from that role's side)."""
    own = root if solo is None else solo_folder(root, solo)
    out: list[tuple[Path, Kind | None]] = [(own / "scenario.yaml", BY_NAME["scenario"]),
                                           (root / "sources.yaml", BY_NAME["sources file"]),
                                           (root / "glossary.yaml", BY_NAME["glossary"])]
    folders = [(root / "characters", "characters file"), (own / "negotiations", "negotiation"), (own / "decks", "deck")]
    if solo is None:
        folders.append((root / ROLES, "role"))
    for folder, kind in folders:
        if folder.is_dir():
            for path in _yaml_in(folder):
                moves = folder.name == "negotiations" and path.stem == "moves"
                out.append((path, BY_NAME["moves file"] if moves else BY_NAME[kind]))
    if solo is not None and (own / "negotiations").is_dir() and not (own / "negotiations" / "moves.yaml").exists():
        out.append((root / "negotiations" / "moves.yaml", BY_NAME["moves file"]))
    return out


def every_shipped_file(root: Path) -> list[tuple[Path, Kind | None]]:
    """The files of the main game and of every solo game, each once (for translation catalogs)."""
    out = shipped_files(root)
    for solo in solo_roles(root):
        out += shipped_files(root, solo)
    return list(dict.fromkeys(out))


def read_all(reader: Reader, root: Path, packs: Sequence[Path], solo: str | None = None) -> list[Part]:
    """Every shipped file and every pack file, read and validated (not yet cross-checked)."""
    parts = [reader.read(path, None, kind, root) for path, kind in shipped_files(root, solo)]
    for pack in packs:
        if not pack.exists():
            reader.problems.append(Problem(shown(pack), 1, 1, "file not found"))
            continue
        for path in pack_files([pack]):
            parts.append(reader.read(path, shown(pack), None, pack if pack.is_dir() else pack.parent))
    return [p for p in parts if p is not None]


def shown(path: Path) -> str:
    """A path as an author would type it: relative to the working folder when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # other drive on Windows
        return str(path)
