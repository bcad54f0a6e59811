"""From counts to what people read: measure names, counting rules, labelled rows, numbers.

Pages, downloads and the `stats` command all take their rows and formatted figures from here,
so a figure reads the same everywhere and its rule is written once.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from site_builder.i18n import t
from site_builder.selection import Selection
from site_builder.stats.rollup import (
    BOTH,
    CHILDREN,
    ELDERLY,
    GENERAL,
    MEASURES,
    SPANNING,
    Change,
    Figures,
    YearStats,
)


@dataclass(frozen=True)
class Measure:
    name: str
    zh: str
    en: str
    unit_zh: str
    unit_en: str
    rule_zh: str
    rule_en: str
    whole: bool  # counts are whole numbers; hours and yuan may have decimals

    @property
    def title(self) -> str:
        return t(self.zh, self.en)

    @property
    def unit(self) -> str:
        return t(self.unit_zh, self.unit_en)

    @property
    def rule(self) -> str:
        return t(self.rule_zh, self.rule_en)


_MEASURE_LIST = [
    Measure(
        "records",
        "活动记录",
        "Activity records",
        "条",
        "records",
        "台账中的记录条数。一条记录可以代表一项多次重复的活动(见“活动场次”)。",
        "Lines in the activity logs. One line may stand for a repeated activity (see Sessions).",
        True,
    ),
    Measure(
        "sessions",
        "活动场次",
        "Sessions",
        "场",
        "sessions",
        "各记录填写的场次之和;没有填写的记录按 1 场计。",
        "The sum of each record's sessions; a record that gives none counts as 1.",
        True,
    ),
    Measure(
        "beneficiaries",
        "受益人次",
        "Beneficiary visits",
        "人次",
        "visits",
        "人次,不是人数:同一位居民参加了三次活动,记 3 人次。",
        "Person-visits, not people: a resident who came three times counts 3 times.",
        True,
    ),
    Measure(
        "volunteers",
        "志愿者人次",
        "Volunteer turnouts",
        "人次",
        "turnouts",
        "志愿者每参加一次活动记 1 人次,同一位志愿者多次参加会多次计入。",
        "Each time a volunteer takes part counts once; the same volunteer may count many times.",
        True,
    ),
    Measure(
        "volunteer_hours",
        "志愿服务时长",
        "Volunteer hours",
        "小时",
        "hours",
        "各记录填写的志愿服务总时长(小时)之和。",
        "The sum of the volunteer hours each record gives.",
        False,
    ),
    Measure(
        "cash",
        "捐赠现金",
        "Cash donations",
        "元",
        "yuan",
        "收到的现金捐赠,以元计。",
        "Cash donated, in yuan.",
        False,
    ),
    Measure(
        "in_kind",
        "捐赠物资折合",
        "In-kind donations",
        "元",
        "yuan",
        "捐赠物资按折合金额计,以元计;与现金分列,不相加。",
        "Donated goods at their stated value in yuan; kept apart from cash, never added to it.",
        False,
    ),
]
MEASURE_INFO = {m.name: m for m in _MEASURE_LIST}
assert tuple(MEASURE_INFO) == MEASURES


def measure_heading(measure: str) -> str:
    """A measure's name with its unit, unless the name already says it (受益人次)."""
    info = MEASURE_INFO[measure]
    if info.unit in info.title.lower():
        return info.title
    return t("{title}({unit})", "{title} ({unit})", title=info.title, unit=info.unit)


def counting_rules() -> list[tuple[str, str]]:
    """(heading, rule) pairs: every measure's rule, then the rules for grouping and marking."""
    return [(m.title, m.rule) for m in _MEASURE_LIST] + _grouping_rules()


