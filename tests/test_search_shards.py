"""The search index in shards (render/search.py): the merged shards find what one index finds,
and an edited page has only its own shard indexed again."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from site_builder.diagnostics import Diagnostics
from site_builder.project import Project
from site_builder.render.build import BuildReport
from site_builder.render.search import (
    SEARCH_DIR,
    SHARDS_FILE,
    IndexedPage,
    build_search_index,
    plan_shards,
)
from site_builder.render.search_delta import DELTA_FROM

sys.path.insert(0, str(ROOT / "benchmarks"))
import search_quality

PER_SHARD = 8  # the sample site's pages make several shards of this size


def pages_without_index(built: tuple[Project, BuildReport, Diagnostics], target: Path) -> Path:
    project, _, _ = built
    shutil.copytree(project.site_dir, target, ignore=shutil.ignore_patterns(SEARCH_DIR))
    return target


def index(
    site: Path,
    cache: Path,
    sharded_from: int = 1,
    largest: int = PER_SHARD,
    delta_from: int = DELTA_FROM,
) -> int:
    """Index `site` with its kept shards under `cache`; how many indexes Pagefind made."""
    shutil.rmtree(site / SEARCH_DIR, ignore_errors=True)
    diagnostics = Diagnostics()
    report = build_search_index(
        Project(cache), site, diagnostics, sharded_from, largest, delta_from
    )
    assert report is not None, [str(d) for d in diagnostics]
    return report.built


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_page_keeps_its_shard_when_another_page_changes() -> None:
    pages = [IndexedPage(f"stories/{n}/index.html", bytes([n]), "") for n in range(40)]
    before = plan_shards(pages, sharded_from=1, largest=PER_SHARD)
    assert len(before) == 5
    assert sorted(p.rel for s in before for p in s.pages) == sorted(p.rel for p in pages)
    edited = [*pages[:7], pages[7]._replace(digest=b"new"), *pages[8:]]
    after = plan_shards(edited, sharded_from=1, largest=PER_SHARD)
    changed = [a for a, b in zip(before, after, strict=True) if a.key != b.key]
    assert [[p.rel for p in s.pages] for s in changed] == [
        [p.rel for p in s.pages] for s in before if pages[7] in s.pages
    ]


@pytest.mark.slow
def test_sharded_search_finds_what_one_index_finds(
    built: tuple[Project, BuildReport, Diagnostics], tmp_path: Path
) -> None:
    whole = pages_without_index(built, tmp_path / "whole")
    sharded = pages_without_index(built, tmp_path / "sharded")
    assert index(whole, tmp_path / "one", sharded_from=100_000) == 1
    built_shards = index(sharded, tmp_path / "many")
    listed = json.loads((sharded / SEARCH_DIR / SHARDS_FILE).read_text(encoding="utf-8"))
    assert built_shards >= 3 and len(listed["shards"]) == built_shards - 1
    texts = search_quality.page_texts(whole)
    queries = ["志愿服务", "社区治理", "皮影", *search_quality.sample_terms(texts, 30)]
    one, many = search_quality.search(whole, queries), search_quality.search(sharded, queries)
    assert {q: sorted(urls) for q, urls in many.items()} == {
        q: sorted(urls) for q, urls in one.items()
    }
    assert sum(len(urls) for urls in many.values()) > len(queries)


@pytest.mark.slow
def test_an_edited_page_reindexes_its_shard_only_and_matches_a_cold_index(
    built: tuple[Project, BuildReport, Diagnostics], tmp_path: Path
) -> None:
    site = pages_without_index(built, tmp_path / "site")
    shards = index(site, tmp_path / "warm")
    segmented = Project(tmp_path / "warm").cache_dir / "search" / ".segmented"
    copies = {p.name for p in segmented.iterdir()}
    story = sorted((site / "stories").glob("*/index.html"))[0]
    html = story.read_text(encoding="utf-8")
    added = r"\1<p>编辑后新加的句子：琉璃灯会</p>"
    story.write_text(re.sub(r"(data-pagefind-body[^>]*>)", added, html, count=1), encoding="utf-8")
    assert index(site, tmp_path / "warm") == 1 < shards
    # The one page that changed was cut again; every other copy was kept, the old one dropped.
    now = {p.name for p in segmented.iterdir()}
    assert len(now - copies) == 1 and len(copies - now) == 1
    found = search_quality.search(site, ["琉璃灯会"])["琉璃灯会"]
    assert found == ["/" + story.parent.relative_to(site).as_posix() + "/"]
    warm = files(site / SEARCH_DIR)
    assert index(site, tmp_path / "cold") == shards
    assert files(site / SEARCH_DIR) == warm
