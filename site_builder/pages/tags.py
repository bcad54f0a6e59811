"""Tag pages, and the yearly archive."""

from __future__ import annotations

from collections import defaultdict

from site_builder.i18n import t
from site_builder.model import Story
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.pages.html import card_list, e, front_matter, story_card


def generate_tags(ctx: CompileContext) -> None:
    by_tag: dict[str, list[Story]] = defaultdict(list)
    for story in ctx.selection.stories:
        for tag in story.tags:
            by_tag[tag].append(story)
    items = []
    for tag in sorted(by_tag, key=lambda name: (-len(by_tag[name]), urls.slugify(name))):
        url = urls.TAG.format(slug=urls.slugify(tag))
        cards = card_list(story_card(s, url, ctx.community_name(s.community)) for s in by_tag[tag])
        ctx.tree.write_page(
            url,
            front_matter(f"#{tag}", t("标签:{tag}", "Tag: {tag}", tag=tag))
            + f"# #{e(tag)}\n\n"
            + cards,
        )
        items.append(
            f'<li><a href="{e(urls.href(urls.TAGS, url))}">#{e(tag)}</a> '
            f'<span class="sb-count">{len(by_tag[tag])}</span></li>'
        )
    title = t("标签", "Tags")
    ctx.tree.write_page(
        urls.TAGS,
        front_matter(title)
        + f'# {e(title)}\n\n<ul class="sb-tags">\n'
        + "\n".join(items)
        + "\n</ul>\n",
    )


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
        ctx.tree.write_page(url, front_matter(title) + f"# {e(title)}\n\n" + cards)
        items.append(
            f'<li><a href="{e(urls.href(urls.ARCHIVE, url))}">{e(t("{year}年", "{year}", year=year))}</a> '
            f'<span class="sb-count">{len(by_year[year])}</span></li>'
        )
    title = t("按年归档", "Archive")
    ctx.tree.write_page(
        urls.ARCHIVE,
        front_matter(title)
        + f'# {e(title)}\n\n<ul class="sb-list">\n'
        + "\n".join(items)
        + "\n</ul>\n",
    )
