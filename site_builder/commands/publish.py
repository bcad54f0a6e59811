"""`site-builder publish s3://BUCKET/PREFIX`: upload the built site/ to object storage."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from site_builder.commands.arguments import bucket_url
from site_builder.commands.printing import EXIT_CONTENT, EXIT_OK, SubCommands
from site_builder.i18n import t
from site_builder.load.reader import read_site_config
from site_builder.project import Project
from site_builder.render.publish_remote import publish_site
from site_builder.storage import Location, StorageUnavailable


def add_command(subparsers: SubCommands) -> None:
    publish = subparsers.add_parser(
        "publish",
        help=t(
            "把构建好的 site/ 上传到 S3 兼容的对象存储(读者始终看到完整的网站)",
            "upload the built site/ to S3-compatible storage (readers always see a whole site)",
        ),
    )
    publish.add_argument(
        "target", type=bucket_url, metavar="s3://BUCKET/PREFIX", help=t("上传位置", "where to")
    )
    publish.add_argument(
        "--site-dir", help=t("要上传的目录(默认 site/)", "folder to upload (default: site/)")
    )
    publish.add_argument(
        "--endpoint-url",
        default="",
        help=t(
            "对象存储的接入地址(默认 site.yml 的 storage.endpoint_url)",
            "the object storage's endpoint (default: storage.endpoint_url in site.yml)",
        ),
    )
    publish.set_defaults(run=run)


def run(args: argparse.Namespace, project: Project, console: Console) -> int:
    site_dir = Path(args.site_dir).resolve() if args.site_dir else project.site_dir
    if not (site_dir / "index.html").is_file():
        console.print(
            t(
                "{path} 中没有构建好的网站:请先运行 site-builder build",
                "{path} holds no built site: run site-builder build first",
                path=site_dir,
            ),
            style="red bold",
            highlight=False,
        )
        return EXIT_CONTENT
    config = read_site_config(project)
    storage = config.storage if config is not None else None
    endpoint = args.endpoint_url or (storage.endpoint_url if storage else "")
    target = Location(args.target, endpoint, storage.region if storage else "")
    try:
        with console.status(t("正在上传……", "Uploading…")):
            plan = publish_site(site_dir, target)
    except (OSError, StorageUnavailable) as error:
        console.print(
            t(
                "上传到 {target} 失败:{reason}。网站仍是完整的(旧版,或部分页面已更新);"
                "问题解决后再运行一次即可完成",
                "uploading to {target} failed: {reason}. The bucket still serves a whole site "
                "(the old one, or with some pages new); run again once fixed to finish",
                target=args.target,
                reason=error,
            ),
            style="red bold",
            highlight=False,
        )
        return EXIT_CONTENT
    uploaded = len(plan.files) + sum(len(level) for level in plan.entries)
    console.print(
        t(
            "已发布到 {target}:上传 {u} 个文件,删除 {r} 个,{same} 个未变",
            "published to {target}: {u} file(s) uploaded, {r} removed, {same} unchanged",
            target=args.target,
            u=uploaded,
            r=len(plan.removals),
            same=plan.unchanged,
        ),
        style="green",
        highlight=False,
    )
    return EXIT_OK
