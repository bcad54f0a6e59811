"""An activity log saved from the editor, changed the way `new activity` and `import` change
it: through the one editor of log text (activity_log.py).

Decap sends the whole log back, rewritten in its own style. When what changed is records
added at the end and values set in existing records (what staff do after an activity, or
correcting a figure), the log editor makes exactly those changes in the file as it was:
comments, layout and every other record keep their bytes, and a log of 500 records is saved
in a fraction of the time a whole-document rewrite takes. Any other change (a record removed
or moved, a key deleted, photos) is left to the general rewrite (restyle.py).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from site_builder.activity_log import LogEditRefused, append, change_fields, flow, scalar
from site_builder.load.yaml_source import YamlError, parse_yaml

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _value(value: Any) -> Any:
    """A value as the loader will read it: ISO dates as dates, whatever Decap quoted."""
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    return value


def _written(record: Any) -> dict[str, Any] | None:
    """A record's keys that say something (an empty value is as good as none), or None."""
    if not isinstance(record, dict):
        return None
    return {k: _value(v) for k, v in record.items() if v not in (None, "", [], {})}


def _records(text: str) -> list[dict[str, Any]] | None:
    try:
        data = parse_yaml(text).data
    except YamlError:
        return None
    if not isinstance(data, dict) or set(data) != {"activities"}:
        return None
    found = data["activities"]
    if not isinstance(found, list):
        return None
    records = [_written(r) for r in found]
    return None if any(r is None for r in records) else records  # type: ignore[return-value]


def _simple(value: Any) -> bool:
    """Written on one line by the log editor: a scalar, a list of scalars, a flat mapping."""
    if isinstance(value, list):
        return all(not isinstance(v, list | dict) for v in value)
    if isinstance(value, dict):
        return all(not isinstance(v, list | dict) for v in value.values())
    return True


def _render(records: list[dict[str, Any]], indent: int) -> str:
    """New records as block items, a blank line between them, keys in the order sent."""
    items = []
    for record in records:
        lines = [
            f"{key}: {flow(value) if isinstance(value, list | dict) else scalar(value)}"
            for key, value in record.items()
        ]
        first, *rest = lines
        block = [" " * indent + "- " + first] + [" " * (indent + 2) + line for line in rest]
        items.append("\n".join(block) + "\n")
    return "\n" + "\n".join(items)


def edited_log(old_text: str, new_text: str) -> str | None:
    """`old_text` with `new_text`'s added records and changed values, or None when the change
    is of another kind (or the result would not read back as `new_text` does)."""
    old, new = _records(old_text), _records(new_text)
    if old is None or new is None or len(new) < len(old):
        return None
    changes: dict[int, dict[str, object]] = {}
    for index, (before, after) in enumerate(zip(old, new, strict=False)):
        if before == after:
            continue
        if not set(before) <= set(after):
            return None
        changed = {k: v for k, v in after.items() if before.get(k) != v}
        if not all(_simple(v) for v in changed.values()):
            return None
        changes[index] = changed
    added = new[len(old) :]
    if not all(_simple(v) for record in added for v in record.values()):
        return None
    text = old_text
    try:
        if changes:
            text = change_fields(text, changes)
        if added:
            text = append(text, lambda indent: _render(added, indent), len(added))
    except LogEditRefused:
        return None
    return text if _records(text) == new else None
