"""Story pages, and the paginated list of all stories (stories stay out of the sidebar nav)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from site_builder.i18n import t
from site_builder.model import Photo, Story
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.pages.html import banner_text, card_list, pager, story_card, tag_links
from site_builder.pages.sharing import share_inputs, story_image
from site_builder.pages.templating import render

if TYPE_CHECKING:
    from site_builder.images import ProcessedPhoto


TOPIC_WEIGHT = 5  # Pagefind's weight for the summary and tags (h1 7, text 1)


def story_photos(ctx: CompileContext, story: Story) -> list[tuple[Photo, ProcessedPhoto]]:
    items = []
    for photo in story.photos:
        processed = ctx.photos.get((story.source.path, photo.file))
        if processed is not None:
            items.append((photo, processed))
    return items


def story_page_inputs(ctx: CompileContext, story: Story) -> dict[str, object]:
    """Everything `story.md` is given: the page is a function of these values alone."""
    url = urls.STORY.format(slug=story.slug)
    options = ctx.selection.options
    extra: dict[str, object] = {"og_type": "article", "date": story.date.isoformat()}
    if story.updated:
        extra["updated"] = story.updated.isoformat()
    extra.update(story_image(ctx, story))
    stories = ctx.selection.stories
    index = ctx.selection.story_position(story.slug)
    # The list is newest first: "previous" is the older story, "next" the newer one.
    older = stories[index + 1] if index + 1 < len(stories) else None
    newer = stories[index - 1] if index > 0 else None
    return {
        "story": story,
        "topic_weight": TOPIC_WEIGHT,
        "extra": extra,
        "banner": banner_text(story.status, story.date, options.as_of) if options.preview else "",
        "community": ctx.community(story.community),
        "narrator_url": urls.href(url, urls.NARRATOR.format(slug=ctx.narrator_slug(story))),
        "community_url": urls.href(url, urls.COMMUNITY.format(id=story.community)),
        "tags": tag_links(story.tags, url),
        "story_photos": story_photos(ctx, story),
        "photos_href": urls.href(url, urls.PHOTOS),
        "older": _neighbour(older, url),
        "newer": _neighbour(newer, url),
        **share_inputs(ctx, url),
    }


def _neighbour(story: Story | None, from_url: str) -> tuple[str, str] | None:
    if story is None:
        return None
    return story.title, urls.href(from_url, urls.STORY.format(slug=story.slug))


def story_page(ctx: CompileContext, story: Story) -> str:
    return render("story.md", **story_page_inputs(ctx, story))


def _reused_story_page(ctx: CompileContext, story: Story) -> str:
    """`story_page`, kept while the values its template is given are equal: in memory by
    `serve`, on disk between builds (derived.py), so a build after one story was edited
    renders that story's page (and its neighbours' when its title changed) alone.

    The key is those values themselves (and the language the template's words are written in),
    so whatever the page starts to show is part of the key the day it is shown.
    """
    inputs = story_page_inputs(ctx, story)
    return ctx.session.computed(f"stories.page:{story.slug}", _story_page, **inputs)


def _story_page(**inputs: object) -> str:
    return render("story.md", **inputs)


def generate(ctx: CompileContext) -> None:
    stories = ctx.selection.stories
    for story in stories:
        ctx.tree.write_page(urls.STORY.format(slug=story.slug), _reused_story_page(ctx, story))

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
        page = render(
            "stories.md", heading=heading, cards=cards, pager=pager(number, pages, url_of, url)
        )
        ctx.tree.write_page(url, page)
