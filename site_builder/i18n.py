"""The language staff read messages in: Chinese by default, English one setting away.

Every string a person reads is written in both languages where it is made, through `t()`:
the pair stays together, so a message cannot be translated in one place and forgotten in another.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_SUPPORTED = ("zh", "en")


def _code(language: str) -> str:
    """`zh_CN.UTF-8`, `en-GB`, `EN` -> zh / en; unknown values keep Chinese."""
    code = language.split(".")[0].split("_")[0].split("-")[0].lower()
    return code if code in _SUPPORTED else "zh"


# The language `t()` answers in. A context variable, not an argument: `t()` is called at every
# layer (the model's validators, the loader, the checks, the pages), and threading the language
# through each of those calls would put it in hundreds of signatures that have nothing else to do
# with it. The command sets it once for its run (its Session's language, session.py) and
# `using_language` switches it for a block and restores it. Unlike a module global it is per
# thread and per task: a test or a serve thread that switches it does not switch the others.
_DEFAULT = _code(os.environ.get("SITE_BUILDER_LANG", "zh"))
_LANGUAGE: ContextVar[str] = ContextVar("language", default=_DEFAULT)


def set_language(language: str) -> None:
    """Choose the language of messages from here on in this context (the command's `--lang`)."""
    _LANGUAGE.set(_code(language))


def language() -> str:
    return _LANGUAGE.get()


def t(zh: str, en: str, **values: object) -> str:
    """Return the message in the current language, with `{name}` fields filled in."""
    text = en if _LANGUAGE.get() == "en" else zh
    return text.format(**values) if values else text


@contextmanager
def using_language(code: str) -> Iterator[None]:
    """Switch language for a block, e.g. to write the public pages in the site's language."""
    token = _LANGUAGE.set(_code(code))
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def choices(items: Iterable[object]) -> str:
    """Choices said in the current language: `草稿、待审或已发布` (a space beside Latin
    words: `draft、review 或 published`) in Chinese, `draft, review or published` in English."""
    words = [str(item) for item in items]
    if len(words) < 2:
        return "".join(words)
    if _LANGUAGE.get() == "en":
        return f"{', '.join(words[:-1])} or {words[-1]}"
    before, last = "、".join(words[:-1]), words[-1]
    latin = before[-1].isascii() or last[0].isascii()
    return f"{before} 或 {last}" if latin else f"{before}或{last}"
