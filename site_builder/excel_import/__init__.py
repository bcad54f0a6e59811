"""Importing the activity ledgers (活动台账) staff keep in Excel into the yearly YAML logs.

`read` turns a workbook or CSV into record data with each value's sheet, row and column;
`write` appends validated records to `content/activities/<community>/<year>.yml` without
touching what is already there; `commands/import_activities.py` is `site-builder import
activities`.
"""
