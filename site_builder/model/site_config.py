"""The site's own settings, read from `content/site.yml`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from site_builder.i18n import language
from site_builder.model.common import ContentModel, NonEmptyText, SourcedModel, Text


class Label(ContentModel):
    zh: NonEmptyText = Field(description="中文名称")
    en: Text = Field("", description="英文名称")

    def __str__(self) -> str:
        return self.en if language() == "en" and self.en else self.zh


DEFAULT_CATEGORIES = {
    "health": Label(zh="健康服务", en="Health"),
    "education": Label(zh="教育辅导", en="Education"),
    "culture": Label(zh="文化活动", en="Culture"),
    "volunteer_service": Label(zh="志愿服务", en="Volunteer service"),
    "care": Label(zh="关爱帮扶", en="Care and assistance"),
    "renovation": Label(zh="环境改造", en="Renovation"),
    "donation": Label(zh="捐赠救助", en="Donations"),
    "governance": Label(zh="社区治理", en="Governance"),
}


class PrivacyConfig(ContentModel):
    # Public service lines and published office numbers that are not personal data.
    allowed_numbers: list[Text] = Field(
        ["110", "119", "120", "122", "12345", "12349", "12315"],
        description="可以出现在正文中的公共服务号码和公开的办公电话",
    )
    # Terms that point at health or hardship: a story using one must acknowledge it.
    sensitive_terms: list[NonEmptyText] = Field(
        [], description="涉及健康或困境的词语;故事用到时须在 acknowledged_terms 中确认"
    )
    # A private list of real names that must never be published; never copied to the site.
    real_names_file: Text = Field(
        "", description="不得公开的真实姓名名单文件(相对项目目录),只在构建时读取"
    )


# A `distributed` scheduler's address, as its log prints it.
SCHEDULER_PATTERN = r"^(tcp|tls|ws|wss|inproc)://\S+$"
# A bucket and prefix on S3-compatible storage, or (no scheme) a folder.
STORAGE_PATTERN = r"^$|^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/\S*)?$|^[^:]*$"


class ImageConfig(ContentModel):
    widths: list[int] = Field([480, 960, 1600], description="生成的图片宽度(像素)")
    max_pixels: int = Field(default=64_000_000, gt=0, description="单张照片的最大像素数")
    jpeg_quality: int = Field(default=82, ge=30, le=100, description="JPEG 质量(30–100)")
    webp_quality: int = Field(default=78, ge=30, le=100, description="WebP 质量(30–100)")
    executor: Literal["local", "dask"] = Field(
        "local", description="照片在哪里处理:local 为本机多进程;dask 为 Dask 集群(需填 scheduler)"
    )
    scheduler: Text = Field(
        "",
        pattern="^$|" + SCHEDULER_PATTERN,
        description="Dask 调度器地址,如 tcp://10.0.0.5:8786;命令行 --scheduler 优先",
    )
    cache: Text = Field(
        "",
        pattern=STORAGE_PATTERN,
        description="图片缓存位置:留空为 .cache/images;可写相对项目目录的文件夹,或 s3://桶名/前缀",
    )
    originals: Text = Field(
        "",
        pattern=STORAGE_PATTERN,
        description="集群工作节点从哪里读取 content/ 中的原图:留空为本机的 content/ 文件夹"
        "(共享盘上同一路径);或 s3://桶名/前缀(content/ 的同步副本)",
    )


class StorageConfig(ContentModel):
    # Only where the object storage is: keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
    # in the environment, never from a file that is committed with the content.
    endpoint_url: Text = Field(
        "",
        pattern=r"^$|^https?://\S+$",
        description="S3 兼容对象存储的接入地址,如 https://oss-cn-hangzhou.aliyuncs.com;"
        "留空为 AWS 或环境变量 AWS_ENDPOINT_URL。密钥只从环境变量读取,不写在这里",
    )
    region: Text = Field("", description="对象存储的地域,如 cn-hangzhou;多数服务可留空")


# The engines that render the compiled tree (render/build.py); the first is the default.
ENGINE_NAMES = ("mkdocs", "zensical")
EngineName = Literal["mkdocs", "zensical"]


class SiteConfig(SourcedModel):
    title: NonEmptyText = Field(description="网站名称")
    description: Text = Field("", description="网站简介,显示在首页和分享卡片上")
    url: Text = Field(
        "", description="网站的正式网址,如 https://stories.example.org/;订阅源和分享卡片用它"
    )
    language: Text = Field("zh", description="网站语言:zh 或 en")
    engine: EngineName = Field(
        "mkdocs",
        description="渲染网站的引擎:mkdocs(MkDocs + Material,默认)或 zensical"
        "(Material 的后继);命令行 --engine 优先",
    )
    stories_per_page: int = Field(default=10, ge=1, le=200, description="故事列表每页篇数")
    categories: dict[str, Label] = Field(
        DEFAULT_CATEGORIES,
        description="活动类别词表:编号: {zh: 中文名, en: 英文名};活动台账的 category 只能取这些编号",
    )
    privacy: PrivacyConfig = Field(PrivacyConfig(), description="隐私规则")
    images: ImageConfig = Field(ImageConfig(), description="图片尺寸、质量、处理位置与缓存位置")
    storage: StorageConfig = Field(StorageConfig(), description="S3 兼容对象存储的接入设置")

    def category_label(self, category: str) -> str:
        label = self.categories.get(category)
        return str(label) if label else category
