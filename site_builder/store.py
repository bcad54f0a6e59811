"""The one content-addressed store under `.cache/`: one atomic write, one pruning rule.

Every on-disk cache (parsed files, results over the activity logs, converted bodies, photo
derivatives, segmented search pages, generated pages' keys, the render state) keeps files
named by a key of what they were made from. They used to write, key and prune each in its own
way; here is the one way:

* `write_atomically`: a temporary file beside the target, then `os.replace`, so a reader (or a
  build that was interrupted) never finds half a file, and two writers of the same key leave
  one whole entry;
* `ContentStore.prune`: an entry this process did not read, write or `keep` is removed once
  the build is published; so is a temporary file left by a writer that died. A build reads
  every entry it needs, so what it used is all the next build of the same inputs needs.

Entries are plain files (`<folder>/<shelf>/<key><suffix>`; the shelf is the key's first two
characters unless the caller names one; a small store puts them all in `<folder>`), so a CI
cache can carry them.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
import time
from pathlib import Path
from typing import Any

_TEMPORARY = ".tmp"
# A temporary file this old belongs to a writer that died, not to one still writing.
_STALE_SECONDS = 3600
# What a damaged or foreign pickle raises when read: the entry is then absent.
_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError)


def write_atomically(path: Path | str, data: bytes) -> None:
    """Write `data` at `path` whole or not at all."""
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=_TEMPORARY)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class ContentStore:
    """Files kept by key under `folder`, each written atomically; see the module's docstring."""

    def __init__(
        self, folder: Path, suffix: str, writable: bool = True, *, fanout: bool = True
    ) -> None:
        self.folder = folder
        self.suffix = suffix
        self.fanout = fanout  # entries on shelves; else all in `folder` itself
        self.writable = writable  # `check` reads the caches but never writes
        self.used: set[str] = set()  # entries read, written or kept, as paths

    def path(self, key: str, shelf: str = "") -> str:
        """Where the entry `key` lives (plain strings: this runs for thousands of entries)."""
        if not self.fanout:
            return os.path.join(self.folder, key + self.suffix)
        return os.path.join(self.folder, shelf or key[:2], key + self.suffix)

    def keep(self, key: str, shelf: str = "") -> str:
        """Mark the entry `key` as needed by this build, so `prune` leaves it; its path."""
        path = self.path(key, shelf)
        self.used.add(path)
        return path

    def read(self, key: str, shelf: str = "") -> bytes | None:
        path = self.keep(key, shelf)
        try:
            with open(path, "rb") as entry:
                return entry.read()
        except OSError:
            return None

    def write(self, key: str, data: bytes, shelf: str = "") -> None:
        path = self.keep(key, shelf)
        if self.writable:
            write_atomically(path, data)

    def load(self, key: str, shelf: str = "") -> tuple[bool, Any]:
        """(True, the object) kept under `key`, else (False, None): a damaged entry, or one
        made by code that no longer exists, is absent."""
        path = self.keep(key, shelf)
        try:
            with open(path, "rb") as entry:
                return True, pickle.load(entry)
        except _UNREADABLE:
            return False, None

    def dump(self, key: str, value: object, shelf: str = "") -> None:
        self.write(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), shelf)

    def prune(self) -> int:
        """Remove the entries this process did not use, and stale temporary files; return how
        many entries were removed. Only files this store writes are touched."""
        if not self.writable:
            return 0
        removed = 0
        stale = time.time() - _STALE_SECONDS
        for shelf in _folders(self.folder) if self.fanout else [str(self.folder)]:
            with os.scandir(shelf) as entries:
                for entry in entries:
                    if entry.name.endswith(self.suffix) and entry.path not in self.used:
                        os.unlink(entry.path)
                        removed += 1
                    elif entry.name.endswith(_TEMPORARY) and _older(entry, stale):
                        os.unlink(entry.path)
        return removed


def _folders(folder: Path) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return [entry.path for entry in entries if entry.is_dir()]
    except FileNotFoundError:
        return []


def _older(entry: os.DirEntry[str], than: float) -> bool:
    try:
        return entry.stat().st_mtime < than
    except OSError:
        return False
