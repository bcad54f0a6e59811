"""The statistics pages (`/stats/`, `/stats/<year>/`) and the figures shown on the home page
and on each community page, from the templates in `templates/stats/`.

Every chart is followed by the table of the numbers it draws, and every number comes from
`stats.tables` (the rows the downloads and the `stats` command use too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from markupsafe import Markup

from site_builder.i18n import t
from site_builder.model import Community
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.pages.formats import format_date
from site_builder.pages.stats_views import (
    CHARTED,
    Chart,
    Label,
    Table,
    community_audience,
    cumulative_table,
    dimension_section,
    laid_out,
    link,
    measures_table,
    spanning_note,
    totals_table,
    trend,
    year_link,
    years_table,
)
from site_builder.pages.templating import render
from site_builder.stats import charts, export
from site_builder.stats.rollup import MEASURES, Figures, Rollup, YearStats
from site_builder.stats.tables import (
    MEASURE_INFO,
    Labels,
    breakdown,
    counting_rules,
    dimension_title,
    format_figure,
    measure_heading,
)


def _scope_note(stats: YearStats, as_of: dt.date) -> str:
    """What the page says when its year is not over yet; "" for a past year."""
    through = export.through_date(stats, as_of)
    if through is None:
        return ""
    return t(
        "{y}年尚未结束:数字截至{day}。",
        "{y} is not over: figures up to {day}.",
        y=stats.year,
        day=format_date(through),
    )


def _downloads(url: str, years: Sequence[int], cumulative: bool = False) -> list[dict[str, object]]:
    """The files of the open data, for the `downloads` macro."""
    everything = t("全部活动记录(CSV)", "All activity records (CSV)")
    files: list[dict[str, object]] = [
        {"year": None, "link": link(url, urls.DATA + export.ACTIVITIES_PATH, everything)}
    ]
    if cumulative:
        text = t("跨年度的累计数字(CSV)", "Figures over several years (CSV)")
        files.append({"year": None, "link": link(url, urls.DATA + export.CUMULATIVE_PATH, text)})
    for year in years:
        files.append(
            {
                "year": year,
                "csv": link(url, urls.DATA + export.year_path(year, "csv"), "CSV"),
                "json": link(url, urls.DATA + export.year_path(year, "json"), "JSON"),
            }
        )
    described = t("数据说明(datapackage.json)", "Data description (datapackage.json)")
    files.append({"year": None, "link": link(url, urls.DATA + export.DATAPACKAGE_PATH, described)})
    return files


def _cumulative(rollup: Rollup, labels: Labels) -> Table | None:
    if not rollup.cumulative:
        return None
    caption = t(
        "跨年度的累计数字(不计入任何一年的合计)",
        "Figures over several years (in no year's totals)",
    )
    return cumulative_table(rollup.cumulative, labels, caption, by_community=True)


def overview_page(rollup: Rollup, labels: Labels, as_of: dt.date) -> str:
    url = urls.STATS
    latest = rollup.latest
    trends: list[Chart] = []
    if latest is not None:
        trends = [
            trend(
                "trend-visits",
                t("受益人次与志愿者人次的历年变化", "Beneficiary visits and volunteer turnouts"),
                rollup,
                ["beneficiaries", "volunteers"],
            ),
            trend(
                "trend-hours",
                t("志愿服务时长的历年变化", "Volunteer hours by year"),
                rollup,
                ["volunteer_hours"],
            ),
            trend(
                "trend-donations",
                t("捐赠的历年变化", "Donations by year"),
                rollup,
                ["cash", "in_kind"],
            ),
        ]
    return render(
        "stats/overview.md",
        years_table=years_table(url, rollup) if latest is not None else None,
        cumulative=_cumulative(rollup, labels),
        scope_note=_scope_note(latest, as_of) if latest is not None else "",
        trends=trends,
        rules=counting_rules(),
        downloads=_downloads(url, list(rollup.years), bool(rollup.cumulative))
        if rollup.years or rollup.cumulative
        else [],
    )


def year_page(rollup: Rollup, stats: YearStats, labels: Labels, as_of: dt.date) -> str:
    url = urls.STATS_YEAR.format(year=stats.year)
    years = list(rollup.years)
    position = years.index(stats.year)
    around = [link(url, urls.STATS, t("全部年份", "All years"))]
    if position > 0:
        earlier = year_link(url, years[position - 1])
        around.append(Label(earlier.text, earlier.link, before="← "))
    if position + 1 < len(years):
        later = year_link(url, years[position + 1])
        around.append(Label(later.text, later.link, after=" →"))
    rules = link(
        url,
        urls.STATS,
        t("每个数字怎样统计,见统计口径", "How each figure is counted: see the counting rules"),
        fragment="rules",
    )
    sections: list[dict[str, object]] = [
        {
            "title": dimension_title("community"),
            "parts": [
                community_audience(stats, breakdown(stats, "community", labels)),
                dimension_section(stats, "community", labels, chart=False),
            ],
            "note": "",
        }
    ]
    for dimension in ("category", "audience", "month"):
        parts: list[Chart | Table] = [dimension_section(stats, dimension, labels, chart=True)]
        note = spanning_note(stats, labels) if dimension == "month" else ""
        sections.append({"title": dimension_title(dimension), "parts": parts, "note": note})
    return render(
        "stats/year.md",
        title=t("{y}年活动统计", "Activity statistics {y}", y=stats.year),
        description=t(
            "{y}年各社区的活动、受益人次、志愿服务与捐赠,按社区、类别、服务对象和月份分列。",
            "Activities, visits, volunteering and donations in {y}, by community, category, "
            "audience and month.",
            y=stats.year,
        ),
        around=around,
        scope_note=_scope_note(stats, as_of),
        totals=totals_table(stats, rollup.years.get(stats.year - 1)),
        rules_link=rules,
        sections=sections,
        downloads=_downloads(url, [stats.year]),
    )


# -- sections on other pages -------------------------------------------------------------------


def home_section(ctx: CompileContext, url: str) -> Markup:
    """The latest year's headline figures on the home page."""
    latest = ctx.stats.latest
    if latest is None:
        return Markup()
    more = link(
        url,
        urls.STATS_YEAR.format(year=latest.year),
        t("查看{y}年统计 →", "Figures for {y} →", y=latest.year),
    )
    return render(
        "sections/stats_home.html",
        year=latest.year,
        scope_note=_scope_note(latest, ctx.selection.options.as_of),
        figures=[(measure_heading(m), format_figure(latest.total, m)) for m in MEASURES],
        more=more,
    )


