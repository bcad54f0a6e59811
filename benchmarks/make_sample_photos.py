"""Draw the sample photos used by the sample content in `content/`.

The photos are illustrations (shapes, gradients and simple figures, no text), not real
pictures of anyone. Each is drawn upright at 2400x1800, then stored *rotated* with the EXIF
Orientation tag set so that `ImageOps.exif_transpose` shows it upright again, and carries
GPS, Make/Model and DateTimeOriginal tags. That makes them realistic test material for the
image pipeline: it has to honour the orientation and strip the location before publishing.

Deterministic and re-runnable: the same Pillow version writes the same bytes.

    .venv/bin/python benchmarks/make_sample_photos.py
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps
from PIL.ExifTags import IFD
from PIL.TiffImagePlugin import IFDRational

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
W, H = 2400, 1800
QUALITY = 85

RGB = tuple[int, int, int]
Draw = ImageDraw.ImageDraw

# -- drawing helpers -------------------------------------------------------------------------


def gradient(img: Image.Image, box: tuple[int, int, int, int], top: RGB, bottom: RGB) -> None:
    x0, y0, x1, y1 = box
    draw = ImageDraw.Draw(img)
    span = max(1, y1 - y0 - 1)
    for y in range(y0, y1):
        f = (y - y0) / span
        colour = tuple(round(a + (b - a) * f) for a, b in zip(top, bottom, strict=True))
        draw.line([(x0, y), (x1 - 1, y)], fill=colour)


def shade(colour: RGB, factor: float) -> RGB:
    return tuple(max(0, min(255, round(c * factor))) for c in colour)  # type: ignore[return-value]


def building(d: Draw, x: int, y: int, w: int, h: int, wall: RGB, rng: random.Random) -> None:
    d.rectangle([x, y, x + w, y + h], fill=wall, outline=shade(wall, 0.8), width=4)
    d.rectangle([x - 10, y - 24, x + w + 10, y], fill=shade(wall, 0.7))
    cols = max(2, w // 110)
    rows = max(2, h // 130)
    gw = w / cols
    gh = h / rows
    for r in range(rows):
        for c in range(cols):
            wx = x + c * gw + gw * 0.22
            wy = y + r * gh + gh * 0.25
            lit = rng.random() < 0.3
            glass = (250, 226, 160) if lit else (150, 186, 214)
            d.rectangle(
                [wx, wy, wx + gw * 0.56, wy + gh * 0.5],
                fill=glass,
                outline=(235, 235, 235),
                width=3,
            )


def tree(d: Draw, x: int, ground: int, size: int, leaf: RGB = (74, 140, 80)) -> None:
    d.rectangle([x - size * 0.08, ground - size * 0.9, x + size * 0.08, ground], fill=(110, 80, 55))
    for dx, dy, r in ((0, -1.15, 0.48), (-0.32, -0.9, 0.36), (0.32, -0.92, 0.38), (0, -0.75, 0.4)):
        cx, cy, rr = x + dx * size, ground + dy * size, r * size
        d.ellipse([cx - rr, cy - rr, cx + rr, cy + rr], fill=shade(leaf, 0.9 + 0.1 * (dx == 0)))


def flower_bed(d: Draw, box: tuple[float, float, float, float], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    d.ellipse([x0, y0, x1, y1], fill=(120, 92, 66), outline=(190, 190, 180), width=10)
    d.ellipse([x0 + 18, y0 + 14, x1 - 18, y1 - 14], fill=(92, 150, 84))
    palette = [(236, 96, 120), (250, 200, 70), (246, 246, 240), (200, 120, 220), (240, 140, 60)]
    for _ in range(int((x1 - x0) * (y1 - y0) / 2600)):
        t = rng.random() * 2 * math.pi
        rad = math.sqrt(rng.random()) * 0.82
        cx = (x0 + x1) / 2 + math.cos(t) * rad * (x1 - x0) / 2
        cy = (y0 + y1) / 2 + math.sin(t) * rad * (y1 - y0) / 2
        r = rng.randint(8, 15)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=rng.choice(palette))


def bench(d: Draw, x: int, y: int, w: int) -> None:
    d.rectangle([x, y, x + w, y + 22], fill=(156, 102, 60))
    d.rectangle([x, y - 60, x + w, y - 40], fill=(156, 102, 60))
    for lx in (x + 20, x + w - 36):
        d.rectangle([lx, y + 22, lx + 16, y + 70], fill=(70, 70, 74))


@dataclass
class Person:
    kind: str  # "elderly", "adult" or "child"
    shirt: RGB
    hair: RGB | None = None
    trousers: RGB = (70, 76, 96)


def person(
    d: Draw, x: float, feet: float, p: Person, arms_up: bool = False, seated: bool = False
) -> None:
    scale = {"child": 0.62, "adult": 1.0, "elderly": 0.94}[p.kind]
    h = 560 * scale
    head = h * 0.15
    hair = p.hair or ((200, 200, 204) if p.kind == "elderly" else (40, 32, 28))
    skin = (238, 200, 170)
    body_top = feet - h + head * 2
    body_bottom = feet - h * (0.28 if seated else 0.42)
    bw = h * 0.17
    # legs
    if seated:
        d.rectangle(
            [x - bw * 0.8, body_bottom - 10, x + bw * 1.8, body_bottom + h * 0.08], fill=p.trousers
        )
        d.rectangle([x + bw * 1.3, body_bottom, x + bw * 1.8, feet], fill=p.trousers)
    else:
        d.rectangle([x - bw * 0.75, body_bottom - 10, x - bw * 0.1, feet], fill=p.trousers)
        d.rectangle([x + bw * 0.1, body_bottom - 10, x + bw * 0.75, feet], fill=p.trousers)
    # body and arms
    d.rounded_rectangle([x - bw, body_top, x + bw, body_bottom], radius=int(bw * 0.5), fill=p.shirt)
    arm = shade(p.shirt, 0.85)
    if arms_up:
        d.line(
            [(x - bw * 0.8, body_top + 20), (x - bw * 2.0, body_top - head * 1.4)],
            fill=arm,
            width=int(bw * 0.45),
        )
        d.line(
            [(x + bw * 0.8, body_top + 20), (x + bw * 2.0, body_top - head * 1.4)],
            fill=arm,
            width=int(bw * 0.45),
        )
    else:
        d.line(
            [(x - bw * 0.9, body_top + 20), (x - bw * 1.3, body_bottom - 10)],
            fill=arm,
            width=int(bw * 0.45),
        )
        d.line(
            [(x + bw * 0.9, body_top + 20), (x + bw * 1.3, body_bottom - 10)],
            fill=arm,
            width=int(bw * 0.45),
        )
    # head
    cy = body_top - head * 0.95
    d.ellipse([x - head, cy - head, x + head, cy + head], fill=skin)
    d.chord(
        [x - head * 1.05, cy - head * 1.12, x + head * 1.05, cy + head * 0.6], 180, 360, fill=hair
    )


def person_from_behind(d: Draw, x: float, base: float, size: float, shirt: RGB, hair: RGB) -> None:
    d.rounded_rectangle(
        [x - size, base - size * 1.2, x + size, base + size], radius=int(size * 0.6), fill=shirt
    )
    d.ellipse([x - size * 0.55, base - size * 2.2, x + size * 0.55, base - size * 1.1], fill=hair)


def heart(d: Draw, cx: float, cy: float, r: float, colour: RGB) -> None:
    d.ellipse([cx - r, cy - r, cx, cy], fill=colour)
    d.ellipse([cx, cy - r, cx + r, cy], fill=colour)
    d.polygon(
        [(cx - r * 0.98, cy - r * 0.35), (cx + r * 0.98, cy - r * 0.35), (cx, cy + r * 0.95)],
        fill=colour,
    )


def star(d: Draw, cx: float, cy: float, r: float, colour: RGB) -> None:
    points = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.45
        a = -math.pi / 2 + i * math.pi / 5
        points.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(points, fill=colour)


def room(img: Image.Image, wall: RGB, floor: RGB, horizon: int = 1250) -> Draw:
    gradient(img, (0, 0, W, horizon), shade(wall, 1.05), shade(wall, 0.92))
    gradient(img, (0, horizon, W, H), floor, shade(floor, 0.8))
    d = ImageDraw.Draw(img)
    d.rectangle([0, horizon - 16, W, horizon], fill=shade(wall, 0.75))
    return d


# -- scenes ----------------------------------------------------------------------------------


def fengze_garden(rng: random.Random) -> Image.Image:
    """连心花园: the garden built where the wall stood, between two old housing blocks."""
    img = Image.new("RGB", (W, H))
    gradient(img, (0, 0, W, 1000), (120, 176, 228), (214, 232, 244))
    gradient(img, (0, 1000, W, H), (126, 178, 104), (88, 140, 74))
    d = ImageDraw.Draw(img)
    building(d, 40, 300, 640, 720, (214, 176, 140), rng)
    building(d, 1720, 260, 640, 760, (206, 190, 168), rng)
    # the wall's old foundation, kept as a low kerb
    d.rectangle([0, 1060, W, 1090], fill=(168, 160, 150))
    # path
    d.polygon([(1040, 1090), (1360, 1090), (1700, H), (700, H)], fill=(214, 204, 184))
    for i in range(9):
        y = 1120 + i * 80
        half = 160 + (y - 1090) * 0.47
        d.line([(1200 - half, y), (1200 + half, y)], fill=(190, 180, 160), width=6)
    # pergola
    d.rectangle([980, 760, 1420, 790], fill=(150, 96, 58))
    for px in (1000, 1380):
        d.rectangle([px, 790, px + 24, 1090], fill=(150, 96, 58))
    for i in range(12):
        vx = 990 + i * 38
        d.ellipse([vx - 24, 740, vx + 24, 800], fill=(86, 150, 80))
    flower_bed(d, (180, 1200, 640, 1420), rng)
    flower_bed(d, (1760, 1200, 2220, 1420), rng)
    flower_bed(d, (120, 1520, 560, 1740), rng)
    flower_bed(d, (1840, 1520, 2300, 1740), rng)
    for tx, size in ((820, 420), (1600, 460), (70, 380), (2330, 400)):
        tree(d, tx, 1080, size)
    bench(d, 720, 1340, 220)
    bench(d, 1470, 1340, 220)
    d.ellipse([2050, 120, 2230, 300], fill=(255, 240, 180))
    return img


def fengze_volunteers(rng: random.Random) -> Image.Image:
    """志愿服务大集: stalls for knife sharpening and haircuts at the residents' door."""
    img = Image.new("RGB", (W, H))
    gradient(img, (0, 0, W, 900), (150, 196, 236), (226, 238, 246))
    gradient(img, (0, 900, W, H), (196, 190, 180), (160, 154, 146))
    d = ImageDraw.Draw(img)
    building(d, 0, 160, 900, 760, (224, 196, 160), rng)
    building(d, 1500, 200, 900, 720, (210, 200, 186), rng)
    tree(d, 1200, 920, 480)
    for i, (x0, colour) in enumerate(
        ((120, (214, 52, 52)), (880, (232, 120, 40)), (1640, (214, 52, 52)))
    ):
        d.polygon([(x0, 700), (x0 + 640, 700), (x0 + 600, 620), (x0 + 40, 620)], fill=colour)
        for s in range(8):
            sx = x0 + s * 80
            d.pieslice([sx, 660, sx + 80, 740], 0, 180, fill=shade(colour, 0.85 if s % 2 else 1.0))
        for px in (x0 + 20, x0 + 600):
            d.rectangle([px, 700, px + 16, 1200], fill=(120, 120, 126))
        d.rectangle([x0 + 60, 1040, x0 + 580, 1080], fill=(236, 236, 230))
        d.rectangle(
            [x0 + 80, 1080, x0 + 560, 1220], fill=(60, 110, 170) if i != 1 else (48, 140, 110)
        )
    # stall 1: knife sharpening, a whetstone and knives on the table
    d.rectangle([260, 1000, 480, 1040], fill=(110, 104, 96))
    d.polygon([(520, 1010), (640, 1000), (640, 1016)], fill=(200, 204, 210))
    person(d, 380, 1500, Person("adult", (220, 60, 60)))
    person(d, 640, 1560, Person("elderly", (90, 120, 170)))
    # stall 2: a haircut
    d.rectangle([1120, 1180, 1280, 1200], fill=(80, 80, 84))
    person(d, 1120, 1520, Person("elderly", (236, 236, 236)), seated=True)
    person(d, 1340, 1500, Person("adult", (220, 60, 60), hair=(60, 40, 30)))
    # stall 3: window screens and locks
    d.rectangle([1760, 940, 2060, 1040], fill=(180, 190, 196), outline=(120, 120, 120), width=6)
    for gx in range(1770, 2060, 24):
        d.line([(gx, 944), (gx, 1036)], fill=(150, 160, 168), width=2)
    person(d, 2000, 1520, Person("adult", (220, 60, 60), hair=(30, 30, 30)))
    person(d, 2230, 1580, Person("elderly", (150, 100, 140)))
    _ = rng
    return img


