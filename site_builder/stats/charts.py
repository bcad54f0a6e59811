"""The geometry of the SVG charts drawn at build time: horizontal bars, stacked bars, and a
trend line over years. The SVG itself is written by the templates in `templates/charts/`.

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from site_builder.i18n import t
from site_builder.stats.chart_marks import (
    BarChart,
    BarMark,
    EndLabel,
    Frame,
    LegendEntry,
    Line,
    LineChart,
    Marker,
    Pattern,
    Segment,
    StackedBarChart,
    StackedRow,
    Tick,
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
FONT = 13
ROW = 28
BAR = 16
PAD = 8
MAX_LABEL_CHARS = 14


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


def _frame(chart_id: str, title: str, description: str, height: float) -> Frame:
    return Frame(chart_id, title, description, fmt(height), WIDTH, FONT, FONT_STYLE)


def text_width(text: str, size: float = FONT) -> float:
    """A width estimate: CJK characters are about one em wide, Latin ones about 0.6 em."""
    return sum(size if ord(char) >= 0x2E80 else size * 0.6 for char in text)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


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


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], unit: str) -> BarChart:
    """Horizontal bars, one per label, each with its value written at its end."""
    label_width = max((text_width(_short(b.label)) for b in bars), default=0) + PAD
    value_width = max((text_width(b.text) for b in bars), default=0) + PAD * 2
    area = max(WIDTH - label_width - value_width - PAD, 40)
    top = max((b.value for b in bars), default=0) or 1
    height = len(bars) * ROW + PAD * 2
    description = describe([(b.label, b.text) for b in bars], unit)
    x0 = PAD + label_width
    marks = []
    for index, bar in enumerate(bars):
        y = PAD + index * ROW
        length = area * bar.value / top
        marks.append(
            BarMark(
                label=bar.label,
                short=_short(bar.label),
                text=bar.text,
                label_x=fmt(x0 - PAD),
                baseline=fmt(y + ROW / 2 + FONT * 0.35),
                x=fmt(x0),
                y=fmt(y + (ROW - BAR) / 2),
                length=fmt(length),
                text_x=fmt(x0 + length + PAD / 2),
            )
        )
    return BarChart(
        frame=_frame(chart_id, title, description, height),
        bars=marks,
        colour=COLOURS[0],
        bar_height=BAR,
        axis_x=fmt(x0),
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


def stacked_bar_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    totals: Sequence[str],
    unit: str,
) -> StackedBarChart:
    """One horizontal bar per label, split into the series; a legend above names each texture."""
    label_width = max((text_width(_short(label)) for label in labels), default=0) + PAD
    value_width = max((text_width(text) for text in totals), default=0) + PAD * 2
    area = max(WIDTH - label_width - value_width - PAD, 40)
    sums = [sum(s.values[i] for s in series) for i in range(len(labels))]
    top = max(sums, default=0) or 1
    legend_height = ROW
    height = legend_height + len(labels) * ROW + PAD * 2
    patterns = _patterns(chart_id, len(series))
    legend = []
    x = float(PAD)
    for one, pattern in zip(series, patterns, strict=True):
        legend.append(LegendEntry(one.name, pattern, fmt(x), fmt(x + 18)))
        x += 18 + text_width(one.name) + PAD * 2
    x0 = PAD + label_width
    rows = []
    for row, label in enumerate(labels):
        y = legend_height + PAD + row * ROW
        start = x0
        segments = []
        for one, pattern in zip(series, patterns, strict=True):
            value = one.values[row]
            if not value:
                continue
            length = area * value / top
            segments.append(Segment(one.name, one.texts[row], pattern, fmt(start), fmt(length)))
            start += length
        rows.append(
            StackedRow(
                label=label,
                short=_short(label),
                label_x=fmt(x0 - PAD),
                baseline=fmt(y + ROW / 2 + FONT * 0.35),
                y=fmt(y + (ROW - BAR) / 2),
                segments=segments,
                total=totals[row],
                total_x=fmt(start + PAD / 2),
            )
        )
    return StackedBarChart(
        frame=_frame(chart_id, title, _stack_description(labels, series, totals, unit), height),
        patterns=patterns,
        legend=legend,
        legend_y=PAD,
        legend_text_y=PAD + 12,
        rows=rows,
        bar_height=BAR,
    )


def _marker(kind: str, label: str, text: str, x: float, y: float) -> Marker:
    if kind == "triangle":
        path = f"M{fmt(x)},{fmt(y - 5)} L{fmt(x + 5)},{fmt(y + 4)} L{fmt(x - 5)},{fmt(y + 4)} Z"
    elif kind == "diamond":
        path = (
            f"M{fmt(x)},{fmt(y - 5.5)} L{fmt(x + 5.5)},{fmt(y)} "
            f"L{fmt(x)},{fmt(y + 5.5)} L{fmt(x - 5.5)},{fmt(y)} Z"
        )
    else:
        path = ""
    return Marker(kind, label, text, fmt(x), fmt(y), fmt(x - 4), fmt(y - 4), path)


def _line(
    number: int, one: Series, x_labels: Sequence[str], coords: Sequence[tuple[float, float]]
) -> Line:
    """The `number`th series drawn through `coords`, in its own colour, dash and marker."""
    kind = MARKERS[number % len(MARKERS)]
    return Line(
        name=one.name,
        colour=COLOURS[number % len(COLOURS)],
        dash=DASHES[number % len(DASHES)],
        path=" ".join(
            f"{'M' if i == 0 else 'L'}{fmt(x)},{fmt(y)}" for i, (x, y) in enumerate(coords)
        ),
        markers=[
            _marker(kind, label, text, x, y)
            for (x, y), label, text in zip(coords, x_labels, one.texts, strict=True)
        ],
    )


def _spread(positions: list[float], gap: float) -> list[float]:
    """Nudge end labels apart vertically so none overlaps the next."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = list(positions)
    last = -math.inf
    for i in order:
        placed[i] = max(placed[i], last + gap)
        last = placed[i]
    return placed


