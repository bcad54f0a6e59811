"""The image stage: find the photos this build publishes, process them, place their derivatives.

Only photos of published items are processed; originals never enter the compiled tree, only
derivatives from the content-addressed cache do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.i18n import t
from site_builder.images import ImageCache, ImageError, Recipe, process_photos, resolve_photo
from site_builder.model import Photo
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.reuse import reused
from site_builder.selection import PublicRecord
from site_builder.source import Source


@dataclass(frozen=True, eq=False)
class PhotoUse:
    """One photo as listed by one story or activity record."""

    owner: Source
    field_path: tuple[str | int, ...]  # where `file:` stands, for errors
    photo: Photo


def photo_uses(ctx: CompileContext) -> list[PhotoUse]:
    uses = []
    for story in ctx.selection.stories:
        for index, photo in enumerate(story.photos):
            uses.append(PhotoUse(story.source, ("photos", index, "file"), photo))
    records = ctx.selection.records
    return uses + reused("photos.records", [records], (), lambda: _record_photo_uses(records))


def _record_photo_uses(records: list[PublicRecord]) -> list[PhotoUse]:
    uses = []
    for public in records:
        for index, photo in enumerate(public.record.photos):
            path = ("activities", public.index, "photos", index, "file")
            uses.append(PhotoUse(public.log.source, path, photo))
    return uses


def recipe_for(ctx: CompileContext) -> Recipe:
    images = ctx.config.images
    return Recipe(
        widths=tuple(images.widths),
        jpeg_quality=images.jpeg_quality,
        webp_quality=images.webp_quality,
        max_pixels=images.max_pixels,
    )


def prepare_photos(ctx: CompileContext) -> None:
    project = ctx.project
    resolved: dict[PhotoUse, Path] = {}
    for use in photo_uses(ctx):
        base = (project.root / use.owner.path).parent
        try:
            resolved[use] = resolve_photo(project.content_dir, base, use.photo.file)
        except ImageError as error:
            mark = use.owner.mark(*use.field_path)
            ctx.diagnostics.error(use.owner.path, mark.line, mark.column, error.message)
    if not resolved:
        ctx.photo_batch = None
        return
    cache_dir = project.image_cache_dir
    cache = ImageCache(cache_dir)
    batch = process_photos(
        sorted(set(resolved.values())),
        recipe_for(ctx),
        cache_dir,
        workers=ctx.workers,
        progress=ctx.progress,
    )
    ctx.photo_batch = batch
    for use, source in resolved.items():
        failure = batch.errors.get(source)
        if failure is not None:
            mark = use.owner.mark(*use.field_path)
            ctx.diagnostics.error(
                use.owner.path,
                mark.line,
                mark.column,
                t("照片 {file}:{m}", "photo {file}: {m}", file=use.photo.file, m=failure),
            )
            continue
        processed = batch.results[source]
        ctx.photos[(use.owner.path, use.photo.file)] = processed
        for variant in processed.variants:
            stored = cache.entry_dir(processed.key) / variant.name
            ctx.tree.place_file(urls.PHOTOS + variant.name, stored)
