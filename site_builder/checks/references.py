"""References between content files, and values that depend on the site's configuration."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import choices, t
from site_builder.messages import unknown_community, unknown_story
from site_builder.model import ActivityLog, Site, Story
from site_builder.model.common import Status, is_visible
from site_builder.selection import Selection
from site_builder.session import Session


def check_references(
    site: Site, selection: Selection, diagnostics: Diagnostics, session: Session | None = None
) -> None:
    """Every community, story and cover a file names exists. A published page leaves out its
    link to a story not public in this build, which is said as information (status or date):
    postponing a story needs no other file edited. A name whose own file failed to load is
    not reported again. The stories each activity log links are kept by the log's content key
    (`session`)."""
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
    options = selection.options
    for collection in site.collections.values():
        shown = collection in selection.collections
        if not shown and is_visible(collection.status, collection.date, options.as_of, False):
            mark = collection.source.mark("stories")
            diagnostics.info(
                collection.source.path,
                mark.line,
                mark.column,
                t(
                    "采撷 “{slug}” 收录的故事都还没有公开,这期采撷暂不发布;其中一篇公开后自动出现",
                    "none of the stories of collection '{slug}' is public yet, so it is not "
                    "published; it appears with the first of them",
                    slug=collection.slug,
                ),
                code="collection-waits",
            )
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
                story = site.stories[entry.story]
                diagnostics.info(
                    collection.source.path,
                    mark.line,
                    mark.column,
                    left_out(story, selection.options.as_of),
                    code="story-not-public",
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
                    known=choices(sorted(communities)),
                ),
            )
        name = f"references.story-links:{path}"
        for link in session.computed(name, _story_links, log):
            _record_story(site, selection, published, log, link, diagnostics)


class StoryLink(NamedTuple):
    """A record's link to a story, with what decides whether the story must be public."""

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
    """The story an activity record links exists; one not public yet is left out, and said so."""
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
        diagnostics.info(
            path,
            mark.line,
            mark.column,
            left_out(target, selection.options.as_of),
            code="story-not-public",
        )


def left_out(story: Story, as_of: dt.date) -> str:
    """Why a link to an existing story is left out of this build, and when it will appear."""
    if story.status is Status.PUBLISHED and story.date > as_of:
        return t(
            "故事 “{slug}” 将于 {day} 发布,届时链接自动出现",
            "story '{slug}' is scheduled for {day}; the link appears then by itself",
            slug=story.slug,
            day=story.date.isoformat(),
        )
    state = t("草稿", "a draft") if story.status is Status.DRAFT else t("待审", "in review")
    return t(
        "故事 “{slug}” 还是{state},这里暂不链接它;发布后链接自动出现",
        "story '{slug}' is {state}, so it is not linked here yet; the link appears once it "
        "is published",
        slug=story.slug,
        state=state,
    )
