"""Content-addressed store of derivatives: `<root>/<key>/` holds the files and `meta.json`.

An entry is written in a temporary folder and renamed into place, so a run that is interrupted
(Ctrl-C, a killed worker) never leaves a half entry; an entry whose files went missing is
treated as absent and rebuilt. The folder is plain files that a CI cache can carry between runs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
import uuid
from pathlib import Path

from site_builder.images.derive import Derivatives
from site_builder.images.processed import ProcessedPhoto

META_FILE = "meta.json"
KEY_PATTERN = re.compile(r"[0-9a-f]{16}")  # the names of entries (recipe.photo_key)
_TEMP_PREFIX = ".tmp-"
# A temporary folder this old belongs to a run that died, not to one still writing.
_STALE_TEMP_SECONDS = 3600


class ImageCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def entry_dir(self, key: str) -> Path:
        return self.root / key

    def get(self, key: str) -> ProcessedPhoto | None:
        """The cached result for `key`, or None when there is no complete entry."""
        folder = self.entry_dir(key)
        try:
            photo = ProcessedPhoto.from_dict(json.loads((folder / META_FILE).read_text("utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if photo.key != key or not all((folder / v.name).is_file() for v in photo.variants):
            return None
        return photo

    def put(self, derivatives: Derivatives) -> ProcessedPhoto:
        """Store an entry atomically; if another process stored it first, keep theirs."""
        photo = derivatives.photo
        self.root.mkdir(parents=True, exist_ok=True)
        temp = self.root / f"{_TEMP_PREFIX}{photo.key}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        temp.mkdir()
        try:
            for name, data in derivatives.files.items():
                (temp / name).write_bytes(data)
            (temp / META_FILE).write_text(
                json.dumps(photo.to_dict(), ensure_ascii=False, indent=1), "utf-8"
            )
            target = self.entry_dir(photo.key)
            if target.exists() and self.get(photo.key) is None:
                shutil.rmtree(target, ignore_errors=True)
            try:
                temp.rename(target)
            except OSError:
                if self.get(photo.key) is None:
                    raise
        finally:
            if temp.exists():
                shutil.rmtree(temp, ignore_errors=True)
        return photo

    def keys(self) -> set[str]:
        if not self.root.is_dir():
            return set()
        return {p.name for p in self.root.iterdir() if KEY_PATTERN.fullmatch(p.name) and p.is_dir()}

    def prune(self, keep: set[str]) -> int:
        """Remove entries whose key is not in `keep`; return how many were removed.

        Only folders this cache wrote are touched: a key-named folder, or a temporary folder
        left by a run that died.
        """
        removed = 0
        for key in self.keys() - keep:
            shutil.rmtree(self.entry_dir(key), ignore_errors=True)
            removed += 1
        if self.root.is_dir():
            cutoff = time.time() - _STALE_TEMP_SECONDS
            for temp in self.root.glob(f"{_TEMP_PREFIX}*"):
                if temp.is_dir() and temp.stat().st_mtime < cutoff:
                    shutil.rmtree(temp, ignore_errors=True)
        return removed
