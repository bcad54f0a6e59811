"""A community (社区): its place, description and profile figures."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

from site_builder.i18n import t
from site_builder.model.common import (
    ContentModel,
    Count,
    ListText,
    NonEmptyText,
    SourcedModel,
    Text,
)

_WEB_ADDRESS = re.compile(r"https?://\S+")


def _web_address(value: str) -> str:
    """The community page links to it: only a web address, never `javascript:` or a bare name."""
    value = value.strip()
    if value and not _WEB_ADDRESS.fullmatch(value):
        raise ValueError(
            t(
                "“website” 应是以 http:// 或 https:// 开头的完整网址,如 https://www.example.cn",
                "'website' must be a full address starting with http:// or https://, "
                "such as https://www.example.cn",
            )
        )
    return value


class CommunityProfile(ContentModel):
    """Profile figures as the community reports them; every one is optional."""

    buildings: Count | None = Field(None, description="居民楼(栋)")
    households: Count | None = Field(None, description="住户(户)")
    residents: Count | None = Field(None, description="常住人口(人)")
    residents_over_60: Count | None = Field(None, description="60岁以上老人(人)")
    residents_over_70: Count | None = Field(None, description="70岁以上老人(人)")
    children: Count | None = Field(None, description="儿童(人)")
    volunteers: Count | None = Field(None, description="志愿者(人)")
    partner_units: Count | None = Field(None, description="共建单位(家)")
    year: int | None = Field(None, description="这些数字统计于哪一年")
    approximate: bool = Field(False, description="数字是约数(如“100余人”)时写 true")


class Community(SourcedModel):
    name: NonEmptyText = Field(description="社区名称,如“丰泽社区”")
    city: NonEmptyText = Field(description="所在城市,如“沈阳市”")
    district: NonEmptyText = Field(description="所在区县,如“和平区”")
    street: NonEmptyText = Field(description="所属街道,如“新华街道”")
    description: Text = Field("", description="社区简介(可用 Markdown)")
    profile: CommunityProfile = Field(CommunityProfile(), description="社区概况数字,每一项都可不填")
    office_phone: Text = Field("", description="社区办公电话(公开号码),显示在社区页上")
    website: Annotated[Text, AfterValidator(_web_address)] = Field(
        "",
        description="社区网址,以 http:// 或 https:// 开头,显示在社区页上",
        json_schema_extra={"pattern": r"^(https?://\S+)?$"},
    )
    partners: list[ListText] = Field([], description="共建单位名称")

    # Set by the loader from the file name.
    LOADER_FIELDS = frozenset({"id"})
    id: str = ""
