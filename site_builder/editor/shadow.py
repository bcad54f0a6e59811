"""A shadow of `content/` where a save is tried before it is made.

`check` reads a project from disk, so the editor checks the project as it would be after a
save on a copy: `.cache/editor/shadow/content/` holds a hard link to every file of `content/`
(a copy where the disk cannot link), kept in step before each check by comparing each file's
identity, which costs a stat per file, never a read. The files a save changes are written
there as real files, checked, and put back; `content/` itself is never touched.

The shadow project shares the real `.cache/` (only read by a check: parsed files, photos known
good), and the paths its diagnostics name are the real ones (`content/...`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from site_builder.project import Project


@dataclass(frozen=True)
class ShadowProject(Project):
    """The shadow's root, reading and keeping its caches in the real project's `.cache/`."""

    real_cache: Path = Path()

    @property
    def cache_dir(self) -> Path:
        return self.real_cache


class Shadow:
    def __init__(self, project: Project):
        self.real = project
        self.project = ShadowProject(
            project.cache_dir / "editor" / "shadow", real_cache=project.cache_dir
        )
        self._linking = True

    def sync(self) -> str:
        """Bring the shadow in step with `content/`; a fingerprint of `content/` as it is now
        (names, sizes, time stamps), which changes whenever any file does."""
        source, target = self.real.content_dir, self.project.content_dir
        fingerprint = hashlib.sha256()
        seen: set[str] = set()
        for folder, folders, files in os.walk(source):
            folders.sort()
            relative = os.path.relpath(folder, source)
            os.makedirs(os.path.join(target, relative), exist_ok=True)
            for name in sorted(files):
                rel = os.path.normpath(os.path.join(relative, name))
                seen.add(rel)
                stat = self._mirror(os.path.join(source, rel), os.path.join(target, rel))
                if stat is not None:
                    fingerprint.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        self._drop_unseen(target, seen)
        return fingerprint.hexdigest()

    def _mirror(self, source: str, target: str) -> os.stat_result | None:
        try:
            wanted = os.stat(source)
        except OSError:  # a dangling link, or a file removed while walking
            return None
        try:
            have: os.stat_result | None = os.stat(target)
        except OSError:
            have = None
        if have is not None and self._same(wanted, have):
            return wanted
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)
        if self._linking:
            try:
                os.link(source, target)
                return wanted
            except OSError:
                self._linking = False
        shutil.copy2(source, target)
        return wanted

    def _same(self, wanted: os.stat_result, have: os.stat_result) -> bool:
        if self._linking:
            return (wanted.st_ino, wanted.st_dev) == (have.st_ino, have.st_dev)
        return (wanted.st_size, wanted.st_mtime_ns) == (have.st_size, have.st_mtime_ns)

    @staticmethod
    def _drop_unseen(target: Path, seen: set[str]) -> None:
        for folder, _folders, files in os.walk(target, topdown=False):
            relative = os.path.relpath(folder, target)
            for name in files:
                if os.path.normpath(os.path.join(relative, name)) not in seen:
                    os.unlink(os.path.join(folder, name))
            if folder != str(target) and not os.listdir(folder):
                os.rmdir(folder)

    @contextlib.contextmanager
    def trying(self, changes: dict[str, bytes | None]) -> Iterator[None]:
        """The shadow with `changes` made (content-relative path -> new bytes, or None for a
        deletion), and put back as `content/` has it afterwards."""
        root = self.project.content_dir
        for rel, data in changes.items():
            path = root / rel
            path.unlink(missing_ok=True)
            if data is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        try:
            yield
        finally:
            for rel in changes:
                (root / rel).unlink(missing_ok=True)
            self.sync()
