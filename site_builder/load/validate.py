"""Validate parsed YAML against the content model and turn pydantic's errors into diagnostics.

Each error is placed at the line of the offending value (or key), worded for staff in
Chinese (English on request), with a did-you-mean suggestion for unknown keys and a hint for
numbers written as text ("22000元").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import choices, t
from site_builder.messages import did_you_mean
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


def _suggestion(key: str, allowed: list[str]) -> str | None:
    """The field an unknown key was meant to be: its Chinese name, or a typo away."""
    return field_for(key, allowed) or did_you_mean(key, allowed)


def _shown(key: str) -> str:
    """A key with its invisible full-width spaces made visible."""
    return key.replace("\u3000", t("[全角空格]", "[full-width space]"))


def _unknown_key(field: str, value: Any, ctx: dict[str, Any], allowed: list[str]) -> str:
    if "\u3000" in field:
        where = t("开头", "at its start") if field.startswith("\u3000") else t("里", "inside")
        return t(
            "字段名 “{key}” {where}有全角空格(U+3000):缩进和空格都要用半角空格",
            "the key '{key}' has a full-width space (U+3000) {where}: use half-width spaces",
            key=_shown(field),
            where=where,
        )
    suggestion = _suggestion(field, allowed)
    if suggestion:
        return t(
            "未知字段 “{key}”,是不是 “{suggestion}”?",
            "unknown key '{key}'; did you mean '{suggestion}'?",
            key=field,
            suggestion=suggestion,
        )
    return t(
        "未知字段 “{key}”(可用字段:{allowed})",
        "unknown key '{key}' (allowed: {allowed})",
        key=field,
        allowed=choices(allowed),
    )


def _not_a_number(field: str, value: Any, ctx: dict[str, Any], allowed: list[str]) -> str:
    number = _NUMBER_IN_TEXT.search(value) if isinstance(value, str) else None
    if not number:
        return t("“{field}” 应是整数", "'{field}' must be a whole number", field=field)
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


def _not_a_list(field: str, value: Any, ctx: dict[str, Any], allowed: list[str]) -> str:
    if isinstance(value, str) and value[:1] in "［【":
        return t(
            "“{field}” 的方括号是全角的“{char}”:列表要用半角方括号,写作 [甲, 乙]",
            "'{field}' uses the full-width bracket '{char}': write [a, b]",
            field=field,
            char=value[0],
        )
    return t(
        "“{field}” 应是列表:写作 [甲, 乙],或每项一行、以“- ”开头",
        "'{field}' must be a list: write [a, b], or one '- ' item a line",
        field=field,
    )


# pydantic names an enum's members as `'draft', 'review' or 'published'`.
_QUOTED = re.compile(r"'([^']*)'")


def _not_a_choice(field: str, value: Any, ctx: dict[str, Any], allowed: list[str]) -> str:
    expected = _QUOTED.findall(str(ctx.get("expected", "")))
    return t(
        "“{field}” 的值 “{value}” 不可用,可选:{expected}",
        "'{field}' cannot be '{value}'; choose one of: {expected}",
        field=field,
        value=value,
        expected=choices(expected),
    )


def _fixed(zh: str, en: str) -> _Wording:
    """A message that only names the field and the value."""

    def wording(field: str, value: Any, ctx: dict[str, Any], allowed: list[str]) -> str:
        return t(zh, en, field=field, value=value, expected=ctx.get("expected", ""))

    return wording


_Wording = Callable[[str, Any, dict[str, Any], list[str]], str]
_INTEGER = _fixed("“{field}” 应是整数", "'{field}' must be a whole number")
_NEGATIVE = _fixed("“{field}” 不能为负数({value})", "'{field}' cannot be negative ({value})")
_BAD_DATE = _fixed(
    "“{field}” 不是有效日期({value}),应写作 YYYY-MM-DD",
    "'{field}' is not a valid date ({value}); write YYYY-MM-DD",
)
_NOT_A_MAPPING = _fixed("“{field}” 应是“键: 值”的映射", "'{field}' must be a mapping")
_NOT_A_BOOL = _fixed("“{field}” 应是 true 或 false", "'{field}' must be true or false")
# pydantic's error kinds, and how each is said to staff.
_WORDINGS: dict[str, _Wording] = {
    "missing": _fixed("缺少必填字段 “{field}”", "missing required field '{field}'"),
    "extra_forbidden": _unknown_key,
    "int_parsing": _not_a_number,
    "int_type": _not_a_number,
    "float_parsing": _not_a_number,
    "float_type": _not_a_number,
    "int_from_float": _fixed(
        "“{field}” 应是整数,不能有小数({value})", "'{field}' must be a whole number, not {value}"
    ),
    "greater_than_equal": _NEGATIVE,
    "greater_than": _NEGATIVE,
    "string_type": _fixed(
        "“{field}” 应是文本;如果这是号码或编号,请加引号",
        "'{field}' must be text; put numbers such as codes in quotes",
    ),
    "string_too_short": _fixed("“{field}” 不能为空", "'{field}' must not be empty"),
    "string_pattern_mismatch": _fixed(
        "“{field}” 只能用小写字母、数字和连字符({value})",
        "'{field}' may use lowercase letters, digits and hyphens only ({value})",
    ),
    "enum": _not_a_choice,
    "literal_error": _not_a_choice,
    "bool_parsing": _NOT_A_BOOL,
    "bool_type": _NOT_A_BOOL,
    "list_type": _not_a_list,
    "dict_type": _NOT_A_MAPPING,
    "model_type": _NOT_A_MAPPING,
    "model_attributes_type": _NOT_A_MAPPING,
    "full_width_comma": _fixed(
        "“{field}” 的逗号是全角的“，”,整段被当成了一项:项之间请用半角逗号“,”",
        "'{field}' has a full-width comma '，', so it is read as one item: use ','",
    ),
}
# Kinds that mean "not this type": an empty value gets its own message instead.
_TYPE_KINDS = frozenset(
    {
        "string_type",
        "int_type",
        "float_type",
        "list_type",
        "dict_type",
        "model_type",
        "enum",
        "literal_error",
    }
)
_EMPTY = _fixed(
    "“{field}” 没有填写:冒号后面是空的",
    "'{field}' is empty: nothing follows the colon",
)


def _message(error: Any, model: type[BaseModel]) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    # An item of a list is named by its list: "tags" rather than "0".
    named = [part for part in loc if isinstance(part, str)]
    field = str(loc[-1]) if loc and kind in ("missing", "extra_forbidden") else ""
    field = field or (named[-1] if named else "")
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if value is None and kind in _TYPE_KINDS:
        return _EMPTY(field, value, ctx, [])
    if kind == "enum" and isinstance(value, str) and "，" in value:
        kind = "full_width_comma"
    wording = _WORDINGS.get(kind)
    if wording is None and kind.startswith(("date", "datetime")):
        wording = _BAD_DATE
    if wording is None:
        return t("“{field}”:{msg}", "'{field}': {msg}", field=field, msg=error["msg"])
    allowed = _fields_at(model, loc[:-1]) if kind == "extra_forbidden" else []
    return wording(field, value, ctx, allowed)


def _suggested_fields(errors: list[Any], model: type[BaseModel]) -> set[tuple[Any, ...]]:
    """Missing fields that an unknown key beside them was probably meant to be."""
    suggested = set()
    for error in errors:
        if error["type"] != "extra_forbidden":
            continue
        loc = tuple(error["loc"])
        guess = _suggestion(str(loc[-1]), _fields_at(model, loc[:-1]))
        if guess:
            suggested.add((*loc[:-1], guess))
    return suggested


def _comma_column(text: str, line: int, column: int) -> int:
    """Where the full-width comma stands in the item written at `line`:`column`."""
    lines = text.split("\n", line)
    if line - 1 < len(lines):
        found = lines[line - 1].find("，", column - 1)
        if found >= 0:
            return found + 1
    return column


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
            column = mark.column
            if "，" in str(error.get("input")):
                column = _comma_column(text or document.text, mark.line, mark.column)
            diagnostics.error(path, mark.line, column, _message(error, model))
        return None
    obj.attach_source(Source(path=path, document=document, body_line=body_line, text=text))
    return obj
