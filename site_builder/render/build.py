"""One build, the same for every engine: compile, the engine renders into a staging folder,
Pagefind and our output checks run on what it wrote, and only then is it swapped into site/."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.compiler import CompileResult, compile_site, prune_caches
from site_builder.diagnostics import Diagnostics
from site_builder.load.reader import read_site_config
from site_builder.project import Project
from site_builder.render import incremental, publish
from site_builder.render.engine import Engine
from site_builder.render.mkdocs_engine import MkDocsEngine
from site_builder.render.output_checks import OUTPUT_CHECKS
from site_builder.render.search import SEARCH_DIR, SearchIndex, build_search_index
from site_builder.render.sitemap import date_sitemap
from site_builder.render.unused_files import drop_pagefind_ui, drop_theme_extras
from site_builder.render.zensical_engine import ZensicalEngine
from site_builder.selection import BuildOptions
from site_builder.session import Session
from site_builder.stages.caches import Pruned

ENGINES: dict[str, Engine] = {engine.name: engine for engine in (MkDocsEngine(), ZensicalEngine())}


def chosen_engine(project: Project, name: str | None) -> Engine:
    """`name` (from --engine), else site.yml's `engine`, else MkDocs."""
    if not name:
        config = read_site_config(project)
        name = config.engine if config is not None else "mkdocs"
    return ENGINES[name]


@dataclass
class BuildReport:
    ok: bool
    compiled: CompileResult | None = None
    timings: dict[str, float] = field(default_factory=dict)
    incremental: bool = False  # rendered over a copy of the previous site (render/incremental.py)
    up_to_date: bool = False  # nothing changed since the site was published: nothing was done
    search: SearchIndex | None = None
    pruned: Pruned | None = None  # cache entries removed after publishing (stages/caches.py)


def _index_and_check(
    project: Project,
    staged: Path,
    result: CompileResult,
    diagnostics: Diagnostics,
    timings: dict[str, float],
) -> SearchIndex | None:
    """Pagefind and our output checks over what the engine wrote, each timed; the files no
    reader fetches left out (render/unused_files.py), the sitemap dated by the pages."""
    started = time.perf_counter()
    drop_theme_extras(staged)
    date_sitemap(staged)
    timings["output_files"] = time.perf_counter() - started
    started = time.perf_counter()
    search = build_search_index(project, staged, diagnostics)
    drop_pagefind_ui(staged, SEARCH_DIR)
    timings["search"] = time.perf_counter() - started
    started = time.perf_counter()
    for check in OUTPUT_CHECKS:
        check(project, staged, result, diagnostics)
    timings["output_checks"] = time.perf_counter() - started
    return search


def build_site(
    project: Project,
    options: BuildOptions,
    diagnostics: Diagnostics,
    *,
    site_dir: Path | None = None,
    workers: int | None = None,
    progress: bool = False,
    engine: str | None = None,
    session: Session | None = None,
    prune_shared: bool = False,
) -> BuildReport:
    """Build into `site_dir` (default `site/`) with `engine` (default: site.yml's). Warnings
    count as errors: nothing is published.

    `prune_shared`: after publishing, prune the shared image cache too (stages/caches.py).
    """
    target = site_dir or project.site_dir
    renderer = chosen_engine(project, engine)
    fingerprint = incremental.render_fingerprint(project, renderer.name, renderer.version())
    inputs = incremental.input_fingerprint(project, fingerprint, options.as_of)
    if incremental.up_to_date(project, target, inputs):
        return BuildReport(True, incremental=True, up_to_date=True)
    result = compile_site(
        project, options, diagnostics, session=session, workers=workers, progress=progress
    )
    if result is None or diagnostics.errors or diagnostics.warnings:
        return BuildReport(False, result)
    timings = dict(result.timings)
    reuse = renderer.renders_changed_pages_only and incremental.reusable_site(
        project, target, fingerprint
    )
    search = None
    staged = publish.staging_dir(target)
    try:
        started = time.perf_counter()
        if reuse:
            incremental.seed_from(target, staged, skip=(SEARCH_DIR,))
        rendered = renderer.render(
            project, staged, diagnostics, as_of=options.as_of, dirty=reuse, workers=workers
        )
        timings["render"] = time.perf_counter() - started
        if rendered:
            search = _index_and_check(project, staged, result, diagnostics, timings)
        if not rendered or diagnostics.errors or diagnostics.warnings:
            publish.discard(staged)
            return BuildReport(False, result, timings, incremental=reuse, search=search)
        incremental.forget_published(project)
        publish.swap_in(staged, target)
        incremental.record_published(project, target, fingerprint, inputs)
    except BaseException:
        publish.discard(staged)
        raise
    pruned = None
    if not options.preview:
        started = time.perf_counter()
        pruned = prune_caches(result, shared=prune_shared)
        timings["prune"] = time.perf_counter() - started
    return BuildReport(True, result, timings, incremental=reuse, search=search, pruned=pruned)
