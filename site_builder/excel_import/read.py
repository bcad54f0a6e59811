"""Read a ledger's sheets into record data, remembering where every value came from.

Ledgers differ from community to community: a title row above the header, units in the
header ("受益人次（人）", "服务时长(小时)"), dates as Excel dates, as text or as ranges, 小计 rows
between the months and a 合计 row at the end, "30余" in a figure. The header is found and its
words looked up in `header.py`; this module maps each column to a record field, reads every
row's cells and skips the rows that are not activities, saying so. A column it does not know
is an error unless the user names it to be left out: no column is ever dropped silently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from site_builder.diagnostics import Diagnostics
from site_builder.excel_import import cells
from site_builder.excel_import.header import (
    HEADERS,
    NUMBER_FIELDS,
    NUMBERING,
    SheetColumns,
    find_header,
    no_header_note,
    normalise_header,
    unknown_column,
)
from site_builder.excel_import.sheets import Sheet
from site_builder.i18n import t
from site_builder.source import Mark, Path_

# A row whose first text cell reads like this sums the rows above it: 小计, 5月小计, 合计…
_TOTAL_ROW = re.compile(r".{0,12}(小计|合计|总计|累计)[:：]?")


@dataclass
class LedgerRow:
    """One activity from the ledger: the record's data and where each of its values stood."""

    sheet: str | None
    row: int
    data: dict[str, Any] = field(default_factory=dict)
    marks: dict[Path_, Mark] = field(default_factory=dict)  # field path within the record
    filled: set[str] = field(default_factory=set)  # the header targets of non-empty cells

    def first_day(self) -> dt.date | None:
        day = self.data.get("date", self.data.get("start"))
        return day if isinstance(day, dt.date) else None


@dataclass(frozen=True)
class Note:
    """Something the import did not take from the ledger, and why: printed, never an error."""

    location: str
    row: int
    message: str


