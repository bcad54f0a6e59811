"""Story bodies converted in worker processes (stages/story_pool.py) give the serial path's
bytes: the same kept conversions, and the same compiled tree."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.compiler import compile_site
from site_builder.diagnostics import Diagnostics
from site_builder.load.parse_cache import ParseCache
from site_builder.load.reader import load_site
from site_builder.markup import ConvertedBodies, forget_conversions
from site_builder.project import Project
from site_builder.selection import BuildOptions, select
from site_builder.session import Session
from site_builder.stages.story_pool import converting_ahead

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import Scale, generate  # noqa: E402

OPTIONS = BuildOptions(as_of=dt.date(2025, 7, 1))
SCALE = Scale(stories=24, communities=2, records=240, photos=2)


@pytest.fixture(autouse=True)
def forgetting_conversions() -> Iterator[None]:
    """This process remembers converted bodies by text, whatever the store: a later test on the
    same generated text would find them here and write none into its own store."""
    yield
    forget_conversions()


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def compiled(project: Project) -> dict[str, bytes]:
    diagnostics = Diagnostics()
    result = compile_site(project, OPTIONS, diagnostics, workers=1)
    assert result is not None, diagnostics.sorted()
    return files(project.compiled_dir)


def published_bodies(project: Project) -> list[str]:
    site = load_site(project, Diagnostics(), ParseCache(None))
    assert site is not None
    return [story.body for story in select(site, OPTIONS, Session()).stories]


def test_bodies_converted_in_workers_compile_to_the_serial_paths_bytes(tmp_path: Path) -> None:
    generate(tmp_path / "archive", SCALE)
    project = Project(tmp_path / "archive")
    forget_conversions()
    serial_tree = compiled(project)  # 24 bodies: under the threshold, converted in this process
    serial_kept = files(project.cache_dir / "markdown")
    assert len(serial_kept) >= SCALE.stories

    for cache in ("markdown", "compiled"):
        shutil.rmtree(project.cache_dir / cache)
    forget_conversions()  # nothing remembered in this process: the pages read what workers kept
    bodies = published_bodies(project)
    store = ConvertedBodies(project.cache_dir / "markdown")
    with converting_ahead(store, bodies, workers=2, min_bodies=1) as ahead:
        converted = ahead.wait()
    assert converted == len(set(bodies))
    assert all(store.has(body) for body in bodies)
    kept_by_workers = files(project.cache_dir / "markdown")
    assert len(kept_by_workers) == len(set(bodies))
    assert kept_by_workers == {name: serial_kept[name] for name in kept_by_workers}

    assert compiled(project) == serial_tree
    assert files(project.cache_dir / "markdown") == serial_kept


def test_few_or_already_kept_bodies_start_no_workers(tmp_path: Path) -> None:
    store = ConvertedBodies(tmp_path / "markdown")
    bodies = [f"第{n}段,**加粗**。" for n in range(5)]
    with converting_ahead(store, bodies, workers=2, min_bodies=10) as ahead:
        assert ahead.futures == []
    assert not (tmp_path / "markdown").exists()

    store.html(bodies[0])
    with converting_ahead(store, bodies[:1], workers=2, min_bodies=1) as ahead:
        assert ahead.futures == []  # the only body is kept already
