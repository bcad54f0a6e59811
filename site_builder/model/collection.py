"""An editors' best-practice collection (典型采撷): a note and an ordered list of stories."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from site_builder.model.common import (
    STATUS_HELP,
    ContentModel,
    NonEmptyText,
    SourcedModel,
    Status,
    StatusValue,
    Text,
)


class CollectionEntry(ContentModel):
    story: NonEmptyText = Field(description="故事编号:content/stories/ 中的文件名(不含 .md)")
    headline: Text = Field("", description="编者标题;不填则用故事原标题")
    excerpt: Text = Field("", description="节选;填写后只刊登节选并链接全文,不填则刊登全文")


class Collection(SourcedModel):
    title: NonEmptyText = Field(description="采撷标题,如“我省守护‘朝夕美好’典型采撷”")
    subtitle: Text = Field("", description="副标题")
    date: dt.date = Field(description="刊发日期 YYYY-MM-DD;已发布且日期在将来时,到这一天才公开")
    editor: NonEmptyText = Field(description="编辑或编辑部署名")
    status: StatusValue = Field(Status.DRAFT, description=STATUS_HELP)
    summary: Text = Field("", description="一两句话的介绍,用于列表、订阅和分享卡片")
    # May be empty while a draft is put together; a published collection needs a story (checks).
    stories: list[CollectionEntry] = Field(
        description="收录的故事,按刊登顺序排列;每项写 story,可加编者标题 headline 与节选 excerpt"
    )

    LOADER_FIELDS = frozenset({"slug", "body"})
    slug: str = ""
    body: str = ""  # the editor's note (编者按), Markdown
