"""The compiler: content/ -> model -> checks -> images, statistics -> compiled tree.

Stages run one after the other, each taking what the one before produced (Pelican's
readers -> generators -> writers). The compiled tree is plain Markdown, data files and image
derivatives: any MkDocs-compatible engine can render it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field, replace

from site_builder.checks.content import check_bodies
from site_builder.checks.editorial import check_editorial
from site_builder.checks.privacy import check_privacy
from site_builder.checks.references import check_references
from site_builder.checks.unused_files import check_unused_files
from site_builder.derived import DerivedStore
from site_builder.diagnostics import Diagnostics
from site_builder.heap import long_lived
from site_builder.i18n import using_language
from site_builder.load.parse_cache import ParseCache
from site_builder.load.reader import load_site
from site_builder.markup import ConvertedBodies, converting_into
from site_builder.model import Site, Story
from site_builder.output.context import CommunitySection, CompileContext, HomeSection
from site_builder.output.tree import OutputTree
from site_builder.pages import (
    collections,
    communities,
    engine_config,
    feed,
    gallery,
    home,
    narrators,
    review,
    stories,
    tags,
)
from site_builder.pages import stats as stats_pages
from site_builder.project import Project
from site_builder.selection import BuildOptions, Selection, select
from site_builder.session import Session
from site_builder.stages import caches
from site_builder.stages import statistics as stats_stage
from site_builder.stages.caches import Pruned
from site_builder.stages.images import check_photos, photos_in_use, prepare_photos
from site_builder.stages.story_pool import ConvertingAhead, converting_ahead

Stage = Callable[[CompileContext], None]
Check = Callable[[Project, Selection, Diagnostics, Session], None]

# Rules over the loaded site, run after loading; any error stops the build before writing.
CHECKS: list[Check] = [check_privacy, check_editorial, check_unused_files]

# Stages that compute what several pages use (photo derivatives, statistics, albums), each
# filling its typed field of the context (output/context.py).
PREPARE_STAGES: list[Stage] = [
    prepare_photos,
    stats_stage.prepare,
    gallery.prepare,
]

# Blocks of the home page, in the order it shows them (under its title).
HOME_SECTIONS: list[HomeSection] = [review.home_section, stats_pages.home_section]
# Blocks of each community page, in the order it shows them (after its profile).
COMMUNITY_SECTIONS: list[CommunitySection] = [
    stats_pages.community_section,
    gallery.community_section,
]

# Run in order; stages that prepare shared data (statistics) come before the pages using it.
PAGE_STAGES: list[Stage] = [
    stories.generate,
    communities.generate,
    collections.generate,
    narrators.generate,
    tags.generate_tags,
    tags.generate_archive,
    gallery.generate,
    feed.generate,
    review.generate,  # preview builds only
    stats_pages.generate,
    stats_stage.write_downloads,
    home.generate,
    engine_config.generate,  # what every engine reads, nav included: outside the tree
]


@dataclass
class CompileResult:
    selection: Selection
    context: CompileContext
    parse_cache: ParseCache  # what the load read from it, for pruning
    bodies: ConvertedBodies  # the converted bodies the pages used, for pruning
    derived: DerivedStore | None = None  # the results over the logs it used, for pruning
    pages_changed: int = 0
    files_removed: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    logs_parsed: int = 0  # activity logs not found in the parse cache
    # The photos this build and its preview use, for pruning: found while the results over
    # the logs can be read from their store, so no record is read for it.
    photos: set[str] = field(default_factory=set)


def load_and_check(
    project: Project,
    options: BuildOptions,
    diagnostics: Diagnostics,
    timings: dict[str, float] | None = None,
    *,
    write_cache: bool = True,
    cache: ParseCache | None = None,
    session: Session | None = None,
    on_stories: Callable[[dict[str, Story]], None] | None = None,
) -> tuple[Site, Selection] | None:
    """Read and validate everything; None when the site cannot even be read. `on_stories`:
    handed the stories as soon as they are read (load/reader.py)."""
    timings = {} if timings is None else timings
    session = Session() if session is None else session
    started = time.perf_counter()
    if cache is None:
        cache = ParseCache(project.cache_dir / "parsed", writable=write_cache, session=session)
    site = load_site(project, diagnostics, cache, on_stories)
    timings["load"] = time.perf_counter() - started
    if site is None:
        return None
    started = time.perf_counter()
    selection = select(site, options, session)
    _check_selection(project, selection, diagnostics, session)
    timings["check"] = time.perf_counter() - started
    return site, selection


def _check_selection(
    project: Project, selection: Selection, diagnostics: Diagnostics, session: Session
) -> None:
    check_references(selection.site, selection, diagnostics, session)
    check_bodies(selection, diagnostics)
    for check in CHECKS:
        check(project, selection, diagnostics, session)


def check_site(
    project: Project,
    options: BuildOptions,
    diagnostics: Diagnostics,
    session: Session | None = None,
) -> None:
    """What `check` runs: every rule `build` runs except rendering, photos included.

    Errors and warnings are about what a build on `options.as_of` publishes, so the verdict
    is build's. Drafts, items in review and scheduled items are checked too; what is wrong
    only there is added as a note: it blocks their publication, not this build.
    """
    session = Session() if session is None else session
    kept = DerivedStore(project.cache_dir / "derived", writable=False)
    with using_language(session.language), session.storing(kept):
        _check(project, options, diagnostics, session)


def _check(
    project: Project, options: BuildOptions, diagnostics: Diagnostics, session: Session
) -> None:
    loaded = load_and_check(project, options, diagnostics, write_cache=False, session=session)
    if loaded is None:
        return
    site, selection = loaded
    check_photos(project, selection, diagnostics, session)
    everything = Diagnostics()
    preview = select(site, replace(options, preview=True))
    _check_selection(project, preview, everything, session)
    check_photos(project, preview, everything, session)
    published = {(d.path, d.line, d.column, d.message) for d in diagnostics}
    for found in everything.sorted():
        if (found.path, found.line, found.column, found.message) not in published:
            diagnostics.note(found.path, found.line, found.column, found.message, found.code)


def compile_site(
    project: Project,
    options: BuildOptions,
    diagnostics: Diagnostics,
    *,
    session: Session | None = None,
    workers: int | None = None,
    progress: bool = False,
) -> CompileResult | None:
    """Compile into `project.compiled_dir`; None (and nothing written) when content has errors.

    `session` is the command's run (session.py); without one, the compile keeps nothing."""
    session = Session() if session is None else session
    kept = DerivedStore(project.cache_dir / "derived")
    with using_language(session.language), long_lived(session), session.storing(kept):
        result = _compile(
            project, options, diagnostics, session, workers=workers, progress=progress
        )
    if result is not None:
        result.derived = kept
    return result


