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
    _check_written(file)
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
    listed = _listed_name(candidate)
    if listed is not None and listed != candidate.name:
        raise ImageError(
            t(
                "照片 {file} 的大小写与文件不同:文件名是 {listed}。网站服务器区分大小写,请写成一样",
                "photo {file} differs in case from the file, {listed}: web servers tell "
                "them apart, write it the same",
                file=file,
                listed=listed,
            ),
            "case",
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


def _check_written(file: str) -> None:
    """How the path is written, before it is looked up: relative, with forward slashes."""
    if Path(file).is_absolute() or PureWindowsPath(file).anchor:
        raise ImageError(
            t(
                "照片路径 {file} 是绝对路径：请写成相对于故事文件的路径",
                "photo path {file} is absolute: write it relative to the story file",
                file=file,
            ),
            "absolute",
        )
    if "\\" in file:
        raise ImageError(
            t(
                "照片路径 {file} 用了反斜杠 \\(Windows 的写法):请改成正斜杠 /,如 {fixed}",
                "photo path {file} uses backslashes (Windows style): write / instead, as {fixed}",
                file=file,
                fixed=file.replace("\\", "/"),
            ),
            "backslash",
        )


def _listed_name(path: Path) -> str | None:
    """The name `path` has in its folder, matched regardless of case (as Windows and macOS do).

    A folder is listed only when the name alone cannot tell (a case-insensitive disk, or a
    missing file): thousands of photos in one folder would otherwise list it thousands of times.
    """
    if path.exists() and not path.with_name(path.name.swapcase()).exists():
        return path.name
    try:
        names = os.listdir(path.parent)
    except OSError:
        return None
    if path.name in names:
        return path.name
    wanted = path.name.casefold()
    return next((name for name in names if name.casefold() == wanted), None)
