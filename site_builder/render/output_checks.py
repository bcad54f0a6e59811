"""Checks over the rendered site, before it is published: run by the render stage for every engine.

A failed check leaves the staged site unpublished (render/build.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from site_builder.compiler import CompileResult
from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.images import find_metadata
from site_builder.project import Project


def check_published_images(project: Project, out_dir: Path, diagnostics: Diagnostics) -> None:
    """Re-open every image in the rendered site: nothing may carry metadata or be an original."""
    originals: dict[int, list[Path]] = {}
    for path in project.content_dir.rglob("*"):
        if path.is_file() and path.suffix.lower() in _IMAGE_SUFFIXES:
            originals.setdefault(path.stat().st_size, []).append(path)
    for path in sorted(out_dir.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in _IMAGE_SUFFIXES:
            continue
        rel = path.relative_to(out_dir).as_posix()
        for original in originals.get(path.stat().st_size, []):
            if original.read_bytes() != path.read_bytes():
                continue
            diagnostics.error(
                f"site/{rel}",
                1,
                1,
                t(
                    "原始照片 {src} 被原样复制到网站中",
                    "the original photo {src} was copied into the site as is",
                    src=project.relative(original),
                ),
            )
        for problem in find_metadata(path):
            diagnostics.error(
                f"site/{rel}",
                1,
                1,
                t("发布的图片带有元数据:{p}", "a published image carries metadata: {p}", p=problem),
            )


_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".heic", ".avif"}


# Checks over the rendered output before it is published (e.g. image metadata).
OutputCheck = Callable[[Project, Path, CompileResult, Diagnostics], None]


def _published_images(
    project: Project, out_dir: Path, _: CompileResult, diagnostics: Diagnostics
) -> None:
    check_published_images(project, out_dir, diagnostics)


OUTPUT_CHECKS: list[OutputCheck] = [_published_images]
