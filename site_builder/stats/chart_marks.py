"""What the chart templates (`templates/charts/`) are handed: each mark of a chart, placed.

`stats/charts.py` works out where every mark goes; these records only carry the result, every
coordinate already written as text, so a template prints them and computes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class Frame:
    """The `<svg>` element of a chart, its title and its data read aloud."""

    chart_id: str
    title: str
    description: str
    height: str
    width: int
    font_size: int
    style: str


@dataclass(frozen=True)
class Pattern:
    """A fill that differs in texture as well as colour (one of TEXTURES)."""

    id: str
    colour: str
    texture: str


@dataclass(frozen=True)
class BarMark:
    label: str
    short: str  # the label as drawn, cut to MAX_LABEL_CHARS
    text: str
    label_x: str
    baseline: str
    x: str
    y: str
    length: str
    text_x: str
    text_y: str  # the value's baseline: the label's, or lower when the label is above the bar


@dataclass(frozen=True)
class BarChart:
    template: ClassVar[str] = "charts/bar.svg"
    frame: Frame
    bars: Sequence[BarMark]
    colour: str
    bar_height: int
    label_anchor: str  # "end": labels beside their bars; "start": above them
    axis_x: str
    axis_top: int
    axis_bottom: str


@dataclass(frozen=True)
class LegendEntry:
    name: str
    pattern: Pattern
    x: str
    text_x: str
    y: str
    text_y: str


@dataclass(frozen=True)
class Segment:
    name: str
    text: str
    pattern: Pattern
    x: str
    length: str


@dataclass(frozen=True)
class StackedRow:
    label: str
    short: str
    label_x: str
    baseline: str
    y: str  # the top of the row's bar
    segments: Sequence[Segment]
    total: str
    total_x: str
    total_y: str


@dataclass(frozen=True)
class StackedBarChart:
    template: ClassVar[str] = "charts/stacked_bar.svg"
    frame: Frame
    patterns: Sequence[Pattern]
    legend: Sequence[LegendEntry]
    rows: Sequence[StackedRow]
    bar_height: int
    label_anchor: str


@dataclass(frozen=True)
class Marker:
    """A data point's mark: `kind` is one of MARKERS; a triangle or diamond is drawn as `path`."""

    kind: str
    label: str
    text: str
    x: str
    y: str
    corner_x: str  # a square's top left corner
    corner_y: str
    path: str


@dataclass(frozen=True)
class Line:
    name: str
    colour: str
    dash: str
    path: str
    markers: Sequence[Marker]


@dataclass(frozen=True)
class Tick:
    y: str
    text_y: str
    text: str


@dataclass(frozen=True)
class EndLabel:
    name: str
    text: str
    colour: str
    y: str
    key: Marker | None = None  # the line's marker beside its name, in a narrow chart's key


@dataclass(frozen=True)
class LineChart:
    template: ClassVar[str] = "charts/line.svg"
    frame: Frame
    unit: str
    unit_x: int
    unit_y: int
    left: str
    right: str
    bottom: str
    tick_text_x: str
    ticks: Sequence[Tick]
    x_labels: Sequence[tuple[str, str]]  # (x, label)
    x_label_y: str
    lines: Sequence[Line]
    end_x: str
    ends: Sequence[EndLabel]


Drawing = BarChart | StackedBarChart | LineChart
