"""A content-hash cache of parsed files, so an unchanged activity log is not parsed twice.

Keys are the file's bytes plus the package version and the site's category vocabulary;
entries are plain pickle files under `.cache/parsed/`, so a CI cache can carry them.
Only files that parsed without any diagnostic are cached.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

_SCHEMA_VERSION = "6"  # 3: positions as plain tuples; 4: Source.text; 5: shallow log positions;
# 6: approximate per figure

# Entries this process has read or written, by key, once `keep_in_memory()` was called:
# `serve` rebuilds in one long process, and unpickling 100 000 records costs seconds where
# taking them from here costs nothing. Parsed content is never modified after loading, so
# sharing it between builds is safe.
_MEMORY: dict[str, Any] = {}
_MEMORY_LIMIT = 16384
_memory_on = False


def keep_in_memory() -> None:
    global _memory_on
    _memory_on = True


class ParseCache:
    def __init__(self, folder: Path | None, salt: str = "", writable: bool = True) -> None:
        self.folder = folder
        self.salt = salt
        self.writable = writable  # `check` reads the cache but never writes
        self.hits = 0
        self.misses: Counter[str] = Counter()  # by kind of file

    def key(self, data: bytes, kind: str) -> str:
        digest = hashlib.sha256()
        for part in (_SCHEMA_VERSION, kind, self.salt):
            digest.update(part.encode() + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str, kind: str) -> Any | None:
        """The entry for `key` (made by `key(..., kind)`); a miss is counted under `kind`."""
        if self.folder is None:
            return None
        if key in _MEMORY:
            self.hits += 1
            return _MEMORY[key]
        path = self.folder / key[:2] / f"{key}.pickle"
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            self.misses[kind] += 1
            return None
        self.hits += 1
        _remember(key, value)
        return value

    def put(self, key: str, value: Any) -> None:
        if self.folder is None or not self.writable:
            return
        target = self.folder / key[:2] / f"{key}.pickle"
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
        _remember(key, value)


def _remember(key: str, value: Any) -> None:
    if not _memory_on:
        return
    if len(_MEMORY) >= _MEMORY_LIMIT:
        _MEMORY.clear()
    _MEMORY[key] = value
