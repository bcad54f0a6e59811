"""Editors' collections (典型采撷): the note, then each story under the editor's headline."""

from __future__ import annotations

import re

from site_builder.i18n import t
from site_builder.markup import render_markdown
from site_builder.model import Collection
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.pages.html import e, format_date, front_matter, status_banner
from site_builder.pages.stories import cover_image


def _demoted(html: str) -> str:
    """Headings of a story one level down, so they sit under the editor's headline (h2)."""
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}>", html)


_HEADING = re.compile(r"<(/?)h([2-5])>")


def collection_cover(ctx: CompileContext, collection: Collection) -> str:
    """The sharing image: the cover of the first story in the editor's order that has one."""
    for entry in collection.stories:
        story = ctx.selection.story(entry.story)
        image = cover_image(ctx, story) if story else ""
        if image:
            return image
    return ""


def collection_page(ctx: CompileContext, collection: Collection) -> str:
    url = urls.COLLECTION.format(slug=collection.slug)
    options = ctx.selection.options
    entries = [
        (entry, story)
        for entry in collection.stories
        if (story := ctx.selection.story(entry.story)) is not None
    ]  # unpublished stories are refused by the checks outside preview
    extra: dict[str, object] = {"og_type": "article", "date": collection.date.isoformat()}
    image = collection_cover(ctx, collection)
    if image:
        extra["og_image"] = image
    count = t("共 {n} 篇", "{n} stories", n=len(entries))
    parts = [
        front_matter(collection.title, collection.summary or collection.subtitle, **extra),
        status_banner(collection.status, collection.date, options.as_of) if options.preview else "",
        '<div class="sb-collection">\n<header class="sb-collection-head">\n',
        f'<p class="sb-kicker">{e(t("典型采撷", "Collection"))}</p>\n',
        f"<h1>{e(collection.title)}</h1>\n",
        f'<p class="sb-subtitle">{e(collection.subtitle)}</p>\n' if collection.subtitle else "",
        f'<p class="sb-collection-meta">{e(t("编辑", "Editor"))}:{e(collection.editor)} · '
        f'<time datetime="{collection.date.isoformat()}">{e(format_date(collection.date))}</time>'
        f" · {e(count)}</p>\n</header>\n",
    ]
    if collection.body.strip():
        label = t("编者按", "Editor’s note")
        parts.append(
            f'<section class="sb-editor-note" aria-label="{e(label)}">\n'
            f'<h2 class="sb-note-label">{e(label)}</h2>\n{render_markdown(collection.body)}\n'
            "</section>\n"
        )
    if len(entries) > 1:
        items = "".join(
            f'<li><a href="#story-{number}">{e(entry.headline or story.title)}</a>'
            f'<span class="sb-toc-by">{e(story.narrator.name)} · '
            f"{e(ctx.community_name(story.community))}</span></li>\n"
            for number, (entry, story) in enumerate(entries, start=1)
        )
        label = t("本期目录", "In this collection")
        parts.append(
            f'<nav class="sb-collection-toc" aria-label="{e(label)}">\n<ol>\n{items}</ol>\n</nav>\n'
        )
    for number, (entry, story) in enumerate(entries, start=1):
        community = ctx.community(story.community)
        link = urls.href(url, urls.STORY.format(slug=story.slug))
        narrator_link = urls.href(url, urls.NARRATOR.format(slug=ctx.narrator_slug(story)))
        community_link = urls.href(url, urls.COMMUNITY.format(id=story.community))
        place = f"{community.city}{community.district}{community.street}"
        if entry.excerpt:
            read_more = t("阅读全文", "Read the full story")
            text = (
                f"<p>{e(entry.excerpt)}</p>\n"
                f'<p class="sb-read-more"><a href="{e(link)}">{e(read_more)}</a></p>'
            )
        else:
            text = _demoted(render_markdown(story.body))
        headline = entry.headline or story.title
        parts.append(
            f'<article class="sb-collection-story" id="story-{number}">\n'
            f'<h2 class="sb-headline"><a href="{e(link)}">{e(headline)}</a></h2>\n'
            f'<p class="sb-byline">{e(t("讲述人:", "Narrator: "))}'
            f'<a href="{e(narrator_link)}">{e(story.narrator.name)}</a> '
            f'<span class="sb-by-role">{e(story.narrator.role)}</span><br>\n'
            f'{e(t("社区:", "Community: "))}<a href="{e(community_link)}">{e(community.name)}</a> '
            f'<span class="sb-by-place">{e(place)}</span></p>\n'
            f'<div class="sb-collection-text" lang="zh-CN">\n{text}\n</div>\n</article>\n'
        )
    if ctx.config.url:
        address = ctx.config.url.rstrip("/") + "/" + url
        parts.append(
            f'<p class="sb-print-source">{e(t("网上阅读", "Read online"))}:{e(address)}</p>\n'
        )
    parts.append("</div>\n")
    return "".join(parts)


def generate(ctx: CompileContext) -> None:
    url = urls.COLLECTIONS
    items = []
    for collection in ctx.selection.collections:
        page_url = urls.COLLECTION.format(slug=collection.slug)
        ctx.tree.write_page(page_url, collection_page(ctx, collection))
        link = urls.href(url, page_url)
        count = t("{n} 篇", "{n} stories", n=len(collection.stories))
        summary = collection.summary or collection.subtitle
        items.append(
            '<article class="sb-card"><h3 class="sb-card-title">'
            f'<a href="{e(link)}">{e(collection.title)}</a></h3>'
            f'<p class="sb-card-meta">{e(collection.editor)} · {e(format_date(collection.date))} · '
            f"{e(count)}</p>"
            f'<p class="sb-card-summary">{e(summary)}</p></article>'
        )
    title = t("典型采撷", "Collections")
    body = "\n".join(items) or e(t("还没有发布的采撷。", "No collections yet."))
    ctx.tree.write_page(
        url,
        front_matter(title, t("编辑精选的经验与案例", "Editors' selections of good practice"))
        + f'# {e(title)}\n\n<div class="sb-cards">\n{body}\n</div>\n',
    )
