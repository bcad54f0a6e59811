"""Yearly statistics over the published activity records: rollups, SVG charts, downloads.

One path for every figure: `rollup.rollup(records)` counts, `tables` turns the counts
into labelled rows and formatted numbers, and pages, downloads and the `stats` command all
read those rows.
"""