def line_chart(
    chart_id: str,
    title: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    unit: str,
    tick_text: Callable[[float], str] = fmt,
) -> LineChart:
    """A trend over years: one line per series with its own marker and dash, labelled at its end."""
    height = 300.0
    label_width = 28 + max(
        (text_width(s.name) + text_width(s.texts[-1] if s.texts else "") for s in series),
        default=0,
    )
    left, right, top_pad, bottom = 56.0, WIDTH - label_width, 28.0, height - 30
    largest = max((max(s.values, default=0) for s in series), default=0)
    step = axis_step(largest)
    ticks = max(math.ceil(largest / step), 1)
    highest = step * ticks
    steps = len(x_labels) - 1

    def x_at(index: int) -> float:
        return (left + right) / 2 if steps == 0 else left + (right - left) * index / steps

    def y_at(value: float) -> float:
        return bottom - (bottom - top_pad) * value / highest

    items = [
        (one.name, t("、", ", ").join(f"{x} {v}" for x, v in zip(x_labels, one.texts, strict=True)))
        for one in series
    ]
    lines = [
        _line(number, one, x_labels, [(x_at(i), y_at(v)) for i, v in enumerate(one.values)])
        for number, one in enumerate(series)
    ]
    ends = _spread([y_at(one.values[-1]) if one.values else bottom for one in series], FONT + 3)
    return LineChart(
        frame=_frame(chart_id, title, describe(items, unit), height),
        unit=unit,
        unit_x=PAD,
        unit_y=FONT + 2,
        left=fmt(left),
        right=fmt(right),
        bottom=fmt(bottom),
        tick_text_x=fmt(left - 6),
        ticks=[
            Tick(fmt(y_at(step * n)), fmt(y_at(step * n) + 4), tick_text(step * n))
            for n in range(ticks + 1)
        ],
        x_labels=[(fmt(x_at(i)), label) for i, label in enumerate(x_labels)],
        x_label_y=fmt(height - 10),
        lines=lines,
        end_x=fmt(right + 10),
        ends=[
            EndLabel(one.name, one.texts[-1] if one.texts else "", line.colour, fmt(y + 4))
            for one, line, y in zip(series, lines, ends, strict=True)
        ],
    )
