"""Turn pydantic validation errors into located, readable problems (file:line:col: message), and salvage
what is valid in a file with errors so that its other mistakes (names, sources, months) are found in the
same run.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from game.content import models
from game.content.yamlsafe import BOOL_WORDS, Loc, YamlDoc
from game.errors import Problem

M = TypeVar("M", bound=BaseModel)

_ALL_FIELDS = sorted({name for obj in vars(models).values() if isinstance(obj, type)
                      and issubclass(obj, BaseModel) for name in obj.model_fields})
_TYPE_WORDS = {"str": "text", "dict": "a mapping", "list": "a list", "int": "a number", "float": "a number",
               "NoneType": "nothing", "bool": "true/false"}


def _data_loc(data: Any, loc: tuple[Any, ...]) -> Loc:
    """The longest prefix of a pydantic location that exists in the data (drops union tags)."""
    out: list[str | int] = []
    node: Any = data
    for part in loc:
        if ((isinstance(node, dict) and isinstance(part, str) and part in node)
                or (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node))):
            node = node[part]  # type: ignore[index]
            out.append(part)
        elif isinstance(node, (dict, list)):
            # a union member tag or a missing key: skip it but keep walking (lists of unions)
            continue
        else:
            break
    return tuple(out)


def _field(err: dict[str, Any]) -> str | None:
    return next((p for p in reversed(err["loc"]) if isinstance(p, str) and not p[:1].isupper()
                 and "[" not in p and p not in ("str", "int", "float", "bool", "list", "dict")), None)


def _readable(err: dict[str, Any], model: type[BaseModel]) -> str:
    kind, msg = err["type"], err["msg"]
    field = _field(err)
    if kind == "missing":
        return f"missing field '{err['loc'][-1]}'"
    if kind == "extra_forbidden":
        name = str(err["loc"][-1])
        close = [c for c in difflib.get_close_matches(name, _ALL_FIELDS, n=3, cutoff=0.6) if c != name]
        if name in _ALL_FIELDS:  # a real field, of another kind of thing
            return f"'{name}' is not a field here ({_where_fields(err['loc'], model)})"
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown field '{name}'{hint}"
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        if "\\d{4}" in pattern:
            return f"{field}: '{err['input']}' is not a month; write YYYY-MM, e.g. 2019-01"
        return f"{field}: '{err['input']}' is not a valid id; use lower-case letters, digits and _"
    if kind in ("too_short", "too_long") and field == "choices":
        return f"choices: a card needs 2 to 4 choices, this one has {len(err['input'])}"
    if kind == "string_too_long":
        return f"{field}: {len(str(err['input'])):,} characters; the limit is {err.get('ctx', {}).get('max_length')}"
    return f"{field}: {msg[0].lower() + msg[1:]}" if field else msg


def _where_fields(loc: tuple[Any, ...], model: type[BaseModel]) -> str:
    """The fields allowed where an unknown one was found, for the message."""
    owner = _model_at(model, tuple(p for p in loc[:-1]))
    if owner is None:
        return "check the spelling"
    names = list(owner.model_fields)
    shown = ", ".join(names[:12]) + (" …" if len(names) > 12 else "")
    return f"a {owner.__name__.lower()} has: {shown}"


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(str(part)) or next(
            (f for f in current.model_fields.values() if f.alias == part), None)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """The model inside `X`, `X | None`, `list[X]` or `dict[str, X]`, if there is one."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in (list, dict):
        return _inner_model(typing.get_args(annotation)[-1])
    if origin in (typing.Union, types.UnionType):
        found = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _inner_model(found[0]) if len(found) == 1 else None
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _yaml_hint(doc: YamlDoc, loc: Loc, value: Any) -> str:
    """What YAML did to the value, when that is the likely cause: `on` read as true, `2019` as a number."""
    written = doc.plain(loc)
    if isinstance(value, bool) and written is not None and written.lower() in BOOL_WORDS:
        return f" (YAML reads `{written}` as {'true' if value else 'false'}; put it in quotes: \"{written}\")"
    if isinstance(value, (int, float)) and written is not None:
        return f" (YAML reads `{written}` as a number; put it in quotes if it is text: \"{written}\")"
    if value is None and written is not None:
        return " (there is no value after the colon)"
    opener = doc.flow(loc)
    if opener is not None:
        return f" (a value starting with `{opener}` is read as a {'list' if opener == '[' else 'mapping'}; " \
               "put it in quotes if it is text)"
    return ""


