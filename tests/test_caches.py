"""What the build's speed relies on, at small scale (docs/performance.md).

A rebuild reuses every cache: parsed activity logs, photo derivatives, rendered pages and the
search index; an unchanged project is not rebuilt at all. And a build that used the caches
publishes exactly the bytes of a cold build of the same content. The caches are honest: a
parsed file made by other code is not reused, and what no page and no draft uses any more is
pruned after a full build.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from pathlib import Path

import pytest
from PIL import Image

from site_builder.compiler import compile_site
from site_builder.diagnostics import Diagnostics
from site_builder.images import ImageCache
from site_builder.load.lazy_list import LazyList
from site_builder.load.parse_cache import ParseCache, code_fingerprint
from site_builder.load.reader import load_site
from site_builder.markup import forget_conversions
from site_builder.project import Project
from site_builder.render import incremental, search
from site_builder.render.build import BuildReport, build_site
from site_builder.render.mkdocs_engine import MkDocsEngine
from site_builder.selection import BuildOptions

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import Scale, generate  # noqa: E402

OPTIONS = BuildOptions(as_of=dt.date(2025, 7, 1))
SCALE = Scale(stories=24, communities=2, records=240, photos=2)


def build(project: Project, *, prune_shared: bool = False) -> BuildReport:
    diagnostics = Diagnostics()
    report = build_site(project, OPTIONS, diagnostics, workers=1, prune_shared=prune_shared)
    assert diagnostics.sorted() == []
    assert report.ok
    return report


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def story_page(project: Project, slug: str) -> Path:
    return project.site_dir / "stories" / slug / "index.html"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    generate(tmp_path / "archive", SCALE)
    return Project(tmp_path / "archive")


def converted_bodies(project: Project) -> int:
    return len(cached_files(project, "markdown"))


def cached_files(project: Project, cache: str) -> set[str]:
    folder = project.cache_dir / cache
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def stories_with_photos(project: Project) -> list[Path]:
    stories = sorted((project.content_dir / "stories").glob("*.md"))
    return [p for p in stories if "\nphotos:" in p.read_text(encoding="utf-8")]


def cold_copy(project: Project, folder: Path) -> Project:
    """The same content in a folder with no cache, built from nothing."""
    fresh = Project(folder)
    fresh.root.mkdir()
    for name in ("content", "themes"):
        shutil.copytree(project.root / name, fresh.root / name)
    shutil.copy(project.mkdocs_file, fresh.mkdocs_file)
    forget_conversions()
    build(fresh)
    return fresh


def published_slugs(project: Project) -> list[str]:
    return sorted(
        p.stem
        for p in (project.content_dir / "stories").glob("*.md")
        if "status: published" in p.read_text(encoding="utf-8")
    )


@pytest.mark.slow
def test_rebuilds_reuse_every_cache_and_match_a_cold_build(
    project: Project, tmp_path: Path
) -> None:
    cold = build(project)
    assert cold.compiled is not None and cold.compiled.logs_parsed > 0
    assert cold.compiled.context.photo_batch.processed == SCALE.photos
    assert not cold.incremental and cold.search is not None and not cold.search.reused

    # Nothing changed: nothing to do.
    assert build(project).up_to_date

    # One story edited: logs and photos come from their caches, only pages that show the
    # story are rendered again, the search index is rebuilt for the new text.
    edited, untouched = published_slugs(project)[:2]
    untouched_stamp = story_page(project, untouched).stat().st_mtime_ns
    source = project.content_dir / "stories" / f"{edited}.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n新加的一句话。\n", encoding="utf-8")
    bodies = converted_bodies(project)
    forget_conversions()  # as a new build process starts: bodies come from .cache/markdown/
    warm = build(project)
    # The edited body only was converted again; its old conversion was pruned.
    assert warm.pruned is not None and warm.pruned.bodies == 1
    assert converted_bodies(project) == bodies
    assert warm.incremental and not warm.up_to_date
    assert warm.compiled is not None and warm.compiled.logs_parsed == 0
    batch = warm.compiled.context.photo_batch
    assert batch.processed == 0 and batch.reused == SCALE.photos
    assert warm.search is not None and not warm.search.reused
    assert "新加的一句话" in story_page(project, edited).read_text(encoding="utf-8")
    assert story_page(project, untouched).stat().st_mtime_ns == untouched_stamp

    # The same content built from nothing publishes the same bytes.
    fresh = cold_copy(project, tmp_path / "fresh")
    assert tree(fresh.site_dir) == tree(project.site_dir)


@pytest.mark.slow
def test_a_page_removed_from_the_content_leaves_the_site(project: Project) -> None:
    build(project)
    gone = published_slugs(project)[0]
    story = project.content_dir / "stories" / f"{gone}.md"
    # Its photos go with it, as staff remove them: left behind they are unused files.
    for photo in re.findall(r"^\s+(?:- )?file: (\S+)$", story.read_text("utf-8"), re.M):
        (story.parent / photo).unlink()
    story.unlink()
    for log in (project.content_dir / "activities").rglob("*.yml"):
        text = log.read_text(encoding="utf-8")
        log.write_text(text.replace(f"story: {gone}\n", ""), encoding="utf-8")
    for collection in (project.content_dir / "collections").glob("*.md"):
        text = collection.read_text(encoding="utf-8")
        collection.write_text(text.replace(f"  - story: {gone}\n", ""), encoding="utf-8")
    report = build(project)
    assert report.incremental
    assert not story_page(project, gone).exists()


@pytest.mark.slow
def test_a_build_prunes_what_nothing_uses_and_keeps_what_the_preview_needs(
    project: Project, tmp_path: Path
) -> None:
    forget_conversions()  # each build as a new process: every body it converts is on disk
    build(project)
    images = ImageCache(project.image_cache_dir)
    assert len(images.keys()) == SCALE.photos
    parsed = cached_files(project, "parsed")
    replaced, drafted = stories_with_photos(project)
    # One photo replaced by another picture; one story with a photo made a draft, which only
    # the preview (`serve`) shows; one story's text edited.
    photo = replaced.parent / "photos" / f"{replaced.stem}.jpg"
    Image.new("RGB", (800, 600), "teal").save(photo, "JPEG")
    text = drafted.read_text(encoding="utf-8")
    drafted.write_text(text.replace("status: published", "status: draft"), encoding="utf-8")
    edited = project.content_dir / "stories" / f"{published_slugs(project)[0]}.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n改过的一句。\n", encoding="utf-8")
    before = images.keys()
    forget_conversions()
    report = build(project)

    assert report.pruned is not None
    assert report.pruned.photos == 1 and report.pruned.bodies >= 2 and report.pruned.parsed == 2
    after = images.keys()
    assert len(after - before) == 1 and len(before - after) == 1  # the replaced photo's
    # What stays is what a cold build of the same content makes, and the draft's photo and
    # body, which the preview shows.
    fresh = cold_copy(project, tmp_path / "fresh")
    assert tree(fresh.site_dir) == tree(project.site_dir)
    cold = ImageCache(fresh.image_cache_dir).keys()
    assert len(after - cold) == 1 and cold <= after
    bodies, cold_bodies = cached_files(project, "markdown"), cached_files(fresh, "markdown")
    assert len(bodies - cold_bodies) == 1 and cold_bodies <= bodies  # and the draft's body
    assert cached_files(project, "parsed") == cached_files(fresh, "parsed")
    assert len(cached_files(project, "parsed") - parsed) == 2  # the two stories changed
    # The preview finds the draft's photo in the cache.
    diagnostics = Diagnostics()
    preview = BuildOptions(as_of=OPTIONS.as_of, preview=True)
    compiled = compile_site(project, preview, diagnostics, workers=1)
    assert compiled is not None and compiled.context.photo_batch is not None
    assert compiled.context.photo_batch.processed == 0


@pytest.mark.slow
def test_results_over_the_logs_are_kept_on_disk_while_no_log_changes(
    project: Project, tmp_path: Path
) -> None:
    """The rollup, open-data files, statistics pages and scans of the logs (derived.py) come
    from .cache/derived/ in a new process while no log changed; so do the pages of the stories
    whose page's inputs are unchanged: the edited story's page alone is generated again."""
    cold = build(project)
    assert cold.compiled is not None and cold.compiled.derived is not None
    made = cold.compiled.derived.stored
    assert made >= 5 and cold.compiled.derived.found == 0
    pages = project.cache_dir / "derived" / "stories.page"
    assert len(list(pages.glob("*.pickle"))) == len(published_slugs(project))

    story = project.content_dir / "stories" / f"{published_slugs(project)[0]}.md"
    story.write_text(story.read_text(encoding="utf-8") + "\n又改了一句。\n", encoding="utf-8")
    edited = build(project)
    assert edited.compiled is not None and edited.compiled.derived is not None
    # Over the logs nothing: only the edited story's page and possible names are made again.
    assert (edited.compiled.derived.found, edited.compiled.derived.stored) == (made - 2, 2)
    assert edited.pruned is not None and edited.pruned.derived == 2  # their old entries
    assert "又改了一句" in story_page(project, story.stem).read_text(encoding="utf-8")
    # Nothing needed the records themselves: no log's records were read from the parse cache.
    logs = edited.compiled.selection.site.activity_logs
    assert logs and all(isinstance(log.activities, LazyList) for log in logs)
    assert not any(log.activities.filled for log in logs)
    assert tree(project.site_dir) == tree(cold_copy(project, tmp_path / "fresh").site_dir)


def add_record(log: Path) -> None:
    log.write_text(
        log.read_text(encoding="utf-8")
        + f"\n  - date: {log.stem}-06-01\n    title: 缓存测试新增的活动\n"
        + "    category: health\n    beneficiaries: 12\n    volunteers: 3\n",
        encoding="utf-8",
    )


# Results computed over each log's records on their own (the log's share), and those merged
# from every log's shares.
LOG_SHARES = {
    "privacy.activity-log",
    "editorial.records",
    "stats.rollup",
    "stats.activity-rows",
    "gallery.record-albums",
    "selection.count",
    "selection.stories",
    "photos.records",
}
# Results over each log itself (every record, whatever its status), on one shelf each.
LOG_OWN = {"references.story-links", "photos.preview", "unused_files.photos"}
MERGED = {"stats.rollup", "stats.activities", "stats.downloads", "stats.pages"}
PAGES = {"stories.page"}  # generated pages, kept by their inputs


def test_a_record_added_to_one_log_recomputes_that_logs_shares_only(
    project: Project, tmp_path: Path
) -> None:
    """After a record is added to one log, the results over the other logs' records come
    from .cache/derived/; that log's shares and what merges the shares are computed again."""
    build(project)
    store = project.cache_dir / "derived"
    kept = {p.relative_to(store).as_posix() for p in store.glob("*/*.pickle")}
    logs = sorted((project.content_dir / "activities").glob("*/*.yml"))
    assert len(logs) > 2
    # Each story's possible names are kept on their own (privacy.names.<slug>), not a log's.
    names = {p.split("/")[0] for p in kept if p.startswith("privacy.names.")}
    assert names == {f"privacy.names.{slug}" for slug in published_slugs(project)}
    shares = {p.split("/")[0] for p in kept if not p.startswith("privacy.names.")}
    shares -= MERGED | PAGES | LOG_OWN
    assert shares == {f"{n}.{log.parent.name}.{log.name}" for n in LOG_SHARES for log in logs}

    log = logs[0]
    add_record(log)
    added = build(project)
    assert added.compiled is not None and added.compiled.derived is not None
    now = {p.relative_to(store).as_posix() for p in store.glob("*/*.pickle")}
    made = {name.split("/")[0] for name in now - kept}
    assert made == {f"{n}.{log.parent.name}.{log.name}" for n in LOG_SHARES} | MERGED | LOG_OWN
    derived = added.compiled.derived
    assert (derived.found, derived.stored) == (len(kept) - len(made), len(made))
    assert added.pruned is not None and added.pruned.derived == len(made)
    opened = (project.site_dir / "data" / "activities.csv").read_text(encoding="utf-8-sig")
    assert "缓存测试新增的活动" in opened
    fresh = cold_copy(project, tmp_path / "fresh")
    assert tree(fresh.site_dir) == tree(project.site_dir)