def community_section(ctx: CompileContext, community: Community, url: str) -> Markup:
    """A community's own figures for each year, with a chart of its beneficiary visits, and
    its figures over several years, each with its span."""
    years = ctx.stats.community_years(community.id)
    spans = ctx.stats.community_cumulative(community.id)
    if not years and not spans:
        return Markup()
    cumulative = None
    if spans:
        caption = t(
            "{name}跨年度的累计数字(不计入各年合计)",
            "{name}: figures over several years (in no year's totals)",
            name=community.name,
        )
        cumulative = cumulative_table(spans, Labels(ctx.selection), caption, by_community=False)
    note = link(
        url, urls.STATS, t("统计口径与全部社区的数字 →", "Counting rules, all communities →")
    )
    chart = _community_chart(community, years, url) if years else None
    return render("sections/stats_community.html", chart=chart, note=note, cumulative=cumulative)


def _community_chart(community: Community, years: dict[int, Figures], url: str) -> Chart:
    title = t("{name}历年受益人次", "Beneficiary visits at {name} by year", name=community.name)
    bars = [
        charts.Bar(t("{y}年", "{y}", y=year), f[CHARTED], format_figure(f, CHARTED))
        for year, f in years.items()
    ]
    unit = MEASURE_INFO[CHARTED].unit
    caption = t("{name}历年活动数字", "{name}: figures by year", name=community.name)
    rows = [(year_link(url, year), f) for year, f in years.items()]
    table = measures_table(caption, t("年份", "Year"), rows, None)
    return laid_out(
        title,
        table,
        f"community-{community.id}",
        lambda chart_id, width: charts.bar_chart(chart_id, title, bars, unit, width=width),
    )


def generate(ctx: CompileContext) -> None:
    selection = ctx.selection
    pages = ctx.session.computed(
        "stats.pages",
        _pages,
        ctx.stats,
        labels=Labels(selection),
        as_of=selection.options.as_of,
    )
    for path, text in pages:
        ctx.tree.write_page(path, text)


def _pages(rollup: Rollup, *, labels: Labels, as_of: dt.date) -> list[tuple[str, str]]:
    pages = [(urls.STATS, overview_page(rollup, labels, as_of))]
    for stats in rollup.years.values():
        page = year_page(rollup, stats, labels, as_of)
        pages.append((urls.STATS_YEAR.format(year=stats.year), page))
    return pages
