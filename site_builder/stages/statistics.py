"""The statistics stages of the compiler: count once, then write the open-data files.

`prepare` runs before the pages: it stores the rollup in `ctx.rollup`, which the statistics
pages and the figures on the home and community pages read. `write_downloads` writes the data
files into the compiled tree, where the renderer copies them to `site/data/`.
"""

from __future__ import annotations

from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.stats import export
from site_builder.stats.rollup import rollup
from site_builder.stats.tables import Labels, labels_key


def prepare(ctx: CompileContext) -> None:
    records = ctx.selection.records
    ctx.rollup = ctx.session.computed("stats.rollup", rollup, records)


def write_downloads(ctx: CompileContext) -> None:
    selection = ctx.selection
    # Everything the files are made of besides the records: names, order, settings, the day.
    key = (labels_key(selection), selection.options.as_of)
    files = ctx.session.reused("stats.downloads", [selection.records], key, lambda: _downloads(ctx))
    for path, data in files:
        ctx.tree.write_bytes(path, data)


def _downloads(ctx: CompileContext) -> list[tuple[str, bytes]]:
    """The open-data files: (path in the compiled tree, bytes)."""
    counted = ctx.stats
    labels = Labels(ctx.selection)
    data = urls.DATA
    files = [
        (
            data + export.ACTIVITIES_PATH,
            export.with_bom(export.activities_csv(ctx.selection, labels)),
        )
    ]
    as_of = ctx.selection.options.as_of
    for year, stats in counted.years.items():
        files.append(
            (
                data + export.year_path(year, "csv"),
                export.with_bom(export.years_csv([stats], labels)),
            )
        )
        year_json = export.year_data(stats, labels, export.through_date(stats, as_of))
        files.append((data + export.year_path(year, "json"), export.to_json(year_json).encode()))
    files.append(
        (data + export.DATAPACKAGE_PATH, export.datapackage(ctx.selection, counted).encode())
    )
    return files
