"""A page per narrator: a community worker's accounts over the years."""

from __future__ import annotations

from collections import defaultdict

from site_builder.model import Story
from site_builder.output import urls
from site_builder.output.context import CompileContext, narrator_key
from site_builder.pages.html import card_list, story_card
from site_builder.pages.templating import render


def generate(ctx: CompileContext) -> None:
    by_narrator: dict[tuple[str, str, str], list[Story]] = defaultdict(list)
    for story in ctx.selection.stories:
        by_narrator[narrator_key(story)].append(story)
    rows = []
    index_url = urls.NARRATORS
    for (name, community_id, slug), stories in sorted(by_narrator.items()):
        url = urls.NARRATOR.format(slug=slug)
        community = ctx.community(community_id)
        page = render(
            "narrator.md",
            name=name,
            role=stories[0].narrator.role,  # the newest story's role
            community=community.name,
            community_link=urls.href(url, urls.COMMUNITY.format(id=community_id)),
            cards=card_list(story_card(s, url, community.name) for s in stories),
        )
        ctx.tree.write_page(url, page)
        link = urls.href(index_url, url)
        rows.append(
            {"link": link, "name": name, "community": community.name, "count": len(stories)}
        )
    ctx.tree.write_page(index_url, render("narrators.md", narrators=rows))
