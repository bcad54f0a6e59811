"""The image cache in an S3 bucket, shared by CI runners and cluster workers.

The layout is the local cache's (`<prefix>/<key>/` holds the files and `meta.json`). An object
store has no rename, but each upload appears whole or not at all, so an entry is made complete
by its order: the derivatives first, `meta.json` last. A worker that dies in between leaves
files without `meta.json`, which every reader treats as no entry; the task that runs again
writes the same bytes under the same names.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from site_builder.images.cache import KEY_PATTERN as _KEY
from site_builder.images.cache import META_FILE
from site_builder.images.derive import Derivatives
from site_builder.images.processed import ProcessedPhoto
from site_builder.storage import Location


class RemoteImageCache:
    def __init__(self, where: Location) -> None:
        self.where = where
        self.fs = where.filesystem()

    def _path(self, key: str, name: str) -> str:
        return self.where.join(key, name)

    def get_many(self, keys: Iterable[str]) -> dict[str, ProcessedPhoto]:
        """The complete entries among `keys`, fetched concurrently (one request per key)."""
        paths = {self._path(key, META_FILE): key for key in keys}
        if not paths:
            return {}
        found = self.fs.cat(list(paths), on_error="omit")
        entries = {}
        for path, data in found.items():
            key = paths.get(path) or paths.get(path.lstrip("/"))
            photo = _parse(data, key)
            if photo is not None and key is not None:
                entries[key] = photo
        return entries

    def put(self, derivatives: Derivatives) -> ProcessedPhoto:
        photo = derivatives.photo
        if photo.key in self.get_many([photo.key]):
            return photo  # another worker stored it first: identical bytes, nothing to do
        files = {self._path(photo.key, name): data for name, data in derivatives.files.items()}
        self.fs.pipe(files)
        meta = json.dumps(photo.to_dict(), ensure_ascii=False, indent=1).encode()
        self.fs.pipe_file(self._path(photo.key, META_FILE), meta)
        return photo

    def prune(self, keep: set[str]) -> int:
        """Remove entries whose key is not in `keep`; return how many were removed. Only
        key-named folders are touched. A shared cache serves other sites and machines too:
        only a build told so prunes it (images-internals.md)."""
        removed = 0
        for path in self.fs.ls(self.where.root, detail=False):
            key = path.rstrip("/").rsplit("/", 1)[-1]
            if _KEY.fullmatch(key) and key not in keep:
                self.fs.rm(self.where.join(key), recursive=True)
                removed += 1
        return removed

    def files(self, photo: ProcessedPhoto) -> Derivatives:
        """Download an entry's derivatives, to place them in the local cache."""
        paths = {self._path(photo.key, v.name): v.name for v in photo.variants}
        found = self.fs.cat(list(paths))
        by_name = {paths.get(path) or paths[path.lstrip("/")]: data for path, data in found.items()}
        return Derivatives(photo, by_name)


def _parse(data: bytes, key: str | None) -> ProcessedPhoto | None:
    try:
        photo = ProcessedPhoto.from_dict(json.loads(data))
    except (ValueError, KeyError, TypeError):
        return None
    return photo if photo.key == key else None
