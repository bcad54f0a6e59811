"""The statistics on a phone, in real Chromium: at 360 and 390 px, in each text size of the
reading toolbar, no chart or table is wider than its box or the screen, the chart shown is the
narrow one drawn for that text size, and its words are drawn near the size of the text around
it; on the desktop every column of every table is in view."""

from __future__ import annotations

from typing import Any

import pytest

from .browsing import DESKTOP, Reader, ReaderFactory

pytestmark = pytest.mark.browser

# Every page with charts or tables of figures.
STATISTICS = ["stats/", "stats/2025/", "stats/2024/", "communities/fengze/", "communities/taihe/"]
# The toolbar's buttons and the narrow chart each shows ("" is the standard size).
TEXT_SIZES = {"标准字号": "standard", "大字号": "large", "超大字号": "xlarge"}

# Each visible chart and table: its width, its box's, the screen's, and how large a chart's
# words are drawn (its font size scaled from the SVG's own width to the width shown).
MEASURE = """() => {
  const shown = [...document.querySelectorAll('article svg.sb-chart, article table.sb-stats')]
    .filter(el => el.getClientRects().length);
  const text = parseFloat(getComputedStyle(document.querySelector('article.md-typeset')).fontSize);
  return {
    text,
    screen: window.innerWidth,
    items: shown.map(el => {
      const box = el.closest('.sb-chart-box, .sb-stats-box');
      const rect = el.getBoundingClientRect();
      const name = el.getAttribute('aria-labelledby') || el.querySelector('caption').textContent;
      const item = {name, left: rect.left, right: rect.right, width: rect.width,
                    box: box.getBoundingClientRect().right, scroll: box.scrollWidth - box.clientWidth};
      if (el.tagName === 'svg') {
        item.variant = el.parentElement.className;
        item.drawn = parseFloat(el.getAttribute('font-size')) * rect.width / el.viewBox.baseVal.width;
      }
      return item;
    }),
  };
}"""


def overflows(found: dict[str, Any]) -> list[str]:
    """What sticks out of its box or the screen, or makes its box scroll sideways."""
    wrong = []
    for item in found["items"]:
        out = item["right"] > min(item["box"], found["screen"]) + 0.5 or item["left"] < -0.5
        if out or item["scroll"] > 1:
            wrong.append(f"{item['name']}: {item['left']:.0f}–{item['right']:.0f} px")
    return wrong


def choose_text_size(reader: Reader, button: str) -> None:
    reader.page.get_by_role("button", name=button, exact=True).click()


@pytest.mark.parametrize("width", [360, 390])
def test_charts_and_tables_fit_a_phone_in_every_text_size(
    open_reader: ReaderFactory, width: int
) -> None:
    reader = open_reader(viewport={"width": width, "height": 800})
    reader.open(STATISTICS[0])
    for button, size in TEXT_SIZES.items():
        choose_text_size(reader, button)
        for path in STATISTICS:
            reader.open(path)
            found = reader.page.evaluate(MEASURE)
            at = f"/{path} at {width} px, {button}"
            assert overflows(found) == [], at
            assert reader.scroll_overflow() == 0, at
            charts = [item for item in found["items"] if "variant" in item]
            tables = [item for item in found["items"] if "variant" not in item]
            assert charts and tables, at
            for chart in charts:
                assert chart["variant"].endswith(f"sb-chart-narrow--{size}"), (at, chart)
                # Readable at the text size in use: near the page's own text, never tiny.
                assert chart["drawn"] >= 0.75 * found["text"], (at, chart, found["text"])
    assert reader.problems() == []


def test_desktop_tables_show_every_column(reader: Reader) -> None:
    reader.page.set_viewport_size(DESKTOP)
    for path in STATISTICS:
        reader.open(path)
        found = reader.page.evaluate(MEASURE)
        assert overflows(found) == [], path
        charts = [item for item in found["items"] if "variant" in item]
        assert all(chart["variant"] == "sb-chart-wide" for chart in charts), path
    assert reader.problems() == []
