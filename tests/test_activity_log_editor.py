"""The one activity-log editor: text changed where asked, every other byte kept."""

from __future__ import annotations

import pytest

from site_builder.activity_log import LogEditRefused, append, change_fields

LOG = """\
# 丰泽社区 2026 年活动台账
activities:
    # 春节
    - date: 2026-02-01   # 除夕前
      title: 写春联
      category: culture
      beneficiaries: 30     # 门口数的
      partners:
        - 书法协会
        - 老年大学
      notes: |
        红纸自备
        墨汁借的

    - date: 2026-03-05
      title: 学雷锋
      category: volunteer_service
      volunteers: 12  # 含党员
"""


def item(indent: int) -> str:
    pad = " " * indent
    return f"\n{pad}- date: 2026-04-01\n{pad}  title: 植树\n{pad}  category: culture\n"


def test_append_lines_up_with_the_existing_dashes_and_keeps_the_text() -> None:
    text = append(LOG, item, 1)
    assert text.startswith(LOG)
    assert text.endswith("\n    - date: 2026-04-01\n      title: 植树\n      category: culture\n")


@pytest.mark.parametrize(
    ("log", "expected"),
    [
        ("", "activities:\n  - date: 2026-04-01\n"),
        ("# 只有注释\n", "# 只有注释\nactivities:\n  - date"),
        ("activities:\n", "activities:\n  - date"),
        ("activities: []  # 还没有\n", "activities:\n\n  - date"),
    ],
)
def test_append_starts_the_list(log: str, expected: str) -> None:
    assert expected in append(log, item, 1)


def test_append_refuses_a_flow_list_and_other_keys() -> None:
    with pytest.raises(LogEditRefused, match=r"\[\.\.\.\] 写法"):
        append("activities: [{date: 2026-01-01, title: a, category: b}]\n", item, 1)
    with pytest.raises(LogEditRefused, match="别的内容"):
        append("title: x\nactivities:\n", item, 1)


def test_changed_values_replace_only_their_characters() -> None:
    text = change_fields(LOG, {0: {"beneficiaries": 32}, 1: {"volunteers": 14}})
    assert text == LOG.replace(
        "beneficiaries: 30     # 门口数的", "beneficiaries: 32     # 门口数的"
    ).replace("volunteers: 12  # 含党员", "volunteers: 14  # 含党员")


def test_block_values_are_replaced_and_missing_keys_added_after_the_last() -> None:
    text = change_fields(
        LOG,
        {
            0: {"partners": ["书法协会"], "notes": "红纸自备", "sessions": 2},
            1: {"approximate": ["volunteers"]},
        },
    )
    assert (
        "      partners:\n        [书法协会]\n      notes: 红纸自备\n      sessions: 2\n\n" in text
    )
    assert text.endswith("      volunteers: 12  # 含党员\n      approximate: [volunteers]\n")
    assert text.startswith(LOG[: LOG.index("      partners:")])


def test_a_record_written_as_a_flow_mapping_is_refused() -> None:
    log = "activities:\n  - {date: 2026-01-01, title: a, category: b}\n"
    with pytest.raises(LogEditRefused, match="第 1 条记录"):
        change_fields(log, {0: {"beneficiaries": 3}})
