"""What each column of the open-data downloads means: the Frictionless field schemas of
`activities.csv` and of the yearly figures, titled in the site's language.

The CSV writers in `export.py` take their headers from these lists, so a column and its
description cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from site_builder.i18n import t
from site_builder.stats.rollup import MEASURES
from site_builder.stats.tables import DIMENSIONS, MEASURE_INFO, measure_heading


def field(name: str, kind: str, zh: str, en: str, **extra: Any) -> dict[str, Any]:
    """One column of a Frictionless schema, titled in the site's language."""
    return {"name": name, "type": kind, "title": t(zh, en), **extra}


def activity_fields() -> list[dict[str, Any]]:
    """The columns of `activities.csv`, in order: what and when, the figures, links."""
    return [*_where_and_when(), *_what(), *_figures(), *_links()]


def _where_and_when() -> list[dict[str, Any]]:
    return [
        field(
            "id", "string", "记录编号", "Record id", constraints={"required": True, "unique": True}
        ),
        field("community", "string", "社区编号", "Community id"),
        field("community_name", "string", "社区", "Community"),
        field(
            "year",
            "integer",
            "年份",
            "Year",
            description=t(
                "记录计入的年份;跨年累计数字不计入任何一年,此处为空",
                "the year the record counts in; empty for a figure over several years",
            ),
        ),
        field(
            "date",
            "date",
            "日期",
            "Date",
            description=t("单日活动的日期", "Day of a one-day activity"),
        ),
        field(
            "start",
            "date",
            "开始日期",
            "Start",
            description=t("系列活动的开始日期", "First day of a series"),
        ),
        field(
            "end",
            "date",
            "结束日期",
            "End",
            description=t("系列活动的结束日期", "Last day of a series"),
        ),
    ]


def _what() -> list[dict[str, Any]]:
    return [
        field("title", "string", "活动名称", "Title"),
        field(
            "cumulative",
            "boolean",
            "跨年累计",
            "Over several years",
            description=t(
                "true 表示起止日期跨越两个或更多自然年的累计数字,不计入任何一年的统计",
                "true for a figure spanning two or more calendar years, in no year's totals",
            ),
        ),
        field("category", "string", "类别编号", "Category id"),
        field("category_label", "string", "类别", "Category"),
        field(
            "audiences",
            "string",
            "服务对象",
            "Audiences",
            description=t(
                "elderly、children,多个以分号分隔", "elderly, children; several separated by ;"
            ),
        ),
        field(
            "audience_group",
            "string",
            "统计分组",
            "Audience group",
            description=t(
                "elderly 只服务老年人,children 只服务儿童,both 两者,general 未注明",
                "elderly only, children only, both, or general when none is named",
            ),
            constraints={"enum": ["elderly", "children", "both", "general"]},
        ),
    ]


def _figures() -> list[dict[str, Any]]:
    return [
        *(
            {
                "name": name,
                "type": "integer" if MEASURE_INFO[name].whole else "number",
                "title": measure_heading(name),
                "description": MEASURE_INFO[name].rule,
                "constraints": {"required": True, "minimum": 0},
            }
            for name in MEASURES
            if name != "records"
        ),
        field(
            "approximate",
            "string",
            "约数",
            "Approximate",
            description=t(
                "数字是下限(如“30余”)的指标,以分号分隔;空表示都是确数",
                "the figures that are lower bounds (such as “30余”), separated by ;",
            ),
        ),
    ]


def _links() -> list[dict[str, Any]]:
    return [
        field(
            "partners",
            "string",
            "合作单位",
            "Partners",
            description=t("以分号分隔", "separated by ;"),
        ),
        field(
            "story",
            "string",
            "相关故事",
            "Story",
            description=t("故事的网址路径", "the story's path on the site"),
        ),
    ]


def cumulative_fields() -> list[dict[str, Any]]:
    """The columns of `stats/cumulative.csv`: each figure over several years, with its span."""
    keep = {"id", "community", "community_name", "start", "end", "title"}
    return [f for f in [*_where_and_when(), *_what()] if f["name"] in keep] + _figures()


def year_fields() -> list[dict[str, Any]]:
    fields: list[dict[str, Any]] = [
        {"name": "year", "type": "integer", "title": t("年份", "Year")},
        {
            "name": "dimension",
            "type": "string",
            "title": t("分组方式", "Breakdown"),
            "description": t(
                "total 为全年合计;其余为按社区、类别、服务对象、月份的分组",
                "total for the whole year; otherwise the breakdown the row belongs to",
            ),
            "constraints": {"enum": ["total", *DIMENSIONS]},
        },
        {
            "name": "key",
            "type": "string",
            "title": t("分组编号", "Key"),
            "description": t(
                "社区或类别编号、服务对象分组、两位月份(spanning 为跨月系列)",
                "community or category id, audience group, two-digit month (spanning: series)",
            ),
        },
        {"name": "label", "type": "string", "title": t("名称", "Label")},
    ]
    for name in MEASURES:
        info = MEASURE_INFO[name]
        fields.append(
            {
                "name": name,
                "type": "integer" if info.whole else "number",
                "title": measure_heading(name),
                "description": info.rule,
                "constraints": {"required": True, "minimum": 0},
            }
        )
    fields.append(
        {
            "name": "approximate",
            "type": "string",
            "title": t("含约数的指标", "Lower-bound figures"),
            "description": t(
                "这些指标的数字是下限(“余”),以分号分隔",
                "the figures in this row that are lower bounds, separated by ;",
            ),
        }
    )
    return fields
