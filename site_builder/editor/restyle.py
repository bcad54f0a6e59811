"""Write what the web editor saves in the project's own style.

Decap CMS re-dumps a whole file on every save: flow lists become block lists, comments vanish,
keys change order, dates may come back quoted. Here the text it sends is merged into the file
as it was (ruamel.yaml's round trip), so that only what the staff member changed changes:
unchanged values keep their exact text, comments and the `yaml-language-server` line stay, new
keys take their place in the model's order, lists of words stay `[a, b]`, and fields the editor
fills with empty or default values that the file did not have are left out. A Markdown body
is kept as sent.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import ScalarString
from ruamel.yaml.tokens import CommentToken

from site_builder.editor.fields import FieldShape, shape_of, written_fields
from site_builder.model import ActivityLog, Collection, Community, SiteConfig, Story
from site_builder.schema_export import SCHEMA_FILES, schema_line

# Which model a file under content/ holds, by its path there.
_MODELS: tuple[tuple[re.Pattern[str], type[BaseModel]], ...] = (
    (re.compile(r"stories/.+\.md"), Story),
    (re.compile(r"collections/[^/]+\.md"), Collection),
    (re.compile(r"communities/[^/]+\.ya?ml"), Community),
    (re.compile(r"activities/[^/]+/\d{4}\.ya?ml"), ActivityLog),
    (re.compile(r"site\.ya?ml"), SiteConfig),
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def model_for(rel_path: str) -> type[BaseModel] | None:
    """The model of the content file at `rel_path` (relative to the project or to content/)."""
    inside = rel_path.replace("\\", "/").removeprefix("./").removeprefix("content/")
    for pattern, model in _MODELS:
        if pattern.fullmatch(inside):
            return model
    return None


def _yaml() -> YAML:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100_000  # long Chinese lines stay one line, as staff wrote them
    yaml.preserve_quotes = True
    return yaml


def restyle(rel_path: str, new_text: str, old_text: str | None, root: Path | None = None) -> str:
    """The editor's `new_text` for the file at `rel_path`, in the style of `old_text`.

    `root` is the project folder (the current one by default), for a new file's schema line.
    Text that is not YAML, or a file no model describes, is returned as sent: the checks that
    follow report it.
    """
    model = model_for(rel_path)
    if model is None:
        return new_text
    target = (root or Path.cwd()) / rel_path
    try:
        if not rel_path.endswith(".md"):
            return _restyle_yaml(new_text, old_text, model, target)
        new = _FRONT_MATTER.match(new_text)
        if new is None:
            return new_text
        old = _FRONT_MATTER.match(old_text or "")
        front = _restyle_yaml(new.group(1), old.group(1) if old else None, model, target)
        return f"---\n{front}---\n{new_text[new.end() :]}"
    except YAMLError:
        return new_text


def _restyle_yaml(new_text: str, old_text: str | None, model: type[BaseModel], target: Path) -> str:
    yaml = _yaml()
    new = yaml.load(new_text)
    old = yaml.load(old_text) if old_text else None
    if not isinstance(new, dict):
        return new_text
    if isinstance(old, CommentedMap):
        document = _merge_map(old, new, model, None, depth=0)
    else:
        document = _fresh_map(new, model, None, depth=0)
        name = next(spec.name for spec in SCHEMA_FILES if spec.model is model)
        line = schema_line(target, name).removeprefix("# ").rstrip("\n")
        document.yaml_set_start_comment(line)
    stream = io.StringIO()
    yaml.dump(document, stream)
    return stream.getvalue()


# -- values as the model reads them ----------------------------------------------------------


def _normal(value: Any, shape: FieldShape | None) -> Any:
    """`value` as written by the editor, made the type the model expects (dates, numbers)."""
    if shape is None:
        return value
    if shape.kind == "date" and isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return dt.date.fromisoformat(value.strip())
    if shape.kind == "date" and isinstance(value, dt.datetime):
        return value.date()
    if shape.kind in ("int", "float") and isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    return value


def _plain(value: Any) -> Any:
    """A comparable copy: mappings and lists as plain ones, dates and numbers as JSON sees them."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return str(value)
    return value


def _same(old: Any, new: Any) -> bool:
    return bool(_plain(old) == _plain(new))


def _blank(value: Any) -> bool:
    """Nothing written: empty text or list, or a sub-form whose fields are all blank or off
    (the editor sends an untouched photo consent as `{withdrawn: false}` or `{}`)."""
    if isinstance(value, dict):
        return all(item is False or _blank(item) for item in value.values())
    return value is None or value == "" or value == []


def _is_left_out(value: Any, model: type[BaseModel] | None, key: str) -> bool:
    """Whether a key the file did not have is better left out: empty, or the field's default."""
    if _blank(value):
        return True
    if model is None or key not in model.model_fields:
        return False
    info = model.model_fields[key]
    if info.is_required():
        return False
    default = info.get_default(call_default_factory=True)
    if isinstance(default, BaseModel):
        default = default.model_dump()
    return _same(default, value)


def _child(model: type[BaseModel] | None, values: FieldShape | None, key: str) -> FieldShape | None:
    """The shape of `key` in a mapping of `model` (or of a mapping whose values are `values`)."""
    if model is not None:
        info = written_fields(model).get(key)
        return shape_of(info.annotation) if info is not None else None
    return values


def _value_shape(shape: FieldShape) -> FieldShape | None:
    return FieldShape("model", model=shape.model) if shape.kind == "mapping" else None


