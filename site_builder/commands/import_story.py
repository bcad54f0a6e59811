"""`site-builder import story FILE.docx --community ID`: a Word document as a draft story."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from rich.console import Console

from site_builder.commands.arguments import iso_day
from site_builder.commands.new import slug_argument
from site_builder.commands.printing import (
    EXIT_CONTENT,
    EXIT_OK,
    EXIT_USAGE,
    SubCommands,
    print_diagnostics,
)
from site_builder.i18n import t
from site_builder.project import Project
from site_builder.word_import.story import ImportRefused, import_story


def add_parser(kinds: SubCommands) -> None:
    """`story` under `import`."""
    about = t(
        "把 Word 文档(.docx)导入为故事草稿,文中图片存为照片",
        "import a Word document (.docx) as a draft story, its pictures as photos",
    )
    story = kinds.add_parser("story", help=about, description=about)
    story.add_argument("document", metavar="FILE", help=t("Word 文档", "the Word document"))
    story.add_argument(
        "--community", required=True, metavar="ID", help=t("社区编号,如 taihe", "community id")
    )
    story.add_argument(
        "--date",
        type=iso_day,
        default=dt.date.today(),
        metavar="YYYY-MM-DD",
        help=t("日期(默认今天)", "date (default: today)"),
    )
    story.add_argument(
        "--title", default="", help=t("标题(默认取文档的标题)", "title (default: the document's)")
    )
    story.add_argument(
        "--slug",
        type=slug_argument,
        help=t("指定文件名(不含扩展名)", "file name to use (without extension)"),
    )
    story.set_defaults(run=run_import_story)


def run_import_story(args: argparse.Namespace, project: Project, console: Console) -> int:
    try:
        result = import_story(
            project,
            Path(args.document),
            args.community,
            day=args.date,
            slug=args.slug or "",
            title=args.title.strip(),
        )
    except ImportRefused as refused:
        console.print(str(refused), style="red", markup=False, highlight=False, soft_wrap=True)
        return EXIT_USAGE
    print_diagnostics(console, result.findings)
    if result.path is None:
        return EXIT_CONTENT
    console.print(
        t("已创建 {path}(草稿)", "created {path} (draft)", path=project.relative(result.path)),
        style="green",
        highlight=False,
        soft_wrap=True,
    )
    if result.pictures:
        console.print(
            t(
                "文中的 {n} 张图片已存为照片:{files}。请为每张照片写替代文字(alt),"
                "有可辨认的人时写 people 和 consent",
                "the {n} picture(s) were saved as photos: {files}. Write each one's alt text; "
                "add people and consent where people can be recognised",
                n=len(result.pictures),
                files="、".join(p.name for p in result.pictures),
            ),
            highlight=False,
            soft_wrap=True,
        )
    console.print(
        t(
            "核对正文与格式后,运行 site-builder check 检查;site-builder serve 可预览草稿。",
            "check the text and its formatting, then run site-builder check; "
            "site-builder serve previews drafts.",
        ),
        highlight=False,
        soft_wrap=True,
    )
    return EXIT_OK
