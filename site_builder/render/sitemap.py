"""Each sitemap address dated by its page's own date, not by the day of the build.

The engines date every page with the build day (MkDocs) or not at all (Zensical). A page with a
date of its own says so in its head (`article:modified_time`, else `article:published_time`,
written by themes/material/main.html from the front matter: a story's `updated` or `date`, a
collection's date). A page without one (a listing) takes the newest date among the pages its
article links to, following listings of listings; a page that reaches no dated page has no
`<lastmod>`, which the sitemap protocol allows. Rewritten in the staged site for every engine,
with its gzip copy where the engine writes one.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit
from xml.sax.saxutils import escape, unescape

SITEMAP = "sitemap.xml"
_DATE_META = re.compile(
    r'<meta property="article:(modified|published)_time" content="(\d{4}-\d\d-\d\d)'
)
_HREF = re.compile(r'<a\s[^>]*?href="([^"#]*)')
_LOC = re.compile(r"<loc>([^<]+)</loc>")
_LEVELS = 3  # home → section → listing → dated page


def page_file(site: Path, address: str, base: str) -> Path:
    """The HTML file of a sitemap address under `base` (the site's URL)."""
    path = address.removeprefix(base).split("?")[0]
    if path == "" or path.endswith("/"):
        path += "index.html"
    return site / path


def own_date(html: str) -> str:
    """The page's own date (ISO), the modified time before the published one; '' if none."""
    found = dict((kind, day) for kind, day in _DATE_META.findall(html))
    return found.get("modified") or found.get("published") or ""


def article_links(html: str, address: str) -> set[str]:
    """The addresses the page's article links to (not its header, navigation or footer)."""
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        return set()
    links = set()
    for href in _HREF.findall(html[start:end]):
        target = urldefrag(urljoin(address, href)).url
        if not urlsplit(target).path.endswith((".jpg", ".jpeg", ".webp", ".png", ".csv", ".json")):
            links.add(target)
    return links


def page_dates(site: Path, addresses: list[str], base: str) -> dict[str, str]:
    """Each address's date: its own, else the newest of the pages its article links to."""
    dates: dict[str, str] = {}
    links: dict[str, set[str]] = {}
    for address in addresses:
        path = page_file(site, address, base)
        html = path.read_text(encoding="utf-8") if path.is_file() else ""
        dates[address] = own_date(html)
        if not dates[address]:
            links[address] = article_links(html, address)
    for _ in range(_LEVELS):
        found = {
            address: max((dates.get(target, "") for target in targets), default="")
            for address, targets in links.items()
        }
        dates.update(found)
    return dates


def date_sitemap(site: Path) -> None:
    """Rewrite `site`'s sitemap (and its .gz copy) with each page's own `<lastmod>`."""
    sitemap = site / SITEMAP
    if not sitemap.is_file():
        return
    addresses = [unescape(a) for a in _LOC.findall(sitemap.read_text(encoding="utf-8"))]
    if not addresses:
        return
    base = _common_base(addresses)
    dates = page_dates(site, addresses, base)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    for address in addresses:
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(address)}</loc>")
        if dates.get(address):
            lines.append(f"    <lastmod>{dates[address]}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    _replace(sitemap, data)
    packed = sitemap.with_name(SITEMAP + ".gz")
    if packed.is_file():
        _replace(packed, gzip.compress(data, mtime=0))


def _common_base(addresses: list[str]) -> str:
    """The site's URL: the home page is the shortest address in the sitemap."""
    return min(addresses, key=len)


def _replace(path: Path, data: bytes) -> None:
    # The staged file may be a hard link to the previous site: write a new file in its place.
    path.unlink()
    path.write_bytes(data)
