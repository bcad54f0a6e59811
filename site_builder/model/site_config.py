"""The site's own settings, read from `content/site.yml`."""

from __future__ import annotations

from pydantic import Field

from site_builder.i18n import language
from site_builder.model.common import ContentModel, NonEmptyText, SourcedModel, Text


class Label(ContentModel):
    zh: NonEmptyText
    en: Text = ""

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
    allowed_numbers: list[Text] = ["110", "119", "120", "122", "12345", "12349", "12315"]
    # Terms that point at health or hardship: a story using one must acknowledge it.
    sensitive_terms: list[NonEmptyText] = []
    # A private list of real names that must never be published; never copied to the site.
    real_names_file: Text = ""


class ImageConfig(ContentModel):
    widths: list[int] = [480, 960, 1600]
    max_pixels: int = Field(default=64_000_000, gt=0)
    jpeg_quality: int = Field(default=82, ge=30, le=100)
    webp_quality: int = Field(default=78, ge=30, le=100)


class SiteConfig(SourcedModel):
    title: NonEmptyText
    description: Text = ""
    url: Text = ""
    language: Text = "zh"
    stories_per_page: int = Field(default=10, ge=1, le=200)
    categories: dict[str, Label] = DEFAULT_CATEGORIES
    privacy: PrivacyConfig = PrivacyConfig()
    images: ImageConfig = ImageConfig()

    def category_label(self, category: str) -> str:
        label = self.categories.get(category)
        return str(label) if label else category
