"""The statistics pages (`/stats/`, `/stats/<year>/`) and the figures shown on the home page
and on each community page.

Every chart is followed by the table of the numbers it draws, and every number comes from
`stats.tables` (the rows the downloads and the `stats` command use too).
"""

from __future__ import annotations

from collections.abc import Sequence

from site_builder.i18n import language, t
from site_builder.model import Community
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.pages.html import e, format_date, front_matter
from site_builder.reuse import reused
from site_builder.stats import charts, export
from site_builder.stats.rollup import AUDIENCE_GROUPS, MEASURES, Figures, Rollup, YearStats
from site_builder.stats.tables import (
    MEASURE_INFO,
    Labels,
    Row,
    audience_group_label,
    breakdown,
    counting_rules,
    dimension_title,
    format_change,
    format_figure,
    format_number,
    labels_key,
    measure_heading,
)

NUMERIC = ' class="sb-num"'
CHARTED = "beneficiaries"  # the measure the breakdown charts draw


def _cell(figures: Figures, measure: str) -> str:
    text = e(format_figure(figures, measure))
    if figures.is_approximate(measure):
        hint = e(t("含约数,至少为此数", "includes approximate figures: at least this many"))
        return f'<td class="sb-num sb-approx" title="{hint}">{text}</td>'
    return f'<td class="sb-num">{text}</td>'


def _html_table(caption: str, head: Sequence[str], rows: Sequence[str], foot: str = "") -> str:
    """A captioned table; `head` holds HTML, the first column labels the rows."""
    cells = "".join(
        f'<th scope="col"{"" if i == 0 else NUMERIC}>{h}</th>' for i, h in enumerate(head)
    )
    tfoot = f"<tfoot>{foot}</tfoot>\n" if foot else ""
    # A wide table scrolls inside its own box; focusable and named, so keyboards scroll it too.
    return (
        f'<div class="sb-scroll" tabindex="0" role="region" aria-label="{e(caption)}">'
        '<table class="sb-table sb-stats">\n'
        f"<caption>{e(caption)}</caption>\n<thead><tr>{cells}</tr></thead>\n{tfoot}"
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table></div>\n"
    )


def _row(label_html: str, cells: str) -> str:
    return f'<tr><th scope="row">{label_html}</th>{cells}</tr>'


def _measures_table(
    caption: str, first: str, rows: Sequence[tuple[str, Figures]], total: Figures | None
) -> str:
    """Labelled rows (label HTML, figures) by every measure, with an optional total row."""
    head = [e(first), *(e(measure_heading(m)) for m in MEASURES)]
    body = [_row(label, "".join(_cell(f, m) for m in MEASURES)) for label, f in rows]
    foot = ""
    if total is not None:
        foot = _row(e(t("合计", "Total")), "".join(_cell(total, m) for m in MEASURES))
    return _html_table(caption, head, body, foot)


def _pair(title: str, svg: str, table: str) -> str:
    """A chart with the table of its numbers right after it.

    On a phone the chart keeps a readable size and scrolls inside its own box (focusable, so
    keyboard users can scroll it too) instead of shrinking its labels to a few pixels.
    """
    return (
        f'<div class="sb-chart-pair">\n<figure class="sb-figure">'
        f"<figcaption>{e(title)}</figcaption>"
        f'<div class="sb-chart-scroll" tabindex="0" role="region" aria-label="{e(title)}">'
        f"{svg}</div></figure>\n{table}</div>\n\n"
    )


def _bars(rows: Sequence[Row], measure: str) -> list[charts.Bar]:
    return [
        charts.Bar(r.label, r.figures[measure], format_figure(r.figures, measure)) for r in rows
    ]


def _link(from_url: str, to_url: str, text: str, fragment: str = "") -> str:
    target = urls.href(from_url, to_url) + (f"#{fragment}" if fragment else "")
    return f'<a href="{e(target)}">{e(text)}</a>'


def _year_link(from_url: str, year: int) -> str:
    return _link(from_url, urls.STATS_YEAR.format(year=year), t("{y}年", "{y}", y=year))


