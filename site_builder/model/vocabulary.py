"""The Chinese words staff use for the content model's fields and audiences, in one place.

Staff type field names as YAML keys (the loader then suggests the schema's name) and offices
head their Excel ledger columns with them (the import maps each column to the field). One word
means one field wherever it is used; a nested field is written with a dot (`donations.cash`).

The audience words are what staff write for whom an activity served, in stories and logs (an
item of `audiences: [...]`) as in a ledger's 服务对象 cell; the ids are `model.common.Audience`.
"""

from __future__ import annotations

FIELD_NAMES: dict[str, str] = {
    # activity records: when and what
    "日期": "date",
    "活动日期": "date",
    "时间": "date",
    "活动时间": "date",
    "开始日期": "start",
    "开始时间": "start",
    "结束日期": "end",
    "结束时间": "end",
    "活动名称": "title",
    "活动主题": "title",
    "活动内容": "title",
    "活动项目": "title",
    "名称": "title",
    "标题": "title",
    "类别": "category",
    "活动类别": "category",
    "类型": "category",
    "活动类型": "category",
    "服务对象": "audiences",
    "对象": "audiences",
    # activity records: the figures statistics count
    "次数": "sessions",
    "场次": "sessions",
    "活动次数": "sessions",
    "活动场次": "sessions",
    # Offices head this column 人数 or 人次 alike; it is counted as person-visits either way.
    "受益人次": "beneficiaries",
    "受益人数": "beneficiaries",
    "服务人次": "beneficiaries",
    "服务人数": "beneficiaries",
    "参与人次": "beneficiaries",
    "参与人数": "beneficiaries",
    "参加人次": "beneficiaries",
    "参加人数": "beneficiaries",
    "人次": "beneficiaries",
    "人数": "beneficiaries",
    "志愿者人数": "volunteers",
    "志愿者人次": "volunteers",
    "志愿者数": "volunteers",
    "志愿者": "volunteers",
    "志愿服务人次": "volunteers",
    "志愿时长": "volunteer_hours",
    "志愿服务时长": "volunteer_hours",
    "服务时长": "volunteer_hours",
    "志愿时数": "volunteer_hours",
    "时长": "volunteer_hours",
    "捐赠现金": "donations.cash",
    "现金捐赠": "donations.cash",
    "捐赠金额": "donations.cash",
    "捐款金额": "donations.cash",
    "捐款": "donations.cash",
    "金额": "donations.cash",
    "捐赠物资折合": "donations.in_kind",
    "物资折合": "donations.in_kind",
    "物资折价": "donations.in_kind",
    "捐赠物资": "donations.in_kind",
    "物资金额": "donations.in_kind",
    # activity records: the rest
    "合作单位": "partners",
    "共建单位": "partners",
    "协办单位": "partners",
    "备注": "notes",
    "约数": "approximate",
    "是否约数": "approximate",
    "相关故事": "story",
    "关联故事": "story",
    "故事": "story",
    "照片": "photos",
    "状态": "status",
    # stories, narrators, photos
    "社区": "community",
    "讲述人": "narrator",
    "姓名": "name",
    "职务": "role",
    "标签": "tags",
    "摘要": "summary",
    "说明": "caption",
}

# Word -> the audience ids it names ("elderly", "children").
AUDIENCE_WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("老", "老人", "老年人", "老年", "一老", "长者"), ("elderly",)),
    **dict.fromkeys(
        (
            "儿童",
            "孩子",
            "小孩",
            "少儿",
            "青少年",
            "未成年",
            "未成年人",
            "学生",
            "小学生",
            "中小学生",
            "一小",
        ),
        ("children",),
    ),
    "一老一小": ("elderly", "children"),
}
# Word -> the status id (`status: 已发布`), as audiences take Chinese words.
STATUS_WORDS: dict[str, str] = {
    "草稿": "draft",
    "待审": "review",
    "待审核": "review",
    "已发布": "published",
}
# What a ledger's 服务对象 cell says when an activity served no group in particular.
GENERAL_AUDIENCE_WORDS = frozenset(
    {"无", "其他", "居民", "全体居民", "社区居民", "-", "—", "general"}
)


def field_for(word: str, allowed: list[str] | set[str]) -> str | None:
    """The field `word` names, if it is one of `allowed` (or, dotted, inside one of them)."""
    name = FIELD_NAMES.get(word)
    if name is None or name.split(".")[0] not in allowed:
        return None
    return name