class LedgerReader:
    """Turns the sheets of one ledger into `LedgerRow`s, reporting what it cannot map."""

    def __init__(
        self,
        where: str,
        categories: dict[str, tuple[str, str]],
        diagnostics: Diagnostics,
        ignored_columns: Iterable[str] = (),
    ) -> None:
        self.where = where  # the ledger's name as the user gave it
        self.categories = categories
        self.diagnostics = diagnostics
        self.ignored = {normalise_header(name): name for name in ignored_columns}
        self._ignored_used: set[str] = set()
        self.columns: dict[str, SheetColumns] = {}  # by location
        self.notes: list[Note] = []

    def location(self, sheet: str | None) -> str:
        return f"{self.where}:{sheet}" if sheet is not None else self.where

    def rows(self, sheets: Iterable[Sheet]) -> list[LedgerRow]:
        found: list[LedgerRow] = []
        any_header = False
        for sheet in sheets:
            header_index = find_header(sheet)
            if header_index is None:
                if any(cells.text(c) for row in sheet.rows for c in row):
                    self.notes.append(Note(self.location(sheet.name), 1, no_header_note()))
                continue
            any_header = True
            found += self._sheet_rows(sheet, header_index)
        if not any_header:
            self.diagnostics.error(self.where, 1, 1, no_header_note())
        for word, name in self.ignored.items():
            if word not in self._ignored_used:
                self.notes.append(
                    Note(
                        self.where,
                        0,
                        t(
                            "--ignore-column “{name}”:台账中没有这一列",
                            "--ignore-column '{name}': the ledger has no such column",
                            name=name,
                        ),
                    )
                )
        return found

    def _columns(self, sheet: Sheet, header_index: int) -> SheetColumns:
        where = self.location(sheet.name)
        header = sheet.rows[header_index]
        columns = SheetColumns(header_index + 1, {}, {})
        seen: dict[str, int] = {}
        for column, cell in enumerate(header, start=1):
            name = normalise_header(cell)
            columns.names[column] = cells.text(cell)
            if not name:
                continue
            target = HEADERS.get(name)
            if name in self.ignored or (target is None and name in NUMBERING):
                self._ignored_used.add(name)
                self.notes.append(
                    Note(
                        where,
                        header_index + 1,
                        t(
                            "“{name}”列(第 {c} 列)不导入",
                            "column '{name}' (column {c}) is not imported",
                            name=cells.text(cell),
                            c=column,
                        ),
                    )
                )
            elif target is None:
                self.diagnostics.error(
                    where, header_index + 1, column, unknown_column(cells.text(cell), name)
                )
            elif target in seen:
                self.diagnostics.error(
                    where,
                    header_index + 1,
                    column,
                    t(
                        "列 “{name}” 与第 {other} 列表示同一项,只能保留一列",
                        "column '{name}' means the same as column {other}; keep one",
                        name=cells.text(cell),
                        other=seen[target],
                    ),
                )
            else:
                seen[target] = column
                columns.fields[column] = target
        for needed, message in (
            ({"date", "start"}, t("缺少“日期”列", "the 日期 (date) column is missing")),
            ({"category"}, t("缺少“类别”列", "the 类别 (category) column is missing")),
        ):
            if not needed & set(seen):
                self.diagnostics.error(where, header_index + 1, 1, message)
        return columns

    def _sheet_rows(self, sheet: Sheet, header_index: int) -> list[LedgerRow]:
        where = self.location(sheet.name)
        columns = self._columns(sheet, header_index)
        self.columns[where] = columns
        for index in range(header_index):
            written = " ".join(cells.text(c) for c in sheet.rows[index] if cells.text(c))
            if written:
                self.notes.append(
                    Note(
                        where,
                        index + 1,
                        t(
                            "表头上方的“{text}”是表格标题,不导入",
                            "'{text}' above the header is the table's title; not imported",
                            text=written,
                        ),
                    )
                )
        found: list[LedgerRow] = []
        since_subtotal: list[LedgerRow] = []
        reported: set[str] = set()  # merged ranges already reported
        for index in range(header_index + 1, len(sheet.rows)):
            row_cells = sheet.rows[index]
            texts = [cells.text(c) for c in row_cells if cells.text(c)]
            if not texts:
                continue
            if _is_total(texts[0], row_cells, columns):
                summed = since_subtotal if "小计" in texts[0] else found
                self._total_notes(where, index + 1, texts[0], row_cells, columns, summed)
                since_subtotal = since_subtotal if summed is found else []
                continue
            row = LedgerRow(sheet.name, index + 1)
            for column, target in columns.fields.items():
                value = row_cells[column - 1] if column - 1 < len(row_cells) else None
                if cells.text(value) == "":
                    continue
                merged = sheet.merged.get((index + 1, column))
                if target in NUMBER_FIELDS and merged is not None:
                    if merged not in reported:
                        reported.add(merged)
                        self.diagnostics.error(where, row.row, column, _merged_figure(merged))
                    continue
                self._put(row, target, value, column)
                row.filled.add(target)
            found.append(row)
            since_subtotal.append(row)
        return found

    def _total_notes(
        self,
        where: str,
        row: int,
        label: str,
        row_cells: list[object],
        columns: SheetColumns,
        summed: list[LedgerRow],
    ) -> None:
        """A total row is left out, said so, and checked against the rows it sums."""
        self.notes.append(
            Note(
                where,
                row,
                t(
                    "“{label}”行是汇总行,不导入(网站按各条记录重新计算)",
                    "the '{label}' row is a total; not imported "
                    "(the site adds up the records itself)",
                    label=label,
                ),
            )
        )
        for column, target in columns.fields.items():
            if target not in NUMBER_FIELDS or column > len(row_cells):
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
                self.notes.append(
                    Note(
                        where,
                        row,
                        t(
                            "“{label}”行的“{name}”是 {written},上面各行相加是 {sum},请核对",
                            "the '{label}' row gives {written} for '{name}', "
                            "the rows above add up to {sum}: please check",
                            label=label,
                            name=columns.names[column],
                            written=cells.text(written),
                            sum=cells.text(float(sum(parts))),
                        ),
                    )
                )

    def _put(self, row: LedgerRow, target: str, value: object, column: int) -> None:
        mark = Mark(row.row, column)
        data = row.data
        if target == "date":
            for key, day in cells.dates(value).items():
                data[key] = day
                row.marks[(key,)] = mark
            return
        path: Path_ = tuple(target.split("."))
        if target in ("start", "end"):
            data[target] = cells.date_value(value)
        elif target == "audiences":
            found = cells.audiences(value)
            if found is None:
                self.diagnostics.error(
                    self.location(row.sheet),
                    row.row,
                    column,
                    t(
                        "服务对象 “{value}” 无法识别:可写 老年人、儿童、一老一小,或留空",
                        "audience '{value}' is not recognised: "
                        "write 老年人, 儿童, 一老一小 or leave it empty",
                        value=cells.text(value),
                    ),
                )
                return
            data["audiences"] = found
        elif target == "category":
            data["category"] = cells.category(value, self.categories)
        elif target in NUMBER_FIELDS:
            figure, approximate = cells.number(value)
            if target.startswith("donations."):
                data.setdefault("donations", {})[path[1]] = figure
                row.marks.setdefault(("donations",), mark)
            else:
                data[target] = figure
            if approximate and data.get("approximate") is not True:
                if not isinstance(data.get("approximate"), list):
                    data["approximate"] = []
                data["approximate"].append(NUMBER_FIELDS[target])
                row.marks.setdefault(("approximate",), mark)
        elif target == "partners":
            data["partners"] = cells.names(value)
        elif target == "approximate":
            flag = cells.flag(value)
            if flag is not False or "approximate" not in data:
                data["approximate"] = flag
        else:
            data[target] = cells.text(value)
        row.marks[path] = mark


def _is_total(first: str, row_cells: list[object], columns: SheetColumns) -> bool:
    """`小计`, `5月小计`, `合计`… as the row's first text, and no day in its date column (an
    activity can be called 累计 too)."""
    if not _TOTAL_ROW.fullmatch(first):
        return False
    for column, target in columns.fields.items():
        if target in ("date", "start") and column <= len(row_cells):
            day = cells.dates(row_cells[column - 1]).get(target if target == "start" else "date")
            if isinstance(day, dt.date) or "start" in cells.dates(row_cells[column - 1]):
                return False
    return True


def _merged_figure(cells_range: str) -> str:
    return t(
        "数字所在的单元格 {r} 是合并单元格,无法确定每一行各是多少:请取消合并,每行填写自己的数字",
        "the figure stands in merged cells {r}, so no row's own figure is known: "
        "unmerge them and give each row its figure",
        r=cells_range,
    )
