"""A page per narrator: a community worker's accounts over the years."""

from __future__ import annotations

from collections import defaultdict

from site_builder.i18n import t
from site_builder.model import Story
from site_builder.output import urls
from site_builder.output.context import CompileContext, narrator_key
from site_builder.pages.html import card_list, e, front_matter, story_card


def generate(ctx: CompileContext) -> None:
    by_narrator: dict[tuple[str, str, str], list[Story]] = defaultdict(list)
    for story in ctx.selection.stories:
        by_narrator[narrator_key(story)].append(story)
    rows = []
    index_url = urls.NARRATORS
    for (name, community_id, slug), stories in sorted(by_narrator.items()):
        url = urls.NARRATOR.format(slug=slug)
        community = ctx.community(community_id)
        role = stories[0].narrator.role  # the newest story's role
        community_link = urls.href(url, urls.COMMUNITY.format(id=community_id))
        page = (
            front_matter(name, t("{name}讲述的故事", "Stories told by {name}", name=name))
            + f"# {e(name)}\n\n"
            + f'<p class="sb-role">{e(role)} · <a href="{e(community_link)}">{e(community.name)}</a></p>\n\n'
            + f"## {e(t('讲述的故事', 'Stories'))}\n\n"
            + card_list(story_card(s, url, community.name) for s in stories)
        )
        ctx.tree.write_page(url, page)
        rows.append(
            f'<li><a href="{e(urls.href(index_url, url))}">{e(name)}</a> · {e(community.name)} · '
            f"{e(t('{n} 篇', '{n} stories', n=len(stories)))}</li>"
        )
    title = t("讲述人", "Narrators")
    ctx.tree.write_page(
        index_url,
        front_matter(title)
        + f'# {e(title)}\n\n<ul class="sb-list">\n'
        + "\n".join(rows)
        + "\n</ul>\n",
    )
