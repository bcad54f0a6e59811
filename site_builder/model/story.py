"""A story (故事): a first-person account by a community worker, in Markdown."""

from __future__ import annotations

import datetime as dt

from pydantic import model_validator

from site_builder.i18n import t
from site_builder.model.common import (
    Audience,
    ContentModel,
    NonEmptyText,
    SourcedModel,
    Status,
    Text,
)
from site_builder.model.photo import Photo


class Narrator(ContentModel):
    name: NonEmptyText
    role: NonEmptyText


class Story(SourcedModel):
    title: NonEmptyText
    date: dt.date
    community: NonEmptyText
    narrator: Narrator
    audiences: list[Audience] = []
    tags: list[NonEmptyText] = []
    summary: Text = ""
    status: Status = Status.DRAFT
    updated: dt.date | None = None
    cover: Text = ""
    photos: list[Photo] = []
    pseudonyms: list[NonEmptyText] = []
    acknowledged_terms: list[NonEmptyText] = []

    # Set by the loader: the file name is the slug, the rest of the file the body.
    LOADER_FIELDS = frozenset({"slug", "body"})
    slug: str = ""
    body: str = ""

    @model_validator(mode="after")
    def _cover_is_a_photo(self) -> Story:
        if self.cover and self.cover not in {p.file for p in self.photos}:
            raise ValueError(
                t(
                    "cover “{cover}” 不在 photos 列表中",
                    "cover '{cover}' is not one of the photos",
                    cover=self.cover,
                )
            )
        return self

    @property
    def cover_photo(self) -> Photo | None:
        for photo in self.photos:
            if photo.file == self.cover:
                return photo
        return self.photos[0] if self.photos else None
