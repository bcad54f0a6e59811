"""The table `make bench` prints and writes into docs/performance.md: every build, then every
target of issues 16 and 25 as a figure or a ratio measured in the same run."""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from dask_bench import national_estimate
from dask_bench import summary as dask_summary

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
PHASES = ["load", "statistics", "images", "pages", "render", "search", "checks", "other"]
BUILDS = ("cold", "full", "full_zensical", "rebuild", "one_edit", "one_record")


def mb(value: float) -> str:
    return f"{value / 2**20:.1f} MB"


def kb(value: float) -> str:
    return f"{value / 1024:.1f} KB"


def verdict(ok: bool) -> str:
    return "holds" if ok else "misses"


def _builds(big: dict[str, Any]) -> list[str]:
    scale = big["scale"]
    lines = [
        f"**{scale['stories']} stories, {scale['communities']} communities, "
        f"{scale['records']} activity records, {scale['photos']} photos**",
        "",
        "| build | wall | CPU | CPU ÷ wall | peak memory (build process) | "
        + " | ".join(f"{p} (wall / CPU)" for p in PHASES)
        + " |",
        "| --- | ---: | ---: | ---: | ---: | " + " | ".join("---:" for _ in PHASES) + " |",
    ]
    for key in BUILDS:
        run = big.get(key)
        if run is None:  # results of a run before the row existed
            continue
        phases = run["detail"]["phases"]
        cells = " | ".join(f"{phases[p]['wall']:.1f} / {phases[p]['cpu']:.1f}" for p in PHASES)
        lines.append(
            f"| {run['name']} | {run['wall']:.1f} s | {run['cpu']:.1f} s | "
            f"{run['cpu'] / run['wall']:.2f} | {run['peak_mb']:.0f} MB | {cells} |"
        )
    for key, what in (("stock", "posts"), ("zensical", "pages"), ("hugo", "stories")):
        peer = big.get(key)
        if peer:
            lines.append(
                f"| {peer['name']} ({peer['detail'][what]} {what}) | {peer['wall']:.1f} s | "
                f"{peer['cpu']:.1f} s | {peer['cpu'] / peer['wall']:.2f} | "
                f"{peer['peak_mb']:.0f} MB | " + " | ".join("" for _ in PHASES) + " |"
            )
    if "hugo" in big and big["hugo"] is None:
        lines.append("| Hugo | Hugo not installed |" + " |" * (len(PHASES) + 3))
    photos = max(1, scale["photos"])
    cold_images = big["cold"]["detail"]["phases"]["images"]
    photo_cpu = cold_images["cpu"]
    return [
        *lines,
        "",
        f"Cold photo run: images phase {cold_images['wall']:.1f} s wall for {scale['photos']} "
        f"photos, {cold_images['wall'] / photos:.2f} s a photo; {photo_cpu:.1f} CPU-s in all, "
        f"{photo_cpu / photos:.2f} CPU-s a photo on each core "
        f"({photo_cpu / max(cold_images['wall'], 1e-9):.1f} cores busy).",
        "",
    ]


def _ratio_row(what: str, run: dict[str, Any], peer: dict[str, Any] | None, most: float) -> str:
    if not peer:
        return f"| {what} | not measured (`--no-stock`) | ≤ {most} | |"
    ratio, cpu = run["wall"] / peer["wall"], run["cpu"] / peer["cpu"]
    return (
        f"| {what} | {run['wall']:.1f} s ÷ {peer['wall']:.1f} s = **{ratio:.2f}** "
        f"(CPU {cpu:.2f}) | ≤ {most} | {verdict(ratio <= most)} |"
    )


