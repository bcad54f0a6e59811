"""What derivatives to make, and the identity that names them in the cache."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from site_builder.i18n import t

# Bump whenever derive.py would write different pixels or bytes for the same settings
# (filter, encoder options, colour handling): every cached derivative is then recomputed.
PIPELINE_VERSION = 2


@dataclass(frozen=True)
class Recipe:
    widths: tuple[int, ...] = (480, 960, 1600)
    jpeg_quality: int = 82
    webp_quality: int = 78
    max_pixels: int = 64_000_000
    pipeline: int = PIPELINE_VERSION

    def __post_init__(self) -> None:
        if not self.widths or any(w < 1 for w in self.widths):
            raise ValueError(
                t("图片宽度须为正整数：{w}", "image widths must be positive: {w}", w=self.widths)
            )
        for name in ("jpeg_quality", "webp_quality"):
            if not 1 <= getattr(self, name) <= 100:
                raise ValueError(t("{n} 须在 1–100 之间", "{n} must be within 1..100", n=name))
        if self.max_pixels < 1:
            raise ValueError(t("max_pixels 须为正数", "max_pixels must be positive"))

    def fingerprint(self) -> str:
        widths = ",".join(str(w) for w in sorted(set(self.widths)))
        return (
            f"images-v{self.pipeline};widths={widths};jpeg={self.jpeg_quality};"
            f"webp={self.webp_quality};max_pixels={self.max_pixels}"
        )


def photo_key(data: bytes, recipe: Recipe) -> str:
    """The cache key of a source: changes with its bytes, the settings and the code version."""
    digest = hashlib.sha256(data)
    digest.update(recipe.fingerprint().encode())
    return digest.hexdigest()[:16]
