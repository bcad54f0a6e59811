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
character of the text stands between spaces, and a mark (U+2063, invisible, not a letter)
stands at every block boundary, so that a phrase never runs from one paragraph, cell or list
item into the next. search.js removes the spaces and marks again from what it shows.
"""

from __future__ import annotations

import re

# Han: the CJK unified ideographs (base, extensions A to H), the compatibility ideographs and
# 〇. search.js keeps the same list (HAN there).
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RUN = re.compile(f"[{HAN}]+")
# Tags that end a run of text: block elements that hold text, and line breaks. (div is left
# out: it holds blocks here, and Pagefind itself spaces it.) Lower case, as every engine writes
# them (case-insensitive matching costs three times as much).
_BLOCK_TAG = re.compile(
    r"<(?:/?(?:p|li|td|th|dt|dd|h[1-6]|figcaption|caption|blockquote|pre|tr|table|ul|ol|dl"
    r"|section|article|header|aside|figure|details|summary)|br)\b[^>]*>"
)
BOUNDARY = "\u2063"  # INVISIBLE SEPARATOR: a word for Pagefind's positions, with no letters
_BOUNDARY_WORD = f" {BOUNDARY} "
# A mark with only whitespace and tags before the next one says nothing more.
_REPEATED_MARK = re.compile(f" {BOUNDARY} (?=(?:\\s|<[^>]*>)*{BOUNDARY})")


def _spaced_run(run: re.Match[str]) -> str:
    return " " + " ".join(run.group()) + " "


def _marked_tag(tag: re.Match[str]) -> str:
    return tag.group() + _BOUNDARY_WORD


def segment_html(html: str) -> str:
    """The page as Pagefind should read it: a space on either side of every Han character,
    one mark between two runs of text that a block boundary separates. Attribute values are
    spaced too (Pagefind reads them only as metadata, which search.js tidies when showing)."""
    spaced = _HAN_RUN.sub(_spaced_run, html)
    marked = _BLOCK_TAG.sub(_marked_tag, spaced)
    return _REPEATED_MARK.sub("", marked)