# -- merging into the file as it was ---------------------------------------------------------


def _merge_map(
    old: CommentedMap,
    new: dict[str, Any],
    model: type[BaseModel] | None,
    values: FieldShape | None,
    depth: int,
) -> CommentedMap:
    """`old` changed in place to hold `new`; keys the model does not write are dropped."""
    order = list(written_fields(model)) if model is not None else list(new)
    written = {key: value for key, value in new.items() if model is None or key in order}
    for key in [key for key in old if key not in written]:
        del old[key]
    for key, value in written.items():
        shape = _child(model, values, key)
        if key in old:
            merged = _merge_value(old[key], value, shape, depth + 1)
            if merged is not old[key]:
                old[key] = merged
        elif not _is_left_out(_normal(value, shape), model, key):
            place = _place(old, key, order)
            old.insert(place, key, _fresh(value, shape, depth + 1))
    return old


def _place(mapping: CommentedMap, key: str, order: list[str]) -> int:
    """Where `key` goes: after the last key that comes before it in the model's order."""
    if key not in order:
        return len(mapping)
    rank = order.index(key)
    keys = list(mapping)
    before = [index for index, other in enumerate(keys) if other in order[:rank]]
    return before[-1] + 1 if before else 0


def _merge_value(old: Any, new: Any, shape: FieldShape | None, depth: int) -> Any:
    new = _normal(new, shape)
    if _same(old, new):
        return old
    mapping = shape is not None and shape.kind in ("model", "mapping")
    if isinstance(old, CommentedMap) and isinstance(new, dict) and shape is not None and mapping:
        model = shape.model if shape.kind == "model" else None
        return _merge_map(old, new, model, _value_shape(shape), depth)
    if isinstance(old, CommentedSeq) and isinstance(new, list) and shape is not None:
        if shape.kind == "models":
            return _merge_items(old, new, shape, depth)
        fresh = _fresh(new, shape, depth)
        if old.fa.flow_style() is False:
            fresh.fa.set_block_style()
        return fresh
    if isinstance(old, ScalarString) and isinstance(new, str):
        return type(old)(new)
    return _fresh(new, shape, depth)


def _merge_items(old: CommentedSeq, new: list[Any], shape: FieldShape, depth: int) -> CommentedSeq:
    """A list of records or photos: unchanged items kept whole (with their comments), changed
    ones merged with the item they replace, new ones written fresh."""
    keys_old = [json.dumps(_plain(item), sort_keys=True, ensure_ascii=False) for item in old]
    keys_new = [json.dumps(_plain(item), sort_keys=True, ensure_ascii=False) for item in new]
    matcher = difflib.SequenceMatcher(a=keys_old, b=keys_new, autojunk=False)
    items: list[Any] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for offset in range(j2 - j1):
            item = new[j1 + offset]
            if tag == "equal":
                items.append(old[i1 + offset])
            elif i1 + offset < i2 and isinstance(old[i1 + offset], CommentedMap):
                items.append(_merge_map(old[i1 + offset], item, shape.model, None, depth + 1))
            else:
                items.append(_fresh(item, FieldShape("model", model=shape.model), depth + 1))
    if any(_blank_line_after(item) for item in old[:-1]):
        for item in items[:-1]:
            _add_blank_line_after(item)
    old[:] = items
    return old


def _last_scalar_key(item: Any) -> Any:
    if isinstance(item, CommentedMap) and item:
        last = list(item)[-1]
        if not isinstance(item[last], dict | list):
            return last
    return None


def _blank_line_after(item: Any) -> bool:
    """Whether a record ends with a blank line (logs separate their records so)."""
    last = _last_scalar_key(item)
    slots = item.ca.items.get(last) if last is not None else None
    token = slots[2] if slots and len(slots) > 2 else None
    return isinstance(token, CommentToken) and token.value.startswith("\n\n")


def _add_blank_line_after(item: Any) -> None:
    last = _last_scalar_key(item)
    if last is not None and not _blank_line_after(item) and last not in item.ca.items:
        item.ca.items[last] = [None, None, CommentToken("\n\n", CommentMark(0), None), None]


# -- values the file did not have ------------------------------------------------------------


def _fresh(value: Any, shape: FieldShape | None, depth: int) -> Any:
    value = _normal(value, shape)
    if isinstance(value, dict) and shape is not None and shape.kind in ("model", "mapping"):
        model = shape.model if shape.kind == "model" else None
        return _fresh_map(value, model, _value_shape(shape), depth)
    if isinstance(value, list) and shape is not None:
        if shape.kind == "models":
            item = FieldShape("model", model=shape.model)
            return CommentedSeq([_fresh(entry, item, depth + 1) for entry in value])
        words = CommentedSeq(value)
        words.fa.set_flow_style()  # lists of words as staff write them: [志愿服务, 便民服务]
        return words
    return value


def _fresh_map(
    value: dict[str, Any], model: type[BaseModel] | None, values: FieldShape | None, depth: int
) -> CommentedMap:
    mapping = CommentedMap()
    order = list(written_fields(model)) if model is not None else list(value)
    for key in order:
        if key not in value:
            continue
        shape = _child(model, values, key)
        if not _is_left_out(_normal(value[key], shape), model, key):
            mapping[key] = _fresh(value[key], shape, depth + 1)
    # Small records inside a list or a word list stay on one line: {given_by: guardian, ...}.
    if depth >= 2 and all(not isinstance(item, dict | list) for item in mapping.values()):
        mapping.fa.set_flow_style()
    return mapping
