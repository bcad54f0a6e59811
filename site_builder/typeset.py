"""Chinese typesetting rules shared by the loader (folded YAML) and the Markdown converter.

A line break inside a paragraph is a space in HTML and in YAML's folded and plain scalars:
right between Latin words, wrong between two Chinese characters (`多。 社区`). Staff break
lines anywhere, and text pasted from Word or a chat breaks at the window's edge. The rule of
CommonMark's CJK extensions (markdown-it's cjk_breaks): a break between two wide characters
(Han, CJK punctuation, full-width forms) joins them with nothing; any other stays a space.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

# Hangul is wide but written with spaces between words, as Latin is.
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
# A line break and the blanks around it, inside a paragraph or a folded value.
_BREAK = re.compile(r"[ \t]*\n[ \t\u3000]*")


def is_wide(char: str) -> bool:
    """A character Chinese text is set without spaces around: Han, CJK punctuation, full-width."""
    return unicodedata.east_asian_width(char) in "WF" and not _HANGUL.match(char)


# Punctuation typed on a Latin keyboard in Chinese text (`家门口,` `完成.`): after a wide
# character it ends Chinese text, and a break after it joins as after `，`.
_LATIN_PUNCTUATION = ",.;:!?)]"


def join_wide(left: str, right: str) -> bool:
    """Whether a break between `left` and `right` (the text either side) is nothing."""
    if not left or not right or not is_wide(right[0]):
        return False
    ending = left.rstrip(_LATIN_PUNCTUATION)
    return bool(ending) and is_wide(ending[-1])


def drop_wide_breaks(text: str, before: str = "", after: str = "") -> str:
    """`text` with each line break between two wide characters removed. `before` and `after`
    are the text around it (a neighbouring element's), for a break at either end."""
    if "\n" not in text:
        return text

    def joined(match: re.Match[str]) -> str:
        # A few characters either side are enough (the punctuation `join_wide` looks past).
        left = text[max(0, match.start() - 8) : match.start()] or before[-8:]
        right = text[match.end() : match.end() + 1] or after[:1]
        return "" if join_wide(left, right) else match.group(0)

    return _BREAK.sub(joined, text)


def join_wide_folds(value: str, source: str) -> str:
    """A folded or multi-line YAML scalar with the spaces that stand for line breaks between
    two wide characters removed. `source` is the scalar's text in the file: each space is
    removed only where the file's lines meet, so a space the staff typed stays."""
    lines = [line.strip(" \t\"'") for line in source.split("\n")]
    cursor = 0
    for current, following in itertools.pairwise(lines):
        if not current or not following or not join_wide(current, following):
            continue
        found = value.find(f"{current} {following}", cursor)
        if found < 0:
            continue
        space = found + len(current)
        value = value[:space] + value[space + 1 :]
        cursor = space
    return value


# A first-line indent as Chinese is typed: a Tab (four spaces once Markdown expands it), an
# ideographic space (　), or four spaces or more.
_INDENT = re.compile(r"^(?:[ ]*\u3000[ \u3000]*|[ ]{4,})(?=\S)")
# Lines that begin a Markdown block of their own, whose indentation means nesting.
_BLOCK_START = re.compile(r"^(?:[-*+][ ]|\d+[.)][ ]|[>#|:]|\x02)")
_LIST_ITEM = re.compile(r"^[ ]*(?:[-*+]|\d+[.)])[ ]")


def indents_to_paragraphs(lines: list[str]) -> list[str]:
    """Lines with each first-line indent removed and starting a paragraph of its own, as the
    indent means in Chinese text (and never a code block). Inside a list, indentation nests
    and is left alone."""
    out: list[str] = []
    in_list = False
    previous = ""
    for line in lines:
        if not line.strip():
            out.append(line)
            previous = ""
            continue
        if _LIST_ITEM.match(line):
            in_list = True
        elif not previous and line[0] not in " \u3000":
            in_list = False
        indent = _INDENT.match(line)
        if indent and not in_list and not _BLOCK_START.match(line[indent.end() :]):
            if previous:
                out.append("")
            line = line[indent.end() :]
        out.append(line)
        previous = line
    return out


class _IndentedParagraphs(Preprocessor):  # type: ignore[misc]  # the library has no types
    def run(self, lines: list[str]) -> list[str]:
        return indents_to_paragraphs(lines)


# Elements whose text is shown as typed: read for their neighbours, never changed.
_AS_TYPED = {"pre", "code", "kbd", "script", "style"}


def _text_slots(element: Element) -> Iterator[tuple[Element, str | None]]:
    """The element's text and every descendant's text and tail in reading order; None for an
    element whose text is shown as typed."""
    if element.tag in _AS_TYPED:
        yield element, None
        return
    yield element, "text"
    for child in element:
        yield from _text_slots(child)
        yield child, "tail"


class _WideBreaks(Treeprocessor):  # type: ignore[misc]  # the library has no types
    def run(self, root: Element) -> None:
        slots: list[tuple[Element, str | None]] = []
        for child in root:
            slots.extend(_text_slots(child))
            slots.append((child, "tail"))
        texts = [
            "".join(el.itertext()) if attr is None else getattr(el, attr) or ""
            for el, attr in slots
        ]
        for index, (element, attr) in enumerate(slots):
            if attr is None or "\n" not in texts[index]:
                continue
            before = next((t for t in reversed(texts[:index]) if t), "")
            after = next((t for t in texts[index + 1 :] if t), "")
            texts[index] = drop_wide_breaks(texts[index], before, after)
            setattr(element, attr, texts[index])


class ChineseTypesetting(Extension):  # type: ignore[misc]  # the library has no types
    """Python-Markdown for Chinese text: line breaks between wide characters join, first-line
    indents start paragraphs, and indented code blocks are off (fenced code stays)."""

    VERSION = "typeset-1"  # part of the converted-body cache key: change it with the rules

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.parser.blockprocessors.deregister("code")
        # After fenced code and raw HTML blocks are set aside (priorities 25 and 20).
        md.preprocessors.register(_IndentedParagraphs(md), "chinese_indents", 19)
        # After inline Markdown is parsed (20), before the output is pretty-printed (10).
        md.treeprocessors.register(_WideBreaks(md), "chinese_breaks", 15)
