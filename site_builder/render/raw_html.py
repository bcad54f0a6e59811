"""Hand the renderer only the Markdown of a compiled page, not the HTML the compiler made.

Compiled pages are mostly HTML blocks (cards, meta, galleries, the story body the compiler
already rendered and cleaned). Python-Markdown passes such blocks through unchanged, but finds
them with the pure-Python `html.parser`, and MkDocs parses the page once more to collect its
anchor ids: 40 % of rendering 2500 pages. Before the renderer converts a page, each top-level
HTML block that is complete in itself is replaced by a token paragraph; after conversion the
token is replaced by the block again, so the HTML comes out exactly as Python-Markdown would
have passed it through (tests/test_raw_html.py compares whole rendered sites).

A block is taken only when it starts at the margin after a blank line with a block-level tag,
ends with that tag's end tag, and opens and closes that tag equally often. At the first block
that starts with a tag but is not complete in itself, the rest of the page is left to
Python-Markdown, which may continue such a block past blank lines.

Only MkDocs gets it, through our plugin (Zensical runs no plugin of ours). It is kept because
it changes no byte of the output, so both engines still render the same pages, and it takes
40 % off the engine that stays the default.
"""

from __future__ import annotations

import html
import re
import secrets

# Python-Markdown's block-level elements that compiled pages start blocks with.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "nav",
        "ol", "p", "section", "table", "ul",
    }
)  # fmt: skip
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_ANCHOR = re.compile(r"<[a-zA-Z][^>]*?\s(?:id|name)=\"([^\"]*)\"")


class Stash:
    """The blocks taken out of one page, by token."""

    def __init__(self) -> None:
        self.prefix = f"sbraw{secrets.token_hex(6)}x"
        self.blocks: dict[str, str] = {}

    def take(self, markdown: str) -> str:
        """`markdown` with every complete top-level HTML block replaced by a token."""
        parts = _BLANK_LINES.split(markdown)
        separators = _BLANK_LINES.findall(markdown)
        for index, part in enumerate(parts):
            if not part.lstrip().startswith("<"):
                continue
            if not part.startswith("<") or not _complete(part):
                break  # Python-Markdown may read this block on past the blank line
            token = f"{self.prefix}{len(self.blocks)}"
            self.blocks[token] = part
            parts[index] = token
        pieces = [parts[0]]
        for separator, part in zip(separators, parts[1:], strict=True):
            pieces += [separator, part]
        return "".join(pieces)

    def restore(self, rendered: str) -> str:
        if not self.blocks:
            return rendered
        restored = re.sub(
            rf"<p>({re.escape(self.prefix)}\d+)</p>",
            # Python-Markdown follows each raw block with an empty line...
            lambda match: self.blocks[match.group(1)] + "\n",
            rendered,
        )
        return restored.rstrip()  # ...and strips the end of the page

    def anchor_ids(self) -> set[str]:
        """The ids in the blocks taken out, which MkDocs would have collected from them."""
        return {
            html.unescape(found)
            for block in self.blocks.values()
            for found in _ANCHOR.findall(block)
        }


def _complete(block: str) -> bool:
    start = _START.match(block)
    if start is None:
        return False
    tag = start.group(1)
    if tag.lower() not in _BLOCK_TAGS or not block.rstrip().endswith(f"</{tag}>"):
        return False
    opened = len(re.findall(rf"<{tag}[\s>]", block))
    closed = len(re.findall(rf"</{tag}\s*>", block))
    return opened == closed
