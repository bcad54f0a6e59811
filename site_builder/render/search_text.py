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
item into the next. Tags, attributes and comments are copied as they are. search.js removes
the spaces and marks again from what it shows.
"""

from __future__ import annotations

import re

# Bump when the copy Pagefind reads changes for the same page.
SEGMENTATION_VERSION = "1"

# Han: the CJK unified ideographs (base, extensions A to H), the compatibility ideographs and
# 〇. search.js keeps the same list (HAN there).
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_CHAR = re.compile(f"[{HAN}]")
# A comment, or a tag: `<`, an optional `/`, a name, attributes up to the first `>`.
_MARKUP = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
# Elements that run inside a line of text: their text joins the text around them. Every other
# tag (p, li, td, dt, dd, div, h1, br, figure...) is a boundary.
_INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "wbr",
    ]
)
# Outside the text Pagefind reads (or holding no text): copied without boundary marks.
_OUTSIDE = frozenset(["html", "head", "meta", "link", "script", "style", "title", "body"])
BOUNDARY = "\u2063"  # INVISIBLE SEPARATOR: a word for Pagefind's positions, with no letters
_BOUNDARY_WORD = f" {BOUNDARY} "


def segment_html(html: str) -> str:
    """The page as Pagefind should read it: text segmented, one mark between two runs of
    text that a block boundary separates."""
    parts = _MARKUP.split(html)
    out: list[str] = []
    boundary = False  # a block tag since the last text
    for index, part in enumerate(parts):
        if index % 2 == 1:
            name = _TAG_NAME.match(part)
            tag = name.group(1).lower() if name else ""
            boundary = boundary or (tag not in _INLINE and tag not in _OUTSIDE and tag != "")
            out.append(part)
        elif part:
            if boundary and not part.isspace():
                out.append(_BOUNDARY_WORD)
                boundary = False
            out.append(_HAN_CHAR.sub(r" \g<0> ", part))
    return "".join(out)
