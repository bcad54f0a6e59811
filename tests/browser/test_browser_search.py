"""The search box on a phone and a desktop, in real Chromium, and touch targets of at least
44 × 44 px (60 × 60 in the age-friendly mode)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from site_builder.diagnostics import Diagnostics
from site_builder.project import Project
from site_builder.render.build import BuildReport

from .browsing import PAGES, SCREENSHOTS, Reader, ReaderFactory

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import search_quality

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}
WORD = "志愿服务"


def search_on_a_phone(open_reader: ReaderFactory, query: str, init_script: str = "") -> Reader:
    reader = open_reader(viewport=PHONE_390, init_script=init_script)
    reader.open(PAGES["home"])
    reader.page.locator("button.sb-search-open").click()
    box = reader.page.locator("input.sb-search-input")
    box.fill(query)
    # The index loads in a web worker; the count appears once it has answered.
    reader.page.wait_for_function(
        "() => /找到|没有找到/.test(document.querySelector('.sb-search-count').textContent"
        " + (document.querySelector('.sb-search-empty') || {textContent: ''}).textContent)",
        timeout=20_000,
    )
    return reader


def test_typing_a_field_word_shows_every_published_story_that_contains_it(
    open_reader: ReaderFactory, engine_built: tuple[Project, BuildReport, Diagnostics], engine: str
) -> None:
    site = engine_built[0].site_dir
    texts = search_quality.page_texts(site)
    stories = {
        url for url, text in texts.items() if re.fullmatch(r"/stories/[^/]+/", url) and WORD in text
    }
    assert len(stories) >= 2, stories  # in bodies and tags of the sample stories
    reader = search_on_a_phone(open_reader, WORD)
    page = reader.page
    shown = page.locator(".sb-search-link").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )
    assert stories.issubset(shown), (stories, shown)
    # Stories come first; each result says where and when, and shows the word marked.
    assert all(url in stories or not url.startswith("/stories/") for url in shown[: len(stories)])
    total = len(search_quality.search(site, [WORD])[WORD])
    assert page.locator(".sb-search-count").inner_text() == f"找到 {total} 个结果"
    first = page.locator(".sb-search-item").first
    assert first.locator(".sb-search-title").inner_text()
    assert re.search(
        r"社区 · \d{4}年\d{1,2}月\d{1,2}日", first.locator(".sb-search-facts").inner_text()
    )
    assert WORD in first.locator(".sb-search-excerpt mark").all_inner_texts()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"search-phone-{engine}.png"), animations="disabled")
    assert reader.problems() == []


def box_of(reader: Reader, selector: str) -> dict[str, float]:
    box = reader.page.locator(selector).bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box


def test_on_a_desktop_the_field_opens_in_the_header_and_closes_again(reader: Reader) -> None:
    reader.open(PAGES["story"])
    page = reader.page
    results = page.locator(".sb-search-output")
    assert not results.is_visible(), "no results panel under the closed field"
    assert not page.locator(".sb-search-open").is_visible(), "the field is there: no button"
    closed = box_of(reader, ".sb-search-form")
    header = box_of(reader, ".md-header")
    # The field and its magnifier are centred in the header, to the pixel.
    field_middle = closed["y"] + closed["height"] / 2
    assert abs(field_middle - (header["y"] + header["height"] / 2)) <= 1
    icon = box_of(reader, ".sb-search-icon svg")
    assert abs(icon["y"] + icon["height"] / 2 - field_middle) <= 1, (icon, closed)
    page.locator("input.sb-search-input").click()
    assert results.is_visible()
    # The field widens in a CSS transition: wait for it to end wider than twice its width.
    page.wait_for_function(
        "w => document.querySelector('.sb-search-form').getBoundingClientRect().width > w",
        arg=closed["width"] * 2,
        timeout=5_000,
    )
    assert page.locator(".sb-search-count").inner_text() == "输入词语、人名或地名"
    page.keyboard.press("Escape")
    assert not results.is_visible()
    page.keyboard.press("/")
    assert results.is_visible(), "/ opens the search"
    assert page.evaluate("() => document.activeElement.matches('input.sb-search-input')")
    # A click on the dimmed page beside the box closes it.
    page.mouse.click(20, 600)
    assert not results.is_visible()
    assert reader.problems() == []


def test_on_a_phone_the_box_covers_the_page_and_the_arrow_closes_it(
    open_reader: ReaderFactory,
) -> None:
    reader = open_reader(viewport=PHONE_390)
    reader.open(PAGES["story"])
    page = reader.page
    opener = page.locator("button.sb-search-open")
    assert not page.locator(".sb-search-box").is_visible()
    assert opener.get_attribute("aria-expanded") == "false"
    opener.click()
    assert box_of(reader, ".sb-search-box") == {"x": 0, "y": 0, "width": 390, "height": 844}
    assert page.evaluate("() => document.activeElement.matches('input.sb-search-input')")
    assert opener.get_attribute("aria-expanded") == "true"
    # The back arrow, the field and the clear button stand on one line.
    form = box_of(reader, ".sb-search-form")
    for part in (".sb-search-back svg", ".sb-search-input"):
        part_box = box_of(reader, part)
        assert abs(part_box["y"] + part_box["height"] / 2 - (form["y"] + form["height"] / 2)) <= 1
    page.locator("button.sb-search-back").click()
    assert not page.locator(".sb-search-box").is_visible()
    assert page.evaluate("() => document.activeElement.matches('button.sb-search-open')")
    assert reader.problems() == []


def test_a_query_with_no_result_says_so_and_offers_the_tag_list(open_reader: ReaderFactory) -> None:
    reader = search_on_a_phone(open_reader, "火星基地")
    empty = reader.page.locator(".sb-search-empty")
    assert "没有找到含“火星基地”的内容" in empty.inner_text()
    link = empty.locator("a.sb-search-tags")
    assert link.inner_text() == "看看全部标签"
    link.click()
    reader.page.wait_for_url(re.compile(r"/tags/$"))
    assert reader.problems() == []


# Controls that are not links inside running text: buttons, fields, labels that act as
# buttons, and links that stand alone (header, cards, tags, neighbours, results).
_SMALL_CONTROLS = """(least) => {
  const running = "p:not(.sb-card-title), li:not(.sb-search-item), td, th, dd, figcaption,"
    + " blockquote, .sb-story-body, .md-copyright";
  const small = [];
  let measured = 0;
  for (const el of document.querySelectorAll(
      "a[href], button, input:not([type=hidden]), select, textarea, label[for], summary,"
      + " [role=button]")) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === "hidden" || style.opacity === "0") continue;
    if (box.right <= 0 || box.left >= innerWidth || el.closest("[hidden]")) continue;
    if (el.matches("a:not(.sb-tag)") && el.parentElement.closest(running)) continue;
    measured++;
    if (box.width < least || box.height < least) {
      const name = (el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 20);
      small.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} “${name}” `
        + `${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return {measured, small};
}"""


@pytest.mark.parametrize(
    ("text_size", "least"),
    # The age-friendly mode (大字号 or 超大字号, kept in localStorage): 60 × 60 (MIIT, 2021).
    [("standard", 44), ("large", 60)],
)
def test_every_control_is_big_enough_to_touch_on_a_390_px_phone(
    open_reader: ReaderFactory, text_size: str, least: int
) -> None:
    chosen = "" if text_size == "standard" else f"localStorage.setItem('sb-text', '{text_size}');"
    # The search box open, with results.
    reader = search_on_a_phone(open_reader, WORD, init_script=chosen)
    assert reader.page.evaluate("() => document.documentElement.dataset.sbText || 'standard'") == (
        text_size
    )
    found = reader.page.evaluate(_SMALL_CONTROLS, least)
    assert found["small"] == [], "search open"
    assert found["measured"] >= 10
    for name in ("home", "story", "community", "gallery", "collection"):
        reader.open(PAGES[name])
        found = reader.page.evaluate(_SMALL_CONTROLS, least)
        assert found["measured"] >= 5, name
        assert found["small"] == [], name
    assert reader.problems() == []
