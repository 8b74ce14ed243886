"""Translation tools for authors: write and update the catalogs, and check a language's coverage.

`friendship-pass translate update --lang zh` writes one catalog per content file (see game.content.i18n),
keeping every translation whose English has not changed and marking the ones whose English has as fuzzy,
with the old English beside them, for a translator to look at. `validate --lang zh` reports every text
without a translation (file:line), translations that drop a live value such as {permit_days}, and the
coverage of each file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

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


def update_catalogs(root: Path, langs: Iterable[str]) -> list[Updated]:
    """Write or update the catalogs of every shipped content file for each language."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    out = []
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
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".po.tmp")
            with tmp.open("wb") as fh:
                write_po(fh, catalog, width=0, ignore_obsolete=True, include_previous=True)
            tmp.replace(target)
            msgs = [m for m in catalog if m.id]
            out.append(Updated(target, len(msgs), sum(1 for m in msgs if m.string and not m.fuzzy),
                               sum(1 for m in msgs if m.fuzzy)))
    return out


def _prefill_inline(catalog: object, doc: YamlDoc, lang: str) -> None:
    """Texts already translated inline in the file count as translated in the catalog too."""
    for slot in _slots_of(doc):
        said = slot.translation(lang)
        if said:
            msg = catalog.get(slot.english, context=slot.context)  # type: ignore[attr-defined]
            if msg is not None and not msg.string:
                msg.string = said
