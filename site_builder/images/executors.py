"""Where the photos missing from the local cache are computed: this machine, or a Dask cluster.

`images.executor: local` is the process pool of images/pool.py. `dask` sends one task per photo
(per batch, for very large builds) to a `distributed` scheduler; each task runs `run_job`
(images/jobs.py) on a worker, which reads the original and writes the entry itself. The shared
S3 cache (`images.cache: s3://...`) works with either: entries found there are downloaded
instead of computed, and new ones are uploaded, so CI runners and workers compute a photo once.

A worker that dies loses only its running tasks, which the scheduler runs again elsewhere
(`distributed.scheduler.allowed-failures` times); a photo that killed that many workers is an
error like any other, and the build then publishes nothing.
"""

from __future__ import annotations

import math
import os
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from site_builder.i18n import t
from site_builder.images import pool
from site_builder.images.cache import ImageCache
from site_builder.images.errors import ImageError
from site_builder.images.jobs import PhotoJob, run_job
from site_builder.images.processed import ProcessedPhoto
from site_builder.images.recipe import Recipe
from site_builder.storage import Location, require_extra

if TYPE_CHECKING:
    from distributed import Client, Future

    from site_builder.images.remote_cache import RemoteImageCache

# How long to wait for the scheduler before telling the operator it cannot be reached.
CONNECT_TIMEOUT = "20s"
# More tasks than this at once and the scheduler's per-task cost (about a millisecond) starts
# to count: photos then go in batches, so a national build stays at this many tasks.
MAX_TASKS = 50_000

Outcome = ProcessedPhoto | ImageError


class ExecutorUnavailable(Exception):
    """The cluster cannot be used at all (unreachable scheduler, missing packages)."""


@dataclass(frozen=True)
class ImagePlan:
    """Where this build computes photos and which shared cache it uses, from site.yml."""

    executor: str = "local"  # "local" or "dask"
    scheduler: str = ""
    shared_cache: Location | None = None  # an S3 cache shared with other machines
    originals: Location | None = None  # where workers read content/; None: this machine's paths
    content_dir: Path | None = None  # the root that `originals` mirrors


def runner_for(
    plan: ImagePlan, recipe: Recipe, cache_dir: Path, workers: int | None
) -> pool.Runner | None:
    """None for today's local pool with no shared cache; else the runner to hand to the pool."""
    if plan.executor == "dask":
        return DaskRunner(plan, recipe, cache_dir)
    if plan.shared_cache is not None:
        return SharedCacheRunner(plan.shared_cache, recipe, cache_dir, workers)
    return None


class SharedCacheRunner:
    """The local pool, after looking in the shared cache and before filling it."""

    def __init__(
        self, shared: Location, recipe: Recipe, cache_dir: Path, workers: int | None
    ) -> None:
        self.shared, self.recipe, self.cache_dir, self.workers = shared, recipe, cache_dir, workers

    def __call__(
        self, jobs: dict[str, list[Path]], record: pool.Record, advance: Callable[[], None]
    ) -> None:
        remote = _remote_cache(self.shared)
        missing = _fetch_shared(remote, jobs, ImageCache(self.cache_dir), record, advance)
        local = ImageCache(self.cache_dir)

        def upload(paths: list[Path], outcome: Outcome) -> None:
            if isinstance(outcome, ProcessedPhoto):
                outcome = _upload(remote, local, outcome, paths[0])
            record(paths, outcome)

        work = list(missing.values())
        workers = min(self.workers or os.cpu_count() or 1, len(work))
        if work:
            pool.run_pool(work, self.recipe, self.cache_dir, workers, upload, advance)


class DaskRunner:
    def __init__(self, plan: ImagePlan, recipe: Recipe, cache_dir: Path) -> None:
        self.plan, self.recipe, self.cache_dir = plan, recipe, cache_dir
        # Workers write where the build machine will find the entry: the shared cache, or this
        # machine's cache folder (a LocalCluster, or a folder every worker mounts at this path).
        self.cache_at = plan.shared_cache or Location(str(cache_dir))

    def __call__(
        self, jobs: dict[str, list[Path]], record: pool.Record, advance: Callable[[], None]
    ) -> None:
        local = ImageCache(self.cache_dir)
        remote = _remote_cache(self.plan.shared_cache) if self.plan.shared_cache else None
        if remote is not None:
            jobs = _fetch_shared(remote, jobs, local, record, advance)
        if not jobs:
            return
        batches = list(_batches(jobs, math.ceil(len(jobs) / MAX_TASKS)))
        with _connect(self.plan.scheduler) as client:
            futures = {
                client.submit(
                    _run_batch,
                    [self._job(key, paths[0]) for key, paths in batch],
                    self.recipe,
                    self.cache_at,
                    key=f"photo-{batch[0][0]}-{uuid.uuid4().hex[:8]}",
                    pure=False,
                ): batch
                for batch in batches
            }
            _collect(client, futures, local, remote, record, advance)

    def _job(self, key: str, source: Path) -> PhotoJob:
        originals, content_dir = self.plan.originals, self.plan.content_dir
        if originals is None or content_dir is None:
            return PhotoJob(key, str(source), Location(str(source)))
        relative = source.relative_to(content_dir.resolve()).as_posix()
        if originals.remote:
            url = f"{originals.url.rstrip('/')}/{relative}"
        else:
            url = os.path.join(originals.url, relative)
        return PhotoJob(key, str(source), Location(url, originals.endpoint_url, originals.region))


