"""What the build's speed relies on, at small scale (docs/performance.md).

A rebuild reuses every cache: parsed activity logs, photo derivatives, rendered pages and the
search index; an unchanged project is not rebuilt at all. And a build that used the caches
publishes exactly the bytes of a cold build of the same content.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest

from site_builder.diagnostics import Diagnostics
from site_builder.markup import forget_conversions
from site_builder.project import Project
from site_builder.render.build import BuildReport, build_site
from site_builder.selection import BuildOptions

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import Scale, generate  # noqa: E402

OPTIONS = BuildOptions(as_of=dt.date(2025, 7, 1))
SCALE = Scale(stories=24, communities=2, records=240, photos=2)


def build(project: Project) -> BuildReport:
    diagnostics = Diagnostics()
    report = build_site(project, OPTIONS, diagnostics, workers=1)
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
    return len(list((project.cache_dir / "markdown").glob("*/*.html")))


def published_slugs(project: Project) -> list[str]:
    return sorted(
        p.stem
        for p in (project.content_dir / "stories").glob("*.md")
        if "status: published" in p.read_text(encoding="utf-8")
    )


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
    assert converted_bodies(project) == bodies + 1  # the edited body only
    assert warm.incremental and not warm.up_to_date
    assert warm.compiled is not None and warm.compiled.logs_parsed == 0
    batch = warm.compiled.context.photo_batch
    assert batch.processed == 0 and batch.reused == SCALE.photos
    assert warm.search is not None and not warm.search.reused
    assert "新加的一句话" in story_page(project, edited).read_text(encoding="utf-8")
    assert story_page(project, untouched).stat().st_mtime_ns == untouched_stamp

    # The same content built from nothing publishes the same bytes.
    fresh = Project(tmp_path / "fresh")
    fresh.root.mkdir()
    for name in ("content", "themes"):
        shutil.copytree(project.root / name, fresh.root / name)
    shutil.copy(project.mkdocs_file, fresh.mkdocs_file)
    forget_conversions()
    build(fresh)
    assert tree(fresh.site_dir) == tree(project.site_dir)


def test_a_page_removed_from_the_content_leaves_the_site(project: Project) -> None:
    build(project)
    gone = published_slugs(project)[0]
    (project.content_dir / "stories" / f"{gone}.md").unlink()
    for log in (project.content_dir / "activities").rglob("*.yml"):
        text = log.read_text(encoding="utf-8")
        log.write_text(text.replace(f"story: {gone}\n", ""), encoding="utf-8")
    for collection in (project.content_dir / "collections").glob("*.md"):
        text = collection.read_text(encoding="utf-8")
        collection.write_text(text.replace(f"  - story: {gone}\n", ""), encoding="utf-8")
    report = build(project)
    assert report.incremental
    assert not story_page(project, gone).exists()
