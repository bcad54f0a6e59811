"""A page per community (profile figures, its stories), and the list of communities."""

from __future__ import annotations

from site_builder.i18n import t
from site_builder.markup import render_markdown
from site_builder.model import Community
from site_builder.output import urls
from site_builder.output.context import CompileContext
from site_builder.pages.html import card_list, e, front_matter, story_card, table

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


def profile_table(community: Community) -> str:
    profile = community.profile
    rows = []
    for field, (zh, en) in PROFILE_LABELS.items():
        value = getattr(profile, field)
        if value is None:
            continue
        shown = f"{value:,}" + (t("余", "+") if profile.approximate else "")
        rows.append(f'<tr><th scope="row">{e(t(zh, en))}</th><td>{e(shown)}</td></tr>')
    if not rows:
        return ""
    caption = t("社区概况", "Profile")
    if profile.year:
        caption += t("({year}年)", " ({year})", year=profile.year)
    return (
        f'<table class="sb-profile">\n<caption>{e(caption)}</caption>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n\n"
    )


def community_page(ctx: CompileContext, community: Community) -> str:
    url = urls.COMMUNITY.format(id=community.id)
    stories = ctx.selection.stories_of(community.id)
    place = f"{community.city} {community.district} {community.street}"
    parts = [
        front_matter(community.name, community.description.strip()[:120]),
        f"# {e(community.name)}\n\n",
        f'<p class="sb-place">{e(place)}</p>\n\n',
        render_markdown(community.description) + "\n\n" if community.description else "",
        profile_table(community),
    ]
    for section in ctx.community_sections:
        parts.append(section(ctx, community, url))
    parts.append(f"## {e(t('社区故事', 'Stories'))}\n\n")
    if stories:
        parts.append(card_list(story_card(s, url, community.name) for s in stories))
    else:
        parts.append(e(t("还没有发布的故事。", "No stories have been published yet.")) + "\n")
    return "".join(parts)


def generate(ctx: CompileContext) -> None:
    url = urls.COMMUNITIES
    rows = []
    for community in ctx.selection.communities:
        page_url = urls.COMMUNITY.format(id=community.id)
        ctx.tree.write_page(page_url, community_page(ctx, community))
        link = urls.href(url, page_url)
        count = len(ctx.selection.stories_of(community.id))
        rows.append(
            f'<tr><td><a href="{e(link)}">{e(community.name)}</a></td><td>{e(community.city)}</td>'
            f"<td>{e(community.district)}</td><td>{e(community.street)}</td><td>{count}</td></tr>"
        )
    title = t("社区", "Communities")
    headings = (
        t("社区", "Community"),
        t("城市", "City"),
        t("区", "District"),
        t("街道", "Street"),
        t("故事", "Stories"),
    )
    listing = table(headings, rows) + "\n"
    ctx.tree.write_page(
        url,
        front_matter(title, t("参与的社区", "Participating communities"))
        + f"# {e(title)}\n\n"
        + listing,
    )
