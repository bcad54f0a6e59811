"""Benchmark (issue 17): the cold photo stage on this machine's pool and on a two-worker Dask
cluster, on the same photos, side by side in one run.

    .venv/bin/python benchmarks/dask_bench.py [PROJECT] [--json]
    .venv/bin/python benchmarks/run.py --only dask      # the same, on the bench's archive

PROJECT is a generated archive (default: the bench's 2000-story one, generated if missing);
its photos (300 twelve-megapixel JPEGs) are processed with an empty cache twice: by the local
process pool (`images/pool.py`, one worker per core), then through a `distributed.LocalCluster`
of two single-threaded worker processes (`images/executors.py`, one task per photo, the workers
writing the cache entries themselves). Both runs compute the same derivatives (checked: the two
caches hold the same bytes). Reported for each: wall time, CPU time (the pool's workers, or the
cluster's worker processes as they report it), per photo; the cluster's scheduling overhead per
photo as (cluster wall - local wall) / photos; and the round trip of an empty task through the
same cluster, one at a time (latency) and 1000 at once (throughput). Start-up (the cluster
coming up, the fork server importing Pillow, each side's first two photos) is timed apart and
left out, as a real cluster is already running.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from generate import BENCH_CACHE, generate  # noqa: E402

from site_builder.images import Recipe, pool  # noqa: E402
from site_builder.images.executors import DaskRunner, ImagePlan  # noqa: E402

WORKERS = 2
NO_OP_TASKS = 1000
LATENCY_TASKS = 100


def photos_of(project: Path) -> list[Path]:
    return sorted((project / "content" / "stories" / "photos").glob("*.jpg"))


def _own_cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime


def _worker_cpu() -> float:
    """Run on a cluster worker: its process's CPU time so far (every thread)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime


def _no_op(number: int) -> int:
    return number


def copy_as_new(source: Path, target: Path) -> Path:
    """A photo with other bytes (one more byte after the JPEG's end): a new cache key."""
    target.write_bytes(source.read_bytes() + b"\0")
    return target


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def local_run(
    sources: list[Path], warm_up: list[Path], recipe: Recipe, cache_dir: Path
) -> dict[str, float]:
    from run import forkserver_cpu

    # The fork server starts and imports Pillow once a process: start-up, left out as for the
    # cluster (the pool's workers themselves are started within the timed run, as in a build).
    started = time.perf_counter()
    pool.process_photos(warm_up, recipe, cache_dir.with_name("local-warm-up"), workers=WORKERS)
    start_up = time.perf_counter() - started
    wall, cpu, helpers = time.perf_counter(), _own_cpu(), forkserver_cpu()
    batch = pool.process_photos(sources, recipe, cache_dir, workers=WORKERS)
    wall = time.perf_counter() - wall
    assert batch.processed == len(sources) and not batch.errors, batch.errors
    return {
        "wall": wall,
        "main_cpu": _own_cpu() - cpu,
        "worker_cpu": forkserver_cpu() - helpers,
        "start_up": start_up,
    }


