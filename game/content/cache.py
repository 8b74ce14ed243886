"""The compiled-content cache: a game starts from the content as it was checked and compiled last time.

Loading the decks parses YAML, checks every field with pydantic and compiles every expression; a game
started from the cache does none of that. The cache holds the compiled content with each checked model
as a plain record (`game.content.records`), expressions as their trees (compiled again when first used)
and, for a game in one language, only that language's texts beside the English. So a game keeps neither
pydantic nor the YAML parser in memory, and starts sooner.

A cache file is named by a key over every content file's path, size and time, the game's own content
code and the languages kept: any change loads the decks afresh (every check runs, every problem is
reported as usual) and writes a new file. Files are written whole (temp file, then rename) and read
through an unpickler that builds only the content's own classes, so a damaged or foreign file is
ignored and rebuilt, never run. Where the folder cannot be written, the decks are loaded each time.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import subprocess
import sys
import types
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import game
from game.content.compiled import Content
from game.content.paths import default_content_dir
from game.content.records import model_record
from game.content.texts import LiveText

KEEP = 8  # cache files kept (one per content and language set); older ones are removed
LANGUAGE_CODES = frozenset({"en", "zh", "vi"})
_CODE = Path(__file__).resolve().parent  # the content code: a change to it is a change to the cache's shape
# What an unpickled cache may build: our content classes and the standard containers pickle needs.
_ALLOWED_MODULES = ("game.content.",)
_ALLOWED = {("functools", "partial"), ("builtins", "frozenset"), ("builtins", "set"), ("builtins", "slice")}


def cache_dir() -> Path:
    """Where cache files live: `$FRIENDSHIP_PASS_CACHE`, else beside the game's installation (its virtual
    environment)."""
    chosen = os.environ.get("FRIENDSHIP_PASS_CACHE")
    return Path(chosen) if chosen else Path(sys.prefix) / "var" / "friendship-pass" / "content"


def load_cached(root: Path | None = None, extra_decks: Sequence[Path] = (), solo: str | None = None,
                lang: str | None = None, folder: Path | None = None, apart: bool = False) -> Content:
    """The content of `root` (and packs), from the cache when nothing changed since it was written, else
    loaded afresh (raising ContentError as `load_content` does) and cached. With `lang`, only English and
    that language's texts are kept. `apart`: a missing cache is built by a separate process, so that this
    one (a game about to run for an hour) never holds the loader, pydantic and the YAML parser; where that
    fails (decks with errors, a cache that cannot be written), the decks are loaded here."""
    root = Path(root) if root is not None else default_content_dir()
    langs = None if lang is None else frozenset({"en", lang})
    folder = folder if folder is not None else cache_dir()
    path = folder / (cache_key(root, extra_decks, solo, langs) + ".pickle")
    content = read_cache(path)
    if content is None and apart and _build_apart(root, extra_decks, solo, lang, folder):
        content = read_cache(path)
    if content is not None:
        return content
    from game.content.loader import load_content

    fresh = load_content(root, extra_decks, solo=solo)
    try:
        data = dump_content(fresh, langs)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return fresh  # content the cache cannot hold is played as loaded
    _write(path, data)
    return _loads(data)


def _build_apart(root: Path, extra_decks: Sequence[Path], solo: str | None, lang: str | None, folder: Path) -> bool:
    """Build the cache file in a child process (`python -m game.content.cache`); whether it succeeded."""
    package_parent = str(Path(game.__file__).resolve().parents[1])  # the child imports this same game
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_parent, os.environ.get("PYTHONPATH"))
                                                       if p)}
    request = json.dumps({"root": str(root), "decks": [str(p) for p in extra_decks], "solo": solo, "lang": lang,
                          "folder": str(folder)})
    try:
        done = subprocess.run([sys.executable, "-m", "game.content.cache", request], env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=600, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def main(argv: Sequence[str]) -> int:
    """`python -m game.content.cache REQUEST`: build one cache file (see `_build_apart`); 0 when written, 2 when
    the decks have errors (the caller loads them itself and reports them), 1 otherwise."""
    from game.errors import ContentError

    request = json.loads(argv[0])
    try:
        load_cached(Path(request["root"]), [Path(p) for p in request["decks"]], request["solo"], request["lang"],
                    Path(request["folder"]))
    except ContentError:
        return 2
    return 0


def cache_key(root: Path, extra_decks: Sequence[Path], solo: str | None, langs: frozenset[str] | None) -> str:
    """A key that changes whenever a content file, the content code or the languages kept change."""
    h = hashlib.sha256()
    h.update(f"{game.__version__}\0{sys.version}\0{solo}\0{sorted(langs or LANGUAGE_CODES)}\0".encode())
    for label, where in [("code", _CODE), ("content", root), *(("pack", Path(p)) for p in extra_decks)]:
        h.update(f"{label}\0{where.resolve()}\0".encode())
        for name, size, mtime in _files(where):
            h.update(f"{name}\0{size}\0{mtime}\0".encode())
    return h.hexdigest()[:32]


def _files(where: Path) -> Iterator[tuple[str, int, int]]:
    if where.is_file():
        st = where.stat()
        yield where.name, st.st_size, st.st_mtime_ns
        return
    for dirpath, dirnames, filenames in os.walk(where):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            try:
                st = os.stat(full)
            except OSError:
                continue
            yield os.path.relpath(full, where), st.st_size, st.st_mtime_ns


def read_cache(path: Path) -> Content | None:
    """The content in a cache file, or None when there is none or it cannot be used (it is then rebuilt)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        content = _loads(data)
    except Exception:  # noqa: BLE001 - any damage means "no usable cache": the decks are loaded afresh
        return None
    return content if isinstance(content, Content) else None


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module.startswith(_ALLOWED_MODULES) or (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"the content cache may not build {module}.{name}")


