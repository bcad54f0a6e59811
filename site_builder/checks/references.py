"""References between content files, and values that depend on the site's configuration."""

from __future__ import annotations

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.messages import unknown_community, unknown_story
from site_builder.model import Site
from site_builder.model.common import Status
from site_builder.selection import Selection


def check_references(site: Site, selection: Selection, diagnostics: Diagnostics) -> None:
    communities = site.communities
    invalid = site.invalid_ids
    published = {s.slug for s in selection.stories}

    for story in site.stories.values():
        if story.community not in communities and f"community:{story.community}" not in invalid:
            mark = story.source.mark("community")
            diagnostics.error(
                story.source.path,
                mark.line,
                mark.column,
                unknown_community(story.community, communities),
            )
        if story.cover and story.cover not in {photo.file for photo in story.photos}:
            mark = story.source.mark("cover")
            diagnostics.error(
                story.source.path,
                mark.line,
                mark.column,
                t(
                    "cover “{cover}” 不在 photos 列表中",
                    "cover '{cover}' is not one of the photos",
                    cover=story.cover,
                ),
            )

    for collection in site.collections.values():
        shown = collection in selection.collections
        seen: set[str] = set()
        for index, entry in enumerate(collection.stories):
            mark = collection.source.mark("stories", index, "story")
            if entry.story not in site.stories:
                if f"story:{entry.story}" in invalid:
                    continue
                diagnostics.error(
                    collection.source.path,
                    mark.line,
                    mark.column,
                    unknown_story(entry.story),
                )
            elif shown and entry.story not in published:
                diagnostics.error(
                    collection.source.path,
                    mark.line,
                    mark.column,
                    t(
                        "故事 “{slug}” 尚未发布,不能收入已发布的采撷",
                        "story '{slug}' is not published, so a published collection cannot include it",
                        slug=entry.story,
                    ),
                )
            if entry.story in seen:
                diagnostics.error(
                    collection.source.path,
                    mark.line,
                    mark.column,
                    t("故事 “{slug}” 重复收录", "story '{slug}' is listed twice", slug=entry.story),
                )
            seen.add(entry.story)

    for log in site.activity_logs:
        path = log.source.path
        if log.community not in communities and f"community:{log.community}" not in invalid:
            diagnostics.error(
                path,
                1,
                1,
                t(
                    "目录名 “{id}” 不是已有社区(可用:{known})",
                    "folder '{id}' is not a known community (known: {known})",
                    id=log.community,
                    known=", ".join(sorted(communities)),
                ),
            )
        for index, record in enumerate(log.activities):
            at = ("activities", index)
            if record.story:
                target = site.stories.get(record.story)
                if target is None:
                    if f"story:{record.story}" in invalid:
                        continue
                    mark = log.source.mark(*at, "story")
                    diagnostics.error(
                        path,
                        mark.line,
                        mark.column,
                        unknown_story(record.story),
                    )
                elif (
                    record.status is Status.PUBLISHED
                    and not record.private
                    and target.slug not in published
                    and not selection.options.preview
                    and record.first_day <= selection.options.as_of
                ):
                    mark = log.source.mark(*at, "story")
                    diagnostics.error(
                        path,
                        mark.line,
                        mark.column,
                        t(
                            "故事 “{slug}” 尚未发布,已发布的活动不能链接它",
                            "story '{slug}' is not published, so a published record cannot link it",
                            slug=record.story,
                        ),
                    )
