"""Editors' collections (典型采撷): the note, then each story under the editor's headline."""

from __future__ import annotations

from site_builder.i18n import t
from site_builder.markup import render_markdown
from site_builder.model import Collection
from site_builder.pages import urls
from site_builder.pages.context import CompileContext
from site_builder.pages.html import e, format_date, front_matter, status_banner


def collection_page(ctx: CompileContext, collection: Collection) -> str:
    url = urls.COLLECTION.format(slug=collection.slug)
    options = ctx.selection.options
    parts = [
        front_matter(collection.title, collection.summary, og_type="article"),
        status_banner(collection.status, collection.date, options.as_of) if options.preview else "",
        '<div class="sb-collection">\n',
        f"<h1>{e(collection.title)}</h1>\n",
        f'<p class="sb-subtitle">{e(collection.subtitle)}</p>\n' if collection.subtitle else "",
        f'<p class="sb-collection-meta">{e(t("编辑", "Editor"))}:{e(collection.editor)} · '
        f'<time datetime="{collection.date.isoformat()}">{e(format_date(collection.date))}</time></p>\n',
    ]
    if collection.body.strip():
        parts.append(
            f'<section class="sb-editor-note" aria-label="{e(t("编者按", "Editor’s note"))}">\n'
            f'<h2>{e(t("编者按", "Editor’s note"))}</h2>\n{render_markdown(collection.body)}\n</section>\n'
        )
    for number, entry in enumerate(collection.stories, start=1):
        story = ctx.selection.story(entry.story)
        if story is None:  # unpublished stories are refused by the checks outside preview
            continue
        community = ctx.community(story.community)
        link = urls.href(url, urls.STORY.format(slug=story.slug))
        headline = entry.headline or story.title
        text = (
            f"<p>{e(entry.excerpt)}</p>\n<p><a href=\"{e(link)}\">{e(t('阅读全文', 'Read the full story'))}</a></p>"
            if entry.excerpt
            else render_markdown(story.body)
        )
        parts.append(
            f'<article class="sb-collection-story" id="story-{number}">\n'
            f'<h2 class="sb-headline"><a href="{e(link)}">{e(headline)}</a></h2>\n'
            f'<p class="sb-byline"><span>{e(t("采撷地", "From"))}:{e(community.city)}</span> '
            f'<span>{e(t("讲述人", "Narrator"))}:{e(story.narrator.name)}</span> '
            f'<span>{e(t("职务", "Role"))}:{e(story.narrator.role)}</span></p>\n'
            f"{text}\n</article>\n"
        )
    parts.append("</div>\n")
    return "".join(parts)


def generate(ctx: CompileContext) -> None:
    url = urls.COLLECTIONS
    items = []
    for collection in ctx.selection.collections:
        ctx.tree.write_text(f"collections/{collection.slug}.md", collection_page(ctx, collection))
        link = urls.href(url, urls.COLLECTION.format(slug=collection.slug))
        items.append(
            f'<article class="sb-card"><h3 class="sb-card-title"><a href="{e(link)}">{e(collection.title)}</a></h3>'
            f'<p class="sb-card-meta">{e(collection.editor)} · {e(format_date(collection.date))} · '
            f"{e(t('{n} 篇', '{n} stories', n=len(collection.stories)))}</p>"
            f'<p class="sb-card-summary">{e(collection.summary or collection.subtitle)}</p></article>'
        )
    title = t("典型采撷", "Collections")
    body = "\n".join(items) or e(t("还没有发布的采撷。", "No collections yet."))
    ctx.tree.write_text(
        "collections/index.md",
        front_matter(title, t("编辑精选的经验与案例", "Editors' selections of good practice"))
        + f"# {e(title)}\n\n<div class=\"sb-cards\">\n{body}\n</div>\n",
    )
