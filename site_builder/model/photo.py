"""A photo attached to a story or an activity record, with who is in it and their consent."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, model_validator

from site_builder.i18n import t
from site_builder.model.common import ContentModel, NonEmptyText, Text


class PersonKind(StrEnum):
    MINOR = "minor"
    ELDERLY = "elderly"
    ADULT = "adult"


class ConsentGiver(StrEnum):
    SELF = "self"
    GUARDIAN = "guardian"
    FAMILY = "family"


class Consent(ContentModel):
    """Consent recorded for publishing a photo of people.

    Only the kind of person who consented, the date and a reference to the paper form are
    kept here: names of the people consenting never enter the content.
    """

    given_by: ConsentGiver = Field(
        description="谁签的同意书:self(本人)、guardian(监护人,未成年人必须)、family(家属)"
    )
    date: dt.date = Field(description="签署日期 YYYY-MM-DD")
    reference: Text = Field("", description="纸质同意书的编号或存放处;不写任何人的姓名")
    withdrawn: bool = Field(False, description="已撤回同意时写 true,照片将不再发布")


class Photo(ContentModel):
    file: NonEmptyText = Field(description="照片文件名,与本文件放在同一文件夹")
    alt: NonEmptyText = Field(description="替代文字:为看不到图片的读者描述照片内容")
    caption: Text = Field("", description="图片说明")
    date: dt.date | None = Field(None, description="拍摄日期 YYYY-MM-DD")
    credit: Text = Field("", description="摄影者或来源")
    people: list[PersonKind] = Field(
        [],
        description="照片中可辨认的人:minor(未成年人)、elderly(老人)、adult(成年人)",
        json_schema_extra={"uniqueItems": True},
    )
    consent: Consent | None = Field(None, description="照片中有可辨认的人时,记录的肖像使用同意")

    @model_validator(mode="after")
    def _people_unique(self) -> Photo:
        if len(set(self.people)) != len(self.people):
            raise ValueError(t("people 中有重复项", "people lists a kind twice"))
        return self
