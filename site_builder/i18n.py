"""The language staff read messages in: Chinese by default, English one setting away.

Every string a person reads is written in both languages where it is made, through `t()`:
the pair stays together, so a message cannot be translated in one place and forgotten in another.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

_SUPPORTED = ("zh", "en")
_language = os.environ.get("SITE_BUILDER_LANG", "zh").split("_")[0].lower()
if _language not in _SUPPORTED:
    _language = "zh"


def set_language(language: str) -> None:
    """Choose the language of messages; unknown values keep Chinese."""
    global _language
    code = language.split("_")[0].split("-")[0].lower()
    _language = code if code in _SUPPORTED else "zh"


def language() -> str:
    return _language


def t(zh: str, en: str, **values: object) -> str:
    """Return the message in the current language, with `{name}` fields filled in."""
    text = en if _language == "en" else zh
    return text.format(**values) if values else text


@contextmanager
def using_language(code: str) -> Iterator[None]:
    """Temporarily switch language, e.g. to write the public pages in the site's language."""
    global _language
    saved = _language
    set_language(code)
    try:
        yield
    finally:
        _language = saved
