"""The geometry of the SVG charts drawn at build time: horizontal bars and stacked bars (the
trend line over years is in `line_chart.py`). The SVG itself is written by the templates in
`templates/charts/`.

Each chart is laid out for a width: WIDTH for a wide screen, and one of NARROW for a phone at
each text size of the reading toolbar (the page shows the one that fits, by CSS). A narrow
layout is drawn anew, not shrunk: labels go above their bars when beside them they would take
too much of the width, and a legend wraps below the bars.

No JavaScript and nothing fetched: each chart is one `<svg role="img">` with a `<title>` and a
`<desc>` that reads its data aloud, text in the site's CJK font stack, and values written next
to the marks. Series differ by pattern, marker and dash as well as colour, so colour is never
the only way to tell them apart. Callers pass values already formatted (`4,120余`), so a chart
shows exactly what the table beside it shows.

Every coordinate is handed to the templates as text, written here once (`fmt`): one decimal at
most, so the SVG stays small and the same numbers always give the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.i18n import t
from site_builder.stats.chart_marks import (
    BarChart,
    BarMark,
    Frame,
    LegendEntry,
    Pattern,
    Segment,
    StackedBarChart,
    StackedRow,
)

# The page's own font variable when inlined; the same stack when the SVG stands alone.
FONT_STYLE = (
    "font-family: var(--md-text-font-family, 'PingFang SC', 'Hiragino Sans GB', "
    "'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', "
    "system-ui, sans-serif)"
)
COLOURS = ("#b71c1c", "#1565c0", "#2e7d32", "#6a1b9a", "#e65100", "#00838f", "#4e342e", "#ad1457")
MARKERS = ("circle", "square", "triangle", "diamond")
DASHES = ("", "7 4", "2 3", "9 3 2 3")
TEXTURES = ("solid", "hatched", "dotted", "crossed")

WIDTH = 640
# A phone's chart width for each text size: narrower for larger text, so the same font size
# shows larger once the chart fills the phone's width (a11y.css scales text by 1.25 and 1.5).
NARROW = (("standard", 300), ("large", 240), ("xlarge", 200))
FONT = 13
ROW = 28
BAR = 16
PAD = 8
MAX_LABEL_CHARS = 14
LABEL_SHARE = 0.3  # labels wider than this share of the chart go above their bars


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as the table shows it


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    texts: Sequence[str]


def frame(chart_id: str, title: str, description: str, height: float, width: int) -> Frame:
    return Frame(chart_id, title, description, fmt(height), width, FONT, FONT_STYLE)


def text_width(text: str, size: float = FONT) -> float:
    """A width estimate: CJK characters are about one em wide, Latin ones about 0.6 em."""
    return sum(size if ord(char) >= 0x2E80 else size * 0.6 for char in text)


def _short(label: str, room: float = math.inf) -> str:
    """The label as drawn: at most MAX_LABEL_CHARS, and no wider than `room`."""
    short = label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"
    while text_width(short) > room and len(short) > 2:
        short = short[:-2] + "…"
    return short


@dataclass(frozen=True)
class _Rows:
    """Where a chart's labelled rows go: labels beside their bars, or above them."""

    above: bool
    x0: float  # where the bars start
    height: float  # of one row
    room: float  # for a label

    @classmethod
    def of(cls, labels: Sequence[str], width: int) -> _Rows:
        beside = max((text_width(_short(label)) for label in labels), default=0) + PAD
        if beside <= width * LABEL_SHARE:
            return cls(False, PAD + beside, ROW, beside)
        return cls(True, PAD, FONT + 4 + ROW, width - 2 * PAD)

    def label_x(self) -> str:
        return fmt(PAD if self.above else self.x0 - PAD)

    def anchor(self) -> str:
        return "start" if self.above else "end"

    def place(self, top: float) -> tuple[float, float, float]:
        """A row starting at `top`: its label's baseline, its bar's top, its value's baseline."""
        if self.above:
            bar_top = top + FONT + 4 + (ROW - BAR) / 2
            return top + FONT, bar_top, bar_top + BAR / 2 + FONT * 0.35
        baseline = top + ROW / 2 + FONT * 0.35
        return baseline, top + (ROW - BAR) / 2, baseline


def axis_step(largest: float, divisions: int = 4) -> float:
    """A round gridline step (1, 2, 2.5 or 5 times a power of ten) giving about `divisions` lines."""
    if largest <= 0:
        return 1
    rough = largest / divisions
    power = 10.0 ** math.floor(math.log10(rough))
    for step in (1, 2, 2.5, 5):
        if rough <= step * power:
            return step * power
    return 10 * power


