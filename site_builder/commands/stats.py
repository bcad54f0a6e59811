"""`site-builder stats`: the statistics pages' figures in the terminal, as a table, CSV or JSON.

It reads the same selection as a build on the same day and counts with the same rollup, so
its CSV and JSON are byte for byte the yearly downloads (less the CSV's byte order mark).
"""

from __future__ import annotations

import argparse
import datetime as dt

from rich.console import Console
from rich.table import Table

from site_builder.commands.arguments import iso_day
from site_builder.commands.printing import (
    EXIT_CONTENT,
    EXIT_OK,
    EXIT_USAGE,
    SubCommands,
    print_diagnostics,
)
from site_builder.compiler import load_and_check
from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.messages import unknown_community
from site_builder.project import Project
from site_builder.selection import BuildOptions
from site_builder.stats import export
from site_builder.stats.rollup import MEASURES, Rollup, YearStats, rollup
from site_builder.stats.tables import (
    DIMENSIONS,
    MEASURE_INFO,
    Labels,
    breakdown,
    dimension_title,
    format_change,
    format_figure,
    format_span,
    measure_heading,
    span_figures,
)


def add_command(subparsers: SubCommands) -> None:
    parser = subparsers.add_parser(
        "stats",
        help=t(
            "在终端显示活动统计(与网站和下载的数据一致)",
            "show the activity figures (the same as on the site and in the downloads)",
        ),
    )
    parser.add_argument("--year", type=int, help=t("只看这一年", "one year only"))
    parser.add_argument(
        "--community", metavar="ID", help=t("只看这个社区(社区编号)", "one community only (its id)")
    )
    parser.add_argument(
        "--format",
        choices=["table", "csv", "json"],
        default="table",
        help=t("输出格式(默认 table)", "output format (default: table)"),
    )
    parser.add_argument(
        "--as-of",
        type=iso_day,
        default=dt.date.today(),
        metavar="YYYY-MM-DD",
        help=t("按这一天发布的内容统计", "count what a build on this day publishes"),
    )
    parser.set_defaults(run=run_stats)


def run_stats(args: argparse.Namespace, project: Project, console: Console) -> int:

    diagnostics = Diagnostics()
    loaded = load_and_check(project, BuildOptions(as_of=args.as_of), diagnostics)
    if loaded is None or diagnostics.errors:
        print_diagnostics(console, diagnostics)
        return EXIT_CONTENT
    _, selection = loaded
    communities = selection.site.communities
    if args.community is not None and args.community not in communities:
        console.print(
            unknown_community(args.community, communities),
            style="red",
            markup=False,
        )
        return EXIT_USAGE
    counted = rollup(selection.records, args.community)
    if args.year is not None and args.year not in counted.years:
        console.print(
            t(
                "{y}年没有公开发布的活动记录(有记录的年份:{years})",
                "no published activity records in {y} (years with records: {years})",
                y=args.year,
                years=t("、", ", ").join(str(y) for y in counted.years) or "-",
            ),
            style="red",
            markup=False,
        )
        return EXIT_USAGE
    labels = Labels(selection)
    years = [counted.years[args.year]] if args.year is not None else list(counted.years.values())
    if args.format == "csv":
        console.file.write(export.years_csv(years, labels))
    elif args.format == "json":
        data = [export.year_data(s, labels, export.through_date(s, args.as_of)) for s in years]
        if args.year is not None:
            console.file.write(export.to_json(data[0]))
        else:
            cumulative = export.cumulative_data(counted.cumulative, labels)
            console.file.write(export.to_json({"years": data, "cumulative": cumulative}))
    else:
        print_diagnostics(console, diagnostics)
        scope = (
            labels.community(args.community) if args.community else t("所有社区", "all communities")
        )
        if args.year is None:
            console.print(_years_table(counted, scope))
            if counted.cumulative:
                console.print(_cumulative_table(counted, labels))
        else:
            _print_year(console, counted, counted.years[args.year], labels, scope)
    return EXIT_OK


def _measure_columns(table: Table) -> None:
    for measure in MEASURES:
        # Fold rather than cut: on a narrow terminal no figure may lose a digit.
        table.add_column(measure_heading(measure), justify="right", overflow="fold")


def _years_table(counted: Rollup, scope: str) -> Table:
    table = Table(title=t("历年合计({scope})", "Totals by year ({scope})", scope=scope))
    table.add_column(t("年份", "Year"), no_wrap=True)
    _measure_columns(table)
    for year, stats in counted.years.items():
        table.add_row(str(year), *(format_figure(stats.total, m) for m in MEASURES))
    return table


def _cumulative_table(counted: Rollup, labels: Labels) -> Table:
    table = Table(
        title=t(
            "跨年度的累计数字(不计入任何一年的合计)",
            "Figures over several years (in no year's totals)",
        )
    )
    for heading in (t("项目", "Record"), t("社区", "Community"), t("起止时间", "Span")):
        table.add_column(heading, overflow="fold")
    table.add_column(t("累计数字", "Figures"), overflow="fold")
    for span in counted.cumulative:
        assert span.figures is not None
        table.add_row(
            span.title,
            labels.community(span.community),
            format_span(span.first_day, span.last_day),
            span_figures(span.figures),
        )
    return table


def _print_year(
    console: Console, counted: Rollup, stats: YearStats, labels: Labels, scope: str
) -> None:
    totals = Table(
        title=t("{y}年合计({scope})", "Totals for {y} ({scope})", y=stats.year, scope=scope)
    )
    totals.add_column(t("指标", "Measure"), no_wrap=True)
    totals.add_column(t("{y}年", "{y}", y=stats.year), justify="right")
    previous = counted.years.get(stats.year - 1)
    if previous is not None:
        totals.add_column(t("{y}年", "{y}", y=previous.year), justify="right")
        totals.add_column(t("变化", "Change"), justify="right")
    for measure in MEASURES:
        cells = [MEASURE_INFO[measure].title, format_figure(stats.total, measure)]
        if previous is not None:
            cells += [format_figure(previous.total, measure), format_change(stats.change[measure])]
        totals.add_row(*cells)
    console.print(totals)
    for dimension in DIMENSIONS:
        table = Table(
            title=t("{y}年{by}", "{y}: {by}", y=stats.year, by=dimension_title(dimension))
        )
        table.add_column("", no_wrap=True)
        _measure_columns(table)
        for row in breakdown(stats, dimension, labels):
            table.add_row(row.label, *(format_figure(row.figures, m) for m in MEASURES))
        console.print(table)
    console.print(
        t(
            "人次不是人数;带“余”的数字含约数,表示至少这么多。完整的统计口径见网站的统计页。",
            "Visits are not people; a figure marked + includes approximate ones: at least that "
            "many. The counting rules are on the site's statistics page.",
        ),
        markup=False,
    )
