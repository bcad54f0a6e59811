"""The site's navigation: section index pages only, never the individual stories.

Material renders the whole nav into every page; listing 2000 stories there cost 271 s and
554 KB a page (docs/performance.md), so stories are reached through paginated listings instead.
"""

from __future__ import annotations

from site_builder.i18n import t
from site_builder.output import urls


def site_nav() -> list[dict[str, str]]:
    """The tabs, as MkDocs' `nav` setting: title -> source path in the compiled tree."""
    sections = [
        (t("首页", "Home"), urls.HOME),
        (t("故事", "Stories"), urls.STORIES),
        (t("典型采撷", "Collections"), urls.COLLECTIONS),
        (t("社区", "Communities"), urls.COMMUNITIES),
        (t("统计", "Statistics"), urls.STATS),
        (t("讲述人", "Narrators"), urls.NARRATORS),
        (t("图库", "Gallery"), urls.GALLERY),
        (t("归档", "Archive"), urls.ARCHIVE),
        (t("标签", "Tags"), urls.TAGS),
    ]
    return [{title: urls.Route(url).src_path} for title, url in sections]
