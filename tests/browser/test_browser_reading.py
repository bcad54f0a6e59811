"""The sample site read in real Chromium: pages, search, a story, photos, statistics, phones."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .browsing import DESKTOP, LOCAL_HOST, PAGES, PHONE, Reader, ReaderFactory

pytestmark = pytest.mark.browser

STORY = PAGES["story"]
STORY_TITLE = "把“堵心墙”变成连心花园"
# In that story's body, and in neither its title nor its summary.
BODY_ONLY_WORD = "廉租房"


def test_home_and_every_page_it_links_to_load_cleanly(reader: Reader) -> None:
    reader.open(PAGES["home"])
    assert reader.page.title()
    pages = reader.linked_pages()
    # The top navigation alone links to eight sections; the cards add stories.
    assert len(pages) >= 10, pages
    for path in pages:
        reader.open(path)
        assert reader.page.locator("h1").count() >= 1, f"/{path} has no heading"
    assert reader.problems() == []


def test_no_request_leaves_the_machine(reader: Reader) -> None:
    """Fonts, scripts, styles and images all come from the site: no font service, CDN, tracker."""
    for path in PAGES.values():
        reader.open(path)
        reader.page.wait_for_load_state("networkidle")
        loaded = reader.page.evaluate(
            "() => [...document.querySelectorAll("
            "'script[src], link[rel~=stylesheet], link[rel~=icon], link[rel~=preload], img')]"
            ".map(e => e.currentSrc || e.src || e.href)"
        )
        elsewhere = [url for url in loaded if urlsplit(url).hostname != LOCAL_HOST]
        assert elsewhere == [], f"/{path} loads from elsewhere"
    assert reader.outside_requests == []
    assert reader.problems() == []


def test_search_finds_a_word_inside_a_story_body(
    reader: Reader, screenshot_dir: Path, engine: str
) -> None:
    reader.open(PAGES["home"])
    search = reader.page.locator("input.sb-search-input")
    search.click()
    search.fill(BODY_ONLY_WORD)
    # The index loads in a web worker; results appear once it has answered.
    reader.page.locator(".sb-search-item").first.wait_for(timeout=15_000)
    titles = reader.page.locator(".sb-search-title").all_inner_texts()
    assert STORY_TITLE in titles, titles
    reader.page.screenshot(
        path=str(screenshot_dir / f"search-desktop-{engine}.png"), animations="disabled"
    )
    assert reader.problems() == []


def test_story_page_names_narrator_role_community_and_date(reader: Reader) -> None:
    reader.open(STORY)
    meta = reader.text_of("dl.sb-meta")
    for expected in ("王孝军", "丰泽社区党委书记、居委会主任", "丰泽社区", "2025年5月20日"):
        assert expected in meta, f"{expected!r} missing from the story's details:\n{meta}"
    assert BODY_ONLY_WORD in reader.text_of(".sb-story-body")
    assert reader.problems() == []


def test_gallery_opens_the_large_photo_and_escape_closes_it(reader: Reader) -> None:
    reader.open(STORY)
    page = reader.page
    link = page.locator(".sb-gallery a.sb-lightbox").first
    large = link.evaluate("a => a.href")
    dialog = page.locator("dialog.sb-lightbox-dialog")
    link.click()
    dialog.wait_for(state="visible")
    assert dialog.evaluate("d => d.open")
    image = dialog.locator("img")
    assert image.evaluate("img => img.src") == large
    image.evaluate("img => img.decode()")
    thumbnail = link.locator("img").evaluate("img => img.naturalWidth")
    assert image.evaluate("img => img.naturalWidth") > thumbnail, "the large image"
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert not dialog.evaluate("d => d.open")
    assert reader.problems() == []


def figures_in_rows(reader: Reader, label: str) -> set[str]:
    """The numbers in the table rows headed `label`, digit grouping removed (22,000 -> 22000)."""
    row_head = reader.page.locator("th", has_text=label)
    text = " ".join(reader.page.locator("article tr", has=row_head).all_inner_texts())
    text = re.sub(r"(?<=\d)[,\u2009\u202f\u00a0 ](?=\d{3}(?!\d))", "", text)
    return set(re.findall(r"\d+", text))


def test_statistics_show_charts_and_the_seed_figures(reader: Reader) -> None:
    reader.open(PAGES["stats"])
    assert reader.page.locator("article svg").count() >= 1, "charts are inline SVG"
    assert reader.page.locator("article table").count() >= 1, "the figures are in tables"
    # content/activities/taihe/2025.yml: 3399 reached in all, 3238 of them children (3196 in
    # the children's activities, 42 helped by donations), 22000 yuan cash, 7300 in kind.
    figures = figures_in_rows(reader, "泰合社区")
    for figure in ("3399", "3238", "22000", "7300"):
        assert figure in figures, f"{figure} is not in the rows of 泰合社区: {sorted(figures)}"
    reader.open("stats/")
    assert reader.page.locator("article svg").count() >= 1
    assert reader.problems() == []


def load_every_image(reader: Reader) -> None:
    """Load the lazy images too, so a full-page screenshot shows every photo."""
    reader.page.evaluate(
        "() => document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
    )
    reader.page.wait_for_load_state("networkidle")
    reader.page.wait_for_function("() => [...document.images].every(i => i.complete)")


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_pages_fit_the_window_and_are_photographed(
    open_reader: ReaderFactory,
    screenshot_dir: Path,
    engine: str,
    size: str,
    viewport: dict[str, int],
) -> None:
    """Nothing scrolls sideways and text stays readable; screenshots for people to look at."""
    reader = open_reader(viewport=viewport)
    for name, path in PAGES.items():
        reader.open(path)
        load_every_image(reader)
        assert reader.scroll_overflow() == 0, f"{name} scrolls sideways at {viewport}"
        smallest = reader.smallest_text()
        assert smallest >= 14, f"{name}: text as small as {smallest}px"
        reader.page.screenshot(
            path=str(screenshot_dir / f"{name}-{size}-{engine}.png"),
            full_page=True,
            animations="disabled",
        )
    assert reader.problems() == []


def test_story_pages_read_at_200_percent_zoom(open_reader: ReaderFactory) -> None:
    """200 % zoom of a 1280×800 window: 640×400 CSS pixels at twice the density."""
    reader = open_reader(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    reader.open("stories/")
    stories = [p for p in reader.linked_pages() if re.fullmatch(r"stories/(?!page/)[^/]+/", p)]
    assert len(stories) >= 3, stories
    for path in stories:
        reader.open(path)
        assert reader.scroll_overflow() == 0, f"/{path} scrolls sideways at 200 %"
        box = reader.page.locator(".sb-story-body").bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= 640, f"/{path}: text cut off: {box}"
        assert box["width"] >= 300, f"/{path}: text squeezed into {box['width']}px"
        assert reader.smallest_text() >= 14
    assert reader.problems() == []
