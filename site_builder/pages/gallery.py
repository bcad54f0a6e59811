"""Photo galleries: `/gallery/` with albums by year and by community.

Each album groups photos under the story or activity they belong to; thumbnails load lazily
and open the large derivative in the lightbox.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from site_builder.i18n import t
from site_builder.model import Community
from site_builder.output import urls
from site_builder.output.context import Album, CompileContext
from site_builder.pages.figures import gallery
from site_builder.pages.html import e, format_date, front_matter
from site_builder.reuse import reused

if TYPE_CHECKING:
    pass


def albums(ctx: CompileContext) -> list[Album]:
    found = []
    for story in ctx.selection.stories:
        items = [
            (p, ctx.photos[(story.source.path, p.file)])
            for p in story.photos
            if (story.source.path, p.file) in ctx.photos
        ]
        if items:
            link = urls.STORY.format(slug=story.slug)
            anchor = f"story-{story.slug}"
            found.append(Album(story.title, story.date, story.community, link, items, anchor))
    records = ctx.selection.records
    # What the activity albums take from outside the logs: their photos' derivatives, and
    # which stories they can link to.
    key = (
        tuple((k, v) for k, v in ctx.photos.items() if k[0].startswith("content/activities/")),
        frozenset(s.slug for s in ctx.selection.stories),
    )
    found += reused("gallery.record-albums", [records], key, lambda: _record_albums(ctx))
    found.sort(key=lambda a: (a.day, a.title), reverse=True)
    return found


def _record_albums(ctx: CompileContext) -> list[Album]:
    found = []
    for public in ctx.selection.records:
        path = public.log.source.path
        items = [
            (p, ctx.photos[(path, p.file)])
            for p in public.record.photos
            if (path, p.file) in ctx.photos
        ]
        if items:
            record = public.record
            linked = ctx.selection.story(record.story) if record.story else None
            link = urls.STORY.format(slug=linked.slug) if linked else ""
            anchor = f"{public.community}-{public.anchor}"
            found.append(
                Album(record.title, record.first_day, public.community, link, items, anchor)
            )
    return found


def _album_page(ctx: CompileContext, url: str, title: str, chosen: list[Album]) -> str:
    parts = [
        front_matter(title, t("社区活动照片", "Photos of community life")),
        f"# {e(title)}\n\n",
    ]
    for album in chosen:
        heading = e(album.title)
        if album.link:
            heading = f'<a href="{e(urls.href(url, album.link))}">{heading}</a>'
        parts.append(
            f'<h2 id="{e(album.anchor)}">{heading}</h2>\n<p class="sb-card-meta">{e(ctx.community_name(album.community))} · '
            f"{e(format_date(album.day))}</p>\n\n"
        )
        parts.append(gallery(album.photos, url))
    return "".join(parts)


def prepare(ctx: CompileContext) -> None:
    """Collect the albums once (a province has 100 000 records to look through) and link each
    community page to its album."""
    ctx.albums = albums(ctx)
    counts: dict[str, int] = defaultdict(int)
    for album in ctx.albums:
        counts[album.community] += len(album.photos)
    ctx.album_photos = dict(counts)


def community_section(ctx: CompileContext, community: Community, url: str) -> str:
    """A link from a community page to its album, when it has photos."""
    count = ctx.album_photos.get(community.id, 0)
    if not count:
        return ""
    link = urls.href(url, f"{urls.GALLERY}{community.id}/")
    text = t("{name}相册({n} 张照片)→", "{name}: photos ({n}) →", name=community.name, n=count)
    return f'<p><a href="{e(link)}">{e(text)}</a></p>\n\n'


def generate(ctx: CompileContext) -> None:
    every = ctx.albums
    by_year: dict[int, list[Album]] = defaultdict(list)
    by_community: dict[str, list[Album]] = defaultdict(list)
    for album in every:
        by_year[album.day.year].append(album)
        by_community[album.community].append(album)
    index_url = urls.GALLERY
    year_links, community_links = [], []
    for year in sorted(by_year, reverse=True):
        url = urls.GALLERY_ALBUM.format(key=year)
        title = t("{year}年相册", "Photos of {year}", year=year)
        ctx.tree.write_page(url, _album_page(ctx, url, title, by_year[year]))
        count = sum(len(a.photos) for a in by_year[year])
        year_links.append(
            f'<li><a href="{e(urls.href(index_url, url))}">{e(title)}</a> <span class="sb-count">'
            f"{e(t('{n} 张', '{n} photos', n=count))}</span></li>"
        )
    for community in ctx.selection.communities:
        chosen = by_community.get(community.id)
        if not chosen:
            continue
        url = urls.GALLERY_ALBUM.format(key=community.id)
        title = t("{name}相册", "{name}: photos", name=community.name)
        ctx.tree.write_page(url, _album_page(ctx, url, title, chosen))
        count = sum(len(a.photos) for a in chosen)
        community_links.append(
            f'<li><a href="{e(urls.href(index_url, url))}">{e(community.name)}</a> <span class="sb-count">'
            f"{e(t('{n} 张', '{n} photos', n=count))}</span></li>"
        )
    title = t("图库", "Gallery")
    latest = every[:4]
    parts = [
        front_matter(title, t("社区故事与活动的照片", "Photos from stories and activities")),
        f"# {e(title)}\n\n",
        f'## {e(t("按年份", "By year"))}\n\n<ul class="sb-list">\n'
        + "\n".join(year_links)
        + "\n</ul>\n\n",
        f'## {e(t("按社区", "By community"))}\n\n<ul class="sb-list">\n'
        + "\n".join(community_links)
        + "\n</ul>\n\n",
    ]
    if latest:
        parts.append(f"## {e(t('最新照片', 'Latest photos'))}\n\n")
        parts.append(gallery([item for album in latest for item in album.photos][:8], index_url))
    if not every:
        parts.append(e(t("还没有发布的照片。", "No photos have been published yet.")) + "\n")
    ctx.tree.write_page(index_url, "".join(parts))
