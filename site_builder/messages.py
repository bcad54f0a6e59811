"""Messages said in more than one place, each written once, and the one did-you-mean.

A wrong community or story id is reported by the loader, the checks and three commands; the
wording lives here so staff read the same sentence wherever they made the mistake.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from site_builder.i18n import choices, t


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice `word` was most probably meant to be (a typo away), or None."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return close[0] if close else None


def unknown_community(community: str, known: Iterable[str]) -> str:
    ids = sorted(known)
    guess = did_you_mean(community, ids)
    if guess:
        return t(
            "社区 “{id}” 不存在,是不是 “{guess}”?",
            "community '{id}' does not exist; did you mean '{guess}'?",
            id=community,
            guess=guess,
        )
    return t(
        "社区 “{id}” 不存在(可用:{known})",
        "community '{id}' does not exist (known: {known})",
        id=community,
        known=choices(ids) or t("无", "none"),
    )


def unknown_story(slug: str) -> str:
    return t("故事 “{slug}” 不存在", "story '{slug}' does not exist", slug=slug)
