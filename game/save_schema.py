"""The shape of a save file, checked (with pydantic) before anything in it is used.

Kept apart from `game.saves` so that writing saves, which every game does, does not import pydantic;
only loading one does.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

Short = Annotated[str, StringConstraints(max_length=200)]


class SaveDoc(BaseModel):
    """The shape of a save file, checked before anything in it is used."""

    model_config = ConfigDict(extra="allow")
    format: Literal["friendship-pass-save"]
    version: Annotated[int, Field(ge=0, le=1000)]
    min_version: Annotated[int, Field(ge=0, le=1000)]
    content: Short
    seed: Annotated[int, Field(ge=-(2**63), le=2**64)] | Annotated[str, StringConstraints(max_length=64)]
    options: dict[Short, Any]
    actions: Annotated[list[dict[Short, Any]], Field(max_length=20000)]
    digest: Short
    summary: dict[Short, Any]
    ai_replies: Annotated[list[Annotated[int, Field(ge=0, le=20000)]], Field(max_length=20000)] | None = None


def shape_problem(doc: dict[str, Any]) -> str:
    """What is wrong with a save's shape ("actions.3: input should be a valid dictionary"), or ""."""
    try:
        SaveDoc.model_validate(doc)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"][:4])
        return f"{where}: {err['msg'].lower()}"
    return ""
