"""What our output stage makes of each engine's site: only files a reader fetches, a sitemap
dated by the pages (render/unused_files.py, render/sitemap.py), sharing cards, QR codes."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import segno

from site_builder.diagnostics import Diagnostics
from site_builder.project import Project
from site_builder.render.build import BuildReport
from site_builder.render.sitemap import date_sitemap
from site_builder.render.unused_files import drop_pagefind_ui, drop_theme_extras

Built = tuple[Project, BuildReport, Diagnostics]
BASE = "https://example.org/"
LOC = re.compile(r"<loc>([^<]+)</loc>\s*(?:<lastmod>([^<]+)</lastmod>)?")


def lastmods(sitemap: str) -> dict[str, str]:
    return {loc: day for loc, day in LOC.findall(sitemap)}


def test_no_source_map_theme_search_or_pagefind_interface_is_published(engine_site: Path) -> None:
    site = engine_site
    files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    unused = [
        f
        for f in files
        if f.endswith(".map")
        or "/lunr/" in f
        or "/workers/" in f
        or "-ui." in f
        or f.endswith("pagefind-highlight.js")
    ]
    assert unused == []
    # Search still has what the box loads (themes/material/assets/search.js).
    assert {"pagefind/pagefind.js", "pagefind/pagefind-worker.js"} <= set(files)
    for script in site.glob("assets/javascripts/*.js"):
        assert b"sourceMappingURL" not in script.read_bytes(), script.name


def test_each_story_is_dated_in_the_sitemap_by_its_own_date(engine_site: Path) -> None:
    site = engine_site
    dates = lastmods((site / "sitemap.xml").read_text(encoding="utf-8"))
    stories = {loc: day for loc, day in dates.items() if "/stories/" in loc and loc.count("/") > 4}
    assert len(stories) == 3
    for loc, day in stories.items():
        html = (site / loc.split("/", 3)[3] / "index.html").read_text(encoding="utf-8")
        assert f'datetime="{day}"' in html, loc
    # A listing is as new as its newest story; the home page too.
    assert dates["https://stories.example.org/"] == max(stories.values())
    packed = site / "sitemap.xml.gz"
    if packed.is_file():
        assert gzip.decompress(packed.read_bytes()) == (site / "sitemap.xml").read_bytes()


def page(folder: Path, path: str, head: str = "", article: str = "") -> None:
    target = folder / path / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    nav = '<nav><a href="/stories/new/">not in the article</a></nav>'
    target.write_text(f"<head>{head}</head>{nav}<article>{article}</article>", encoding="utf-8")


def meta(kind: str, day: str) -> str:
    return f'<meta property="article:{kind}_time" content="{day}">'


def test_sitemap_dates_come_from_pages_and_listings(tmp_path: Path) -> None:
    page(tmp_path, "", article='<a href="stories/">all</a> <a href="tags/">tags</a>')
    page(tmp_path, "stories", article='<a href="old/">old</a><a href="../stories/edited/#x">e</a>')
    page(tmp_path, "stories/old", meta("published", "2024-03-01"))
    page(
        tmp_path, "stories/edited", meta("published", "2023-01-02") + meta("modified", "2025-02-03")
    )
    page(tmp_path, "stories/new", meta("published", "2026-01-01"))
    page(tmp_path, "tags", article='<a href="photo.jpg">a photo</a>')
    addresses = ["", "stories/", "stories/old/", "stories/edited/", "stories/new/", "tags/"]
    urls = "".join(
        f"<url><loc>{BASE}{a}</loc><lastmod>2026-12-07</lastmod></url>" for a in addresses
    )
    (tmp_path / "sitemap.xml").write_text(f"<urlset>{urls}</urlset>", encoding="utf-8")
    (tmp_path / "sitemap.xml.gz").write_bytes(b"")

    date_sitemap(tmp_path)

    written = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert lastmods(written) == {
        BASE: "2025-02-03",  # through the story list, not the navigation's newer link
        BASE + "stories/": "2025-02-03",
        BASE + "stories/old/": "2024-03-01",
        BASE + "stories/edited/": "2025-02-03",  # updated, not first published
        BASE + "stories/new/": "2026-01-01",
        BASE + "tags/": "",  # reaches no dated page: no <lastmod> at all
    }
    assert "2026-12-07" not in written
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode() == written


def test_dropping_keeps_what_pages_load(tmp_path: Path) -> None:
    scripts = tmp_path / "assets" / "javascripts"
    (scripts / "lunr" / "min").mkdir(parents=True)
    (scripts / "lunr" / "min" / "lunr.zh.min.js").write_text("x")
    (scripts / "workers").mkdir()
    (scripts / "workers" / "search.1234.min.js").write_text("x")
    (scripts / "bundle.1.min.js").write_text("code()\n//# sourceMappingURL=bundle.1.min.js.map\n")
    (scripts / "bundle.1.min.js.map").write_text("{}")
    (tmp_path / "pagefind").mkdir()
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-highlight.js"):
        (tmp_path / "pagefind" / name).write_text("x")

    assert drop_theme_extras(tmp_path) == 4
    assert drop_pagefind_ui(tmp_path, "pagefind") == 2

    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert left == ["assets/javascripts/bundle.1.min.js", "pagefind/pagefind.js"]
    assert (scripts / "bundle.1.min.js").read_text() == "code()\n"


def qr_matrix(svg: str) -> set[tuple[int, int]]:
    """The dark modules of segno's inline SVG path (`M x y.5 h n m dx dy ...`, one row each)."""
    path = re.search(r'stroke="#000" d="([^"]+)"', svg)
    assert path is not None
    dark: set[tuple[int, int]] = set()
    x = y = 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?", path.group(1)):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark |= {(int(x) + i, int(y)) for i in range(int(float(a)))}
            x += float(a)
    return dark


def test_story_and_collection_carry_the_qr_code_of_their_address(engine_site: Path) -> None:
    for path in ("stories/fengze-lianxin-huayuan/", "collections/shouhu-zhaoxi-meihao/"):
        html = (engine_site / path / "index.html").read_text(encoding="utf-8")
        svg = re.search(r'<svg role="img"[^>]*class="sb-qr".*?</svg>', html, re.S)
        assert svg is not None, path
        address = "https://stories.example.org/" + path
        assert f'value="{address}"' in html
        expected = segno.make_qr(address, error="m").svg_inline(scale=1, border=4, dark="#000")
        assert qr_matrix(svg.group(0)) == qr_matrix(expected), path
