"""A page per community (profile figures, its stories), and the list of communities."""

from __future__ import annotations

import re

from site_builder.i18n import t
from site_builder.model import Community
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.pages.html import card_list, story_card
from site_builder.pages.templating import render

PROFILE_LABELS = {
    "buildings": ("居民楼(栋)", "Residential buildings"),
    "households": ("住户(户)", "Households"),
    "residents": ("常住人口(人)", "Residents"),
    "residents_over_60": ("60岁以上老人(人)", "Residents over 60"),
    "residents_over_70": ("70岁以上老人(人)", "Residents over 70"),
    "children": ("儿童(人)", "Children"),
    "volunteers": ("志愿者(人)", "Volunteers"),
    "partner_units": ("共建单位(家)", "Partner organisations"),
}


def profile_rows(community: Community) -> list[tuple[str, str]]:
    """(label, figure as shown) for each profile figure the community gives."""
    profile = community.profile
    rows = []
    for field, (zh, en) in PROFILE_LABELS.items():
        value = getattr(profile, field)
        if value is None:
            continue
        shown = f"{value:,}" + (t("余", "+") if profile.approximate else "")
        rows.append((t(zh, en), shown))
    return rows


def profile_caption(community: Community) -> str:
    caption = t("社区概况", "Profile")
    if community.profile.year:
        caption += t("({year}年)", " ({year})", year=community.profile.year)
    return caption


def community_page(ctx: CompileContext, community: Community) -> str:
    url = urls.COMMUNITY.format(id=community.id)
    stories = ctx.selection.stories_of(community.id)
    return render(
        "community.md",
        community=community,
        # What a phone dials: the digits and a leading +, without the spaces and hyphens.
        dialled=re.sub(r"[^\d+]", "", community.office_phone),
        profile=profile_rows(community),
        profile_caption=profile_caption(community),
        sections=[section(ctx, community, url) for section in ctx.community_sections],
        cards=card_list(story_card(s, url, community.name) for s in stories),
    )


def generate(ctx: CompileContext) -> None:
    url = urls.COMMUNITIES
    rows = []
    for community in ctx.selection.communities:
        page_url = urls.COMMUNITY.format(id=community.id)
        ctx.tree.write_page(page_url, community_page(ctx, community))
        rows.append(
            {
                "link": urls.href(url, page_url),
                "name": community.name,
                "city": community.city,
                "district": community.district,
                "street": community.street,
                "count": len(ctx.selection.stories_of(community.id)),
            }
        )
    ctx.tree.write_page(url, render("communities.md", communities=rows))
