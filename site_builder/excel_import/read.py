"""Read a ledger (.xlsx or .csv) into record data, remembering where every value came from.

Ledgers differ from community to community: a title row above the header, units in the header
("志愿时长(小时)"), dates as Excel dates, as text or as ranges ("2025.1.2-2025.5.15"), a total
row at the end. This module finds the header, maps the Chinese column names to the record's
fields and converts what it can convert without guessing; everything else is passed on as
written, so the content model reports it with the same message as in a YAML log.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.model import ActivityRecord
from site_builder.source import Mark, Path_

# Header (normalised: no spaces, no units in brackets, no *) -> the record field it fills.
HEADERS: dict[str, str] = {
    "日期": "date",
    "活动日期": "date",
    "时间": "date",
    "活动时间": "date",
    "开始日期": "start",
    "开始时间": "start",
    "结束日期": "end",
    "结束时间": "end",
    "活动名称": "title",
    "活动主题": "title",
    "活动内容": "title",
    "名称": "title",
    "标题": "title",
    "类别": "category",
    "活动类别": "category",
    "类型": "category",
    "活动类型": "category",
    "服务对象": "audiences",
    "对象": "audiences",
    "次数": "sessions",
    "场次": "sessions",
    "活动次数": "sessions",
    "活动场次": "sessions",
    "受益人次": "beneficiaries",
    "服务人次": "beneficiaries",
    "参与人次": "beneficiaries",
    "志愿者人数": "volunteers",
    "志愿者人次": "volunteers",
    "志愿者": "volunteers",
    "志愿时长": "volunteer_hours",
    "志愿服务时长": "volunteer_hours",
    "服务时长": "volunteer_hours",
    "捐赠现金": "cash",
    "现金捐赠": "cash",
    "捐款": "cash",
    "捐赠物资折合": "in_kind",
    "物资折合": "in_kind",
    "捐赠物资": "in_kind",
    "合作单位": "partners",
    "共建单位": "partners",
    "备注": "notes",
    "约数": "approximate",
    "是否约数": "approximate",
    "相关故事": "story",
    "关联故事": "story",
    "故事": "story",
}
# The record's own field names work as headers too.
# (not photos, status or private, which no ledger carries; donations come as its two parts)
HEADERS.update(
    {
        name: name
        for name in ActivityRecord.model_fields
        if name not in {"donations", "photos", "status", "private"}
    }
)
HEADERS.update({"donations.cash": "cash", "donations.in_kind": "in_kind"})
# Columns ledgers carry that are not part of a record: read past them without a warning.
IGNORED = {"序号", "编号", "no", "No", "NO", "填报人", "填表人"}
# A row whose first text cell is one of these is a sum of the rows above, not an activity.
TOTAL_ROWS = {"合计", "总计", "小计", "累计"}

NUMBER_FIELDS = ("sessions", "beneficiaries", "volunteers", "volunteer_hours", "cash", "in_kind")
HEADER_SEARCH_ROWS = 10

_UNITS = re.compile(r"[((][^))]*[))]")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_INTEGER = re.compile(r"[-+]?\d+")
_DECIMAL = re.compile(r"[-+]?\d*\.\d+")
_SPLIT = re.compile(r"[、,,;;/\n]+")
_YES = {"是", "√", "✓", "✔", "y", "yes", "true", "1", "约"}
_NO = {"否", "×", "n", "no", "false", "0"}
# Excel keeps a date as a day count; one in a cell not formatted as a date arrives as a number.
_EXCEL_SERIALS = range(20_000, 80_000)  # 1954 to 2119


def normalise_header(text: object) -> str:
    return _UNITS.sub("", str(text or "")).replace("*", "").replace(" ", "").replace("\u3000", "")


@dataclass
class Sheet:
    name: str | None  # None for a CSV file
    rows: list[list[object]]  # rows[0] is row 1


@dataclass
class LedgerRow:
    """One activity from the ledger: the record's data and where each of its values stood."""

    sheet: str | None
    row: int
    data: dict[str, Any] = field(default_factory=dict)
    marks: dict[Path_, Mark] = field(default_factory=dict)  # field path within the record

    def first_day(self) -> dt.date | None:
        day = self.data.get("date", self.data.get("start"))
        return day if isinstance(day, dt.date) else None


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of a workbook, or the one table of a CSV file (UTF-8 or GB18030)."""
    if path.suffix.lower() == ".csv":
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Excel in Chinese Windows saves "CSV" in the legacy code page.
            text = raw.decode("gb18030")
        return [Sheet(None, [list(row) for row in csv.reader(text.splitlines())])]
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return [
            Sheet(ws.title, [list(row) for row in ws.iter_rows(values_only=True)])
            for ws in workbook.worksheets
        ]
    finally:
        workbook.close()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _find_header(sheet: Sheet) -> int | None:
    """The index of the first row naming at least two known columns, one of them the title."""
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        fields = [HEADERS.get(normalise_header(cell)) for cell in row]
        if "title" in fields and sum(1 for f in fields if f) >= 2:
            return index
    return None


def _date_value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and int(value) in _EXCEL_SERIALS:
        return (dt.datetime(1899, 12, 30) + dt.timedelta(days=int(value))).date()
    return _text(value)


def _parse_day(match: re.Match[str]) -> dt.date | str:
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return match.group(0)  # 2025-02-30: the model reports it as not a valid date


def _dates(value: object) -> dict[str, object]:
    """A date cell: one day, or a range written "2025.1.2-2025.5.15" or "2025-01-02至2025-05-15"."""
    converted = _date_value(value)
    if not isinstance(converted, str):
        return {"date": converted}
    days = list(_DATE.finditer(converted))
    if len(days) == 1 and days[0].group(0) == converted:
        return {"date": _parse_day(days[0])}
    if len(days) == 2:
        return {"start": _parse_day(days[0]), "end": _parse_day(days[1])}
    return {"date": converted}


def _number(value: object) -> object:
    """Numbers written as plain digits become numbers; anything else is left for the model."""
    if isinstance(value, (int, float)):
        return value
    text = _text(value)
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text):
        return float(text)
    return text


AUDIENCE_WORDS = {
    "elderly": ("老", "elderly"),
    "children": (
        "儿童",
        "小孩",
        "孩子",
        "少儿",
        "青少年",
        "未成年",
        "中小学生",
        "小学生",
        "学生",
        "一小",
        "children",
    ),
}
GENERAL_WORDS = {"无", "其他", "居民", "全体居民", "社区居民", "-", "—", "general"}


def audiences(value: object) -> list[str] | None:
    """`老年人` -> [elderly], `一老一小` -> [elderly, children]; None when not recognised."""
    text = _text(value)
    if not text or text in GENERAL_WORDS:
        return []
    found: list[str] = []
    for audience, words in AUDIENCE_WORDS.items():
        if any(word in text for word in words):
            found.append(audience)
    if not found:
        return None
    # Whatever is left after removing the recognised words must be separators only.
    rest = text
    for word in sorted((w for ws in AUDIENCE_WORDS.values() for w in ws), key=len, reverse=True):
        rest = rest.replace(word, "")
    leftover = re.sub(r"[、,,;;/和与及一人年\s]", "", rest)
    return found if not leftover else None


def category(value: object, categories: dict[str, tuple[str, str]]) -> str:
    """A category id from its id or its Chinese or English label; unknown text as written."""
    text = _text(value)
    for key, (zh, en) in categories.items():
        if text.lower() in (key.lower(), zh.lower(), en.lower()):
            return key
    return text


def _flag(value: object) -> bool | str:
    text = _text(value).lower()
    if text in _YES:
        return True
    if not text or text in _NO:
        return False
    return text


class LedgerReader:
    """Turns the sheets of one ledger into `LedgerRow`s, reporting what it cannot map."""

    def __init__(
        self,
        where: str,
        categories: dict[str, tuple[str, str]],
        diagnostics: Diagnostics,
    ) -> None:
        self.where = where  # the ledger's name as the user gave it
        self.categories = categories
        self.diagnostics = diagnostics
        # Column names as written, by location and column, to name the column in messages.
        self.headers: dict[str, dict[int, str]] = {}

    def location(self, sheet: str | None) -> str:
        return f"{self.where}:{sheet}" if sheet is not None else self.where

    def rows(self, sheets: Iterable[Sheet]) -> list[LedgerRow]:
        found: list[LedgerRow] = []
        any_header = False
        for sheet in sheets:
            header_index = _find_header(sheet)
            if header_index is None:
                continue
            any_header = True
            found += self._sheet_rows(sheet, header_index)
        if not any_header:
            self.diagnostics.error(
                self.where,
                1,
                1,
                t(
                    "没有找到表头:前 {n} 行中需要有“活动名称”和“日期”等列名",
                    "no header found: the first {n} rows need column names "
                    "such as 活动名称 and 日期",
                    n=HEADER_SEARCH_ROWS,
                ),
            )
        return found

    def _columns(self, sheet: Sheet, header_index: int) -> dict[int, str]:
        columns: dict[int, str] = {}
        seen: dict[str, int] = {}
        for column, cell in enumerate(sheet.rows[header_index], start=1):
            name = normalise_header(cell)
            if not name or name in IGNORED:
                continue
            target = HEADERS.get(name)
            where = self.location(sheet.name)
            if target is None:
                self.diagnostics.warning(
                    where,
                    header_index + 1,
                    column,
                    t(
                        "不认识列名 “{name}”,这一列不导入",
                        "unknown column '{name}' is not imported",
                        name=_text(cell),
                    ),
                )
            elif target in seen:
                self.diagnostics.error(
                    where,
                    header_index + 1,
                    column,
                    t(
                        "列 “{name}” 与第 {other} 列表示同一项,只能保留一列",
                        "column '{name}' means the same as column {other}; keep one",
                        name=_text(cell),
                        other=seen[target],
                    ),
                )
            else:
                seen[target] = column
                columns[column] = target
        if "date" not in seen and "start" not in seen:
            self.diagnostics.error(
                self.location(sheet.name),
                header_index + 1,
                1,
                t("缺少“日期”列", "the 日期 (date) column is missing"),
            )
        if "category" not in seen:
            self.diagnostics.error(
                self.location(sheet.name),
                header_index + 1,
                1,
                t("缺少“类别”列", "the 类别 (category) column is missing"),
            )
        return columns

    def _sheet_rows(self, sheet: Sheet, header_index: int) -> list[LedgerRow]:
        columns = self._columns(sheet, header_index)
        self.headers[self.location(sheet.name)] = {
            c: _text(cell) for c, cell in enumerate(sheet.rows[header_index], start=1)
        }
        found = []
        for index in range(header_index + 1, len(sheet.rows)):
            cells = sheet.rows[index]
            texts = [_text(c) for c in cells]
            if not any(texts):
                continue
            if next(text for text in texts if text) in TOTAL_ROWS:
                continue
            row = LedgerRow(sheet.name, index + 1)
            for column, target in columns.items():
                value = cells[column - 1] if column - 1 < len(cells) else None
                if _text(value) == "":
                    continue
                self._put(row, target, value, column)
            found.append(row)
        return found

    def _put(self, row: LedgerRow, target: str, value: object, column: int) -> None:
        mark = Mark(row.row, column)
        data = row.data
        if target == "date":
            for key, day in _dates(value).items():
                data[key] = day
                row.marks[(key,)] = mark
            return
        if target in ("start", "end"):
            data[target] = _date_value(value)
        elif target == "audiences":
            found = audiences(value)
            if found is None:
                self.diagnostics.error(
                    self.location(row.sheet),
                    row.row,
                    column,
                    t(
                        "服务对象 “{value}” 无法识别:可写 老年人、儿童、一老一小,或留空",
                        "audience '{value}' is not recognised: "
                        "write 老年人, 儿童, 一老一小 or leave it empty",
                        value=_text(value),
                    ),
                )
                return
            data["audiences"] = found
        elif target == "category":
            data["category"] = category(value, self.categories)
        elif target in ("cash", "in_kind"):
            data.setdefault("donations", {})[target] = _number(value)
            row.marks[("donations", target)] = mark
            row.marks.setdefault(("donations",), mark)
            return
        elif target in NUMBER_FIELDS:
            data[target] = _number(value)
        elif target == "partners":
            data["partners"] = [p.strip() for p in _SPLIT.split(_text(value)) if p.strip()]
        elif target == "approximate":
            data["approximate"] = _flag(value)
        else:
            data[target] = _text(value)
        row.marks[(target,)] = mark
