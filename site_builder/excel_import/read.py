"""Read a ledger's sheets into record data, remembering where every value came from.

Ledgers differ from community to community: a title row above the header, units in the
header ("受益人次（人）", "服务时长(小时)"), dates as Excel dates, as text or as ranges, 小计 rows
between the months and a 合计 row at the end, "30余" in a figure. The header is found and its
words looked up in `header.py`; this module maps each column to a record field, reads every
row's cells and skips the rows that are not activities, saying so. A column it does not know
is an error unless the user names it to be left out: no column is ever dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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
from site_builder.excel_import.rows import LedgerRow, Note
from site_builder.excel_import.sheets import Sheet
from site_builder.excel_import.totals import is_total, summed_rows, total_notes
from site_builder.i18n import t
from site_builder.source import Mark, Path_


@dataclass
class SheetYear:
    """The year that a sheet's dates written without one ("3月5日") take: the one year its name
    and title rows name, if they name exactly one."""

    year: int | None
    named: list[int]  # every year they name
    named_in: str  # where the year was found, for the import report
    noted: bool = False  # the report said so already

    @classmethod
    def of(cls, sheet: Sheet, header_index: int) -> SheetYear:
        places = [sheet.name or ""]
        places += [" ".join(cells.text(c) for c in row) for row in sheet.rows[:header_index]]
        years: set[int] = set()
        named_in = ""
        for place in places:
            named = cells.years_named(place)
            if named and not named_in:
                named_in = place.strip()
            years |= named
        only = next(iter(years)) if len(years) == 1 else None
        return cls(only, sorted(years), named_in)


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
        year = SheetYear.of(sheet, header_index)
        found: list[LedgerRow] = []
        since_subtotal: list[LedgerRow] = []
        reported: set[str] = set()  # merged ranges already reported
        for index in range(header_index + 1, len(sheet.rows)):
            row_cells = sheet.rows[index]
            texts = [cells.text(c) for c in row_cells if cells.text(c)]
            if not texts:
                continue
            if is_total(texts[0], row_cells, columns, year.year):
                summed = summed_rows(texts[0], found, since_subtotal)
                self.notes += total_notes(where, index + 1, texts[0], row_cells, columns, summed)
                if "小计" in texts[0]:
                    since_subtotal = []
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
                self._put(row, target, value, column, year)
                row.filled.add(target)
            found.append(row)
            since_subtotal.append(row)
        return found

    def _year_for(self, row: LedgerRow, column: int, value: object, year: SheetYear) -> bool:
        """Whether a date written without its year can take the sheet's; the report says so
        once a sheet, or the cell gets an error saying how to write it."""
        where = self.location(row.sheet)
        if year.year is None:
            self.diagnostics.error(where, row.row, column, _no_year(cells.text(value), year))
            row.reported.add((row.row, column))
            return False
        if not year.noted:
            year.noted = True
            message = t(
                "“{day}”等日期没有写年份,按“{place}”记为 {year} 年",
                "dates such as '{day}' have no year; taken as {year}, from '{place}'",
                day=cells.text(value),
                place=year.named_in,
                year=year.year,
            )
            self.notes.append(Note(where, row.row, message))
        return True

    def _put(
        self, row: LedgerRow, target: str, value: object, column: int, year: SheetYear
    ) -> None:
        mark = Mark(row.row, column)
        data = row.data
        undated = target in ("date", "start", "end") and cells.lacks_year(value)
        if undated and not self._year_for(row, column, value, year):
            # Kept as written, so the model's error about it stands at this cell, not repeated.
            data[target] = cells.text(value)
            row.marks[(target,)] = mark
            return
        if target == "date":
            for key, day in cells.dates(value, year.year).items():
                data[key] = day
                row.marks[(key,)] = mark
            return
        path: Path_ = tuple(target.split("."))
        if target in ("start", "end"):
            data[target] = cells.dates(value, year.year)["date"]
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


def _no_year(written: str, year: SheetYear) -> str:
    if year.named:
        return t(
            "日期 “{day}” 没有写年份,工作表名和表格标题写了不止一个年份({years}),"
            "不知道是哪一年:请写完整日期,如 {example}",
            "the date '{day}' has no year, and the sheet's name and title name more than one "
            "({years}): write the full date, such as {example}",
            day=written,
            years="、".join(str(y) for y in year.named),
            example=f"{year.named[-1]}年{written}",
        )
    return t(
        "日期 “{day}” 没有写年份,工作表名和表格标题中也没有年份:请写完整日期,如 2025年{day},"
        "或把工作表改名为年份(如“2025年”)",
        "the date '{day}' has no year, and neither has the sheet's name or title: write the "
        "full date, such as 2025年{day}, or name the sheet after its year (such as 2025年)",
        day=written,
    )


def _merged_figure(cells_range: str) -> str:
    return t(
        "数字所在的单元格 {r} 是合并单元格,无法确定每一行各是多少:请取消合并,每行填写自己的数字",
        "the figure stands in merged cells {r}, so no row's own figure is known: "
        "unmerge them and give each row its figure",
        r=cells_range,
    )
