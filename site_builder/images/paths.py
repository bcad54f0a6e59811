"""Find a photo named in the content, refusing any path that would read outside `content/`."""

from __future__ import annotations

import os
from pathlib import Path, PureWindowsPath

from site_builder.i18n import t
from site_builder.images.errors import ImageError


def resolve_photo(content_dir: Path, base_dir: Path, file: str) -> Path:
    """The real path of `file`, written relative to `base_dir` (the folder of the story).

    Photos may only come from inside `content_dir`: otherwise a story could publish any file
    on the build machine. Symlinks are followed, and refused when they lead outside.
    """
    if Path(file).is_absolute() or PureWindowsPath(file).anchor:
        raise ImageError(
            t(
                "照片路径 {file} 是绝对路径：请写成相对于故事文件的路径",
                "photo path {file} is absolute: write it relative to the story file",
                file=file,
            ),
            "absolute",
        )
    root = Path(os.path.abspath(content_dir))
    # Lexical check first: `..` is refused even when the target happens to exist.
    candidate = Path(os.path.abspath(base_dir / file))
    if not candidate.is_relative_to(root):
        raise ImageError(
            t(
                "照片路径 {file} 用 .. 指到了 content/ 之外",
                "photo path {file} uses .. to leave content/",
                file=file,
            ),
            "outside",
        )
    real = candidate.resolve()
    if not real.is_relative_to(root.resolve()):
        raise ImageError(
            t(
                "照片 {file} 是指向 content/ 之外的符号链接",
                "photo {file} is a symbolic link that leads outside content/",
                file=file,
            ),
            "symlink",
        )
    if not real.is_file():
        raise ImageError(
            t(
                "找不到照片 {file}（在 {folder} 中查找）",
                "photo {file} not found (looked in {folder})",
                file=file,
                folder=base_dir.as_posix(),
            ),
            "missing",
        )
    return real