def _paragraph(text: str, css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    return f"<p{attribute}>{e(text)}</p>\n\n"


def _scope_note(ctx: CompileContext, stats: YearStats) -> str:
    through = export.through_date(stats, ctx.selection.options.as_of)
    if through is None:
        return ""
    text = t(
        "{y}年尚未结束:数字截至{day}。",
        "{y} is not over: figures up to {day}.",
        y=stats.year,
        day=format_date(through),
    )
    return _paragraph(text, "sb-note")


# -- /stats/ -----------------------------------------------------------------------------------


def _years_table(url: str, rollup: Rollup) -> str:
    """Every year side by side: a row per measure, a column per year, and the latest change."""
    years = list(rollup.years.values())
    latest = years[-1]
    head = [e(t("指标", "Measure")), *(_year_link(url, s.year) for s in years)]
    if latest.change:
        head.append(e(t("{y}年较上年", "{y} vs year before", y=latest.year)))
    rows = []
    for measure in MEASURES:
        cells = "".join(_cell(s.total, measure) for s in years)
        if latest.change:
            cells += f"<td{NUMERIC}>{e(format_change(latest.change[measure]))}</td>"
        rows.append(_row(e(measure_heading(measure)), cells))
    caption = t("历年合计(所有社区)", "Totals by year (all communities)")
    return _html_table(caption, head, rows) + "\n"


def _trend(chart_id: str, title: str, rollup: Rollup, measures: Sequence[str]) -> str:
    """Totals of `measures` (sharing one unit) over the years: a line chart and its table."""
    years = list(rollup.years.values())
    series = [
        charts.Series(
            MEASURE_INFO[m].title,
            [s.total[m] for s in years],
            [format_figure(s.total, m) for s in years],
        )
        for m in measures
    ]
    unit = MEASURE_INFO[measures[0]].unit
    x_labels = [str(s.year) for s in years]
    svg = charts.line_chart(chart_id, title, x_labels, series, unit, tick_text=format_number)
    head = [e(t("年份", "Year")), *(e(measure_heading(m)) for m in measures)]
    rows = [_row(str(s.year), "".join(_cell(s.total, m) for m in measures)) for s in years]
    caption = t("{title}(数据)", "{title} (data)", title=title)
    return _pair(title, svg, _html_table(caption, head, rows))


def _rules() -> str:
    items = "\n".join(f"<dt>{e(name)}</dt><dd>{e(rule)}</dd>" for name, rule in counting_rules())
    return f'<dl class="sb-rules">\n{items}\n</dl>\n\n'


def _downloads(url: str, years: Sequence[int]) -> str:
    def item(path: str, text: str) -> str:
        return f"<li>{_link(url, urls.DATA + path, text)}</li>"

    items = [item(export.ACTIVITIES_PATH, t("全部活动记录(CSV)", "All activity records (CSV)"))]
    for year in years:
        csv_link = _link(url, urls.DATA + export.year_path(year, "csv"), "CSV")
        json_link = _link(url, urls.DATA + export.year_path(year, "json"), "JSON")
        name = e(t("{y}年统计", "Figures for {y}", y=year))
        items.append(f"<li>{name}{e(t(':', ': '))}{csv_link} · {json_link}</li>")
    items.append(
        item(
            export.DATAPACKAGE_PATH,
            t("数据说明(datapackage.json)", "Data description (datapackage.json)"),
        )
    )
    note = t(
        "CSV 文件为 UTF-8 编码(带 BOM),可直接用 Excel 打开;"
        "datapackage.json 按 Frictionless 标准说明每个文件的字段和类型。",
        "CSV files are UTF-8 with a byte order mark, so Excel opens them directly; "
        "datapackage.json describes every file's fields and types (Frictionless).",
    )
    return '<ul class="sb-downloads">\n' + "\n".join(items) + "\n</ul>\n\n" + _paragraph(note)


def overview_page(ctx: CompileContext, rollup: Rollup) -> str:
    url = urls.STATS
    title = t("活动统计", "Activity statistics")
    description = t(
        "各社区活动台账的年度数字:活动、受益人次、志愿服务与捐赠。",
        "Yearly figures from the activity logs: activities, visits, volunteering, donations.",
    )
    parts = [front_matter(title, description), f"# {e(title)}\n\n"]
    latest = rollup.latest
    if latest is None:
        parts.append(_paragraph(t("还没有公开发布的活动记录。", "No records are published yet.")))
    else:
        intro = t(
            "以下数字来自各社区公开发布的活动台账。每个数字怎样统计,见下方“统计口径”;人次不是人数。",
            "These figures come from the communities' published activity logs. How each is "
            "counted is written under Counting rules below; visits are not people.",
        )
        parts += [
            _paragraph(intro),
            _scope_note(ctx, latest),
            f"## {e(t('历年对比', 'Year by year'))}\n\n",
            _years_table(url, rollup),
            _trend(
                "trend-visits",
                t("受益人次与志愿者人次的历年变化", "Beneficiary visits and volunteer turnouts"),
                rollup,
                ["beneficiaries", "volunteers"],
            ),
            _trend(
                "trend-hours",
                t("志愿服务时长的历年变化", "Volunteer hours by year"),
                rollup,
                ["volunteer_hours"],
            ),
            _trend(
                "trend-donations",
                t("捐赠的历年变化", "Donations by year"),
                rollup,
                ["cash", "in_kind"],
            ),
        ]
    parts.append(f"## {e(t('统计口径', 'Counting rules'))} {{#rules}}\n\n")
    parts.append(_rules())
    if rollup.years:
        parts.append(f"## {e(t('数据下载', 'Downloads'))} {{#downloads}}\n\n")
        parts.append(_downloads(url, list(rollup.years)))
    return "".join(parts)


# -- /stats/<year>/ ----------------------------------------------------------------------------


def _totals_table(stats: YearStats, previous: YearStats | None) -> str:
    head = [e(t("指标", "Measure")), e(t("{y}年", "{y}", y=stats.year))]
    if previous is not None:
        head += [e(t("{y}年", "{y}", y=previous.year)), e(t("变化", "Change"))]
    rows = []
    for measure in MEASURES:
        cells = _cell(stats.total, measure)
        if previous is not None:
            cells += _cell(previous.total, measure)
            cells += f"<td{NUMERIC}>{e(format_change(stats.change[measure]))}</td>"
        rows.append(_row(e(measure_heading(measure)), cells))
    caption = t("{y}年合计(所有社区)", "Totals for {y} (all communities)", y=stats.year)
    return _html_table(caption, head, rows) + "\n"


def _community_audience(stats: YearStats, rows: Sequence[Row]) -> str:
    """Beneficiary visits by community, split by audience group: stacked bars and their table."""
    groups = [g for g in AUDIENCE_GROUPS if g in stats.by_audience]
    empty = Figures()

    def cell(community: str, group: str) -> Figures:
        return stats.by_community_audience.get((community, group), empty)

    series = [
        charts.Series(
            audience_group_label(g),
            [cell(r.key, g)[CHARTED] for r in rows],
            [format_figure(cell(r.key, g), CHARTED) for r in rows],
        )
        for g in groups
    ]
    title = t(
        "{y}年各社区受益人次(按服务对象)",
        "Beneficiary visits by community and audience, {y}",
        y=stats.year,
    )
    unit = MEASURE_INFO[CHARTED].unit
    svg = charts.stacked_bar_chart(
        f"community-audience-{stats.year}",
        title,
        [r.label for r in rows],
        series,
        [format_figure(r.figures, CHARTED) for r in rows],
        unit,
    )
    head = [
        e(t("社区", "Community")),
        *(e(audience_group_label(g)) for g in groups),
        e(t("合计", "Total")),
    ]
    body = [
        _row(
            e(r.label),
            "".join(_cell(cell(r.key, g), CHARTED) for g in groups) + _cell(r.figures, CHARTED),
        )
        for r in rows
    ]
    caption = t("{title}(数据,{unit})", "{title} (data, {unit})", title=title, unit=unit)
    return _pair(title, svg, _html_table(caption, head, body))


def _column_heading(dimension: str) -> str:
    zh, en = {
        "community": ("社区", "Community"),
        "category": ("类别", "Category"),
        "audience": ("服务对象", "Audience"),
        "month": ("月份", "Month"),
    }[dimension]
    return t(zh, en)


def _dimension_section(stats: YearStats, dimension: str, labels: Labels, chart: bool) -> str:
    """Every measure by `dimension`; with `chart`, a bar chart of beneficiary visits above."""
    rows = breakdown(stats, dimension, labels)
    by = dimension_title(dimension)
    caption = t("{y}年全部指标({by})", "All figures, {y} ({by})", y=stats.year, by=by)
    labelled = [(e(r.label), r.figures) for r in rows]
    table = _measures_table(caption, _column_heading(dimension), labelled, stats.total)
    if not chart:
        return table + "\n"
    title = t("{y}年受益人次({by})", "Beneficiary visits, {y} ({by})", y=stats.year, by=by)
    unit = MEASURE_INFO[CHARTED].unit
    svg = charts.bar_chart(f"{dimension}-{stats.year}", title, _bars(rows, CHARTED), unit)
    return _pair(title, svg, table)


def year_page(ctx: CompileContext, rollup: Rollup, stats: YearStats) -> str:
    url = urls.STATS_YEAR.format(year=stats.year)
    labels = Labels(ctx.selection)
    title = t("{y}年活动统计", "Activity statistics {y}", y=stats.year)
    description = t(
        "{y}年各社区的活动、受益人次、志愿服务与捐赠,按社区、类别、服务对象和月份分列。",
        "Activities, visits, volunteering and donations in {y}, by community, category, "
        "audience and month.",
        y=stats.year,
    )
    years = list(rollup.years)
    position = years.index(stats.year)
    around = [_link(url, urls.STATS, t("全部年份", "All years"))]
    if position > 0:
        around.append("← " + _year_link(url, years[position - 1]))
    if position + 1 < len(years):
        around.append(_year_link(url, years[position + 1]) + " →")
    rules = _link(
        url,
        urls.STATS,
        t("每个数字怎样统计,见统计口径", "How each figure is counted: see the counting rules"),
        fragment="rules",
    )
    parts = [
        front_matter(title, description),
        f"# {e(title)}\n\n",
        f'<p class="sb-years">{" · ".join(around)}</p>\n\n',
        _scope_note(ctx, stats),
        f"## {e(t('全年合计', 'Totals'))}\n\n",
        _totals_table(stats, rollup.years.get(stats.year - 1)),
        f"<p>{rules}</p>\n\n",
        f"## {e(dimension_title('community'))}\n\n",
        _community_audience(stats, breakdown(stats, "community", labels)),
        _dimension_section(stats, "community", labels, chart=False),
    ]
    for dimension in ("category", "audience", "month"):
        parts.append(f"## {e(dimension_title(dimension))}\n\n")
        parts.append(_dimension_section(stats, dimension, labels, chart=True))
    parts.append(f"## {e(t('数据下载', 'Downloads'))}\n\n")
    parts.append(_downloads(url, [stats.year]))
    return "".join(parts)


# -- sections on other pages -------------------------------------------------------------------


def home_section(ctx: CompileContext, url: str) -> str:
    """The latest year's headline figures on the home page."""
    latest = ctx.stats.latest
    if latest is None:
        return ""
    items = "\n".join(
        f"<div><dt>{e(measure_heading(m))}</dt><dd>{e(format_figure(latest.total, m))}</dd></div>"
        for m in MEASURES
    )
    more = _link(
        url,
        urls.STATS_YEAR.format(year=latest.year),
        t("查看{y}年统计 →", "Figures for {y} →", y=latest.year),
    )
    return (
        f"## {e(t('{y}年活动数字', 'Activities in {y}', y=latest.year))}\n\n"
        + _scope_note(ctx, latest)
        + f'<dl class="sb-figures">\n{items}\n</dl>\n\n<p>{more}</p>\n\n'
    )


def community_section(ctx: CompileContext, community: Community, url: str) -> str:
    """A community's own figures for each year, with a chart of its beneficiary visits."""
    years = ctx.stats.community_years(community.id)
    if not years:
        return ""
    title = t("{name}历年受益人次", "Beneficiary visits at {name} by year", name=community.name)
    bars = [
        charts.Bar(t("{y}年", "{y}", y=year), f[CHARTED], format_figure(f, CHARTED))
        for year, f in years.items()
    ]
    svg = charts.bar_chart(f"community-{community.id}", title, bars, MEASURE_INFO[CHARTED].unit)
    caption = t("{name}历年活动数字", "{name}: figures by year", name=community.name)
    rows = [(_year_link(url, year), f) for year, f in years.items()]
    table = _measures_table(caption, t("年份", "Year"), rows, None)
    note = _link(
        url, urls.STATS, t("统计口径与全部社区的数字 →", "Counting rules, all communities →")
    )
    return (
        f"## {e(t('活动统计', 'Activity figures'))}\n\n"
        + _pair(title, svg, table)
        + f"<p>{note}</p>\n\n"
    )


def generate(ctx: CompileContext) -> None:
    selection = ctx.selection
    key = (labels_key(selection), selection.options, language())
    pages = reused("stats.pages", [selection.records], key, lambda: _pages(ctx))
    for path, text in pages:
        ctx.tree.write_page(path, text)


def _pages(ctx: CompileContext) -> list[tuple[str, str]]:
    rollup = ctx.stats
    pages = [(urls.STATS, overview_page(ctx, rollup))]
    for stats in rollup.years.values():
        pages.append((urls.STATS_YEAR.format(year=stats.year), year_page(ctx, rollup, stats)))
    return pages
