"""The geometry of the trend chart over years: one line per series, each with its own marker
and dash, written by `templates/charts/line.svg`.

On a wide chart each line is named, with its last value, at its end; a narrow one (a phone:
`charts.NARROW`) keeps the plot the full width, with fewer gridlines and year labels, and names
the lines in a key below it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from site_builder.i18n import t
from site_builder.stats.chart_marks import EndLabel, Line, LineChart, Marker, Tick
from site_builder.stats.charts import (
    COLOURS,
    DASHES,
    FONT,
    MARKERS,
    PAD,
    ROW,
    WIDTH,
    Series,
    axis_step,
    describe,
    fmt,
    frame,
    text_width,
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


@dataclass(frozen=True)
class _Plot:
    """Where the plot area of a trend chart stands, and what is written around it."""

    left: float
    right: float
    top: float
    bottom: float
    divisions: int  # about this many gridlines
    key_top: float  # where a narrow chart's key of the lines starts; 0 on a wide one

    @classmethod
    def of(
        cls, series: Sequence[Series], x_labels: Sequence[str], width: int, ticks: Sequence[str]
    ) -> _Plot:
        if width >= WIDTH:
            names = 28 + max(
                (text_width(s.name) + text_width(s.texts[-1] if s.texts else "") for s in series),
                default=0,
            )
            return cls(56.0, width - names, 28.0, 270.0, 4, 0.0)
        left = max((text_width(tick) for tick in ticks), default=0) + 14
        right = width - PAD - text_width(x_labels[-1] if x_labels else "") / 2
        return cls(left, right, 28.0, 200.0, 3, 230.0)


def _shown_labels(x_labels: Sequence[str], spacing: float) -> list[int]:
    """Which year labels fit side by side: every one, or every n-th and the last."""
    widest = max((text_width(label) for label in x_labels), default=0) + PAD * 2
    every = max(1, math.ceil(widest / spacing)) if spacing else 1
    shown = list(range(0, len(x_labels), every))
    last = len(x_labels) - 1
    if last >= 0 and shown[-1] != last:
        shown[-1] = last
    return shown


def line_chart(
    chart_id: str,
    title: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    unit: str,
    tick_text: Callable[[float], str] = fmt,
    width: int = WIDTH,
) -> LineChart:
    """A trend over years: one line per series with its own marker and dash, named at its end
    (wide) or in a key below (narrow)."""
    largest = max((max(s.values, default=0) for s in series), default=0)
    narrow = width < WIDTH
    step = axis_step(largest, 3 if narrow else 4)
    ticks = max(math.ceil(largest / step), 1)
    highest = step * ticks
    plot = _Plot.of(series, x_labels, width, [tick_text(step * n) for n in range(ticks + 1)])
    steps = len(x_labels) - 1
    height = plot.key_top + len(series) * ROW if narrow else 300.0

    def x_at(index: int) -> float:
        span = plot.right - plot.left
        return (plot.left + plot.right) / 2 if steps == 0 else plot.left + span * index / steps

    def y_at(value: float) -> float:
        return plot.bottom - (plot.bottom - plot.top) * value / highest

    items = [
        (one.name, t("、", ", ").join(f"{x} {v}" for x, v in zip(x_labels, one.texts, strict=True)))
        for one in series
    ]
    lines = [
        _line(number, one, x_labels, [(x_at(i), y_at(v)) for i, v in enumerate(one.values)])
        for number, one in enumerate(series)
    ]
    spacing = (plot.right - plot.left) / steps if steps else 0
    return LineChart(
        frame=frame(chart_id, title, describe(items, unit), height, width),
        unit=unit,
        unit_x=PAD,
        unit_y=FONT + 2,
        left=fmt(plot.left),
        right=fmt(plot.right),
        bottom=fmt(plot.bottom),
        tick_text_x=fmt(plot.left - 6),
        ticks=[
            Tick(fmt(y_at(step * n)), fmt(y_at(step * n) + 4), tick_text(step * n))
            for n in range(ticks + 1)
        ],
        x_labels=[(fmt(x_at(i)), x_labels[i]) for i in _shown_labels(x_labels, spacing)],
        x_label_y=fmt(plot.bottom + 20),
        lines=lines,
        end_x=fmt(PAD + 16 if narrow else plot.right + 10),
        ends=_ends(series, lines, plot, y_at),
    )


def _ends(
    series: Sequence[Series], lines: Sequence[Line], plot: _Plot, y_at: Callable[[float], float]
) -> list[EndLabel]:
    """Each line's name and last value: beside its end, or one a row in the key below."""
    if plot.key_top:
        rows = [plot.key_top + ROW * index + ROW / 2 for index in range(len(series))]
        keys: list[Marker | None] = [
            _marker(MARKERS[n % len(MARKERS)], one.name, "", PAD + 5, y)
            for n, (one, y) in enumerate(zip(series, rows, strict=True))
        ]
    else:
        rows = _spread([y_at(s.values[-1]) if s.values else plot.bottom for s in series], FONT + 3)
        keys = [None] * len(series)
    return [
        EndLabel(one.name, one.texts[-1] if one.texts else "", line.colour, fmt(y + 4), key)
        for one, line, y, key in zip(series, lines, rows, keys, strict=True)
    ]
