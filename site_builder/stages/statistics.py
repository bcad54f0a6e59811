"""The statistics stages of the compiler: count once, then write the open-data files.

`prepare` runs before the pages: it stores the rollup in `ctx.rollup`, which the statistics
pages and the figures on the home and community pages read. `write_downloads` writes the data
files into the compiled tree, where the renderer copies them to `site/data/`.

Both work log by log: each activity log's records are counted, and written as rows of the
records file, on their own, and the shares are merged. A share is kept by the content key of
its log's records (derived.py), so after one record is added to one log, one log is counted
and written again, not 100 000 records.
"""

from __future__ import annotations

import datetime as dt

from site_builder.model import SiteConfig
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.selection import per_log
from site_builder.stats import export
from site_builder.stats.rollup import Rollup, merged, rollup
from site_builder.stats.tables import Labels


def prepare(ctx: CompileContext) -> None:
    session = ctx.session
    parts = [
        session.computed(per_log("stats.rollup", records), rollup, records)
        for records in ctx.selection.records_by_log
    ]
    ctx.rollup = session.computed("stats.rollup", merged, *parts)


def write_downloads(ctx: CompileContext) -> None:
    selection = ctx.selection
    session = ctx.session
    labels = Labels(selection)
    rows = [
        session.computed(
            per_log("stats.activity-rows", records),
            export.activity_rows,
            records,
            labels=labels,
        )
        for records in selection.records_by_log
    ]
    # The merged file is kept too: a build after a story edit reads it, `serve` holds it.
    activities = session.computed("stats.activities", _activities_file, *rows)
    ctx.tree.write_bytes(urls.DATA + export.ACTIVITIES_PATH, activities)
    files = session.computed(
        "stats.downloads",
        _yearly_files,
        ctx.stats,
        labels=labels,
        config=ctx.config,
        as_of=selection.options.as_of,
    )
    for path, data in files:
        ctx.tree.write_bytes(path, data)


def _activities_file(*rows: list[export.ActivityRow]) -> bytes:
    return export.with_bom(export.merged_activities_csv(rows))


def _yearly_files(
    counted: Rollup, *, labels: Labels, config: SiteConfig, as_of: dt.date
) -> list[tuple[str, bytes]]:
    """Each year's figures as CSV and JSON, and the package description: (path in the
    compiled tree, bytes)."""
    data = urls.DATA
    files = []
    for year, stats in counted.years.items():
        files.append(
            (
                data + export.year_path(year, "csv"),
                export.with_bom(export.years_csv([stats], labels)),
            )
        )
        year_json = export.year_data(stats, labels, export.through_date(stats, as_of))
        files.append((data + export.year_path(year, "json"), export.to_json(year_json).encode()))
    if counted.cumulative:
        cumulative = export.cumulative_csv(counted.cumulative, labels)
        files.append((data + export.CUMULATIVE_PATH, export.with_bom(cumulative)))
    files.append((data + export.DATAPACKAGE_PATH, export.datapackage(config, counted).encode()))
    return files
