"""The image stage: find the photos this build publishes, process them, place their derivatives.

Only photos of published items are processed; originals never enter the compiled tree, only
derivatives from the content-addressed cache do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.images import (
    ImageCache,
    ImageError,
    Recipe,
    check_photo,
    photo_key,
    process_photos,
    read_source,
    resolve_photo,
)
from site_builder.images.executors import ExecutorUnavailable, runner_for
from site_builder.images.pool import source_key
from site_builder.model import ActivityLog, Photo, Site, SiteConfig
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.project import Project
from site_builder.selection import LogRecords, PublicRecord, Selection, per_log
from site_builder.session import Session
from site_builder.source import Source
from site_builder.stages.image_plan import no_scheduler, plan_error, plan_for
from site_builder.storage import StorageUnavailable


@dataclass(frozen=True, eq=False)
class PhotoUse:
    """One photo as listed by one story or activity record."""

    owner: Source
    field_path: tuple[str | int, ...]  # where `file:` stands, for errors
    photo: Photo


def photo_uses(selection: Selection, session: Session | None = None) -> list[PhotoUse]:
    uses = []
    for story in selection.stories:
        for index, photo in enumerate(story.photos):
            uses.append(PhotoUse(story.source, ("photos", index, "file"), photo))
    if session is None:
        return uses + _record_photo_uses(selection.records)
    # Log by log, kept with the log's other results (no record is read while they are), in
    # the order of `selection.records`: by day, community and place in the log.
    found: list[tuple[tuple[dt.date, str, int], PhotoUse]] = []
    for records in selection.records_by_log:
        log = records.log
        kept = session.computed(per_log("photos.records", records), _record_photos, records)
        for day, index, number, photo in kept:
            path = ("activities", index, "photos", number, "file")
            found.append(((day, log.community, index), PhotoUse(log.source, path, photo)))
    found.sort(key=itemgetter(0))
    return uses + [use for _, use in found]


def _record_photos(records: LogRecords) -> list[tuple[dt.date, int, int, Photo]]:
    return [
        (public.day, public.index, number, photo)
        for public in records
        for number, photo in enumerate(public.record.photos)
    ]


def _record_photo_uses(records: list[PublicRecord]) -> list[PhotoUse]:
    uses = []
    for public in records:
        for index, photo in enumerate(public.record.photos):
            path = ("activities", public.index, "photos", index, "file")
            uses.append(PhotoUse(public.log.source, path, photo))
    return uses


def preview_photo_uses(site: Site, session: Session | None = None) -> list[PhotoUse]:
    """The photos a preview (`serve`) shows: it shows every item of content/, whatever its
    status or date (model.common.is_visible), and no private record. Built without the
    preview's selection, which would order 100 000 records to find a few photos; each log's
    kept by the log's content key, when `session` has one (no record is read then)."""
    uses = []
    for story in site.stories.values():
        for index, photo in enumerate(story.photos):
            uses.append(PhotoUse(story.source, ("photos", index, "file"), photo))
    for log in site.activity_logs:
        name = f"photos.preview:{log.source.path}"
        found = (
            _preview_photos(log)
            if session is None
            else session.computed(name, _preview_photos, log)
        )
        for record_index, index, photo in found:
            path = ("activities", record_index, "photos", index, "file")
            uses.append(PhotoUse(log.source, path, photo))
    return uses


def _preview_photos(log: ActivityLog) -> list[tuple[int, int, Photo]]:
    return [
        (record_index, index, photo)
        for record_index, record in enumerate(log.activities)
        if record.photos and not record.private
        for index, photo in enumerate(record.photos)
    ]


def recipe_for(config: SiteConfig) -> Recipe:
    images = config.images
    return Recipe(
        widths=tuple(images.widths),
        jpeg_quality=images.jpeg_quality,
        webp_quality=images.webp_quality,
        max_pixels=images.max_pixels,
    )


def _resolved(
    project: Project, uses: list[PhotoUse], diagnostics: Diagnostics
) -> dict[PhotoUse, Path]:
    """Each use's file inside content/; a path that is refused or missing is an error."""
    resolved: dict[PhotoUse, Path] = {}
    for use in uses:
        base = (project.root / use.owner.path).parent
        try:
            resolved[use] = resolve_photo(project.content_dir, base, use.photo.file)
        except ImageError as error:
            mark = use.owner.mark(*use.field_path)
            diagnostics.error(use.owner.path, mark.line, mark.column, error.message)
    return resolved