def fmt(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def describe(items: Sequence[tuple[str, str]], unit: str) -> str:
    """The data read aloud: `泰合社区 3,399 人次;丰泽社区 4,120余 人次`."""
    if not items:
        return t("没有数据。", "No data.")
    parts = [f"{label} {text} {unit}".strip() for label, text in items]
    return t("；", "; ").join(parts) + t("。", ".")


def bar_chart(
    chart_id: str, title: str, bars: Sequence[Bar], unit: str, width: int = WIDTH
) -> BarChart:
    """Horizontal bars, one per label, each with its value written at its end."""
    rows = _Rows.of([b.label for b in bars], width)
    value_width = max((text_width(b.text) for b in bars), default=0) + PAD * 2
    area = max(width - rows.x0 - value_width - PAD, 40)
    top = max((b.value for b in bars), default=0) or 1
    height = len(bars) * rows.height + PAD * 2
    description = describe([(b.label, b.text) for b in bars], unit)
    marks = []
    for index, bar in enumerate(bars):
        baseline, bar_top, value_baseline = rows.place(PAD + index * rows.height)
        length = area * bar.value / top
        marks.append(
            BarMark(
                label=bar.label,
                short=_short(bar.label, rows.room),
                text=bar.text,
                label_x=rows.label_x(),
                baseline=fmt(baseline),
                x=fmt(rows.x0),
                y=fmt(bar_top),
                length=fmt(length),
                text_x=fmt(rows.x0 + length + PAD / 2),
                text_y=fmt(value_baseline),
            )
        )
    return BarChart(
        frame=frame(chart_id, title, description, height, width),
        bars=marks,
        colour=COLOURS[0],
        bar_height=BAR,
        label_anchor=rows.anchor(),
        axis_x=fmt(rows.x0),
        axis_top=PAD,
        axis_bottom=fmt(height - PAD),
    )


def _patterns(chart_id: str, count: int) -> list[Pattern]:
    return [
        Pattern(f"{chart_id}-p{index}", COLOURS[index % len(COLOURS)], TEXTURES[index % 4])
        for index in range(count)
    ]


def _stack_description(
    labels: Sequence[str], series: Sequence[Series], totals: Sequence[str], unit: str
) -> str:
    items = []
    for index, label in enumerate(labels):
        shares = [f"{s.name} {s.texts[index]}" for s in series if s.values[index]]
        total = f"{totals[index]} {unit}"
        joined = t("、", ", ").join(shares)
        items.append(
            (label, t("{total}(其中{shares})", "{total} ({shares})", total=total, shares=joined))
        )
    return describe(items, "")


def _legend(
    series: Sequence[Series], patterns: Sequence[Pattern], width: int, top: float
) -> tuple[list[LegendEntry], float]:
    """Each series' swatch and name, in rows that wrap at the chart's width: the entries and
    the height they take."""
    entries = []
    x, y = float(PAD), top
    for one, pattern in zip(series, patterns, strict=True):
        room = 18 + text_width(one.name)
        if x > PAD and x + room > width - PAD:
            x, y = float(PAD), y + ROW
        entries.append(LegendEntry(one.name, pattern, fmt(x), fmt(x + 18), fmt(y), fmt(y + 12)))
        x += room + PAD * 2
    return entries, (y - top + ROW if entries else 0)


def stacked_bar_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    totals: Sequence[str],
    unit: str,
    width: int = WIDTH,
) -> StackedBarChart:
    """One horizontal bar per label, split into the series; a legend names each texture, above
    the bars on a wide chart and below them on a narrow one."""
    rows = _Rows.of(labels, width)
    value_width = max((text_width(text) for text in totals), default=0) + PAD * 2
    area = max(width - rows.x0 - value_width - PAD, 40)
    sums = [sum(s.values[i] for s in series) for i in range(len(labels))]
    top = max(sums, default=0) or 1
    patterns = _patterns(chart_id, len(series))
    narrow = width < WIDTH
    bars_height = len(labels) * rows.height + PAD * 2
    legend, legend_height = _legend(series, patterns, width, bars_height if narrow else PAD)
    bars_top = 0.0 if narrow else legend_height
    placed = []
    for row, label in enumerate(labels):
        baseline, bar_top, value_baseline = rows.place(bars_top + PAD + row * rows.height)
        start = rows.x0
        segments = []
        for one, pattern in zip(series, patterns, strict=True):
            value = one.values[row]
            if not value:
                continue
            length = area * value / top
            segments.append(Segment(one.name, one.texts[row], pattern, fmt(start), fmt(length)))
            start += length
        placed.append(
            StackedRow(
                label=label,
                short=_short(label, rows.room),
                label_x=rows.label_x(),
                baseline=fmt(baseline),
                y=fmt(bar_top),
                segments=segments,
                total=totals[row],
                total_x=fmt(start + PAD / 2),
                total_y=fmt(value_baseline),
            )
        )
    height = bars_height + legend_height + PAD
    description = _stack_description(labels, series, totals, unit)
    return StackedBarChart(
        frame=frame(chart_id, title, description, height, width),
        patterns=patterns,
        legend=legend,
        rows=placed,
        bar_height=BAR,
        label_anchor=rows.anchor(),
    )
