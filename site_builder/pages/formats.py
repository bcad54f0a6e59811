"""How pages write dates, audiences and their front matter, in the site's language."""

from __future__ import annotations

import datetime as dt
import json

from markupsafe import Markup

from site_builder.i18n import t
from site_builder.model.common import Audience

AUDIENCE_LABELS = {Audience.ELDERLY: ("一老", "Elderly"), Audience.CHILDREN: ("一小", "Children")}


def audience_label(audience: Audience) -> str:
    zh, en = AUDIENCE_LABELS[audience]
    return t(zh, en)


def format_date(day: dt.date) -> str:
    return t("{y}年{m}月{d}日", "{y}-{m:02d}-{d:02d}", y=day.year, m=day.month, d=day.day)


def front_matter(title: str, description: str = "", **extra: object) -> Markup:
    """YAML front matter for a generated page; values are JSON-quoted so any text is safe.

    YAML, not HTML: the quoting is JSON's, and templates print it as it is.
    The section sidebar is hidden: with top tabs it would only repeat the page's own title.
    """
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(description, ensure_ascii=False)}")
    extra.setdefault("hide", ["navigation"])
    for key, value in extra.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return Markup("\n".join(lines) + "\n\n")
