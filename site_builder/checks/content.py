"""Rules on story and collection bodies: media must go through `photos:`."""

from __future__ import annotations

from site_builder.diagnostics import Diagnostics
from site_builder.markup import find_embedded_media
from site_builder.selection import Selection


def check_bodies(selection: Selection, diagnostics: Diagnostics) -> None:
    bodies = [(s.source, s.body) for s in selection.stories]
    bodies += [(c.source, c.body) for c in selection.collections]
    for source, body in bodies:
        for problem in find_embedded_media(body):
            diagnostics.error(
                source.path,
                source.body_line + problem.line - 1,
                problem.column,
                problem.message,
            )
