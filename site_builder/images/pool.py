"""Process many photos: cached ones in this process, the rest in a pool of worker processes."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from site_builder.i18n import t
from site_builder.images.cache import ImageCache
from site_builder.images.derive import derive_photo, read_source
from site_builder.images.errors import ImageError
from site_builder.images.processed import ProcessedPhoto
from site_builder.images.recipe import Recipe, photo_key
from site_builder.session import PhotoKeys

# A worker is replaced after this many photos: decoding 12-megapixel images fragments the heap,
# and a fresh process gives the memory back instead of growing through a long build.
MAX_TASKS_PER_CHILD = 32
# Below this many photos to compute, a progress bar would only flash.
PROGRESS_MIN_PHOTOS = 8


@dataclass
class PhotoBatch:
    results: dict[Path, ProcessedPhoto] = field(default_factory=dict)
    errors: dict[Path, ImageError] = field(default_factory=dict)
    processed: int = 0
    """Photos computed in this run (cache misses that succeeded)."""
    reused: int = 0
    """Photos taken from the cache."""
    fetched: int = 0
    """Photos downloaded from the shared cache (images.cache: s3://...) instead of computed."""


class Record(Protocol):
    def __call__(
        self, paths: list[Path], outcome: ProcessedPhoto | ImageError, fetched: bool = False
    ) -> None: ...


class Runner(Protocol):
    """Computes the photos missing from the local cache (images/executors.py has the others).

    `jobs` maps each key to the identical files that have it; `record` takes every outcome,
    `advance` moves the progress bar; on return every photo in the local cache is complete.
    """

    def __call__(
        self, jobs: dict[str, list[Path]], record: Record, advance: Callable[[], None]
    ) -> None: ...


def _look_up(
    sources: list[Path],
    recipe: Recipe,
    cache: ImageCache,
    known_keys: PhotoKeys | None,
    batch: PhotoBatch,
) -> dict[str, list[Path]]:
    """Put into `batch` the photos the cache holds (and those that cannot be read); return the
    others by content key, so identical files are computed once."""
    pending: dict[str, list[Path]] = {}
    for source in dict.fromkeys(sources):
        try:
            key = source_key(source, recipe, known_keys)
        except ImageError as err:
            batch.errors[source] = err
            continue
        cached = cache.get(key)
        if cached is not None:
            batch.results[source] = cached
            batch.reused += 1
        else:
            pending.setdefault(key, []).append(source)
    return pending


def process_photos(
    sources: list[Path],
    recipe: Recipe,
    cache_dir: Path,
    workers: int | None = None,
    progress: bool = False,
    runner: Runner | None = None,
    *,
    known_keys: PhotoKeys | None = None,
    tasks_per_worker: int = MAX_TASKS_PER_CHILD,
) -> PhotoBatch:
    """Derivatives for every source, computing only the ones not in the cache.

    Each worker writes its own cache entry and sends back only the small ProcessedPhoto,
    so memory here does not grow with the number of photos. Identical files are computed once,
    by this machine's pool unless another `runner` is given.

    `serve` needs every photo's key after each save: hashing 300 phone photos (half a gigabyte)
    each time cost a second. With `known_keys` (a serving session's, session.py) a photo is
    hashed again only when its size or time stamp changed; without, every photo is hashed, so
    a replaced file can never keep an old key.
    """
    batch = PhotoBatch()
    pending = _look_up(sources, recipe, ImageCache(cache_dir), known_keys, batch)

    def record(
        paths: list[Path], outcome: ProcessedPhoto | ImageError, fetched: bool = False
    ) -> None:
        if isinstance(outcome, ImageError):
            batch.errors.update(dict.fromkeys(paths, outcome))
        else:
            batch.results.update(dict.fromkeys(paths, outcome))
            if fetched:
                batch.fetched += 1
            else:
                batch.processed += 1

    jobs = list(pending.values())
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    with _progress_bar(progress and len(jobs) > PROGRESS_MIN_PHOTOS, len(jobs)) as advance:
        if runner is not None:
            runner(pending, record, advance)
        elif workers <= 1:
            for paths in jobs:
                record(paths, _process_one(paths[0], recipe, cache_dir))
                advance()
        else:
            run_pool(jobs, recipe, cache_dir, workers, record, advance, tasks_per_worker)

    order = {path: i for i, path in enumerate(sources)}
    batch.results = dict(sorted(batch.results.items(), key=lambda item: order[item[0]]))
    batch.errors = dict(sorted(batch.errors.items(), key=lambda item: order[item[0]]))
    return batch


def source_key(source: Path, recipe: Recipe, known_keys: PhotoKeys | None = None) -> str:
    """The cache key of `source`; `known_keys` (while serving) skips hashing an unchanged file."""
    if known_keys is None:
        return photo_key(read_source(source), recipe)
    try:
        status = source.stat()
    except OSError:
        return photo_key(read_source(source), recipe)  # raises the ImageError saying why
    known = (str(source), status.st_size, status.st_mtime_ns, recipe.fingerprint())
    key = known_keys.get(known)
    if key is None:
        key = known_keys[known] = photo_key(read_source(source), recipe)
    return key


def _process_one(source: Path, recipe: Recipe, cache_dir: Path) -> ProcessedPhoto | ImageError:
    """One photo, in a worker: returned, not raised, so no traceback crosses processes."""
    try:
        return ImageCache(cache_dir).put(derive_photo(source, recipe))
    except ImageError as err:
        return err


def run_pool(
    jobs: list[list[Path]],
    recipe: Recipe,
    cache_dir: Path,
    workers: int,
    record: Callable[[list[Path], ProcessedPhoto | ImageError], None],
    advance: Callable[[], None],
    tasks_per_worker: int = MAX_TASKS_PER_CHILD,
) -> None:
    # Fresh workers every `tasks_per_worker` photos each, by running the jobs in batches with
    # a new pool. ProcessPoolExecutor's own max_tasks_per_child deadlocks on Python 3.11 once
    # the first workers retire: a 300-photo build stopped for good at photo 64.
    size = workers * tasks_per_worker
    for start in range(0, len(jobs), size):
        _run_batch(jobs[start : start + size], recipe, cache_dir, workers, record, advance)


def _run_batch(
    jobs: list[list[Path]],
    recipe: Recipe,
    cache_dir: Path,
    workers: int,
    record: Callable[[list[Path], ProcessedPhoto | ImageError], None],
    advance: Callable[[], None],
) -> None:
    executor = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=_context())
    try:
        futures: dict[Future[ProcessedPhoto | ImageError], list[Path]] = {
            executor.submit(_process_one, paths[0], recipe, cache_dir): paths for paths in jobs
        }
        for future in as_completed(futures):
            paths = futures[future]
            try:
                outcome = future.result()
            except BrokenProcessPool:
                # The operating system killed a worker, most often for lack of memory.
                outcome = ImageError(
                    t(
                        "照片 {file} 未能处理：工作进程意外退出（可能内存不足）",
                        "photo {file} was not processed: a worker process died "
                        "(perhaps out of memory)",
                        file=paths[0],
                    ),
                    "worker_died",
                )
            record(paths, outcome)
            advance()
    except BaseException:
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)


def _context() -> multiprocessing.context.BaseContext:
    # Not "fork" (a copy of a large parent per worker). A fork server starts workers in
    # milliseconds once it has imported Pillow; "spawn" is the portable fallback (Windows).
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["site_builder.images.derive"])
        return context
    return multiprocessing.get_context("spawn")


@contextmanager
def _progress_bar(show: bool, total: int) -> Iterator[Callable[[], None]]:
    """A rich progress bar when asked for, else nothing; yields the function that advances it."""
    if not show:
        yield lambda: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeRemainingColumn()) as bar:
        task = bar.add_task(t("处理照片", "Processing photos"), total=total)
        yield lambda: bar.advance(task)