def taihe_theatre_story(rng: random.Random) -> Image.Image:
    """一个观众的剧场: children perform in an elderly woman's home; she watches from her bed."""
    img = Image.new("RGB", (W, H))
    d = room(img, (240, 224, 200), (176, 132, 96))
    # window with curtains
    d.rectangle([1500, 220, 2160, 760], fill=(186, 218, 240), outline=(250, 250, 250), width=18)
    d.line([(1830, 220), (1830, 760)], fill=(250, 250, 250), width=14)
    d.polygon([(1460, 200), (1600, 200), (1540, 800), (1460, 800)], fill=(200, 90, 90))
    d.polygon([(2200, 200), (2060, 200), (2120, 800), (2200, 800)], fill=(200, 90, 90))
    # bed with the audience of one
    d.rectangle([120, 900, 980, 1260], fill=(150, 106, 72))
    d.rectangle([100, 700, 160, 1330], fill=(130, 90, 60))
    d.rounded_rectangle([150, 880, 960, 1120], radius=40, fill=(244, 244, 238))
    d.rounded_rectangle([180, 860, 420, 990], radius=50, fill=(255, 255, 255))
    d.ellipse([230, 760, 380, 910], fill=(238, 200, 170))
    d.chord([222, 748, 388, 880], 180, 360, fill=(206, 206, 210))
    d.rounded_rectangle([360, 900, 960, 1110], radius=40, fill=(232, 150, 140))
    for i in range(6):
        d.line([(400 + i * 95, 910), (400 + i * 95, 1100)], fill=(214, 128, 120), width=6)
    # the little performers
    colours = [(250, 190, 60), (90, 170, 220), (236, 110, 150), (120, 190, 120)]
    for i, x in enumerate((1200, 1460, 1720, 1980)):
        person(d, x, 1560 + (i % 2) * 20, Person("child", colours[i]), arms_up=i % 2 == 0)
    # a parent at the side
    person(d, 2260, 1620, Person("adult", (110, 110, 150)))
    for _ in range(14):
        heart(
            d, rng.randint(1100, 2200), rng.randint(820, 1100), rng.randint(20, 36), (236, 90, 110)
        )
    for _ in range(6):
        star(d, rng.randint(600, 1400), rng.randint(200, 600), rng.randint(30, 50), (250, 214, 90))
    return img


