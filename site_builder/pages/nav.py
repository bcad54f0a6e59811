"""The site's navigation: section index pages only, never the individual stories.

Material renders the whole nav into every page; listing 2000 stories there cost 271 s and
554 KB a page (DESIGN.md), so stories are reached through paginated listings instead.
"""

from __future__ import annotations

from site_builder.i18n import t


def site_nav() -> list[dict[str, str]]:
    return [
        {t("首页", "Home"): "index.md"},
        {t("故事", "Stories"): "stories/index.md"},
        {t("典型采撷", "Collections"): "collections/index.md"},
        {t("社区", "Communities"): "communities/index.md"},
        {t("统计", "Statistics"): "stats/index.md"},
        {t("讲述人", "Narrators"): "narrators/index.md"},
        {t("图库", "Gallery"): "gallery/index.md"},
        {t("归档", "Archive"): "archive/index.md"},
        {t("标签", "Tags"): "tags/index.md"},
    ]
