"""Value types for command-line options shared by the sub-commands."""

from __future__ import annotations

import argparse
import datetime as dt

from site_builder.i18n import t


def iso_day(value: str) -> dt.date:
    """A `YYYY-MM-DD` option value; anything else is a usage error (exit 2)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            t("日期应写作 YYYY-MM-DD:{v}", "dates are written YYYY-MM-DD: {v}", v=value)
        ) from None
