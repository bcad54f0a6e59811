"""The benchmark suite: build synthetic archives, time every phase, compare with stock Material.

    make bench                      # the full run: 2000 and 200 stories, writes docs/performance.md
    .venv/bin/python benchmarks/run.py --quick   # a smoke run at small scale, writes nothing in docs

Each build runs in a fresh process (`run.py child ...`) that times the build's phases from the
inside (wall and CPU time, its own and its helper processes') and reports its peak memory; the
parent measures the output. Scenarios, on the same generated content:

* cold photos: every cache empty, so every photo is processed (reported per photo and core);
* full build: photo derivatives cached, everything else cold (parsed logs, compiled tree,
  rendered site, search index) - the headline, compared with stock MkDocs + Material's blog
  plugin building the same stories in the same run;
* no-change rebuild, and a rebuild after editing one story;
* the same full build at a tenth of the size, for linearity;
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
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

from generate import BENCH_CACHE, Scale, generate  # noqa: E402
from stock import write_blog_project  # noqa: E402

PYTHON = sys.executable
SITE_BUILDER = str(Path(PYTHON).with_name("site-builder"))
MKDOCS = str(Path(PYTHON).with_name("mkdocs"))
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
FULL = Scale(stories=2000, communities=50, records=100_000, photos=300)
QUICK = Scale(stories=60, communities=4, records=2000, photos=6)
SEARCH_WORD = "唠家常"  # only in story bodies (benchmarks/generate.py), never in titles or tags
PHASES = ["load", "statistics", "images", "pages", "render", "search", "checks", "other"]


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


def child_build(project: Path) -> dict[str, Any]:
    """Build `project` as `site-builder build` does, timing each phase (patched in by name)."""
    from site_builder import build, compiler
    from site_builder.diagnostics import Diagnostics
    from site_builder.project import Project
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
    build.render = clock.wrap("render", build.render)
    build.incremental.seed_from = clock.wrap("render", build.incremental.seed_from)
    build.build_search_index = clock.wrap("search", build.build_search_index)
    build.OUTPUT_CHECKS[:] = [clock.wrap("checks", check) for check in build.OUTPUT_CHECKS]

    diagnostics = Diagnostics()
    wall, cpu = time.perf_counter(), _cpu()
    report = build.build_site(Project(project), BuildOptions(), diagnostics)
    photo_cpu = forkserver_cpu()
    for inside_compile in ("images", "compile"):  # the image stage runs inside compile_site
        clock.cpu[inside_compile] += photo_cpu
    total_wall, total_cpu = time.perf_counter() - wall, _cpu() - cpu + photo_cpu
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
    compiled = report.compiled
    batch = compiled.context.photo_batch if compiled else None
    return {
        "ok": report.ok,
        "problems": [str(d) for d in diagnostics.sorted()][:20],
        "wall": total_wall,
        "cpu": total_cpu,
        "phases": phases,
        "peak_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "photo_cpu": photo_cpu,
        "incremental": report.incremental,
        "search_reused": bool(report.search and report.search.reused),
        "photos_processed": batch.processed if batch else 0,
        "pages_changed": compiled.pages_changed if compiled else 0,
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


def our_build(name: str, project: Path) -> Run:
    wall, cpu, out, _ = timed_process([PYTHON, __file__, "child", str(project)], cwd=project)
    detail = json.loads(out.strip().splitlines()[-1])
    if not detail["ok"]:
        raise SystemExit(f"{name}: the build failed:\n" + "\n".join(detail["problems"]))
    # The parent's view of its child's CPU misses the photo workers (see forkserver_cpu).
    cpu += detail["photo_cpu"]
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
    """Pagefind's own peak memory on the built site (it runs beside the build's process)."""
    from site_builder.render.search import pagefind_executable

    with tempfile.TemporaryDirectory() as out:
        command = [str(pagefind_executable()), "--site", str(site), "--output-path", out]
        return timed_process([*command, "--quiet"], cwd=site)[3]


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


def stock_search_download(site: Path) -> int:
    """Material's search: the whole index, plus its search worker script."""
    workers = list((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    return (site / "search" / "search_index.json").stat().st_size + sum(
        w.stat().st_size for w in workers
    )


def edit_story(project: Path, marker: str) -> tuple[Path, str]:
    story = sorted((project / "content" / "stories").glob("*.md"))[len(marker) % 7]
    original = story.read_text(encoding="utf-8")
    story.write_text(original + f"\n编辑测试{marker}。\n", encoding="utf-8")
    return story, original


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


@contextlib.contextmanager
def serving(project: Path) -> Iterator[str]:
    """`site-builder serve` on a free local port, stopped (by its process id) afterwards."""
    port = free_port()
    log = (project / ".cache" / "serve.log").open("w")
    server = subprocess.Popen(
        [SITE_BUILDER, "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 900
        while fetch(base) is None:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"serve did not start: see {log.name}")
            time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def serve_latency(project: Path, tries: int = 3) -> list[float]:
    """Seconds from saving a story to the served page containing the edit."""
    latencies = []
    with serving(project) as base:
        for attempt in range(tries):
            marker = f"{int(time.time())}x{attempt}"
            story, original = edit_story(project, marker)
            url = base + f"stories/{story.stem}/"
            started = time.perf_counter()
            try:
                wait_for_text(url, marker, shown=True)
                latencies.append(time.perf_counter() - started)
            finally:
                story.write_text(original, encoding="utf-8")
            # The next edit starts once the restored story is served again.
            wait_for_text(url, marker, shown=False)
    return latencies


def wait_for_text(url: str, text: str, shown: bool, limit: float = 300) -> None:
    """Poll `url` every 50 ms until `text` is on it (`shown`) or gone from it."""
    started = time.perf_counter()
    while (text in (fetch(url) or "")) != shown:
        if time.perf_counter() - started > limit:
            raise SystemExit(f"serve: {url} never {'showed' if shown else 'dropped'} {text}")
        time.sleep(0.05)


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
        "load_average": os.getloadavg(),
    }


def bench_scale(scale: Scale, folder: str, stock: bool) -> dict[str, Any]:
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
    results["pagefind_peak_mb"] = pagefind_peak_mb(site)
    results["rebuild"] = asdict(our_build("no-change rebuild (inputs unchanged)", project))
    story, original = edit_story(project, "bench")
    try:
        results["one_edit"] = asdict(our_build("rebuild after editing one story", project))
    finally:
        story.write_text(original, encoding="utf-8")
    if stock:
        blog = stock_build("stock MkDocs + Material blog plugin", project)
        blog_site = Path(blog.detail["site"])
        results["stock"] = asdict(blog)
        results["stock_output_bytes"] = tree_size(blog_site)
        results["stock_search_bytes"] = stock_search_download(blog_site)
    return results


# -- the report --------------------------------------------------------------------------------


def mb(value: float) -> str:
    return f"{value / 2**20:.1f} MB"


def kb(value: float) -> str:
    return f"{value / 1024:.1f} KB"


def verdict(ok: bool) -> str:
    return "holds" if ok else "misses"


def table(results: dict[str, Any]) -> str:
    big, small = results["large"], results["small"]
    info = results["machine"]
    lines = [
        f"Measured {results['date']} on {info['cores']} cores ({info['cpu']}), "
        f"{info['memory_gib']} GiB, Python {info['python']}, MkDocs {info['mkdocs']}, "
        f"Material {info['material']}, Pagefind {info['pagefind']}; load average at the start "
        f"{info['load_average'][0]:.1f} (other work on the machine slows wall times; CPU "
        f"times are less affected). Command: `{results['command']}`.",
        "",
    ]
    scale = big["scale"]
    lines += [
        f"**{scale['stories']} stories, {scale['communities']} communities, "
        f"{scale['records']} activity records, {scale['photos']} photos**",
        "",
        "| build | wall | CPU | peak memory (build process) | "
        + " | ".join(f"{p} (wall / CPU)" for p in PHASES)
        + " |",
        "| --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in PHASES) + " |",
    ]
    for key in ("cold", "full", "rebuild", "one_edit"):
        run = big[key]
        phases = run["detail"]["phases"]
        cells = " | ".join(f"{phases[p]['wall']:.1f} / {phases[p]['cpu']:.1f}" for p in PHASES)
        lines.append(
            f"| {run['name']} | {run['wall']:.1f} s | {run['cpu']:.1f} s | "
            f"{run['peak_mb']:.0f} MB | {cells} |"
        )
    stock = big.get("stock")
    if stock:
        lines.append(
            f"| {stock['name']} ({stock['detail']['posts']} posts) | {stock['wall']:.1f} s | "
            f"{stock['cpu']:.1f} s | {stock['peak_mb']:.0f} MB | "
            + " | ".join("" for _ in PHASES)
            + " |"
        )
    photos = max(1, scale["photos"])
    cold_images = big["cold"]["detail"]["phases"]["images"]
    photo_cpu = cold_images["cpu"]
    lines += [
        "",
        f"Cold photo run: images phase {cold_images['wall']:.1f} s wall for {scale['photos']} "
        f"photos, {cold_images['wall'] / photos:.2f} s a photo; {photo_cpu:.1f} CPU-s in all, "
        f"{photo_cpu / photos:.2f} CPU-s a photo on each core "
        f"({photo_cpu / max(cold_images['wall'], 1e-9):.1f} cores busy).",
        "",
        "| target | measured | verdict |",
        "| --- | --- | --- |",
    ]
    full, rebuild = big["full"], big["rebuild"]
    if stock:
        ratio = stock["wall"] / full["wall"]
        cpu_ratio = stock["cpu"] / full["cpu"]
        lines.append(
            f"| full build ≤ 1/6 of the blog plugin's time | {full['wall']:.1f} s vs "
            f"{stock['wall']:.1f} s: 1/{ratio:.1f} (CPU 1/{cpu_ratio:.1f}) | "
            f"{verdict(ratio >= 6)} |"
        )
        ratio = stock["wall"] / rebuild["wall"]
        lines.append(
            f"| no-change rebuild ≤ 1/12 of it | {rebuild['wall']:.1f} s: 1/{ratio:.1f} "
            f"(CPU 1/{stock['cpu'] / rebuild['cpu']:.1f}) | {verdict(ratio >= 12)} |"
        )
    linear = full["wall"] / small["full"]["wall"]
    linear_cpu = full["cpu"] / small["full"]["cpu"]
    lines.append(
        f"| time at 2000 / time at 200 ≤ 11 | {full['wall']:.1f} s / "
        f"{small['full']['wall']:.1f} s = {linear:.1f} (CPU {linear_cpu:.1f}) | "
        f"{verdict(linear <= 11)} |"
    )
    main = max(big[k]["peak_mb"] for k in ("cold", "full", "rebuild", "one_edit"))
    peak = main + big["pagefind_peak_mb"]
    lines.append(
        f"| peak memory < 1.5 GB | {peak:.0f} MB: the build's process {main:.0f} MB and "
        f"Pagefind beside it {big['pagefind_peak_mb']:.0f} MB | {verdict(peak < 1536)} |"
    )
    lines.append(
        f"| story page < 40 KB of HTML at the median | median {kb(big['story_page_median'])}, "
        f"largest {kb(big['story_page_max'])} | {verdict(big['story_page_median'] < 40 * 1024)} |"
    )
    search = big["search"]
    stock_search = big.get("stock_search_bytes")
    compared = f"; Material's search: {mb(stock_search)}" if stock_search else ""
    lines.append(
        f"| first search < 500 KB, finds words in story bodies | {kb(search['total'])} in "
        f"{len(search['fetched'])} files for “{search['query']}”, {search['results']} pages "
        f"found{compared} | {verdict(search['total'] < 500 * 1024 and search['results'] > 0)} |"
    )
    serve = results.get("serve")
    if serve:
        lines.append(
            f"| `serve`: an edit shows within 2 s | median {statistics.median(serve):.1f} s "
            f"({', '.join(f'{s:.1f}' for s in serve)}) | {verdict(statistics.median(serve) <= 2)} |"
        )
    stock_bytes = big.get("stock_output_bytes")
    lines += [
        "",
        f"Output: {mb(big['output_bytes'])}"
        + (f" (the blog plugin's site: {mb(stock_bytes)})" if stock_bytes else "")
        + f". At {small['scale']['stories']} stories: full build {small['full']['wall']:.1f} s "
        f"wall / {small['full']['cpu']:.1f} s CPU"
        + (
            f", blog plugin {small['stock']['wall']:.1f} s / {small['stock']['cpu']:.1f} s."
            if small.get("stock")
            else "."
        ),
    ]
    return "\n".join(lines)


def write_doc(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    before, rest = doc.split(START, 1)
    _, after = rest.split(END, 1)
    DOC.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "child":
        print(json.dumps(child_build(Path(sys.argv[2]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small smoke run; docs untouched")
    parser.add_argument("--no-stock", action="store_true", help="skip the Material blog baseline")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve latency test")
    args = parser.parse_args()
    large = QUICK if args.quick else FULL
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
    results["large"] = bench_scale(large, f"{prefix}{large.stories}", stock=not args.no_stock)
    results["small"] = bench_scale(small, f"{prefix}{small.stories}", stock=not args.no_stock)
    if not args.no_serve:
        print("serve: edit-to-reload latency", flush=True)
        results["serve"] = serve_latency(BENCH_CACHE / f"{prefix}{large.stories}")
    BENCH_CACHE.mkdir(parents=True, exist_ok=True)
    (BENCH_CACHE / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    text = table(results)
    print(text)
    if not args.quick:
        write_doc(text)


if __name__ == "__main__":
    main()