def _refused(use: PhotoUse, failure: ImageError, diagnostics: Diagnostics) -> None:
    mark = use.owner.mark(*use.field_path)
    diagnostics.error(
        use.owner.path,
        mark.line,
        mark.column,
        t("照片 {file}:{m}", "photo {file}: {m}", file=use.photo.file, m=failure),
    )


def photos_in_use(ctx: CompileContext) -> set[str]:
    """The cache keys of the photos this build published and of those the preview adds
    (drafts, items in review, scheduled items), which `serve` shows."""
    made = ctx.photo_batch.results if ctx.photo_batch is not None else {}
    keys = {photo.key for photo in made.values()}
    recipe = recipe_for(ctx.config)
    # A preview photo that is missing or refused is the preview's error to show; it has no entry.
    uses = preview_photo_uses(ctx.selection.site, ctx.session)
    previewed = _resolved(ctx.project, uses, Diagnostics())
    for source in set(previewed.values()):
        if source in made:
            continue
        try:
            keys.add(source_key(source, recipe, ctx.session.photo_keys))
        except ImageError:
            continue
    return keys


def check_photos(
    project: Project,
    selection: Selection,
    diagnostics: Diagnostics,
    session: Session | None = None,
) -> None:
    """What `prepare_photos` refuses, found without making derivatives (`check`). A serving
    session (the editor's checks of each save) decodes a photo once while its bytes stay."""
    recipe = recipe_for(selection.site.config)
    cache = ImageCache(plan_for(project, selection.site.config, selection.options)[1])
    checked: dict[Path, ImageError | None] = {}
    for use, source in _resolved(project, photo_uses(selection), diagnostics).items():
        if source not in checked:
            checked[source] = _refusal(source, recipe, cache, session)
        failure = checked[source]
        if failure is not None:
            _refused(use, failure, diagnostics)


def _refusal(
    source: Path, recipe: Recipe, cache: ImageCache, session: Session | None = None
) -> ImageError | None:
    """Why the image stage would refuse `source`; a photo an earlier build made derivatives
    of (same bytes, same recipe), or that this session found good, is not decoded again."""
    good = session.photos_good if session is not None else None
    try:
        if good is None or session is None:
            data = read_source(source)
            if cache.get(photo_key(data, recipe)) is None:
                check_photo(data, recipe, str(source))
            return None
        key = source_key(source, recipe, session.photo_keys)
        if key not in good and cache.get(key) is None:
            check_photo(read_source(source), recipe, str(source))
        good.add(key)
    except ImageError as error:
        return error
    return None


def prepare_photos(ctx: CompileContext) -> None:
    project = ctx.project
    resolved = _resolved(project, photo_uses(ctx.selection, ctx.session), ctx.diagnostics)
    if not resolved:
        ctx.photo_batch = None
        return
    plan, cache_dir = plan_for(project, ctx.config, ctx.selection.options)
    if plan.executor == "dask" and not plan.scheduler:
        plan_error(ctx.config, ctx.diagnostics, no_scheduler())
        ctx.photo_batch = None
        return
    cache = ImageCache(cache_dir)
    recipe = recipe_for(ctx.config)
    try:
        batch = process_photos(
            sorted(set(resolved.values())),
            recipe,
            cache_dir,
            workers=ctx.workers,
            progress=ctx.progress,
            runner=runner_for(plan, recipe, cache_dir, ctx.workers),
            known_keys=ctx.session.photo_keys,
        )
    except (ExecutorUnavailable, StorageUnavailable) as error:
        plan_error(ctx.config, ctx.diagnostics, str(error))
        ctx.photo_batch = None
        return
    ctx.photo_batch = batch
    for use, source in resolved.items():
        failure = batch.errors.get(source)
        if failure is not None:
            _refused(use, failure, ctx.diagnostics)
            continue
        processed = batch.results[source]
        ctx.photos[(use.owner.path, use.photo.file)] = processed
        for variant in processed.variants:
            stored = cache.entry_dir(processed.key) / variant.name
            ctx.tree.place_file(urls.PHOTOS + variant.name, stored)
