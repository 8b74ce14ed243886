"""JSON Schemas for content files, generated from the models, for editors (VS Code YAML extension)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from game.content import models

if TYPE_CHECKING:
    from game.content.compiled import Content

SCHEMAS: dict[str, type[BaseModel]] = {
    "deck": models.Deck,
    "scenario": models.Scenario,
    "negotiation": models.Negotiation,
    "sources": models.Sources,
    "glossary": models.Glossary,
    "characters": models.Characters,
    "moves": models.Moves,
    "role": models.Role,
}


def schema_text(name: str) -> str:
    schema = SCHEMAS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"Friendship Pass {name}"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written


# -- the project schema: the same shapes, with the names this content (and its packs) defines ----------
PROJECT = ("deck", "negotiation", "moves", "glossary", "characters", "role")


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _enum(values: Iterable[str], what: str) -> dict[str, Any]:
    return {"enum": sorted(set(values)), "description": f"one of the {what} this content defines"}


def project_schema(name: str, content: Content) -> dict[str, Any]:
    """The schema of a kind of file with names as enums: meters and counters in effects, flags in set/clear,
    policies and their options, card ids in follow-ups, negotiations, sources, characters and voices. An
    editor then completes and checks names, not only fields."""
    schema = json.loads(schema_text(name))
    targets = [*content.meters, *content.counters]
    flags = sorted(content.flags)
    for node in _walk(schema):
        props = node.get("properties")
        if not isinstance(props, dict):
            continue
        for key in ("effects", "assign"):
            if isinstance(props.get(key), dict) and "patternProperties" in props[key]:
                value = next(iter(props[key]["patternProperties"].values()))
                props[key] = {"type": "object", "description": props[key].get("description", ""),
                              "propertyNames": _enum(targets, "meters and counters"), "additionalProperties": value}
        for key in ("set", "clear"):
            if isinstance(props.get(key), dict) and props[key].get("type") == "array":
                props[key]["items"] = {**_enum(flags, "flags"), "type": "string"}
        if isinstance(props.get("policy"), dict) and "patternProperties" in props["policy"]:
            props["policy"] = {"type": "object", "description": props["policy"].get("description", ""),
                               "additionalProperties": False,
                               "properties": {pid: _enum(rule.options, f"options of {pid}")
                                              for pid, rule in content.policies.items()}}
        if "event" in props and "after" in props:  # a follow-up
            props["event"] = {**_enum(content.events, "cards"), "type": "string"}
        if "negotiate" in props:
            props["negotiate"] = {"anyOf": [{**_enum(content.negotiations, "negotiations"), "type": "string"},
                                            {"type": "null"}]}
        if "quote" in props and "where" in props:  # a source citation
            props["id"] = {**_enum(content.sources, "sources"), "type": "string"}
        if "character" in props:
            props["character"] = {"anyOf": [{**_enum(content.characters, "characters"), "type": "string"},
                                            {"type": "null"}]}
        if "acted_by" in props:
            props["acted_by"] = {"anyOf": [{**_enum(content.roles, "roles"), "type": "string"}, {"type": "null"}]}
        if "stakes" in props and "negotiations" in props:  # a role
            props["negotiations"] = {"type": "array", "items": {**_enum(content.negotiations, "negotiations"),
                                                                  "type": "string"}}
            props["cards"] = {"type": "array", "items": {**_enum(content.events, "cards"), "type": "string"}}
        if "voice" in props and "frame" in props:
            props["voice"] = {"anyOf": [{**_enum((v.id for v in content.scenario.voices), "voices"),
                                         "type": "string"}, {"type": "null"}]}
    if name == "deck" and "deck" in schema.get("required", []):
        schema["required"] = [r for r in schema["required"] if r != "deck"]  # the file name is the default
    schema["title"] = f"Friendship Pass {name} (names from this project)"
    return schema


def write_project_schemas(folder: Path, content: Content) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in PROJECT:
        path = folder / f"{name}.schema.json"
        path.write_text(json.dumps(project_schema(name, content), indent=2, ensure_ascii=False, sort_keys=True)
                        + "\n", encoding="utf-8")
        written.append(path)
    return written