def _run_batch(jobs: list[PhotoJob], recipe: Recipe, cache_at: Location) -> list[Outcome]:
    """One cluster task: a few photos, one after the other (usually one)."""
    return [run_job(job, recipe, cache_at) for job in jobs]


def _batches(jobs: dict[str, list[Path]], size: int) -> Iterator[list[tuple[str, list[Path]]]]:
    items = list(jobs.items())
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _collect(
    client: Client,
    futures: dict[Future[list[Outcome]], list[tuple[str, list[Path]]]],
    local: ImageCache,
    remote: RemoteImageCache | None,
    record: pool.Record,
    advance: Callable[[], None],
) -> None:
    from distributed import KilledWorker, as_completed

    for future in as_completed(futures, loop=client.loop):  # type: ignore[no-untyped-call]
        batch = futures.pop(future)
        try:
            outcomes: list[Outcome] = future.result()
        except KilledWorker:
            outcomes = [_worker_died(paths[0]) for _, paths in batch]
        except (CancelledError, OSError):
            outcomes = [_lost(paths[0]) for _, paths in batch]
        for (_, paths), outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, ProcessedPhoto):
                outcome = _bring_home(outcome, local, remote, paths[0])
            record(paths, outcome)
            advance()
        future.release()


def _bring_home(
    photo: ProcessedPhoto, local: ImageCache, remote: RemoteImageCache | None, source: Path
) -> Outcome:
    """Have the entry in the local cache, which the compiled tree links from."""
    if local.get(photo.key) is not None:
        return photo
    if remote is not None:
        try:
            return local.put(remote.files(photo))
        except OSError as error:
            return _unreachable(source, remote.where.url, error)
    # The worker wrote into a folder of its own machine at the same path, not into ours.
    return ImageError(
        t(
            "照片 {file} 已由集群处理,但本机看不到结果:工作节点不在本机时,"
            "请把 images.cache 设为它们都能访问的位置(s3://桶名/前缀,或同一路径的共享盘)",
            "photo {file} was processed by the cluster but this machine cannot see the result: "
            "with workers on other machines, set images.cache to a place they all reach "
            "(s3://bucket/prefix, or a shared folder mounted at the same path)",
            file=source,
        ),
        "cache_not_shared",
    )


def _fetch_shared(
    remote: RemoteImageCache,
    jobs: dict[str, list[Path]],
    local: ImageCache,
    record: pool.Record,
    advance: Callable[[], None],
) -> dict[str, list[Path]]:
    """Download the entries the shared cache has; return the jobs still to compute."""
    try:
        found = remote.get_many(jobs)
    except OSError as error:
        raise ExecutorUnavailable(_unreachable_text(remote.where.url, error)) from None
    for key, photo in found.items():
        paths = jobs[key]
        try:
            record(paths, local.put(remote.files(photo)), fetched=True)
        except OSError as error:
            record(paths, _unreachable(paths[0], remote.where.url, error))
        advance()
    return {key: paths for key, paths in jobs.items() if key not in found}


def _upload(
    remote: RemoteImageCache, local: ImageCache, photo: ProcessedPhoto, source: Path
) -> Outcome:
    folder = local.entry_dir(photo.key)
    files = {v.name: (folder / v.name).read_bytes() for v in photo.variants}
    from site_builder.images.derive import Derivatives

    try:
        return remote.put(Derivatives(photo, files))
    except OSError as error:
        return _unreachable(source, remote.where.url, error)


def _remote_cache(where: Location) -> RemoteImageCache:
    from site_builder.images.remote_cache import RemoteImageCache

    return RemoteImageCache(where)


def _connect(address: str) -> Client:
    require_extra("distributed")
    from distributed import Client

    try:
        client: Client = Client(  # type: ignore[no-untyped-call]
            address, timeout=CONNECT_TIMEOUT, set_as_default=False
        )
    except (OSError, TimeoutError, ValueError) as error:
        raise ExecutorUnavailable(
            t(
                "无法连接 Dask 调度器 {address}:{reason}。请确认地址和端口,以及调度器正在运行",
                "cannot reach the Dask scheduler at {address}: {reason}. Check the address and "
                "port, and that the scheduler is running",
                address=address,
                reason=error,
            )
        ) from None
    return client


def _worker_died(source: Path) -> ImageError:
    return ImageError(
        t(
            "照片 {file} 未能处理:集群中处理它的工作进程多次意外退出(可能内存不足)",
            "photo {file} was not processed: the cluster workers that took it died several "
            "times (perhaps out of memory)",
            file=source,
        ),
        "worker_died",
    )


def _lost(source: Path) -> ImageError:
    return ImageError(
        t(
            "照片 {file} 未能处理:与 Dask 调度器的连接中断",
            "photo {file} was not processed: the connection to the Dask scheduler was lost",
            file=source,
        ),
        "scheduler_lost",
    )


def _unreachable_text(where: str, error: Any) -> str:
    return t(
        "无法访问图片缓存 {where}:{reason}。请检查 storage.endpoint_url 与环境变量中的密钥",
        "cannot reach the image cache {where}: {reason}. Check storage.endpoint_url and the "
        "keys in the environment",
        where=where,
        reason=error,
    )


def _unreachable(source: Path, where: str, error: OSError) -> ImageError:
    return ImageError(
        t("照片 {file}:", "photo {file}: ", file=source) + _unreachable_text(where, error),
        "cache_unreachable",
    )
