"""Photos on a real Dask cluster (two worker processes): same bytes as the local pool, workers
killed mid-build, and the build's verdict and site/ guarantees unchanged."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from site_builder.diagnostics import Diagnostics
from site_builder.images import Recipe, pool
from site_builder.images.executors import DaskRunner, ImagePlan
from site_builder.images.recipe import photo_key
from site_builder.project import Project
from site_builder.render.build import build_site
from site_builder.selection import BuildOptions

distributed = pytest.importorskip("distributed")
cloudpickle = pytest.importorskip("cloudpickle")
# The plugin below travels to the workers by value: they cannot import this test module.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

RECIPE = Recipe(widths=(64, 160))


class KillWorker(distributed.WorkerPlugin):  # type: ignore[misc]
    """Ends a worker's process as it starts a photo task, the way the kernel's OOM killer does.

    Once (the first worker to start one), or every time for the photo whose task name starts
    with `prefix`. `marker` is a file, so the count survives the worker being replaced.
    """

    def __init__(self, marker: str, prefix: str = "photo-", every_time: bool = False) -> None:
        self.marker, self.prefix, self.every_time = marker, prefix, every_time

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish != "executing" or not str(key).startswith(self.prefix):
            return
        if os.path.exists(self.marker) and not self.every_time:
            return
        with open(self.marker, "a") as marker:
            marker.write("killed\n")
        os._exit(1)


@pytest.fixture
def client(cluster: Any) -> Iterator[Any]:
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as connected:
        connected.wait_for_workers(2, timeout=120)
        yield connected
        # A killed worker is replaced by its nanny; the next test starts with two again.
        connected.wait_for_workers(2, timeout=120)


@pytest.fixture
def own_cluster() -> Iterator[Any]:
    """A cluster of its own for a test that kills every worker, giving up on a photo after two
    deaths (`allowed-failures` 1): the shared one is never left without its workers."""
    dask = pytest.importorskip("dask")
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as running,
    ):
        yield running


def make_photos(folder: Path, count: int = 6) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    photos = []
    for number in range(count):
        path = folder / f"photo-{number}.jpg"
        Image.new("RGB", (200 + 17 * number, 150), (number * 40, 120, 200 - number * 30)).save(
            path, quality=90
        )
        photos.append(path)
    return photos


def cache_files(cache_dir: Path) -> dict[str, bytes]:
    return {
        p.relative_to(cache_dir).as_posix(): p.read_bytes()
        for p in sorted(cache_dir.rglob("*"))
        if p.is_file()
    }


def on_cluster(cluster: Any, sources: list[Path], cache_dir: Path) -> pool.PhotoBatch:
    plan = ImagePlan("dask", cluster.scheduler_address)
    runner = DaskRunner(plan, RECIPE, cache_dir)
    return pool.process_photos(sources, RECIPE, cache_dir, runner=runner)


def test_photos_made_on_the_cluster_are_the_local_pools_bytes(
    tmp_path: Path, client: Any, cluster: Any
) -> None:
    sources = make_photos(tmp_path / "originals")
    broken = tmp_path / "originals" / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    sources.append(broken)
    local = pool.process_photos(sources, RECIPE, tmp_path / "local", workers=1)
    remote = on_cluster(cluster, sources, tmp_path / "cluster")
    assert remote.processed == local.processed == 6
    assert remote.results == local.results
    assert {p: (e.code, e.message) for p, e in remote.errors.items()} == {
        p: (e.code, e.message) for p, e in local.errors.items()
    }
    assert cache_files(tmp_path / "cluster") == cache_files(tmp_path / "local")


def test_a_worker_killed_mid_build_is_replaced_and_every_photo_still_made(
    tmp_path: Path, client: Any, cluster: Any
) -> None:
    sources = make_photos(tmp_path / "originals", count=8)
    marker = tmp_path / "killed"
    client.register_plugin(KillWorker(str(marker)), name="kill-once")
    try:
        batch = on_cluster(cluster, sources, tmp_path / "cluster")
    finally:
        client.unregister_worker_plugin("kill-once")
    assert marker.read_text() == "killed\n"  # one worker died while starting a photo
    assert batch.processed == 8 and not batch.errors
    pool.process_photos(sources, RECIPE, tmp_path / "local", workers=1)
    assert cache_files(tmp_path / "cluster") == cache_files(tmp_path / "local")
    assert not list((tmp_path / "cluster").glob(".tmp-*"))


@pytest.mark.slow
def test_a_photo_that_kills_every_worker_fails_the_build_and_keeps_the_old_site(
    project: Project, own_cluster: Any, tmp_path: Path
) -> None:
    old_site = project.site_dir
    old_site.mkdir()
    (old_site / "index.html").write_text("the site readers have now", encoding="utf-8")
    photo = project.content_dir / "stories" / "fengze-garden.jpg"
    key = photo_key(photo.read_bytes(), Recipe())
    marker = tmp_path / "killed"
    with distributed.Client(own_cluster.scheduler_address, set_as_default=False) as client:
        client.wait_for_workers(2, timeout=120)
        client.register_plugin(KillWorker(str(marker), f"photo-{key}", every_time=True))
        diagnostics = Diagnostics()
        options = BuildOptions(scheduler=own_cluster.scheduler_address)
        report = build_site(project, options, diagnostics)
    assert not report.ok
    assert marker.read_text().count("killed") == 2
    # The scheduler gives up on the photo that killed its workers, and on any other photo that
    # was waiting on those workers when they died: each is an error where the photo is listed.
    died = {(d.path, d.line): d.message for d in diagnostics.errors}
    assert all("工作进程多次意外退出" in message for message in died.values())
    assert "fengze-garden.jpg" in died[("content/stories/fengze-lianxin-huayuan.md", 15)]
    assert [p.name for p in old_site.iterdir()] == ["index.html"]
    assert (old_site / "index.html").read_text(encoding="utf-8") == "the site readers have now"


def test_dask_without_a_scheduler_is_an_error_at_site_yml(project: Project) -> None:
    config = project.config_file
    config.write_text(
        config.read_text(encoding="utf-8").replace("images:\n", "images:\n  executor: dask\n"),
        encoding="utf-8",
    )
    diagnostics = Diagnostics()
    report = build_site(project, BuildOptions(), diagnostics, workers=1)
    assert not report.ok
    [error] = [d for d in diagnostics.errors if "scheduler" in d.message]
    lines = config.read_text(encoding="utf-8").splitlines()
    assert error.path == "content/site.yml"
    assert lines[error.line - 1].strip() == "executor: dask"


@pytest.mark.slow
def test_a_site_built_through_the_cluster_is_byte_identical_to_a_local_build(
    built: tuple[Project, Any, Diagnostics], project: Project, client: Any, cluster: Any
) -> None:
    local_project, local_report, _ = built
    assert local_report.ok
    diagnostics = Diagnostics()
    report = build_site(project, BuildOptions(scheduler=cluster.scheduler_address), diagnostics)
    assert report.ok, [str(d) for d in diagnostics]
    batch = report.compiled.context.photo_batch if report.compiled else None
    assert batch is not None and batch.processed > 0 and batch.reused == 0
    assert cache_files(project.site_dir) == cache_files(local_project.site_dir)
