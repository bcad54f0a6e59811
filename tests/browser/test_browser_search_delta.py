"""The search box over large shards and the delta index of an edited page
(render/search_delta.py), in real Chromium: the edited page is found once, by its new text."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.diagnostics import Diagnostics
from site_builder.project import Project
from site_builder.render.build import BuildReport
from site_builder.render.search import SEARCH_DIR, SHARDS_FILE, build_search_index
from site_builder.render.search_delta import DELTA_FOLDER

from .browsing import ReaderFactory
from .conftest import serving
from .test_browser_search import search_on_a_phone

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import search_quality

pytestmark = pytest.mark.browser
PER_SHARD = 8
KEPT, NEW = "铜锣湾共同句", "琉璃灯会新句"  # in both versions of the story; in the new one


def index(folder: Path, site: Path) -> int:
    shutil.rmtree(site / SEARCH_DIR, ignore_errors=True)
    diagnostics = Diagnostics()
    made = build_search_index(Project(folder), site, diagnostics, 1, PER_SHARD, delta_from=1)
    assert made is not None, [str(d) for d in diagnostics]
    return made.built


def add(page: Path, sentence: str) -> None:
    html = page.read_text(encoding="utf-8")
    body = "data-pagefind-body>"
    page.write_text(html.replace(body, f"{body}<p>{sentence}</p>", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def edited_site(
    built: tuple[Project, BuildReport, Diagnostics], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, str]:
    """The sample site in shards, then one story edited and indexed in the delta: the site and
    the story's address."""
    folder = tmp_path_factory.mktemp("delta")
    site = folder / "site"
    shutil.copytree(built[0].site_dir, site, ignore=shutil.ignore_patterns(SEARCH_DIR))
    story = sorted((site / "stories").glob("*/index.html"))[0]
    add(story, KEPT)
    index(folder, site)
    add(story, NEW)
    assert index(folder, site) == 1
    listed = json.loads((site / SEARCH_DIR / SHARDS_FILE).read_text(encoding="utf-8"))
    assert DELTA_FOLDER in listed["shards"] and listed["hidden"]
    return site, "/" + story.parent.relative_to(site).as_posix() + "/"


@pytest.fixture(scope="module")
def site_url(edited_site: tuple[Path, str]) -> Iterator[str]:
    with serving(edited_site[0]) as url:
        yield url


def test_the_box_finds_an_edited_page_once(
    open_reader: ReaderFactory, edited_site: tuple[Path, str]
) -> None:
    site, story = edited_site
    # The older version, still in its large shard, would answer KEPT too: it is hidden.
    for query in (KEPT, NEW):
        assert search_quality.search(site, [query])[query] == [story]
        reader = search_on_a_phone(open_reader, query)
        assert reader.page.locator(".sb-search-count").inner_text() == "找到 1 个结果"
        shown = reader.page.locator(".sb-search-link").evaluate_all(
            "links => links.map(a => new URL(a.href).pathname)"
        )
        assert shown == [story]
        assert reader.problems() == []
