"""The sheets of a ledger file as rows of cell values, or a plain-language reason why not.

Offices merge cells: a date or a category written once for the several rows below it. Each
row gets the merged value, and the range is remembered, so a figure merged over several rows
(whose share per row nobody knows) can be refused instead of being counted once per row.
"""

from __future__ import annotations

import csv
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.i18n import t

# The first bytes of an OLE2 container: an old .xls, or an .xlsx with an opening password.
_OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")


class LedgerUnreadable(Exception):
    """The file is not a ledger this import can read; the message says why and what to do."""


@dataclass
class Sheet:
    name: str | None  # None for a CSV file
    rows: list[list[object]]  # rows[0] is row 1
    # (row, column), 1-based, of each cell in a range merged over several rows -> "F3:F5".
    merged: dict[tuple[int, int], str] = field(default_factory=dict)


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of a workbook, or the one table of a CSV file (UTF-8 or GB18030)."""
    raw = path.read_bytes()
    if path.suffix.lower() == ".csv":
        return [Sheet(None, [list(row) for row in csv.reader(_csv_text(raw).splitlines())])]
    if raw.startswith(_OLE2):
        raise LedgerUnreadable(
            t(
                "这是旧版 .xls 文件,或设置了打开密码:请在 Excel 中取消密码,另存为 .xlsx 后再导入",
                "this is an old .xls file or has an opening password: remove the password "
                "and save it as .xlsx in Excel, then import again",
            )
        )
    if not zipfile.is_zipfile(path):
        raise LedgerUnreadable(_damaged())
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, data_only=True)
    # openpyxl reports a damaged package with whatever its zip and XML parsers raise.
    except Exception as exc:
        raise LedgerUnreadable(_damaged()) from exc
    try:
        return [_sheet(ws) for ws in workbook.worksheets]
    finally:
        workbook.close()


def _damaged() -> str:
    return t(
        "文件已损坏,或不是 Excel 表格(.xlsx):请在 Excel 或 WPS 中打开它,另存为 .xlsx 后再导入",
        "the file is damaged or not an Excel workbook (.xlsx): open it in Excel or WPS, "
        "save it as .xlsx and import again",
    )


def _csv_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel in Chinese Windows saves "CSV" in the legacy code page.
        return raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise LedgerUnreadable(
            t(
                "无法识别 CSV 文件的编码:请在 Excel 中另存为 .xlsx 或 “CSV UTF-8” 后再导入",
                "the CSV file's encoding is not recognised: save it as .xlsx or "
                "'CSV UTF-8' in Excel and import again",
            )
        ) from exc


def _sheet(ws: Any) -> Sheet:  # openpyxl's Worksheet (untyped)
    rows = [list(row) for row in ws.iter_rows(values_only=True)]
    merged: dict[tuple[int, int], str] = {}
    for cells in ws.merged_cells.ranges:
        if cells.min_row == cells.max_row:
            continue  # a title across the columns, or a header over two columns
        value = rows[cells.min_row - 1][cells.min_col - 1]
        for row in range(cells.min_row, cells.max_row + 1):
            for column in range(cells.min_col, cells.max_col + 1):
                merged[(row, column)] = cells.coord
                rows[row - 1][column - 1] = value
    return Sheet(ws.title, rows, merged)
