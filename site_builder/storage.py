"""Where the shared image cache, the originals and the published site can live: a folder or S3.

A `Location` is a small, picklable description (a URL and the endpoint of the object storage)
that travels to cluster workers; each machine opens the storage itself, with the credentials
of its own environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, optionally AWS_SESSION_TOKEN
and AWS_ENDPOINT_URL), so no secret is ever written in site.yml or sent through the scheduler.
S3-compatible services (Aliyun OSS, Tencent COS, Huawei OBS, MinIO...) are reached by setting
the endpoint.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from site_builder.i18n import t

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem

S3_SCHEME = "s3://"


class StorageUnavailable(Exception):
    """The optional packages for clusters and object storage are not installed."""


@dataclass(frozen=True)
class Location:
    url: str  # `s3://bucket/prefix`, or an absolute local folder
    endpoint_url: str = ""
    region: str = ""

    @property
    def remote(self) -> bool:
        return self.url.startswith(S3_SCHEME)

    @property
    def root(self) -> str:
        """The path inside the filesystem: `bucket/prefix` for S3, the folder otherwise."""
        return self.url[len(S3_SCHEME) :].rstrip("/") if self.remote else self.url

    def join(self, *parts: str) -> str:
        return "/".join((self.root, *parts))

    def filesystem(self) -> AbstractFileSystem:
        return _filesystem(self.remote, self.endpoint_url, self.region)


def location(url: str, base: str, endpoint_url: str = "", region: str = "") -> Location:
    """A Location from a setting: `s3://...` as written, a folder relative to `base`."""
    if url.startswith(S3_SCHEME):
        return Location(url, endpoint_url, region)
    return Location(os.path.abspath(os.path.join(base, url)))


def require_extra(module: str) -> None:
    """Import `module` or explain which optional packages are missing."""
    try:
        __import__(module)
    except ImportError:
        raise StorageUnavailable(
            t(
                "需要安装集群与对象存储组件:pip install 'site-builder[scale]'(缺少 {m})",
                "the cluster and object-storage packages are needed: "
                "pip install 'site-builder[scale]' ({m} is missing)",
                m=module,
            )
        ) from None


@cache
def _filesystem(remote: bool, endpoint_url: str, region: str) -> AbstractFileSystem:
    if not remote:
        require_extra("fsspec")
        from fsspec.implementations.local import LocalFileSystem

        return LocalFileSystem()
    require_extra("s3fs")
    from s3fs import S3FileSystem

    client: dict[str, str] = {}
    if endpoint_url:
        client["endpoint_url"] = endpoint_url
    if region:
        client["region_name"] = region
    # No listing cache: other machines write into the same bucket while this one reads it.
    filesystem: AbstractFileSystem = S3FileSystem(client_kwargs=client, use_listings_cache=False)
    return filesystem
