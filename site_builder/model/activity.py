"""Activity records (活动台账): what a community did, with the figures statistics count."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import (
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from site_builder.i18n import choices, t
from site_builder.messages import unknown_story
from site_builder.model.common import (
    STATUS_HELP,
    Amount,
    AudienceItem,
    ContentModel,
    Count,
    ListText,
    NonEmptyText,
    SourcedModel,
    Status,
    StatusValue,
    Text,
    audience_words,
    written_with_ids,
)
from site_builder.model.photo import Photo


def _given(field: str) -> dict[str, Any]:
    """JSON Schema for "`field` is written with a value" (null counts as not written)."""
    return {"required": [field], "properties": {field: {"not": {"type": "null"}}}}


class Figure(StrEnum):
    """A figure of a record that statistics count, by the name `approximate: [...]` lists it."""

    SESSIONS = "sessions"
    BENEFICIARIES = "beneficiaries"
    VOLUNTEERS = "volunteers"
    VOLUNTEER_HOURS = "volunteer_hours"
    CASH = "cash"
    IN_KIND = "in_kind"


FIGURES = tuple(figure.value for figure in Figure)
_FLAG = TypeAdapter(bool)


class Donations(ContentModel):
    cash: Amount = Field(0, description="现金捐赠(元)")
    in_kind: Amount = Field(0, description="物资捐赠折合金额(元)")


_NO_DONATIONS = Donations.model_construct()


class ActivityRecord(ContentModel):
    """One activity, or a repeated one (`sessions` > 1) reported as a single line."""

    # The rule of `_dates`, for editors: a date, or start and end, never both.
    # Defaults are not validated again (ContentModel validates them): each is already what
    # its validators return (None, "", 0, False, Status.PUBLISHED, the shared zero
    # Donations, a new empty list), and validating them cost seven validator calls for every
    # record, four of them in Python. Not so `volunteer_hours`, whose 0 validates to 0.0.
    model_config = ConfigDict(
        validate_default=False,
        json_schema_extra={
            "oneOf": [
                {**_given("date"), "not": {"anyOf": [_given("start"), _given("end")]}},
                {"allOf": [_given("start"), _given("end")], "not": _given("date")},
            ]
        },
    )

    date: dt.date | None = Field(
        None, description="活动日期 YYYY-MM-DD;持续多日的活动改写 start 与 end"
    )
    start: dt.date | None = Field(None, description="开始日期(与 end 一起使用,不写 date)")
    end: dt.date | None = Field(None, description="结束日期")
    title: NonEmptyText = Field(description="活动名称")
    category: NonEmptyText = Field(
        description="活动类别:只能取 content/site.yml 中 categories 列出的编号,如 health、culture"
    )
    # Chinese words are read by ActivityLog for all records at once (cheaper than per record).
    audiences: list[AudienceItem] = Field(
        default_factory=list,
        description="服务对象:elderly(一老)、children(一小),也可写 老人、儿童、一老一小;可不填",
        json_schema_extra={"default": []},
    )
    sessions: Count = Field(1, description="场次:重复举办的活动合并成一条时填写次数")
    beneficiaries: Count = Field(0, description="受益人次(人次,不是人数)")
    volunteers: Count = Field(0, description="志愿者人次")
    volunteer_hours: Amount = Field(0, description="志愿服务时长(小时)", validate_default=True)
    # Factories, not `Donations()` or `[]`: pydantic deep-copies a mutable default for every
    # record, which cost seconds over 100 000 records. The schema still shows the defaults.
    # Records without donations share one zero `Donations` (nothing changes a loaded record):
    # `model_construct` for each record was a third of their validation.
    donations: Donations = Field(
        default_factory=lambda: _NO_DONATIONS,
        description="捐赠:现金 cash 与物资折价 in_kind(元)",
        json_schema_extra={"default": {"cash": 0.0, "in_kind": 0.0}},
    )
    partners: list[ListText] = Field(
        default_factory=list, description="合作单位", json_schema_extra={"default": []}
    )
    story: Text = Field("", description="相关故事的编号(content/stories/ 中的文件名),可不填")
    approximate: bool | list[Figure] = Field(
        False,
        description=(
            "约数:本条所有数字都是约数时写 true;只有某几项是约数(如“30余人次”)时列出它们,"
            "如 [beneficiaries],可选 " + "、".join(FIGURES)
        ),
    )
    photos: list[Photo] = Field(
        default_factory=list, description="活动照片", json_schema_extra={"default": []}
    )
    status: StatusValue = Field(Status.PUBLISHED, description=STATUS_HELP)
    private: bool = Field(False, description="true 表示只计入内部台账,从不公开")
    notes: Text = Field("", description="内部备注,从不公开")

    # The loader passes the site's vocabulary and the log's year as validation context, so
    # these errors come out in the same pass, at the field, with the schema's other errors.
    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str, info: ValidationInfo) -> str:
        categories = (info.context or {}).get("categories")
        if categories is not None and value not in categories:
            allowed = choices(f"{key}({label})" for key, label in categories.items())
            raise ValueError(
                t(
                    "未知类别 “{value}”,可选:{allowed}",
                    "unknown category '{value}'; allowed: {allowed}",
                    value=value,
                    allowed=allowed,
                )
            )
        return value

    # Cached logs skip this, so checks/references.py checks story references on every build too.
    @field_validator("story")
    @classmethod
    def _known_story(cls, value: str, info: ValidationInfo) -> str:
        stories = (info.context or {}).get("stories")
        if stories is not None and value and value not in stories:
            raise ValueError(unknown_story(value))
        return value

    # A record spanning years (a cumulative figure) may start before its file's year; its end
    # then reaches into that year (`_not_before_start`).
    @field_validator("date", "start")
    @classmethod
    def _in_file_year(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        year = (info.context or {}).get("year")
        if value is None or year is None or value.year == year:
            return value
        if info.field_name == "start" and value.year < year:
            return value  # a span from an earlier year: `end` must reach this one
        raise ValueError(
            t(
                "日期 {day} 不在本文件的年份 {year} 内",
                "date {day} is outside this file's year {year}",
                day=value,
                year=year,
            )
        )

    # One message for a bad value, instead of one per member of the union.
    @field_validator("approximate", mode="before")
    @classmethod
    def _approximate_form(cls, value: Any) -> bool | list[Figure]:
        if isinstance(value, list):
            unknown = [item for item in value if item not in FIGURES]
            if unknown:
                raise ValueError(
                    t(
                        "约数项 “{item}” 不可用,可选:{allowed}",
                        "'{item}' cannot be listed as approximate; choose from: {allowed}",
                        item=unknown[0],
                        allowed=choices(FIGURES),
                    )
                )
            return [Figure(item) for item in value]
        try:
            return _FLAG.validate_python(value)
        except ValidationError:
            raise ValueError(
                t(
                    "“approximate” 应是 true、false,或约数项的列表,如 [beneficiaries]",
                    "'approximate' must be true, false or a list of figures such as "
                    "[beneficiaries]",
                )
            ) from None

    def approximate_figures(self) -> frozenset[str]:
        """The figures written as approximate: all of them for `approximate: true`."""
        if self.approximate is True:
            return frozenset(FIGURES)
        if not self.approximate:
            return frozenset()
        return frozenset(figure.value for figure in self.approximate)

    # A field validator, not part of `_dates`, so the error stands at the `end` line.
    @field_validator("end")
    @classmethod
    def _not_before_start(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("start")
        if value is not None and start is not None and value < start:
            raise ValueError(
                t(
                    "结束日期 {end} 早于开始日期 {start}",
                    "end {end} is before start {start}",
                    end=value,
                    start=start,
                )
            )
        year = (info.context or {}).get("year")
        if value is not None and start is not None and year is not None and value.year < year:
            raise ValueError(
                t(
                    "起止日期 {start} 至 {end} 不含本文件的年份 {year}",
                    "{start} to {end} does not reach into this file's year {year}",
                    start=start,
                    end=value,
                    year=year,
                )
            )
        return value

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

    activities: list[ActivityRecord] = Field([], description="本年度的活动记录,每条以 - 开头")

    @field_validator("activities", mode="before")
    @classmethod
    def _audience_words(cls, records: Any) -> Any:
        """`audiences: [老人, 一老一小]` read as in stories, one pass over the records.

        The parsed document is left as written: a changed record is a copy.
        """
        if type(records) is not list:
            return records
        written = records
        for index, record in enumerate(written):
            if type(record) is not dict:
                continue
            given = record.get("audiences")
            if given and not written_with_ids(given):
                if records is written:
                    records = list(written)
                records[index] = {**record, "audiences": audience_words(given)}
        return records

    # Set by the loader from the path.
    LOADER_FIELDS = frozenset({"community", "year"})
    community: str = ""
    year: int = 0
