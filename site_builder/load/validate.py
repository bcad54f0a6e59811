"""Validate parsed YAML against the content model and turn pydantic's errors into diagnostics.

Each error is placed at the line of the offending value (or key), worded for staff in
Chinese (English on request), with a did-you-mean suggestion for unknown keys and a hint for
numbers written as text ("22000元").
"""

from __future__ import annotations

import difflib
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.model.common import SourcedModel
from site_builder.model.vocabulary import field_for
from site_builder.source import Path_, Source, YamlDocument

ModelT = TypeVar("ModelT", bound=SourcedModel)

_NUMBER_IN_TEXT = re.compile(r"[-+]?\d[\d,,]*(?:\.\d+)?")
# "1000余", "100多", "约50", "200+": a lower bound written into the number.
_APPROXIMATE_WORDS = re.compile(r"[余多约+]|以上")


def _fields_at(model: type[BaseModel], loc: Path_) -> list[str]:
    """The field names allowed at `loc` (the mapping holding the unknown key)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(str(part))
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [name for name in current.model_fields if not _loader_set(current, name)]
    return []


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    return annotation


def _loader_set(model: type[BaseModel], name: str) -> bool:
    """Fields the loader fills from the file's name or place, not from its keys."""
    return name in getattr(model, "LOADER_FIELDS", frozenset())


def _message(error: Any, model: type[BaseModel]) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    field = str(loc[-1]) if loc else ""
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return t("缺少必填字段 “{field}”", "missing required field '{field}'", field=field)
    if kind == "extra_forbidden":
        key = field
        allowed = _fields_at(model, loc[:-1])
        suggestion = field_for(key, allowed)
        if suggestion is None:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            suggestion = close[0] if close else None
        if suggestion:
            return t(
                "未知字段 “{key}”,是不是 “{suggestion}”?",
                "unknown key '{key}'; did you mean '{suggestion}'?",
                key=key,
                suggestion=suggestion,
            )
        return t(
            "未知字段 “{key}”(可用字段:{allowed})",
            "unknown key '{key}' (allowed: {allowed})",
            key=key,
            allowed=", ".join(allowed),
        )
    if kind in ("int_parsing", "int_type", "float_parsing", "float_type"):
        if isinstance(value, str):
            number = _NUMBER_IN_TEXT.search(value)
            if number:
                plain = number.group(0).replace(",", "").replace(",", "")
                message = t(
                    "“{field}” 应是数字,不要带单位或文字:写作 {plain}",
                    "'{field}' must be a number without units or text: write {plain}",
                    field=field,
                    plain=plain,
                )
                if _APPROXIMATE_WORDS.search(value):
                    message += t(
                        ";约数(如“1000余”)另写 approximate: [{field}]",
                        "; for an approximate figure (“1000余”) add approximate: [{field}]",
                        field=field,
                    )
                return message
        return t("“{field}” 应是整数", "'{field}' must be a whole number", field=field)
    if kind == "int_from_float":
        return t(
            "“{field}” 应是整数,不能有小数({value})",
            "'{field}' must be a whole number, not {value}",
            field=field,
            value=value,
        )
    if kind in ("greater_than_equal", "greater_than"):
        return t(
            "“{field}” 不能为负数({value})",
            "'{field}' cannot be negative ({value})",
            field=field,
            value=value,
        )
    if kind == "string_type":
        return t(
            "“{field}” 应是文本;如果这是号码或编号,请加引号",
            "'{field}' must be text; put numbers such as codes in quotes",
            field=field,
        )
    if kind in ("string_too_short",):
        return t("“{field}” 不能为空", "'{field}' must not be empty", field=field)
    if kind == "string_pattern_mismatch":
        return t(
            "“{field}” 只能用小写字母、数字和连字符({value})",
            "'{field}' may use lowercase letters, digits and hyphens only ({value})",
            field=field,
            value=value,
        )
    if kind.startswith("date") or kind.startswith("datetime"):
        return t(
            "“{field}” 不是有效日期({value}),应写作 YYYY-MM-DD",
            "'{field}' is not a valid date ({value}); write YYYY-MM-DD",
            field=field,
            value=value,
        )
    if kind == "enum":
        return t(
            "“{field}” 的值 “{value}” 不可用,可选:{expected}",
            "'{field}' cannot be '{value}'; choose one of: {expected}",
            field=field,
            value=value,
            expected=ctx.get("expected", ""),
        )
    if kind in ("bool_parsing", "bool_type"):
        return t("“{field}” 应是 true 或 false", "'{field}' must be true or false", field=field)
    if kind == "list_type":
        return t("“{field}” 应是列表(每项以 - 开头)", "'{field}' must be a list", field=field)
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return t("“{field}” 应是“键: 值”的映射", "'{field}' must be a mapping", field=field)
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return t("“{field}”:{msg}", "'{field}': {msg}", field=field, msg=error["msg"])


def _suggested_fields(errors: list[Any], model: type[BaseModel]) -> set[tuple[Any, ...]]:
    """Missing fields that an unknown key beside them was probably meant to be."""
    suggested = set()
    for error in errors:
        if error["type"] != "extra_forbidden":
            continue
        loc = tuple(error["loc"])
        key = str(loc[-1])
        allowed = _fields_at(model, loc[:-1])
        guess = field_for(key, allowed)
        if guess is None:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            guess = close[0] if close else None
        if guess:
            suggested.add((*loc[:-1], guess))
    return suggested


def validate_document(
    model: type[ModelT],
    document: YamlDocument,
    path: str,
    diagnostics: Diagnostics,
    body_line: int = 0,
    extra: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
    text: str = "",
) -> ModelT | None:
    """Build `model` from `document`; on failure add one diagnostic per problem and return None."""
    data = document.data if document.data is not None else {}
    if not isinstance(data, dict):
        diagnostics.error(
            path, 1, 1, t("文件内容应是“键: 值”的映射", "the file must be a mapping of keys")
        )
        return None
    for key in extra or {}:
        if key in data:
            mark = document.mark((key,))
            diagnostics.error(
                path,
                mark.line,
                mark.column,
                t(
                    "字段 “{key}” 由文件名或位置决定,不能手写",
                    "'{key}' comes from the file's name or place and cannot be set",
                    key=key,
                ),
            )
            return None
    try:
        obj = model.model_validate({**data, **(extra or {})}, context=context)
    except ValidationError as exc:
        errors = exc.errors()
        suggested = _suggested_fields(errors, model)
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "missing" and loc in suggested:
                continue  # the unknown key's did-you-mean already names this field
            if error["type"] == "missing":
                mark = document.mark(loc)
            elif error["type"] == "extra_forbidden":
                mark = document.key_mark(loc)
            else:
                mark = document.value_mark(loc)
            diagnostics.error(path, mark.line, mark.column, _message(error, model))
        return None
    obj.attach_source(Source(path=path, document=document, body_line=body_line, text=text))
    return obj