def taihe_handcraft(rng: random.Random) -> Image.Image:
    """儿童特色活动: painted opera masks, shadow-puppet figures and yarn on the activity table."""
    img = Image.new("RGB", (W, H))
    d = room(img, (226, 236, 240), (210, 180, 140), horizon=700)
    d.rectangle([100, 760, 2300, 1700], fill=(236, 206, 160), outline=(190, 150, 110), width=12)
    mask_colours = [
        ((214, 50, 50), (30, 30, 30)),
        ((250, 250, 246), (30, 30, 30)),
        ((40, 110, 200), (250, 220, 60)),
        ((240, 200, 40), (200, 40, 40)),
        ((40, 150, 90), (250, 250, 250)),
    ]
    for i, (face, mark) in enumerate(mask_colours):
        cx, cy = 360 + i * 420, 1040 + (i % 2) * 60
        d.ellipse(
            [cx - 150, cy - 190, cx + 150, cy + 190], fill=face, outline=(60, 40, 30), width=6
        )
        d.ellipse([cx - 100, cy - 70, cx - 30, cy - 20], fill=mark)
        d.ellipse([cx + 30, cy - 70, cx + 100, cy - 20], fill=mark)
        d.polygon(
            [(cx - 120, cy - 150), (cx, cy - 100), (cx + 120, cy - 150), (cx, cy - 180)], fill=mark
        )
        d.arc([cx - 70, cy + 30, cx + 70, cy + 120], 20, 160, fill=mark, width=10)
    for i in range(6):
        cx, cy = 300 + i * 360, 1480
        colour = [
            (214, 60, 80),
            (250, 170, 40),
            (90, 150, 220),
            (150, 90, 200),
            (60, 170, 120),
            (240, 110, 60),
        ][i]
        d.ellipse([cx - 70, cy - 70, cx + 70, cy + 70], fill=colour)
        for k in range(6):
            a = k * math.pi / 3 + rng.random()
            d.arc(
                [cx - 70, cy - 70, cx + 70, cy + 70],
                math.degrees(a),
                math.degrees(a) + 90,
                fill=shade(colour, 0.7),
                width=5,
            )
        d.line([(cx + 60, cy + 20), (cx + 160, cy + 90)], fill=colour, width=6)
    # children seen from behind, at the near edge of the table
    for i, x in enumerate((500, 1200, 1900)):
        shirt = [(250, 190, 60), (90, 170, 220), (236, 110, 150)][i]
        person_from_behind(d, x, 1760, 170, shirt, (40, 30, 26))
    return img


