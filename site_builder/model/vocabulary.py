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


# The Chinese label of each field, as a form shows it (the web editor, site_builder/editor/):
# by field name, or `Model.field` where one name means different things in two models.
FIELD_LABELS: dict[str, str] = {
    "title": "标题",
    "date": "日期",
    "community": "社区",
    "narrator": "讲述人",
    "name": "姓名",
    "role": "职务",
    "audiences": "服务对象",
    "tags": "标签",
    "summary": "摘要",
    "status": "状态",
    "updated": "修改日期",
    "cover": "封面照片",
    "photos": "照片",
    "pseudonyms": "化名",
    "acknowledged_terms": "已确认可公开的敏感词",
    "slug": "文件名",
    "body": "正文",
    "file": "照片文件",
    "alt": "替代文字",
    "caption": "图片说明",
    "credit": "摄影或来源",
    "people": "照片中可辨认的人",
    "consent": "肖像使用同意",
    "given_by": "签署人",
    "reference": "同意书编号或存放处",
    "withdrawn": "已撤回同意",
    "Photo.date": "拍摄日期",
    "Consent.date": "签署日期",
    "Community.name": "社区名称",
    "id": "社区编号",
    "city": "城市",
    "district": "区县",
    "street": "街道",
    "description": "简介",
    "profile": "社区概况",
    "office_phone": "办公电话",
    "website": "网址",
    "partners": "合作单位",
    "Community.partners": "共建单位",
    "buildings": "居民楼(栋)",
    "households": "住户(户)",
    "residents": "常住人口(人)",
    "residents_over_60": "60岁以上老人(人)",
    "residents_over_70": "70岁以上老人(人)",
    "children": "儿童(人)",
    "CommunityProfile.volunteers": "志愿者(人)",
    "partner_units": "共建单位(家)",
    "year": "统计年份",
    "approximate": "约数",
    "activities": "活动记录",
    "ActivityRecord.date": "活动日期",
    "ActivityRecord.title": "活动名称",
    "start": "开始日期",
    "end": "结束日期",
    "category": "活动类别",
    "sessions": "场次",
    "beneficiaries": "受益人次",
    "volunteers": "志愿者人次",
    "volunteer_hours": "志愿服务时长(小时)",
    "donations": "捐赠",
    "cash": "现金捐赠(元)",
    "in_kind": "物资折合(元)",
    "story": "相关故事",
    "private": "只计入内部台账",
    "notes": "内部备注",
    "subtitle": "副标题",
    "editor": "编辑署名",
    "stories": "收录的故事",
    "CollectionEntry.story": "故事编号",
    "headline": "编者标题",
    "excerpt": "节选",
    "Collection.body": "编者按",
    "SiteConfig.title": "网站名称",
    "SiteConfig.description": "网站简介",
    "url": "网站网址",
    "language": "网站语言",
    "engine": "渲染引擎",
    "stories_per_page": "故事列表每页篇数",
    "categories": "活动类别词表",
    "privacy": "隐私规则",
    "images": "图片设置",
    "storage": "对象存储",
    "zh": "中文名称",
    "en": "英文名称",
    "allowed_numbers": "可以公开的号码",
    "sensitive_terms": "敏感词",
    "real_names_file": "真实姓名名单文件",
    "widths": "图片宽度(像素)",
    "max_pixels": "单张照片最大像素数",
    "jpeg_quality": "JPEG 质量",
    "webp_quality": "WebP 质量",
    "executor": "照片处理位置",
    "scheduler": "Dask 调度器地址",
    "cache": "图片缓存位置",
    "originals": "原图位置",
    "endpoint_url": "对象存储接入地址",
    "region": "对象存储地域",
}

# The Chinese label of each choice a field offers (statuses, audiences, people in a photo, who
# gave consent, figures written as approximate, engines), by the value written in the file.
CHOICE_LABELS: dict[str, str] = {
    "draft": "草稿",
    "review": "待审",
    "published": "发布",
    "elderly": "老人(一老)",
    "children": "儿童(一小)",
    "minor": "未成年人",
    "adult": "成年人",
    "self": "本人",
    "guardian": "监护人",
    "family": "家属",
    "sessions": "场次",
    "beneficiaries": "受益人次",
    "volunteers": "志愿者人次",
    "volunteer_hours": "志愿服务时长",
    "cash": "现金捐赠",
    "in_kind": "物资折合",
    "mkdocs": "MkDocs + Material(默认)",
    "zensical": "Zensical",
    "local": "本机",
    "dask": "Dask 集群",
}


def field_label(model: str, field: str) -> str | None:
    """The Chinese label of `field` of the model class named `model`, if one is written here."""
    return FIELD_LABELS.get(f"{model}.{field}") or FIELD_LABELS.get(field)
