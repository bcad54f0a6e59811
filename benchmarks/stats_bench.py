"""Benchmark: reading and counting 100 000 activity records (50 communities, six years).

    .venv/bin/python benchmarks/stats_bench.py [--records 100000] [--communities 50]

Generates the project with `generate.py` (50 short stories, no photos; the records are what
count here), then times, in this one process:

- loading the site with an empty parse cache (YAML through libyaml's C parser where present,
  positions kept, every record validated), and again with the cache filled by that run;
- choosing what a build publishes, and the rollup by year, community, category, audience, month;
- everything the figures are turned into: the downloads (CSV, JSON, datapackage.json) and the
  statistics pages with their SVG charts, the home figures and every community's section.

The counting steps run five times; the table gives the median. Prints a Markdown table of
wall-clock and CPU seconds (CPU time is what to compare on a shared machine).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from generate import Scale, generate  # noqa: E402

from site_builder.diagnostics import Diagnostics  # noqa: E402
from site_builder.i18n import using_language  # noqa: E402
from site_builder.load.parse_cache import ParseCache  # noqa: E402
from site_builder.load.reader import load_site  # noqa: E402
from site_builder.model import Site  # noqa: E402
from site_builder.output.context import CompileContext  # noqa: E402
from site_builder.output.tree import OutputTree  # noqa: E402
from site_builder.pages import stats as stats_pages  # noqa: E402
from site_builder.project import Project  # noqa: E402
from site_builder.selection import BuildOptions, select  # noqa: E402
from site_builder.stages import statistics as stats_stage  # noqa: E402
from site_builder.stats import export  # noqa: E402
from site_builder.stats.rollup import rollup  # noqa: E402
from site_builder.stats.tables import Labels  # noqa: E402

T = TypeVar("T")
AS_OF = dt.date(2026, 1, 31)
REPEATS = 5


Seconds = tuple[float, float]  # wall clock, and this process's CPU time


def timed(action: Callable[[], T]) -> tuple[Seconds, T]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return (time.perf_counter() - wall, time.process_time() - cpu), result


def median_of(action: Callable[[], object]) -> Seconds:
    runs = [timed(action)[0] for _ in range(REPEATS)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--communities", type=int, default=50)
    parser.add_argument("--out", type=Path, help="project folder (default: a temporary one)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temporary:
        root = (args.out or Path(temporary) / "project").resolve()
        generate(
            root, Scale(stories=50, communities=args.communities, records=args.records, photos=0)
        )
        project = Project(root)
        cache_dir = Path(temporary) / "parsed"

        def load() -> Site:
            diagnostics = Diagnostics()
            site = load_site(project, diagnostics, ParseCache(cache_dir))
            assert site is not None and not diagnostics.errors, diagnostics.sorted()[:5]
            return site

        cold, site = timed(load)
        warm, site = timed(load)
        options = BuildOptions(as_of=AS_OF)
        selection = select(site, options)
        choose = median_of(lambda: select(site, options))
        count = median_of(lambda: rollup(selection.records))
        counted = rollup(selection.records)
        labels = Labels(selection)

        def downloads() -> None:
            export.activities_csv(selection.records, labels)
            for stats in counted.years.values():
                export.years_csv([stats], labels)
                export.to_json(export.year_data(stats, labels, None))
            export.datapackage(selection.site.config, counted)

        context = CompileContext(
            project, selection, OutputTree(Path(temporary) / "compiled"), Diagnostics()
        )
        stats_stage.prepare(context)

        def pages() -> None:
            with using_language("zh"):
                stats_pages.overview_page(counted, labels, AS_OF)
                for stats in counted.years.values():
                    stats_pages.year_page(counted, stats, labels, AS_OF)
                stats_pages.home_section(context, "")
                for community in selection.communities:
                    stats_pages.community_section(context, community, community.id)

        write = median_of(downloads)
        render = median_of(pages)

    records = sum(len(log.activities) for log in site.activity_logs)
    parser_name = "libyaml (C)" if yaml.__with_libyaml__ else "pure Python"
    print(
        f"{records:,} records in {len(site.activity_logs)} logs "
        f"({args.communities} communities x {len(counted.years)} years), "
        f"{len(selection.records):,} published; YAML parser: {parser_name}\n"
    )
    print("| step | wall s | CPU s |")
    print("| --- | ---: | ---: |")
    for name, seconds in [
        ("load, empty parse cache", cold),
        ("load, parse cache filled", warm),
        ("choose what is published", choose),
        ("rollup (year, community, category, audience, month)", count),
        ("downloads (CSV, JSON, datapackage)", write),
        ("statistics pages, charts, home and community sections", render),
    ]:
        print(f"| {name} | {seconds[0]:.3f} | {seconds[1]:.3f} |")


if __name__ == "__main__":
    main()