def jixiangyuan_acupuncture(rng: random.Random) -> Image.Image:
    """银针送健康: a doctor treats an elderly resident while others wait their turn."""
    img = Image.new("RGB", (W, H))
    d = room(img, (230, 238, 232), (190, 196, 200), horizon=1150)
    # banner-free backdrop: a green board and a cabinet
    d.rectangle([200, 200, 1100, 700], fill=(80, 150, 120), outline=(250, 250, 250), width=12)
    heart(d, 650, 430, 130, (250, 250, 250))
    d.rectangle([640, 380, 660, 520], fill=(80, 150, 120))
    d.rectangle([580, 440, 720, 460], fill=(80, 150, 120))
    d.rectangle([1700, 500, 2200, 1150], fill=(246, 246, 246), outline=(200, 200, 200), width=8)
    for sy in (640, 800, 960):
        d.line([(1700, sy), (2200, sy)], fill=(200, 200, 200), width=6)
    # treatment table
    d.rectangle([300, 1120, 1300, 1180], fill=(250, 250, 250))
    d.rectangle([340, 1180, 380, 1500], fill=(160, 160, 166))
    d.rectangle([1220, 1180, 1260, 1500], fill=(160, 160, 166))
    d.rectangle([500, 1080, 700, 1120], fill=(200, 220, 236))
    person(d, 520, 1620, Person("adult", (250, 250, 250), hair=(30, 30, 30)))
    person(d, 1000, 1640, Person("elderly", (140, 90, 70)), seated=True)
    for i, x in enumerate((1520, 1780, 2040, 2280)):
        shirts = [(90, 120, 170), (170, 90, 110), (110, 140, 100), (120, 110, 160)]
        person(d, x, 1660 + i * 10, Person("elderly", shirts[i]))
    _ = rng
    return img


