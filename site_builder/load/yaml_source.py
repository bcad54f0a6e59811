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

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from site_builder.i18n import t

# libyaml's parser is several times faster; fall back to pure Python where PyYAML lacks it.
_Parser = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

MAX_DEPTH = 32

Path_ = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_FLOAT = re.compile(
    r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?[eE][-+]?[0-9]+)$"
)


class Mark(NamedTuple):
    # A tuple, not a dataclass: a log of 100 000 records has a million of these, and the parse
    # cache (parse_cache.py) unpickles tuples about five times faster.
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class YamlDocument:
    """Parsed data plus where each key and value stood in the file."""

    data: Any
    values: dict[Path_, Mark] = field(default_factory=dict)
    keys: dict[Path_, Mark] = field(default_factory=dict)

    def mark(self, path: Path_) -> Mark:
        """The position of `path`, or of its nearest ancestor that has one."""
        while True:
            if path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if not path:
                return Mark(1, 1)
            path = path[:-1]

    def value_mark(self, path: Path_) -> Mark:
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, Mark(1, 1))


class YamlError(Exception):
    def __init__(self, message: str, mark: Mark) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


def _scalar(value: str, plain: bool) -> Any:
    if not plain:
        return value
    if _NULL.match(value):
        return None
    if _BOOL.match(value):
        return value.lower() == "true"
    if _INT.match(value):
        return int(value.replace("_", ""))
    if _FLOAT.match(value):
        return float(value)
    return value


def _mark(m: Any, line_offset: int) -> Mark:
    return Mark(m.line + 1 + line_offset, m.column + 1)


def parse_yaml(text: str, line_offset: int = 0) -> YamlDocument:
    """Parse one YAML document; raise `YamlError` with a position on anything refused."""
    parser = _Parser(text)
    doc = YamlDocument(data=None)
    # Each open container: (object, path, pending key or None, key mark)
    stack: list[list[Any]] = []
    root_set = False

    def attach(value: Any, mark: Mark) -> Path_:
        nonlocal root_set
        if not stack:
            if root_set:
                raise YamlError(
                    t("一个文件只能有一个 YAML 文档", "only one YAML document is allowed"), mark
                )
            doc.data = value
            root_set = True
            doc.values[()] = mark
            return ()
        top = stack[-1]
        container, path = top[0], top[1]
        if isinstance(container, list):
            child: Path_ = (*path, len(container))
            container.append(value)
        else:
            key, key_mark = top[2], top[3]
            child = (*path, key)
            container[key] = value
            top[2] = None
            doc.keys[child] = key_mark
        doc.values[child] = mark
        return child

    try:
        while True:
            event = parser.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(
                event, (yaml.StreamStartEvent, yaml.DocumentStartEvent, yaml.DocumentEndEvent)
            ):
                continue
            mark = _mark(event.start_mark, line_offset)
            if isinstance(event, yaml.AliasEvent):
                raise YamlError(
                    t(
                        "不允许使用 YAML 别名(*{name})",
                        "YAML aliases (*{name}) are not allowed",
                        name=event.anchor,
                    ),
                    mark,
                )
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise YamlError(
                    t(
                        "不允许使用 YAML 锚点(&{name})",
                        "YAML anchors (&{name}) are not allowed",
                        name=anchor,
                    ),
                    mark,
                )
            tag = getattr(event, "tag", None)
            if tag not in (None, "!") and not (
                isinstance(event, yaml.ScalarEvent) and tag == "tag:yaml.org,2002:str"
            ):
                raise YamlError(
                    t(
                        "不允许使用 YAML 标签 {tag}",
                        "YAML tags such as {tag} are not allowed",
                        tag=tag,
                    ),
                    mark,
                )
            top = stack[-1] if stack else None
            expecting_key = top is not None and isinstance(top[0], dict) and top[2] is None
            if isinstance(event, yaml.ScalarEvent):
                if expecting_key:
                    key = event.value
                    assert top is not None
                    if key in top[0]:
                        first = doc.keys.get((*top[1], key))
                        where = (
                            t("(第 {line} 行已有)", " (first at line {line})", line=first.line)
                            if first
                            else ""
                        )
                        raise YamlError(
                            t(
                                "重复的键 “{key}”{where}",
                                "duplicate key '{key}'{where}",
                                key=key,
                                where=where,
                            ),
                            mark,
                        )
                    top[2], top[3] = key, mark
                else:
                    plain = event.implicit[0] and tag in (None, "!")
                    attach(_scalar(event.value, bool(plain) and not event.style), mark)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if expecting_key:
                    raise YamlError(t("键必须是简单文本", "keys must be plain text"), mark)
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(
                        t("嵌套过深(超过 {n} 层)", "nesting deeper than {n} levels", n=MAX_DEPTH),
                        mark,
                    )
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                path = attach(container, mark)
                stack.append([container, path, None, None])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
    except yaml.MarkedYAMLError as exc:
        problem_mark = exc.problem_mark or exc.context_mark
        mark = _mark(problem_mark, line_offset) if problem_mark else Mark(1 + line_offset, 1)
        raise YamlError(
            t(
                "YAML 语法错误:{problem}",
                "YAML syntax error: {problem}",
                problem=exc.problem or exc.context,
            ),
            mark,
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(
            t("YAML 读取错误:{problem}", "YAML error: {problem}", problem=str(exc)),
            Mark(1 + line_offset, 1),
        ) from None
    return doc
