"""`site-builder`: build, compile, check, serve, and the subcommands of this package.

Only the `commands` package prints. Exit status: 0 success, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, cast

from rich.console import Console

from site_builder.commands import edit, import_activities, new, publish, stats
from site_builder.commands.arguments import add_as_of, add_engine, add_photo_workers
from site_builder.commands.printing import (
    EXIT_CONTENT,
    EXIT_OK,
    EXIT_USAGE,
    Command,
    SubCommands,
    print_diagnostics,
)
from site_builder.compiler import check_site, compile_site
from site_builder.diagnostics import Diagnostics
from site_builder.i18n import set_language, t
from site_builder.model.site_config import ENGINE_NAMES
from site_builder.pages.engine_config import config_file
from site_builder.project import Project
from site_builder.render.build import build_site, chosen_engine
from site_builder.render.serve import serve
from site_builder.render.zensical_engine import sync_docs
from site_builder.render.zensical_serve import serve_zensical
from site_builder.selection import BuildOptions
from site_builder.session import Session


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, t("用法错误:{m}\n", "usage error: {m}\n", m=message))


def cmd_check(args: argparse.Namespace, project: Project, console: Console) -> int:
    diagnostics = Diagnostics()
    check_site(project, BuildOptions(as_of=args.as_of), diagnostics, Session())
    print_diagnostics(console, diagnostics)
    # `build` publishes nothing after a warning: neither does `check` pass.
    if diagnostics.errors or diagnostics.warnings:
        return EXIT_CONTENT
    console.print(t("检查通过", "check passed"), style="green", highlight=False)
    return EXIT_OK


def cmd_build(args: argparse.Namespace, project: Project, console: Console) -> int:
    diagnostics = Diagnostics()
    site_dir = Path(args.site_dir).resolve() if args.site_dir else None
    with console.status(t("正在构建……", "Building…")):
        report = build_site(
            project,
            BuildOptions(as_of=args.as_of, scheduler=args.scheduler or ""),
            diagnostics,
            site_dir=site_dir,
            workers=args.jobs,
            progress=console.is_terminal,
            engine=args.engine,
            session=Session(),
            prune_shared=args.prune_shared_cache,
        )
    print_diagnostics(console, diagnostics)
    if not report.ok:
        console.print(
            t("构建失败,原有的 site/ 保持不变", "build failed; the previous site/ is unchanged"),
            style="red bold",
            highlight=False,
        )
        return EXIT_CONTENT
    where = site_dir or project.site_dir
    if report.up_to_date:
        console.print(
            t("内容没有变化,{path} 已是最新", "nothing changed; {path} is up to date", path=where),
            style="green",
            highlight=False,
        )
        return EXIT_OK
    total = sum(report.timings.values())
    console.print(
        t("已构建到 {path}({s:.1f} 秒)", "built into {path} ({s:.1f} s)", path=where, s=total),
        style="green",
        highlight=False,
    )
    return EXIT_OK


def cmd_compile(args: argparse.Namespace, project: Project, console: Console) -> int:
    diagnostics = Diagnostics()
    options = BuildOptions(as_of=args.as_of, scheduler=args.scheduler or "")
    result = compile_site(project, options, diagnostics, session=Session(), workers=args.jobs)
    print_diagnostics(console, diagnostics)
    if result is None or diagnostics.errors or diagnostics.warnings:
        return EXIT_CONTENT
    sync_docs(project)
    configs = "\n".join(f"  {name} build -f {config_file(project, name)}" for name in ENGINE_NAMES)
    console.print(
        t(
            "已编译到 {path}:可交给任何读取 mkdocs.yml 的引擎渲染,如\n{configs}",
            "compiled into {path}: any engine that reads mkdocs.yml can render it, such as\n"
            "{configs}",
            path=project.compiled_dir,
            configs=configs,
        ),
        style="green",
        highlight=False,
    )
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, project: Project, console: Console) -> int:
    engine = chosen_engine(project, args.engine).name
    address = t(
        "预览地址:http://{addr}/(草稿与待审内容会标出)",
        "preview at http://{addr}/ (drafts marked)",
        addr=args.dev_addr,
    )
    # One session for the whole preview: what the first compile parsed and computed is there
    # for the rebuilds after each save.
    session = Session.serve()

    def report(found: Diagnostics) -> None:
        """After a rebuild that changes the preview's verdict: its errors, or none any more."""
        print_diagnostics(console, found)
        if not found.errors:
            console.print(
                t("内容没有错误了,预览已更新", "the content is good again; the preview is updated"),
                style="green",
                highlight=False,
            )

    if engine != "mkdocs":
        console.print(address, highlight=False)
        # Zensical's own server re-renders the pages a save changed (render/zensical_serve.py).
        serve_zensical(
            project,
            args.dev_addr,
            args.as_of,
            poll=args.poll,
            report=report,
            session=session,
        )
        return EXIT_OK
    diagnostics = Diagnostics()
    options = BuildOptions(as_of=args.as_of, preview=True)
    compile_site(project, options, diagnostics, session=session)
    # Served even with errors: the first build in `serve` prints them and the preview shows
    # them until a save fixes them.
    if not diagnostics.errors:
        print_diagnostics(console, diagnostics)
    console.print(address, highlight=False)
    # A rebuild re-renders only the pages whose compiled Markdown changed (the compiled tree
    # keeps the time stamps of unchanged files), so one edit shows in seconds on a big archive.
    serve(
        project.mkdocs_file,
        args.dev_addr,
        args.as_of,
        poll=args.poll,
        report=report,
        session=session,
    )
    return EXIT_OK


