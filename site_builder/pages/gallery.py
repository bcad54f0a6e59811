"""Photo galleries: `/gallery/` with albums by year and by community.

Each album groups photos under the story or activity they belong to; thumbnails load lazily
and open the large derivative in the lightbox.
"""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup

from site_builder.i18n import t
from site_builder.images import ProcessedPhoto
from site_builder.model import Community
from site_builder.output import urls
from site_builder.output.context import Album, CompileContext
from site_builder.pages.sharing import image_meta
from site_builder.pages.templating import render
from site_builder.selection import PublicRecord, linked_stories, per_log


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
    # Log by log, each handed only its own photos and the stories it links to, so a log's
    # albums are kept while they and it are the same.
    photos_of: dict[str, list[tuple[tuple[str, str], ProcessedPhoto]]] = defaultdict(list)
    for key, processed in ctx.photos.items():
        photos_of[key[0]].append((key, processed))
    slugs = {s.slug for s in ctx.selection.stories}
    for records in ctx.selection.records_by_log:
        found += ctx.session.computed(
            per_log("gallery.record-albums", records),
            _record_albums,
            records,
            photos=tuple(photos_of.get(records.log.source.path, ())),
            stories=linked_stories(ctx.session, records) & slugs,
        )
    found.sort(key=lambda a: (a.day, a.title), reverse=True)
    return found


def _record_albums(
    records: list[PublicRecord],
    *,
    photos: tuple[tuple[tuple[str, str], ProcessedPhoto], ...],
    stories: frozenset[str],
) -> list[Album]:
    """The albums of the records' photos; `photos` are the derivatives by (file, photo file),
    `stories` the slugs of the stories an album may link to."""
    processed = dict(photos)
    found = []
    for public in records:
        path = public.log.source.path
        items = [
            (p, processed[(path, p.file)])
            for p in public.record.photos
            if (path, p.file) in processed
        ]
        if items:
            record = public.record
            linked = record.story if record.story in stories else ""
            link = urls.STORY.format(slug=linked) if linked else ""
            anchor = f"{public.community}-{public.anchor}"
            found.append(
                Album(record.title, record.first_day, public.community, link, items, anchor)
            )
    return found


def _album_page(ctx: CompileContext, url: str, title: str, chosen: list[Album]) -> str:
    shown = [
        {
            "anchor": album.anchor,
            "title": album.title,
            "link": urls.href(url, album.link) if album.link else "",
            "community": ctx.community_name(album.community),
            "day": album.day,
            "photos": album.photos,
        }
        for album in chosen
    ]
    photos_href = urls.href(url, urls.PHOTOS)
    return render("album_page.md", title=title, albums=shown, photos_href=photos_href)


def prepare(ctx: CompileContext) -> None:
    """Collect the albums once (a province has 100 000 records to look through) and count the
    photos each community's album holds."""
    ctx.albums = albums(ctx)
    counts: dict[str, int] = defaultdict(int)
    for album in ctx.albums:
        counts[album.community] += len(album.photos)
    ctx.album_photos = dict(counts)


def community_section(ctx: CompileContext, community: Community, url: str) -> Markup:
    """A link from a community page to its album, when it has photos."""
    count = ctx.album_photos.get(community.id, 0)
    if not count:
        return Markup()
    link = urls.href(url, urls.GALLERY_ALBUM.format(key=community.id))
    return render("sections/community_gallery.html", link=link, name=community.name, count=count)


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
        year_links.append({"link": urls.href(index_url, url), "title": title, "count": count})
    for community in ctx.selection.communities:
        chosen = by_community.get(community.id)
        if not chosen:
            continue
        url = urls.GALLERY_ALBUM.format(key=community.id)
        title = t("{name}相册", "{name}: photos", name=community.name)
        ctx.tree.write_page(url, _album_page(ctx, url, title, chosen))
        count = sum(len(a.photos) for a in chosen)
        link = urls.href(index_url, url)
        community_links.append({"link": link, "title": community.name, "count": count})
    latest = [item for album in every[:4] for item in album.photos][:8]
    page = render(
        "gallery.md",
        extra=image_meta(*latest[0]) if latest else {},
        years=year_links,
        communities=community_links,
        latest=latest,
        photos_href=urls.href(index_url, urls.PHOTOS),
        any_photos=bool(every),
    )
    ctx.tree.write_page(index_url, page)
