"""Tag pages, and the yearly archive."""

from __future__ import annotations

from collections import defaultdict

from site_builder.i18n import t
from site_builder.model import Story
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.pages.html import card_list, story_card
from site_builder.pages.templating import render


def generate_tags(ctx: CompileContext) -> None:
    by_tag: dict[str, list[Story]] = defaultdict(list)
    for story in ctx.selection.stories:
        for tag in story.tags:
            by_tag[tag].append(story)
    items = []
    for tag in sorted(by_tag, key=lambda name: (-len(by_tag[name]), urls.slugify(name))):
        url = urls.TAG.format(slug=urls.slugify(tag))
        cards = card_list(story_card(s, url, ctx.community_name(s.community)) for s in by_tag[tag])
        ctx.tree.write_page(url, render("tag.md", tag=tag, cards=cards))
        link = urls.href(urls.TAGS, url)
        items.append({"link": link, "name": tag, "count": len(by_tag[tag])})
    ctx.tree.write_page(urls.TAGS, render("tags.md", tags=items))


def generate_archive(ctx: CompileContext) -> None:
    by_year: dict[int, list[Story]] = defaultdict(list)
    for story in ctx.selection.stories:
        by_year[story.date.year].append(story)
    items = []
    for year in sorted(by_year, reverse=True):
        url = urls.ARCHIVE_YEAR.format(year=year)
        title = t("{year}年的故事", "Stories of {year}", year=year)
        cards = card_list(
            story_card(s, url, ctx.community_name(s.community)) for s in by_year[year]
        )
        ctx.tree.write_page(url, render("archive_year.md", title=title, cards=cards))
        link = urls.href(urls.ARCHIVE, url)
        items.append({"link": link, "year": year, "count": len(by_year[year])})
    ctx.tree.write_page(urls.ARCHIVE, render("archive.md", years=items))
