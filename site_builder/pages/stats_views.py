"""What the statistics templates (`templates/stats/`) are given: tables of formatted figures,
and charts paired with the table of the numbers they draw.

Every number comes from `stats.tables` (the rows the downloads and the `stats` command use too).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from site_builder.i18n import t
from site_builder.output import urls
from site_builder.pages.templating import render
from site_builder.stats import charts
from site_builder.stats.chart_marks import Drawing
from site_builder.stats.line_chart import line_chart
from site_builder.stats.rollup import (
    AUDIENCE_GROUPS,
    MEASURES,
    SPANNING,
    Figures,
    Rollup,
    Span,
    YearStats,
)
from site_builder.stats.tables import (
    MEASURE_INFO,
    Labels,
    Row,
    audience_group_label,
    breakdown,
    dimension_title,
    format_change,
    format_figure,
    format_number,
    format_span,
    measure_heading,
    month_label,
    span_figures,
)

CHARTED = "beneficiaries"  # the measure the breakdown charts draw


@dataclass(frozen=True)
class Label:
    """A heading or row label; a link when `link` is set."""

    text: str
    link: str = ""
    before: str = ""  # text around the link, such as an arrow
    after: str = ""


@dataclass(frozen=True)
class Cell:
    text: str
    approximate: bool = False  # a lower bound ("余"), marked as such
    number: bool = True  # right-aligned figures; text (a span, a name) wraps as text does


@dataclass(frozen=True)
class TableRow:
    label: Label
    cells: Sequence[Cell]


@dataclass(frozen=True)
class Table:
    caption: str
    head: Sequence[Label]  # the first column labels the rows
    rows: Sequence[TableRow]
    foot: TableRow | None = None


@dataclass(frozen=True)
class Chart:
    title: str
    svg: Markup  # the wide layout
    table: Table
    # The narrow layouts for a phone, one per text size of the reading toolbar: (size, SVG).
    narrow: Sequence[tuple[str, Markup]] = ()


def link(from_url: str, to_url: str, text: str, fragment: str = "") -> Label:
    return Label(text, urls.href(from_url, to_url) + (f"#{fragment}" if fragment else ""))


def year_link(from_url: str, year: int) -> Label:
    return link(from_url, urls.STATS_YEAR.format(year=year), t("{y}年", "{y}", y=year))


def cell(figures: Figures, measure: str) -> Cell:
    return Cell(format_figure(figures, measure), figures.is_approximate(measure))


def drawn(chart: Drawing) -> Markup:
    """The chart's SVG, from its template in `templates/charts/`."""
    return render(chart.template, chart=chart)


def laid_out(
    title: str, table: Table, chart_id: str, layout: Callable[[str, int], Drawing]
) -> Chart:
    """A chart drawn by `layout(chart id, width)` wide and in each narrow width, with its table."""
    narrow = [(size, drawn(layout(f"{chart_id}-{size}", width))) for size, width in charts.NARROW]
    return Chart(title, drawn(layout(chart_id, charts.WIDTH)), table, narrow)


def measures_table(
    caption: str, first: str, rows: Sequence[tuple[Label, Figures]], total: Figures | None
) -> Table:
    """Labelled rows by every measure, with an optional total row."""
    head = [Label(first), *(Label(measure_heading(m)) for m in MEASURES)]
    body = [TableRow(label, [cell(f, m) for m in MEASURES]) for label, f in rows]
    foot = None
    if total is not None:
        foot = TableRow(Label(t("合计", "Total")), [cell(total, m) for m in MEASURES])
    return Table(caption, head, body, foot)


def years_table(url: str, rollup: Rollup) -> Table:
    """Every year side by side: a row per measure, a column per year, and the latest change."""
    years = list(rollup.years.values())
    latest = years[-1]
    head = [Label(t("指标", "Measure")), *(year_link(url, s.year) for s in years)]
    if latest.change:
        head.append(Label(t("{y}年较上年", "{y} vs year before", y=latest.year)))
    rows = []
    for measure in MEASURES:
        cells = [cell(s.total, measure) for s in years]
        if latest.change:
            cells.append(Cell(format_change(latest.change[measure])))
        rows.append(TableRow(Label(measure_heading(measure)), cells))
    return Table(t("历年合计(所有社区)", "Totals by year (all communities)"), head, rows)


def trend(chart_id: str, title: str, rollup: Rollup, measures: Sequence[str]) -> Chart:
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
    head = [Label(t("年份", "Year")), *(Label(measure_heading(m)) for m in measures)]
    rows = [TableRow(Label(str(s.year)), [cell(s.total, m) for m in measures]) for s in years]
    caption = t("{title}(数据)", "{title} (data)", title=title)
    return laid_out(
        title,
        Table(caption, head, rows),
        chart_id,
        lambda drawn_id, width: line_chart(
            drawn_id, title, x_labels, series, unit, tick_text=format_number, width=width
        ),
    )


