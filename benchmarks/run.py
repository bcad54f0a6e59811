"""The benchmark suite: build synthetic archives, time every phase, compare with stock Material.

    make bench                      # the full run: 2000 and 200 stories, writes docs/performance.md
    make bench SCALE=10000          # the memory point: 10 000 stories, 500 000 records
    .venv/bin/python benchmarks/run.py --quick   # a smoke run at small scale, writes nothing in docs

Each build runs in a fresh process (`run.py child ...`) that times the build's phases from the
inside (wall and CPU time, its own and its helper processes') and reports its peak memory; the
parent measures the output. Scenarios, on the same generated content:

* cold photos: every cache empty, so every photo is processed (reported per photo and core);
* full build: photo derivatives cached, everything else cold (parsed logs, compiled tree,
  rendered site, search index) - the headline, compared with stock MkDocs + Material's blog
  plugin building the same stories in the same run;
* no-change rebuild, a rebuild after editing one story and one after adding one record to
  one activity log;
* the cold parse: reading and validating every activity log with no parse cache, alone in a
  process (CPU time; positions kept for every error as in a build);
* the peers, building the same published stories as a blog in the same run: stock MkDocs +
  Material's blog plugin, and Zensical (Material's successor) on the same blog project;
* the same full build at a tenth of the size, for linearity;
* the cold photo stage on the local pool and on a two-worker Dask LocalCluster, same photos
  (issue 17, benchmarks/dask_bench.py; `--only dask` runs it alone);
* `site-builder serve`: time from saving a story to the served page showing the edit.

Results go to .cache/bench/results.json and, on a full run, into the table in
docs/performance.md between the `bench:` markers.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

from dask_bench import summary as dask_summary  # noqa: E402
from edits import add_record, edit_story  # noqa: E402
from generate import BENCH_CACHE, Scale, generate  # noqa: E402
from hugo import HUGO, hugo_command, write_hugo_project  # noqa: E402
from report import PHASES, table, write_doc  # noqa: E402
from serve_latency import serve_latency  # noqa: E402
from stock import write_blog_project  # noqa: E402

PYTHON = sys.executable
SITE_BUILDER = str(Path(PYTHON).with_name("site-builder"))
MKDOCS = str(Path(PYTHON).with_name("mkdocs"))
ZENSICAL = str(Path(PYTHON).with_name("zensical"))
FULL = Scale(stories=2000, communities=50, records=100_000, photos=300)
QUICK = Scale(stories=60, communities=4, records=2000, photos=6)
SCALE_POINT = 10_000  # the memory point's stories, `make bench SCALE=10000`
SEARCH_WORD = "唠家常"  # only in story bodies (benchmarks/generate.py), never in titles or tags


# -- the child: one build, timed from the inside -----------------------------------------------


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    helpers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + helpers.ru_utime + helpers.ru_stime


def forkserver_cpu() -> float:
    """CPU time of the photo workers: children of multiprocessing's fork server, which reaps
    them, so their time is the server's children time (this process never waits for them)."""
    from multiprocessing import forkserver

    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    # After the command name: utime, stime, cutime, cstime are fields 12-15 (0-based).
    return sum(int(value) for value in fields[11:15]) / ticks


class MemorySampler:
    """The largest memory the build and every process under it used at once: the sum of their
    proportional set sizes (PSS: a page shared by n processes counts 1/n in each, so a forked
    share of the render counts only what it does not share), sampled every `every` seconds."""

    def __init__(self, every: float = 0.25) -> None:
        self.every = every
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            self.peak_mb = max(self.peak_mb, _tree_pss_kb(os.getpid()) / 1024)
            if self._stop.wait(self.every):
                return


def _tree_pss_kb(root: int) -> int:
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = Path(f"/proc/{entry.name}/stat").read_text().rsplit(")", 1)[1].split()
                children[int(stat[1])].append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
    return total


class PhaseClock:
    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), _cpu()
            try:
                return function(*args, **kwargs)
            finally:
                self.wall[name] += time.perf_counter() - wall
                self.cpu[name] += _cpu() - cpu

        return timed


