"""The photo pool replaces its workers without hanging (a 300-photo build once stopped at 64)."""

from __future__ import annotations

import threading
from pathlib import Path

from PIL import Image

from site_builder.images import pool
from site_builder.images.recipe import Recipe


def test_more_photos_than_the_workers_may_take_all_finish(tmp_path: Path) -> None:
    sources = []
    for number in range(9):  # more than 2 workers x 2 photos: every worker is replaced
        source = tmp_path / f"{number}.jpg"
        Image.new("RGB", (40 + number, 30), (number * 20, 90, 160)).save(source)
        sources.append(source)
    done: list[pool.PhotoBatch] = []
    worker = threading.Thread(
        target=lambda: done.append(
            pool.process_photos(
                sources, Recipe(widths=(16,)), tmp_path / "cache", workers=2, tasks_per_worker=2
            )
        ),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=120)
    assert done, "the pool hung"
    assert done[0].processed == len(sources) and not done[0].errors
