"""Translations of content: which fields are player-facing text, and the catalogs that translate them.

A content file is written in English. Its translations live beside the content as gettext catalogs, one
per file and language: `content/decks/runaways.yaml` is translated by `content/locale/zh/decks/runaways.po`.
Each entry's context (msgctxt) names the place in the file (`events.night_shift.choices.1.label`) and its
msgid is the English text, so a changed English text no longer matches its old translation and shows up
as missing until a translator looks at it again. A text written inline as `{en: …, zh: …}` keeps what it
says; a catalog only fills the languages it lacks.

When a file is read, `apply_catalogs` turns each English string into a map `{en: …, zh: …, vi: …}` in
the parsed data, before it is validated, so the rest of the game sees one kind of text. A source quote is
never replaced: its translation goes beside it, in the source's `translation` map.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel

from . import models

LANGUAGES: dict[str, str] = {"en": "English", "zh": "中文", "vi": "Tiếng Việt"}
LOCALE_DIR = "locale"
QUOTE = "quote"


# -- which fields are text -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Spec:
    """How to find texts under one field: `text` (a Text or LiveText), `model` (recurse into `sub`), and
    whether the value is one, a list of them or a map of them."""

    what: str  # "text" | "model"
    many: str = ""  # "" | "list" | "map" | "map of lists"
    sub: type[BaseModel] | None = None


_SPECS: dict[type[BaseModel], dict[str, Spec]] = {}


def _spec_of(hint: Any) -> Spec | None:
    if hint is models.Text or hint is models.LiveText:
        return Spec("text")
    origin = get_origin(hint)
    if origin is typing.Annotated:
        return _spec_of(get_args(hint)[0]) if get_args(hint)[0] is not hint else None
    if origin in (Union, types.UnionType):
        for arg in get_args(hint):
            spec = _spec_of(arg)
            if spec is not None:
                return spec
        return None
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return Spec("model", sub=hint)
    if origin in (list, tuple):
        args = [a for a in get_args(hint) if a is not Ellipsis]
        inner = _spec_of(args[0]) if args else None
        return Spec(inner.what, "list", inner.sub) if inner is not None and not inner.many else None
    if origin is dict:
        inner = _spec_of(get_args(hint)[1])
        if inner is None:
            return None
        if inner.many == "list":  # a map of lists, e.g. a negotiation's reply pools
            return Spec(inner.what, "map of lists", inner.sub)
        return Spec(inner.what, "map", inner.sub) if not inner.many else None
    return None


def text_fields(model: type[BaseModel]) -> dict[str, Spec]:
    """The fields of `model` (by the key an author writes) that hold texts or models that may."""
    found = _SPECS.get(model)
    if found is None:
        hints = get_type_hints(model, include_extras=True)
        found = {}
        for name, info in model.model_fields.items():
            spec = _spec_of(hints[name])
            if spec is not None and spec.sub is not models.TextVariant:
                found[info.alias or name] = spec
        _SPECS[model] = found
    return found


# -- walking a parsed file ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Slot:
    """One translatable text in a parsed file: where it is, and the container that holds it."""

    loc: tuple[str | int, ...]  # path in the file, for positions (doc.where)
    context: str  # the catalog's msgctxt: the path with ids in place of list positions
    english: str  # stripped: a folded block's final newline is not part of what translators see
    parent: Any  # the dict or list holding the text (a source for a quote)
    key: str | int
    quote: bool = False

    def translation(self, lang: str) -> str:
        """What the file itself already says in `lang` (an inline map or a source's translation)."""
        if self.quote:
            found = self.parent.get("translation")
            return str(found.get(lang) or "") if isinstance(found, dict) else ""
        value = self.parent[self.key]
        return str(value.get(lang) or "") if isinstance(value, dict) else ""


def _label(item: Any, index: int) -> str:
    if isinstance(item, dict):
        for key in ("id", "term"):
            value = item.get(key)
            if isinstance(value, str) and value.isidentifier():
                return value
    return str(index)


def slots(data: Any, model: type[BaseModel]) -> Iterator[Slot]:
    """Every translatable text in a parsed file of `model`, in file order. Values of the wrong shape are
    skipped (validation reports them)."""
    yield from _walk(data, model, (), ())


def _walk(data: Any, model: type[BaseModel], loc: tuple[str | int, ...], ctx: tuple[str, ...]) -> Iterator[Slot]:
    if not isinstance(data, dict):
        return
    if model is models.Source and isinstance(data.get(QUOTE), str):
        yield Slot(loc + (QUOTE,), ".".join(ctx + (QUOTE,)), data[QUOTE].strip(), data, QUOTE, quote=True)
    for key, spec in text_fields(model).items():
        if key not in data:
            continue
        value = data[key]
        if spec.many == "list" and isinstance(value, list):
            for i, item in enumerate(value):
                yield from _one(spec, value, i, loc + (key, i), ctx + (key, _label(item, i)))
        elif spec.many == "map" and isinstance(value, dict):
            for name in list(value):
                yield from _one(spec, value, name, loc + (key, name), ctx + (key, str(name)))
        elif spec.many == "map of lists" and isinstance(value, dict):
            for name, items in value.items():
                if isinstance(items, list):
                    for i in range(len(items)):
                        yield from _one(spec, items, i, loc + (key, name, i), ctx + (key, str(name), str(i)))
        elif not spec.many:
            yield from _one(spec, data, key, loc + (key,), ctx + (key,))


def _one(spec: Spec, parent: Any, key: str | int, loc: tuple[str | int, ...],
         ctx: tuple[str, ...]) -> Iterator[Slot]:
    value = parent[key]
    if spec.what == "model":
        assert spec.sub is not None
        yield from _walk(value, spec.sub, loc, ctx)
        return
    if isinstance(value, list):  # a live text's variants
        for i, variant in enumerate(value):
            if isinstance(variant, dict) and "text" in variant:
                yield from _one(Spec("text"), variant, "text", loc + (i, "text"), ctx + (str(i),))
        return
    english = value if isinstance(value, str) else value.get("en") if isinstance(value, dict) else None
    if isinstance(english, str) and english.strip():
        yield Slot(loc, ".".join(ctx), english.strip(), parent, key)


# -- catalogs ------------------------------------------------------------------------------------------------
Catalog = dict[tuple[str, str], str]  # (context, English) -> translation


def catalog_path(base: Path, file: Path, lang: str) -> Path:
    """Where the `lang` catalog of a content file lives: <base>/locale/<lang>/<file relative to base>.po."""
    try:
        rel = file.resolve().relative_to(base.resolve())
    except ValueError:
        rel = Path(file.name)
    return base / LOCALE_DIR / lang / rel.with_suffix(".po")


_CACHE: dict[Path, tuple[tuple[int, int], Catalog]] = {}


def read_catalog(path: Path) -> Catalog:
    """The finished translations in a .po file (fuzzy and empty ones left out); {} when there is none.
    Parsed catalogs are kept, by file size and time, in memory and in a cache (JSON) in the
    game's environment."""
    try:
        stat = path.stat()
    except OSError:
        return {}
    stamp = (stat.st_size, stat.st_mtime_ns)
    held = _CACHE.get(path)
    if held is not None and held[0] == stamp:
        return held[1]
    data = path.read_bytes()
    cache = _cache_file(data)
    catalog: Catalog | None = None
    if cache is not None and cache.exists():
        try:
            catalog = {(c, i): t for c, i, t in json.loads(cache.read_text(encoding="utf-8"))}
        except (OSError, ValueError, TypeError):  # a damaged cache is rebuilt
            catalog = None
    if catalog is None:
        catalog = parse_catalog(data, str(path))
        if cache is not None:
            _write_cache(cache, catalog)
    _CACHE[path] = (stamp, catalog)
    return catalog


def parse_catalog(data: bytes, name: str = "<catalog>") -> Catalog:
    """Finished translations in the text of a .po file (raises CatalogError for a file Babel cannot read)."""
    from babel.messages.pofile import PoFileError, read_po  # only when a catalog changed: Babel is slow to import

    try:
        po = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{name}: this translation catalog cannot be read: {exc}") from None
    out: Catalog = {}
    for msg in po:
        if not msg.id or msg.fuzzy or not isinstance(msg.id, str) or not isinstance(msg.string, str):
            continue
        if msg.string.strip():
            out[(msg.context or "", msg.id)] = msg.string
    return out


class CatalogError(Exception):
    """A translation catalog that cannot be read."""


def _cache_file(data: bytes) -> Path | None:
    root = Path(sys.prefix) / "var" / "friendship-pass" / "catalogs"
    return root / (hashlib.sha256(data).hexdigest()[:32] + ".json")


def _write_cache(path: Path, catalog: Catalog) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps([[c, i, t] for (c, i), t in catalog.items()], ensure_ascii=False),
                       encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only install parses each time


def catalogs_for(base: Path, file: Path) -> dict[str, Catalog]:
    """Every language's catalog for one content file (languages without one are left out)."""
    out = {}
    for lang in LANGUAGES:
        if lang == "en":
            continue
        catalog = read_catalog(catalog_path(base, file, lang))
        if catalog:
            out[lang] = catalog
    return out


def apply_catalogs(data: Any, model: type[BaseModel], catalogs: dict[str, Catalog]) -> None:
    """Fill every text in a parsed file with the catalogs' translations (in place; see the module doc)."""
    if not catalogs:
        return
    for slot in list(slots(data, model)):
        found = {lang: cat[(slot.context, slot.english)] for lang, cat in catalogs.items()
                 if (slot.context, slot.english) in cat}
        if not found:
            continue
        if slot.quote:
            have = slot.parent.get("translation")
            merged = {**found, **have} if isinstance(have, dict) else found
            slot.parent["translation"] = merged
            continue
        value = slot.parent[slot.key]
        slot.parent[slot.key] = {"en": value, **found} if isinstance(value, str) else {**found, **value}
