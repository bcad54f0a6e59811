"""A ledger's header: which row it is, and which record field each column fills.

Offices head their columns in many ways ("受益人次（人）", "服务时长(小时)", "*活动名称"); a
header is normalised (no spaces, no units in brackets, half-width) and looked up in the
shared vocabulary of Chinese field names (`model/vocabulary.py`), which the loader uses too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from site_builder.excel_import import cells
from site_builder.excel_import.sheets import Sheet
from site_builder.i18n import t
from site_builder.messages import did_you_mean
from site_builder.model import ActivityRecord
from site_builder.model.vocabulary import FIELD_NAMES

# Fields a ledger can fill (not photos, status or private, which no ledger carries; donations
# come as their two parts).
_IMPORTED = {
    name for name in ActivityRecord.model_fields if name not in {"photos", "status", "private"}
}
# Header (normalised: no spaces, no units in brackets) -> the record field it fills.
HEADERS: dict[str, str] = {
    word: name for word, name in FIELD_NAMES.items() if name.split(".")[0] in _IMPORTED
}
# The record's own field names work as headers too.
HEADERS.update({name: name for name in _IMPORTED if name != "donations"})
HEADERS.update({"donations.cash": "donations.cash", "donations.in_kind": "donations.in_kind"})
# Columns that carry no activity data (a row number, who filled the form in): left out, and
# said so once.
NUMBERING = {"序号", "编号", "no", "填报人", "填表人"}
# Figure fields by their header target; a figure's name in `approximate: [...]`.
NUMBER_FIELDS = {
    "sessions": "sessions",
    "beneficiaries": "beneficiaries",
    "volunteers": "volunteers",
    "volunteer_hours": "volunteer_hours",
    "donations.cash": "cash",
    "donations.in_kind": "in_kind",
}
HEADER_SEARCH_ROWS = 10
_UNITS = re.compile(r"[(\[【][^)\]】]*[)\]】]")


def normalise_header(value: object) -> str:
    """`受益人次（人）`, ` 服务时长(小时) `, `*活动名称` -> the header word alone."""
    # NFKC makes full-width brackets, letters and spaces half-width.
    word = unicodedata.normalize("NFKC", cells.text(value))
    return _UNITS.sub("", word).replace("*", "").replace(" ", "").rstrip(":").lower()


@dataclass
class SheetColumns:
    """What each column of one sheet's header fills."""

    header_row: int  # 1-based
    fields: dict[int, str]  # column (1-based) -> field
    names: dict[int, str]  # column -> the header as written


def find_header(sheet: Sheet) -> int | None:
    """The index of the first row naming at least two known columns, one of them the title."""
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        fields = [HEADERS.get(normalise_header(cell)) for cell in row]
        if "title" in fields and sum(1 for f in fields if f) >= 2:
            return index
    return None


def no_header_note() -> str:
    return t(
        "没有找到表头:前 {n} 行中需要有“活动名称”和“日期”等列名",
        "no header found: the first {n} rows need column names such as 活动名称 and 日期",
        n=HEADER_SEARCH_ROWS,
    )


def unknown_column(written: str, name: str) -> str:
    close = did_you_mean(name, HEADERS, cutoff=0.65)
    if close:
        return t(
            "不认识列名 “{name}”,是不是 “{close}”?这一列不需要导入时,请加 --ignore-column {name}",
            "unknown column '{name}'; did you mean '{close}'? "
            "If it is not to be imported, add --ignore-column {name}",
            name=written,
            close=close,
        )
    return t(
        "不认识列名 “{name}”:这一列不需要导入时,请加 --ignore-column {name}",
        "unknown column '{name}': if it is not to be imported, add --ignore-column {name}",
        name=written,
    )
