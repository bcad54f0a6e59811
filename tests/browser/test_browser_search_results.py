"""What the search box lists, in real Chromium on a 390 px phone, under both engines: every
result (更多结果), a traditional-character query finding what the simplified one finds, excerpts
cut from one block of the page, each result's kind, community and date, and a collection after
the stories it gathers (issue 24)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from site_builder.diagnostics import Diagnostics
from site_builder.project import Project
from site_builder.render.build import BuildReport

from .browsing import SCREENSHOTS, Reader, ReaderFactory
from .test_browser_search import WORD, search_on_a_phone

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import search_quality

pytestmark = pytest.mark.browser

Built = tuple[Project, BuildReport, Diagnostics]
KINDS = {"故事", "典型采撷", "社区", "讲述人", "标签", "统计", "图库", "归档", "首页"}
DATE = r"\d{4}年\d{1,2}月\d{1,2}日"


def every_result(reader: Reader) -> list[dict[str, str]]:
    """Press 更多结果 until it is gone; then each result's path, kind, facts and excerpt."""
    page = reader.page
    more = page.locator("button.sb-search-more")
    while more.is_visible():
        listed = page.locator(".sb-search-link").count()
        more.click()
        page.wait_for_function(
            "n => document.querySelectorAll('.sb-search-link').length > n", arg=listed
        )
    return list(
        page.locator(".sb-search-link").evaluate_all(
            """links => links.map(a => ({
              url: new URL(a.href).pathname,
              kind: (a.querySelector('.sb-search-kind') || {}).textContent || '',
              facts: (a.querySelector('.sb-search-facts') || {}).textContent || '',
              excerpt: a.querySelector('.sb-search-excerpt').textContent,
            }))"""
        )
    )


def test_every_result_is_listed_ten_at_a_time_with_a_more_button(
    open_reader: ReaderFactory, engine_built: Built, engine: str
) -> None:
    expected = search_quality.search(engine_built[0].site_dir, [WORD])[WORD]
    assert len(expected) > 10, expected
    reader = search_on_a_phone(open_reader, WORD)
    page = reader.page
    assert page.locator(".sb-search-count").inner_text() == f"找到 {len(expected)} 个结果"
    assert page.locator(".sb-search-link").count() == 10
    more = page.locator("button.sb-search-more")
    assert more.inner_text() == f"更多结果(还有 {len(expected) - 10} 个)"
    box = more.bounding_box()
    assert box is not None and box["height"] >= 44 and box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    more.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(SCREENSHOTS / f"search-more-phone-{engine}.png"), animations="disabled"
    )
    more.click()
    page.wait_for_function(
        "n => document.querySelectorAll('.sb-search-link').length === n", arg=len(expected)
    )
    shown = page.locator(".sb-search-link").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )
    assert shown == expected
    assert not more.is_visible()
    # The keyboard goes on from the first of the new results.
    assert page.evaluate("() => document.activeElement.href") == page.locator(
        ".sb-search-link"
    ).nth(10).evaluate("a => a.href")
    assert reader.problems() == []


def test_a_query_in_traditional_characters_finds_the_same_stories(
    open_reader: ReaderFactory,
) -> None:
    simplified = search_on_a_phone(open_reader, WORD)
    loaded = "() => performance.getEntriesByType('resource').map(e => e.name)"
    assert not any(u.endswith("/t2s.json") for u in simplified.page.evaluate(loaded))
    wanted = every_result(simplified)
    reader = search_on_a_phone(open_reader, "誌願服務")
    count = reader.page.locator(".sb-search-count").inner_text()
    assert count == simplified.page.locator(".sb-search-count").inner_text()
    found = every_result(reader)
    assert [r["url"] for r in found] == [r["url"] for r in wanted]
    # The map of traditional characters is fetched for this query only; the simplified words
    # are marked in the excerpts.
    assert any(u.endswith("/pagefind/t2s.json") for u in reader.page.evaluate(loaded))
    marks = reader.page.locator(".sb-search-excerpt mark").all_inner_texts()
    assert marks and set(marks) == {WORD}
    assert reader.problems() == simplified.problems() == []


def blocks_of(text: str) -> list[str]:
    return [re.sub(r"\s+", "", block) for block in text.split("\n") if block.strip()]


@pytest.mark.parametrize("query", [WORD, "堵心墙", "连心花园", "吉祥园"])
def test_each_excerpt_stands_in_one_block_of_the_page_and_says_what_the_page_is(
    open_reader: ReaderFactory, engine_built: Built, query: str
) -> None:
    texts = search_quality.page_texts(engine_built[0].site_dir)
    reader = search_on_a_phone(open_reader, query)
    results = every_result(reader)
    assert len(results) >= 3
    for result in results:
        excerpt = re.sub(r"\s+", "", result["excerpt"]).strip("…")
        # Never glued across a heading, table cell or caption: the whole excerpt is in one.
        assert any(excerpt in block for block in blocks_of(texts[result["url"]])), result
        assert query in result["excerpt"], result
        assert result["kind"] in KINDS, result
        if re.fullmatch(r"/stories/[^/]+/", result["url"]):
            assert re.fullmatch(rf"故事 \S+社区 · {DATE}", result["facts"]), result
        elif re.fullmatch(r"/collections/[^/]+/", result["url"]):
            assert re.fullmatch(rf"典型采撷 \S+社区 · {DATE}", result["facts"]), result
        elif re.fullmatch(r"/communities/[^/]+/", result["url"]):
            assert re.fullmatch(r"社区 \S+社区", result["facts"]), result
    assert reader.problems() == []


@pytest.mark.parametrize("query", ["温暖", "吉祥园", "丰泽社区"])
def test_a_collection_comes_after_the_stories_it_gathers(
    open_reader: ReaderFactory, engine_built: Built, query: str
) -> None:
    site = engine_built[0].site_dir
    html = (site / "collections" / "shouhu-zhaoxi-meihao" / "index.html").read_text("utf-8")
    gathered = {
        f"/stories/{slug}/"
        for slug in re.findall(r'class="sb-headline"><a href="[./]*stories/([^/]+)/', html)
    }
    assert len(gathered) == 3
    urls = [r["url"] for r in every_result(search_on_a_phone(open_reader, query))]
    assert "/collections/shouhu-zhaoxi-meihao/" in urls, urls
    at = urls.index("/collections/shouhu-zhaoxi-meihao/")
    stories = [i for i, url in enumerate(urls) if url in gathered]
    assert stories and max(stories) < at, urls
