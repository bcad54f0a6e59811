"""Total rows in a ledger (小计, 5月小计, 合计): recognised, left out, and checked against the
rows they sum, so a wrong total is pointed out and a right one is never called wrong.

Which rows a total sums, as offices mean it: a subtotal naming a month (`5月小计`) sums that
month's rows; a subtotal naming none sums the rows since the previous subtotal (or the sheet's
start); a total (合计, 总计, 累计) sums every row of the sheet.
"""

from __future__ import annotations

import datetime as dt
import re

from site_builder.excel_import import cells
from site_builder.excel_import.header import NUMBER_FIELDS, SheetColumns
from site_builder.excel_import.rows import LedgerRow, Note
from site_builder.i18n import t

# A row whose first text cell reads like this sums rows above it: 小计, 5月小计, 合计…
_TOTAL_ROW = re.compile(r".{0,12}(小计|合计|总计|累计)[:：]?")
_MONTH = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])\s*月")


def is_total(first: str, row_cells: list[object], columns: SheetColumns, year: int | None) -> bool:
    """`小计`, `5月小计`, `合计`… as the row's first text, and no day in its date column (an
    activity can be called 累计 too)."""
    if not _TOTAL_ROW.fullmatch(first):
        return False
    for column, target in columns.fields.items():
        if target in ("date", "start") and column <= len(row_cells):
            written = cells.dates(row_cells[column - 1], year)
            if isinstance(written.get("date"), dt.date) or "start" in written:
                return False
    return True


def summed_rows(
    label: str, sheet_rows: list[LedgerRow], since_subtotal: list[LedgerRow]
) -> list[LedgerRow] | None:
    """The rows above that the total row `label` sums; None when a row's month is unknown (its
    date has an error of its own), so a month's sum cannot be checked."""
    if "小计" not in label:
        return sheet_rows
    month = _MONTH.search(label)
    if month is None:
        return since_subtotal
    if any(row.first_day() is None for row in sheet_rows):
        return None
    number = int(month.group(1))
    return [row for row in sheet_rows if (day := row.first_day()) and day.month == number]


def _summed_part(label: str) -> str:
    month = _MONTH.search(label) if "小计" in label else None
    if month is not None:
        return t("{m}月各行", "the rows of month {m}", m=int(month.group(1)))
    if "小计" in label:
        return t("上一个小计以来各行", "the rows since the previous subtotal")
    return t("上面各行", "the rows above")


def total_notes(
    where: str,
    row: int,
    label: str,
    row_cells: list[object],
    columns: SheetColumns,
    summed: list[LedgerRow] | None,
) -> list[Note]:
    """A total row is left out, said so, and checked against the rows it sums."""
    notes = [
        Note(
            where,
            row,
            t(
                "“{label}”行是汇总行,不导入(网站按各条记录重新计算)",
                "the '{label}' row is a total; not imported (the site adds up the records itself)",
                label=label,
            ),
        )
    ]
    for column, target in columns.fields.items():
        if summed is None or target not in NUMBER_FIELDS or column > len(row_cells):
            continue
        written, _ = cells.number(row_cells[column - 1])
        parts = [r.data.get(target, 0) for r in summed]
        if target.startswith("donations."):
            parts = [r.data.get("donations", {}).get(target[10:], 0) for r in summed]
        if not isinstance(written, (int, float)) or not all(
            isinstance(p, (int, float)) for p in parts
        ):
            continue
        if round(written - sum(parts), 2) != 0:
            message = t(
                "“{label}”行的“{name}”是 {written},{part}相加是 {sum},请核对",
                "the '{label}' row gives {written} for '{name}', {part} add up to {sum}: "
                "please check",
                label=label,
                name=columns.names[column],
                written=cells.text(written),
                part=_summed_part(label),
                sum=cells.text(float(sum(parts))),
            )
            notes.append(Note(where, row, message))
    return notes
