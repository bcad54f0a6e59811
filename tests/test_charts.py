"""Charts laid out for a phone: each narrow layout is drawn anew for its width (labels above
long bars, a legend wrapping below, fewer gridlines and years, a key under the lines), and
every mark and word of it stays inside the chart."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from site_builder.pages.stats_views import drawn
from site_builder.stats import charts
from site_builder.stats.chart_marks import Drawing
from site_builder.stats.line_chart import line_chart

NS = "{http://www.w3.org/2000/svg}"
# Labels as long as real ones get: a category, a community, a month's series.
BARS = [
    charts.Bar("吉祥园社区", 1023, "1,023"),
    charts.Bar("党建共建与志愿服务", 3399, "3,399"),
    charts.Bar("跨月系列", 4296, "4,296余"),
]
GROUPS = [
    charts.Series("一老(老年人)", [160, 120, 828], ["160", "120", "828"]),
    charts.Series("一小(儿童)", [3238, 0, 195], ["3,238", "0", "195"]),
    charts.Series("一老一小", [1, 0, 0], ["1", "0", "0"]),
    charts.Series("其他", [0, 0, 0], ["0", "0", "0"]),
]
WIDTHS = [width for _, width in charts.NARROW]


def extents(layout: Drawing) -> tuple[float, list[tuple[float, float, str]]]:
    """The chart's width, and the left and right edge of every text and bar in it."""
    svg = ET.fromstring(str(drawn(layout)))
    width = float(svg.get("width") or 0)
    assert svg.get("viewBox") == f"0 0 {svg.get('width')} {svg.get('height')}"
    found = []
    for text in svg.iter(f"{NS}text"):
        words = "".join(text.itertext())
        size = charts.text_width(words)
        x = float(text.get("x") or 0)
        anchor = text.get("text-anchor", "start")
        left = x - size if anchor == "end" else x - size / 2 if anchor == "middle" else x
        found.append((left, left + size, words))
    for rect in svg.iter(f"{NS}rect"):
        if rect.get("x") is not None:
            left = float(rect.get("x") or 0)
            found.append((left, left + float(rect.get("width") or 0), "rect"))
    return width, found


def fits(layout: Drawing) -> None:
    width, found = extents(layout)
    for left, right, what in found:
        assert left >= -0.5 and right <= width + 0.5, f"{what!r} from {left} to {right} in {width}"


@pytest.mark.parametrize("width", [charts.WIDTH, *WIDTHS])
def test_every_layout_of_a_bar_chart_keeps_its_words_inside(width: int) -> None:
    layout = charts.bar_chart("b", "受益人次", BARS, "人次", width=width)
    fits(layout)
    # Beside their bars on a wide chart; above them when that would take the narrow width.
    assert layout.label_anchor == ("end" if width == charts.WIDTH else "start")
    assert [b.short for b in layout.bars] == [b.label for b in BARS]  # none cut short


@pytest.mark.parametrize("width", [charts.WIDTH, *WIDTHS])
def test_a_stacked_chart_wraps_its_legend_below_the_bars_when_narrow(width: int) -> None:
    layout = charts.stacked_bar_chart(
        "s",
        "按服务对象",
        ["泰合社区", "丰泽社区", "吉祥园社区"],
        GROUPS,
        ["3,399", "120", "1,023"],
        "人次",
        width,
    )
    fits(layout)
    legend_rows = {entry.y for entry in layout.legend}
    bars_bottom = max(float(row.y) for row in layout.rows)
    if width == charts.WIDTH:
        assert len(legend_rows) == 1 and all(float(y) < bars_bottom for y in legend_rows)
    else:
        assert len(legend_rows) >= 2 and all(float(y) > bars_bottom for y in legend_rows)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_narrow_trend_keeps_every_year_legible_and_keys_its_lines_below(width: int) -> None:
    years = [str(year) for year in range(2012, 2026)]
    series = [
        charts.Series(
            "受益人次", list(range(100, 1500, 100)), [f"{v:,}" for v in range(100, 1500, 100)]
        ),
        charts.Series("志愿者人次", list(range(14)), [str(v) for v in range(14)]),
    ]
    layout = line_chart("l", "趋势", years, series, "人次", width=width)
    fits(layout)
    shown = [label for _, label in layout.x_labels]
    assert shown[0] == "2012" and shown[-1] == "2025" and len(shown) < len(years)
    xs = [float(x) for x, _ in layout.x_labels]
    gaps = [b - a for a, b in itertools.pairwise(xs)]
    assert min(gaps) >= charts.text_width("2025")  # year labels never overlap
    assert len(layout.ticks) <= 5
    # The key: each line's marker, name and last value, under the plot.
    assert all(end.key is not None for end in layout.ends)
    assert min(float(end.y) for end in layout.ends) > float(layout.x_label_y)
    svg = str(drawn(layout))
    assert "受益人次</tspan> 1,400" in svg and re.search(r"<circle [^>]*/>", svg)
