"""Small HTML pieces shared by the generators: escaping, story cards, pagers, photos."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from functools import lru_cache
from html import escape

from site_builder.i18n import language, t
from site_builder.model import Story
from site_builder.model.common import Audience, Status
from site_builder.output import urls

AUDIENCE_LABELS = {Audience.ELDERLY: ("一老", "Elderly"), Audience.CHILDREN: ("一小", "Children")}


def e(value: object) -> str:
    return escape(str(value), quote=True)


def audience_label(audience: Audience) -> str:
    zh, en = AUDIENCE_LABELS[audience]
    return t(zh, en)


def format_date(day: dt.date) -> str:
    return t("{y}年{m}月{d}日", "{y}-{m:02d}-{d:02d}", y=day.year, m=day.month, d=day.day)


def front_matter(title: str, description: str = "", **extra: object) -> str:
    """YAML front matter for a generated page; values are JSON-quoted so any text is safe.

    The section sidebar is hidden: with top tabs it would only repeat the page's own title.
    """
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(description, ensure_ascii=False)}")
    extra.setdefault("hide", ["navigation"])
    for key, value in extra.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def table(headings: Iterable[str], rows: Iterable[str], css_class: str = "sb-table") -> str:
    """A plain table: column headings (text) over rows given as `<tr>` HTML."""
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in headings)
    body = "\n".join(rows)
    return (
        f'<table class="{css_class}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n'
        "</tbody>\n</table>"
    )


def status_banner(status: Status, day: dt.date, as_of: dt.date) -> str:
    """The preview banner on an item the public cannot see yet."""
    if status is Status.DRAFT:
        text = t("草稿:仅在预览中可见,不会发布", "Draft: visible in preview only, not published")
    elif status is Status.REVIEW:
        text = t("待审:仅在预览中可见,审核通过前不会发布", "In review: preview only until approved")
    elif day > as_of:
        text = t("定时发布:将于 {day} 公开", "Scheduled: public from {day}", day=format_date(day))
    else:
        return ""
    return f'<div class="sb-banner" role="status">{e(text)}</div>\n\n'


def tag_links(tags: Iterable[str], from_url: str) -> str:
    return " ".join(
        f'<a class="sb-tag" href="{e(urls.href(from_url, urls.TAG.format(slug=urls.slugify(tag))))}">'
        f"#{e(tag)}</a>"
        for tag in tags
    )


def story_card(story: Story, from_url: str, community_name: str, headline: str = "") -> str:
    link = urls.href(from_url, urls.STORY.format(slug=story.slug))
    title, details = _card_parts(
        headline or story.title,
        story.narrator.name,
        community_name,
        story.date,
        tuple(story.audiences),
        story.summary,
        language(),
    )
    return (
        f'<article class="sb-card">\n<h3 class="sb-card-title"><a href="{e(link)}">{title}{details}'
    )


# A story's card is shown on up to ten listings (home, pages, tags, community, narrator,
# archive...): only its link differs between them, so the rest is built once.
@lru_cache(maxsize=16384)
def _card_parts(
    title: str,
    narrator: str,
    community_name: str,
    day: dt.date,
    audiences: tuple[Audience, ...],
    summary: str,
    _language: str,
) -> tuple[str, str]:
    badges = "".join(
        f'<span class="sb-badge sb-badge-{a.value}">{e(audience_label(a))}</span>'
        for a in audiences
    )
    details = (
        "</a></h3>\n"
        f'<p class="sb-card-meta"><span>{e(narrator)} · {e(community_name)}</span> '
        f'<time datetime="{day.isoformat()}">{e(format_date(day))}</time> '
        f"{badges}</p>\n"
        f'<p class="sb-card-summary">{e(summary)}</p>\n'
        "</article>"
    )
    return e(title), details


def card_list(cards: Iterable[str]) -> str:
    body = "\n".join(cards)
    # Cards repeat what the story pages say: search (Pagefind) skips them and finds the story.
    return f'<div class="sb-cards" data-pagefind-ignore>\n{body}\n</div>\n\n' if body else ""


# Numbered links shown around the current page; the first and last page are always linked.
PAGER_NEIGHBOURS = 2


def pager(page: int, pages: int, url_of_page: object, from_url: str) -> str:
    """Previous / numbered / next links for a paginated listing.

    Not every page is numbered: 200 listing pages would put 200 links on each (a long wrap on
    a phone, and 40 000 links in all). Pages far from the current one are shown as "…".
    """
    if pages <= 1:
        return ""
    assert callable(url_of_page)
    items = []
    if page > 1:
        items.append(
            f'<a rel="prev" href="{e(urls.href(from_url, url_of_page(page - 1)))}">'
            f"{e(t('上一页', 'Previous'))}</a>"
        )
    shown = {1, pages, *range(page - PAGER_NEIGHBOURS, page + PAGER_NEIGHBOURS + 1)}
    previous = 0
    for number in sorted(n for n in shown if 1 <= n <= pages):
        if number > previous + 1:
            items.append('<span class="sb-pager-gap" aria-hidden="true">…</span>')
        previous = number
        if number == page:
            items.append(f'<span aria-current="page">{number}</span>')
        else:
            items.append(f'<a href="{e(urls.href(from_url, url_of_page(number)))}">{number}</a>')
    if page < pages:
        items.append(
            f'<a rel="next" href="{e(urls.href(from_url, url_of_page(page + 1)))}">'
            f"{e(t('下一页', 'Next'))}</a>"
        )
    label = e(t("分页", "Pages"))
    return f'<nav class="sb-pager" aria-label="{label}">{" ".join(items)}</nav>\n'