def jixiangyuan_bookroom(rng: random.Random) -> Image.Image:
    """社区书屋: shelves, a reading table and a window, with nobody in the picture."""
    img = Image.new("RGB", (W, H))
    d = room(img, (246, 236, 214), (170, 120, 84), horizon=1300)
    for sx in (100, 760):
        d.rectangle([sx, 160, sx + 600, 1300], fill=(140, 96, 62))
        for row in range(5):
            y0 = 200 + row * 220
            d.rectangle([sx + 24, y0, sx + 576, y0 + 190], fill=(96, 64, 40))
            x = sx + 30
            while x < sx + 560:
                bw = rng.randint(22, 48)
                bh = rng.randint(120, 186)
                colour = rng.choice(
                    [
                        (200, 70, 60),
                        (60, 110, 170),
                        (236, 190, 70),
                        (80, 150, 100),
                        (170, 110, 190),
                        (240, 240, 230),
                    ]
                )
                if rng.random() < 0.1:
                    d.polygon(
                        [
                            (x, y0 + 190),
                            (x + bw, y0 + 190),
                            (x + bw + 40, y0 + 190 - bh),
                            (x + 40, y0 + 190 - bh),
                        ],
                        fill=colour,
                    )
                    x += bw + 44
                else:
                    d.rectangle([x, y0 + 190 - bh, x + bw, y0 + 190], fill=colour)
                    x += bw + 3
    d.rectangle([1560, 200, 2260, 900], fill=(200, 226, 244), outline=(250, 250, 250), width=18)
    d.line([(1910, 200), (1910, 900)], fill=(250, 250, 250), width=14)
    tree(d, 1760, 900, 300, (110, 170, 110))
    d.rectangle([1300, 1200, 2300, 1260], fill=(196, 150, 100))
    for lx in (1340, 2230):
        d.rectangle([lx, 1260, lx + 30, 1600], fill=(150, 110, 70))
    for i in range(3):
        bx = 1420 + i * 280
        d.polygon(
            [(bx, 1190), (bx + 200, 1170), (bx + 220, 1196), (bx + 10, 1210)],
            fill=[(236, 190, 70), (90, 150, 220), (240, 120, 120)][i],
        )
    for cx in (1450, 2100):
        d.rectangle([cx, 1300, cx + 180, 1340], fill=(230, 120, 60))
        d.rectangle([cx, 1100, cx + 24, 1600], fill=(230, 120, 60))
    d.rounded_rectangle([2280, 1340, 2380, 1500], radius=14, fill=(200, 120, 80))
    tree(d, 2330, 1350, 200, (90, 160, 90))
    return img


