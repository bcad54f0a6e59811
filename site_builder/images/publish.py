"""Put a photo's derivatives into the output tree; the original never goes there."""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

from site_builder.i18n import t
from site_builder.images.errors import ImageError
from site_builder.images.photo import ProcessedPhoto


def copy_variants(photo: ProcessedPhoto, cache_dir: Path, out_dir: Path) -> None:
    """Hard-link (or copy, across file systems) each variant file from the cache to `out_dir`.

    A file already there with the same content is left alone, so republishing an unchanged
    site rewrites nothing. Each file appears under its final name in one atomic step.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    for variant in photo.variants:
        source = cache_dir / photo.key / variant.name
        target = out_dir / variant.name
        if not source.is_file():
            raise ImageError(
                t(
                    "图片缓存缺少 {name}：请重新构建（缓存可能被部分删除）",
                    "the image cache lacks {name}: build again (the cache was partly deleted)",
                    name=source,
                ),
                "cache_missing",
            )
        if _same_content(source, target):
            continue
        temp = target.with_name(f".{variant.name}.{os.getpid()}.tmp")
        try:
            os.link(source, temp)
        except OSError:
            # Another file system, or one without hard links.
            shutil.copyfile(source, temp)
        os.replace(temp, target)


def _same_content(source: Path, target: Path) -> bool:
    if not target.is_file():
        return False
    return os.path.samefile(source, target) or filecmp.cmp(source, target, shallow=False)
