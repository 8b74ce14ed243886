"""Turn pydantic validation errors into located, readable problems (file:line:col: message)."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from game.content import models
from game.content.yamlsafe import Loc, YamlDoc
from game.errors import Problem

M = TypeVar("M", bound=BaseModel)

_ALL_FIELDS = sorted({name for obj in vars(models).values() if isinstance(obj, type)
                      and issubclass(obj, BaseModel) for name in obj.model_fields})


def _data_loc(data: Any, loc: tuple[Any, ...]) -> Loc:
    """The longest prefix of a pydantic location that exists in the data (drops union tags)."""
    out: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and isinstance(part, str) and part in node) or (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
            node = node[part]
            out.append(part)
        elif isinstance(node, (dict, list)):
            # a union member tag or a missing key: skip it but keep walking (lists of unions)
            continue
        else:
            break
    return tuple(out)


def _readable(err: dict[str, Any]) -> str:
    kind, msg = err["type"], err["msg"]
    field = next((p for p in reversed(err["loc"]) if isinstance(p, str) and not p[:1].isupper()
                  and "[" not in p), None)
    if kind == "missing":
        return f"missing field '{err['loc'][-1]}'"
    if kind == "extra_forbidden":
        name = str(err["loc"][-1])
        close = difflib.get_close_matches(name, _ALL_FIELDS, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown field '{name}'{hint}"
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        if "\\d{4}" in pattern:
            return f"{field}: '{err['input']}' is not a month; write YYYY-MM, e.g. 2019-01"
        return f"{field}: '{err['input']}' is not a valid id; use lower-case letters, digits and _"
    if kind in ("too_short", "too_long") and field == "choices":
        return f"choices: a card needs 2 to 4 choices, this one has {len(err['input'])}"
    return f"{field}: {msg[0].lower() + msg[1:]}" if field else msg


def check_model(doc: YamlDoc, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a parsed document against a model; every error located, unions collapsed."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        grouped: dict[tuple[Loc, str], list[dict[str, Any]]] = {}
        for err in exc.errors(include_url=False):
            loc = _data_loc(doc.data, err["loc"])
            key_error = err["type"] in ("extra_forbidden", "too_short", "too_long")
            if err["type"] == "missing":
                grouped.setdefault((loc, f"missing:{err['loc'][-1]}"), []).append(err)
            else:
                grouped.setdefault((loc, "key" if key_error else "value"), []).append(err)
        problems = []
        for (loc, tag), errs in grouped.items():
            if tag == "value" and len(errs) > 1:
                field = next((p for p in reversed(loc) if isinstance(p, str)), "value")
                got = type(errs[0]["input"]).__name__
                got = {"str": "text", "dict": "a mapping", "list": "a list", "int": "a number",
                       "float": "a number", "NoneType": "nothing", "bool": "true/false"}.get(got, got)
                message = f"{field}: wrong type ({got}); " + "; or ".join(
                    sorted({e['msg'][0].lower() + e['msg'][1:] for e in errs}))
            else:
                message = _readable(errs[0])
            problems.append(doc.problem(loc, message, key=tag == "key"))
        return None, problems
