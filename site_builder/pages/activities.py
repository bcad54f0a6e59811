"""A community's activity log, one page a year: every published record, and its photos.

Records have no page of their own (a province has 100 000 of them); each has an anchor on its
year's page, which the gallery and the community page link to.
"""

from __future__ import annotations

from collections import defaultdict

from site_builder.i18n import t
from site_builder.model import ActivityRecord, Community
from site_builder.pages import urls
from site_builder.pages.context import CompileContext
from site_builder.pages.html import audience_label, e, format_date, front_matter
from site_builder.pages.photos import gallery
from site_builder.selection import PublicRecord
from site_builder.stats.tables import approximate_mark, format_number

LOG_YEAR = "communities/{id}/{year}/"


def record_url(public: PublicRecord) -> str:
    """Where a record is shown: its anchor on the community's page for its year."""
    return LOG_YEAR.format(id=public.community, year=public.log.year) + f"#{public.anchor}"


def _when(record: ActivityRecord) -> str:
    if record.date is not None:
        return format_date(record.date)
    return t(
        "{start} 至 {end}",
        "{start} to {end}",
        start=format_date(record.first_day),
        end=format_date(record.last_day),
    )


def _count(value: float, record: ActivityRecord) -> str:
    return format_number(value) + (approximate_mark() if record.approximate else "")


def _record_row(ctx: CompileContext, public: PublicRecord, url: str) -> str:
    record = public.record
    title = e(record.title)
    story = ctx.selection.story(record.story) if record.story else None
    if story is not None:
        title = f'<a href="{e(urls.href(url, urls.STORY.format(slug=story.slug)))}">{title}</a>'
    audiences = "、".join(audience_label(a) for a in record.audiences) or t("其他", "General")
    return (
        f'<tr id="{e(public.anchor)}"><td>{e(_when(record))}</td><td>{title}</td>'
        f"<td>{e(ctx.config.category_label(record.category))}</td><td>{e(audiences)}</td>"
        f'<td class="sb-num">{e(_count(record.sessions, record))}</td>'
        f'<td class="sb-num">{e(_count(record.beneficiaries, record))}</td></tr>'
    )


def year_page(
    ctx: CompileContext, community: Community, year: int, records: list[PublicRecord]
) -> str:
    url = LOG_YEAR.format(id=community.id, year=year)
    title = t(
        "{name}{year}年活动记录", "{name}: activities in {year}", name=community.name, year=year
    )
    head = "".join(
        f'<th scope="col">{e(h)}</th>'
        for h in (
            t("日期", "Date"),
            t("活动", "Activity"),
            t("类别", "Category"),
            t("服务对象", "Audiences"),
            t("场次", "Sessions"),
            t("受益人次", "Beneficiary visits"),
        )
    )
    rows = "\n".join(_record_row(ctx, public, url) for public in records)
    back = urls.href(url, urls.COMMUNITY.format(id=community.id))
    parts = [
        front_matter(
            title,
            t("{name}的活动台账", "Activity log of {name}", name=community.name),
            # Ledger rows would fill the search index without helping anyone find a story.
            search={"exclude": True},
        ),
        f"# {e(title)}\n\n",
        f'<p><a href="{e(back)}">← {e(community.name)}</a></p>\n\n',
        f'<div class="sb-scroll" tabindex="0" role="region" aria-label="{e(title)}">\n'
        f'<table class="sb-table">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n</div>\n\n',
        f'<p class="sb-note">{e(t("“余”表示至少这么多(台账中的约数)。人次是参加次数,不是人数。", "“+” marks a lower bound (an approximate figure). Visits count attendances, not people."))}</p>\n\n',
    ]
    for public in records:
        path = public.log.source.path
        photos = [
            (p, ctx.photos[(path, p.file)])
            for p in public.record.photos
            if (path, p.file) in ctx.photos
        ]
        if photos:
            parts.append(f'<h2 id="{e(public.anchor)}-photos">{e(public.record.title)}</h2>\n')
            parts.append(gallery(photos, url))
    return "".join(parts)


def community_section(ctx: CompileContext, community: Community, url: str) -> str:
    """On the community page: links to its activity log of each year."""
    years: dict[int, int] = defaultdict(int)
    for public in ctx.selection.records_of(community.id):
        years[public.log.year] += 1
    if not years:
        return ""
    items = "\n".join(
        f'<li><a href="{e(urls.href(url, LOG_YEAR.format(id=community.id, year=year)))}">'
        f"{e(t('{year}年', '{year}', year=year))}</a> "
        f'<span class="sb-count">{e(t("{n} 条记录", "{n} records", n=count))}</span></li>'
        for year, count in sorted(years.items(), reverse=True)
    )
    return f'## {e(t("活动记录", "Activity log"))}\n\n<ul class="sb-list">\n{items}\n</ul>\n\n'


def prepare(ctx: CompileContext) -> None:
    ctx.data.setdefault("community_sections", []).append(community_section)


def generate(ctx: CompileContext) -> None:
    by_year: dict[tuple[str, int], list[PublicRecord]] = defaultdict(list)
    for public in ctx.selection.records:
        by_year[(public.community, public.log.year)].append(public)
    for (community_id, year), records in sorted(by_year.items()):
        community = ctx.community(community_id)
        ctx.tree.write_text(
            f"communities/{community_id}/{year}.md", year_page(ctx, community, year, records)
        )
