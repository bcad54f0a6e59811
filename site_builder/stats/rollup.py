"""Counting: activity records -> per-year figures, broken down by community, category,
audience and month, with the change from the year before.

Pure functions over records; labels, formatting and output live elsewhere. The counting rules
written on the statistics page are implemented here and nowhere else:

* a record counts in the year its days fall in; one spanning more than one calendar year (a
  team's ten-year total) is a cumulative figure: counted in no year's totals or changes, kept
  apart with its span (`Rollup.cumulative`);
* it counts under exactly one audience group (elderly only, children only, both, neither), so
  the groups add up to the total without double counting;
* it counts in the month it happens; a series spanning several months counts once, under
  "spanning months", instead of being split into invented monthly figures, and is named with
  its span (`YearStats.spanning`) where that figure is shown;
* a sum is "at least" (approximate) when a figure written as approximate ("30余", listed in
  the record's `approximate`, or all its figures for `approximate: true`) contributed a
  non-zero value to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from site_builder.model import ActivityRecord, Audience
from site_builder.selection import PublicRecord

# The figures every breakdown carries, in the order pages, tables and downloads show them.
MEASURES = (
    "records",
    "sessions",
    "beneficiaries",
    "volunteers",
    "volunteer_hours",
    "cash",
    "in_kind",
)

# Audience groups: each record belongs to exactly one.
ELDERLY, CHILDREN, BOTH, GENERAL = "elderly", "children", "both", "general"
AUDIENCE_GROUPS = (ELDERLY, CHILDREN, BOTH, GENERAL)

MONTHS = tuple(f"{m:02d}" for m in range(1, 13))
SPANNING = "spanning"  # a series whose first and last day fall in different months


def audience_group(record: ActivityRecord) -> str:
    audiences = set(record.audiences)
    if audiences == {Audience.ELDERLY, Audience.CHILDREN}:
        return BOTH
    if audiences == {Audience.ELDERLY}:
        return ELDERLY
    if audiences == {Audience.CHILDREN}:
        return CHILDREN
    return GENERAL


def record_id(public: PublicRecord) -> str:
    """A record's id in the downloads: community, log year, position in the log."""
    return f"{public.community}-{public.log.year}-{public.index + 1}"


def spans_years(record: ActivityRecord) -> bool:
    """A cumulative figure: its first and last day fall in different calendar years."""
    return record.first_day.year != record.last_day.year


def month_key(record: ActivityRecord) -> str:
    first, last = record.first_day, record.last_day
    if (first.year, first.month) != (last.year, last.month):
        return SPANNING
    return f"{first.month:02d}"


_INDEX = {measure: index for index, measure in enumerate(MEASURES)}


@dataclass(frozen=True)
class Counted:
    """One record's contribution: a value per measure, and which of them are lower bounds."""

    values: tuple[float, ...]
    approximate: frozenset[str]

    @classmethod
    def of(cls, record: ActivityRecord) -> Counted:
        values = (
            1,
            record.sessions,
            record.beneficiaries,
            record.volunteers,
            record.volunteer_hours,
            record.donations.cash,
            record.donations.in_kind,
        )
        # Counting a record is exact even when its figures are not.
        if not record.approximate:
            return cls(values, frozenset())
        approximate = record.approximate_figures()
        pairs = zip(MEASURES[1:], values[1:], strict=True)
        return cls(values, frozenset(m for m, value in pairs if value and m in approximate))


def plain_number(value: float) -> float:
    """Whole amounts as int (22000, not 22000.0); others rounded to cents against float drift."""
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


@dataclass
class Figures:
    """Sums of every measure over some records, and which sums are only lower bounds."""

    sums: list[float] = field(default_factory=lambda: [0] * len(MEASURES))
    approximate: set[str] = field(default_factory=set)

    def add(self, counted: Counted) -> None:
        sums = self.sums
        for index, value in enumerate(counted.values):
            sums[index] += value
        if counted.approximate:
            self.approximate |= counted.approximate

    def merge(self, other: Figures) -> None:
        """Add the sums of `other` (other records) to these."""
        self.sums = [mine + theirs for mine, theirs in zip(self.sums, other.sums, strict=True)]
        self.approximate |= other.approximate

    def __getitem__(self, measure: str) -> float:
        return plain_number(self.sums[_INDEX[measure]])

    def is_approximate(self, measure: str) -> bool:
        return measure in self.approximate


@dataclass(frozen=True)
class Change:
    """One measure compared with the year before."""

    difference: float
    ratio: float | None  # None when the year before counted zero
    approximate: bool  # either year's figure is a lower bound, so the change is uncertain


@dataclass(frozen=True)
class Span:
    """A record counted as one figure over its days, not split: a series spanning months, or a
    cumulative figure spanning years (then with its figures)."""

    community: str
    title: str
    first_day: dt.date
    last_day: dt.date
    record_id: str  # as in the records file
    figures: Figures | None = None

    @classmethod
    def of(cls, public: PublicRecord, figures: Figures | None = None) -> Span:
        record = public.record
        return cls(
            public.community,
            record.title,
            record.first_day,
            record.last_day,
            record_id(public),
            figures,
        )

    def order(self) -> tuple[dt.date, dt.date, str, str]:
        return (self.first_day, self.last_day, self.community, self.record_id)


