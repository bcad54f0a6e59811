"""Pieces shared by every content type: strict base model, statuses, audiences."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

from site_builder.source import Source

# Written by `site-builder new` where a required value is not known yet; `check` warns when one
# reaches the public site (checks/editorial.py).
PLACEHOLDER = "待填写"

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
