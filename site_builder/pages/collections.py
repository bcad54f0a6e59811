"""Editors' collections (典型采撷): the note, then each story under the editor's headline."""

from __future__ import annotations

from site_builder.model import Collection, Story
from site_builder.model.collection import CollectionEntry
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.pages.html import banner_text
from site_builder.pages.stories import cover_image
from site_builder.pages.templating import render


def collection_cover(ctx: CompileContext, collection: Collection) -> str:
    """The sharing image: the cover of the first story in the editor's order that has one."""
    for entry in collection.stories:
        story = ctx.selection.story(entry.story)
        image = cover_image(ctx, story) if story else ""
        if image:
            return image
    return ""


def _entry(ctx: CompileContext, url: str, entry: CollectionEntry, story: Story) -> dict[str, str]:
    community = ctx.community(story.community)
    return {
        "headline": entry.headline or story.title,
        "excerpt": entry.excerpt,
        "body": story.body,
        "link": urls.href(url, urls.STORY.format(slug=story.slug)),
        "narrator": story.narrator.name,
        "role": story.narrator.role,
        "narrator_link": urls.href(url, urls.NARRATOR.format(slug=ctx.narrator_slug(story))),
        "community": community.name,
        "community_link": urls.href(url, urls.COMMUNITY.format(id=story.community)),
        "place": f"{community.city}{community.district}{community.street}",
    }


def collection_page(ctx: CompileContext, collection: Collection) -> str:
    url = urls.COLLECTION.format(slug=collection.slug)
    options = ctx.selection.options
    entries = [
        _entry(ctx, url, entry, story)
        for entry in collection.stories
        if (story := ctx.selection.story(entry.story)) is not None
    ]  # a story not public yet is left out, unmentioned, until it is (checks/references.py)
    extra: dict[str, object] = {"og_type": "article", "date": collection.date.isoformat()}
    image = collection_cover(ctx, collection)
    if image:
        extra["og_image"] = image
    banner = (
        banner_text(collection.status, collection.date, options.as_of) if options.preview else ""
    )
    address = ctx.config.url.rstrip("/") + "/" + url if ctx.config.url else ""
    return render(
        "collection.md",
        collection=collection,
        extra=extra,
        banner=banner,
        entries=entries,
        address=address,
    )


def generate(ctx: CompileContext) -> None:
    url = urls.COLLECTIONS
    items = []
    for collection in ctx.selection.collections:
        page_url = urls.COLLECTION.format(slug=collection.slug)
        ctx.tree.write_page(page_url, collection_page(ctx, collection))
        items.append(
            {
                "link": urls.href(url, page_url),
                "title": collection.title,
                "editor": collection.editor,
                "date": collection.date,
                "count": sum(ctx.selection.story(e.story) is not None for e in collection.stories),
                "summary": collection.summary or collection.subtitle,
            }
        )
    ctx.tree.write_page(url, render("collections.md", collections=items))
