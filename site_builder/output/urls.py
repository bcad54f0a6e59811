"""Where each page lives, and links between pages that work under any renderer.

Pages use directory URLs (`stories/<slug>/`); links are written relative to the linking
page, so the site works from any sub-path and needs no renderer to rewrite them. Each page's
source is `<url>index.md` (`Route`): MkDocs and Zensical both place it at `<url>index.html`
and resolve the relative links in its raw HTML from that folder. A source named
`stories/<slug>.md` is served from the same folder by MkDocs, but Zensical resolves its links
from `stories/`, one level up (docs/engines.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import lazy_pinyin


def href(from_url: str, to_url: str) -> str:
    """A relative link from the page at `from_url` to `to_url` (both site-relative)."""
    depth = from_url.count("/")
    prefix = "../" * depth
    return (prefix + to_url) or "./"


@dataclass(frozen=True, slots=True)
class Route:
    """One page: the URL it is served at and the source file the compiler writes for it.

    `url` is site-relative with a trailing slash (`""` for the home page), as the URL
    templates below give it; the source and output paths follow from it, so no generator
    writes a path of its own.
    """

    url: str

    def __post_init__(self) -> None:
        if self.url and not self.url.endswith("/"):
            raise ValueError(f"a page URL ends with '/': {self.url!r}")

    @property
    def src_path(self) -> str:
        """The Markdown source in the compiled tree."""
        return self.url + "index.md"

    @property
    def dest_path(self) -> str:
        """The HTML file that every engine writes for it."""
        return self.url + "index.html"


# Pinyin conversion is slow and the same tags and names recur on thousands of pages.
@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """A readable ASCII slug: pinyin for Chinese, lowercase words joined by hyphens."""
    words = lazy_pinyin(text, errors=lambda chars: chars)
    joined = "-".join(w for w in words if w.strip())
    slug = re.sub(r"[^a-z0-9]+", "-", joined.lower()).strip("-")
    return slug or "x"


HOME = ""
STORY = "stories/{slug}/"
STORIES = "stories/"
STORIES_PAGE = "stories/page/{number}/"
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
GALLERY_ALBUM = "gallery/{key}/"  # a year or a community id
PHOTOS = "assets/photos/"
DATA = "data/"  # the open-data downloads
