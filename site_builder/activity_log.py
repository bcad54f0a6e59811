"""The one editor of activity-log text, for `site-builder new activity` and `import activities`.

Re-dumping a log would drop its comments and reorder what staff wrote, so the editor changes
text, not data: new records go after the last one at its indent (or start the list), a
corrected figure replaces only that value's characters, a missing key is added as one line
under the record's other keys. Every edit is read back and compared with what was asked
(every other record and value the same) before anyone writes it; what cannot be done that
way is refused with the reason, and the file stays as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from site_builder.i18n import t
from site_builder.load.yaml_source import YamlError, parse_yaml
from site_builder.store import write_atomically

# What `new` and `import` put at the top of a log they create.
SCHEMA_COMMENT = (
    "# yaml-language-server: $schema=../../../site_builder/schemas/activity-log.schema.json\n"
)
# The line breaks of YAML (libyaml counts lines by these).
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LogEditRefused(Exception):
    """The log's layout does not allow this edit safely; the message says why."""


def _reads_back(text: str, value: object, flow: bool) -> bool:
    probe = f"k: [{text}]\n" if flow else f"k: {text}\n"
    try:
        data = parse_yaml(probe).data
    except YamlError:
        return False
    expected = {"k": [value] if flow else value}
    return bool(data == expected)


def scalar(value: object, flow: bool = False) -> str:
    """A value as YAML text: plain when that reads back as the same value, else JSON-quoted,
    so "no", "010-1234" or a title with ": " stays text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if _reads_back(text, text, flow) else json.dumps(text, ensure_ascii=False)


def flow(value: object) -> str:
    """A value as one line of YAML: lists as `[a, b]`, mappings as `{k: v}`."""
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in value.items()) + "}"
    return scalar(value)


def _records(text: str) -> list[Any]:
    data = parse_yaml(text).data
    found = data.get("activities") if isinstance(data, dict) else None
    return found if isinstance(found, list) else []


def new_log(head: str, render: Callable[[int], str]) -> str:
    """A log's first text: `head` (comments), `activities:` and the rendered records."""
    return head + "activities:\n" + render(2).removeprefix("\n")


def append(text: str, render: Callable[[int], str], count: int) -> str:
    """`text` with the `count` records `render(indent)` writes after its last record.

    `render` returns block-sequence items whose dashes stand at `indent`. Empty files, files
    of comments only, `activities:` with nothing under it and `activities: []` get the list
    started; a list written `[...]` with records in it cannot be appended to.
    """
    document = parse_yaml(text)
    data = document.data
    before = data.get("activities") if isinstance(data, dict) else None
    prefix = text if text.endswith("\n") or not text else text + "\n"
    if data is None:
        new_text = prefix + "activities:\n" + render(2).removeprefix("\n")
    elif not isinstance(data, dict) or set(data) != {"activities"}:
        raise LogEditRefused(
            t(
                "文件里除了 activities 还有别的内容,无法自动添加",
                "the file holds more than 'activities'; cannot add to it",
            )
        )
    elif before is None:
        new_text = prefix + render(2).removeprefix("\n")
    else:
        lines = text.split("\n")
        mark = document.value_mark(("activities",))
        line = lines[mark.line - 1]
        if before == [] and line[mark.column - 1 :].split("#")[0].strip() == "[]":
            # `activities: []`: drop the empty brackets so block items can follow.
            lines[mark.line - 1] = line[: mark.column - 1].rstrip()
            new_text = "\n".join(lines)
            new_text = (new_text if new_text.endswith("\n") else new_text + "\n") + render(2)
        elif before and not line[mark.column - 1 :].lstrip().startswith("["):
            # New items line up with the first one's dash.
            first = document.value_mark(("activities", 0))
            dash = lines[first.line - 1].rfind("-", 0, first.column - 1)
            new_text = prefix + render(max(dash, 0))
        else:
            raise LogEditRefused(
                t(
                    "activities 用的是 [...] 写法,无法在末尾追加;请改为每条以 - 开头的写法",
                    "'activities' is written as [...], which cannot be appended to; "
                    "write one '- ' item per record",
                )
            )
    old = before if isinstance(before, list) else []
    after = _records(new_text)
    if after[: len(old)] != old or len(after) != len(old) + count:
        raise LogEditRefused(
            t("追加后的文件无法按原样读回", "the appended file does not read back")
        )
    return new_text


def _offsets(text: str) -> list[int]:
    """The offset in `text` where each line starts."""
    return [0] + [match.end() for match in _LINE_BREAK.finditer(text)]


def _end_mark(node: Any) -> Any:
    if isinstance(node, yaml.ScalarNode) or node.flow_style or not node.value:
        return node.end_mark
    last = node.value[-1]
    return _end_mark(last[1] if isinstance(last, tuple) else last)


def _end(text: str, starts: list[int], node: Any) -> int:
    """Where a node's own text ends. A block collection's or block scalar's end mark is where
    the next thing begins, after the blank lines between them, which stay where they are."""
    mark = _end_mark(node)
    start: int = starts[node.start_mark.line] + node.start_mark.column
    end: int = starts[mark.line] + mark.column
    while end > start and text[end - 1] in " \t\r\n\x85\u2028\u2029":
        end -= 1
    return end


def change_fields(text: str, changes: dict[int, dict[str, object]]) -> str:
    """`text` with, for each record index, its top-level keys set to the given values.

    A key already written has its value's characters replaced (comments after it stay); a key
    not written yet is added as a line after the record's last key, at its keys' indent.
    """
    root: Any = yaml.compose(text, Loader=_Loader)
    items = next(v for k, v in root.value if k.value == "activities").value
    starts = _offsets(text)
    edits: list[tuple[int, int, str]] = []  # (start, end, new text)
    for index, values in changes.items():
        record = items[index]
        if not isinstance(record, yaml.MappingNode) or record.flow_style:
            raise LogEditRefused(
                t(
                    "第 {n} 条记录用的是 {{...}} 写法,无法自动修改,请手工修改",
                    "record {n} is written as {{...}} and cannot be changed automatically",
                    n=index + 1,
                )
            )
        written = {key.value: value for key, value in record.value}
        last = _end(text, starts, record.value[-1][1])
        indent = " " * record.value[0][0].start_mark.column
        added = [(key, value) for key, value in values.items() if key not in written]
        for key, value in values.items():
            if key in written:
                node = written[key]
                start = starts[node.start_mark.line] + node.start_mark.column
                edits.append((start, _end(text, starts, node), flow(value)))
        if added:
            # After the last value's line, comment included.
            found = _LINE_BREAK.search(text, last)
            at = found.start() if found else len(text)
            lines = "".join(f"\n{indent}{key}: {flow(value)}" for key, value in added)
            edits.append((at, at, lines))
    new_text = text
    for start, end, replacement in sorted(edits, reverse=True):
        new_text = new_text[:start] + replacement + new_text[end:]
    _check_changes(text, new_text, changes)
    return new_text


def _check_changes(text: str, new_text: str, changes: dict[int, dict[str, object]]) -> None:
    before, after = _records(text), _records(new_text)
    expected = [dict(record) for record in before]
    for index, values in changes.items():
        for key, value in values.items():
            expected[index][key] = parse_yaml(f"k: {flow(value)}\n").data["k"]
    if after != expected:
        raise LogEditRefused(t("修改后的文件无法按原样读回", "the changed file does not read back"))


def save(path: Path, text: str) -> None:
    """Write `text` whole or not at all: a temporary file beside it, then renamed over it."""
    write_atomically(path, text.encode("utf-8"))