def _targets(results: dict[str, Any]) -> list[str]:
    big = results["large"]
    full, stock, zensical = big["full"], big.get("stock"), big.get("zensical")
    busy = full["cpu"] / full["wall"]
    photos = full["detail"]["phases"]["images"]
    return [
        "| target (issues 16 and 25) | measured, same run | target | verdict |",
        "| --- | --- | --- | --- |",
        _edit_row(big),
        _seconds_row("rebuild after adding one record", big["one_record"], 3.0),
        _serve_row(results.get("serve")),
        _ratio_row("full build ÷ Material blog on the same stories", full, stock, 0.25),
        _ratio_row("full build ÷ Zensical's blog on the same stories", full, zensical, 0.5),
        f"| CPU ÷ wall over the whole full build | **{busy:.2f}** ({full['cpu']:.1f} s CPU in "
        f"{full['wall']:.1f} s; photos cached, {photos['cpu']:.1f} s of it) | ≥ 1.8 | "
        f"{verdict(busy >= 1.8)} |",
        "| a build through the caches equals a cold build byte for byte | checked by the tests "
        "(`tests/test_caches.py`, `test_search_shards.py`, `test_story_pool.py`, "
        "`test_split_render.py`), not timed here | same | tests |",
        *_issue16_rows(results),
    ]


def _edit_row(big: dict[str, Any]) -> str:
    edit, hugo = big["one_edit"], big.get("hugo")
    if not hugo:
        return _seconds_row("rebuild after editing one story (Hugo not installed)", edit, 3.0)
    times = edit["wall"] / hugo["wall"]
    holds = edit["wall"] <= 3.0 and times <= 5
    return (
        f"| rebuild after editing one story, and ÷ Hugo's full build of the same stories | "
        f"**{edit['wall']:.1f} s** (CPU {edit['cpu']:.1f} s); {edit['wall']:.1f} s ÷ "
        f"{hugo['wall']:.1f} s = **{times:.1f} ×** | ≤ 3 s, ≤ 5 × Hugo | {verdict(holds)} |"
    )


def _seconds_row(what: str, run: dict[str, Any], most: float) -> str:
    return (
        f"| {what} | **{run['wall']:.1f} s** (CPU {run['cpu']:.1f} s) | ≤ {most:g} s | "
        f"{verdict(run['wall'] <= most)} |"
    )


def _serve_row(serve: list[float] | None) -> str:
    if not serve:
        return "| `serve`: a saved story shows in the preview | not measured (`--no-serve`) | ≤ 1 s | |"
    median = statistics.median(serve)
    return (
        f"| `serve`: a saved story shows in the preview | median **{median:.1f} s** "
        f"({', '.join(f'{s:.1f}' for s in serve)}) | ≤ 1 s | {verdict(median <= 1)} |"
    )


def _issue16_rows(results: dict[str, Any]) -> list[str]:
    big, small = results["large"], results["small"]
    full = big["full"]
    lines = []
    parse = big["parse"]
    lines.append(
        f"| cold parse of {parse['records']} activity records (read, parse, validate; no "
        f"cache) | **{parse['cpu']:.1f} s CPU** ({parse['wall']:.1f} s wall; all content "
        f"{parse['load_cpu']:.1f} s CPU) | ≤ 4 s CPU | {verdict(parse['cpu'] <= 4)} |"
    )
    runs = [big[k] for k in BUILDS if k in big]
    total = max(run["detail"].get("peak_total_mb", 0.0) for run in runs)
    main = max(run["peak_mb"] for run in runs)
    lines.append(
        f"| peak memory, build plus Pagefind | **{total:.0f} MB** at once, every process of the "
        f"build (sum of PSS); the build's own process {main:.0f} MB at most; Pagefind, the "
        f"shards it indexes at once, {big['pagefind_peak_mb']:.0f} MB | < 1.5 GB | "
        f"{verdict(total < 1536)} |"
    )
    point = results.get("memory_point")
    if point:
        scale, cold = point["scale"], point["cold"]
        total = cold["detail"]["peak_total_mb"]
        lines.append(
            f"| the same at {scale['stories']} stories / {scale['records']} records "
            f"(`make bench SCALE={scale['stories']}`, {point['date']}) | **{total:.0f} MB** "
            f"(the build's own process {cold['peak_mb']:.0f} MB); cold build "
            f"{cold['wall']:.0f} s | < 4 GB | {verdict(total < 4096)} |"
        )
    else:
        lines.append(
            "| the same at 10 000 stories | not run: `make bench SCALE=10000` | < 4 GB | |"
        )
    linear = full["wall"] / small["full"]["wall"]
    lines.append(
        f"| time at {big['scale']['stories']} ÷ time at {small['scale']['stories']} | "
        f"{full['wall']:.1f} s ÷ {small['full']['wall']:.1f} s = **{linear:.1f}** "
        f"(CPU {full['cpu'] / small['full']['cpu']:.1f}) | ≤ 11 | {verdict(linear <= 11)} |"
    )
    return lines


