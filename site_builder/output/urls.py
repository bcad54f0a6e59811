"""Where each page lives, and links between pages that work under any renderer.

Pages use directory URLs (`stories/<slug>/`); links are written relative to the linking
page, so the site works from any sub-path and needs no renderer to rewrite them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import lazy_pinyin


def href(from_url: str, to_url: str) -> str:
    """A relative link from the page at `from_url` to `to_url` (both site-relative)."""
    depth = from_url.count("/")
    prefix = "../" * depth
    return (prefix + to_url) or "./"


# Pinyin conversion is slow and the same tags and names recur on thousands of pages.
@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """A readable ASCII slug: pinyin for Chinese, lowercase words joined by hyphens."""
    words = lazy_pinyin(text, errors=lambda chars: chars)
    joined = "-".join(w for w in words if w.strip())
    slug = re.sub(r"[^a-z0-9]+", "-", joined.lower()).strip("-")
    return slug or "x"


STORY = "stories/{slug}/"
STORIES = "stories/"
COMMUNITY = "communities/{id}/"
COMMUNITIES = "communities/"
COLLECTION = "collections/{slug}/"
COLLECTIONS = "collections/"
NARRATOR = "narrators/{slug}/"
NARRATORS = "narrators/"
TAG = "tags/{slug}/"
TAGS = "tags/"
ARCHIVE = "archive/"
ARCHIVE_YEAR = "archive/{year}/"
STATS = "stats/"
STATS_YEAR = "stats/{year}/"
GALLERY = "gallery/"
PHOTOS = "assets/photos/"
