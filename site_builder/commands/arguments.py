"""Value types for command-line options shared by the sub-commands."""

from __future__ import annotations

import argparse
import datetime as dt
import re

from site_builder.i18n import t
from site_builder.model.site_config import SCHEDULER_PATTERN, STORAGE_PATTERN


def iso_day(value: str) -> dt.date:
    """A `YYYY-MM-DD` option value; anything else is a usage error (exit 2)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            t("日期应写作 YYYY-MM-DD:{v}", "dates are written YYYY-MM-DD: {v}", v=value)
        ) from None


def scheduler_address(value: str) -> str:
    """A Dask scheduler address such as `tcp://10.0.0.5:8786`."""
    if not re.match(SCHEDULER_PATTERN, value):
        raise argparse.ArgumentTypeError(
            t(
                "调度器地址应写作 tcp://主机:端口:{v}",
                "a scheduler address is written tcp://host:port: {v}",
                v=value,
            )
        )
    return value


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
