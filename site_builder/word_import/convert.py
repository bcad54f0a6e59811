"""A Word document (.docx) read into a story's title, Markdown body and pictures.

mammoth reads the document into plain HTML (paragraphs, headings, bold and italic, lists,
tables); this module picks the title, drops Word's typed indentation and empty paragraphs, takes
the pictures out of the text, and hands the rest to the Markdown writer (word_import/markdown.py).
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mammoth
from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from site_builder.i18n import t
from site_builder.word_import.markdown import PICTURE_MARK, to_markdown

# Word and WPS name their built-in styles in English inside the file; a document made from a
# Chinese template may carry the Chinese names instead.
_STYLE_MAP = "\n".join(
    [
        "p[style-name='Title'] => h1.word-title:fresh",
        "p[style-name='标题'] => h1.word-title:fresh",
        "p[style-name='Subtitle'] => p:fresh",
        "p[style-name='副标题'] => p:fresh",
        *(f"p[style-name='标题 {n}'] => h{n}:fresh" for n in range(1, 7)),
    ]
)
_HEADINGS = [f"h{n}" for n in range(1, 7)]
_BLOCKS = ["p", "li", "td", "th", *_HEADINGS]
# What staff type to indent a paragraph (首行缩进): Tabs, full-width and ordinary spaces.
_INDENT = " \t\u3000\xa0"
# The longest first paragraph in bold taken for a title rather than an opening sentence.
_TITLE_LENGTH = 40
# mammoth's warnings that something of the document was not converted (the others name
# styles it does not know, whose text is kept).
_LEFT_OUT = re.compile(r"ignored|could not find", re.IGNORECASE)
_IGNORED_ELEMENT = re.compile(r"element was ignored: (?:\{[^}]*\})?(?:\w+:)?(\w+)")
_ELEMENT_NAMES = {"oMath": ("公式", "equation"), "oMathPara": ("公式", "equation")}
_CORE = "docProps/core.xml"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_SUFFIXES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/bmp": "bmp",
    "image/tiff": "tif",
    "image/webp": "webp",
    "image/heic": "heic",
    "image/heif": "heif",
}


@dataclass(frozen=True)
class Picture:
    """One picture embedded in the document, in the order it first appears."""

    number: int  # 1, 2, ...
    content_type: str
    data: bytes

    @property
    def suffix(self) -> str:
        """The file suffix for its type; Word's own vector formats (EMF, WMF) have none."""
        return _SUFFIXES.get(self.content_type, "")


@dataclass
class WordStory:
    title: str
    body: str  # Markdown; pictures stand as PICTURE_MARK.format(number=n) lines
    pictures: list[Picture] = field(default_factory=list)
    # What mammoth read but left out (an embedded object, a symbol font's character...), as
    # it names it: never dropped without a word.
    left_out: list[str] = field(default_factory=list)


def read_docx(path: Path) -> WordStory:
    """The document's story. zipfile.BadZipFile or KeyError when it is no .docx; OSError when
    it cannot be read."""
    pictures: dict[str, Picture] = {}

    def picture(image: Any) -> dict[str, str]:
        with image.open() as stream:
            data = stream.read()
        digest = hashlib.sha256(data).hexdigest()
        if digest not in pictures:
            pictures[digest] = Picture(len(pictures) + 1, image.content_type or "", data)
        return {"src": str(pictures[digest].number)}

    with path.open("rb") as stream:
        converted = mammoth.convert_to_html(
            stream, style_map=_STYLE_MAP, convert_image=mammoth.images.img_element(picture)
        )
    left_out = [_left_out(m.message) for m in converted.messages if _LEFT_OUT.search(m.message)]
    soup = BeautifulSoup(converted.value, "html.parser")
    title = _take_title(soup, _property_title(path)) or path.stem
    _drop_indentation(soup)
    _mark_pictures(soup)
    _drop_empty(soup)
    _promote_headings(soup)
    return WordStory(title, to_markdown(soup), list(pictures.values()), sorted(set(left_out)))


def _left_out(message: str) -> str:
    """What was left out, by a name staff know where there is one (an element's own else)."""
    element = _IGNORED_ELEMENT.search(message)
    if element is None:
        return message
    zh, en = _ELEMENT_NAMES.get(element.group(1), (element.group(1), element.group(1)))
    return t(zh, en)


def _property_title(path: Path) -> str:
    """The title in the document's properties (File → Properties in Word), often empty."""
    with zipfile.ZipFile(path) as archive:
        if _CORE not in archive.namelist():
            return ""
        try:
            element = ET.fromstring(archive.read(_CORE)).find(_DC_TITLE)
        except ET.ParseError:
            return ""
    return " ".join((element.text or "").split()) if element is not None else ""


def _take_title(soup: BeautifulSoup, from_properties: str) -> str:
    """The title: the properties' one, else the Title paragraph, else a heading or a short
    paragraph all in bold that opens the document (as offices type titles). The paragraph
    that gives it (or repeats it) leaves the body."""
    titled = soup.find("h1", class_="word-title") or _opening_title(soup)
    if isinstance(titled, Tag):
        text = " ".join(titled.get_text().split())
        if not from_properties or text == from_properties:
            titled.decompose()
            return text
    return from_properties


def _opening_title(soup: BeautifulSoup) -> Tag | None:
    first = soup.find(True)
    if not isinstance(first, Tag):
        return None
    if first.name in _HEADINGS:
        return first
    text = first.get_text().strip(_INDENT)
    parts = [getattr(c, "name", None) for c in first.children if str(c).strip(_INDENT)]
    bold = first.name == "p" and parts == ["strong"]
    return first if bold and 0 < len(text) <= _TITLE_LENGTH else None


def _drop_indentation(soup: BeautifulSoup) -> None:
    for block in soup.find_all(_BLOCKS):
        first = next((s for s in block.descendants if isinstance(s, NavigableString)), None)
        if first is not None:
            first.replace_with(first.lstrip(_INDENT))


def _mark_pictures(soup: BeautifulSoup) -> None:
    """Each picture leaves the text: its paragraph keeps a note of where it stood."""
    for image in soup.find_all("img"):
        note = soup.new_tag("p")
        note.string = PICTURE_MARK.format(number=image.get("src", ""))
        holder = image.find_parent("p")
        (holder if holder is not None else image).insert_after(note)
        image.decompose()


def _drop_empty(soup: BeautifulSoup) -> None:
    for paragraph in soup.find_all(["p", *_HEADINGS]):
        if not paragraph.get_text().strip(_INDENT + "\n") and paragraph.find_parent("td") is None:
            paragraph.decompose()


def _promote_headings(soup: BeautifulSoup) -> None:
    """The top heading level left becomes ## (the story's title is the page's only #)."""
    headings = soup.find_all(_HEADINGS)
    if not headings:
        return
    shift = 2 - min(int(h.name[1]) for h in headings)
    for heading in headings:
        heading.name = f"h{min(6, int(heading.name[1]) + shift)}"
