"""JSON Schemas for content files, generated from the models, for editors (VS Code YAML extension)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from game.content import models

SCHEMAS: dict[str, type[BaseModel]] = {
    "deck": models.Deck,
    "scenario": models.Scenario,
    "negotiation": models.Negotiation,
    "sources": models.Sources,
    "glossary": models.Glossary,
    "characters": models.Characters,
    "moves": models.Moves,
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
