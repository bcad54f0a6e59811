"""The HTML mammoth makes from a Word document, written as the Markdown stories are written in
(Python-Markdown with `extra`: ## headings, **bold**, *italic*, lists, pipe tables)."""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup
from markdownify import MarkdownConverter

# Where a picture stood in the text, until the story names its file (word_import/story.py).
PICTURE_MARK = "WORD-PICTURE-{number}"
# Python-Markdown nests a list, or continues an item, only at four spaces.
_LIST_INDENT = 4
_BULLET = re.compile(r"(\S+) ")
_BLANK_LINES = re.compile(r"\n{3,}")
# markdownify escapes characters Python-Markdown has no escape for (it would show the
# backslash): such a character is written as an entity, or as it is where it means nothing.
_UNESCAPABLE = {"\\&": "&amp;", "\\<": "&lt;", "\\~": "~", "\\=": "="}


class _StoryMarkdown(MarkdownConverter):
    """markdownify's writer, with list items indented as Python-Markdown reads them."""

    # markdownify's stubs leave out the methods below: the parent's are found by name.
    def escape(self, text: str, parent_tags: set[str]) -> str:
        escaped: str = getattr(super(), "escape")(text, parent_tags)  # noqa: B009
        for written, instead in _UNESCAPABLE.items():
            escaped = escaped.replace(written, instead)
        return escaped

    def convert_li(self, el: Any, text: str, parent_tags: set[str]) -> str:
        item: str = getattr(super(), "convert_li")(el, text, parent_tags)  # noqa: B009
        first, _, rest = item.partition("\n")
        bullet = _BULLET.match(first)
        if bullet is None:
            return item
        width = len(bullet.group(1)) + 1
        lines = [first[:width].rstrip().ljust(_LIST_INDENT) + first[width:]]
        for line in rest.split("\n"):
            lines.append(" " * _LIST_INDENT + line[width:] if line.strip() else line)
        return "\n".join(lines)


def to_markdown(soup: BeautifulSoup) -> str:
    """The body's Markdown: paragraphs apart by one blank line."""
    # escape_misc: text that reads as Markdown (`1. `, `# `, `<b>`, a `|` in a table) stays text.
    writer = _StoryMarkdown(
        heading_style="ATX", bullets="-", table_infer_header=True, escape_misc=True
    )
    text = writer.convert_soup(soup)
    # Two trailing spaces are a line break Word had (Shift+Enter); blank lines are emptied.
    lines = [line if line.strip() else "" for line in str(text).split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"
