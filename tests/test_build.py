"""A full build of the sample content: pages, links, no foreign requests, Chinese search."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import assert_every_page_read

from site_builder.diagnostics import Diagnostics
from site_builder.project import Project
from site_builder.render.build import BuildReport

# Every test here reads the sample site built once (conftest `built`): a full build.
pytestmark = pytest.mark.slow

Built = tuple[Project, BuildReport, Diagnostics]

PUBLISHED = ["fengze-lianxin-huayuan", "taihe-yige-guanzhong-de-juchang", "jixiangyuan-tongxinyuan"]
DRAFT = "fengze-zhiyuan-daji"


def page(built: Built, url: str) -> str:
    return (built[0].site_dir / url / "index.html").read_text(encoding="utf-8")


def test_sample_site_builds_without_warnings(built: Built) -> None:
    _, report, diagnostics = built
    assert diagnostics.sorted() == []
    assert report.ok


def test_compiled_tree_is_plain_markdown(built: Built) -> None:
    compiled = built[0].compiled_dir
    for slug in PUBLISHED:
        text = (compiled / f"stories/{slug}/index.md").read_text(encoding="utf-8")
        assert text.startswith("---\ntitle: ")
    assert not (compiled / f"stories/{DRAFT}/index.md").exists()
    assert {
        p.relative_to(compiled).as_posix() for p in (compiled / "communities").rglob("*.md")
    } == {
        "communities/index.md",
        "communities/fengze/index.md",
        "communities/taihe/index.md",
        "communities/jixiangyuan/index.md",
    }


def test_story_page_shows_its_facts(built: Built) -> None:
    html = page(built, "stories/taihe-yige-guanzhong-de-juchang")
    for fact in (
        "赵琳琳",
        "泰合社区党委书记",
        "泰合社区",
        "2025年5月20日",
        "一老",
        "一小",
        "#一老一小",
    ):
        assert fact in html
    assert 'href="../../communities/taihe/"' in html
    assert 'href="../../narrators/' in html
    assert 'rel="prev"' in html or 'rel="next"' in html
    assert "约 3 分钟" in html or "约 2 分钟" in html


def test_story_pages_are_not_in_the_navigation(built: Built) -> None:
    html = page(built, "stories/taihe-yige-guanzhong-de-juchang")
    nav = re.search(r'<nav class="md-tabs".*?</nav>', html, re.S)
    assert nav is not None
    assert "fengze-lianxin-huayuan" not in nav.group(0)
    assert len(html.encode()) < 40_000


def test_community_page_shows_profile_and_stories(built: Built) -> None:
    html = page(built, "communities/jixiangyuan")
    for figure in ("74", "3,660", "5,478", "1,481", "748"):
        assert figure in html
    assert "stories/jixiangyuan-tongxinyuan/" in html


def test_home_lists_stories_communities_and_collection(built: Built) -> None:
    html = page(built, "")
    for slug in PUBLISHED:
        assert f"stories/{slug}/" in html
    for community in ("丰泽社区", "泰合社区", "吉祥园社区"):
        assert community in html
    assert "collections/shouhu-zhaoxi-meihao/" in html
    assert '<html lang="zh"' in html


def test_collection_keeps_editor_order_and_headlines(built: Built) -> None:
    html = page(built, "collections/shouhu-zhaoxi-meihao")
    headlines = [
        "答案就在琐碎而坚韧的日常",
        "“一个观众的剧场”温暖不止一个人",
        "“吉祥同心圆”解锁最柔软的牵挂",
    ]
    positions = [html.find(h) for h in headlines]
    assert -1 not in positions and positions == sorted(positions)
    assert "编者按" in html


def test_archive_and_tags(built: Built) -> None:
    assert "stories/taihe-yige-guanzhong-de-juchang/" in page(built, "archive/2025")
    tags = page(built, "tags")
    assert "#一老一小" in tags


def test_draft_appears_nowhere(built: Built) -> None:
    site = built[0].site_dir
    read = []
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".csv", ".txt"}:
            assert DRAFT not in path.read_text(encoding="utf-8", errors="replace"), path
            read.append(path)
    assert_every_page_read(site, read)
    assert {"feed.xml", "sitemap.xml", "activities.csv", "datapackage.json"} <= {
        p.name for p in read
    }


_FETCHING_TAG = re.compile(r"<(script|img|source|iframe|link)\b[^>]*>", re.I)
_URL_ATTRIBUTE = re.compile(r"""\b(src|srcset|href)=["']([^"']*)["']""", re.I)
_CSS_URL = re.compile(r"""url\(\s*["']?([^)"']+)""", re.I)


def _fetched_urls(path: Path) -> list[str]:
    """URLs a browser would fetch on its own from this file (not plain links)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".css":
        return _CSS_URL.findall(text)
    urls = []
    for tag in _FETCHING_TAG.finditer(text):
        element = tag.group(0)
        if tag.group(1).lower() == "link" and not re.search(
            r"""rel=["'](stylesheet|preload|modulepreload|icon|manifest|prefetch)""", element
        ):
            continue
        for _, value in _URL_ATTRIBUTE.findall(element):
            urls.extend(part.strip().split(" ")[0] for part in value.split(","))
    return urls


def test_no_request_leaves_the_site(built: Built) -> None:
    site = built[0].site_dir
    read = [p for p in site.rglob("*") if p.is_file() and p.suffix in {".html", ".css"}]
    offenders = [
        (path.relative_to(site).as_posix(), url)
        for path in read
        for url in _fetched_urls(path)
        if re.match(r"^(https?:)?//", url)
    ]
    assert offenders == []
    assert_every_page_read(site, read)
    assert any(p.suffix == ".css" for p in read)
    assert "fonts.googleapis" not in page(built, "")


def _search(site: Path, word: str) -> dict[str, object]:
    """Run Pagefind's own search code (in Node) over the built site's index."""
    script = Path(__file__).resolve().parent.parent / "benchmarks" / "search_bytes.mjs"
    done = subprocess.run(
        ["node", str(script), str(site), word], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize(
    ("word", "slug"),
    [("皮影", "taihe-yige-guanzhong-de-juchang"), ("针灸", "jixiangyuan-tongxinyuan")],
)
def test_chinese_search_finds_a_word_from_the_body(built: Built, word: str, slug: str) -> None:
    story_source = (built[0].root / f"content/stories/{slug}.md").read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", story_source, re.M)
    assert title is not None and word not in title.group(1) and word in story_source
    found = _search(built[0].site_dir, word)
    assert f"/stories/{slug}/" in found["first"]  # type: ignore[operator]
    # Chunked: a first search fetches a small part of the index, not the whole of it.
    assert isinstance(found["total"], int) and found["total"] < 500 * 1024


def test_search_box_is_pagefinds_and_material_index_is_gone(built: Built) -> None:
    site = built[0].site_dir
    assert not (site / "search" / "search_index.json").exists()
    assert (site / "pagefind" / "pagefind.js").is_file()
    html = page(built, "")
    assert 'class="sb-search-input"' in html
    assert "data-sb-search=" in html and "assets/search.js" in html
    # Drafts are never rendered, so never indexed; the published story with the word is found.
    urls = _search(site, "磨刀")["first"]
    assert isinstance(urls, list)
    assert "/stories/fengze-lianxin-huayuan/" in urls
    assert not any(DRAFT in url for url in urls)


def test_activity_photos_have_an_album_reached_from_the_community(built: Built) -> None:
    album = page(built, "gallery/taihe")
    assert 'id="taihe-a-2025-' in album  # the theatre record's photo, under the record's title
    assert 'id="story-taihe-yige-guanzhong-de-juchang"' in album
    assert 'href="../../gallery/taihe/"' in page(built, "communities/taihe")
