"""`<picture>` markup for processed photos: WebP with a JPEG fallback, sized, lazy below the fold."""

from __future__ import annotations

from typing import TYPE_CHECKING

from site_builder.i18n import t
from site_builder.model import Photo
from site_builder.output import urls
from site_builder.pages.html import e

if TYPE_CHECKING:
    from site_builder.images import ProcessedPhoto

SIZES = "(min-width: 76em) 22rem, (min-width: 45em) 45vw, 100vw"


def _srcset(processed: ProcessedPhoto, fmt: str, from_url: str) -> str:
    return ", ".join(
        f"{urls.href(from_url, urls.PHOTOS + v.name)} {v.width}w"
        for v in processed.variants
        if v.format == fmt
    )


def picture(
    photo: Photo, processed: ProcessedPhoto, from_url: str, lazy: bool = True, sizes: str = SIZES
) -> str:
    jpegs = [v for v in processed.variants if v.format == "jpeg"]
    smallest = min(jpegs, key=lambda v: v.width)
    loading = ' loading="lazy"' if lazy else ' fetchpriority="high"'
    return (
        "<picture>"
        f'<source type="image/webp" srcset="{e(_srcset(processed, "webp", from_url))}" sizes="{sizes}">'
        f'<img src="{e(urls.href(from_url, urls.PHOTOS + smallest.name))}" '
        f'srcset="{e(_srcset(processed, "jpeg", from_url))}" sizes="{sizes}" '
        f'width="{smallest.width}" height="{smallest.height}" alt="{e(photo.alt)}"'
        f'{loading} decoding="async" style="background-color:{e(processed.placeholder)}">'
        "</picture>"
    )


def caption(photo: Photo) -> str:
    parts = [e(photo.caption)] if photo.caption else []
    if photo.credit:
        parts.append(f'<span class="sb-credit">{e(t("摄影:", "Photo: "))}{e(photo.credit)}</span>')
    return " ".join(parts)


def figure(photo: Photo, processed: ProcessedPhoto, from_url: str, lazy: bool = True) -> str:
    """A photo that opens its large derivative in the lightbox."""
    largest = max((v for v in processed.variants if v.format == "jpeg"), key=lambda v: v.width)
    large_webp = max((v for v in processed.variants if v.format == "webp"), key=lambda v: v.width)
    text = caption(photo)
    label = e(t("查看大图:{alt}", "View large: {alt}", alt=photo.alt))
    return (
        '<figure class="sb-photo">'
        f'<a class="sb-lightbox" href="{e(urls.href(from_url, urls.PHOTOS + largest.name))}" '
        f'data-webp="{e(urls.href(from_url, urls.PHOTOS + large_webp.name))}" '
        f'data-width="{largest.width}" data-height="{largest.height}" aria-label="{label}">'
        f"{picture(photo, processed, from_url, lazy)}</a>"
        + (f"<figcaption>{text}</figcaption>" if text else "")
        + "</figure>"
    )


def gallery(
    items: list[tuple[Photo, ProcessedPhoto]],
    from_url: str,
    title: str = "",
    eager_first: bool = False,
) -> str:
    if not items:
        return ""
    figures = "\n".join(
        figure(photo, processed, from_url, lazy=not (eager_first and index == 0))
        for index, (photo, processed) in enumerate(items)
    )
    heading = f"<h2>{e(title)}</h2>\n" if title else ""
    label = e(title or t("照片", "Photos"))
    return f'<section class="sb-gallery" aria-label="{label}">\n{heading}{figures}\n</section>\n\n'
