"""What Pagefind reads: each rendered page with its Chinese cut into single characters.

Pagefind cuts Chinese into words twice, differently: at build time with jieba (charabia), in
the browser with `Intl.Segmenter` (ICU). A word one cuts and the other does not is unfindable:
志愿服务 inside 开展志愿服务 was indexed as one word and searched as 志愿 + 服务, 助餐 inside
老年助餐点 is no word of either. So neither segmenter decides: the index holds every Han
character as a word of its own (the way search engines index CJK), digits and Latin letters
as the runs they are, and `assets/search.js` asks for a query's characters as an exact phrase,
in order and adjacent. A single character is the one unit ICU cannot cut further, so the
browser's segmenter leaves such a query as it is.

The pages themselves are untouched: Pagefind reads a copy (`segment_html`) in which every Han
character of the text stands between spaces, and a mark (U+2063 or U+2062, invisible, not a
letter) stands at every block boundary, so that a phrase never runs from one paragraph, cell or
list item into the next. The mark says what the block is: U+2062 before a heading, table cell,
caption or term, U+2063 before running text. search.js cuts each result's excerpt from one
block, of running text where the words are in one, and removes the spaces and marks again.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import NamedTuple

from site_builder.store import ContentStore

# Han: the CJK unified ideographs (base, extensions A to H), the compatibility ideographs and
# 〇. search.js keeps the same list (HAN there).
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RUN = re.compile(f"[{HAN}]+")
# Tags that end a run of text: block elements that hold text, and line breaks. (div is left
# out: it holds blocks here, and Pagefind itself spaces it.) Lower case, as every engine writes
# them (case-insensitive matching costs three times as much). The opening tags of the first
# group start a label (a heading, cell, caption or term), every other tag running text.
_BLOCK_TAG = re.compile(
    r"<(?:(h[1-6]|td|th|dt|dd|figcaption|caption|summary)\b"
    r"|/?(?:p|li|td|th|dt|dd|h[1-6]|figcaption|caption|blockquote|pre|tr|table|ul|ol|dl"
    r"|section|article|header|aside|figure|details|summary)\b|br\b)[^>]*>"
)
BOUNDARY = "\u2063"  # INVISIBLE SEPARATOR: a word for Pagefind's positions, with no letters
LABEL = "\u2062"  # INVISIBLE TIMES: the same, before a heading, cell, caption or term
_MARKS = BOUNDARY + LABEL
# A mark with only whitespace and tags before the next one says nothing more.
_REPEATED_MARK = re.compile(f" [{_MARKS}] (?=(?:\\s|<[^>]*>)*[{_MARKS}])")
BODY_MARK = "data-pagefind-body"


def _spaced_run(run: re.Match[str]) -> str:
    return " " + " ".join(run.group()) + " "


def _marked_tag(tag: re.Match[str]) -> str:
    return f"{tag.group()} {LABEL if tag.group(1) else BOUNDARY} "


def segment_html(html: str) -> str:
    """The page as Pagefind should read it: a space on either side of every Han character,
    one mark between two runs of text that a block boundary separates (the mark of the block
    that follows). Attribute values are spaced too (Pagefind reads them only as metadata,
    which search.js tidies when showing)."""
    spaced = _HAN_RUN.sub(_spaced_run, html)
    marked = _BLOCK_TAG.sub(_marked_tag, spaced)
    return _REPEATED_MARK.sub("", marked)


def index_copy(html: str, weight: str = "") -> str:
    """What Pagefind reads for a page: `segment_html`, its body marked with its `weight` in the
    ranking unless that is the default."""
    copy = segment_html(html)
    if not weight:
        return copy
    return copy.replace(BODY_MARK, f'{BODY_MARK} data-pagefind-weight="{weight}"', 1)


class IndexedPage(NamedTuple):
    rel: str  # the page's path under the site, as Pagefind will give its URL
    digest: bytes  # of its bytes
    weight: str  # of the whole page in Pagefind's ranking, "" for the default (1): a story


class SegmentedPages:
    """The segmented copy of each page, kept by the page's bytes and the indexer's code."""

    def __init__(self, folder: Path, indexer: bytes) -> None:
        self.entries = ContentStore(folder, ".html", fanout=False)  # store.py
        self.indexer = indexer

    def _key(self, page: IndexedPage) -> str:
        weight = page.weight.encode() + b"\0"  # the copy is marked with it
        return hashlib.sha256(self.indexer + weight + page.digest).hexdigest()[:32]

    def link(self, site_dir: Path, page: IndexedPage, target: Path) -> None:
        """Put the segmented copy of `page` at its place under `target`, cutting it only when
        no copy of these bytes is kept."""
        key = self._key(page)
        entry = self.entries.keep(key)
        if not os.path.isfile(entry):
            self.entries.write(key, segmented_page(site_dir, page).encode("utf-8"))
        copy = target / page.rel
        copy.parent.mkdir(parents=True, exist_ok=True)
        os.link(entry, copy)

    def prune(self, pages: list[IndexedPage]) -> None:
        """Keep the copies of `pages` only."""
        self.entries.used = {self.entries.path(self._key(page)) for page in pages}
        self.entries.prune()


def segmented_page(site_dir: Path, page: IndexedPage) -> str:
    """The segmented copy of `page`, with its weight."""
    return index_copy((site_dir / page.rel).read_bytes().decode("utf-8"), page.weight)


def write_segmented_page(site_dir: Path, page: IndexedPage, copy: Path) -> None:
    """Write the segmented copy of `page` at `copy`."""
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(segmented_page(site_dir, page), encoding="utf-8")
