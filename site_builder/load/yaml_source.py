"""A YAML reader that keeps positions and refuses YAML's traps.

Built on libyaml's event stream (C parser where present) instead of `yaml.safe_load`, so that
it can:

* remember the line and column of every key and value, for `path:line:col` errors;
* refuse duplicate keys, anchors, aliases (the billion-laughs shape), explicit tags and deep
  nesting, without recursion;
* resolve scalars the YAML 1.2 way: `no`, `on`, `012345`, `12:30:45` and dates stay text,
  so a phone number or a Norwegian "no" is never silently turned into a number or a boolean.
  Dates are parsed by the schema, which reports impossible ones at their place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from site_builder.i18n import t
from site_builder.load.yaml_diagnosis import diagnose
from site_builder.load.yaml_fast import parse_plain_yaml, resolve_scalar
from site_builder.source import Mark, Path_, Position, YamlDocument
from site_builder.typeset import join_wide_folds

# libyaml's parser is several times faster; fall back to pure Python where PyYAML lacks it.
_Parser = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

MAX_DEPTH = 32


class YamlError(Exception):
    def __init__(self, message: str, mark: Mark) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


def _refused(event: Any, mark: Position) -> YamlError | None:
    """Why an event is not allowed here (anchor, alias, explicit tag), or None."""
    if type(event) is yaml.AliasEvent:
        return YamlError(
            t(
                "不允许使用 YAML 别名(*{name})",
                "YAML aliases (*{name}) are not allowed",
                name=event.anchor,
            ),
            Mark(*mark),
        )
    if event.anchor is not None:
        return YamlError(
            t(
                "不允许使用 YAML 锚点(&{name})",
                "YAML anchors (&{name}) are not allowed",
                name=event.anchor,
            ),
            Mark(*mark),
        )
    tag = event.tag
    if tag not in (None, "!") and not (
        type(event) is yaml.ScalarEvent and tag == "tag:yaml.org,2002:str"
    ):
        return YamlError(
            t("不允许使用 YAML 标签 {tag}", "YAML tags such as {tag} are not allowed", tag=tag),
            Mark(*mark),
        )
    return None


def _duplicate_key(key: str, first: Position | None, mark: Position) -> YamlError:
    where = t("(第 {line} 行已有)", " (first at line {line})", line=first[0]) if first else ""
    return YamlError(
        t("重复的键 “{key}”{where}", "duplicate key '{key}'{where}", key=key, where=where),
        Mark(*mark),
    )


_SKIPPED = (yaml.StreamStartEvent, yaml.DocumentStartEvent, yaml.DocumentEndEvent)
_CONTAINER_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CONTAINER_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def parse_yaml(text: str, line_offset: int = 0, positions_depth: int | None = None) -> YamlDocument:
    """Parse one YAML document; raise `YamlError` with a position on anything refused.

    `positions_depth`: keep the positions of paths at most this long (see `YamlDocument`).
    Files in the plain shape that most content has are read by `yaml_fast`, about twice as
    fast; libyaml reads the rest, and every file with a problem, which it then names.
    """
    deepest = MAX_DEPTH + 1 if positions_depth is None else positions_depth
    plain = parse_plain_yaml(text, line_offset, deepest)
    if plain is not None:
        doc = YamlDocument(data=plain[0], values=plain[1], keys=plain[2])
        if positions_depth is not None:
            doc.positions_depth, doc.text, doc.line_offset = positions_depth, text, line_offset
            doc.reparse = parse_yaml
        return doc
    if positions_depth is not None:
        try:
            shallow = _parse(text, line_offset, positions_depth)
        except YamlError:
            pass  # parsed again below, for an error that can name every position it needs
        else:
            shallow.reparse = parse_yaml
            return shallow
    return _parse(text, line_offset, None)


def _attacher(
    doc: YamlDocument, stack: list[list[Any]], deepest: int
) -> Callable[[Any, Position], Path_]:
    """`attach(value, mark)`: put a value where the parse stands (the root, the pending key of
    the open mapping, or the end of the open list), note its positions, return its path."""
    values, keys = doc.values, doc.keys
    root_set = False

    def attach(value: Any, mark: Position) -> Path_:
        nonlocal root_set
        if not stack:
            if root_set:
                raise YamlError(
                    t("一个文件只能有一个 YAML 文档", "only one YAML document is allowed"),
                    Mark(*mark),
                )
            doc.data = value
            root_set = True
            values[()] = mark
            return ()
        top = stack[-1]
        container, path = top[0], top[1]
        if top[4]:
            child: Path_ = (*path, top[2])
            container[top[2]] = value
            top[2] = None
            if len(child) <= deepest:
                keys[child] = top[3]
        else:
            child = (*path, len(container))
            container.append(value)
        if len(child) <= deepest:
            values[child] = mark
        return child

    return attach


def _container_refused(top: list[Any] | None, depth: int, mark: Position) -> YamlError | None:
    """Why a mapping or list cannot open here (as a key, or too deep), or None."""
    if top is not None and top[4] and top[2] is None:
        return YamlError(t("键必须是简单文本", "keys must be plain text"), Mark(*mark))
    if depth >= MAX_DEPTH:
        return YamlError(
            t("嵌套过深(超过 {n} 层)", "nesting deeper than {n} levels", n=MAX_DEPTH),
            Mark(*mark),
        )
    return None


def _folded(event: Any, text: str) -> str:
    """A scalar folded over several lines, joined the Chinese way (typeset.py): the value
    keeps its place, so errors about it still point at its first line."""
    source = text[event.start_mark.index : event.end_mark.index]
    return join_wide_folds(event.value, source.strip("\n").strip("\"'"))


def _parse(text: str, line_offset: int, positions_depth: int | None) -> YamlDocument:
    """One pass over libyaml's events into the data and the positions of its keys and values.

    Long because: this is the hot loop of loading 100 000 records; event types are compared by
    identity and a scalar's common case is inlined, since a call per event costs more than
    the loop's work. The rare cases (refusals, the root, list items) leave it for helpers.
    """
    parser = _Parser(text)
    doc = YamlDocument(data=None)
    if positions_depth is not None:
        doc.positions_depth, doc.text, doc.line_offset = positions_depth, text, line_offset
    deepest = MAX_DEPTH + 1 if positions_depth is None else positions_depth
    values, keys = doc.values, doc.keys
    # Each open container: [object, path, pending key or None, key position, is a dict]
    stack: list[list[Any]] = []
    attach = _attacher(doc, stack, deepest)
    scalar_event, stream_end = yaml.ScalarEvent, yaml.StreamEndEvent
    offset = line_offset + 1
    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is stream_end:
                break
            if kind in _SKIPPED:
                continue
            start = event.start_mark
            mark = (start.line + offset, start.column + 1)
            if kind in _CONTAINER_END:
                stack.pop()
                continue
            if kind is yaml.AliasEvent or event.anchor is not None or event.tag is not None:
                refusal = _refused(event, mark)
                if refusal is not None:
                    raise refusal
            top = stack[-1] if stack else None
            if kind is scalar_event:
                plain = event.implicit[0] and event.tag in (None, "!") and not event.style
                if event.end_mark.line != start.line and event.style != "|":
                    event.value = _folded(event, text)
                if top is not None and top[4]:
                    key = top[2]
                    if key is None:  # this scalar is a key
                        key = event.value
                        if key in top[0]:
                            raise _duplicate_key(key, keys.get((*top[1], key)), mark)
                        top[2], top[3] = key, mark
                    else:  # the value of the pending key: `attach`, inlined for speed
                        top[0][key] = resolve_scalar(event.value, bool(plain))
                        if len(top[1]) < deepest:
                            child: Path_ = (*top[1], key)
                            keys[child] = top[3]
                            values[child] = mark
                        top[2] = None
                else:
                    attach(resolve_scalar(event.value, bool(plain)), mark)
            elif kind in _CONTAINER_START:
                refusal = _container_refused(top, len(stack), mark)
                if refusal is not None:
                    raise refusal
                is_dict = kind is yaml.MappingStartEvent
                container: Any = {} if is_dict else []
                stack.append([container, attach(container, mark), None, None, is_dict])
    except yaml.YAMLError as exc:
        found = diagnose(text, line_offset, exc)
        raise YamlError(found.message, Mark(found.line, found.column)) from None
    return doc
