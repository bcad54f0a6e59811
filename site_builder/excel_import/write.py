"""Imported records as the YAML text of log items, in the compact form hand-written logs use
(the log editor in `activity_log.py` puts them into the file)."""

from __future__ import annotations

from site_builder.activity_log import flow, scalar
from site_builder.model import ActivityRecord


def record_lines(record: ActivityRecord) -> list[str]:
    """`key: value` lines for a record, leaving out what equals the default."""
    lines = []
    if record.date is not None:
        lines.append(f"date: {scalar(record.date)}")
    else:
        lines += [f"start: {scalar(record.start)}", f"end: {scalar(record.end)}"]
    lines += [f"title: {scalar(record.title)}", f"category: {scalar(record.category)}"]
    if record.audiences:
        lines.append(f"audiences: {flow([a.value for a in record.audiences])}")
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
        lines.append(f"partners: {flow(record.partners)}")
    if record.story:
        lines.append(f"story: {scalar(record.story)}")
    if record.approximate is True:
        lines.append("approximate: true")
    elif record.approximate:
        lines.append(f"approximate: {flow([f.value for f in record.approximate])}")
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
