"""The statistics stages of the compiler: count once, then write the open-data files.

`prepare` runs before the pages: it stores the rollup in `ctx.data["stats"]` and adds the
headline figures to the home page and each community page. `write_downloads` writes the data
files into the compiled tree, where the renderer copies them to `site/data/`.
"""

from __future__ import annotations

from site_builder.pages import stats as stats_pages
from site_builder.pages.context import CompileContext
from site_builder.stats import export
from site_builder.stats.rollup import rollup
from site_builder.stats.tables import Labels


def prepare(ctx: CompileContext) -> None:
    ctx.data["stats"] = rollup(ctx.selection.records)
    ctx.data.setdefault("home_sections", []).append(stats_pages.home_section)
    ctx.data.setdefault("community_sections", []).append(stats_pages.community_section)


def write_downloads(ctx: CompileContext) -> None:
    counted = stats_pages.rollup_of(ctx)
    labels = Labels(ctx.selection)
    data = stats_pages.DATA
    ctx.tree.write_bytes(
        data + export.ACTIVITIES_PATH, export.with_bom(export.activities_csv(ctx.selection, labels))
    )
    as_of = ctx.selection.options.as_of
    for year, stats in counted.years.items():
        ctx.tree.write_bytes(
            data + export.year_path(year, "csv"), export.with_bom(export.years_csv([stats], labels))
        )
        year_json = export.year_data(stats, labels, export.through_date(stats, as_of))
        ctx.tree.write_text(data + export.year_path(year, "json"), export.to_json(year_json))
    ctx.tree.write_text(data + export.DATAPACKAGE_PATH, export.datapackage(ctx.selection, counted))