def child_build(project: Path, engine: str | None = None) -> dict[str, Any]:
    """Build `project` as `site-builder build --engine ENGINE` does, timing each phase
    (patched in by name)."""
    from site_builder import compiler
    from site_builder.diagnostics import Diagnostics
    from site_builder.project import Project
    from site_builder.render import build
    from site_builder.selection import BuildOptions

    clock = PhaseClock()
    compiler.load_and_check = clock.wrap("load", compiler.load_and_check)
    for stages in (compiler.PREPARE_STAGES,):
        for index, stage in enumerate(stages):
            module = stage.__module__
            name = {"stages.images": "images", "stages.statistics": "statistics"}.get(
                module.removeprefix("site_builder."), ""
            )
            if name:
                stages[index] = clock.wrap(name, stage)
    compiler_compile = clock.wrap("compile", compiler.compile_site)
    build.compile_site = compiler_compile
    for renderer in build.ENGINES.values():
        renderer.render = clock.wrap("render", renderer.render)  # type: ignore[method-assign]
    build.incremental.seed_from = clock.wrap("render", build.incremental.seed_from)
    build.build_search_index = clock.wrap("search", build.build_search_index)
    build.OUTPUT_CHECKS[:] = [clock.wrap("checks", check) for check in build.OUTPUT_CHECKS]

    diagnostics = Diagnostics()
    wall, cpu = time.perf_counter(), _cpu()
    with MemorySampler() as memory:
        report = build.build_site(Project(project), BuildOptions(), diagnostics, engine=engine)
    compiled = report.compiled
    # The fork server's children are the photo workers and the story pool's (stages/
    # story_pool.py), which reports its own share: that goes to page generation.
    helper_cpu = forkserver_cpu()
    body_cpu = compiled.timings.get("bodies_worker_cpu", 0.0) if compiled else 0.0
    clock.cpu["images"] += helper_cpu - body_cpu  # the image stage runs inside compile_site
    clock.cpu["compile"] += helper_cpu
    total_wall, total_cpu = time.perf_counter() - wall, _cpu() - cpu + helper_cpu
    phases: dict[str, dict[str, float]] = {}
    inside = ("load", "statistics", "images")
    for name in PHASES:
        if name == "pages":
            value = {
                "wall": clock.wall["compile"] - sum(clock.wall[n] for n in inside),
                "cpu": clock.cpu["compile"] - sum(clock.cpu[n] for n in inside),
            }
        elif name == "other":
            named = ("compile", "render", "search", "checks")
            value = {
                "wall": total_wall - sum(clock.wall[n] for n in named),
                "cpu": total_cpu - sum(clock.cpu[n] for n in named),
            }
        else:
            value = {"wall": clock.wall[name], "cpu": clock.cpu[name]}
        phases[name] = value
    batch = compiled.context.photo_batch if compiled else None
    return {
        "ok": report.ok,
        "problems": [str(d) for d in diagnostics.sorted()][:20],
        "wall": total_wall,
        "cpu": total_cpu,
        "phases": phases,
        "peak_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_total_mb": memory.peak_mb,
        "helper_cpu": helper_cpu,
        "incremental": report.incremental,
        "search_reused": bool(report.search and report.search.reused),
        "photos_processed": batch.processed if batch else 0,
        "pages_changed": compiled.pages_changed if compiled else 0,
    }


def child_parse(project: Path) -> dict[str, Any]:
    """Read and validate all of `project`'s content with no parse cache, as a cold build does
    (the cycle collector paused, as `compile_site` pauses it); time the activity logs apart."""
    import gc

    from site_builder.diagnostics import Diagnostics
    from site_builder.load import reader
    from site_builder.load.parse_cache import ParseCache
    from site_builder.project import Project

    clock = PhaseClock()
    reader.Reader.activity_logs = clock.wrap("logs", reader.Reader.activity_logs)  # type: ignore[method-assign]
    diagnostics = Diagnostics()
    gc.disable()
    wall, cpu = time.perf_counter(), _cpu()
    site = reader.load_site(Project(project), diagnostics, ParseCache(None))
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    return {
        "ok": site is not None and not diagnostics.errors,
        "records": sum(len(log.activities) for log in site.activity_logs) if site else 0,
        "load_wall": wall,
        "load_cpu": cpu,
        "wall": clock.wall["logs"],
        "cpu": clock.cpu["logs"],
    }


# -- the parent: scenarios and measurements ----------------------------------------------------


@dataclass
class Run:
    name: str
    wall: float
    cpu: float
    peak_mb: float
    detail: dict[str, Any] = field(default_factory=dict)


