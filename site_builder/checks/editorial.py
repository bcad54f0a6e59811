"""Editorial rules on what a build publishes: no template placeholders, no photo whose alt
text is still to be written, no empty collections."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from site_builder.diagnostics import Diagnostic, Diagnostics
from site_builder.i18n import t
from site_builder.model import Photo
from site_builder.model.common import PLACEHOLDER, SourcedModel, Status, is_visible
from site_builder.project import Project
from site_builder.selection import PublicRecord, Selection, per_log
from site_builder.session import Session
from site_builder.source import Path_, Source


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _placeholder_warning(diagnostics: Diagnostics, path: str, line: int, column: int) -> None:
    diagnostics.warning(
        path,
        line,
        column,
        t(
            "这里还是模板中的“{p}”:公开前请填写真实内容(build 会因此停止)",
            "the template's '{p}' is still here: fill it in before it is published "
            "(build stops on it)",
            p=PLACEHOLDER,
        ),
        code="placeholder",
    )


def _unwritten_alt(
    source: Source, photos: list[Photo], within: Path_, diagnostics: Diagnostics
) -> None:
    """Each photo whose alt text is still the placeholder (`import story` writes it), by name.

    Drafts too: `check` reports what only a preview shows as a note."""
    for index, photo in enumerate(photos):
        if photo.alt.strip() == PLACEHOLDER:
            mark = source.mark(*within, "photos", index, "alt")
            diagnostics.warning(
                source.path,
                mark.line,
                mark.column,
                t(
                    "照片 {file} 还没有替代文字:把 alt 的“{p}”换成一句话,描述照片里有什么",
                    "photo {file} has no alt text yet: replace '{p}' in alt with a sentence "
                    "saying what the photo shows",
                    file=photo.file,
                    p=PLACEHOLDER,
                ),
                code="alt-unwritten",
            )


def _is_photo_alt(path: Path_) -> bool:
    return len(path) >= 3 and path[-1] == "alt" and path[-3] == "photos"


def _check_item(item: SourcedModel, within: Path_, diagnostics: Diagnostics) -> None:
    source = item.source
    data: Any = source.document.data
    for part in within:
        data = data[part]
    body: str = getattr(item, "body", "")
    if PLACEHOLDER not in body and not _mentions_placeholder(data):
        return
    for path, text in _strings(data, within):
        # An unwritten alt text is named by its photo (_unwritten_alt).
        if PLACEHOLDER in text and not _is_photo_alt(path):
            mark = source.document.value_mark(path)
            _placeholder_warning(diagnostics, source.path, mark.line, mark.column)
    if not within and PLACEHOLDER in body:
        before = body[: body.index(PLACEHOLDER)]
        _placeholder_warning(diagnostics, source.path, source.body_line + before.count("\n"), 1)


def _public(status: Status, day: dt.date, as_of: dt.date) -> bool:
    """Whether the public build made on `as_of` shows the item."""
    return is_visible(status, day, as_of, preview=False)


def _mentions_placeholder(data: Any) -> bool:
    # One search through the data as JSON instead of a walk value by value: the placeholder has
    # no character that JSON escapes.
    return PLACEHOLDER in json.dumps(data, ensure_ascii=False, default=str)


def _check_records(records: list[PublicRecord], *, as_of: dt.date) -> list[Diagnostic]:
    """Placeholders in one log's public records."""
    found = Diagnostics()
    log = records[0].log
    # Only a log that mentions the placeholder at all is looked at record by record.
    if not _mentions_placeholder(log.source.document.data):
        return found.items
    for record in records:
        within = ("activities", record.index)
        _unwritten_alt(log.source, record.record.photos, within, found)
        if _public(record.record.status, record.record.first_day, as_of):
            _check_item(log, within, found)
    return found.items


def check_editorial(
    project: Project, selection: Selection, diagnostics: Diagnostics, session: Session
) -> None:
    """Warn where a public item still has a placeholder `new` wrote; refuse empty collections.

    Only items the public sees count, even in a preview: drafts may stay unfinished.
    """
    as_of = selection.options.as_of
    for story in selection.stories:
        _unwritten_alt(story.source, story.photos, (), diagnostics)
        if _public(story.status, story.date, as_of):
            _check_item(story, (), diagnostics)
    for community in selection.communities:
        _check_item(community, (), diagnostics)
    for records in selection.records_by_log:
        name = per_log("editorial.records", records)
        diagnostics.extend(session.computed(name, _check_records, records, as_of=as_of))
    for collection in selection.collections:
        if not _public(collection.status, collection.date, as_of):
            continue
        _check_item(collection, (), diagnostics)
        if not collection.stories:
            mark = collection.source.mark("stories")
            diagnostics.error(
                collection.source.path,
                mark.line,
                mark.column,
                t(
                    "已发布的采撷至少要收录一篇故事",
                    "a published collection must include at least one story",
                ),
            )
