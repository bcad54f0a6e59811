"""Staff Markdown to safe HTML.

Stories may contain raw HTML; the public site must never run it. The body is rendered here,
once, and cleaned with an allowlist (nh3/ammonia): no scripts, event handlers, `javascript:` or
`data:` URLs, iframes or forms. The compiled page carries only the cleaned HTML, so whatever
engine renders it later cannot be tricked into running staff markup.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import markdown
import nh3

from site_builder.i18n import language, t
from site_builder.store import ContentStore
from site_builder.typeset import ChineseTypesetting

_EXTENSIONS = ["extra", "sane_lists", "smarty"]
_OUTPUT_FORMAT = "html"

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
}
_URL_SCHEMES = {"http", "https", "mailto"}

# Images must go through `photos:` so they are resized, stripped of GPS and consent-checked.
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(")
_HTML_IMAGE = re.compile(r"<\s*(img|picture|source|video|audio|iframe|embed|object)\b", re.I)


@dataclass(frozen=True)
class MarkupProblem:
    line: int  # 1-based, within the body
    column: int
    message: str


def find_embedded_media(body: str) -> list[MarkupProblem]:
    """Images and embeds written into the body instead of listed under `photos`."""
    return list(_embedded_media(body, language()))


@functools.lru_cache(maxsize=8192)
def _embedded_media(body: str, _language: str) -> tuple[MarkupProblem, ...]:
    problems = []
    for number, line in enumerate(body.split("\n"), start=1):
        for pattern in (_MARKDOWN_IMAGE, _HTML_IMAGE):
            for match in pattern.finditer(line):
                problems.append(
                    MarkupProblem(
                        number,
                        match.start() + 1,
                        t(
                            "正文中不能直接插入图片或嵌入内容;请把照片列在前置信息 photos 中",
                            "do not embed images or media in the text; list photos under 'photos'",
                        ),
                    )
                )
    return tuple(problems)


@functools.cache
def _converter() -> markdown.Markdown:
    # Building a converter (its extensions and patterns) costs as much as converting a story.
    return markdown.Markdown(
        extensions=[*_EXTENSIONS, ChineseTypesetting()], output_format=_OUTPUT_FORMAT
    )


# What a conversion's output depends on besides the body, from the very values the converter is
# made with: a kept conversion is found again only while they are the same.
_CONVERSION = (
    f"{markdown.__version__}:{','.join(_EXTENSIONS)}:{_OUTPUT_FORMAT}:{ChineseTypesetting.VERSION}"
)
_KEPT_SUFFIX = ".html"


class ConvertedBodies:
    """Converted bodies kept on disk by content (`.cache/markdown/`), so that a build after one
    story was edited converts that one body: Python-Markdown over 2000 bodies was half of page
    generation. It also notes which bodies a compile asked for, so the build can remove the
    files no page uses any more (`prune`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entries = ContentStore(folder, _KEPT_SUFFIX)  # store.py
        self.used: set[str] = set()  # the bodies asked for while this store was active

    def has(self, body: str) -> bool:
        return os.path.isfile(self.entries.path(_key(body)))

    def html(self, body: str) -> str:
        key = _key(body)
        kept = self.entries.read(key)
        if kept is not None:
            return kept.decode("utf-8")
        html = _convert(body)
        self.entries.write(key, html.encode("utf-8"))
        return html

    def prune(self, keep: set[str]) -> int:
        """Remove the kept conversions of bodies not in `keep`; return how many were removed."""
        self.entries.used.clear()
        for body in keep:
            self.entries.keep(_key(body))
        return self.entries.prune()


def _key(body: str) -> str:
    return hashlib.sha256(f"{_CONVERSION}\0{body}".encode()).hexdigest()


# The store the current compile converts into (None: convert every body, keep nothing). A
# context variable, not an argument: bodies are converted inside the templates' `markdown`
# filter and the feed's summaries, which are shared by every compile and are handed no compile
# context. The compiler sets it for the pages it writes (`converting_into`) and resets it after.
_ACTIVE: ContextVar[ConvertedBodies | None] = ContextVar("converted_bodies", default=None)


@contextmanager
def converting_into(store: ConvertedBodies) -> Iterator[ConvertedBodies]:
    token = _ACTIVE.set(store)
    try:
        yield store
    finally:
        _ACTIVE.reset(token)


def forget_conversions() -> None:
    """Empty this process's memory of converted bodies (the files on disk stay)."""
    for remembered in (_html, _render_markdown, _plain_text):
        remembered.cache_clear()


def _convert(body: str) -> str:
    return str(_converter().reset().convert(body))


def _note_use(body: str) -> None:
    store = _ACTIVE.get()
    if store is not None:
        store.used.add(body)


# A build asks for the same body several times (page, read time, feed, collections): each body
# is converted once. Bounded, so a long `serve` session does not keep every edit. The HTML
# depends on the body alone, so one memory serves every store.
@functools.lru_cache(maxsize=8192)
def _html(body: str) -> str:
    store = _ACTIVE.get()
    return _convert(body) if store is None else store.html(body)


def render_markdown(body: str) -> str:
    """Render staff Markdown and clean the result with the allowlist."""
    _note_use(body)
    return _render_markdown(body)


@functools.lru_cache(maxsize=8192)
def _render_markdown(body: str) -> str:
    return sanitize_html(_html(body))


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def plain_text(body: str) -> str:
    """The readable text of a Markdown body, for summaries, read time and feeds."""
    _note_use(body)
    return _plain_text(body)


@functools.lru_cache(maxsize=8192)
def _plain_text(body: str) -> str:
    return re.sub(r"\s+", " ", nh3.clean(_html(body), tags=set())).strip()


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9]+")


@functools.lru_cache(maxsize=8192)
def read_minutes(text: str) -> int:
    """Read time for Chinese text: about 400 characters a minute, plus Latin words at 200."""
    han = len(_HAN.findall(text))
    words = len(_WORD.findall(text))
    return max(1, round(han / 400 + words / 200))