@dataclass
class YearStats:
    year: int
    total: Figures = field(default_factory=Figures)
    by_community: dict[str, Figures] = field(default_factory=dict)
    by_category: dict[str, Figures] = field(default_factory=dict)
    by_audience: dict[str, Figures] = field(default_factory=dict)
    by_month: dict[str, Figures] = field(default_factory=lambda: {m: Figures() for m in MONTHS})
    # Beneficiaries and the rest by (community, audience group), for the stacked chart.
    by_community_audience: dict[tuple[str, str], Figures] = field(default_factory=dict)
    # Against the year before; empty when that year has no records.
    change: dict[str, Change] = field(default_factory=dict)
    # The series counted under "spanning months", in date order.
    spanning: list[Span] = field(default_factory=list)

    def add(self, public: PublicRecord, counted: Counted) -> None:
        community, record = public.community, public.record
        group = audience_group(record)
        month = month_key(record)
        if month == SPANNING:
            self.spanning.append(Span.of(public))
        self.total.add(counted)
        self.by_community.setdefault(community, Figures()).add(counted)
        self.by_category.setdefault(record.category, Figures()).add(counted)
        self.by_audience.setdefault(group, Figures()).add(counted)
        self.by_month.setdefault(month, Figures()).add(counted)
        self.by_community_audience.setdefault((community, group), Figures()).add(counted)

    def merge(self, other: YearStats) -> None:
        """Add the figures of `other` (other records of the same year) to these."""
        self.total.merge(other.total)
        for mine, theirs in (
            (self.by_community, other.by_community),
            (self.by_category, other.by_category),
            (self.by_audience, other.by_audience),
            (self.by_month, other.by_month),
        ):
            for key, figures in theirs.items():
                mine.setdefault(key, Figures()).merge(figures)
        for pair, figures in other.by_community_audience.items():
            self.by_community_audience.setdefault(pair, Figures()).merge(figures)
        self.spanning += other.spanning  # put in date order once all are merged


@dataclass
class Rollup:
    years: dict[int, YearStats]  # ascending by year; only years with records
    all_years: Figures  # the sum of the years (cumulative figures are not in it)
    # Figures spanning more than one calendar year, in date order: in no year's totals.
    cumulative: list[Span] = field(default_factory=list)

    @property
    def latest(self) -> YearStats | None:
        return self.years[max(self.years)] if self.years else None

    def community_years(self, community: str) -> dict[int, Figures]:
        """One community's figures for each year it has records in."""
        return {
            year: stats.by_community[community]
            for year, stats in self.years.items()
            if community in stats.by_community
        }

    def community_cumulative(self, community: str) -> list[Span]:
        return [span for span in self.cumulative if span.community == community]


def compare(current: Figures, previous: Figures) -> dict[str, Change]:
    changes = {}
    for measure in MEASURES:
        before, now = previous[measure], current[measure]
        changes[measure] = Change(
            difference=plain_number(now - before),
            ratio=(now - before) / before if before else None,
            approximate=current.is_approximate(measure) or previous.is_approximate(measure),
        )
    return changes


def rollup(records: Iterable[PublicRecord], community: str | None = None) -> Rollup:
    """Figures per year over `records` (the published ones), optionally for one community."""
    years: dict[int, YearStats] = {}
    all_years = Figures()
    cumulative = []
    for public in records:
        if community is not None and public.community != community:
            continue
        counted = Counted.of(public.record)
        if spans_years(public.record):
            figures = Figures()
            figures.add(counted)
            cumulative.append(Span.of(public, figures))
            continue
        year = public.record.first_day.year
        if year not in years:
            years[year] = YearStats(year)
        years[year].add(public, counted)
        all_years.add(counted)
    return _with_changes(years, all_years, cumulative)


def merged(*parts: Rollup) -> Rollup:
    """The rollup of the records of every part (parts over disjoint records, such as one
    activity log each), from their figures alone: sums add and lower bounds join.

    The parts are left as they are. Their order fixes the order of the additions, so the same
    parts give the same sums to the last bit, whether a part was counted now or kept."""
    years: dict[int, YearStats] = {}
    all_years = Figures()
    cumulative: list[Span] = []
    for part in parts:
        for year, stats in part.years.items():
            years.setdefault(year, YearStats(year)).merge(stats)
        all_years.merge(part.all_years)
        cumulative += part.cumulative
    return _with_changes(years, all_years, cumulative)


def _with_changes(
    years: dict[int, YearStats], all_years: Figures, cumulative: list[Span]
) -> Rollup:
    """The years in ascending order, each compared with the year before."""
    ordered = {year: years[year] for year in sorted(years)}
    for year, stats in ordered.items():
        stats.spanning.sort(key=Span.order)
        previous = ordered.get(year - 1)
        if previous is not None:
            stats.change = compare(stats.total, previous.total)
    return Rollup(ordered, all_years, sorted(cumulative, key=Span.order))