def _grouping_rules() -> list[tuple[str, str]]:
    """How records are grouped, placed in time, marked and chosen.

    Long because: one list of the rules as the page writes them, read in order."""
    return [
        (
            t("服务对象", "Audience"),
            t(
                "只服务老年人的记录记入“一老”,只服务儿童的记入“一小”,同时服务两者的记入“一老一小”,"
                "没有注明对象的(如社区治理)记入“其他”。每条记录只记入一类,各类相加等于合计,不重复计算。",
                "A record for the elderly only counts under Elderly, for children only under "
                "Children, for both under Elderly and children, and one naming neither (such as "
                "governance) under General. Each record counts in one group only, so the groups "
                "add up to the total.",
            ),
        ),
        (
            t("年份与月份", "Years and months"),
            t(
                "记录计入活动日期所在的年份和月份。开始和结束在同一年、但不在同一个月的系列活动"
                "(如寒假辅导)单列为“跨月系列”,不拆分到各个月份;按月份的图表下列出这些活动和"
                "它们的起止日期。",
                "A record counts in the year and month of its days. A series starting and ending "
                "in different months of one year (such as holiday tutoring) counts once, under "
                "Spanning months, and is not split between the months; the monthly chart lists "
                "these series with their dates.",
            ),
        ),
        (
            t("跨年度的累计数字", "Figures over several years"),
            t(
                "起止日期跨越两个或更多自然年的记录(如一支志愿服务队十年来的累计数字)是累计数字:"
                "不计入任何一年的合计,也不参与年度变化的计算,在统计页和社区页单独列出,"
                "注明起止时间;下载的数据中另有一个累计数字文件。",
                "A record whose days span two or more calendar years (such as a volunteer team's "
                "ten-year total) is a cumulative figure: it counts in no year's totals or "
                "changes, and is listed apart with its span on the statistics and community "
                "pages, and in a file of its own among the downloads.",
            ),
        ),
        (
            t("约数", "Approximate figures"),
            t(
                "台账中写作约数的数字(如“30余人次”)给出的是下限,只有这一项算作约数,"
                "同一条记录的其他数字仍是确数。合计中只要含有这样的数字,就标“余”,表示“至少”。",
                "A figure written as approximate (such as “30余”) gives a lower bound; only that "
                "figure is approximate, not the record's others. A sum including any such "
                "figure is marked “+”: at least that many.",
            ),
        ),
        (
            t("年度变化", "Change from the year before"),
            t(
                "与上一年的合计相比。当年尚未结束时,只统计截至发布日期的记录。",
                "Against the previous year's totals. A year not yet over counts the records up "
                "to the day the site was built.",
            ),
        ),
        (
            t("统计范围", "What is counted"),
            t(
                "只统计已经公开发布的记录。草稿、待审和内部记录不计入,也不出现在下载的数据中。",
                "Only published records count. Drafts, records in review and internal records "
                "are neither counted nor included in the downloads.",
            ),
        ),
    ]


DIMENSIONS = ("community", "category", "audience", "month")


def dimension_title(dimension: str) -> str:
    titles = {
        "total": ("合计", "Total"),
        "community": ("按社区", "By community"),
        "category": ("按类别", "By category"),
        "audience": ("按服务对象", "By audience"),
        "month": ("按月份", "By month"),
    }
    zh, en = titles[dimension]
    return t(zh, en)


def audience_group_label(group: str) -> str:
    labels = {
        ELDERLY: ("一老(老年人)", "Elderly"),
        CHILDREN: ("一小(儿童)", "Children"),
        BOTH: ("一老一小", "Elderly and children"),
        GENERAL: ("其他", "General"),
    }
    zh, en = labels[group]
    return t(zh, en)


def month_label(key: str) -> str:
    if key == SPANNING:
        return t("跨月系列", "Spanning months")
    return t("{m}月", "{name}", m=int(key), name=calendar.month_abbr[int(key)])


class Labels:
    """Names and order of communities and categories, from the site being counted.

    Equal when everything they hold is equal, so a result made with them is kept (serve) while
    they are equal, and no list of what they read is kept by hand beside them."""

    def __init__(self, selection: Selection) -> None:
        site = selection.site
        self._config = site.config
        self._community_names = {c.id: c.name for c in site.communities.values()}
        self.community_order = [c.id for c in selection.communities]
        self.category_order = list(site.config.categories)
        # Stories that exist but are not public in this build: a record's link to one is left
        # out until it is (a draft, in review, or scheduled; checks/references.py says so).
        public = {s.slug for s in selection.stories}
        self.hidden_stories = frozenset(slug for slug in site.stories if slug not in public)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Labels) and vars(self) == vars(other)

    __hash__ = None  # type: ignore[assignment]  # compared by value, never a dict key

    def community(self, community_id: str) -> str:
        return self._community_names.get(community_id, community_id)

    def category(self, category_id: str) -> str:
        return str(self._config.category_label(category_id))

    def label(self, dimension: str, key: str) -> str:
        if dimension == "community":
            return self.community(key)
        if dimension == "category":
            return self.category(key)
        if dimension == "audience":
            return audience_group_label(key)
        if dimension == "month":
            return month_label(key)
        return t("合计", "Total")