def check_model(doc: YamlDoc, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a parsed document against a model; every error located, unions collapsed."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, problems_of(doc, exc, model)


def problems_of(doc: YamlDoc, exc: ValidationError, model: type[BaseModel]) -> list[Problem]:
    grouped: dict[tuple[Loc, str], list[Any]] = {}
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
            got = _TYPE_WORDS.get(type(errs[0]["input"]).__name__, type(errs[0]["input"]).__name__)
            message = f"{field}: wrong type ({got}); " + "; or ".join(
                sorted({e['msg'][0].lower() + e['msg'][1:] for e in errs}))
        else:
            message = _readable(errs[0], model)
        if tag == "value":
            hint = _yaml_hint(doc, loc, errs[0]["input"])
            if hint.startswith(" (YAML reads"):  # the likely cause, first: the type list only follows from it
                field = next((p for p in reversed(loc) if isinstance(p, str)), "value")
                wants_text = any("valid string" in e["msg"] for e in errs)
                message = f"{field}: {hint.strip()[1:-1]}" + ("; here it should be text" if wants_text else "")
            else:
                message += hint
        problems.append(doc.problem(loc, message, key=tag == "key"))
    return problems


# -- salvage ------------------------------------------------------------------------------------------
class Gap:
    """Stands in a salvaged model's list (or mapping) where an item had errors; the loader skips it."""

    def __repr__(self) -> str:
        return "GAP"


GAP: Any = Gap()


def salvage(model: type[M], data: Any) -> M | None:
    """The valid part of a document with errors: items with errors become GAP (so every other item keeps
    its index and its position in the file), optional fields with errors are dropped. None if even that
    does not give a valid model. Only used to look for more problems; never loaded."""
    if not isinstance(data, dict):
        return None
    fixed: dict[str, Any] = dict(data)
    later: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key not in data:
            continue
        inner = _inner_model(info.annotation)
        value = data[key]
        origin = typing.get_origin(info.annotation)
        if inner is None:
            continue
        if origin is list and isinstance(value, list):
            items = [salvage(inner, item) for item in value]
            good = [i for i in items if i is not None]
            fixed[key] = _pad(good, info)
            later[name] = [GAP if i is None else i for i in items]
        elif origin is dict and isinstance(value, dict):
            entries = {k: salvage(inner, v) for k, v in value.items()}
            fixed[key] = {k: v for k, v in entries.items() if v is not None}
            later[name] = {k: GAP if v is None else v for k, v in entries.items()}
        elif isinstance(value, dict):
            part = salvage(inner, value)
            if part is None and info.is_required():
                return None
            if part is None:
                del fixed[key]
            else:
                fixed[key] = part
    for _ in range(3):
        try:
            found = model.model_validate(fixed)
            break
        except ValidationError as exc:
            if not _drop(model, fixed, exc):
                return None
    else:
        return None
    return found.model_copy(update=later) if later else found


def _pad(good: list[Any], info: Any) -> list[Any]:
    """Enough valid items to meet the list's minimum length (the originals are put back afterwards)."""
    need = next((getattr(m, "min_length", 0) for m in info.metadata if hasattr(m, "min_length")), 0) or 0
    if good and len(good) < need:
        good = good + [good[0]] * (need - len(good))
    return good


def _drop(model: type[BaseModel], fixed: dict[str, Any], exc: ValidationError) -> bool:
    """Drop what the errors point at, where the model can do without it; False if it cannot."""
    for err in exc.errors(include_url=False):
        loc = err["loc"]
        if not loc or loc[0] not in fixed:
            return False
        top = str(loc[0])
        info = model.model_fields.get(top) or next((f for f in model.model_fields.values() if f.alias == top), None)
        value = fixed[top]
        if err["type"] == "extra_forbidden" or info is None:
            fixed.pop(top, None)
        elif len(loc) >= 2 and isinstance(value, dict) and loc[1] in value:
            fixed[top] = {k: v for k, v in value.items() if k != loc[1]}
        elif len(loc) >= 2 and isinstance(value, list) and isinstance(loc[1], int) and _inner_model(
                info.annotation) is None and not info.metadata:
            fixed[top] = [v for i, v in enumerate(value) if i != loc[1]]
        elif not info.is_required():
            fixed.pop(top, None)
        elif isinstance(value, (bool, int, float)) and not isinstance(value, str):
            fixed[top] = str(value).lower() if isinstance(value, bool) else str(value)
        else:
            return False
    return True
