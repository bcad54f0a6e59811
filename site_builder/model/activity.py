"""Activity records (活动台账): what a community did, with the figures statistics count."""

from __future__ import annotations

import datetime as dt

from pydantic import model_validator

from site_builder.i18n import t
from site_builder.model.common import (
    Amount,
    Audience,
    ContentModel,
    Count,
    NonEmptyText,
    SourcedModel,
    Status,
    Text,
)
from site_builder.model.photo import Photo


class Donations(ContentModel):
    cash: Amount = 0  # yuan
    in_kind: Amount = 0  # value of goods, yuan


class ActivityRecord(ContentModel):
    """One activity, or a repeated one (`sessions` > 1) reported as a single line."""

    date: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    title: NonEmptyText
    category: NonEmptyText
    audiences: list[Audience] = []
    sessions: Count = 1
    beneficiaries: Count = 0  # person-visits (人次), not people
    volunteers: Count = 0  # volunteer person-times
    volunteer_hours: Amount = 0
    donations: Donations = Donations()
    partners: list[NonEmptyText] = []
    story: Text = ""
    approximate: bool = False  # figures reported as "1000余": at least this many
    photos: list[Photo] = []
    status: Status = Status.PUBLISHED
    private: bool = False
    notes: Text = ""  # for staff only; never published

    @model_validator(mode="after")
    def _dates(self) -> ActivityRecord:
        if self.date is None and self.start is None:
            raise ValueError(t("需要 date,或 start 与 end", "needs a date, or start and end"))
        if self.date is not None and (self.start is not None or self.end is not None):
            raise ValueError(
                t("date 与 start/end 只能二选一", "give either date or start/end, not both")
            )
        if self.start is not None and self.end is None:
            raise ValueError(t("有 start 时也需要 end", "start needs an end"))
        if self.start is None and self.end is not None:
            raise ValueError(t("有 end 时也需要 start", "end needs a start"))
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(
                t(
                    "结束日期 {end} 早于开始日期 {start}",
                    "end {end} is before start {start}",
                    end=self.end,
                    start=self.start,
                )
            )
        return self

    @property
    def first_day(self) -> dt.date:
        day = self.date or self.start
        assert day is not None
        return day

    @property
    def last_day(self) -> dt.date:
        day = self.date or self.end
        assert day is not None
        return day


class ActivityLog(SourcedModel):
    """A community's activity log for one year: `content/activities/<community>/<year>.yml`."""

    activities: list[ActivityRecord] = []

    # Set by the loader from the path.
    LOADER_FIELDS = frozenset({"community", "year"})
    community: str = ""
    year: int = 0
