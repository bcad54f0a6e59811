"""Benchmark (issue 22): the web editor at an office's size, and from a save to the preview.

    .venv/bin/python benchmarks/editor_bench.py [--photos 300] [--records 500] [--json]

On a copy of the sample project grown to an office's size (one community's year of
`--records` activity records; one story folder of `--photos` phone-sized JPEGs, each shown
by a published story with its alt text), timed over the editor's protocol as Decap calls it:

- opening: the media library before any preview is made (`getMedia`: 300 previews made), the
  check `site-builder edit` runs at start, the story list (`entriesByFolder`), the story
  (`getEntry`), its media library again (previews kept) and the bytes it sends, the log;
- saving: the story and the log with one record more (`persistEntry`: restyle, `check` over
  the whole project on the shadow, history, atomic write), first and then again;
- from save to preview: on the unchanged sample project, a save through the editor until the
  running `serve` shows the edit (median of `--tries`).
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from PIL import Image

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(ROOT / "tests"))

from editor_client import Client, running  # noqa: E402
from serve_latency import serving, wait_for_text  # noqa: E402

from site_builder.project import Project  # noqa: E402

STORY = "content/stories/fengze-zhiyuan-daji.md"
LOG = "content/activities/fengze/2025.yml"
SITE_BUILDER = str(Path(sys.executable).with_name("site-builder"))


def _copy(target: Path) -> Project:
    for name in ("content", "themes"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return Project(target)


def _phone_photo(size: tuple[int, int]) -> bytes:
    """A 12-megapixel JPEG of about 2 MB, as a phone's: coarse grain over a gradient."""
    grain = Image.effect_noise((size[0] // 4, size[1] // 4), 40).convert("RGB")
    gradient = Image.linear_gradient("L").resize(size).convert("RGB")
    photo = Image.blend(grain.resize(size, Image.Resampling.BILINEAR), gradient, 0.5)
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def grow(project: Project, photos: int, records: int, size: tuple[int, int]) -> None:
    """One story showing `photos` photos in its folder; one log of `records` records."""
    folder = project.content_dir / "stories"
    base = _phone_photo(size)
    lines = []
    for number in range(photos):
        name = f"office-{number:03d}.jpg"
        # Each file its own bytes (a comment segment after the JPEG header), as real photos are.
        (folder / name).write_bytes(
            base[:2] + b"\xff\xfe\x00\x08" + f"{number:04d}".encode() + base[2:]
        )
        lines.append(
            f"  - file: {name}\n    alt: 社区活动现场照片第{number + 1}张,居民在楼前空地上参加活动\n"
        )
    story = folder / "fengze-zhiyuan-daji.md"
    text = story.read_text(encoding="utf-8").replace("status: draft\n", "status: published\n")
    story.write_text(
        text.replace("pseudonyms: []", "photos:\n" + "".join(lines) + "pseudonyms: []")
    )
    log = project.root / LOG
    entries = [
        f"  - date: 2025-{1 + n % 12:02d}-{1 + n % 28:02d}\n    title: 日常走访第{n + 1}次\n"
        f"    category: care\n    audiences: [elderly]\n    beneficiaries: {5 + n % 20}\n"
        for n in range(records)
    ]
    log.write_text(log.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + "\n".join(entries))


def _timed(call: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    answer = call()
    return time.perf_counter() - started, answer


def _save(client: Client, path: str, raw: str) -> Any:
    answer = client.save(path, raw)
    if answer.status != 200:
        raise SystemExit(f"save refused: {answer.body.decode()}")
    return answer


def office(photos: int, records: int, size: tuple[int, int]) -> dict[str, float]:
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        project = _copy(Path(folder))
        grow(project, photos, records, size)
        with running(project) as client:
            client.timeout = 1800
            # What `site-builder edit` does while staff open the editor (media library cold:
            # before the previews are made).
            figures["media_library_cold_s"], _ = _timed(
                lambda: client.api("getMedia", mediaFolder="content/stories")
            )
            figures["warm_up_check_s"], _ = _timed(client.server.state.checker.warm)
            figures["list_stories_s"], _ = _timed(
                lambda: client.api(
                    "entriesByFolder", folder="content/stories", extension="md", depth=2
                )
            )
            figures["open_story_s"], story = _timed(lambda: client.api("getEntry", path=STORY))
            figures["media_library_warm_s"], media = _timed(
                lambda: client.api("getMedia", mediaFolder="content/stories")
            )
            figures["media_library_mb"] = len(media.body) / 1e6
            figures["photos_folder_mb"] = (
                sum(p.stat().st_size for p in (project.content_dir / "stories").glob("*.jpg")) / 1e6
            )
            figures["open_log_s"], log = _timed(lambda: client.api("getEntry", path=LOG))
            text = story.json()["data"]
            for run in ("first", "again"):
                text = text.replace("每到", "每逢" if run == "first" else "每到", 1)
                started = time.perf_counter()
                _save(client, STORY, text)
                figures[f"save_story_{run}_s"] = time.perf_counter() - started
            raw = log.json()["data"].rstrip("\n") + (
                "\n  - date: 2025-12-30\n    title: 年终总结会\n    category: governance\n"
            )
            figures["save_log_s"], _ = _timed(lambda: _save(client, LOG, raw))
    return figures


def save_to_preview(tries: int) -> list[float]:
    """Seconds from a save through the editor to `serve` showing it, on the sample project."""
    latencies = []
    with tempfile.TemporaryDirectory() as folder:
        project = _copy(Path(folder))
        project.cache_dir.mkdir()
        with running(project) as client, serving(project.root, SITE_BUILDER) as base:
            url = base + "stories/fengze-zhiyuan-daji/"
            for attempt in range(tries):
                marker = f"编辑器测试{attempt}号"
                raw = client.api("getEntry", path=STORY).json()["data"] + f"\n{marker}。\n"
                started = time.perf_counter()
                _save(client, STORY, raw)
                wait_for_text(url, marker, shown=True)
                latencies.append(time.perf_counter() - started)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=300)
    parser.add_argument("--records", type=int, default=500)
    parser.add_argument("--size", default="4032x3024", help="photo size, WxH")
    parser.add_argument("--tries", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    figures: dict[str, Any] = office(args.photos, args.records, (width, height))
    latencies = save_to_preview(args.tries)
    figures["save_to_preview_median_s"] = statistics.median(latencies)
    figures["save_to_preview_max_s"] = max(latencies)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"office size: {args.photos} photos of {args.size}, a log of {args.records} records")
    for name, value in figures.items():
        print(f"  {name:28} {value:8.2f}")


if __name__ == "__main__":
    main()
