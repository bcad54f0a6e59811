"""A story (故事): a first-person account by a community worker, in Markdown."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from site_builder.model.common import (
    STATUS_HELP,
    Audiences,
    ContentModel,
    ListText,
    NonEmptyText,
    SourcedModel,
    Status,
    StatusValue,
    Text,
)
from site_builder.model.photo import Photo


class Narrator(ContentModel):
    name: NonEmptyText = Field(description="讲述人姓名,如“王孝军”")
    role: NonEmptyText = Field(description="讲述人职务,如“丰泽社区党委书记、居委会主任”")


class Story(SourcedModel):
    title: NonEmptyText = Field(description="故事标题")
    date: dt.date = Field(
        description="发布日期 YYYY-MM-DD;status 为 published 且日期在将来时,到这一天才公开"
    )
    community: NonEmptyText = Field(
        description="社区编号:content/communities/ 中的文件名,如 fengze"
    )
    narrator: Narrator = Field(description="讲述人:姓名 name 与职务 role")
    audiences: Audiences = Field(
        [], description="服务对象:elderly(一老)、children(一小),也可写 老人、儿童、一老一小;可不填"
    )
    tags: list[ListText] = Field([], description="标签,如 [志愿服务, 适老化改造]")
    summary: Text = Field("", description="一两句话的摘要,用于列表、订阅和分享卡片")
    status: StatusValue = Field(Status.DRAFT, description=STATUS_HELP)
    updated: dt.date | None = Field(None, description="最近一次修改内容的日期,可不填")
    cover: Text = Field("", description="封面照片:photos 中某张照片的 file,不填则用第一张")
    photos: list[Photo] = Field([], description="照片列表;正文中不能直接插图")
    pseudonyms: list[ListText] = Field([], description="正文中用到的化名;第一次出现时应注明(化名)")
    acknowledged_terms: list[ListText] = Field(
        [], description="已确认可以公开的涉及健康或困境的词语(见 site.yml 的 sensitive_terms)"
    )
    acknowledged_names: list[ListText] = Field(
        [], description="正文中已确认可以公开的真实姓名(本人同意署名,或公众人物);不写化名"
    )

    # Set by the loader: the file name is the slug, the rest of the file the body.
    LOADER_FIELDS = frozenset({"slug", "body"})
    slug: str = ""
    body: str = ""

    @property
    def cover_photo(self) -> Photo | None:
        for photo in self.photos:
            if photo.file == self.cover:
                return photo
        return self.photos[0] if self.photos else None