def taihe_theatre_activity(rng: random.Random) -> Image.Image:
    """一个观众的剧场 (activity record): a small ensemble performs for an elderly neighbour."""
    img = Image.new("RGB", (W, H))
    d = room(img, (236, 228, 246), (160, 120, 100), horizon=1200)
    # paper-cut style decorations: red circles with star cut-outs
    for i in range(5):
        cx = 300 + i * 450
        d.ellipse([cx - 110, 160, cx + 110, 380], fill=(210, 40, 50))
        star(d, cx, 270, 70, (236, 228, 246))
    d.line([(0, 150), (W, 150)], fill=(180, 60, 60), width=8)
    # armchair with the elderly audience
    d.rounded_rectangle([1700, 900, 2240, 1500], radius=60, fill=(120, 80, 120))
    d.rounded_rectangle([1760, 1100, 2180, 1420], radius=30, fill=(150, 100, 150))
    person(d, 1900, 1620, Person("elderly", (200, 120, 90)), seated=True)
    d.rounded_rectangle([1800, 1300, 2180, 1460], radius=30, fill=(230, 210, 170))
    # performers
    colours = [(250, 120, 120), (120, 180, 240), (250, 210, 80), (150, 210, 140), (220, 150, 220)]
    for i, x in enumerate((240, 520, 800, 1080, 1360)):
        person(d, x, 1600 - abs(i - 2) * 20, Person("child", colours[i]), arms_up=i in (1, 3))
    for _ in range(10):
        star(d, rng.randint(200, 1500), rng.randint(500, 800), rng.randint(24, 44), (250, 214, 90))
    return img


# -- EXIF ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhotoSpec:
    path: str  # relative to content/
    scene: Callable[[random.Random], Image.Image]
    orientation: int  # 3, 6 or 8
    lat: float
    lon: float
    make: str
    model: str
    taken: str  # "YYYY:MM:DD HH:MM:SS"


SHENYANG = (41.79, 123.43)
BENXI = (41.30, 123.77)
TIELING = (42.29, 123.84)

