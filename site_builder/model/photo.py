"""A photo attached to a story or an activity record, with who is in it and their consent."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import model_validator

from site_builder.i18n import t
from site_builder.model.common import ContentModel, NonEmptyText, Text


class PersonKind(str, Enum):
    MINOR = "minor"
    ELDERLY = "elderly"
    ADULT = "adult"


class ConsentGiver(str, Enum):
    SELF = "self"
    GUARDIAN = "guardian"
    FAMILY = "family"


class Consent(ContentModel):
    """Consent recorded for publishing a photo of people.

    Only the kind of person who consented, the date and a reference to the paper form are
    kept here: names of the people consenting never enter the content.
    """

    given_by: ConsentGiver
    date: dt.date
    reference: Text = ""
    withdrawn: bool = False


class Photo(ContentModel):
    file: NonEmptyText
    alt: NonEmptyText
    caption: Text = ""
    date: dt.date | None = None
    credit: Text = ""
    people: list[PersonKind] = []
    consent: Consent | None = None

    @model_validator(mode="after")
    def _people_unique(self) -> Photo:
        if len(set(self.people)) != len(self.people):
            raise ValueError(t("people 中有重复项", "people lists a kind twice"))
        return self
