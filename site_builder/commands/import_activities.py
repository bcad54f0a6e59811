"""`site-builder import activities LEDGER.xlsx|.csv --community ID`: a ledger into the logs.

All bad rows are reported together as `LEDGER.xlsx:Sheet1!R5C3`, and nothing is written unless
every row is good. A record already in the log (same first day and title) that the ledger
gives differently is shown field by field; only `--update` applies such corrections, and
without it nothing is written and the exit status says so. This is the one command that
writes into content/, and only when asked to.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from site_builder import activity_log
from site_builder.activity_log import LogEditRefused
from site_builder.commands import import_story
from site_builder.commands.printing import (
    EXIT_CONTENT,
    EXIT_OK,
    EXIT_USAGE,
    SubCommands,
    print_diagnostics,
)
from site_builder.diagnostics import Diagnostic, Diagnostics, Severity
from site_builder.excel_import.plan import Correction, YearPlan, plan_years
from site_builder.excel_import.read import LedgerReader
from site_builder.excel_import.records import validate_rows
from site_builder.excel_import.sheets import LedgerUnreadable, Sheet, read_sheets
from site_builder.excel_import.write import render_records
from site_builder.i18n import t
from site_builder.load.parse_cache import ParseCache
from site_builder.load.reader import load_site
from site_builder.load.validate import validate_document
from site_builder.load.yaml_source import YamlError, parse_yaml
from site_builder.messages import unknown_community
from site_builder.model import ActivityLog, Site
from site_builder.project import Project

SUFFIXES = (".xlsx", ".xlsm", ".csv")


class Stop(Exception):
    """The import ends here: a message for the user and the exit status."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def add_command(subparsers: SubCommands) -> None:
    parser = subparsers.add_parser(
        "import",
        help=t(
            "把台账表格或 Word 文档导入 content/",
            "import ledgers or Word documents into content/",
        ),
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
    activities.add_argument(
        "--update",
        action="store_true",
        help=t(
            "按台账更正已有记录中不同的数字和内容(先列出每处不同)",
            "correct the existing records the ledger gives differently (each change is listed)",
        ),
    )
    activities.set_defaults(run=run_import_activities)
    import_story.add_parser(kinds)


def _print(console: Console, text: str, style: str | None = None) -> None:
    console.print(text, style=style, markup=False, highlight=False, soft_wrap=True)


def _content(project: Project, community: str, console: Console) -> Site:
    """The site as a build loads it, which must be free of errors to import into."""
    diagnostics = Diagnostics()
    site = load_site(project, diagnostics, ParseCache(None))
    if site is None or diagnostics.errors:
        print_diagnostics(console, diagnostics)
        raise Stop(
            t("content/ 中有错误,请先修正再导入", "content/ has errors; fix them before importing"),
            EXIT_CONTENT,
        )
    if community not in site.communities:
        raise Stop(unknown_community(community, site.communities), EXIT_USAGE)
    return site


def _sheets(ledger: Path, name: str) -> list[Sheet]:
    if ledger.suffix.lower() not in SUFFIXES:
        raise Stop(
            t(
                "只能导入 .xlsx 或 .csv 文件(.xls 请先在 Excel 中另存为 .xlsx)",
                "only .xlsx and .csv files can be imported (save an .xls as .xlsx first)",
            ),
            EXIT_USAGE,
        )
    if not ledger.is_file():
        raise Stop(t("找不到文件 {p}", "file not found: {p}", p=name), EXIT_USAGE)
    try:
        return list(read_sheets(ledger))
    except LedgerUnreadable as exc:
        message = t("无法读取台账 {p}:{e}", "cannot read the ledger {p}: {e}", p=name, e=exc)
    except OSError as exc:
        message = t(
            "无法打开台账 {p}:{e}(文件是否正在 Excel 中打开?)",
            "cannot open the ledger {p}: {e} (is it open in Excel?)",
            p=name,
            e=exc.strerror or exc,
        )
    raise Stop(message, EXIT_CONTENT)


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
        _print(console, t("{at}: 说明: {m}", "{at}: note: {m}", at=at, m=note.message))
    for diagnostic in diagnostics.sorted():
        style = "red" if diagnostic.severity is Severity.ERROR else "yellow"
        _print(console, line(diagnostic), style)


def _print_correction(
    console: Console, reader: LedgerReader, plan: YearPlan, fix: Correction
) -> None:
    """The row, the record it corrects, and each differing field: old -> new, at its cell."""
    at = f"{reader.location(fix.row.sheet)}!R{fix.row.row}"
    _print(
        console,
        t(
            "{at}: 与已有记录不同({day} {title},{log} 第 {line} 行):",
            "{at}: differs from the recorded activity ({day} {title}, {log} line {line}):",
            at=at,
            day=fix.record.first_day,
            title=fix.record.title,
            log=plan.path.name,
            line=fix.line,
        ),
        "yellow",
    )
    for difference in fix.differences:
        cell = f"R{fix.row.row}C{difference.column}" if difference.column else f"R{fix.row.row}"
        _print(
            console,
            t(
                "    “{label}”({cell}):{old} → {new}",
                "    '{label}' ({cell}): {old} -> {new}",
                label=difference.label,
                cell=cell,
                old=difference.old,
                new=difference.new,
            ),
        )
    if fix.by_hand:
        _print(
            console,
            t(
                "    {what}的改动无法自动更新,请直接修改 {log}",
                "    a change of {what} cannot be applied automatically; edit {log} by hand",
                what="、".join(fix.by_hand),
                log=plan.path.name,
            ),
            "yellow",
        )


def _new_text(plan: YearPlan, community: str, year: int, site: Site, update: bool) -> str:
    """The log's new text: corrections (with --update) and added records, checked to read back
    through the model with every record there."""
    categories = {key: str(label) for key, label in site.config.categories.items()}

    def render(indent: int) -> str:
        return render_records([record for _, record in plan.added], indent)

    text = plan.existing
    if text is not None and update and plan.corrections:
        text = activity_log.change_fields(text, {fix.index: fix.values for fix in plan.corrections})
    if plan.added:
        if text is None:
            text = activity_log.new_log(activity_log.SCHEMA_COMMENT, render)
        else:
            text = activity_log.append(text, render, len(plan.added))
    assert text is not None
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
        raise LogEditRefused(t("修改后的文件无法按原样读回", "the changed file does not read back"))
    return text


def _report(
    console: Console, project: Project, plans: dict[int, YearPlan], args: argparse.Namespace
) -> None:
    for plan in plans.values():
        where = project.relative(plan.path)
        verb = t("将新增", "would add") if args.dry_run else t("新增", "added")
        _print(
            console,
            t("{p}:{verb} {n} 条", "{p}: {verb} {n}", p=where, verb=verb, n=len(plan.added)),
        )
        if plan.corrections and args.update:
            verb = t("将更新", "would correct") if args.dry_run else t("更新", "corrected")
            _print(
                console,
                t(
                    "{p}:{verb} {n} 条",
                    "{p}: {verb} {n}",
                    p=where,
                    verb=verb,
                    n=len(plan.corrections),
                ),
            )
        for row, record in plan.unchanged:
            _print(
                console,
                t(
                    "  跳过 {at}:已有同日同名的记录({day} {title}),内容相同",
                    "  skipped {at}: already recorded ({day} {title}), the same",
                    at=f"{args.ledger}{'' if row.sheet is None else ':' + row.sheet}!R{row.row}",
                    day=record.first_day,
                    title=record.title,
                ),
            )
    if not plans:
        _print(console, t("台账中没有活动记录", "the ledger holds no activity records"))


def run_import_activities(args: argparse.Namespace, project: Project, console: Console) -> int:
    try:
        return _import(args, project, console)
    except Stop as stop:
        _print(console, str(stop), "red")
        return stop.code


def _import(args: argparse.Namespace, project: Project, console: Console) -> int:
    sheets = _sheets(Path(args.ledger), args.ledger)
    site = _content(project, args.community, console)
    diagnostics = Diagnostics()
    labels = {key: (label.zh, label.en) for key, label in site.config.categories.items()}
    reader = LedgerReader(args.ledger, labels, diagnostics, args.ignore_column)
    records = validate_rows(reader.rows(sheets), reader, args.community, site, diagnostics)
    _print_ledger_diagnostics(console, diagnostics, reader)
    if diagnostics.errors:
        raise Stop(
            t(
                "台账中有 {n} 处错误,未写入任何文件",
                "{n} error(s) in the ledger; nothing was written",
                n=len(diagnostics.errors),
            ),
            EXIT_CONTENT,
        )
    plans = plan_years(project, site, args.community, records, reader)
    corrections = [fix for plan in plans.values() for fix in plan.corrections]
    for plan in plans.values():
        for fix in plan.corrections:
            _print_correction(console, reader, plan, fix)
    if corrections and not args.update:
        raise Stop(
            t(
                "{n} 条已有记录与台账不同,未写入任何文件;核对无误后加 --update 按台账更新",
                "{n} recorded activities differ from the ledger; nothing was written. "
                "Check them, then add --update to apply the ledger's figures",
                n=len(corrections),
            ),
            EXIT_CONTENT,
        )
    if any(fix.by_hand for fix in corrections):
        raise Stop(t("未写入任何文件", "nothing was written"), EXIT_CONTENT)
    texts = _new_texts(project, plans, site, args)
    if not args.dry_run:
        for year, text in texts.items():
            activity_log.save(plans[year].path, text)
    _report(console, project, dict(sorted(plans.items())), args)
    return EXIT_OK


def _new_texts(
    project: Project, plans: dict[int, YearPlan], site: Site, args: argparse.Namespace
) -> dict[int, str]:
    """Every log's new text, all made before any is written."""
    texts: dict[int, str] = {}
    for year, plan in sorted(plans.items()):
        if not plan.added and not (args.update and plan.corrections):
            continue
        try:
            texts[year] = _new_text(plan, args.community, year, site, args.update)
        except (LogEditRefused, YamlError) as exc:
            raise Stop(
                t(
                    "无法修改 {p}:{why};未写入任何文件",
                    "cannot change {p}: {why}; nothing was written",
                    p=project.relative(plan.path),
                    why=exc,
                ),
                EXIT_CONTENT,
            ) from exc
    return texts