def _others(results: dict[str, Any]) -> list[str]:
    big = results["large"]
    rebuild = big["rebuild"]
    stock = big.get("stock")
    lines = []
    if stock:
        ratio = rebuild["wall"] / stock["wall"]
        lines.append(
            f"| no-change rebuild ÷ Material blog | {rebuild['wall']:.1f} s: {ratio:.3f} | "
            f"≤ 1/12 | {verdict(ratio <= 1 / 12)} |"
        )
    lines.append(
        f"| story page, HTML | median {kb(big['story_page_median'])}, largest "
        f"{kb(big['story_page_max'])} | < 40 KB at the median | "
        f"{verdict(big['story_page_median'] < 40 * 1024)} |"
    )
    search = big["search"]
    stock_search = big.get("stock_search_bytes")
    compared = f"; Material's search: {mb(stock_search)}" if stock_search else ""
    lines.append(
        f"| first search, finds words in story bodies | {kb(search['total'])} in "
        f"{len(search['fetched'])} files for “{search['query']}”, {search['results']} pages "
        f"found{compared} | < 500 KB | "
        f"{verdict(search['total'] < 500 * 1024 and search['results'] > 0)} |"
    )
    quality = big.get("search_quality")
    if quality:
        lines.append(
            f"| search recall / precision, {quality['terms']} runs of 2-6 Han characters cut "
            f"from the pages | recall {quality['recall']:.3f}, precision "
            f"{quality['precision']:.3f} ({quality['pairs']} term-page pairs) | ≥ 0.95 / ≥ 0.9 | "
            f"{verdict(quality['recall'] >= 0.95 and quality['precision'] >= 0.9)} |"
        )
    return lines


def table(results: dict[str, Any]) -> str:
    big, small = results["large"], results["small"]
    info = results["machine"]
    lines = [
        f"Measured {results['date']} on {info['cores']} cores ({info['cpu']}), "
        f"{info['memory_gib']} GiB, Python {info['python']}, MkDocs {info['mkdocs']}, "
        f"Material {info['material']}, Zensical {info.get('zensical', '?')}, Pagefind "
        f"{info['pagefind']}; load average at the start {info['load_average'][0]:.1f} (other "
        f"work on the machine slows wall times; ratios within the run are what to compare). "
        f"Command: `{results['command']}`.",
        "",
        *_builds(big),
        *(
            [*dask_summary(big["dask"]), "", *national_estimate(big["dask"]), ""]
            if big.get("dask")
            else []
        ),
        *_targets(results),
        *_others(results),
    ]
    stock_bytes = big.get("stock_output_bytes")
    lines += [
        "",
        f"Output: {mb(big['output_bytes'])}"
        + (f" (the blog plugin's site: {mb(stock_bytes)})" if stock_bytes else "")
        + f". At {small['scale']['stories']} stories: full build {small['full']['wall']:.1f} s "
        f"wall / {small['full']['cpu']:.1f} s CPU"
        + (
            f", blog plugin {small['stock']['wall']:.1f} s / {small['stock']['cpu']:.1f} s"
            if small.get("stock")
            else ""
        )
        + (
            f", Zensical {small['zensical']['wall']:.1f} s / {small['zensical']['cpu']:.1f} s"
            if small.get("zensical")
            else ""
        )
        + (
            f", Hugo {small['hugo']['wall']:.1f} s / {small['hugo']['cpu']:.1f} s."
            if small.get("hugo")
            else "."
        ),
    ]
    return "\n".join(lines)


def write_doc(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    before, rest = doc.split(START, 1)
    _, after = rest.split(END, 1)
    DOC.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")
