"""Benchmark: an iPhone photo (HEIC) through the image pipeline, against the same picture as JPEG.

    .venv/bin/python benchmarks/heic_bench.py [--count 4] [--repeat 3]

Makes N synthetic 12-megapixel photos (those of images_bench.py: 4000x3000, EXIF orientation
and GPS), saves each as HEIC with pillow-heif (quality 80, about what an iPhone writes) and as
JPEG (quality 90), and times one derivation of each on one core (every width, WebP and JPEG,
no cache), best of R. JPEG decodes at a reduced scale (`draft()`); libheif decodes HEIC at full
size, so the difference is the decoding. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from importlib.metadata import version

import pillow_heif
from images_bench import ORIENTATIONS, synthetic_photo
from PIL import Image

from site_builder.images import Recipe
from site_builder.images.derive import derive_bytes


def as_heic(jpeg: bytes) -> bytes:
    with Image.open(io.BytesIO(jpeg)) as im:
        exif = im.getexif()
        buffer = io.BytesIO()
        pillow_heif.from_pillow(im).save(buffer, quality=80, exif=exif.tobytes())
    return buffer.getvalue()


def best(data: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        derive_bytes(data, Recipe(), "bench")
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows: dict[str, list[tuple[int, float]]] = {"JPEG": [], "HEIC": []}
    for index in range(args.count):
        jpeg = synthetic_photo(index, ORIENTATIONS[index % len(ORIENTATIONS)])
        for kind, data in (("JPEG", jpeg), ("HEIC", as_heic(jpeg))):
            rows[kind].append((len(data), best(data, args.repeat)))
    print(f"pillow-heif {version('pillow-heif')}, libheif {pillow_heif.libheif_version()}")
    print(f"{args.count} photos of 4000x3000, best of {args.repeat}, one core\n")
    print("| source | mean size | mean time per photo |")
    print("| --- | --- | --- |")
    for kind, measured in rows.items():
        size = statistics.mean(s for s, _ in measured) / 1e6
        seconds = statistics.mean(t for _, t in measured)
        print(f"| {kind} | {size:.1f} MB | {seconds:.2f} s |")


if __name__ == "__main__":
    main()
