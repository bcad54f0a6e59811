"""Ledger rows into activity records, by the same model and reference checks as a build.

Each row is validated as a one-record log would be (the same category and year rules, the
same story references), so its errors read as they would in a YAML log, at the sheet cell.
"""

from __future__ import annotations

from site_builder.checks.references import check_references
from site_builder.diagnostics import Diagnostics
from site_builder.excel_import.plan import record_key
from site_builder.excel_import.read import LedgerReader
from site_builder.excel_import.rows import LedgerRow
from site_builder.i18n import t
from site_builder.load.validate import validate_document
from site_builder.model import ActivityLog, ActivityRecord, Site
from site_builder.selection import BuildOptions, select
from site_builder.source import Mark, YamlDocument


def validate_rows(
    rows: list[LedgerRow],
    reader: LedgerReader,
    community: str,
    site: Site,
    diagnostics: Diagnostics,
) -> list[tuple[LedgerRow, ActivityRecord]]:
    """Each row as a one-record log, through the model and the reference checks of a build."""
    categories = {key: str(label) for key, label in site.config.categories.items()}
    logs: list[tuple[LedgerRow, ActivityLog]] = []
    for row in rows:
        document = YamlDocument(data={"activities": [row.data]})
        document.values[("activities", 0)] = Mark(row.row, 1)
        for path, mark in row.marks.items():
            document.values[("activities", 0, *path)] = mark
        day = row.first_day()
        year = day.year if day is not None else None
        found = Diagnostics()
        log = validate_document(
            ActivityLog,
            document,
            reader.location(row.sheet),
            found,
            extra={"community": community, "year": year or 0},
            context={"categories": categories, "year": year, "stories": set(site.stories)},
        )
        diagnostics.extend(d for d in found if (d.line, d.column) not in row.reported)
        if log is not None:
            logs.append((row, log))
    ledger_site = Site(
        config=site.config,
        communities=site.communities,
        stories=site.stories,
        activity_logs=[log for _, log in logs],
    )
    check_references(ledger_site, select(site, BuildOptions()), diagnostics)
    seen: dict[tuple[object, str], LedgerRow] = {}
    valid = []
    for row, log in logs:
        record = log.activities[0]
        first = seen.setdefault(record_key(record), row)
        if first is not row:
            mark = row.marks.get(("title",), Mark(row.row, 1))
            diagnostics.error(
                reader.location(row.sheet),
                mark.line,
                mark.column,
                t(
                    "与第 {other} 行重复(日期和活动名称相同)",
                    "repeats row {other} (same date and title)",
                    other=first.row,
                ),
            )
        valid.append((row, record))
    return valid
