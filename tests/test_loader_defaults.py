"""Activity records leave their defaults unvalidated (model/activity.py): each default must be
exactly the value, of the same type, that validating it would give."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict

from site_builder.model.activity import ActivityRecord

CONTEXT = {"categories": {"health": "健康"}, "year": 2025, "stories": {"a-story"}}


class _DefaultsValidated(ActivityRecord):
    model_config = ConfigDict(validate_default=True)


def _typed(record: ActivityRecord) -> list[tuple[str, type, Any]]:
    return [(name, type(value), value) for name, value in record.__dict__.items()]


def test_unvalidated_defaults_are_what_validation_gives() -> None:
    written = [
        {"date": "2025-03-05", "title": "义诊", "category": "health"},
        {"start": "2025-07-01", "end": "2025-07-03", "title": "托管", "category": "health"},
        {"date": "2025-03-05", "title": "义诊", "category": "health", "volunteer_hours": 3},
    ]
    for data in written:
        fast = ActivityRecord.model_validate(data, context=CONTEXT)
        slow = _DefaultsValidated.model_validate(data, context=CONTEXT)
        assert _typed(fast) == _typed(slow)
        assert fast.model_fields_set == slow.model_fields_set
    # The one default that validation changes stays validated: 0 becomes 0.0.
    assert type(ActivityRecord.model_validate(written[0]).volunteer_hours) is float