def cluster_run(
    sources: list[Path], warm_up: list[Path], recipe: Recipe, cache_dir: Path
) -> dict[str, Any]:
    import distributed

    started = time.perf_counter()
    with (
        distributed.LocalCluster(
            n_workers=WORKERS,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
        distributed.Client(cluster.scheduler_address, set_as_default=False) as client,
    ):
        client.wait_for_workers(WORKERS, timeout=120)
        plan = ImagePlan("dask", cluster.scheduler_address)
        # Each worker imports the pipeline with its first photo: start-up, as for the pool.
        warm_cache = cache_dir.with_name("cluster-warm-up")
        pool.process_photos(
            warm_up, recipe, warm_cache, runner=DaskRunner(plan, recipe, warm_cache)
        )
        start_up = time.perf_counter() - started
        before = sum(client.run(_worker_cpu).values())
        wall, cpu = time.perf_counter(), _own_cpu()
        runner = DaskRunner(plan, recipe, cache_dir)
        batch = pool.process_photos(sources, recipe, cache_dir, runner=runner)
        wall, cpu = time.perf_counter() - wall, _own_cpu() - cpu
        worker_cpu = sum(client.run(_worker_cpu).values()) - before
        assert batch.processed == len(sources) and not batch.errors, batch.errors

        latency = time.perf_counter()
        for number in range(LATENCY_TASKS):
            client.submit(_no_op, number, pure=False).result()
        latency = (time.perf_counter() - latency) / LATENCY_TASKS
        throughput = time.perf_counter()
        futures = client.map(_no_op, range(NO_OP_TASKS), pure=False)
        client.gather(futures)
        throughput = (time.perf_counter() - throughput) / NO_OP_TASKS
    return {
        "wall": wall,
        "main_cpu": cpu,
        "worker_cpu": worker_cpu,
        "start_up": start_up,
        "no_op_latency": latency,
        "no_op_per_task": throughput,
    }


def measure(project: Path) -> dict[str, Any]:
    sources = photos_of(project)
    if not sources:
        raise SystemExit(f"{project}: no photos under content/stories/photos/")
    recipe = Recipe()  # the bench archive's site.yml keeps the default recipe
    with tempfile.TemporaryDirectory(dir=BENCH_CACHE) as scratch:
        local_cache, cluster_cache = Path(scratch, "local"), Path(scratch, "cluster")
        # Two other photos of the archive for warming up, so the timed runs start cold.
        warm_up = [copy_as_new(sources[i], Path(scratch, f"warm-{i}.jpg")) for i in (0, 1)]
        local = local_run(sources, warm_up, recipe, local_cache)
        cluster = cluster_run(sources, warm_up, recipe, cluster_cache)
        identical = files_of(local_cache) == files_of(cluster_cache)
    if not identical:
        raise SystemExit("the cluster's derivatives differ from the local pool's")
    count = len(sources)
    return {
        "photos": count,
        "workers": WORKERS,
        "local": local,
        "cluster": cluster,
        "identical": identical,
        "overhead_per_photo": (cluster["wall"] - local["wall"]) / count,
    }


def summary(result: dict[str, Any]) -> list[str]:
    """The bench table's lines for this measurement."""
    count, local, cluster = result["photos"], result["local"], result["cluster"]
    lines = [
        f"| cold photo stage, {count} photos, {result['workers']} workers | wall | wall a photo "
        "| CPU a photo (workers) | CPU a photo (build process) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, run in (("local process pool", local), ("Dask LocalCluster", cluster)):
        lines.append(
            f"| {name} | {run['wall']:.1f} s | {run['wall'] / count:.3f} s | "
            f"{run['worker_cpu'] / count:.3f} s | {run['main_cpu'] / count:.3f} s |"
        )
    return [
        *lines,
        "",
        f"Scheduling overhead, same run: (cluster − local wall) ÷ photos = "
        f"**{result['overhead_per_photo'] * 1000:+.0f} ms a photo** "
        f"({result['overhead_per_photo'] / (local['wall'] / count):+.1%} of the local wall a "
        f"photo); an empty task's round trip {cluster['no_op_latency'] * 1000:.1f} ms one at a "
        f"time, {cluster['no_op_per_task'] * 1000:.2f} ms each with {NO_OP_TASKS} in flight; "
        f"start-up not counted: cluster {cluster['start_up']:.1f} s, local pool "
        f"{local['start_up']:.1f} s. Derivatives byte-identical "
        f"to the local pool's: {'yes' if result['identical'] else 'no'}.",
    ]


NATIONAL_PHOTOS = 30_000_000  # tens of millions of communities' photos: a national first build
DAY = 86_400


def national_estimate(result: dict[str, Any], photos: int = NATIONAL_PHOTOS) -> list[str]:
    """A national first build from this run's per-photo CPU figures (less disturbed than wall
    times by other work on a shared machine): the work, and the cores a day's wall time takes
    when every core is kept busy, as a cluster's scheduler keeps its workers."""
    count, local, cluster = result["photos"], result["local"], result["cluster"]
    local_cpu = (local["worker_cpu"] + local["main_cpu"]) / count
    cluster_cpu = (cluster["worker_cpu"] + cluster["main_cpu"]) / count
    overhead = cluster_cpu - local_cpu
    return [
        f"National first build, {photos / 1e6:.0f} million photos, from this run's CPU a photo: "
        f"local pool {local_cpu:.3f} CPU-s, through the cluster {cluster_cpu:.3f} CPU-s "
        f"(workers and build process; {overhead * 1000:+.0f} ms a photo, "
        f"{overhead / cluster_cpu:+.1%} of it, for scheduling and transfer). "
        f"**{photos * cluster_cpu / 3600:,.0f} CPU-hours**; **{photos * cluster_cpu / DAY:,.0f} "
        f"busy cores** for one day's wall time ({photos * local_cpu / DAY:,.0f} at the local "
        f"pool's cost a photo).",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", nargs="?", type=Path, help="a generated archive")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    project = args.project
    if project is None:
        from run import FULL

        project = BENCH_CACHE / f"s{FULL.stories}"
        generate(project, FULL)
    result = measure(project)
    lines = [*summary(result), "", *national_estimate(result)]
    print(json.dumps(result) if args.json else "\n".join(lines))


if __name__ == "__main__":
    main()
