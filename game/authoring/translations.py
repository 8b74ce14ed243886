"""Translation tools for authors: write and update the catalogs, and check a language's coverage.

`friendship-pass translate update --lang zh` writes one catalog per content file (see game.content.i18n),
keeping every translation whose English has not changed and marking the ones whose English has as fuzzy,
with the old English beside them, for a translator to look at. `validate --lang zh` reports every text
without a translation (file:line), translations that drop a live value such as {permit_days}, and the
coverage of each file.

For the shipped content it also updates the interface catalog, game/locale/LANG/LC_MESSAGES/
friendship_pass.po: every string the code marks with `_()`, `N_()`, `ngettext()`, `pgettext()` or
`gettext_in(lang, …)`, extracted from game/ with Babel, in the same way (kept, or fuzzy when the English
changed). `interface_gaps` lists what is left to translate (the catalog test uses it).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import game
from game import __version__
from game.content import i18n
from game.content.yamlsafe import YamlDoc, read_yaml
from game.errors import Problem
from game.packs import every_shipped_file, kind_of

SLOT = re.compile(r"\{([a-z][a-z0-9_]*)\}")
QUOTE_NOTE = ("A source quote. On screen it stays in the source's own words; this translation is shown "
              "beside it, marked as ours.")
HEADER = ("# {language} translation of content/{file} (Friendship Pass).\n"
          "# Written by `friendship-pass translate update`: fill in each msgstr; keep {{slots}} as they are.\n"
          "# An entry marked `#, fuzzy` has English that changed since it was translated: check it, then\n"
          "# delete the fuzzy line. Check your work with `friendship-pass validate --lang LANG`.")
SLOT_NOTE = "Keep {slot} exactly as it is: the game puts the live value there."


@dataclass
class Coverage:
    """How much of one file is translated into one language."""

    path: str
    total: int = 0
    done: int = 0
    missing: list[Problem] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.done / self.total if self.total else 1.0


def _slots_of(doc: YamlDoc) -> list[i18n.Slot]:
    kind = kind_of(doc.data)
    if kind is None or kind.model is None:
        return []
    return list(i18n.slots(doc.data, kind.model))


def coverage(docs: dict[str, YamlDoc], lang: str, strict: bool = False) -> list[Coverage]:
    """Per file, the texts translated into `lang` (inline or by a catalog) and a problem for each one not;
    a translation that leaves out a live value the English shows is always a problem."""
    out = []
    severity = "error" if strict else "warning"
    for name, doc in sorted(docs.items()):
        if not isinstance(doc.data, dict):
            continue
        cov = Coverage(name)
        for slot in _slots_of(doc):
            cov.total += 1
            said = slot.translation(lang)
            line, col = doc.where(slot.loc)
            if not said.strip():
                what = "source quote" if slot.quote else "text"
                cov.missing.append(Problem(name, line, col, f"no {i18n.LANGUAGES.get(lang, lang)} ({lang}) "
                                           f"translation of this {what}: {_short(slot.english)}", severity))
                continue
            cov.done += 1
            lost = sorted(set(SLOT.findall(slot.english)) - set(SLOT.findall(said)))
            if lost and not slot.quote:
                cov.missing.append(Problem(name, line, col, f"the {lang} translation leaves out "
                                           f"{', '.join('{' + s + '}' for s in lost)}, which the English shows",
                                           severity))
        if cov.total:
            out.append(cov)
    return out


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return f'"{flat}"' if len(flat) <= width else f'"{flat[:width - 1]}…"'


@dataclass
class Updated:
    path: Path
    entries: int
    translated: int
    fuzzy: int


def update_catalogs(root: Path, langs: Iterable[str], interface: bool | None = None) -> list[Updated]:
    """Write or update the catalogs of every shipped content file for each language, and the interface
    catalogs (`interface`; None: when `root` is the game's own content folder)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    langs = list(langs)
    if interface is None:
        from game.content.paths import DEFAULT_CONTENT

        interface = root.resolve() == DEFAULT_CONTENT.resolve()
    out = update_interface_catalogs(langs) if interface else []
    for path, _expected in every_shipped_file(root):
        doc = read_yaml(path, str(path))
        if isinstance(doc, Problem) or not isinstance(doc.data, dict):
            continue
        template = Catalog(project="Friendship Pass", fuzzy=False)
        rel = path.resolve().relative_to(root.resolve()).as_posix()
        for slot in _slots_of(doc):
            notes = [QUOTE_NOTE] if slot.quote else []
            if SLOT.search(slot.english):
                notes.append(SLOT_NOTE)
            template.add(slot.english, context=slot.context, locations=[(rel, doc.where(slot.loc)[0])],
                         auto_comments=notes)
        if not len(template):
            continue
        for lang in langs:
            target = i18n.catalog_path(root, path, lang)
            if target.exists():
                with target.open("rb") as fh:
                    catalog = read_po(fh, locale=lang)
            else:
                catalog = Catalog(locale=lang, project="Friendship Pass", version=__version__, fuzzy=False,
                                  header_comment=HEADER.format(language=i18n.LANGUAGES[lang], file=rel))
            template.creation_date = catalog.creation_date  # unchanged files stay unchanged in git
            catalog.update(template, update_header_comment=False)
            _prefill_inline(catalog, doc, lang)
            out.append(_write(target, catalog))
    return out


def _prefill_inline(catalog: object, doc: YamlDoc, lang: str) -> None:
    """Texts already translated inline in the file count as translated in the catalog too."""
    for slot in _slots_of(doc):
        said = slot.translation(lang)
        if said:
            msg = catalog.get(slot.english, context=slot.context)  # type: ignore[attr-defined]
            if msg is not None and not msg.string:
                msg.string = said


# -- the interface catalog ---------------------------------------------------------------------------------
UI_KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "gettext_in": (2,)}
UI_HEADER = ("# {language} translation of the Friendship Pass interface (plain mode, reports, messages).\n"
             "# Written by `friendship-pass translate update`: fill in each msgstr; keep {{placeholders}} as they are\n"
             "# (reorder them freely). An entry marked `#, fuzzy` has English that changed since it was translated:\n"
             "# check it, then delete the fuzzy line. The terms of the game are in the termbase (TERMS.md).")


