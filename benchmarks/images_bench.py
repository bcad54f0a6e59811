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
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from site_builder.images import ImageCache, Recipe, process_photos  # noqa: E402

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


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def mean_bytes(outputs: list[Outputs], fmt: str) -> float:
    return statistics.mean(sum(len(b) for (_, f), b in o.files.items() if f == fmt) for o in outputs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=6, help="number of photos (default 6)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    recipe = Recipe()
    cpus = os.cpu_count() or 1

    with tempfile.TemporaryDirectory(prefix="images-bench-") as folder:
        root = Path(folder)
        photos: list[Path] = []
        for i in range(args.count):
            path = root / f"photo{i:02d}.jpg"
            path.write_bytes(synthetic_photo(args.seed + i, ORIENTATIONS[i % len(ORIENTATIONS)]))
            photos.append(path)
        portrait = [p for i, p in enumerate(photos) if ORIENTATIONS[i % len(ORIENTATIONS)] in (6, 8)]
        landscape = [p for p in photos if p not in portrait]
        mb = statistics.mean(p.stat().st_size for p in photos) / 1e6
        print(f"{len(photos)} photos of {WIDTH}x{HEIGHT}, {mb:.1f} MB each on average, {cpus} CPUs")

        naive_time: dict[Path, float] = {}
        naive_out: list[Outputs] = []
        for path in photos:
            start = time.perf_counter()
            naive_out.append(naive(path, recipe.widths))
            naive_time[path] = time.perf_counter() - start

        def cold(sources: list[Path], workers: int, name: str) -> float:
            return timed(lambda: process_photos(sources, recipe, root / name, workers=workers))

        one_core = {
            "landscape": cold(landscape, 1, "cache-landscape"),
            "portrait": cold(portrait, 1, "cache-portrait"),
        }
        all_cores = cold(photos, cpus, "cache-all")
        warm = timed(lambda: process_photos(photos, recipe, root / "cache-all", workers=cpus))

        ours = [pipeline_outputs(root / "cache-all", p, recipe) for p in photos]
        references = [reference(p) for p in photos]
        naive_q = [quality(o, r) for o, r in zip(naive_out, references, strict=True)]
        ours_q = [quality(o, r) for o, r in zip(ours, references, strict=True)]

    def per_photo(paths: list[Path]) -> float:
        return sum(naive_time[p] for p in paths) / len(paths)

    n = len(photos)
    rows = [
        ("naive, 1 core, landscape", per_photo(landscape), None),
        ("naive, 1 core, portrait", per_photo(portrait), None),
        ("naive, 1 core, all", per_photo(photos), None),
        ("pipeline, 1 core, cold, landscape", one_core["landscape"] / len(landscape),
         per_photo(landscape)),
        ("pipeline, 1 core, cold, portrait", one_core["portrait"] / len(portrait),
         per_photo(portrait)),
        ("pipeline, 1 core, cold, all", sum(one_core.values()) / n, per_photo(photos)),
        (f"pipeline, {cpus} workers, cold", all_cores / n, per_photo(photos)),
        (f"pipeline, {cpus} workers, warm (all cached)", warm / n, per_photo(photos)),
    ]
    print()
    print("| run | s / photo | speed-up vs naive |")
    print("| --- | ---: | ---: |")
    for label, seconds, baseline in rows:
        ratio = f"{baseline / seconds:.1f}×" if baseline else ""
        print(f"| {label} | {seconds:.3f} | {ratio} |")

    print()
    print(f"| recipe | WebP bytes / photo | JPEG bytes / photo | PSNR {COMPARE_WIDTH} WebP | "
          f"PSNR {COMPARE_WIDTH} JPEG |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, outputs, scores in (
        ("naive (WebP q80 m4, JPEG q75)", naive_out, naive_q),
        (f"pipeline (WebP q{recipe.webp_quality}, JPEG q{recipe.jpeg_quality})", ours, ours_q),
    ):
        webp_db = statistics.mean(s["webp"] for s in scores)
        jpeg_db = statistics.mean(s["jpeg"] for s in scores)
        print(f"| {label} | {mean_bytes(outputs, 'webp'):,.0f} | {mean_bytes(outputs, 'jpeg'):,.0f} "
              f"| {webp_db:.2f} dB | {jpeg_db:.2f} dB |")


if __name__ == "__main__":
    main()