@pytest.mark.slow
def test_a_render_over_links_never_writes_into_the_published_site(
    project: Project, tmp_path: Path
) -> None:
    """The staging folder of an incremental build links to the published files; the pages it
    renders again are new files, never written through a link (render/incremental.py)."""
    build(project)
    published = tree(project.site_dir)
    staged = tmp_path / "staged"
    staged.mkdir()
    incremental.seed_from(project.site_dir, staged, skip=(search.SEARCH_DIR,))
    page = sorted((project.compiled_dir / "stories").glob("*/index.md"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\n\n只在新网站里的一句。\n", "utf-8")
    diagnostics = Diagnostics()
    assert MkDocsEngine().render(project, staged, diagnostics, as_of=OPTIONS.as_of, dirty=True)
    assert diagnostics.sorted() == []
    assert tree(project.site_dir) == published
    rendered = staged / "stories" / page.parent.name / "index.html"
    assert "只在新网站里的一句" in rendered.read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_shared_image_cache_is_pruned_only_when_told(project: Project) -> None:
    config = project.content_dir / "site.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("images:\n", "images:\n  cache: shared-images\n"), "utf-8")
    shared = ImageCache(project.root / "shared-images")
    build(project)
    assert len(shared.keys()) == SCALE.photos
    replaced = stories_with_photos(project)[0]
    Image.new("RGB", (800, 600), "teal").save(
        replaced.parent / "photos" / f"{replaced.stem}.jpg", "JPEG"
    )
    report = build(project)
    assert report.pruned is not None and report.pruned.photos == 0
    assert len(shared.keys()) == SCALE.photos + 1  # other sites may use the old entry
    edited = project.content_dir / "stories" / f"{published_slugs(project)[0]}.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n又一句。\n", encoding="utf-8")
    told = build(project, prune_shared=True)
    assert told.pruned is not None and told.pruned.photos == 1
    assert len(shared.keys()) == SCALE.photos


def test_parsed_files_made_by_other_code_are_not_reused(project: Project, tmp_path: Path) -> None:
    """The parse cache's key holds a fingerprint of the code that made the entries: a model
    changed without anyone bumping a version number misses every old entry."""
    folder = tmp_path / "parsed"

    def load(code: str) -> ParseCache:
        cache = ParseCache(folder, code=code)
        site = load_site(project, Diagnostics(), cache)
        assert site is not None
        assert sum(len(log.activities) for log in site.activity_logs) > 0  # records read too
        return cache

    current = code_fingerprint()
    first = load(current)
    assert first.hits == 0 and sum(first.misses.values()) > 0
    again = load(current)
    assert again.hits == len(again.used) and not again.misses

    # The same package with one field's default changed in the model.
    package = tmp_path / "site_builder"
    shutil.copytree(ROOT / "site_builder", package, ignore=shutil.ignore_patterns("__pycache__"))
    story = package / "model" / "story.py"
    source = story.read_text(encoding="utf-8")
    assert "class Story(" in source
    story.write_text(source + "\n# a change to the model\n", encoding="utf-8")
    changed = code_fingerprint(package)
    assert changed != current
    stale = load(changed)
    assert stale.hits == 0 and sum(stale.misses.values()) == sum(first.misses.values())

    # Code the loader does not reach (a page generator) leaves the key alone.
    unreached = tmp_path / "unreached" / "site_builder"
    shutil.copytree(ROOT / "site_builder", unreached, ignore=shutil.ignore_patterns("__pycache__"))
    home = unreached / "pages" / "home.py"
    home.write_text(home.read_text(encoding="utf-8") + "\n# a change to a page\n", "utf-8")
    assert code_fingerprint(unreached) == current


def test_a_changed_page_template_is_a_change_to_the_build(project: Project, tmp_path: Path) -> None:
    """The build's fingerprint covers every file of the program: a template edited with the
    content unchanged builds again instead of finding the site up to date."""
    package = tmp_path / "site_builder"
    shutil.copytree(ROOT / "site_builder", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = incremental.render_fingerprint(project, "mkdocs", "1", package)
    template = package / "templates" / "story.md"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert incremental.render_fingerprint(project, "mkdocs", "1", package) != before


def test_a_change_to_the_code_that_makes_the_search_index_makes_a_new_one(
    tmp_path: Path,
) -> None:
    """The search index is kept by a key of the pages and of the code that indexes them (the
    copy Pagefind reads, its command line): no version number to remember to bump."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>志愿服务</p>", encoding="utf-8")
    sources = tuple(shutil.copy(p, tmp_path / p.name) for p in search._INDEXER_SOURCES)
    copies = tuple(Path(p) for p in sources)
    before = search.index_key(site, copies)
    assert search.index_key(site, copies) == before
    text = copies[1].read_text(encoding="utf-8")
    copies[1].write_text(text.replace('BOUNDARY = "\\u2063"', 'BOUNDARY = "\\u2064"'), "utf-8")
    assert search.index_key(site, copies) != before
