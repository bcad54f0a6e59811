"""`site-builder new story|activity|collection|community`: its arguments and printing."""

from __future__ import annotations

import argparse
import datetime as dt

from rich.console import Console

from site_builder.commands.arguments import iso_day, matching
from site_builder.commands.printing import EXIT_CONTENT, EXIT_OK, SubCommands, print_diagnostics
from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.model.common import SLUG_PATTERN
from site_builder.new_files.files import LOG_FILE, NewItem, Scaffold
from site_builder.project import Project

slug_argument = matching(
    SLUG_PATTERN,
    "文件名只能用小写字母、数字和连字符:{v}",
    "names use lowercase letters, digits and hyphens only: {v}",
)


def _text_argument(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError(t("不能为空", "must not be empty"))
    return value.strip()


KIND_HELP = {
    "story": ("新建故事(草稿)", "create a story (draft)"),
    "activity": ("在社区当年的活动台账末尾添加一条记录(草稿)", "add an activity record (draft)"),
    "collection": ("新建典型采撷(草稿)", "create a collection (draft)"),
    "community": ("新建社区", "create a community"),
}


def add_command(subparsers: SubCommands) -> None:
    new = subparsers.add_parser(
        "new",
        help=t(
            "按模板新建故事、活动记录、采撷或社区",
            "create a story, record, collection or community",
        ),
        description=t(
            "按模板新建内容文件:每个字段都带中文说明,状态为草稿,不会覆盖已有文件。",
            "Create a content file from a template: every field commented, status draft, "
            "existing files never overwritten.",
        ),
    )
    kinds = new.add_subparsers(dest="kind", metavar="KIND", parser_class=type(new))
    kinds.required = True
    for kind, (zh, en) in KIND_HELP.items():
        sub = kinds.add_parser(kind, help=t(zh, en), description=t(zh, en))
        title_help = {
            "community": t("社区名称,如 丰泽社区(编号取拼音,如 fengze)", "the community's name"),
            "activity": t("活动名称", "the activity's title"),
        }.get(kind, t("标题(中文即可,文件名自动转为拼音)", "title (the file name is made from it)"))
        sub.add_argument("--title", required=True, type=_text_argument, help=title_help)
        if kind in ("story", "activity"):
            sub.add_argument(
                "--community",
                required=True,
                metavar="ID",
                help=t("社区编号(content/communities/ 中的文件名)", "community id"),
            )
        if kind != "community":
            sub.add_argument(
                "--date",
                type=iso_day,
                default=dt.date.today(),
                metavar="YYYY-MM-DD",
                help=t("日期(默认今天)", "date (default: today)"),
            )
        if kind != "activity":
            sub.add_argument(
                "--slug",
                type=slug_argument,
                help=t("指定文件名(不含扩展名)", "file name to use (without extension)"),
            )
        if kind == "activity":
            sub.add_argument(
                "--category", default="", help=t("活动类别编号", "category id from site.yml")
            )
        if kind == "community":
            for name, (zh_help, en_help) in {
                "city": ("所在城市,如 沈阳市", "city"),
                "district": ("所在区县,如 和平区", "district"),
                "street": ("所属街道,如 新华街道", "street"),
            }.items():
                sub.add_argument(f"--{name}", default="", help=t(zh_help, en_help))
        sub.set_defaults(run=run_new)


def run_new(args: argparse.Namespace, project: Project, console: Console) -> int:
    item = NewItem(
        title=args.title,
        community=getattr(args, "community", ""),
        day=getattr(args, "date", dt.date.today()),
        slug=getattr(args, "slug", None) or "",
        category=getattr(args, "category", ""),
        city=getattr(args, "city", ""),
        district=getattr(args, "district", ""),
        street=getattr(args, "street", ""),
    )
    diagnostics = Diagnostics()
    scaffold = Scaffold(project, diagnostics)
    kind: str = args.kind
    existed = kind == "activity" and _log_exists(project, item)
    path = {
        "story": scaffold.story,
        "activity": scaffold.activity,
        "collection": scaffold.collection,
        "community": scaffold.community,
    }[kind](item)
    print_diagnostics(console, diagnostics)
    if path is None:
        return EXIT_CONTENT
    rel = project.relative(path)
    if existed:
        message = t("已在 {path} 末尾添加一条记录", "added a record at the end of {path}", path=rel)
    else:
        message = t("已创建 {path}", "created {path}", path=rel)
    console.print(message, style="green", highlight=False)
    console.print(
        t(
            "填写后运行 site-builder check 检查;site-builder serve 可预览草稿。",
            "fill it in, then run site-builder check; site-builder serve previews drafts.",
        ),
        highlight=False,
    )
    return EXIT_OK


def _log_exists(project: Project, item: NewItem) -> bool:
    folder = project.content_dir / "activities" / item.community
    return any(LOG_FILE.match(p.name) for p in folder.glob(f"{item.day.year}.y*ml"))
