"""The delta index (render/search_delta.py): after an edit of a few pages, the large shards'
indexes are kept as they are, the changed pages are indexed on their own, and the search finds
what a cold index finds: the new text, not the old one, not a removed page, each page once."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_search_shards import index, pages_without_index

from site_builder.diagnostics import Diagnostics
from site_builder.project import Project
from site_builder.render import search_delta
from site_builder.render.build import BuildReport
from site_builder.render.search import SEARCH_DIR, SHARDS_FILE
from site_builder.render.search_delta import DELTA_FOLDER, DELTA_PAGES, Base, Bases, shard_delta

sys.path.insert(0, str(ROOT / "benchmarks"))
import search_quality

OLD, NEW, GONE = "青瓷花瓶旧句", "琉璃灯会新句", "铜锣湾消失句"


def test_a_few_changed_pages_go_to_the_delta_and_many_reindex_the_shard() -> None:
    pages = {f"stories/{n}/index.html": f"{n:04x}:" for n in range(1000)}
    base = Base("base", pages)
    edited = {**pages, "stories/1/index.html": "new:", "stories/new/index.html": "new:"}
    del edited["stories/2/index.html"]
    delta = shard_delta(base, edited, delta_from=500)
    assert delta is not None
    assert sorted(delta.changed) == ["stories/1/index.html", "stories/new/index.html"]
    assert sorted(delta.hidden) == ["stories/1/index.html", "stories/2/index.html"]
    assert shard_delta(base, edited, delta_from=2000) is None  # a small shard: whole
    many = {
        rel: "new:" if n <= DELTA_PAGES else entry for n, (rel, entry) in enumerate(pages.items())
    }
    assert shard_delta(base, many, delta_from=500) is None


def insert(page: Path, sentence: str) -> None:
    html = page.read_text(encoding="utf-8")
    added = rf"\1<p>{sentence}</p>"
    page.write_text(re.sub(r"(data-pagefind-body[^>]*>)", added, html, count=1), encoding="utf-8")


def index_files(cache: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the kept indexes under `cache`, with its bytes and modification time."""
    root = Project(cache).cache_dir / "search"
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file() and not p.relative_to(root).as_posix().startswith(".")
    }


@pytest.mark.slow
def test_an_edited_story_is_indexed_in_the_delta_and_found_as_in_a_cold_index(
    built: tuple[Project, BuildReport, Diagnostics], tmp_path: Path
) -> None:
    site = pages_without_index(built, tmp_path / "site")
    stories = sorted((site / "stories").glob("*/index.html"))
    edited, removed = stories[0], stories[1]
    insert(edited, OLD)
    insert(removed, GONE)
    warm = tmp_path / "warm"
    shards = index(site, warm, delta_from=1)
    before = index_files(warm)
    assert search_quality.search(site, [GONE])[GONE] == [url(site, removed)]

    edited.write_text(edited.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    removed.unlink()
    assert index(site, warm, delta_from=1) == 1  # the delta only
    after = index_files(warm)
    assert {name: after[name] for name in before} == before  # the large shards: untouched
    listed = json.loads((site / SEARCH_DIR / SHARDS_FILE).read_text(encoding="utf-8"))
    assert DELTA_FOLDER in listed["shards"] and len(listed["hidden"]) == 2
    found = search_quality.search(site, [NEW, OLD, GONE])
    assert found == {NEW: [url(site, edited)], OLD: [], GONE: []}
    assert index(site, warm, delta_from=1) == 0  # nothing changed: the delta is kept too

    texts = search_quality.page_texts(site)
    queries = [
        NEW,
        OLD,
        GONE,
        "志愿服务",
        "社区治理",
        "皮影",
        *search_quality.sample_terms(texts, 30),
    ]
    with_delta = search_quality.search(site, queries)
    assert index(site, tmp_path / "cold", delta_from=1) == shards
    listed = json.loads((site / SEARCH_DIR / SHARDS_FILE).read_text(encoding="utf-8"))
    assert DELTA_FOLDER not in listed["shards"] and listed["hidden"] == []
    cold = search_quality.search(site, queries)
    assert {q: sorted(u) for q, u in with_delta.items()} == {q: sorted(u) for q, u in cold.items()}
    assert all(len(set(u)) == len(u) for u in with_delta.values())
    assert sum(len(u) for u in with_delta.values()) > len(queries)


def url(site: Path, page: Path) -> str:
    return "/" + page.parent.relative_to(site).as_posix() + "/"


def test_a_damaged_base_record_means_the_shard_is_indexed_whole(tmp_path: Path) -> None:
    bases = Bases(tmp_path, "plan")
    (tmp_path / "kept").mkdir()
    bases.write(2, 0, Base("kept", {"stories/a/index.html": "00:"}))
    assert bases.read(2, 0, tmp_path) == Base("kept", {"stories/a/index.html": "00:"})
    assert bases.read(2, 1, tmp_path) is None
    record = Path(bases.entries.path("plan-2-0"))
    record.write_text('{"key": "kept"', encoding="utf-8")
    assert bases.read(2, 0, tmp_path) is None


@pytest.mark.slow
def test_past_the_limit_the_shard_is_indexed_whole_and_the_delta_emptied(
    built: tuple[Project, BuildReport, Diagnostics], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = pages_without_index(built, tmp_path / "site")
    stories = sorted((site / "stories").glob("*/index.html"))
    index(site, tmp_path / "warm", delta_from=1)
    insert(stories[0], OLD)
    assert index(site, tmp_path / "warm", delta_from=1) == 1  # the delta
    monkeypatch.setattr(search_delta, "DELTA_PAGES", 0)
    monkeypatch.setattr(search_delta, "DELTA_SHARE", 0.0)
    insert(stories[0], NEW)
    assert index(site, tmp_path / "warm", delta_from=1) == 1  # the story's shard, whole
    listed = json.loads((site / SEARCH_DIR / SHARDS_FILE).read_text(encoding="utf-8"))
    assert DELTA_FOLDER not in listed["shards"] and listed["hidden"] == []
    found = search_quality.search(site, [NEW, OLD])
    assert found == {NEW: [url(site, stories[0])], OLD: [url(site, stories[0])]}
