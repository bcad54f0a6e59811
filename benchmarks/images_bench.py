"""Benchmark: the image pipeline against the naive Pillow recipe, side by side in one run.

    .venv/bin/python benchmarks/images_bench.py [--count 6] [--seed 1]

Makes N synthetic 12-megapixel phone photos (4000x3000 JPEG, quality 90, EXIF orientation and a
GPS position; gradients, shapes, fine lines and luminance noise so that decoding and encoding
cost what they cost on real photos), half of them portrait (orientation 6 or 8), then times:

- the naive recipe: open, ImageOps.exif_transpose, and for each width a copy + LANCZOS
  thumbnail from the full image, saved as JPEG and WebP at Pillow's defaults;
- the pipeline on one core (workers=1, cold cache), as a whole and for landscape / portrait;
- the pipeline with one worker per CPU (cold cache), and a warm rerun (everything cached).

Output widths are the same for both recipes. Sizes and PSNR (of the 960-pixel JPEG and WebP
against a LANCZOS resize of the full decoded image, without compression) show whether speed
came from lower quality. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import io
import math
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from importlib.metadata import version
from pathlib import Path

import PIL
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps, features

from site_builder.images import ImageCache, Recipe, process_photos
from site_builder.images.derive import RESAMPLE, WEBP_METHOD

WIDTH, HEIGHT = 4000, 3000
ORIENTATIONS = (1, 6, 3, 8)  # alternating landscape and portrait
COMPARE_WIDTH = 960


@dataclass
class Outputs:
    """Encoded files of one photo, by (width, format)."""

    files: dict[tuple[int, str], bytes]


def synthetic_photo(seed: int, orientation: int) -> bytes:
    rnd = random.Random(seed)
    horizontal = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    radial = Image.radial_gradient("L").resize((WIDTH, HEIGHT))
    vertical = horizontal.transpose(Image.Transpose.ROTATE_90).resize((WIDTH, HEIGHT))
    im = Image.merge("RGB", (horizontal, radial, vertical))
    draw = ImageDraw.Draw(im)
    for _ in range(80):
        x, y, size = rnd.randrange(WIDTH), rnd.randrange(HEIGHT), rnd.randrange(40, 700)
        colour = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
        kind = rnd.random()
        if kind < 0.4:
            draw.ellipse((x, y, x + size, y + size), fill=colour)
        elif kind < 0.8:
            draw.rectangle((x, y, x + size, y + size // 2), fill=colour)
        else:
            for dy in range(0, size, 12):
                draw.line((x, y + dy, x + size, y + dy), fill=colour, width=3)
    im = im.filter(ImageFilter.GaussianBlur(1.5))
    # Sensor noise after a phone's denoising: luminance only, sigma 6 of 255.
    noise = Image.effect_noise((WIDTH, HEIGHT), 6)
    im = ImageChops.add(im, Image.merge("RGB", (noise, noise, noise)), scale=1.0, offset=-128)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "BenchPhone"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (41.0, 48.0, 12.5), 3: "E", 4: (123.0, 25.0, 55.1)})
    buffer = io.BytesIO()
    im.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


def naive(path: Path, widths: Iterable[int]) -> Outputs:
    files = {}
    with Image.open(path) as source:
        im = ImageOps.exif_transpose(source)
    for width in widths:
        copy = im.copy()
        copy.thumbnail((width, width * 100), Image.Resampling.LANCZOS)
        for fmt in ("JPEG", "WEBP"):
            buffer = io.BytesIO()
            copy.save(buffer, fmt)
            files[(width, fmt.lower())] = buffer.getvalue()
    return Outputs(files)


def naive_once(path: Path, widths: Iterable[int], _attempt: int) -> Outputs:
    return naive(path, widths)


def pipeline_outputs(cache: Path, path: Path, recipe: Recipe) -> Outputs:
    photo = process_photos([path], recipe, cache, workers=1).results[path]
    folder = ImageCache(cache).entry_dir(photo.key)
    return Outputs({(v.width, v.format): (folder / v.name).read_bytes() for v in photo.variants})


def psnr(a: Image.Image, b: Image.Image) -> float:
    histogram = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).histogram()
    squared = sum(count * (i % 256) ** 2 for i, count in enumerate(histogram))
    mse = squared / (a.width * a.height * 3)
    return 10 * math.log10(255**2 / mse) if mse else math.inf


def quality(outputs: Outputs, reference: Image.Image) -> dict[str, float]:
    scores = {}
    for fmt in ("jpeg", "webp"):
        with Image.open(io.BytesIO(outputs.files[(COMPARE_WIDTH, fmt)])) as im:
            if im.size != reference.size:
                raise SystemExit(f"size mismatch: {im.size} vs {reference.size}")
            scores[fmt] = psnr(im, reference)
    return scores


def reference(path: Path) -> Image.Image:
    with Image.open(path) as source:
        im = ImageOps.exif_transpose(source)
    height = round(im.height * COMPARE_WIDTH / im.width)
    return im.resize((COMPARE_WIDTH, height), Image.Resampling.LANCZOS)


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float
    """CPU time of this process: what one core spends, whatever else the machine runs."""


def best_of(repeat: int, action: Callable[[int], object]) -> Timing:
    """The fastest of `repeat` runs: other load on the machine only ever adds time."""
    runs = []
    for attempt in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        action(attempt)
        runs.append(Timing(time.perf_counter() - wall, time.process_time() - cpu))
    return Timing(min(r.wall for r in runs), min(r.cpu for r in runs))


def mean_bytes(outputs: list[Outputs], fmt: str) -> float:
    return statistics.mean(
        sum(len(data) for (_, f), data in o.files.items() if f == fmt) for o in outputs
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=6, help="number of photos (default 6)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing, best kept")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    recipe = Recipe()
    cpus = os.cpu_count() or 1
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())

    with tempfile.TemporaryDirectory(prefix="images-bench-") as folder:
        root = Path(folder)
        photos: list[Path] = []
        portrait: set[Path] = set()
        for i in range(args.count):
            orientation = ORIENTATIONS[i % len(ORIENTATIONS)]
            path = root / f"photo{i:02d}.jpg"
            path.write_bytes(synthetic_photo(args.seed + i, orientation))
            photos.append(path)
            if orientation in (6, 8):
                portrait.add(path)
        megabytes = statistics.mean(p.stat().st_size for p in photos) / 1e6

        def cold(paths: list[Path], workers: int, tag: str) -> Callable[[int], object]:
            # A fresh cache folder per attempt: every run computes every photo.
            return lambda n: process_photos(paths, recipe, root / f"{tag}-{n}", workers=workers)

        # Side by side, photo by photo, so both recipes meet the same machine load.
        naive_s: dict[Path, Timing] = {}
        ours_s: dict[Path, Timing] = {}
        for path in photos:
            naive_s[path] = best_of(args.repeat, partial(naive_once, path, recipe.widths))
            ours_s[path] = best_of(args.repeat, cold([path], 1, path.stem))
        pool_s = best_of(args.repeat, cold(photos, cpus, "all"))
        warm_s = best_of(
            args.repeat, lambda _: process_photos(photos, recipe, root / "all-0", workers=cpus)
        )

        naive_out = [naive(p, recipe.widths) for p in photos]
        ours_out = [pipeline_outputs(root / "all-0", p, recipe) for p in photos]
        references = [reference(p) for p in photos]
        naive_q = [quality(o, r) for o, r in zip(naive_out, references, strict=True)]
        ours_q = [quality(o, r) for o, r in zip(ours_out, references, strict=True)]

    groups = {
        "landscape": [p for p in photos if p not in portrait],
        "portrait": [p for p in photos if p in portrait],
        "all": photos,
    }

    def mean(times: dict[Path, Timing], paths: list[Path]) -> Timing:
        return Timing(
            sum(times[p].wall for p in paths) / len(paths),
            sum(times[p].cpu for p in paths) / len(paths),
        )

    print(
        f"{date.today()}, nproc {cpus}, Pillow {PIL.__version__}, "
        f"libjpeg-turbo {features.version('libjpeg_turbo')}, libwebp {features.version('webp')}, "
        f"cykooz-resizer {version('cykooz-resizer')}; "
        f"{len(photos)} photos of {WIDTH}x{HEIGHT}, {megabytes:.1f} MB on average, "
        f"best of {args.repeat} runs; load average before: {load_before}"
    )
    print()
    print("| run | CPU s / photo | wall s / photo | speed-up vs naive (CPU) |")
    print("| --- | ---: | ---: | ---: |")
    for name, paths in groups.items():
        naive_t = mean(naive_s, paths)
        print(f"| naive, 1 core, {name} | {naive_t.cpu:.3f} | {naive_t.wall:.3f} | |")
    for name, paths in groups.items():
        ours_t = mean(ours_s, paths)
        ratio = mean(naive_s, paths).cpu / ours_t.cpu
        print(
            f"| pipeline, 1 core, cold, {name} | {ours_t.cpu:.3f} | {ours_t.wall:.3f} "
            f"| {ratio:.1f}× |"
        )
    # Workers are other processes: only wall time means anything here.
    baseline = mean(naive_s, photos).wall
    for name, timing in ((f"{cpus} workers, cold", pool_s), (f"{cpus} workers, warm", warm_s)):
        per_photo = timing.wall / len(photos)
        print(f"| pipeline, {name} | | {per_photo:.3f} | {baseline / per_photo:.1f}× (wall) |")

    print()
    print(
        f"| recipe | WebP bytes / photo | JPEG bytes / photo | PSNR {COMPARE_WIDTH} WebP | "
        f"PSNR {COMPARE_WIDTH} JPEG |"
    )
    print("| --- | ---: | ---: | ---: | ---: |")
    ours_label = (
        f"pipeline (WebP q{recipe.webp_quality} m{WEBP_METHOD}, "
        f"JPEG q{recipe.jpeg_quality}, {RESAMPLE.name.lower()})"
    )
    for label, outputs, scores in (
        ("naive (WebP q80 m4, JPEG q75, lanczos)", naive_out, naive_q),
        (ours_label, ours_out, ours_q),
    ):
        webp_db = statistics.mean(s["webp"] for s in scores)
        jpeg_db = statistics.mean(s["jpeg"] for s in scores)
        print(
            f"| {label} | {mean_bytes(outputs, 'webp'):,.0f} | "
            f"{mean_bytes(outputs, 'jpeg'):,.0f} | {webp_db:.2f} dB | {jpeg_db:.2f} dB |"
        )


if __name__ == "__main__":
    main()
