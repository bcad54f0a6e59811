"""Paths the browser names, held inside `content/`: every one is checked before it is used.

The editor speaks in paths relative to the project root (`content/stories/x.md`), as Decap's
proxy protocol does. A path is refused when it is written to leave (`..`, absolute, a drive
letter, a backslash), holds what no file name holds (NUL, control characters), is too long for
the disks offices use, or leads outside `content/` once symbolic links are followed.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

from site_builder.i18n import t
from site_builder.project import Project

# Windows refuses longer paths unless long paths are switched on; one name is 255 at most.
MAX_PATH_CHARS = 240
MAX_NAME_CHARS = 120
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Names Windows reserves whatever their extension (CON.md cannot be created there).
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
# What a photo's name keeps: letters and digits of any script, `-`, `_`, `.`.
_UNSAFE_NAME_CHARS = re.compile(r"[^\w.-]+")


class PathRefused(Exception):
    """A path the editor will not read or write; the message says why, in plain words."""


def _refused(path: str, why_zh: str, why_en: str) -> PathRefused:
    shown = path if len(path) <= 80 else path[:77] + "…"
    return PathRefused(
        t(
            "路径 “{p}” 不能使用:{why}",
            "path '{p}' cannot be used: {why}",
            p=shown,
            why=t(why_zh, why_en),
        )
    )


def _check_written(path: str) -> PurePosixPath:
    """How the path is written, before the disk is asked anything."""
    if not path:
        raise _refused(path, "路径是空的", "it is empty")
    if _CONTROL.search(path):
        raise _refused(
            path.replace("\x00", "\\0"), "含有不可见的控制字符", "it holds control characters"
        )
    if len(path) > MAX_PATH_CHARS:
        raise _refused(path, "路径太长", "it is too long")
    if "\\" in path:
        raise _refused(path, "用了反斜杠 \\,请用 /", "it uses backslashes; use /")
    if path.startswith("/") or PureWindowsPath(path).drive:
        raise _refused(path, "是绝对路径,只能用 content/ 下的相对路径", "it is absolute")
    written = PurePosixPath(path)
    if any(part in ("..", ".") for part in written.parts):
        raise _refused(path, "含有 .. 或 .,会指到别处", "it holds .. or .")
    if written.parts[0] != "content" or len(written.parts) < 2:
        raise _refused(path, "不在 content/ 文件夹中", "it is not inside content/")
    for part in written.parts:
        if len(part) > MAX_NAME_CHARS or _RESERVED.match(part) or part.endswith((" ", ".")):
            raise _refused(
                path, "文件名太长,或是 Windows 不允许的名字", "a name is too long or reserved"
            )
    return written


def resolve(project: Project, path: str) -> Path:
    """The file `path` names (existing or not), refused unless it stays inside `content/`
    after every symbolic link on the way is followed."""
    written = _check_written(path)
    root = project.content_dir.resolve()
    target = project.root.joinpath(*written.parts)
    real = target.resolve()
    if not real.is_relative_to(root):
        raise _refused(
            path, "经符号链接指到了 content/ 之外", "a symbolic link leads outside content/"
        )
    if real != root and any(part.startswith(".") for part in real.relative_to(root).parts):
        raise _refused(path, "是隐藏文件", "it is a hidden file")
    return real


def relative(project: Project, real: Path) -> str:
    """How the browser names `real`: from the project root, with forward slashes."""
    return "content/" + real.relative_to(project.content_dir.resolve()).as_posix()


def safe_file_name(name: str) -> str:
    """An uploaded file's name as it is kept: its last part only, NFC, spaces and anything but
    letters, digits, `-`, `_` and `.` made `-`, an upper-case extension lowered, never hidden.
    Chinese names stay Chinese (the build accepts them); an empty result becomes `photo`."""
    base = PurePosixPath(name.replace("\\", "/")).name
    base = unicodedata.normalize("NFC", base)
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = _UNSAFE_NAME_CHARS.sub("-", stem).strip("-.") or "photo"
    suffix = _UNSAFE_NAME_CHARS.sub("", suffix).lower()
    stem = stem[: MAX_NAME_CHARS - len(suffix) - 1]
    return f"{stem}.{suffix}" if suffix else stem