@dataclass(frozen=True)
class Row:
    dimension: str  # "total" or one of DIMENSIONS
    key: str
    label: str
    figures: Figures


def _ordered(keys: list[str], order: list[str]) -> list[str]:
    position = {key: index for index, key in enumerate(order)}
    return sorted(keys, key=lambda k: (position.get(k, len(order)), k))


def breakdown(stats: YearStats, dimension: str, labels: Labels) -> list[Row]:
    """One year's figures split by `dimension`, in the order every output uses."""
    if dimension == "community":
        groups = stats.by_community
        keys = _ordered(list(groups), labels.community_order)
    elif dimension == "category":
        groups = stats.by_category
        keys = _ordered(list(groups), labels.category_order)
    elif dimension == "audience":
        groups = stats.by_audience
        keys = [g for g in (ELDERLY, CHILDREN, BOTH, GENERAL) if g in groups]
    elif dimension == "month":
        groups = stats.by_month  # every month, even empty ones, so gaps show
        keys = list(groups)
    else:
        raise ValueError(f"unknown dimension {dimension!r}")
    return [Row(dimension, key, labels.label(dimension, key), groups[key]) for key in keys]


def year_rows(stats: YearStats, labels: Labels) -> list[Row]:
    """The total, then every breakdown: the rows of a year's CSV and JSON."""
    rows = [Row("total", "", labels.label("total", ""), stats.total)]
    for dimension in DIMENSIONS:
        rows.extend(breakdown(stats, dimension, labels))
    return rows


def format_number(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def approximate_mark() -> str:
    return t("余", "+")


def format_figure(figures: Figures, measure: str) -> str:
    """A figure as shown: `4,120余` when it is a lower bound."""
    text = format_number(figures[measure])
    return text + approximate_mark() if figures.is_approximate(measure) else text


def format_span(first: dt.date, last: dt.date) -> str:
    """A cumulative figure's span by month (`2015年1月至2025年5月`); a series within a year by
    day (`1月20日至2月14日`)."""
    if first.year != last.year:
        zh, en = "{y1}年{m1}月至{y2}年{m2}月", "{b1} {y1} to {b2} {y2}"
    else:
        zh, en = "{m1}月{d1}日至{m2}月{d2}日", "{b1} {d1} to {b2} {d2}"
    return t(
        zh,
        en,
        y1=first.year,
        m1=first.month,
        d1=first.day,
        b1=calendar.month_abbr[first.month],
        y2=last.year,
        m2=last.month,
        d2=last.day,
        b2=calendar.month_abbr[last.month],
    )


def span_figures(figures: Figures) -> str:
    """A cumulative figure's non-zero measures in a line: `活动场次 1,000余；受益人次 4,000余`."""
    parts = []
    for measure in MEASURES[1:]:
        if not figures[measure]:
            continue
        info = MEASURE_INFO[measure]
        unit = "" if info.unit in info.title.lower() else info.unit
        unit = t(unit, f" {unit}") if unit else ""
        parts.append(f"{info.title} {format_figure(figures, measure)}{unit}")
    return t("；", "; ").join(parts)


def format_change(change: Change) -> str:
    """`+8,127 (+1958.3%)`; the ratio is left out when the year before counted zero."""
    sign = "+" if change.difference > 0 else ("−" if change.difference < 0 else "±")
    text = sign + format_number(abs(change.difference))
    if change.ratio is not None:
        text += f" ({change.ratio:+.1%})".replace("-", "−")
    if change.approximate:
        text = t("约", "about ") + text
    return text
