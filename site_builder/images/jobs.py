"""One photo's work as a cluster worker does it: read the original, derive, store, answer small.

Only names travel: the task carries where to read the original and where to write the entry,
the worker moves the bytes itself, and the answer is the small ProcessedPhoto (or the
ImageError), so no photo passes through the scheduler or the build machine's connection to it.
The pixels come from `derive_bytes`, the function the local pool runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from site_builder.i18n import t
from site_builder.images.cache import ImageCache
from site_builder.images.derive import derive_bytes, read_source
from site_builder.images.errors import ImageError
from site_builder.images.processed import ProcessedPhoto
from site_builder.images.recipe import Recipe, photo_key
from site_builder.storage import Location


@dataclass(frozen=True)
class PhotoJob:
    key: str  # computed on the build machine from the bytes it has
    name: str  # how messages name the photo: its path on the build machine
    original: Location  # where the worker reads it


def run_job(job: PhotoJob, recipe: Recipe, cache_at: Location) -> ProcessedPhoto | ImageError:
    """Derive and store one photo; returned, not raised, so no traceback crosses machines."""
    try:
        data = _read(job)
        if photo_key(data, recipe) != job.key:
            # A stale copy of content/ on the workers' side, or another site-builder version.
            return ImageError(
                t(
                    "照片 {file} 在集群读取的位置({where})与本机的文件不同:请先同步原图,"
                    "并确认工作节点的 site-builder 版本与本机相同",
                    "photo {file} differs where the cluster reads it ({where}) from this "
                    "machine's file: sync the originals, and check that the workers run the "
                    "same site-builder version",
                    file=job.name,
                    where=job.original.url,
                ),
                "stale_original",
            )
        derivatives = derive_bytes(data, recipe, job.name)
        if cache_at.remote:
            from site_builder.images.remote_cache import RemoteImageCache

            return RemoteImageCache(cache_at).put(derivatives)
        return _local_cache(cache_at.url).put(derivatives)
    except ImageError as error:
        return error
    except OSError as error:
        return ImageError(
            t(
                "照片 {file} 的缩略图未能写入图片缓存 {where}:{reason}",
                "the derivatives of photo {file} could not be written to the image cache "
                "{where}: {reason}",
                file=job.name,
                where=cache_at.url,
                reason=error,
            ),
            "cache_unwritable",
        )


def _read(job: PhotoJob) -> bytes:
    if not job.original.remote:
        return read_source(Path(job.original.url))
    try:
        with job.original.filesystem().open(job.original.root, "rb") as original:
            data: bytes = original.read()
    except FileNotFoundError:
        raise ImageError(
            t(
                "集群在 {where} 找不到照片 {file}:请先把 content/ 同步到那里",
                "the cluster cannot find photo {file} at {where}: sync content/ there first",
                file=job.name,
                where=job.original.url,
            ),
            "missing",
        ) from None
    except OSError as error:
        raise ImageError(
            t(
                "集群无法读取 {where} 中的照片 {file}:{reason}",
                "the cluster cannot read photo {file} at {where}: {reason}",
                file=job.name,
                where=job.original.url,
                reason=error,
            ),
            "unreadable",
        ) from None
    return data


@cache
def _local_cache(root: str) -> ImageCache:
    return ImageCache(Path(root))
