"""Sharing a page: its image for link previews (Open Graph), and its address as a QR code.

Readers here share pages in WeChat, which opens a link from a scanned QR code; the code is drawn
at build time (segno, inline SVG) so no page loads a script or an image from elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import segno
from markupsafe import Markup, escape

from site_builder.i18n import t
from site_builder.model import Photo, Story
from site_builder.output import urls
from site_builder.output.context import CompileContext

if TYPE_CHECKING:
    from site_builder.images import ProcessedPhoto


def image_meta(photo: Photo, processed: ProcessedPhoto) -> dict[str, object]:
    """Front-matter keys of a sharing image: the photo's largest JPEG, its size and alt text."""
    largest = max((v for v in processed.variants if v.format == "jpeg"), key=lambda v: v.width)
    return {
        "og_image": urls.PHOTOS + largest.name,
        "og_image_width": largest.width,
        "og_image_height": largest.height,
        "og_image_alt": photo.alt,
    }


def story_image(ctx: CompileContext, story: Story) -> dict[str, object]:
    """The story's cover as its sharing image; empty when it has none."""
    cover = story.cover_photo
    processed = ctx.photos.get((story.source.path, cover.file)) if cover else None
    if cover is None or processed is None:
        return {}
    return image_meta(cover, processed)


def site_image(ctx: CompileContext) -> dict[str, object]:
    """The sharing image of pages without one of their own (home, gallery): the newest cover."""
    for story in ctx.selection.stories:
        found = story_image(ctx, story)
        if found:
            return found
    return {}


def page_address(ctx: CompileContext, url: str) -> str:
    """The page's full web address, or '' when site.yml gives the site no `url`."""
    return ctx.config.url.rstrip("/") + "/" + url if ctx.config.url else ""


def qr_svg(address: str) -> Markup:
    """`address` as a QR code, inline SVG that scales to its box (black on white, any theme)."""
    code = segno.make_qr(address, error="m")
    svg = code.svg_inline(
        scale=1, border=4, dark="#000", light="#fff", omitsize=True, svgclass="sb-qr"
    )
    label = escape(t("本页网址的二维码", "QR code of this page's address"))
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


def share_inputs(ctx: CompileContext, url: str) -> dict[str, object]:
    """What `common.share` is given for the page at `url`: nothing without a site address.

    The address alone: the template draws its QR code (the `qr_svg` filter), so a page kept
    by its inputs (stories.py) is not drawn again (5 ms a page) to make its key."""
    return {"share_address": page_address(ctx, url)}
