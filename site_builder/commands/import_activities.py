"""`site-builder import activities LEDGER.xlsx|.csv --community ID`: a ledger into the logs.

Every row is validated as a record in a YAML log would be (the same model, the same category
and year rules, the same story references), and all bad rows are reported together as
`LEDGER.xlsx:Sheet1!R5C3`. Nothing is written unless every row is good. A record already in
the log (same first day and title) is never overwritten: it is skipped and listed. This is the
one command that writes into content/, and only when asked to.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from site_builder.checks.references import check_references
from site_builder.commands.printing import (
    EXIT_CONTENT,
    EXIT_OK,
    EXIT_USAGE,
    SubCommands,
    print_diagnostics,
)
from site_builder.diagnostics import Diagnostic, Diagnostics, Severity
from site_builder.excel_import.read import LedgerReader, LedgerRow
from site_builder.excel_import.sheets import LedgerUnreadable, read_sheets
from site_builder.excel_import.write import AppendRefused, append_records
from site_builder.i18n import t
from site_builder.load.parse_cache import ParseCache
from site_builder.load.reader import load_site
from site_builder.load.validate import validate_document
from site_builder.load.yaml_source import YamlError, parse_yaml
from site_builder.messages import unknown_community
from site_builder.model import ActivityLog, ActivityRecord, Site
from site_builder.project import Project
from site_builder.selection import BuildOptions, select
from site_builder.source import Mark, YamlDocument

SUFFIXES = (".xlsx", ".xlsm", ".csv")


def add_command(subparsers: SubCommands) -> None:
    parser = subparsers.add_parser(
        "import", help=t("把台账等外部表格导入 content/", "import spreadsheets into content/")
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", parser_class=type(parser))
    kinds.required = True
    activities = kinds.add_parser(
        "activities",
        help=t(
            "把活动台账(.xlsx 或 .csv)导入某个社区的年度活动记录",
            "import an activity ledger (.xlsx or .csv) into a community's yearly logs",
        ),
    )
    activities.add_argument("ledger", metavar="LEDGER", help=t("台账文件", "the ledger file"))
    activities.add_argument(
        "--community", required=True, metavar="ID", help=t("社区编号,如 taihe", "community id")
    )
    activities.add_argument(
        "--dry-run",
        action="store_true",
        help=t("只检查并报告,不写入文件", "check and report only; write nothing"),
    )
    activities.add_argument(
        "--ignore-column",
        action="append",
        default=[],
        metavar="NAME",
        help=t(
            "不导入这一列(列名照台账中的写法;可多次使用)",
            "leave this column out (its name as in the ledger; may be repeated)",
        ),
    )
    activities.set_defaults(run=run_import_activities)


@dataclass
class YearPlan:
    """What importing does to one year's log."""

    path: Path
    existing: str | None
    existing_records: int = 0
    added: list[tuple[LedgerRow, ActivityRecord]] = field(default_factory=list)
    skipped: list[tuple[LedgerRow, ActivityRecord, bool]] = field(default_factory=list)  # changed?


def _key(record: ActivityRecord) -> tuple[object, str]:
    return record.first_day, record.title.strip()


# What the statistics count: a ledger row that differs from the log in these is worth a word.
COUNTED = {
    "end",
    "category",
    "audiences",
    "sessions",
    "beneficiaries",
    "volunteers",
    "volunteer_hours",
    "donations",
    "approximate",
}


def _figures(record: ActivityRecord) -> dict[str, object]:
    return record.model_dump(include=COUNTED)


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
        log = validate_document(
            ActivityLog,
            document,
            reader.location(row.sheet),
            diagnostics,
            extra={"community": community, "year": year or 0},
            context={"categories": categories, "year": year, "stories": set(site.stories)},
        )
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
        first = seen.setdefault(_key(record), row)
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


def plan_years(
    project: Project, site: Site, community: str, records: list[tuple[LedgerRow, ActivityRecord]]
) -> dict[int, YearPlan]:
    logs = {log.year: log for log in site.activity_logs if log.community == community}
    plans: dict[int, YearPlan] = {}
    for row, record in records:
        year = record.first_day.year
        if year not in plans:
            log = logs.get(year)
            if log is not None:
                path = project.root / log.source.path
                plans[year] = YearPlan(path, path.read_text(encoding="utf-8"), len(log.activities))
            else:
                path = project.content_dir / "activities" / community / f"{year}.yml"
                plans[year] = YearPlan(path, None)
        there = {_key(r): r for r in logs[year].activities} if year in logs else {}
        found = there.get(_key(record))
        if found is None:
            plans[year].added.append((row, record))
        else:
            plans[year].skipped.append((row, record, _figures(found) != _figures(record)))
    return plans


