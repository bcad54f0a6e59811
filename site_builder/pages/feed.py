"""`feed.xml`: an Atom feed (RFC 4287) of the published stories and collections.

Entries come from the selection, so drafts and scheduled items are never in it. Links are
absolute when `url` is set in content/site.yml, as feed readers and chat apps need; entry ids
are the pages' absolute URLs (stable while the site keeps its address), or name-based UUIDs
when the site has no address yet. Dates in content are days in China (UTC+8).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from site_builder.markup import plain_text
from site_builder.model import Collection, Story
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.pages.templating import render

ATOM = "http://www.w3.org/2005/Atom"
FEED = "feed.xml"
MAX_ENTRIES = 50
EXCERPT_CHARS = 160
CHINA = dt.timezone(dt.timedelta(hours=8))

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SENTENCE_END = re.compile(r"[。!?!?…]")


@dataclass(frozen=True)
class FeedEntry:
    path: str  # site-relative URL of the page
    title: str
    published: dt.date
    updated: dt.date
    author: str
    summary: str
    content_html: str
    categories: tuple[str, ...] = ()


def _timestamp(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(), CHINA).isoformat()


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("", value)


def opening(body: str) -> str:
    """The plain text of a Markdown body's first paragraph (headings and comments skipped)."""
    for block in re.split(r"\n\s*\n", body):
        text = plain_text(block) if not block.lstrip().startswith("#") else ""
        if text:
            return text
    return ""


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The opening of a text, ending at a sentence end when one falls in the second half."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    if ends and ends[-1] >= limit // 2:
        return head[: ends[-1]]
    return head.rstrip() + "……"


class SiteAddress:
    """Absolute URLs and ids under the site's address from content/site.yml."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/") + "/" if base else ""

    def url(self, path: str) -> str:
        # Without an address, links stay relative to the feed, which sits at the site root.
        return self.base + path if self.base else path or "./"

    def entry_id(self, path: str) -> str:
        if self.base:
            return self.base + path
        return uuid.uuid5(uuid.NAMESPACE_URL, "site-builder:" + path).urn


def story_entry(story: Story, address: SiteAddress) -> FeedEntry:
    path = urls.STORY.format(slug=story.slug)
    lead = excerpt(opening(story.body))
    content = str(render("feed/story.html", lead=lead, link=address.url(path))) if lead else ""
    return FeedEntry(
        path=path,
        title=story.title,
        published=story.date,
        updated=max(story.updated or story.date, story.date),
        author=story.narrator.name,
        summary=story.summary or lead,
        content_html=content,
        categories=tuple(story.tags),
    )


def collection_entry(
    ctx: CompileContext, collection: Collection, address: SiteAddress
) -> FeedEntry:
    path = urls.COLLECTION.format(slug=collection.slug)
    items = []
    for entry in collection.stories:
        story = ctx.selection.story(entry.story)
        if story is None:
            continue
        link = address.url(urls.STORY.format(slug=story.slug))
        headline = entry.headline or story.title
        items.append({"link": link, "headline": headline, "narrator": story.narrator.name})
    note = collection.body if collection.body.strip() else ""
    content = str(render("feed/collection.html", note=note, items=items))
    return FeedEntry(
        path=path,
        title=collection.title,
        published=collection.date,
        updated=collection.date,
        author=collection.editor,
        summary=collection.summary or collection.subtitle or excerpt(opening(collection.body)),
        content_html=content,
    )


def feed_xml(ctx: CompileContext) -> str:
    config = ctx.config
    address = SiteAddress(config.url)
    entries = [story_entry(s, address) for s in ctx.selection.stories]
    entries += [collection_entry(ctx, c, address) for c in ctx.selection.collections]
    entries.sort(key=lambda x: (x.published, x.updated, x.path), reverse=True)
    entries = entries[:MAX_ENTRIES]

    ET.register_namespace("", ATOM)

    def add(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text:
            element.text = _xml_text(text)
        return element

    feed = ET.Element(f"{{{ATOM}}}feed")
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", config.language)
    add(feed, "id", address.entry_id(""))
    add(feed, "title", config.title)
    if config.description:
        add(feed, "subtitle", config.description)
    newest = max((x.updated for x in entries), default=ctx.selection.options.as_of)
    add(feed, "updated", _timestamp(newest))
    add(feed, "link", rel="self", type="application/atom+xml", href=address.url(FEED))
    add(feed, "link", rel="alternate", type="text/html", href=address.url(""))
    add(feed, "author").append(_name(config.title))
    add(feed, "generator", "site-builder")
    for item in entries:
        entry = add(feed, "entry")
        add(entry, "id", address.entry_id(item.path))
        add(entry, "title", item.title)
        add(entry, "published", _timestamp(item.published))
        add(entry, "updated", _timestamp(item.updated))
        add(entry, "author").append(_name(item.author))
        add(entry, "link", rel="alternate", type="text/html", href=address.url(item.path))
        for category in item.categories:
            add(entry, "category", term=_xml_text(category))
        if item.summary:
            add(entry, "summary", item.summary)
        if item.content_html:
            add(entry, "content", item.content_html, type="html")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _name(text: str) -> ET.Element:
    name = ET.Element(f"{{{ATOM}}}name")
    name.text = _xml_text(text)
    return name


def generate(ctx: CompileContext) -> None:
    ctx.tree.write_text(FEED, feed_xml(ctx))