def _compile(
    project: Project,
    options: BuildOptions,
    diagnostics: Diagnostics,
    session: Session,
    *,
    workers: int | None,
    progress: bool,
) -> CompileResult | None:
    timings: dict[str, float] = {}
    parse_cache = ParseCache(project.cache_dir / "parsed", session=session)
    bodies = ConvertedBodies(project.cache_dir / "markdown")
    with ExitStack() as pool:
        ahead: list[ConvertingAhead] = []

        def convert_ahead(stories: dict[str, Story]) -> None:
            # Every story's body, drafts too: which are published is known only after the
            # checks, and the workers convert them while the activity logs are read.
            texts = [story.body for story in stories.values()]
            ahead.append(pool.enter_context(converting_ahead(bodies, texts, workers)))

        loaded = load_and_check(
            project,
            options,
            diagnostics,
            timings,
            cache=parse_cache,
            session=session,
            on_stories=convert_ahead,
        )
        if loaded is None or diagnostics.errors:
            return None
        _, selection = loaded
        context = CompileContext(
            project,
            selection,
            OutputTree(project.compiled_dir),
            diagnostics,
            session,
            workers=workers,
            progress=progress,
            home_sections=list(HOME_SECTIONS),
            community_sections=list(COMMUNITY_SECTIONS),
        )
        started = _generate(context, bodies, ahead, timings)
        if started is None:
            return None
    removed = context.tree.finish()
    timings["pages"] = time.perf_counter() - started
    return CompileResult(
        selection,
        context,
        parse_cache,
        bodies,
        pages_changed=context.tree.changed,
        files_removed=removed,
        timings=timings,
        logs_parsed=parse_cache.misses["activity-log"],
        photos=photos_in_use(context),
    )


def _generate(
    context: CompileContext,
    bodies: ConvertedBodies,
    ahead: list[ConvertingAhead],
    timings: dict[str, float],
) -> float | None:
    """The prepare stages, then, once the workers' bodies are in, the page stages; when the
    pages began, or None when preparing found errors."""
    with converting_into(bodies):
        for stage in PREPARE_STAGES:
            started = time.perf_counter()
            stage(context)
            timings[stage.__module__.rsplit(".", 1)[-1]] = time.perf_counter() - started
        if context.diagnostics.errors:
            return None
        started = time.perf_counter()
        for converting in ahead:
            converting.wait()
            timings["bodies_worker_cpu"] = converting.worker_cpu
        timings["bodies_wait"] = time.perf_counter() - started
        with using_language(context.selection.site.config.language):
            for stage in PAGE_STAGES:
                stage(context)
    return started


def prune_caches(result: CompileResult, *, shared: bool = False) -> Pruned:
    """Once the site `result` compiled is published, drop cache entries nothing needs any
    more (stages/caches.py); `shared`: the shared image cache too."""
    return caches.prune_caches(
        result.context,
        result.photos,
        result.bodies,
        result.parse_cache,
        result.derived,
        shared=shared,
    )