def _merged_text(plan: YearPlan, community: str, year: int, categories: dict[str, str]) -> str:
    """The log's new text, checked to read back as the old records plus the new ones."""
    text = append_records(plan.existing, [record for _, record in plan.added])
    check = Diagnostics()
    log = validate_document(
        ActivityLog,
        parse_yaml(text),
        plan.path.name,
        check,
        extra={"community": community, "year": year},
        context={"categories": categories, "year": year},
    )
    if log is None or len(log.activities) != plan.existing_records + len(plan.added):
        raise AppendRefused(t("追加后的文件无法按原样读回", "the appended file does not read back"))
    return text


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _print_ledger_diagnostics(
    console: Console, diagnostics: Diagnostics, reader: LedgerReader
) -> None:
    """`LEDGER.xlsx:Sheet1!R5C3: 错误: “受益人次”列:…`: sheet, row and column as in Excel."""

    def line(d: Diagnostic) -> str:
        label = t("错误", "error") if d.severity is Severity.ERROR else t("警告", "warning")
        columns = reader.columns.get(d.path)
        header = columns.names.get(d.column) if columns and d.line > columns.header_row else None
        column = t("“{h}”列:", "column '{h}': ", h=header) if header else ""
        return f"{d.path}!R{d.line}C{d.column}: {label}: {column}{d.message}"

    for note in reader.notes:
        at = f"{note.location}!R{note.row}" if note.row else note.location
        console.print(
            t("{at}: 说明: {m}", "{at}: note: {m}", at=at, m=note.message),
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    for diagnostic in diagnostics.sorted():
        style = "red" if diagnostic.severity is Severity.ERROR else "yellow"
        console.print(line(diagnostic), style=style, markup=False, highlight=False, soft_wrap=True)


def run_import_activities(args: argparse.Namespace, project: Project, console: Console) -> int:

    def refuse(message: str, code: int) -> int:
        console.print(message, style="red", markup=False, highlight=False, soft_wrap=True)
        return code

    ledger = Path(args.ledger)
    if ledger.suffix.lower() not in SUFFIXES:
        return refuse(
            t(
                "只能导入 .xlsx 或 .csv 文件(.xls 请先在 Excel 中另存为 .xlsx)",
                "only .xlsx and .csv files can be imported (save an .xls as .xlsx first)",
            ),
            EXIT_USAGE,
        )
    if not ledger.is_file():
        return refuse(t("找不到文件 {p}", "file not found: {p}", p=args.ledger), EXIT_USAGE)
    content_diagnostics = Diagnostics()
    site = load_site(project, content_diagnostics, ParseCache(None))
    if site is None or content_diagnostics.errors:
        print_diagnostics(console, content_diagnostics)
        return refuse(
            t("content/ 中有错误,请先修正再导入", "content/ has errors; fix them before importing"),
            EXIT_CONTENT,
        )
    if args.community not in site.communities:
        return refuse(
            unknown_community(args.community, site.communities),
            EXIT_USAGE,
        )
    diagnostics = Diagnostics()
    labels = {key: (label.zh, label.en) for key, label in site.config.categories.items()}
    reader = LedgerReader(args.ledger, labels, diagnostics, args.ignore_column)
    try:
        sheets = read_sheets(ledger)
    except LedgerUnreadable as exc:
        return refuse(
            t("无法读取台账 {p}:{e}", "cannot read the ledger {p}: {e}", p=args.ledger, e=exc),
            EXIT_CONTENT,
        )
    except OSError as exc:
        return refuse(
            t(
                "无法打开台账 {p}:{e}(文件是否正在 Excel 中打开?)",
                "cannot open the ledger {p}: {e} (is it open in Excel?)",
                p=args.ledger,
                e=exc.strerror or exc,
            ),
            EXIT_CONTENT,
        )
    rows = reader.rows(sheets)
    records = validate_rows(rows, reader, args.community, site, diagnostics)
    _print_ledger_diagnostics(console, diagnostics, reader)
    if diagnostics.errors:
        return refuse(
            t(
                "台账中有 {n} 处错误,未写入任何文件",
                "{n} error(s) in the ledger; nothing was written",
                n=len(diagnostics.errors),
            ),
            EXIT_CONTENT,
        )
    categories = {key: str(label) for key, label in site.config.categories.items()}
    plans = plan_years(project, site, args.community, records)
    texts: dict[int, str] = {}
    for year, plan in sorted(plans.items()):
        if not plan.added:
            continue
        try:
            texts[year] = _merged_text(plan, args.community, year, categories)
        except (AppendRefused, YamlError) as exc:
            return refuse(
                t(
                    "无法追加到 {p}:{why};未写入任何文件",
                    "cannot append to {p}: {why}; nothing was written",
                    p=project.relative(plan.path),
                    why=exc,
                ),
                EXIT_CONTENT,
            )
    for year, plan in sorted(plans.items()):
        where = project.relative(plan.path)
        if year in texts and not args.dry_run:
            _write(plan.path, texts[year])
        verb = t("将新增", "would add") if args.dry_run else t("新增", "added")
        console.print(
            t("{p}:{verb} {n} 条", "{p}: {verb} {n}", p=where, verb=verb, n=len(plan.added)),
            markup=False,
            highlight=False,
        )
        for row, record, changed in plan.skipped:
            note = (
                t(
                    ";台账中的数字或类别与已有记录不同,未覆盖",
                    "; its figures or category differ and were not overwritten",
                )
                if changed
                else ""
            )
            console.print(
                t(
                    "  跳过 {at}:已有同日同名的记录({day} {title}){note}",
                    "  skipped {at}: already recorded ({day} {title}){note}",
                    at=f"{reader.location(row.sheet)}!R{row.row}",
                    day=record.first_day,
                    title=record.title,
                    note=note,
                ),
                style="yellow" if changed else None,
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
    if not plans:
        console.print(t("台账中没有活动记录", "the ledger holds no activity records"))
    return EXIT_OK
