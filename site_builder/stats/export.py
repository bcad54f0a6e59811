"""Open data: every published activity record as CSV, each year's figures as CSV and JSON, and
a Frictionless `datapackage.json` describing the files and their fields.

Only `Selection.records` are written (drafts, private records and staff notes never are), and
the yearly files take their rows from `tables.year_rows`, the rows the pages show.
"""

from __future__ import annotations

import csv
import datetime as dt
import heapq
import io
import json
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

from site_builder.i18n import t
from site_builder.model import SiteConfig
from site_builder.selection import PublicRecord
from site_builder.stats.rollup import (
    MEASURES,
    Counted,
    Figures,
    Rollup,
    Span,
    YearStats,
    audience_group,
    plain_number,
    record_id,
    spans_years,
)
from site_builder.stats.schema import activity_fields, cumulative_fields, year_fields
from site_builder.stats.tables import MEASURE_INFO, Labels, Row, year_rows

# Excel opens a CSV as the system's legacy code page unless it starts with a byte order mark.
BOM = "\ufeff"
ENCODING = "utf-8-sig"
# A CSV's first row heads each column with its field's title (Chinese on a Chinese site), for
# the people who open it in Excel; programs find the stable field names in the package, which
# reads that row as a comment and the columns by position.
CSV_DIALECT = {"header": False, "commentRows": [1]}

ACTIVITIES_PATH = "activities.csv"
CUMULATIVE_PATH = "stats/cumulative.csv"
DATAPACKAGE_PATH = "datapackage.json"


def year_path(year: int, suffix: str) -> str:
    return f"stats/{year}.{suffix}"


def _csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


# -- every published record --------------------------------------------------------------------


def _activity_row(public: PublicRecord, labels: Labels) -> list[object]:
    record = public.record

    def day(value: dt.date | None) -> str:
        return value.isoformat() if value else ""

    return [
        record_id(public),
        public.community,
        labels.community(public.community),
        "" if spans_years(record) else record.first_day.year,
        day(record.date),
        day(record.start),
        day(record.end),
        record.title,
        "true" if spans_years(record) else "false",
        record.category,
        labels.category(record.category),
        ";".join(a.value for a in record.audiences),
        audience_group(record),
        record.sessions,
        record.beneficiaries,
        record.volunteers,
        plain_number(record.volunteer_hours),
        plain_number(record.donations.cash),
        plain_number(record.donations.in_kind),
        ";".join(m for m in MEASURES if m in Counted.of(record).approximate),
        ";".join(record.partners),
        f"stories/{record.story}/"
        if record.story and record.story not in labels.hidden_stories
        else "",
    ]


# A line of the records file, after the key that orders it among the lines of every log: the
# order of `Selection.records` (day, community, position in the log).
ActivityRow = tuple[tuple[int, str, int], str]


class _Line:
    """A file for `csv.writer` that hands back what is written: `writerow` returns one line."""

    def write(self, text: str) -> str:
        return text


def activity_rows(records: list[PublicRecord], labels: Labels) -> list[ActivityRow]:
    """The lines of the records file for `records` (one log's), in their order."""
    writer = csv.writer(_Line(), lineterminator="\n")
    return [
        (
            (r.record.first_day.toordinal(), r.community, r.index),
            writer.writerow(_activity_row(r, labels)),
        )
        for r in records
    ]


def activities_csv(records: list[PublicRecord], labels: Labels) -> str:
    """Every published record, one line each, in the order of `records` (no BOM: see
    `with_bom`)."""
    return merged_activities_csv([activity_rows(records, labels)])


def merged_activities_csv(parts: Iterable[list[ActivityRow]]) -> str:
    """The records file from each log's lines (`activity_rows`), merged in date order; lines
    of equal keys keep the order of their parts, as a stable sort of all records would."""
    header = _csv((f["title"] for f in activity_fields()), [])
    lines = heapq.merge(*parts, key=itemgetter(0))
    return header + "".join(line for _, line in lines)


# -- yearly figures ----------------------------------------------------------------------------


def _approximate(figures: Figures) -> str:
    return ";".join(m for m in MEASURES if figures.is_approximate(m))


def _year_row(year: int, row: Row) -> list[object]:
    return [
        year,
        row.dimension,
        row.key,
        row.label,
        *(row.figures[m] for m in MEASURES),
        _approximate(row.figures),
    ]


def years_csv(years: Iterable[YearStats], labels: Labels) -> str:
    """The rows of each year's figures under one header (the yearly file holds one year)."""
    header = [f["title"] for f in year_fields()]
    return _csv(header, (_year_row(s.year, row) for s in years for row in year_rows(s, labels)))


# -- figures over several years ----------------------------------------------------------------


def cumulative_csv(spans: Iterable[Span], labels: Labels) -> str:
    """Each figure spanning years, with its span: the records no year counts."""
    header = [f["title"] for f in cumulative_fields()]
    rows = []
    for span in spans:
        assert span.figures is not None
        rows.append(
            [
                span.record_id,
                span.community,
                labels.community(span.community),
                span.first_day.isoformat(),
                span.last_day.isoformat(),
                span.title,
                *(span.figures[m] for m in MEASURES[1:]),
                _approximate(span.figures),
            ]
        )
    return _csv(header, rows)


