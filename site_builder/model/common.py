"""Pieces shared by every content type: strict base model, statuses, audiences, sources."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

from site_builder.load.yaml_source import Mark, YamlDocument

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SLUG_RE = re.compile(SLUG_PATTERN)

# Text fields are strict: a YAML number in a text field is an error, not a silent conversion.
Text = Annotated[str, Field(strict=True)]
# The schema's pattern says what strip-then-min-length does: blank text is refused in editors too.
NonEmptyText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    Field(strict=True, json_schema_extra={"pattern": r"\S"}),
]
Count = Annotated[int, Field(ge=0)]
Amount = Annotated[float, Field(ge=0)]
Slug = Annotated[str, Field(strict=True, pattern=SLUG_PATTERN)]


class Status(StrEnum):
    DRAFT = "draft"
    REVIEW = "review"
    PUBLISHED = "published"


class Audience(StrEnum):
    ELDERLY = "elderly"
    CHILDREN = "children"


@dataclass(frozen=True)
class Source:
    """Where a content object came from: its file, and the positions of its fields."""

    path: str  # relative to the project root, with forward slashes
    document: YamlDocument
    body_line: int = 0  # first line of a Markdown body, 0 when there is none
    # The whole file as read (stories, collections, activity logs): the privacy gate scans
    # exactly what was parsed without reading the file again. Empty for the settings and
    # communities, which are small and read again.
    text: str = ""

    def mark(self, *path: str | int) -> Mark:
        """Where the value at `path` stands (or its nearest written ancestor)."""
        return self.document.value_mark(tuple(path))


class ContentModel(BaseModel):
    """Base of every content file: unknown keys are refused, values validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_default=True, use_enum_values=False)


class SourcedModel(ContentModel):
    # Fields the loader sets from the file's name or place; staff never write them.
    LOADER_FIELDS: ClassVar[frozenset[str]] = frozenset()

    _source: Source | None = PrivateAttr(default=None)

    @property
    def source(self) -> Source:
        # Read from pydantic's private dict directly: `self._source` goes through
        # BaseModel.__getattr__, which cost more than the work of most callers.
        private = self.__pydantic_private__
        found = private.get("_source") if private else None
        assert isinstance(found, Source), "content objects are built by the loader"
        return found

    def attach_source(self, source: Source) -> None:
        self._source = source


def is_visible(status: Status, date: dt.date, as_of: dt.date, preview: bool) -> bool:
    """Whether an item with this status and date appears in a build made on `as_of`.

    Published items dated in the future are scheduled: they appear from their date on.
    A preview (`serve`) shows everything, marked.
    """
    if preview:
        return True
    return status is Status.PUBLISHED and date <= as_of
