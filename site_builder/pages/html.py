"""Small HTML pieces shared by the generators: story cards, pagers, banners, tags.

Each is a template in `site_builder/templates/partials/`; these functions only gather what the
template is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import lru_cache

from markupsafe import Markup

from site_builder.i18n import language, t
from site_builder.model import Story
from site_builder.model.common import Audience, Status
from site_builder.output import urls
from site_builder.pages.formats import format_date
from site_builder.pages.templating import render


def banner_text(status: Status, day: dt.date, as_of: dt.date) -> str:
    """What the preview banner says on an item the public cannot see yet; "" when it can."""
    if status is Status.DRAFT:
        return t("草稿:仅在预览中可见,不会发布", "Draft: visible in preview only, not published")
    if status is Status.REVIEW:
        return t("待审:仅在预览中可见,审核通过前不会发布", "In review: preview only until approved")
    if day > as_of:
        return t("定时发布:将于 {day} 公开", "Scheduled: public from {day}", day=format_date(day))
    return ""


def tag_links(tags: Iterable[str], from_url: str) -> list[tuple[str, str]]:
    """(tag, link) pairs for `partials/tags.html`."""
    return [(tag, urls.href(from_url, urls.TAG.format(slug=urls.slugify(tag)))) for tag in tags]


def story_card(story: Story, from_url: str, community_name: str, headline: str = "") -> Markup:
    return _card(
        urls.href(from_url, urls.STORY.format(slug=story.slug)),
        headline or story.title,
        story.narrator.name,
        community_name,
        story.date,
        tuple(story.audiences),
        story.summary,
        language(),
    )


# A story's card is shown on up to ten listings (home, pages, tags, community, narrator,
# archive...); its link differs only with the listing's depth, so most cards are rendered once.
@lru_cache(maxsize=16384)
def _card(
    link: str,
    title: str,
    narrator: str,
    community: str,
    day: dt.date,
    audiences: tuple[Audience, ...],
    summary: str,
    _language: str,
) -> Markup:
    return render(
        "partials/card.html",
        link=link,
        title=title,
        narrator=narrator,
        community=community,
        day=day,
        audiences=audiences,
        summary=summary,
    )


def card_list(cards: Iterable[Markup]) -> Markup:
    return render("partials/cards.html", cards=list(cards))


# Numbered links shown around the current page; the first and last page are always linked.
PAGER_NEIGHBOURS = 2


def pager(page: int, pages: int, url_of_page: Callable[[int], str], from_url: str) -> Markup:
    """Previous / numbered / next links for a paginated listing.

    Not every page is numbered: 200 listing pages would put 200 links on each (a long wrap on
    a phone, and 40 000 links in all). Pages far from the current one are shown as "…".
    """
    if pages <= 1:
        return Markup()

    def link(number: int) -> str:
        return urls.href(from_url, url_of_page(number))

    items: list[tuple[str, str, int]] = []
    if page > 1:
        items.append(("prev", link(page - 1), page - 1))
    shown = {1, pages, *range(page - PAGER_NEIGHBOURS, page + PAGER_NEIGHBOURS + 1)}
    previous = 0
    for number in sorted(n for n in shown if 1 <= n <= pages):
        if number > previous + 1:
            items.append(("gap", "", 0))
        previous = number
        items.append(("current", "", number) if number == page else ("page", link(number), number))
    if page < pages:
        items.append(("next", link(page + 1), page + 1))
    return render("partials/pager.html", items=items)
