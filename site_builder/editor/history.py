"""Nothing lost: every file the editor overwrites or deletes is kept first under `.history/`.

`.history/` sits at the project root, beside `content/` and outside what is built or published
(and git-ignored). A file's versions are kept in a folder named after it, one file per version
named by the time it was replaced: `.history/stories/x.md/2026-12-07T03-15-00.123456.md`.
Getting a version back is copying that file over the one in `content/` (docs/setup.md).

Pruning, after each save: a file keeps its `KEEP_VERSIONS` newest versions, and of those only
the ones younger than `KEEP_DAYS` days, except the newest, which is kept whatever its age.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from site_builder.project import Project

KEEP_VERSIONS = 30
KEEP_DAYS = 180
_STAMP = "%Y-%m-%dT%H-%M-%S.%f"


def history_dir(project: Project) -> Path:
    return project.root / ".history"


def versions_dir(project: Project, real: Path) -> Path:
    """The folder holding the earlier versions of the content file `real`."""
    return history_dir(project).joinpath(*real.relative_to(project.content_dir.resolve()).parts)


def write_atomic(path: Path, data: bytes) -> None:
    """`data` in `path` whole or not at all: a hidden temporary file beside it, flushed to
    disk, then renamed over it. A failure on the way removes the temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        _replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _replace(temporary: str, path: Path, tries: int = 10) -> None:
    """`os.replace`, tried again for a moment while Windows refuses it (the preview or a
    virus scanner has the file open for reading)."""
    for _ in range(tries - 1):
        try:
            os.replace(temporary, path)
            return
        except PermissionError:
            time.sleep(0.1)
    os.replace(temporary, path)


def keep(project: Project, real: Path, now: dt.datetime | None = None) -> Path | None:
    """Copy the current `real` into its history before it is replaced or deleted; the copy's
    path, or None when there is no file yet."""
    try:
        data = real.read_bytes()
    except FileNotFoundError:
        return None
    moment = (now or dt.datetime.now()).strftime(_STAMP)
    folder = versions_dir(project, real)
    target = folder / f"{moment}{real.suffix}"
    write_atomic(target, data)
    prune(folder, now)
    return target


def versions(project: Project, real: Path) -> list[Path]:
    """The kept versions of `real`, oldest first."""
    folder = versions_dir(project, real)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def prune(folder: Path, now: dt.datetime | None = None) -> None:
    """Drop versions beyond the newest `KEEP_VERSIONS` and those older than `KEEP_DAYS`,
    keeping the newest always."""
    kept = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    oldest = (now or dt.datetime.now()) - dt.timedelta(days=KEEP_DAYS)
    for position, version in enumerate(reversed(kept)):
        if position == 0:
            continue
        if position >= KEEP_VERSIONS or _stamp(version) < oldest:
            version.unlink(missing_ok=True)


def _stamp(version: Path) -> dt.datetime:
    try:
        return dt.datetime.strptime(version.name.split(".")[0] + ".000000", _STAMP)
    except ValueError:
        return dt.datetime.max
