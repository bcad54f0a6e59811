"""Upload a built `site/` to an S3-compatible bucket so that a reader never sees half a site.

An object store has no folder rename, so the atomic swap of render/publish.py becomes an
order of uploads. Each object appears whole or not at all; what could go wrong is a page that
names a file not there yet, or a file removed while an old page still names it. So:

1. every new or changed file that is not an entry (images, styles, scripts, search chunks,
   data downloads) is uploaded first: readers of the old pages do not ask for them yet;
2. then the entry files, the pages and the files naming other files (HTML, feeds, sitemaps,
   Pagefind's `pagefind-entry.json`), deepest first and the home page last;
3. only then are the files the new site no longer has removed.

A failure at any step stops there: the bucket still serves a whole site (the old one, or the
old one with some pages already new), and running the upload again finishes the job. Files
whose MD5 matches the object's ETag are not uploaded again.
"""

from __future__ import annotations

import hashlib
import mimetypes
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from site_builder.storage import Location

ENTRY_SUFFIXES = frozenset({".html", ".xml", ".gz"})
ENTRY_NAMES = frozenset({"pagefind-entry.json"})
# Uploads at once: object stores answer each PUT in tens of milliseconds, mostly waiting.
UPLOAD_THREADS = 16
_TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml")


@dataclass
class PublishPlan:
    files: list[str] = field(default_factory=list)  # step 1
    # Step 2, one level at a time: no page goes up before the deeper pages it links to.
    entries: list[list[str]] = field(default_factory=list)
    removals: list[str] = field(default_factory=list)  # step 3
    unchanged: int = 0


def is_entry(path: str) -> bool:
    pure = PurePosixPath(path)
    return pure.suffix in ENTRY_SUFFIXES or pure.name in ENTRY_NAMES


def plan_publish(local: dict[str, str], remote: dict[str, str]) -> PublishPlan:
    """What to upload and remove, in order; both maps go from relative path to MD5."""
    plan = PublishPlan()
    changed = []
    for path, digest in local.items():
        if remote.get(path) == digest:
            plan.unchanged += 1
        else:
            changed.append(path)
    plan.files = sorted(p for p in changed if not is_entry(p))
    levels: dict[tuple[int, bool], list[str]] = {}
    for path in sorted(p for p in changed if is_entry(p)):
        levels.setdefault((-path.count("/"), path == "index.html"), []).append(path)
    plan.entries = [levels[level] for level in sorted(levels)]
    plan.removals = sorted(set(remote) - set(local))
    return plan


def publish_site(site_dir: Path, target: Location) -> PublishPlan:
    """Upload `site_dir` to `target` in the order above; the plan says what was done."""
    fs = target.filesystem()
    local = {
        path.relative_to(site_dir).as_posix(): _md5(path)
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }
    plan = plan_publish(local, _remote_digests(fs, target))
    with ThreadPoolExecutor(UPLOAD_THREADS) as threads:
        for group in (plan.files, *plan.entries):
            list(threads.map(lambda rel: _upload(fs, site_dir, target, rel), group))
    if plan.removals:
        fs.rm([target.join(rel) for rel in plan.removals])
    return plan


def _remote_digests(fs: Any, target: Location) -> dict[str, str]:
    try:
        found = fs.find(target.root, detail=True)
    except FileNotFoundError:
        return {}
    prefix = target.root + "/"
    digests = {}
    for path, info in found.items():
        if path.startswith(prefix) and info.get("type") == "file":
            etag = str(info.get("ETag", "")).strip('"')
            digests[path[len(prefix) :]] = etag
    return digests


def _upload(fs: Any, site_dir: Path, target: Location, rel: str) -> None:
    content_type = mimetypes.guess_type(rel)[0] or "application/octet-stream"
    if content_type.startswith(_TEXT_TYPES):
        content_type += "; charset=utf-8"
    fs.pipe_file(target.join(rel), (site_dir / rel).read_bytes(), ContentType=content_type)


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
