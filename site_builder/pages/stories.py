"""Story pages, and the paginated list of all stories (stories stay out of the sidebar nav)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from site_builder.i18n import language, t
from site_builder.markup import plain_text, read_minutes, render_markdown
from site_builder.model import Photo, Story
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.pages.figures import gallery
from site_builder.pages.html import (
    audience_label,
    card_list,
    e,
    format_date,
    front_matter,
    pager,
    status_banner,
    story_card,
    tag_links,
)
from site_builder.reuse import reused

if TYPE_CHECKING:
    from site_builder.images import ProcessedPhoto


def story_photos(ctx: CompileContext, story: Story) -> list[tuple[Photo, ProcessedPhoto]]:
    items = []
    for photo in story.photos:
        processed = ctx.photos.get((story.source.path, photo.file))
        if processed is not None:
            items.append((photo, processed))
    return items


_TOPIC_WEIGHT = 5  # Pagefind's weight for the summary and tags (h1 7, text 1)


def _summary(summary: str) -> str:
    """The summary under the title: the story's standfirst, and what search weighs after it."""
    if not summary:
        return ""
    return f'<p class="sb-summary" data-pagefind-weight="{_TOPIC_WEIGHT}">{e(summary)}</p>\n\n'


def _meta(ctx: CompileContext, story: Story, url: str) -> str:
    community = ctx.community(story.community)
    narrator_url = urls.href(url, urls.NARRATOR.format(slug=ctx.narrator_slug(story)))
    community_url = urls.href(url, urls.COMMUNITY.format(id=story.community))
    minutes = read_minutes(plain_text(story.body))
    rows = [
        (
            t("讲述人", "Narrator"),
            f'<a href="{e(narrator_url)}">{e(story.narrator.name)}</a>'
            f'<span class="sb-role">{e(story.narrator.role)}</span>',
        ),
        (
            t("社区", "Community"),
            f'<a href="{e(community_url)}" data-pagefind-meta="community">{e(community.name)}</a>'
            f'<span class="sb-place">{e(community.city)}{e(community.district)}{e(community.street)}</span>',
        ),
        (
            t("日期", "Date"),
            f'<time datetime="{story.date.isoformat()}" data-pagefind-meta="date">'
            f"{e(format_date(story.date))}</time>",
        ),
        (t("阅读", "Reading"), e(t("约 {n} 分钟", "about {n} min", n=minutes))),
    ]
    if story.audiences:
        rows.append(
            (
                t("服务对象", "Audiences"),
                " ".join(
                    f'<span class="sb-badge sb-badge-{a.value}">{e(audience_label(a))}</span>'
                    for a in story.audiences
                ),
            )
        )
    if story.tags:
        # Search ranks a story whose tags or summary carry a word above the pages listing it.
        tags = tag_links(story.tags, url)
        rows.append(
            (t("标签", "Tags"), f'<span data-pagefind-weight="{_TOPIC_WEIGHT}">{tags}</span>')
        )
    items = "\n".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<dl class="sb-meta">\n{items}\n</dl>\n\n'


def _prev_next(ctx: CompileContext, story: Story, url: str) -> str:
    stories = ctx.selection.stories
    index = ctx.selection.story_position(story.slug)
    links = []
    # The list is newest first: "previous" is the older story, "next" the newer one.
    if index + 1 < len(stories):
        older = stories[index + 1]
        links.append(
            f'<a class="sb-prev" rel="prev" href="{e(urls.href(url, urls.STORY.format(slug=older.slug)))}">'
            f"<span>{e(t('上一篇', 'Previous'))}</span>{e(older.title)}</a>"
        )
    if index > 0:
        newer = stories[index - 1]
        links.append(
            f'<a class="sb-next" rel="next" href="{e(urls.href(url, urls.STORY.format(slug=newer.slug)))}">'
            f"<span>{e(t('下一篇', 'Next'))}</span>{e(newer.title)}</a>"
        )
    if not links:
        return ""
    label = e(t("相邻故事", "More stories"))
    return f'<nav class="sb-prevnext" aria-label="{label}">{"".join(links)}</nav>\n'


def cover_image(ctx: CompileContext, story: Story) -> str:
    """The site path of the cover's largest JPEG, for sharing cards; empty when there is none."""
    cover = story.cover_photo
    processed = ctx.photos.get((story.source.path, cover.file)) if cover else None
    if processed is None:
        return ""
    largest = max((v for v in processed.variants if v.format == "jpeg"), key=lambda v: v.width)
    return urls.PHOTOS + largest.name


def story_page(ctx: CompileContext, story: Story) -> str:
    url = urls.STORY.format(slug=story.slug)
    options = ctx.selection.options
    extra: dict[str, object] = {"og_type": "article", "date": story.date.isoformat()}
    image = cover_image(ctx, story)
    if image:
        extra["og_image"] = image
    parts = [
        front_matter(story.title, story.summary, **extra),
        status_banner(story.status, story.date, options.as_of) if options.preview else "",
        f"# {e(story.title)}\n\n",
        _meta(ctx, story, url),
        _summary(story.summary),
        '<div class="sb-story-body" lang="zh-CN">\n',
        render_markdown(story.body),
        "\n</div>\n\n",
        gallery(story_photos(ctx, story), url, t("照片", "Photos")),
        _prev_next(ctx, story, url),
    ]
    return "".join(parts)


def _reused_story_page(ctx: CompileContext, index: int) -> str:
    """`story_page`, kept by `serve` while the story, its neighbours and the rest it shows
    (community, photos, the day and the language) are unchanged."""
    stories = ctx.selection.stories
    story = stories[index]
    neighbours = [stories[i] for i in (index - 1, index + 1) if 0 <= i < len(stories)]
    community = ctx.community(story.community)
    key = (
        index == 0,
        index == len(stories) - 1,
        (community.name, community.city, community.district, community.street),
        tuple(ctx.photos.get((story.source.path, p.file)) for p in story.photos),
        ctx.selection.options,
        language(),
    )
    name = f"stories.page:{story.slug}"
    return reused(name, [story, *neighbours], key, lambda: story_page(ctx, story))


def generate(ctx: CompileContext) -> None:
    stories = ctx.selection.stories
    for index, story in enumerate(stories):
        ctx.tree.write_page(urls.STORY.format(slug=story.slug), _reused_story_page(ctx, index))

    per_page = ctx.config.stories_per_page
    pages = max(1, math.ceil(len(stories) / per_page))

    def url_of(number: int) -> str:
        return urls.STORIES if number == 1 else urls.STORIES_PAGE.format(number=number)

    for number in range(1, pages + 1):
        url = url_of(number)
        chunk = stories[(number - 1) * per_page : number * per_page]
        title = t("全部故事", "All stories")
        heading = (
            title
            if number == 1
            else t("{title}(第 {n} 页)", "{title} (page {n})", title=title, n=number)
        )
        cards = card_list(story_card(s, url, ctx.community_name(s.community)) for s in chunk)
        empty = (
            ""
            if chunk
            else e(t("还没有发布的故事。", "No stories have been published yet.")) + "\n"
        )
        body = [
            front_matter(
                heading, t("社区工作者讲述的关爱故事", "Stories told by community workers")
            ),
            f"# {e(heading)}\n\n",
            empty,
            cards,
            pager(number, pages, url_of, url),
        ]
        ctx.tree.write_page(url, "".join(body))
