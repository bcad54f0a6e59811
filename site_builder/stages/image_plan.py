"""Where this build computes and caches photos: site.yml's `images` and `storage`, and
`--scheduler`, turned into the image layer's ImagePlan."""

from __future__ import annotations

from pathlib import Path

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.images.executors import ImagePlan
from site_builder.model import SiteConfig
from site_builder.project import Project
from site_builder.selection import BuildOptions
from site_builder.storage import location


def plan_for(project: Project, config: SiteConfig, options: BuildOptions) -> tuple[ImagePlan, Path]:
    """The plan, and the local cache folder the compiled tree takes derivatives from."""
    images, storage = config.images, config.storage
    root = str(project.root)
    shared = None
    cache_dir = project.image_cache_dir
    if images.cache:
        where = location(images.cache, root, storage.endpoint_url, storage.region)
        if where.remote:
            shared = where
        else:
            cache_dir = Path(where.url)
    originals = None
    if images.originals:
        originals = location(images.originals, root, storage.endpoint_url, storage.region)
    plan = ImagePlan(
        executor="dask" if options.scheduler else images.executor,
        scheduler=options.scheduler or images.scheduler,
        shared_cache=shared,
        originals=originals,
        content_dir=project.content_dir,
    )
    return plan, cache_dir


def plan_error(config: SiteConfig, diagnostics: Diagnostics, message: str) -> None:
    """An error about where photos run or are kept, at the setting that says so."""
    images = config.images
    field = "scheduler" if images.scheduler else "cache" if images.cache else "executor"
    mark = config.source.mark("images", field)
    diagnostics.error(config.source.path, mark.line, mark.column, message)


def no_scheduler() -> str:
    return t(
        "images.executor 为 dask 时须填写 images.scheduler(如 tcp://10.0.0.5:8786),"
        "或在命令行用 --scheduler 指定",
        "images.executor dask needs images.scheduler (such as tcp://10.0.0.5:8786), "
        "or --scheduler on the command line",
    )