def extract_marked(fileobj: object, keywords: Iterable[str], comment_tags: Iterable[str], options: object
                   ) -> Iterator[tuple[int, str, tuple[str | None, ...], list[str]]]:
    """A Babel extraction method that reads the syntax tree, so `_()` inside an f-string is found too (Babel's
    own Python extractor does not look inside f-strings before Python 3.12). A comment starting with one of
    `comment_tags` on the lines just above a call goes to the translator."""
    source = fileobj.read().decode("utf-8")  # type: ignore[attr-defined]
    lines = source.splitlines()
    names = set(keywords)
    tags = tuple(comment_tags)
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name not in names or not node.args:
            continue
        args = tuple(a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args)
        notes: list[str] = []
        row = node.lineno - 2
        while row >= 0 and lines[row].strip().startswith("#"):
            notes.insert(0, lines[row].strip().lstrip("#").strip())
            row -= 1
        start = next((i for i, n in enumerate(notes) if n.startswith(tags)), None) if tags else None
        yield node.lineno, name, args, notes[start:] if start is not None else []


def interface_template() -> object:
    """Every interface string marked in game/, with where it is used and any `# TRANSLATORS:` note."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    package = Path(game.__file__).parent
    template = Catalog(project="Friendship Pass", version=__version__, fuzzy=False)
    found = extract_from_dir(package, method_map=[("**.py", extract_marked)],  # type: ignore[list-item]
                             keywords=UI_KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True)
    for filename, lineno, message, comments, context in sorted(found, key=lambda f: (f[0], f[1])):
        template.add(message, None, [(f"game/{filename}", lineno)], auto_comments=comments, context=context)
    return template


def interface_catalog_path(lang: str) -> Path:
    from game.i18n import DOMAIN, LOCALE_DIR

    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def update_interface_catalogs(langs: Iterable[str]) -> list[Updated]:
    """Write or update game/locale/LANG/LC_MESSAGES/friendship_pass.po for each language."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    template = interface_template()
    out = []
    for lang in langs:
        target = interface_catalog_path(lang)
        if target.exists():
            with target.open("rb") as fh:
                catalog = read_po(fh, locale=lang)
        else:
            catalog = Catalog(locale=lang, project="Friendship Pass", version=__version__, fuzzy=False,
                              header_comment=UI_HEADER.format(language=i18n.LANGUAGES[lang]))
        template.creation_date = catalog.creation_date  # type: ignore[attr-defined]
        catalog.update(template, update_header_comment=False)  # type: ignore[arg-type]
        out.append(_write(target, catalog))
    return out


def _write(target: Path, catalog: Any) -> Updated:
    """Write `catalog` to `target` whole or not at all (through a temporary file); what it now holds."""
    from babel.messages.pofile import write_po

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".po.tmp")
    with tmp.open("wb") as fh:
        write_po(fh, catalog, width=0, ignore_obsolete=True, include_previous=True)
    tmp.replace(target)
    msgs = [m for m in catalog if m.id]
    return Updated(target, len(msgs), sum(1 for m in msgs if _done(m.string) and not m.fuzzy),
                   sum(1 for m in msgs if m.fuzzy))


def _done(string: object) -> bool:
    """A translation is there (every plural form, for a plural entry)."""
    if isinstance(string, (tuple, list)):
        return bool(string) and all(s for s in string)
    return bool(string)


def interface_gaps(lang: str) -> list[str]:
    """The interface strings in game/ with no usable `lang` translation: missing, empty, fuzzy, or not in the
    catalog at all (the catalog was not updated since the string was added)."""
    from babel.messages.pofile import read_po

    template = interface_template()
    path = interface_catalog_path(lang)
    catalog = None
    if path.exists():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
    gaps = []
    for msg in template:  # type: ignore[attr-defined]
        if not msg.id:
            continue
        found = catalog.get(msg.id, context=msg.context) if catalog is not None else None
        if found is None or found.fuzzy or not _done(found.string):
            key = msg.id[0] if isinstance(msg.id, (tuple, list)) else msg.id
            where = ", ".join(f"{f}:{n}" for f, n in msg.locations[:2])
            state = "not in the catalog" if found is None else "fuzzy" if found.fuzzy else "not translated"
            gaps.append(f"{where}: {key!r} ({state})")
    return gaps
