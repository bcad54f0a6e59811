"""References between content files, and values that depend on the site's configuration."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.messages import unknown_community, unknown_story
from site_builder.model import ActivityLog, Site
from site_builder.model.common import Status
from site_builder.selection import Selection
from site_builder.session import Session


def check_references(
    site: Site, selection: Selection, diagnostics: Diagnostics, session: Session | None = None
) -> None:
    """Every community, story and cover a file names exists (and is published, where a
    published page would link it). A name whose own file failed to load is not reported again.
    The stories each activity log links are kept by the log's content key (`session`)."""
    _story_references(site, diagnostics)
    _collection_references(site, selection, diagnostics)
    _log_references(site, selection, diagnostics, Session() if session is None else session)


def _story_references(site: Site, diagnostics: Diagnostics) -> None:
    communities = site.communities
    for story in site.stories.values():
        if (
            story.community not in communities
            and f"community:{story.community}" not in site.invalid_ids
        ):
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


def _collection_references(site: Site, selection: Selection, diagnostics: Diagnostics) -> None:
    invalid = site.invalid_ids
    published = {s.slug for s in selection.stories}
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


def _log_references(
    site: Site, selection: Selection, diagnostics: Diagnostics, session: Session
) -> None:
    communities, invalid = site.communities, site.invalid_ids
    published = {s.slug for s in selection.stories}
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
        name = f"references.story-links:{path}"
        for link in session.computed(name, _story_links, log):
            _record_story(site, selection, published, log, link, diagnostics)


class StoryLink(NamedTuple):
    """A record's link to a story, with what decides whether the story must be published."""

    position: int  # of the record in its log
    story: str
    public: bool  # the record is published and not private
    day: dt.date  # its first day


def _story_links(log: ActivityLog) -> list[StoryLink]:
    return [
        StoryLink(
            index,
            record.story,
            record.status is Status.PUBLISHED and not record.private,
            record.first_day,
        )
        for index, record in enumerate(log.activities)
        if record.story
    ]


def _record_story(
    site: Site,
    selection: Selection,
    published: set[str],
    log: ActivityLog,
    link: StoryLink,
    diagnostics: Diagnostics,
) -> None:
    """The story an activity record links: it exists, and is published if the record is."""
    at = ("activities", link.position)
    path = log.source.path
    target = site.stories.get(link.story)
    if target is None:
        if f"story:{link.story}" not in site.invalid_ids:
            mark = log.source.mark(*at, "story")
            diagnostics.error(path, mark.line, mark.column, unknown_story(link.story))
    elif (
        link.public
        and target.slug not in published
        and not selection.options.preview
        and link.day <= selection.options.as_of
    ):
        mark = log.source.mark(*at, "story")
        diagnostics.error(
            path,
            mark.line,
            mark.column,
            t(
                "故事 “{slug}” 尚未发布,已发布的活动不能链接它",
                "story '{slug}' is not published, so a published record cannot link it",
                slug=link.story,
            ),
        )