def _loads(data: bytes) -> Any:
    return _Unpickler(io.BytesIO(data)).load()


def dump_content(content: Content, langs: frozenset[str] | None = None) -> bytes:
    """The bytes of a cache file for `content` (only `langs`' texts, or every language's)."""
    buf = io.BytesIO()
    _Pickler(buf, langs).dump(content)
    return buf.getvalue()


class _Pickler(pickle.Pickler):
    """Pickles compiled content: checked models become records, texts keep only the languages asked for."""

    def __init__(self, file: io.BytesIO, langs: frozenset[str] | None) -> None:
        from pydantic import BaseModel  # here, not at the top: reading a cache must not import pydantic

        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.langs = langs
        self.model_class = BaseModel

    def reducer_override(self, obj: Any) -> Any:  # called for every object pickled
        if isinstance(obj, self.model_class):
            return model_record, (type(obj).__name__, {k: self._texts(v) for k, v in obj.__dict__.items()})
        if isinstance(obj, LiveText) and self.langs is not None:
            return LiveText, (_live_in(obj, self.langs),)
        if isinstance(obj, types.FunctionType) and "<" in obj.__qualname__:
            raise pickle.PicklingError(f"compiled content holds {obj!r}, which cannot be cached")
        return NotImplemented

    def _texts(self, value: Any) -> Any:
        """A model's field with texts in other languages left out (texts are maps of language -> string)."""
        if self.langs is None:
            return value
        if isinstance(value, dict):
            if value and value.keys() <= LANGUAGE_CODES and all(isinstance(v, str) for v in value.values()):
                return {k: v for k, v in value.items() if k in self.langs}
            return {k: self._texts(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._texts(v) for v in value]
        return value


def _live_in(text: LiveText, langs: frozenset[str]) -> Any:
    return tuple((cond, {k: v for k, v in parts.items() if k in langs}) for cond, parts in text.variants)


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        old = sorted(path.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]
        for stale in old:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only installation loads the decks each time


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
