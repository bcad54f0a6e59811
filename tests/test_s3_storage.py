"""The image cache and the published site on S3, against moto's real S3 server on 127.0.0.1."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from site_builder.diagnostics import Diagnostics
from site_builder.images import Recipe, pool
from site_builder.images.derive import derive_photo
from site_builder.images.executors import ImagePlan, runner_for
from site_builder.images.remote_cache import RemoteImageCache
from site_builder.project import Project
from site_builder.render.build import build_site
from site_builder.render.publish_remote import plan_publish, publish_site
from site_builder.selection import BuildOptions
from site_builder.storage import Location

pytest.importorskip("s3fs")
RECIPE = Recipe(widths=(64, 160))


def bucket(endpoint: str, name: str) -> Location:
    where = Location(f"s3://{name}/prefix", endpoint)
    where.filesystem().mkdir(name)
    return where


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def bucket_tree(where: Location) -> dict[str, bytes]:
    fs = where.filesystem()
    paths = fs.find(where.root)
    return {p[len(where.root) + 1 :]: fs.cat_file(p) for p in paths}


def test_an_entry_without_its_meta_file_is_no_entry(s3_server: str, tmp_path: Path) -> None:
    from PIL import Image

    source = tmp_path / "a.jpg"
    Image.new("RGB", (300, 200), (10, 120, 200)).save(source)
    derivatives = derive_photo(source, RECIPE)
    cache = RemoteImageCache(bucket(s3_server, "half-entries"))
    key = derivatives.photo.key
    # What a worker killed between its uploads leaves: the images, not meta.json.
    cache.fs.pipe({cache.where.join(key, n): d for n, d in derivatives.files.items()})
    assert cache.get_many([key]) == {}
    cache.put(derivatives)
    assert cache.get_many([key]) == {key: derivatives.photo}
    assert cache.files(derivatives.photo).files == derivatives.files


def test_a_shared_cache_computes_a_photo_once_for_every_machine(
    s3_server: str, tmp_path: Path
) -> None:
    from PIL import Image

    sources = []
    for number in range(3):
        path = tmp_path / f"{number}.jpg"
        Image.new("RGB", (200 + number, 150), (number * 60, 90, 30)).save(path)
        sources.append(path)
    plan = ImagePlan(shared_cache=bucket(s3_server, "shared-cache"))
    first_dir, second_dir = tmp_path / "runner-1", tmp_path / "runner-2"
    first = pool.process_photos(
        sources, RECIPE, first_dir, runner=runner_for(plan, RECIPE, first_dir, 1)
    )
    second = pool.process_photos(
        sources, RECIPE, second_dir, runner=runner_for(plan, RECIPE, second_dir, 1)
    )
    assert (first.processed, first.fetched) == (3, 0)
    assert (second.processed, second.fetched) == (0, 3)
    assert tree(first_dir) == tree(second_dir)


def test_a_shared_cache_prune_removes_only_entries_not_kept(s3_server: str, tmp_path: Path) -> None:
    from PIL import Image

    cache = RemoteImageCache(bucket(s3_server, "pruned-cache"))
    keys = []
    for number in range(3):
        source = tmp_path / f"{number}.jpg"
        Image.new("RGB", (120 + number, 90), (number * 70, 40, 90)).save(source)
        keys.append(cache.put(derive_photo(source, RECIPE)).key)
    stray = cache.where.join("not-an-entry.txt")
    cache.fs.pipe_file(stray, b"kept: not a key-named folder")
    assert cache.prune({keys[0], keys[2]}) == 1
    assert set(cache.get_many(keys)) == {keys[0], keys[2]}
    assert not any(path.startswith(keys[1]) for path in bucket_tree(cache.where))
    assert cache.fs.cat_file(stray) == b"kept: not a key-named folder"


@pytest.mark.slow
def test_a_cluster_build_with_the_cache_in_s3_is_byte_identical_to_a_local_build(
    built: tuple[Project, Any, Diagnostics], project: Project, cluster: Any, s3_server: str
) -> None:
    local_project, local_report, _ = built
    assert local_report.ok
    cache = bucket(s3_server, "site-images")
    config = project.config_file
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "images:\n",
            f"storage:\n  endpoint_url: {s3_server}\nimages:\n  cache: {cache.url}\n",
        ),
        encoding="utf-8",
    )
    diagnostics = Diagnostics()
    report = build_site(project, BuildOptions(scheduler=cluster.scheduler_address), diagnostics)
    assert report.ok, [str(d) for d in diagnostics]
    assert tree(project.site_dir) == tree(local_project.site_dir)
    stored = bucket_tree(cache)
    assert report.compiled is not None and report.compiled.context.photo_batch is not None
    processed = report.compiled.context.photo_batch.processed
    assert processed > 0 and sum(p.endswith("/meta.json") for p in stored) == processed


def test_publishing_orders_files_then_pages_deepest_first_then_removals() -> None:
    local = {
        "index.html": "new",
        "stories/a/index.html": "new",
        "stories/index.html": "same",
        "assets/photos/k-480.webp": "new",
        "pagefind/pagefind-entry.json": "new",
        "pagefind/index/en_1.pf_index": "new",
        "feed.xml": "new",
    }
    remote = {
        "stories/index.html": "same",
        "pagefind/index/en_0.pf_index": "old",
        "index.html": "old",
    }
    plan = plan_publish(local, remote)
    assert plan.files == ["assets/photos/k-480.webp", "pagefind/index/en_1.pf_index"]
    assert plan.entries == [
        ["stories/a/index.html"],
        ["pagefind/pagefind-entry.json"],
        ["feed.xml"],
        ["index.html"],
    ]
    assert plan.removals == ["pagefind/index/en_0.pf_index"]
    assert plan.unchanged == 1


@pytest.mark.slow
def test_the_published_bucket_holds_exactly_the_new_site(
    built: tuple[Project, Any, Diagnostics], s3_server: str, tmp_path: Path
) -> None:
    project, report, _ = built
    assert report.ok
    target = bucket(s3_server, "published")
    first = publish_site(project.site_dir, target)
    assert bucket_tree(target) == tree(project.site_dir)
    assert first.unchanged == 0 and not first.removals
    info = target.filesystem().info(target.join("index.html"))
    assert info["ContentType"] == "text/html; charset=utf-8"

    changed = tmp_path / "site"
    shutil.copytree(project.site_dir, changed)
    (changed / "feed.xml").unlink()
    (changed / "index.html").write_text("<p>new home</p>", encoding="utf-8")
    (changed / "assets" / "new.css").write_text("p{}", encoding="utf-8")
    second = publish_site(changed, target)
    assert bucket_tree(target) == tree(changed)
    assert second.removals == ["feed.xml"]
    assert second.files == ["assets/new.css"] and second.entries == [["index.html"]]