PHOTOS = [
    PhotoSpec(
        "stories/fengze-garden.jpg",
        fengze_garden,
        6,
        *SHENYANG,
        "Xiaomi",
        "Redmi Note 12",
        "2025:05:10 09:12:00",
    ),
    PhotoSpec(
        "stories/fengze-volunteers.jpg",
        fengze_volunteers,
        3,
        *SHENYANG,
        "HUAWEI",
        "nova 11",
        "2025:04:12 10:05:00",
    ),
    PhotoSpec(
        "stories/taihe-theatre.jpg",
        taihe_theatre_story,
        6,
        *BENXI,
        "OPPO",
        "Reno10",
        "2025:04:19 15:30:00",
    ),
    PhotoSpec(
        "stories/taihe-handcraft.jpg",
        taihe_handcraft,
        8,
        *BENXI,
        "vivo",
        "Y78",
        "2025:03:22 14:10:00",
    ),
    PhotoSpec(
        "stories/jixiangyuan-acupuncture.jpg",
        jixiangyuan_acupuncture,
        6,
        *TIELING,
        "Canon",
        "EOS 90D",
        "2024:10:15 09:40:00",
    ),
    PhotoSpec(
        "stories/jixiangyuan-bookroom.jpg",
        jixiangyuan_bookroom,
        6,
        *TIELING,
        "HUAWEI",
        "Mate 50",
        "2025:04:26 16:00:00",
    ),
    PhotoSpec(
        "activities/taihe/theatre.jpg",
        taihe_theatre_activity,
        8,
        *BENXI,
        "OPPO",
        "Reno10",
        "2025:04:19 15:42:00",
    ),
]

# What to do to the upright picture so that exif_transpose, applying `orientation`, undoes it.
_STORE = {
    3: Image.Transpose.ROTATE_180,
    6: Image.Transpose.ROTATE_90,  # exif_transpose turns it back with ROTATE_270
    8: Image.Transpose.ROTATE_270,  # exif_transpose turns it back with ROTATE_90
}


def _dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    degrees = int(value)
    minutes_float = (value - degrees) * 60
    minutes = int(minutes_float)
    seconds = round((minutes_float - minutes) * 60 * 100)
    return IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(seconds, 100)


def exif_for(spec: PhotoSpec, rng: random.Random) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = spec.make  # Make
    exif[0x0110] = spec.model  # Model
    exif[0x0112] = spec.orientation  # Orientation
    exif[0x0132] = spec.taken  # DateTime
    exif_ifd = exif.get_ifd(IFD.Exif)
    exif_ifd[0x9003] = spec.taken  # DateTimeOriginal
    # A small, deterministic offset so the photos do not share one point.
    lat = spec.lat + rng.uniform(-0.004, 0.004)
    lon = spec.lon + rng.uniform(-0.004, 0.004)
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[0x0000] = b"\x02\x03\x00\x00"  # GPSVersionID
    gps[0x0001] = "N"
    gps[0x0002] = _dms(lat)
    gps[0x0003] = "E"
    gps[0x0004] = _dms(lon)
    return exif


def make(spec: PhotoSpec) -> Path:
    seed = sum(ord(c) * (i + 1) for i, c in enumerate(spec.path))
    rng = random.Random(seed)
    upright = spec.scene(rng)
    assert upright.size == (W, H)
    stored = upright.transpose(_STORE[spec.orientation])
    out = CONTENT / spec.path
    out.parent.mkdir(parents=True, exist_ok=True)
    stored.save(out, "JPEG", quality=QUALITY, exif=exif_for(spec, rng), optimize=True)
    # Check the round trip: the stored file shows upright at 2400x1800.
    with Image.open(out) as check:
        shown = ImageOps.exif_transpose(check)
        assert shown.size == (W, H), (spec.path, shown.size)
    return out


def main() -> None:
    for spec in PHOTOS:
        out = make(spec)
        print(
            f"{out.relative_to(ROOT)}  {out.stat().st_size // 1024} KB  orientation={spec.orientation}"
        )


if __name__ == "__main__":
    main()
