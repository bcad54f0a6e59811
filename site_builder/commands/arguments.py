"""Command-line options shared by the sub-commands, and the types of their values."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Callable

from site_builder.i18n import t
from site_builder.model.site_config import ENGINE_NAMES, SCHEDULER_PATTERN, STORAGE_PATTERN


def iso_day(value: str) -> dt.date:
    """A `YYYY-MM-DD` option value; anything else is a usage error (exit 2)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            t("日期应写作 YYYY-MM-DD:{v}", "dates are written YYYY-MM-DD: {v}", v=value)
        ) from None


def matching(pattern: str, zh: str, en: str) -> Callable[[str], str]:
    """An option value that must match `pattern`; else a usage error (exit 2) saying how it
    is written, `{v}` in `zh` and `en` standing for the value given."""
    compiled = re.compile(pattern)

    def checked(value: str) -> str:
        if not compiled.match(value):
            raise argparse.ArgumentTypeError(t(zh, en, v=value))
        return value

    return checked


# A Dask scheduler address such as `tcp://10.0.0.5:8786`.
scheduler_address = matching(
    SCHEDULER_PATTERN,
    "调度器地址应写作 tcp://主机:端口:{v}",
    "a scheduler address is written tcp://host:port: {v}",
)


def bucket_url(value: str) -> str:
    """An `s3://bucket/prefix` option value."""
    if not value.startswith("s3://") or not re.match(STORAGE_PATTERN, value):
        raise argparse.ArgumentTypeError(
            t(
                "对象存储位置应写作 s3://桶名/前缀:{v}",
                "a bucket location is written s3://bucket/prefix: {v}",
                v=value,
            )
        )
    return value


def add_as_of(sub: argparse.ArgumentParser) -> None:
    """`--as-of YYYY-MM-DD`: the day a build is made as of (today unless given)."""
    sub.add_argument(
        "--as-of",
        type=iso_day,
        default=dt.date.today(),
        metavar="YYYY-MM-DD",
        help=t(
            "按这一天构建(预览定时发布的内容)", "build as of this day (preview scheduled items)"
        ),
    )


def add_engine(sub: argparse.ArgumentParser) -> None:
    """`--engine`: which engine renders, over site.yml's choice."""
    sub.add_argument(
        "--engine",
        choices=ENGINE_NAMES,
        help=t(
            "渲染网站的引擎(默认取 site.yml 的 engine,未写则为 mkdocs)",
            "the engine that renders the site (default: engine in site.yml, else mkdocs)",
        ),
    )


def add_photo_workers(sub: argparse.ArgumentParser) -> None:
    """`--jobs` and `--scheduler`: where the photos are processed."""
    sub.add_argument(
        "--jobs",
        "-j",
        type=int,
        help=t(
            "同时工作的进程数(处理照片、转换故事、生成网页;默认每核一个)",
            "processes working at once (photos, stories, pages; default: one per core)",
        ),
    )
    sub.add_argument(
        "--scheduler",
        type=scheduler_address,
        metavar="ADDRESS",
        help=t(
            "在这个 Dask 集群上处理照片(如 tcp://10.0.0.5:8786),优先于 site.yml",
            "process photos on this Dask cluster (such as tcp://10.0.0.5:8786), "
            "over what site.yml says",
        ),
    )
