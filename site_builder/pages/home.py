"""The home page: latest stories, the newest collection, the communities."""

from __future__ import annotations

from site_builder.i18n import t
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.pages.html import card_list, e, format_date, front_matter, story_card

LATEST = 6


def generate(ctx: CompileContext) -> None:
    url = ""
    config = ctx.config
    selection = ctx.selection
    parts = [
        front_matter(config.title, config.description),
        f'<div class="sb-hero">\n<h1>{e(config.title)}</h1>\n<p>{e(config.description)}</p>\n</div>\n\n',
    ]
    for section in ctx.home_sections:
        parts.append(section(ctx, url))
    if selection.collections:
        newest = selection.collections[0]
        link = urls.href(url, urls.COLLECTION.format(slug=newest.slug))
        parts.append(
            f"## {e(t('最新采撷', 'Latest collection'))}\n\n"
            f'<article class="sb-card sb-card-feature"><h3 class="sb-card-title"><a href="{e(link)}">'
            f"{e(newest.title)}</a></h3>"
            f'<p class="sb-card-meta">{e(newest.subtitle)} · {e(format_date(newest.date))}</p>'
            f'<p class="sb-card-summary">{e(newest.summary)}</p></article>\n\n'
        )
    parts.append(f"## {e(t('最新故事', 'Latest stories'))}\n\n")
    latest = selection.stories[:LATEST]
    parts.append(card_list(story_card(s, url, ctx.community_name(s.community)) for s in latest))
    parts.append(
        f'<p><a href="{e(urls.href(url, urls.STORIES))}">{e(t("全部故事 →", "All stories →"))}</a></p>\n\n'
    )
    parts.append(f'## {e(t("参与社区", "Communities"))}\n\n<ul class="sb-communities">\n')
    for community in selection.communities:
        link = urls.href(url, urls.COMMUNITY.format(id=community.id))
        parts.append(
            f'<li><a href="{e(link)}">{e(community.name)}</a> '
            f'<span class="sb-place">{e(community.city)}{e(community.district)}</span></li>\n'
        )
    parts.append("</ul>\n")
    ctx.tree.write_page(urls.HOME, "".join(parts))