def totals_table(stats: YearStats, previous: YearStats | None) -> Table:
    head = [Label(t("指标", "Measure")), Label(t("{y}年", "{y}", y=stats.year))]
    if previous is not None:
        head += [Label(t("{y}年", "{y}", y=previous.year)), Label(t("变化", "Change"))]
    rows = []
    for measure in MEASURES:
        cells = [cell(stats.total, measure)]
        if previous is not None:
            cells.append(cell(previous.total, measure))
            cells.append(Cell(format_change(stats.change[measure])))
        rows.append(TableRow(Label(measure_heading(measure)), cells))
    caption = t("{y}年合计(所有社区)", "Totals for {y} (all communities)", y=stats.year)
    return Table(caption, head, rows)


def community_audience(stats: YearStats, rows: Sequence[Row]) -> Chart:
    """Beneficiary visits by community, split by audience group: stacked bars and their table."""
    groups = [g for g in AUDIENCE_GROUPS if g in stats.by_audience]
    empty = Figures()

    def figures(community: str, group: str) -> Figures:
        return stats.by_community_audience.get((community, group), empty)

    series = [
        charts.Series(
            audience_group_label(g),
            [figures(r.key, g)[CHARTED] for r in rows],
            [format_figure(figures(r.key, g), CHARTED) for r in rows],
        )
        for g in groups
    ]
    title = t(
        "{y}年各社区受益人次(按服务对象)",
        "Beneficiary visits by community and audience, {y}",
        y=stats.year,
    )
    unit = MEASURE_INFO[CHARTED].unit
    totals = [format_figure(r.figures, CHARTED) for r in rows]
    labels = [r.label for r in rows]
    head = [
        Label(t("社区", "Community")),
        *(Label(audience_group_label(g)) for g in groups),
        Label(t("合计", "Total")),
    ]
    body = [
        TableRow(
            Label(r.label),
            [*(cell(figures(r.key, g), CHARTED) for g in groups), cell(r.figures, CHARTED)],
        )
        for r in rows
    ]
    caption = t("{title}(数据,{unit})", "{title} (data, {unit})", title=title, unit=unit)
    return laid_out(
        title,
        Table(caption, head, body),
        f"community-audience-{stats.year}",
        lambda chart_id, width: charts.stacked_bar_chart(
            chart_id, title, labels, series, totals, unit, width=width
        ),
    )


def _column_heading(dimension: str) -> str:
    zh, en = {
        "community": ("社区", "Community"),
        "category": ("类别", "Category"),
        "audience": ("服务对象", "Audience"),
        "month": ("月份", "Month"),
    }[dimension]
    return t(zh, en)


def dimension_section(
    stats: YearStats, dimension: str, labels: Labels, chart: bool
) -> Chart | Table:
    """Every measure by `dimension`; with `chart`, a bar chart of beneficiary visits above."""
    rows = breakdown(stats, dimension, labels)
    by = dimension_title(dimension)
    caption = t("{y}年全部指标({by})", "All figures, {y} ({by})", y=stats.year, by=by)
    labelled = [(Label(r.label), r.figures) for r in rows]
    table = measures_table(caption, _column_heading(dimension), labelled, stats.total)
    if not chart:
        return table
    title = t("{y}年受益人次({by})", "Beneficiary visits, {y} ({by})", y=stats.year, by=by)
    unit = MEASURE_INFO[CHARTED].unit
    bars = [
        charts.Bar(r.label, r.figures[CHARTED], format_figure(r.figures, CHARTED)) for r in rows
    ]
    return laid_out(
        title,
        table,
        f"{dimension}-{stats.year}",
        lambda chart_id, width: charts.bar_chart(chart_id, title, bars, unit, width=width),
    )


def cumulative_table(
    spans: Sequence[Span], labels: Labels, caption: str, by_community: bool
) -> Table:
    """Figures over several years, each with its span: counted in no year."""
    head = [Label(t("项目", "Record"))]
    if by_community:
        head.append(Label(t("社区", "Community")))
    head += [Label(t("起止时间", "Span")), Label(t("累计数字", "Figures"))]
    rows = []
    for span in spans:
        assert span.figures is not None
        cells = [Cell(labels.community(span.community), number=False)] if by_community else []
        cells.append(Cell(format_span(span.first_day, span.last_day), number=False))
        cells.append(Cell(span_figures(span.figures), number=False))
        rows.append(TableRow(Label(span.title), cells))
    return Table(caption, head, rows)


SPANNING_LISTED = 12  # series named under the monthly chart; more are counted


def spanning_note(stats: YearStats, labels: Labels) -> str:
    """What the monthly chart's 跨月系列 holds: the series, each with its dates."""
    spans = stats.spanning
    if not spans:
        return ""
    named = t("、", ", ").join(
        t(
            "{title}({community},{days})",
            "{title} ({community}, {days})",
            title=span.title,
            community=labels.community(span.community),
            days=format_span(span.first_day, span.last_day),
        )
        for span in spans[:SPANNING_LISTED]
    )
    if len(spans) > SPANNING_LISTED:
        named += t("等 {n} 项", " and others, {n} in all", n=len(spans))
    return t(
        "“{label}”是开始和结束不在同一个月的系列活动,整体计入一次,不拆分到各个月份:{named}。",
        "{label} holds the series that start and end in different months, each counted once, "
        "not split between the months: {named}.",
        label=month_label(SPANNING),
        named=named,
    )
