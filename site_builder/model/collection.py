"""An editors' best-practice collection (典型采撷): a note and an ordered list of stories."""

from __future__ import annotations

import datetime as dt

from site_builder.model.common import ContentModel, NonEmptyText, SourcedModel, Status, Text


class CollectionEntry(ContentModel):
    story: NonEmptyText
    headline: Text = ""  # the editor's headline; the story's title when empty
    excerpt: Text = ""  # shown instead of the full text when set


class Collection(SourcedModel):
    title: NonEmptyText
    subtitle: Text = ""
    date: dt.date
    editor: NonEmptyText
    status: Status = Status.DRAFT
    summary: Text = ""
    stories: list[CollectionEntry]

    LOADER_FIELDS = frozenset({"slug", "body"})
    slug: str = ""
    body: str = ""  # the editor's note (编者按), Markdown
