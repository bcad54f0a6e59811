"""The review queue (待审队列): what is not public yet, in preview builds only.

Editors open it in `serve` to see drafts, items waiting for review and scheduled items, with
their dates and the file to edit. A public build never writes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from site_builder.i18n import language, t
from site_builder.model.common import Status, is_visible
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.pages.html import e, format_date, front_matter, table
from site_builder.reuse import reused

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
    items += reused(
        "review.records", [selection.records], (as_of, language()), lambda: _records(ctx)
    )
    items.sort(key=lambda i: (_ORDER[i.state], i.day, i.path, i.line))
    return items


def _records(ctx: CompileContext) -> list[PendingItem]:
    as_of = ctx.selection.options.as_of
    items = []
    for public in ctx.selection.records:
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
    items = pending_items(ctx)
    title = t("待审队列", "Review queue")
    as_of = format_date(ctx.selection.options.as_of)
    intro = t(
        "以下内容在 {day} 的正式网站上还看不到。只有预览(site-builder serve)中有这一页。",
        "None of this is on the public site as of {day}. This page exists only in the preview.",
        day=as_of,
    )
    rows = []
    for item in items:
        link = urls.href(REVIEW, item.url)
        rows.append(
            f'<tr class="sb-pending-{item.state}"><td>{e(state_label(item.state))}</td>'
            f"<td>{e(item.kind)}</td>"
            f'<td><a href="{e(link)}">{e(item.title)}</a></td>'
            f'<td><time datetime="{item.day.isoformat()}">{e(format_date(item.day))}</time></td>'
            f"<td><code>{e(item.path)}:{item.line}</code></td></tr>"
        )
    headings = (
        t("状态", "Status"),
        t("类型", "Kind"),
        t("标题", "Title"),
        t("日期", "Date"),
        t("文件", "File"),
    )
    listing = (
        f'<div class="sb-scroll">{table(headings, rows, "sb-table sb-review")}</div>\n'
        if rows
        else f"<p>{e(t('没有待处理的内容。', 'Nothing is waiting.'))}</p>\n"
    )
    ctx.tree.write_page(
        REVIEW,
        front_matter(title, intro) + f"# {e(title)}\n\n<p>{e(intro)}</p>\n\n" + listing,
    )


def home_section(ctx: CompileContext, url: str) -> str:
    """In a preview, the queue's size and a link to it at the top of the home page."""
    if not ctx.selection.options.preview:
        return ""
    count = len(pending_items(ctx))
    text = t(
        "预览:{n} 项内容尚未公开,见待审队列 →",
        "Preview: {n} item(s) not public yet; see the review queue →",
        n=count,
    )
    return f'<p class="sb-banner"><a href="{e(urls.href(url, REVIEW))}">{e(text)}</a></p>\n\n'
