"""Story bodies converted in worker processes while this one reads the logs and prepares pages.

Python-Markdown over 2000 story bodies costs about 8 s of CPU, one body after the other, and
each body is independent of the others. When many bodies are missing from the converted-body
store (`.cache/markdown/`, markup.py), they are handed to a pool of worker processes as soon as
the stories are read. Each worker converts with the very converter of the serial path and
writes the result into the same store, the way the store itself writes it, so nothing the pages
read differs; meanwhile this process reads the activity logs, checks the content and runs the
prepare stages (photo keys, statistics, albums).
The pages then find every body in the store. Below `MIN_BODIES` (the sample site, `serve`
after one edit) starting processes would cost more than it saves, and nothing changes.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from pathlib import Path

from site_builder.markup import ConvertedBodies

# Fewer bodies to convert than this and the serial path is faster than starting workers.
MIN_BODIES = 200
# Work is handed out in this many chunks per worker, so one slow chunk does not idle the rest.
CHUNKS_PER_WORKER = 4


class ConvertingAhead:
    """Conversions running in the background; `wait` returns once all are in the store."""

    def __init__(self, futures: list[Future[tuple[int, float]]]) -> None:
        self.futures = futures
        self.worker_cpu = 0.0  # CPU seconds the workers spent converting, once waited for

    def wait(self) -> int:
        """Block until every body is converted; return how many the workers converted."""
        done, _ = wait(self.futures)
        # A worker that failed (killed, out of memory) leaves its bodies to the serial path,
        # which converts whatever the store lacks: raise nothing here.
        finished = [f.result() for f in done if not f.cancelled() and f.exception() is None]
        self.worker_cpu = sum(cpu for _, cpu in finished)
        return sum(count for count, _ in finished)


@contextmanager
def converting_ahead(
    store: ConvertedBodies,
    bodies: list[str],
    workers: int | None = None,
    min_bodies: int = MIN_BODIES,
) -> Iterator[ConvertingAhead]:
    """Start converting the `bodies` the store lacks; the pool is shut down on leaving."""
    missing = [body for body in dict.fromkeys(bodies) if not store.has(body)]
    count = min(workers or os.cpu_count() or 1, len(missing))
    if not missing or len(missing) < min_bodies:
        yield ConvertingAhead([])
        return
    executor = ProcessPoolExecutor(max_workers=count, mp_context=_context())
    try:
        size = -(-len(missing) // (count * CHUNKS_PER_WORKER))
        futures = [
            executor.submit(convert_into, str(store.folder), missing[start : start + size])
            for start in range(0, len(missing), size)
        ]
        yield ConvertingAhead(futures)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def convert_into(folder: str, bodies: list[str]) -> tuple[int, float]:
    """In a worker: convert and keep each body as the serial path does; how many, and the CPU
    seconds it took (the bench tells them from the photo workers' of the same fork server)."""
    started = time.process_time()
    store = ConvertedBodies(Path(folder))
    for body in bodies:
        store.html(body)
    return len(bodies), time.process_time() - started


def _context() -> multiprocessing.context.BaseContext:
    # As the photo pool (images/pool.py): not "fork", which would copy the loaded archive.
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")