def cumulative_data(spans: Iterable[Span], labels: Labels) -> list[dict[str, Any]]:
    """The same as JSON, for the `stats` command."""
    return [
        {
            "id": span.record_id,
            "community": span.community,
            "community_name": labels.community(span.community),
            "start": span.first_day.isoformat(),
            "end": span.last_day.isoformat(),
            "title": span.title,
            **_figures_data(span.figures or Figures()),
        }
        for span in spans
    ]


def _figures_data(figures: Figures) -> dict[str, Any]:
    return {
        "values": {m: figures[m] for m in MEASURES},
        "approximate": [m for m in MEASURES if figures.is_approximate(m)],
    }


def year_data(stats: YearStats, labels: Labels, through: dt.date | None) -> dict[str, Any]:
    """A year's figures as one JSON object; `through` is set for a year not yet over."""
    data: dict[str, Any] = {"year": stats.year}
    if through is not None:
        data["through"] = through.isoformat()
    data["measures"] = {
        m: {
            "title": MEASURE_INFO[m].title,
            "unit": MEASURE_INFO[m].unit,
            "rule": MEASURE_INFO[m].rule,
        }
        for m in MEASURES
    }
    data["total"] = _figures_data(stats.total)
    data["change_from_previous_year"] = (
        {
            m: {
                "difference": change.difference,
                "ratio": None if change.ratio is None else round(change.ratio, 4),
                "approximate": change.approximate,
            }
            for m, change in stats.change.items()
        }
        if stats.change
        else None
    )
    data["breakdowns"] = {}
    for row in year_rows(stats, labels):
        if row.dimension == "total":
            continue
        entry = {"key": row.key, "label": row.label, **_figures_data(row.figures)}
        data["breakdowns"].setdefault(row.dimension, []).append(entry)
    return data


def to_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def through_date(stats: YearStats, as_of: dt.date) -> dt.date | None:
    """The day a year's figures run to, when the year is not over on the build's day."""
    return as_of if stats.year >= as_of.year else None


# -- the package description -------------------------------------------------------------------


def datapackage(config: SiteConfig, rollup: Rollup) -> str:
    """`datapackage.json`: what each download holds and the type of every field."""
    year_schema = {"fields": year_fields(), "missingValues": [""]}
    resources = [_activities_resource()]
    for year in rollup.years:
        resources += _year_resources(year, year_schema)
    if rollup.cumulative:
        resources.append(_cumulative_resource())
    package: dict[str, Any] = {
        "profile": "data-package",
        "name": "community-activities",
        "title": config.title,
        "description": t(
            "社区“一老一小”活动台账的公开数据与年度统计。每个 CSV 文件的第一行是各列的中文名"
            "(即字段的 title),程序读取时按位置对应字段名(name)。",
            "Published community activity records and yearly figures. Each CSV file's first "
            "row heads its columns with the fields' titles; programs take the columns by "
            "position, under the fields' names.",
        ),
        "resources": resources,
    }
    if config.url:
        package["homepage"] = config.url
    return to_json(package)


def _activities_resource() -> dict[str, Any]:
    return {
        "name": "activities",
        "path": ACTIVITIES_PATH,
        "title": t("活动记录", "Activity records"),
        "description": t(
            "所有公开发布的活动记录,每行一条。草稿、待审和内部记录不包括在内。",
            "Every published activity record, one per line. Drafts, records in review "
            "and internal records are not included.",
        ),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": ENCODING,
        "dialect": CSV_DIALECT,
        "schema": {"fields": activity_fields(), "missingValues": [""], "primaryKey": ["id"]},
    }


def _cumulative_resource() -> dict[str, Any]:
    return {
        "name": "cumulative",
        "path": CUMULATIVE_PATH,
        "title": t("跨年度的累计数字", "Figures over several years"),
        "description": t(
            "起止日期跨越两个或更多自然年的记录(如一支志愿服务队十年来的累计数字),"
            "不计入任何一年的统计。",
            "Records spanning two or more calendar years (such as a team's ten-year total), "
            "counted in no year's figures.",
        ),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": ENCODING,
        "dialect": CSV_DIALECT,
        "schema": {"fields": cumulative_fields(), "missingValues": [""], "primaryKey": ["id"]},
    }


def _year_resources(year: int, schema: dict[str, Any]) -> list[dict[str, Any]]:
    """A year's figures as CSV (fields in `schema`) and as JSON."""
    return [
        {
            "name": f"stats-{year}",
            "path": year_path(year, "csv"),
            "title": t("{y}年统计", "Figures for {y}", y=year),
            "description": t(
                "{y}年的合计,以及按社区、类别、服务对象、月份的分组数字。",
                "Totals for {y}, and by community, category, audience and month.",
                y=year,
            ),
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": ENCODING,
            "dialect": CSV_DIALECT,
            "schema": schema,
        },
        {
            "name": f"stats-{year}-json",
            "path": year_path(year, "json"),
            "title": t("{y}年统计(JSON)", "Figures for {y} (JSON)", y=year),
            "description": t(
                "与 CSV 相同的数字,另含各指标的统计口径和与上一年相比的变化。",
                "The same figures as the CSV, with each measure's rule and the change "
                "from the year before.",
            ),
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
        },
    ]


def with_bom(text: str) -> bytes:
    return (BOM + text).encode("utf-8")