def build_parser(
    adders: Sequence[Callable[[SubCommands], None]],
) -> argparse.ArgumentParser:
    """The whole command line: the options every command takes, then each command's parser."""
    parser = _Parser(
        prog="site-builder",
        description=t(
            "把 content/ 中的故事、活动台账和照片编译成静态网站。",
            "Compile the stories, activity logs and photos in content/ into a static website.",
        ),
    )
    parser.add_argument(
        "--project", default=".", help=t("项目目录(默认当前目录)", "project folder (default: here)")
    )
    parser.add_argument(
        "--lang", choices=["zh", "en"], help=t("提示信息的语言", "language of messages")
    )
    commands = cast(
        SubCommands, parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    )
    commands.required = True

    for add in adders:
        add(commands)
    return parser


def _add_build(subparsers: SubCommands) -> None:
    """`build`: compile, render with the chosen engine, check and publish site/."""
    build = subparsers.add_parser(
        "build",
        help=t(
            "构建网站到 site/(警告也视为错误)", "build the site into site/ (warnings are errors)"
        ),
    )
    add_as_of(build)
    build.add_argument(
        "--site-dir", help=t("输出目录(默认 site/)", "output folder (default: site/)")
    )
    add_photo_workers(build)
    build.add_argument(
        "--prune-shared-cache",
        action="store_true",
        help=t(
            "构建成功后,把 site.yml 中 images.cache 指定的共用照片缓存里本网站不再用到的照片"
            "也删掉(只在这个缓存只给本网站用时使用)",
            "after a successful build, also remove the photos this site no longer uses from "
            "the shared cache named in images.cache (only when no other site uses it)",
        ),
    )
    add_engine(build)
    build.set_defaults(run=cmd_build)


def _add_compile(subparsers: SubCommands) -> None:
    """`compile`: the compiled tree alone, for any engine to render."""
    compile_ = subparsers.add_parser(
        "compile",
        help=t(
            "只编译成 Markdown 与数据(.cache/compiled),不渲染;供其他引擎使用",
            "compile into Markdown and data (.cache/compiled) without rendering, for other engines",
        ),
    )
    add_as_of(compile_)
    add_photo_workers(compile_)
    compile_.set_defaults(run=cmd_compile)


def _add_check(subparsers: SubCommands) -> None:
    """`check`: validate the content, writing nothing."""
    check = subparsers.add_parser(
        "check", help=t("只检查内容,不写任何文件", "validate content only; writes nothing")
    )
    add_as_of(check)
    check.set_defaults(run=cmd_check)


def _add_serve(subparsers: SubCommands) -> None:
    """`serve`: the live preview."""
    serve = subparsers.add_parser(
        "serve",
        help=t("本地预览(显示草稿),改动后自动刷新", "live preview with drafts, reloads on change"),
    )
    add_as_of(serve)
    serve.add_argument(
        "--dev-addr", default="127.0.0.1:8000", help=t("监听地址", "address to listen on")
    )
    add_engine(serve)
    serve.add_argument(
        "--poll",
        action="store_true",
        help=t(
            "每半秒扫描一次文件找改动(改了文件预览却不更新时使用,如网络盘或容器挂载目录)",
            "look for changes by scanning every half second (when edits do not show, e.g. on "
            "network or container mounts)",
        ),
    )
    serve.set_defaults(run=cmd_serve)


# Every sub-command, in the order `--help` lists them, each a function adding its parser;
# publish, new, stats and import live in modules of their own.
COMMANDS: list[Callable[[SubCommands], None]] = [
    _add_build,
    _add_compile,
    publish.add_command,
    _add_check,
    _add_serve,
    new.add_command,
    stats.add_command,
    import_activities.add_command,
    edit.add_command,
]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--lang" in argv:
        position = argv.index("--lang")
        if position + 1 < len(argv):
            set_language(argv[position + 1])
    parser = build_parser(COMMANDS)
    args = parser.parse_args(argv)
    console = Console(stderr=False, highlight=False)
    project = Project.find(Path(args.project))
    if not project.config_file.is_file():
        console.print(
            t(
                "找不到 content/site.yml:请在项目目录中运行,或用 --project 指定",
                "content/site.yml not found: run inside the project or pass --project",
            ),
            style="red",
            highlight=False,
        )
        return EXIT_USAGE
    run: Command = args.run
    try:
        return run(args, project, console)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, not bad content: say so plainly, details on request
        if os.environ.get("SITE_BUILDER_DEBUG"):
            raise
        console.print(
            t(
                "内部错误({kind}):{message}。这不是内容问题;请把这条信息报告给维护者"
                "(设置 SITE_BUILDER_DEBUG=1 可看到详细信息)",
                "internal error ({kind}): {message}. This is not a content problem; please "
                "report it (set SITE_BUILDER_DEBUG=1 for details)",
                kind=type(exc).__name__,
                message=exc,
            ),
            style="red",
            highlight=False,
            markup=False,
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())
