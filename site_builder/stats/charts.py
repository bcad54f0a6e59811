"""SVG charts drawn at build time: horizontal bars, stacked bars, and a trend line over years.

No JavaScript and nothing fetched: each chart is one `<svg role="img">` with a `<title>` and a
`<desc>` that reads its data aloud, text in the site's CJK font stack, and values written next
to the marks. Series differ by pattern, marker and dash as well as colour, so colour is never
the only way to tell them apart. Callers pass values already formatted (`4,120余`), so a chart
shows exactly what the table beside it shows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from site_builder.i18n import t

# The page's own font variable when inlined; the same stack when the SVG stands alone.
FONT_STYLE = (
    "font-family: var(--md-text-font-family, 'PingFang SC', 'Hiragino Sans GB', "
    "'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', "
    "system-ui, sans-serif)"
)
COLOURS = ("#b71c1c", "#1565c0", "#2e7d32", "#6a1b9a", "#e65100", "#00838f", "#4e342e", "#ad1457")
MARKERS = ("circle", "square", "triangle", "diamond")
DASHES = ("", "7 4", "2 3", "9 3 2 3")

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


def _a(value: object) -> str:
    return escape(str(value), quote=True)


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


def _fmt(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def _open(chart_id: str, title: str, description: str, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sb-chart" role="img" '
        f'aria-labelledby="{_a(chart_id)}-title {_a(chart_id)}-desc" '
        f'viewBox="0 0 {WIDTH} {_fmt(height)}" width="{WIDTH}" height="{_fmt(height)}" '
        f'style="{_a(FONT_STYLE)}" font-size="{FONT}">',
        f'<title id="{_a(chart_id)}-title">{_a(title)}</title>',
        f'<desc id="{_a(chart_id)}-desc">{_a(description)}</desc>',
    ]


def _patterns(chart_id: str, count: int) -> list[str]:
    """Fills that differ in texture as well as colour: solid, hatched, dotted, cross-hatched."""
    defs = ["<defs>"]
    for index in range(count):
        colour = COLOURS[index % len(COLOURS)]
        texture = index % 4
        pid = f"{chart_id}-p{index}"
        if texture == 0:
            body = f'<rect width="8" height="8" fill="{colour}"/>'
        elif texture == 1:
            body = (
                f'<rect width="8" height="8" fill="{colour}" fill-opacity="0.35"/>'
                f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{colour}" stroke-width="2"/>'
            )
        elif texture == 2:
            body = (
                f'<rect width="8" height="8" fill="{colour}" fill-opacity="0.25"/>'
                f'<circle cx="4" cy="4" r="2" fill="{colour}"/>'
            )
        else:
            body = (
                f'<rect width="8" height="8" fill="{colour}" fill-opacity="0.3"/>'
                f'<path d="M0,4 h8 M4,0 v8" stroke="{colour}" stroke-width="1.5"/>'
            )
        defs.append(
            f'<pattern id="{_a(pid)}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f"{body}</pattern>"
        )
    defs.append("</defs>")
    return defs


def describe(items: Sequence[tuple[str, str]], unit: str) -> str:
    """The data read aloud: `泰合社区 3,399 人次;丰泽社区 4,120余 人次`."""
    if not items:
        return t("没有数据。", "No data.")
    parts = [f"{label} {text} {unit}".strip() for label, text in items]
    return t("；", "; ").join(parts) + t("。", ".")


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], unit: str) -> str:
    """Horizontal bars, one per label, each with its value written at its end."""
    label_width = max((text_width(_short(b.label)) for b in bars), default=0) + PAD
    value_width = max((text_width(b.text) for b in bars), default=0) + PAD * 2
    area = max(WIDTH - label_width - value_width - PAD, 40)
    top = max((b.value for b in bars), default=0) or 1
    height = len(bars) * ROW + PAD * 2
    description = describe([(b.label, b.text) for b in bars], unit)
    parts = _open(chart_id, title, description, height)
    x0 = PAD + label_width
    for index, bar in enumerate(bars):
        y = PAD + index * ROW
        length = area * bar.value / top
        baseline = y + ROW / 2 + FONT * 0.35
        parts.append(
            f"<g><title>{_a(bar.label)}: {_a(bar.text)}</title>"
            f'<text x="{_fmt(x0 - PAD)}" y="{_fmt(baseline)}" text-anchor="end" '
            f'fill="currentColor">{_a(_short(bar.label))}</text>'
            f'<rect x="{_fmt(x0)}" y="{_fmt(y + (ROW - BAR) / 2)}" width="{_fmt(length)}" '
            f'height="{BAR}" fill="{COLOURS[0]}"/>'
            f'<text x="{_fmt(x0 + length + PAD / 2)}" y="{_fmt(baseline)}" '
            f'fill="currentColor">{_a(bar.text)}</text></g>'
        )
    parts.append(
        f'<line x1="{_fmt(x0)}" y1="{PAD}" x2="{_fmt(x0)}" y2="{_fmt(height - PAD)}" '
        'stroke="currentColor" stroke-opacity="0.5"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def stacked_bar_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    totals: Sequence[str],
    unit: str,
) -> str:
    """One horizontal bar per label, split into the series; a legend above names each texture."""
    label_width = max((text_width(_short(label)) for label in labels), default=0) + PAD
    value_width = max((text_width(text) for text in totals), default=0) + PAD * 2
    area = max(WIDTH - label_width - value_width - PAD, 40)
    sums = [sum(s.values[i] for s in series) for i in range(len(labels))]
    top = max(sums, default=0) or 1
    legend_height = ROW
    height = legend_height + len(labels) * ROW + PAD * 2
    items = []
    for index, label in enumerate(labels):
        shares = [f"{s.name} {s.texts[index]}" for s in series if s.values[index]]
        total = f"{totals[index]} {unit}"
        items.append(
            (
                label,
                t(
                    "{total}(其中{shares})",
                    "{total} ({shares})",
                    total=total,
                    shares=t("、", ", ").join(shares),
                ),
            )
        )
    description = describe(items, "")
    parts = _open(chart_id, title, description, height)
    parts += _patterns(chart_id, len(series))
    x = float(PAD)
    for index, one in enumerate(series):
        parts.append(
            f'<rect x="{_fmt(x)}" y="{PAD}" width="14" height="14" '
            f'fill="url(#{_a(chart_id)}-p{index})" stroke="{COLOURS[index % len(COLOURS)]}"/>'
            f'<text x="{_fmt(x + 18)}" y="{PAD + 12}" fill="currentColor">{_a(one.name)}</text>'
        )
        x += 18 + text_width(one.name) + PAD * 2
    x0 = PAD + label_width
    for row, label in enumerate(labels):
        y = legend_height + PAD + row * ROW
        baseline = y + ROW / 2 + FONT * 0.35
        parts.append(
            f'<text x="{_fmt(x0 - PAD)}" y="{_fmt(baseline)}" text-anchor="end" '
            f'fill="currentColor">{_a(_short(label))}</text>'
        )
        start = x0
        for index, one in enumerate(series):
            value = one.values[row]
            if not value:
                continue
            length = area * value / top
            parts.append(
                f"<g><title>{_a(label)} · {_a(one.name)}: {_a(one.texts[row])}</title>"
                f'<rect x="{_fmt(start)}" y="{_fmt(y + (ROW - BAR) / 2)}" width="{_fmt(length)}" '
                f'height="{BAR}" fill="url(#{_a(chart_id)}-p{index})" '
                f'stroke="{COLOURS[index % len(COLOURS)]}"/></g>'
            )
            start += length
        parts.append(
            f'<text x="{_fmt(start + PAD / 2)}" y="{_fmt(baseline)}" '
            f'fill="currentColor">{_a(totals[row])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "circle":
        return f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="4.5" fill="{colour}"/>'
    if kind == "square":
        return f'<rect x="{_fmt(x - 4)}" y="{_fmt(y - 4)}" width="8" height="8" fill="{colour}"/>'
    if kind == "triangle":
        return (
            f'<path d="M{_fmt(x)},{_fmt(y - 5)} L{_fmt(x + 5)},{_fmt(y + 4)} '
            f'L{_fmt(x - 5)},{_fmt(y + 4)} Z" fill="{colour}"/>'
        )
    return (
        f'<path d="M{_fmt(x)},{_fmt(y - 5.5)} L{_fmt(x + 5.5)},{_fmt(y)} '
        f'L{_fmt(x)},{_fmt(y + 5.5)} L{_fmt(x - 5.5)},{_fmt(y)} Z" fill="{colour}"/>'
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
    tick_text: Callable[[float], str] = _fmt,
) -> str:
    """A trend over years: one line per series with its own marker and dash, labelled at its end."""
    height = 300.0
    label_width = (
        max(
            (text_width(s.name) + text_width(s.texts[-1] if s.texts else "") for s in series),
            default=0,
        )
        + 28
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

    items = []
    for one in series:
        points = t("、", ", ").join(
            f"{x} {text}" for x, text in zip(x_labels, one.texts, strict=True)
        )
        items.append((one.name, points))
    description = describe(items, unit)
    parts = _open(chart_id, title, description, height)
    parts.append(f'<text x="{PAD}" y="{FONT + 2}" fill="currentColor">{_a(unit)}</text>')
    for tick in range(ticks + 1):
        value = step * tick
        y = y_at(value)
        shown = tick_text(value)
        parts.append(
            f'<line x1="{_fmt(left)}" y1="{_fmt(y)}" x2="{_fmt(right)}" y2="{_fmt(y)}" '
            'stroke="currentColor" stroke-opacity="0.15"/>'
            f'<text x="{_fmt(left - 6)}" y="{_fmt(y + 4)}" text-anchor="end" '
            f'fill="currentColor" fill-opacity="0.8">{_a(shown)}</text>'
        )
    for index, label in enumerate(x_labels):
        parts.append(
            f'<text x="{_fmt(x_at(index))}" y="{_fmt(height - 10)}" text-anchor="middle" '
            f'fill="currentColor">{_a(label)}</text>'
        )
    ends = []
    for number, one in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        marker = MARKERS[number % len(MARKERS)]
        dash = DASHES[number % len(DASHES)]
        coords = [(x_at(i), y_at(v)) for i, v in enumerate(one.values)]
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{_fmt(x)},{_fmt(y)}" for i, (x, y) in enumerate(coords)
        )
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f"<g><title>{_a(one.name)}</title>"
            f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
        )
        for (x, y), label, text in zip(coords, x_labels, one.texts, strict=True):
            parts.append(f"<g><title>{_a(one.name)} {_a(label)}: {_a(text)}</title>")
            parts.append(_marker(marker, x, y, colour) + "</g>")
        parts.append("</g>")
        ends.append(coords[-1][1] if coords else bottom)
    for number, (one, y) in enumerate(zip(series, _spread(ends, FONT + 3), strict=True)):
        colour = COLOURS[number % len(COLOURS)]
        last = one.texts[-1] if one.texts else ""
        parts.append(
            f'<text x="{_fmt(right + 10)}" y="{_fmt(y + 4)}" fill="currentColor">'
            f'<tspan fill="{colour}" font-weight="bold">{_a(one.name)}</tspan> {_a(last)}</text>'
        )
    parts.append(
        f'<line x1="{_fmt(left)}" y1="{_fmt(bottom)}" x2="{_fmt(right)}" y2="{_fmt(bottom)}" '
        'stroke="currentColor" stroke-opacity="0.6"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
