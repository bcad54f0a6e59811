"""The shape of each field of the content model, read from its type annotation.

The editor's form (decap_config.py) and the restyling of what the editor saves (restyle.py)
both follow the model through this one reading, so a field added to or changed in a model
reaches both without another edit.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from site_builder.model.vocabulary import CHOICE_LABELS, field_label

Kind = Literal[
    "text", "date", "bool", "int", "float", "choice", "choices", "texts", "numbers", "model",
    "models", "mapping",
]  # fmt: skip


@dataclass(frozen=True)
class FieldShape:
    kind: Kind
    model: type[BaseModel] | None = None  # kinds "model", "models" and "mapping" (the values)
    choices: tuple[str, ...] = ()  # kinds "choice" and "choices"
    optional: bool = False  # None is a value of the field


def _strip(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _choices(annotation: Any) -> tuple[str, ...] | None:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return tuple(str(member.value) for member in annotation)
    if get_origin(annotation) is Literal:
        return tuple(str(value) for value in get_args(annotation))
    return None


_SCALARS: dict[Any, Kind] = {
    dt.date: "date",
    bool: "bool",
    int: "int",
    float: "float",
    str: "text",
}


def _item_shape(item: Any) -> FieldShape:
    """A list's shape from the shape of its items."""
    shape = shape_of(item)
    if shape.kind == "model":
        return FieldShape("models", model=shape.model)
    if shape.kind == "choice":
        return FieldShape("choices", choices=shape.choices)
    if shape.kind in ("int", "float"):
        return FieldShape("numbers")
    return FieldShape("texts")


def shape_of(annotation: Any) -> FieldShape:
    """The shape of a field with this annotation."""
    annotation = _strip(annotation)
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        members = [_strip(arg) for arg in get_args(annotation)]
        present = [arg for arg in members if arg is not type(None)]
        # `bool | list[Figure]` (approximate): the list is the form that says more.
        listed = [arg for arg in present if get_origin(arg) is list]
        shape = shape_of(listed[0] if listed else present[0])
        return FieldShape(shape.kind, shape.model, shape.choices, len(present) < len(members))
    if origin is list:
        return _item_shape(get_args(annotation)[0])
    if origin is dict:
        return FieldShape("mapping", model=shape_of(get_args(annotation)[1]).model)
    choices = _choices(annotation)
    if choices is not None:
        return FieldShape("choice", choices=choices)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return FieldShape("model", model=annotation)
    return FieldShape(_SCALARS.get(annotation, "text"))


def written_fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """The fields staff write in a file of `model`, in the model's order."""
    loader_fields: frozenset[str] = getattr(model, "LOADER_FIELDS", frozenset())
    return {name: info for name, info in model.model_fields.items() if name not in loader_fields}


def label_of(model: type[BaseModel], name: str) -> str:
    """The field's Chinese label: the vocabulary's word, else the head of its description."""
    label = field_label(model.__name__, name)
    if label:
        return label
    description = model.model_fields[name].description or name
    for stop in ":;,(、:;,(":
        description = description.split(stop)[0]
    return description.strip() or name


# A code with its Chinese gloss, `minor(未成年人)`: the form shows the gloss alone.
_GLOSSED_CODE = re.compile(r"\b[a-z_]+[(]([^()]+)[)]")
_CODE = re.compile(r"\b[a-z][a-z_]*\b")


def form_hint(model: type[BaseModel], name: str) -> str:
    """The field's help text as the form shows it: its description, written for people who
    type YAML, with the YAML words (`true`, field names, choice codes) put as the form names
    them, since the form shows switches, Chinese labels and Chinese choices."""
    description = model.model_fields[name].description or ""
    hint = _GLOSSED_CODE.sub(
        # A one-character gloss is a unit, `in_kind(元)`, not a translation.
        lambda match: (
            match.group(1)
            if match.group(0).split("(")[0] in CHOICE_LABELS and len(match.group(1)) > 1
            else match.group(0)
        ),
        description,
    )
    hint = hint.replace("写 true", "打开开关").replace("true", "打开")

    def in_chinese(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in model.model_fields:
            label = label_of(model, word)
        else:
            label = CHOICE_LABELS.get(word) or field_label(model.__name__, word) or ""
        if not label:
            return word
        # `姓名 name`: the Chinese word already stands before its code.
        before = match.string[: match.start()]
        return "" if before.endswith(" ") and before.rstrip().endswith(label[:2]) else f"“{label}”"

    hint = _CODE.sub(in_chinese, hint)
    return re.sub(r" +", " ", re.sub(r"\s+([,;、,;()])", r"\1", hint)).strip()
