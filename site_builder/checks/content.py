"""Rules on story and collection bodies: media must go through `photos:`."""

from __future__ import annotations

from site_builder.diagnostics import Diagnostics
from site_builder.markup import find_embedded_media
from site_builder.selection import Selection


def check_bodies(selection: Selection, diagnostics: Diagnostics) -> None:
    for item in (*selection.stories, *selection.collections):
        for problem in find_embedded_media(item.body):
            diagnostics.error(
                item.source.path,
                item.source.body_line + problem.line - 1,
                problem.column,
                problem.message,
            )
