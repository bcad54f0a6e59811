"""Pieces shared by every content type: strict base model, statuses, audiences."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from site_builder.model import vocabulary
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


# What staff write for the audiences (model/vocabulary.py), with the audiences as the enum.
AUDIENCE_WORDS: dict[str, tuple[Audience, ...]] = {
    word: tuple(map(Audience, ids)) for word, ids in vocabulary.AUDIENCE_WORDS.items()
}


def _no_full_width_comma(value: Any) -> Any:
    """`[读书角，一老一小]` is one item to YAML: refused, never kept as one silently."""
    if isinstance(value, str) and "，" in value:
        raise PydanticCustomError(
            "full_width_comma", "full-width comma in a list item", {"item": value}
        )
    return value


_AUDIENCE_VALUES = frozenset(Audience)


def written_with_ids(value: Any) -> bool:
    """Whether `value` is a list of audience ids already: one test in C, no Python loop."""
    try:
        return type(value) is list and _AUDIENCE_VALUES.issuperset(value)
    except TypeError:  # an unhashable item (a mapping in the list): for the enum to refuse
        return True


def audience_words(value: Any) -> Any:
    """`[老人, 一老一小]` -> [elderly, children]; unknown words are left for the enum to refuse.

    While any item is unknown, items are mapped one to one, so an error names its own item.
    Lists already written with the ids (100 000 log records) return at the first test.
    """
    if type(value) is not list or written_with_ids(value):
        return value
    words = [
        AUDIENCE_WORDS.get(item.strip()) or (item.strip(),) if isinstance(item, str) else (item,)
        for item in value
    ]
    if all(word[0] in _AUDIENCE_VALUES for word in words):
        return list(dict.fromkeys(audience for word in words for audience in word))
    return [word[0] for word in words]


def _status_word(value: Any) -> Any:
    """`已发布` -> published; anything else is left for the enum to accept or refuse."""
    return vocabulary.STATUS_WORDS.get(value.strip(), value) if type(value) is str else value


# A status as staff write it: the id or its Chinese word (editor schemas list both).
StatusValue = Annotated[
    Status,
    BeforeValidator(_status_word),
    WithJsonSchema(
        {"enum": [*(s.value for s in Status), *vocabulary.STATUS_WORDS], "type": "string"}
    ),
]
# The field's description, one wording for stories, collections and activity records.
STATUS_HELP = "状态:draft(草稿)、review(待审)、published(已发布),也可直接写中文"

# An item of a list of words (tags, pseudonyms, partners).
ListText = Annotated[NonEmptyText, AfterValidator(_no_full_width_comma)]
# One audience as editors offer it: the ids or the words above (editor schemas, schema_export).
AudienceItem = Annotated[
    Audience,
    WithJsonSchema({"enum": [*(a.value for a in Audience), *AUDIENCE_WORDS], "type": "string"}),
]
# An item with a full-width comma is refused by the enum; the loader says why (validate.py).
Audiences = Annotated[list[AudienceItem], BeforeValidator(audience_words)]


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