def timed_process(
    command: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float, str, float]:
    """Run `command`: its wall time, CPU time (with the children it waited for), standard
    output and peak memory in MB (its own or its largest child's)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            command, cwd=cwd, stdout=out, stderr=err, env={**os.environ, **(env or {})}
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{stdout}\n{stderr}")
    return wall, usage.ru_utime + usage.ru_stime, stdout, usage.ru_maxrss / 1024


def our_build(name: str, project: Path, engine: str = "") -> Run:
    command = [PYTHON, __file__, "child", str(project), *([engine] if engine else [])]
    wall, cpu, out, _ = timed_process(command, cwd=project)
    detail = json.loads(out.strip().splitlines()[-1])
    if not detail["ok"]:
        raise SystemExit(f"{name}: the build failed:\n" + "\n".join(detail["problems"]))
    # The parent's view of its child's CPU misses the pool workers (see forkserver_cpu).
    cpu += detail["helper_cpu"]
    run = Run(name, wall, cpu, detail["peak_main_mb"], detail)
    print(f"  {name}: {wall:.1f} s wall, {cpu:.1f} s CPU", flush=True)
    return run


def stock_build(name: str, source: Path) -> Run:
    blog = source.with_name(source.name + "-blog")
    posts = write_blog_project(source, blog)
    wall, cpu, _, peak = timed_process(
        [MKDOCS, "build", "--quiet"], cwd=blog, env={"NO_MKDOCS_2_WARNING": "1"}
    )
    run = Run(name, wall, cpu, peak, {"posts": posts, "site": str(blog / "site")})
    print(f"  {name}: {wall:.1f} s wall, {cpu:.1f} s CPU", flush=True)
    return run


def zensical_build(name: str, source: Path) -> Run:
    """Zensical on the blog project `stock_build` wrote, in a copy of its own (it keeps a cache
    and writes `site/` there), from a clean cache."""
    blog = source.with_name(source.name + "-blog")
    copy = source.with_name(source.name + "-zensical")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(blog, copy, ignore=shutil.ignore_patterns("site", ".cache"))
    wall, cpu, _, peak = timed_process([ZENSICAL, "build", "--clean"], cwd=copy)
    posts = len(list((copy / "site" / "blog").glob("**/index.html")))
    run = Run(name, wall, cpu, peak, {"pages": posts, "site": str(copy / "site")})
    print(f"  {name}: {wall:.1f} s wall, {cpu:.1f} s CPU", flush=True)
    return run


def hugo_build(name: str, source: Path) -> Run | None:
    """Hugo with plain templates on the same published stories (benchmarks/hugo.py), from a
    freshly written project; None when Hugo is not installed."""
    if not HUGO.is_file():
        print(f"  {name}: Hugo not installed ({HUGO})", flush=True)
        return None
    project = source.with_name(source.name + "-hugo")
    stories = write_hugo_project(source, project)
    wall, cpu, _, peak = timed_process(hugo_command(project), cwd=project)
    version = subprocess.run([str(HUGO), "version"], capture_output=True, text=True).stdout
    run = Run(name, wall, cpu, peak, {"stories": stories, "version": version.split()[1]})
    print(f"  {name}: {wall:.1f} s wall, {cpu:.1f} s CPU", flush=True)
    return run


def photos_on_cluster(project: Path) -> dict[str, Any]:
    """benchmarks/dask_bench.py in a process of its own: the local pool and a LocalCluster."""
    command = [PYTHON, str(BENCH_DIR / "dask_bench.py"), str(project), "--json"]
    detail: dict[str, Any] = json.loads(
        timed_process(command, cwd=project)[2].strip().splitlines()[-1]
    )
    print(
        f"  cold photos, local pool {detail['local']['wall']:.1f} s, Dask LocalCluster "
        f"{detail['cluster']['wall']:.1f} s",
        flush=True,
    )
    return detail


def cold_parse(project: Path) -> dict[str, Any]:
    _, cpu, out, peak = timed_process([PYTHON, __file__, "parse", str(project)], cwd=project)
    detail: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    if not detail["ok"]:
        raise SystemExit(f"{project}: the content did not load")
    print(f"  cold parse of {detail['records']} records: {detail['cpu']:.1f} s CPU", flush=True)
    return {**detail, "process_cpu": cpu, "peak_mb": peak}


def clear_caches(project: Path, keep_images: bool) -> None:
    cache = project / ".cache"
    if cache.is_dir():
        for entry in cache.iterdir():
            if keep_images and entry.name == "images":
                continue
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    shutil.rmtree(project / "site", ignore_errors=True)


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def story_pages(site: Path) -> list[int]:
    return sorted(
        p.stat().st_size for p in (site / "stories").glob("*/index.html") if p.parent.name != "page"
    )


def pagefind_peak_mb(site: Path) -> float:
    """Pagefind's own peak memory on the built site, as the build runs it: each shard measured
    alone over its segmented copy, then summed over the largest shards the build indexes at
    once (as many as there are cores, within PAGES_AT_ONCE pages)."""
    from site_builder.render.search import (
        PAGES_AT_ONCE,
        indexed_pages,
        pagefind_command,
        plan_shards,
    )
    from site_builder.render.search_text import write_segmented_page

    measured = []
    for shard in plan_shards(indexed_pages(site)):
        with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as pages:
            for page in shard.pages:
                write_segmented_page(site, page, Path(pages) / page.rel)
            peak = timed_process(pagefind_command(Path(pages), Path(out)), cwd=site)[3]
            measured.append((peak, len(shard.pages)))
    measured.sort(reverse=True)
    at_once, pages = [measured[0][0]], measured[0][1]
    for peak, count in measured[1 : len(os.sched_getaffinity(0))]:
        if pages + count <= PAGES_AT_ONCE:
            at_once.append(peak)
            pages += count
    return sum(at_once)


def search_download(site: Path, word: str) -> dict[str, Any]:
    """Bytes fetched by one search on our site: what Pagefind fetches (run in Node), plus the
    two scripts a browser also loads for it, our search.js and Pagefind's worker."""
    done = subprocess.run(
        ["node", str(BENCH_DIR / "search_bytes.mjs"), str(site), word],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    for rel in ("assets/search.js", "pagefind/pagefind-worker.js"):
        size = (site / rel).stat().st_size
        result["total"] += size
        result["fetched"].append({"file": rel, "bytes": size})
    return result


def search_quality_figures(site: Path, terms: int = 60) -> dict[str, Any]:
    """Recall and precision of the search box on runs of Han text cut at random from the
    pages (benchmarks/search_quality.py; tests/test_search_quality.py has the listed set)."""
    import search_quality

    texts = search_quality.page_texts(site)
    result = search_quality.evaluate(site, search_quality.sample_terms(texts, terms), texts)
    return {
        "terms": terms,
        "pairs": result.pairs,
        "recall": result.recall,
        "precision": result.precision,
    }


def stock_search_download(site: Path) -> int:
    """Material's search: the whole index, plus its search worker script."""
    workers = list((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    return (site / "search" / "search_index.json").stat().st_size + sum(
        w.stat().st_size for w in workers
    )


def machine() -> dict[str, Any]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    from importlib.metadata import version

    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory, 1),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "material": version("mkdocs-material"),
        "pagefind": version("pagefind-bin-extended"),
        "zensical": version("zensical"),
        "load_average": os.getloadavg(),
    }


def bench_scale(scale: Scale, folder: str, stock: bool, dask: bool = False) -> dict[str, Any]:
    project = BENCH_CACHE / folder
    print(f"{folder}: generating {scale}", flush=True)
    generate(project, scale)
    results: dict[str, Any] = {"scale": asdict(scale)}
    clear_caches(project, keep_images=False)
    cold = our_build("cold photos (every cache empty)", project)
    results["cold"] = asdict(cold)
    clear_caches(project, keep_images=True)
    full = our_build("full build (photos cached)", project)
    site = project / "site"
    pages = story_pages(site)
    results["full"] = asdict(full)
    results["output_bytes"] = tree_size(site)
    results["story_page_median"] = statistics.median(pages)
    results["story_page_max"] = max(pages)
    results["search"] = search_download(site, SEARCH_WORD)
    results["search_quality"] = search_quality_figures(site)
    results["pagefind_peak_mb"] = pagefind_peak_mb(site)
    results["rebuild"] = asdict(our_build("no-change rebuild (inputs unchanged)", project))
    story, original = edit_story(project, "bench")
    try:
        results["one_edit"] = asdict(our_build("rebuild after editing one story", project))
    finally:
        story.write_text(original, encoding="utf-8")
    log, original = add_record(project)
    try:
        results["one_record"] = asdict(our_build("rebuild after adding one record", project))
    finally:
        log.write_text(original, encoding="utf-8")
    results["parse"] = cold_parse(project)
    # The same full build with the other engine, beside the one above (issue 13).
    clear_caches(project, keep_images=True)
    results["full_zensical"] = asdict(
        our_build("full build, Zensical engine (photos cached)", project, "zensical")
    )
    results["zensical_story_page_max"] = max(story_pages(site))
    if dask:
        results["dask"] = photos_on_cluster(project)
    if stock:
        blog = stock_build("stock MkDocs + Material blog plugin", project)
        blog_site = Path(blog.detail["site"])
        results["stock"] = asdict(blog)
        results["stock_output_bytes"] = tree_size(blog_site)
        results["stock_search_bytes"] = stock_search_download(blog_site)
        results["zensical"] = asdict(zensical_build("Zensical 0.0.73 on the same blog", project))
        hugo = hugo_build("Hugo, plain templates, the same stories", project)
        results["hugo"] = asdict(hugo) if hugo else None
    return results


def bench_memory(scale: Scale) -> dict[str, Any]:
    """`make bench SCALE=N`: one cold build (photos too) at N stories, its peak memory (every
    process of the build at once), and the cold parse."""
    project = BENCH_CACHE / f"s{scale.stories}"
    print(f"s{scale.stories}: generating {scale}", flush=True)
    generate(project, scale)
    clear_caches(project, keep_images=False)
    cold = our_build("cold build (every cache empty)", project)
    return {
        "scale": asdict(scale),
        "cold": asdict(cold),
        "parse": cold_parse(project),
    }


def main() -> None:
    if len(sys.argv) in (3, 4) and sys.argv[1] == "child":
        print(json.dumps(child_build(Path(sys.argv[2]), *sys.argv[3:])))
        return
    if len(sys.argv) == 3 and sys.argv[1] == "parse":
        print(json.dumps(child_parse(Path(sys.argv[2]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small smoke run; docs untouched")
    parser.add_argument("--no-stock", action="store_true", help="skip the Material blog baseline")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve latency test")
    parser.add_argument(
        "--no-dask", action="store_true", help="skip the photos on a Dask cluster (issue 17)"
    )
    parser.add_argument(
        "--scale", type=int, help="stories for the memory point (make bench SCALE=N)"
    )
    parser.add_argument(
        "--only", choices=["dask"], help="one measurement alone: dask = photos on a cluster"
    )
    args = parser.parse_args()
    if args.scale:
        memory_point(args.scale)
        return
    large = QUICK if args.quick else FULL
    if args.only == "dask":
        project = BENCH_CACHE / f"{'quick' if args.quick else 's'}{large.stories}"
        generate(project, large)
        print("\n".join(dask_summary(photos_on_cluster(project))))
        return
    small = Scale(
        max(1, large.stories // 10),
        max(1, large.communities // 10),
        large.records // 10,
        max(1, large.photos // 10),
    )
    command = "make bench" if not args.quick else ".venv/bin/python benchmarks/run.py --quick"
    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "command": command,
        "machine": machine(),
    }
    prefix = "quick" if args.quick else "s"
    results["large"] = bench_scale(
        large, f"{prefix}{large.stories}", stock=not args.no_stock, dask=not args.no_dask
    )
    results["small"] = bench_scale(small, f"{prefix}{small.stories}", stock=not args.no_stock)
    if not args.no_serve:
        print("serve: edit-to-reload latency", flush=True)
        results["serve"] = serve_latency(BENCH_CACHE / f"{prefix}{large.stories}", SITE_BUILDER)
    memory = BENCH_CACHE / f"memory-s{SCALE_POINT}.json"
    if memory.is_file():  # the last `make bench SCALE=10000`, reported beside this run
        results["memory_point"] = json.loads(memory.read_text())
    BENCH_CACHE.mkdir(parents=True, exist_ok=True)
    (BENCH_CACHE / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    text = table(results)
    print(text)
    if not args.quick:
        write_doc(text)


def memory_point(stories: int) -> None:
    scale = Scale(stories, max(1, stories // 40), stories * 50, FULL.photos)
    results = {"date": time.strftime("%Y-%m-%d"), "machine": machine(), **bench_memory(scale)}
    BENCH_CACHE.mkdir(parents=True, exist_ok=True)
    (BENCH_CACHE / f"memory-s{stories}.json").write_text(json.dumps(results, indent=2))
    peak = results["cold"]["detail"]["peak_total_mb"]
    print(
        f"{stories} stories, {scale.records} records: peak {peak:.0f} MB, every process of "
        f"the build at once (its own process {results['cold']['peak_mb']:.0f} MB); "
        f"cold build {results['cold']['wall']:.1f} s; cold parse {results['parse']['cpu']:.1f} s CPU"
    )


if __name__ == "__main__":
    main()
