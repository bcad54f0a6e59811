"""The review queue (待审队列): what is not public yet, in preview builds only.

Editors open it in `serve` to see drafts, items waiting for review and scheduled items, with
their dates and the file to edit. A public build never writes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from site_builder.i18n import t
from site_builder.model.common import Status, is_visible
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.pages.formats import format_date
from site_builder.pages.templating import render
from site_builder.selection import PublicRecord

REVIEW = "review/"

# Items waiting for an editor first, then unfinished drafts, then what is only waiting for its day.
_ORDER = {"review": 0, "draft": 1, "scheduled": 2}


@dataclass(frozen=True)
class PendingItem:
    kind: str
    title: str
    state: str  # review, draft or scheduled
    day: dt.date
    path: str
    line: int
    url: str  # the item's page in the preview; empty when it has none


def _state(status: Status, day: dt.date, as_of: dt.date) -> str | None:
    if is_visible(status, day, as_of, preview=False):
        return None
    if status is Status.PUBLISHED:
        return "scheduled"
    return status.value


def pending_items(ctx: CompileContext) -> list[PendingItem]:
    """Everything in this preview that the public build of the same day would leave out."""
    selection = ctx.selection
    as_of = selection.options.as_of
    items = []
    for story in selection.stories:
        state = _state(story.status, story.date, as_of)
        if state:
            url = urls.STORY.format(slug=story.slug)
            kind = t("故事", "Story")
            items.append(
                PendingItem(kind, story.title, state, story.date, story.source.path, 1, url)
            )
    for collection in selection.collections:
        state = _state(collection.status, collection.date, as_of)
        if state:
            url = urls.COLLECTION.format(slug=collection.slug)
            kind = t("采撷", "Collection")
            path = collection.source.path
            items.append(PendingItem(kind, collection.title, state, collection.date, path, 1, url))
    items += ctx.session.computed("review.records", _records, selection.records, as_of=as_of)
    items.sort(key=lambda i: (_ORDER[i.state], i.day, i.path, i.line))
    return items


def _records(records: list[PublicRecord], *, as_of: dt.date) -> list[PendingItem]:
    items = []
    for public in records:
        record = public.record
        state = _state(record.status, record.first_day, as_of)
        if state:
            line = public.log.source.mark("activities", public.index).line
            url = urls.COMMUNITY.format(id=public.community)
            kind = t("活动", "Activity")
            path = public.log.source.path
            items.append(PendingItem(kind, record.title, state, record.first_day, path, line, url))
    return items


def state_label(state: str) -> str:
    return {
        "review": t("待审", "In review"),
        "draft": t("草稿", "Draft"),
        "scheduled": t("定时发布", "Scheduled"),
    }[state]


def generate(ctx: CompileContext) -> None:
    if not ctx.selection.options.preview:
        return
    intro = t(
        "以下内容在 {day} 的正式网站上还看不到。只有预览(site-builder serve)中有这一页。",
        "None of this is on the public site as of {day}. This page exists only in the preview.",
        day=format_date(ctx.selection.options.as_of),
    )
    rows = [
        {
            "state": item.state,
            "state_label": state_label(item.state),
            "kind": item.kind,
            "link": urls.href(REVIEW, item.url),
            "title": item.title,
            "day": item.day,
            "path": item.path,
            "line": item.line,
        }
        for item in pending_items(ctx)
    ]
    ctx.tree.write_page(REVIEW, render("review.md", intro=intro, items=rows))


def home_section(ctx: CompileContext, url: str) -> Markup:
    """In a preview, the queue's size and a link to it at the top of the home page."""
    if not ctx.selection.options.preview:
        return Markup()
    link = urls.href(url, REVIEW)
    return render("sections/review_link.html", link=link, count=len(pending_items(ctx)))
