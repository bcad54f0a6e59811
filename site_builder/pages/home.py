"""The home page: latest stories, the newest collection, the communities."""

from __future__ import annotations

from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.pages.html import card_list, story_card
from site_builder.pages.sharing import site_image
from site_builder.pages.templating import render

LATEST = 6


def generate(ctx: CompileContext) -> None:
    url = urls.HOME
    selection = ctx.selection
    collection = None
    if selection.collections:
        newest = selection.collections[0]
        collection = {
            "link": urls.href(url, urls.COLLECTION.format(slug=newest.slug)),
            "title": newest.title,
            "subtitle": newest.subtitle,
            "date": newest.date,
            "summary": newest.summary,
        }
    communities = [
        {
            "link": urls.href(url, urls.COMMUNITY.format(id=c.id)),
            "name": c.name,
            "city": c.city,
            "district": c.district,
        }
        for c in selection.communities
    ]
    latest = selection.stories[:LATEST]
    page = render(
        "home.md",
        title=ctx.config.title,
        extra=site_image(ctx),
        description=ctx.config.description,
        sections=[section(ctx, url) for section in ctx.home_sections],
        collection=collection,
        cards=card_list(story_card(s, url, ctx.community_name(s.community)) for s in latest),
        stories_link=urls.href(url, urls.STORIES),
        communities=communities,
    )
    ctx.tree.write_page(urls.HOME, page)
