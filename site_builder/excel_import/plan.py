"""What importing a ledger does to each year's log: records to add, and corrections to records
already there (same first day and title), field by field, as the ledger's columns head them.

Only fields the ledger has a column for are compared: a log's photos, status or a field the
ledger leaves out are never touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from site_builder.excel_import.header import NUMBER_FIELDS, SheetColumns
from site_builder.excel_import.read import LedgerReader
from site_builder.excel_import.rows import LedgerRow
from site_builder.i18n import t
from site_builder.model import ActivityRecord, Site
from site_builder.model.activity import FIGURES
from site_builder.project import Project

# Fields compared one to one (the record's own name is its key in the log).
_PLAIN = (
    "category",
    "audiences",
    "sessions",
    "beneficiaries",
    "volunteers",
    "volunteer_hours",
    "partners",
    "story",
    "notes",
)


@dataclass(frozen=True)
class Difference:
    """One field a ledger row gives differently from the log."""

    label: str  # the ledger's column name, or the field's Chinese name
    column: int  # the sheet column, 0 when several columns make the field
    old: str  # as shown
    new: str


@dataclass
class Correction:
    """A record in the log that the ledger gives differently."""

    row: LedgerRow
    record: ActivityRecord  # as the ledger gives it
    index: int  # in the log's `activities`
    line: int  # of the record in the log
    differences: list[Difference]
    values: dict[str, object]  # log key -> the value to write
    by_hand: list[str] = field(default_factory=list)  # differences --update cannot apply


@dataclass
class YearPlan:
    """What importing does to one year's log."""

    path: Path
    existing: str | None
    existing_records: int = 0
    added: list[tuple[LedgerRow, ActivityRecord]] = field(default_factory=list)
    unchanged: list[tuple[LedgerRow, ActivityRecord]] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)


def record_key(record: ActivityRecord) -> tuple[object, str]:
    return record.first_day, record.title.strip()


def _shown(value: object) -> str:
    if isinstance(value, list):
        return "、".join(str(getattr(v, "value", v)) for v in value) or t("(空)", "(empty)")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(getattr(value, "value", value))
    return text if text else t("(空)", "(empty)")


def _plain_value(value: object) -> object:
    if isinstance(value, list):
        return [getattr(v, "value", v) for v in value]
    return value


def compare(
    row: LedgerRow, new: ActivityRecord, old: ActivityRecord, columns: SheetColumns
) -> tuple[list[Difference], dict[str, object], list[str]]:
    """The differences, the log values that apply them, and those only a person can apply.

    Only cells with something in them are compared: an empty cell leaves the log's value.
    """
    by_target = _filled(row, columns)
    differences: list[Difference] = []
    values: dict[str, object] = {}
    by_hand: list[str] = []
    for name in _PLAIN:
        column = by_target.get(name)
        before, after = getattr(old, name), getattr(new, name)
        if name == "audiences":
            before, after = sorted(before), sorted(after)
        if column is None or before == after:
            continue
        differences.append(Difference(columns.names[column], column, _shown(before), _shown(after)))
        values[name] = _plain_value(getattr(new, name))
    donations = old.donations.model_dump()
    for part in ("cash", "in_kind"):
        column = by_target.get(f"donations.{part}")
        before, after = getattr(old.donations, part), getattr(new.donations, part)
        if column is not None and before != after:
            differences.append(
                Difference(columns.names[column], column, _shown(before), _shown(after))
            )
            donations[part] = after
    if donations != old.donations.model_dump():
        values["donations"] = {k: _plain_number(v) for k, v in donations.items()}
    _compare_approximate(new, old, row, columns, differences, values)
    dates = (old.date, old.start, old.end), (new.date, new.start, new.end)
    if dates[0] != dates[1]:
        column = by_target.get("date") or by_target.get("end") or 0
        label = t("日期", "date")
        differences.append(Difference(label, column, _days(old), _days(new)))
        by_hand.append(label)
    return differences, values, by_hand


def _filled(row: LedgerRow, columns: SheetColumns) -> dict[str, int]:
    """Header target -> sheet column, for the row's non-empty cells."""
    return {target: c for c, target in columns.fields.items() if target in row.filled}


def _plain_number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _days(record: ActivityRecord) -> str:
    if record.date is not None:
        return record.date.isoformat()
    return f"{record.first_day.isoformat()}至{record.last_day.isoformat()}"


def _compare_approximate(
    new: ActivityRecord,
    old: ActivityRecord,
    row: LedgerRow,
    columns: SheetColumns,
    differences: list[Difference],
    values: dict[str, object],
) -> None:
    """Approximate figures, among the figures the row gives."""
    by_target = _filled(row, columns)
    names = {
        NUMBER_FIELDS[target]: columns.names[column]
        for target, column in by_target.items()
        if target in NUMBER_FIELDS
    }
    if "approximate" in by_target:
        present = set(FIGURES)
    else:
        present = {NUMBER_FIELDS[target] for target in NUMBER_FIELDS if target in by_target}
    before = old.approximate_figures() & present
    after = new.approximate_figures() & present
    if before == after:
        return
    kept = old.approximate_figures() - present
    figures = kept | after
    values["approximate"] = (
        True if figures == set(FIGURES) else [f for f in FIGURES if f in figures] or False
    )
    differences.append(
        Difference(
            t("约数", "approximate"),
            by_target.get("approximate", 0),
            _figure_names(before, names),
            _figure_names(after, names),
        )
    )


def _figure_names(figures: frozenset[str] | set[str], names: dict[str, str]) -> str:
    return "、".join(names.get(f, f) for f in FIGURES if f in figures) or t("无", "none")


def plan_years(
    project: Project,
    site: Site,
    community: str,
    records: list[tuple[LedgerRow, ActivityRecord]],
    reader: LedgerReader,
) -> dict[int, YearPlan]:
    logs = {log.year: log for log in site.activity_logs if log.community == community}
    plans: dict[int, YearPlan] = {}
    for row, record in records:
        year = record.first_day.year
        log = logs.get(year)
        if year not in plans:
            if log is not None:
                path = project.root / log.source.path
                plans[year] = YearPlan(path, path.read_text(encoding="utf-8"), len(log.activities))
            else:
                path = project.content_dir / "activities" / community / f"{year}.yml"
                plans[year] = YearPlan(path, None)
        there = {record_key(r): i for i, r in enumerate(log.activities)} if log else {}
        index = there.get(record_key(record))
        if log is None or index is None:
            plans[year].added.append((row, record))
            continue
        differences, values, by_hand = compare(
            row, record, log.activities[index], reader.columns[reader.location(row.sheet)]
        )
        if not differences:
            plans[year].unchanged.append((row, record))
            continue
        line = log.source.mark("activities", index).line
        plans[year].corrections.append(
            Correction(row, record, index, line, differences, values, by_hand)
        )
    return plans
