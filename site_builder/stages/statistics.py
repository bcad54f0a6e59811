"""The statistics stages of the compiler: count once, then write the open-data files.

`prepare` runs before the pages: it stores the rollup in `ctx.rollup`, which the statistics
pages and the figures on the home and community pages read. `write_downloads` writes the data
files into the compiled tree, where the renderer copies them to `site/data/`.
"""

from __future__ import annotations

import datetime as dt

from site_builder.model import SiteConfig
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.selection import PublicRecord
from site_builder.stats import export
from site_builder.stats.rollup import Rollup, rollup
from site_builder.stats.tables import Labels


def prepare(ctx: CompileContext) -> None:
    records = ctx.selection.records
    ctx.rollup = ctx.session.computed("stats.rollup", rollup, records)


def write_downloads(ctx: CompileContext) -> None:
    selection = ctx.selection
    files = ctx.session.computed(
        "stats.downloads",
        _downloads,
        selection.records,
        ctx.stats,
        labels=Labels(selection),
        config=ctx.config,
        as_of=selection.options.as_of,
    )
    for path, data in files:
        ctx.tree.write_bytes(path, data)


def _downloads(
    records: list[PublicRecord],
    counted: Rollup,
    *,
    labels: Labels,
    config: SiteConfig,
    as_of: dt.date,
) -> list[tuple[str, bytes]]:
    """The open-data files: (path in the compiled tree, bytes)."""
    data = urls.DATA
    files = [
        (data + export.ACTIVITIES_PATH, export.with_bom(export.activities_csv(records, labels)))
    ]
    for year, stats in counted.years.items():
        files.append(
            (
                data + export.year_path(year, "csv"),
                export.with_bom(export.years_csv([stats], labels)),
            )
        )
        year_json = export.year_data(stats, labels, export.through_date(stats, as_of))
        files.append((data + export.year_path(year, "json"), export.to_json(year_json).encode()))
    files.append((data + export.DATAPACKAGE_PATH, export.datapackage(config, counted).encode()))
    return files
