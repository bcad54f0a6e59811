"""Write imported records as YAML text appended to a log, leaving its existing text as it is.

Re-dumping a log would drop its comments and reorder what staff wrote; appending text keeps
every byte that was there. Each value is written plain when that reads back as the same value,
and JSON-quoted otherwise, so "no", "010-1234" or a title with ": " stays text.
"""

from __future__ import annotations

import datetime as dt
import json

from site_builder.i18n import t
from site_builder.load.yaml_source import YamlError, parse_yaml
from site_builder.model import ActivityRecord

SCHEMA_COMMENT = (
    "# yaml-language-server: $schema=../../../site_builder/schemas/activity-log.schema.json\n"
)


class AppendRefused(Exception):
    """The existing log's layout does not allow appending records safely; says why."""


def _reads_back(text: str, value: object, flow: bool) -> bool:
    probe = f"k: [{text}]\n" if flow else f"k: {text}\n"
    try:
        data = parse_yaml(probe).data
    except YamlError:
        return False
    expected = {"k": [value] if flow else value}
    return bool(data == expected)


def scalar(value: object, flow: bool = False) -> str:
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


def _flow_list(values: list[str]) -> str:
    return "[" + ", ".join(scalar(v, flow=True) for v in values) + "]"


def record_lines(record: ActivityRecord) -> list[str]:
    """`key: value` lines for a record, leaving out what equals the default."""
    lines = []
    if record.date is not None:
        lines.append(f"date: {scalar(record.date)}")
    else:
        lines += [f"start: {scalar(record.start)}", f"end: {scalar(record.end)}"]
    lines += [f"title: {scalar(record.title)}", f"category: {scalar(record.category)}"]
    if record.audiences:
        lines.append(f"audiences: {_flow_list([a.value for a in record.audiences])}")
    if record.sessions != 1:
        lines.append(f"sessions: {scalar(record.sessions)}")
    for name in ("beneficiaries", "volunteers", "volunteer_hours"):
        value = getattr(record, name)
        if value:
            lines.append(f"{name}: {scalar(value)}")
    donations = [
        f"{name}: {scalar(getattr(record.donations, name))}"
        for name in ("cash", "in_kind")
        if getattr(record.donations, name)
    ]
    if donations:
        lines.append("donations: {" + ", ".join(donations) + "}")
    if record.partners:
        lines.append(f"partners: {_flow_list(record.partners)}")
    if record.story:
        lines.append(f"story: {scalar(record.story)}")
    if record.approximate is True:
        lines.append("approximate: true")
    elif record.approximate:
        lines.append(f"approximate: {_flow_list([f.value for f in record.approximate])}")
    if record.notes:
        lines.append(f"notes: {scalar(record.notes)}")
    return lines


def render_records(records: list[ActivityRecord], indent: int) -> str:
    """Block-sequence items, a blank line between records as in the hand-written logs."""
    items = []
    for record in records:
        first, *rest = record_lines(record)
        lines = [" " * indent + "- " + first] + [" " * (indent + 2) + line for line in rest]
        items.append("\n".join(lines) + "\n")
    return "\n".join(items)


def append_records(existing: str | None, records: list[ActivityRecord]) -> str:
    """The log's new text: `existing` unchanged with `records` after it, or a new file.

    A log holds one key, `activities`; new items go after the last one, at the same indent.
    """
    if existing is None:
        return SCHEMA_COMMENT + "activities:\n" + render_records(records, 2)
    if not existing.endswith("\n"):
        existing += "\n"
    document = parse_yaml(existing)
    if not document.data:  # only comments so far
        return existing + "activities:\n" + render_records(records, 2)
    mark = document.value_mark(("activities",))
    line = existing.splitlines()[mark.line - 1]
    if line[mark.column - 1 : mark.column] != "-":
        raise AppendRefused(
            t(
                "activities 用的是 [...] 写法,无法在末尾追加;请改为每条以 - 开头的写法",
                "'activities' is written as [...], which cannot be appended to; "
                "write one '- ' item per record",
            )
        )
    return existing + "\n" + render_records(records, mark.column - 1)
