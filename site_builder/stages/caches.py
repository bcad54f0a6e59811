"""After a full build is published, remove from the caches what neither the site nor the
preview of its drafts needs any more.

Every cache is addressed by content: an edited story, a replaced photo or a new version of the
code makes a new entry and leaves the old one behind, so without pruning `.cache/` only grows.
Pruned only after a successful publish of a full (not preview) build: a failed build leaves
the last good site and everything it was made from. Kept: the photos, converted bodies and
parsed files of this build, and the photos and bodies that the preview adds (drafts, items in
review, scheduled items), so `serve` and the next build start warm.

A shared image cache (images.cache: a folder or s3://...) may also serve other sites and
machines: one build knows only its own photos, so it prunes a shared cache only when told
(`build --prune-shared-cache`).
"""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.derived import DerivedStore
from site_builder.images import ImageCache
from site_builder.images.remote_cache import RemoteImageCache
from site_builder.load.parse_cache import ParseCache
from site_builder.markup import ConvertedBodies
from site_builder.output.context import CompileContext
from site_builder.stages.image_plan import plan_for


@dataclass(frozen=True)
class Pruned:
    """How many entries each cache lost."""

    photos: int = 0
    shared_photos: int = 0
    bodies: int = 0
    parsed: int = 0
    derived: int = 0


def prune_caches(
    ctx: CompileContext,
    photos: set[str],
    bodies: ConvertedBodies,
    parsed: ParseCache,
    derived: DerivedStore | None,
    *,
    shared: bool = False,
) -> Pruned:
    site = ctx.selection.site
    plan, cache_dir = plan_for(ctx.project, ctx.config, ctx.selection.options)
    own = cache_dir == ctx.project.image_cache_dir
    pruned_photos = ImageCache(cache_dir).prune(photos) if own or shared else 0
    pruned_shared = 0
    if shared and plan.shared_cache is not None:
        pruned_shared = RemoteImageCache(plan.shared_cache).prune(photos)
    # What the preview converts besides this build's pages: the bodies and editors' notes of
    # every story and collection, drafts included (a preview shows every item).
    drafts = {story.body for story in site.stories.values()}
    drafts |= {collection.body for collection in site.collections.values()}
    return Pruned(
        photos=pruned_photos,
        shared_photos=pruned_shared,
        bodies=bodies.prune(bodies.used | drafts),
        parsed=parsed.prune(),
        derived=derived.prune() if derived is not None else 0,
    )
