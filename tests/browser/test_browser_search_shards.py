"""The search box over an index in several shards (render/search.py), in real Chromium: it
merges them and finds in every shard what Node finds (the rest of the browser suite searches
the sample site's single shard)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.diagnostics import Diagnostics
from site_builder.project import Project
from site_builder.render.build import BuildReport
from site_builder.render.search import SEARCH_DIR, build_search_index, indexed_pages, plan_shards

from .browsing import ReaderFactory
from .conftest import serving
from .test_browser_search import WORD, search_on_a_phone

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import search_quality

pytestmark = pytest.mark.browser
PER_SHARD = 8


@pytest.fixture(scope="module")
def sharded_site(
    built: tuple[Project, BuildReport, Diagnostics], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    folder = tmp_path_factory.mktemp("sharded")
    site = folder / "site"
    shutil.copytree(built[0].site_dir, site, ignore=shutil.ignore_patterns(SEARCH_DIR))
    diagnostics = Diagnostics()
    index = build_search_index(
        Project(folder), site, diagnostics, sharded_from=1, largest=PER_SHARD
    )
    assert index is not None and index.shards >= 3, [str(d) for d in diagnostics]
    return site


@pytest.fixture(scope="module")
def site_url(sharded_site: Path) -> Iterator[str]:
    with serving(sharded_site) as url:
        yield url


def test_the_box_finds_a_word_in_every_shard_that_has_it(
    open_reader: ReaderFactory, sharded_site: Path
) -> None:
    expected = search_quality.search(sharded_site, [WORD])[WORD]
    shard_of = {
        "/" + page.rel.removesuffix("index.html"): shard.number
        for shard in plan_shards(indexed_pages(sharded_site), sharded_from=1, largest=PER_SHARD)
        for page in shard.pages
    }
    assert len({shard_of[url] for url in expected}) >= 2, expected
    reader = search_on_a_phone(open_reader, WORD)
    assert reader.page.locator(".sb-search-count").inner_text() == f"找到 {len(expected)} 个结果"
    shown = reader.page.locator(".sb-search-link").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )
    assert set(shown) <= set(expected)
    assert len(shown) == min(10, len(expected))
    assert reader.problems() == []
