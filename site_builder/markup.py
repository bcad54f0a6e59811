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
import tempfile
from dataclasses import dataclass
from pathlib import Path

import markdown
import nh3

from site_builder.i18n import language, t

_EXTENSIONS = ["extra", "sane_lists", "smarty"]

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
    return markdown.Markdown(extensions=_EXTENSIONS, output_format="html")


# Converted bodies kept on disk by content (`.cache/markdown/`), so that a build after one
# story was edited converts that one body: Python-Markdown over 2000 bodies was half of page
# generation. Set by the compiler for each compile; None converts every body.
_kept_bodies: Path | None = None
# What the conversion's output depends on besides the body; bump the first part when a change
# here changes the HTML.
_CONVERSION = f"1:{markdown.__version__}:{','.join(_EXTENSIONS)}"


def keep_converted_bodies(folder: Path | None) -> None:
    global _kept_bodies
    _kept_bodies = folder


def forget_conversions() -> None:
    """Empty this process's memory of converted bodies (the files on disk stay)."""
    for remembered in (_html, render_markdown, plain_text):
        remembered.cache_clear()


# A build asks for the same body several times (page, read time, feed, collections): each body
# is converted once. Bounded, so a long `serve` session does not keep every edit.
@functools.lru_cache(maxsize=8192)
def _html(body: str) -> str:
    folder = _kept_bodies
    if folder is None:
        return str(_converter().reset().convert(body))
    key = hashlib.sha256(f"{_CONVERSION}\0{body}".encode()).hexdigest()
    kept = folder / key[:2] / f"{key}.html"
    try:
        with kept.open(encoding="utf-8", newline="") as stored:
            return stored.read()
    except OSError:
        pass
    html = str(_converter().reset().convert(body))
    kept.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=kept.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(html)
    os.replace(temporary, kept)
    return html


@functools.lru_cache(maxsize=8192)
def render_markdown(body: str) -> str:
    """Render staff Markdown and clean the result with the allowlist."""
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


@functools.lru_cache(maxsize=8192)
def plain_text(body: str) -> str:
    """The readable text of a Markdown body, for summaries, read time and feeds."""
    return re.sub(r"\s+", " ", nh3.clean(_html(body), tags=set())).strip()


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9]+")


@functools.lru_cache(maxsize=8192)
def read_minutes(text: str) -> int:
    """Read time for Chinese text: about 400 characters a minute, plus Latin words at 200."""
    han = len(_HAN.findall(text))
    words = len(_WORD.findall(text))
    return max(1, round(han / 400 + words / 200))
