"""Every template override in themes/ rendered by both engines (issue 13).

MkDocs renders `custom_dir` with Jinja2, Zensical with MiniJinja, which has no Python methods
and skips nothing loudly enough: an override that one engine cannot find, or whose include it
ignores, would quietly give that engine's own header, search or base page. Each override
carries `data-sb-mark="<its path under themes/material>"`; both engines' builds of the sample
site must show every mark, on the home page and on a story page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT

from site_builder.diagnostics import Diagnostics
from site_builder.project import Project
from site_builder.render.build import BuildReport

THEME = ROOT / "themes" / "material"
PAGES = ("index.html", "stories/fengze-lianxin-huayuan/index.html")
# Templates of one page only, each with that page: the rest show on every page.
PAGE_TEMPLATES = {"404.html": "404.html"}
Built = tuple[Project, BuildReport, Diagnostics]


def overrides() -> list[str]:
    return sorted(p.relative_to(THEME).as_posix() for p in THEME.rglob("*.html"))


def test_the_theme_has_the_overrides_this_file_knows() -> None:
    assert overrides() == [
        "404.html",
        "main.html",
        "partials/copyright.html",
        "partials/header.html",
        "partials/sb-a11y.html",
        "partials/search.html",
    ]


@pytest.mark.parametrize("override", overrides())
def test_every_override_marks_itself(override: str) -> None:
    assert f'data-sb-mark="{override}"' in (THEME / override).read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES)
def test_each_engine_renders_every_override(engine_site: Path, page: str) -> None:
    html = (engine_site / page).read_text(encoding="utf-8")
    shown = set(re.findall(r'data-sb-mark="([^"]+)"', html))
    assert shown == set(overrides()) - set(PAGE_TEMPLATES), page


@pytest.mark.parametrize("template", sorted(PAGE_TEMPLATES))
def test_each_engine_renders_every_page_template(engine_site: Path, template: str) -> None:
    html = (engine_site / PAGE_TEMPLATES[template]).read_text(encoding="utf-8")
    shown = set(re.findall(r'data-sb-mark="([^"]+)"', html))
    assert shown == set(overrides()), template


def test_no_template_calls_a_python_method() -> None:
    """MiniJinja has Jinja's filters and tests but not str/dict methods (`.startswith`,
    `.get`, `.items`): Zensical stops at the first. `lang.t(...)` is the themes' own helper,
    given by both engines, and `super()` is a block call."""
    allowed = {"t", "super"}
    found = []
    for override in overrides():
        text = (THEME / override).read_text(encoding="utf-8")
        for tag in re.findall(r"\{[{%](.*?)[%}]\}", text, re.S):
            # Quoted text is not code: 'assets/search.js', '# results'.
            code = re.sub(r"'[^']*'|\"[^\"]*\"", "''", tag)
            for before, name in re.findall(r"(\|\s*|\bis\s+)?\b([A-Za-z_]\w*)\s*\(", code):
                # A filter's or a test's arguments (`| d(x, true)`, `is divisibleby(3)`).
                if not before and name not in allowed:
                    found.append(f"{override}: {name}( in {{{tag.strip()}}}")
    assert found == []


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        key = found.get("property") or found.get("name")
        if tag == "meta" and key and (key.startswith("og:") or key.startswith("twitter:")):
            self.meta[key] = found.get("content") or ""


def sharing_cards(site: Path, page: str) -> dict[str, str]:
    parser = _Meta()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser.meta


def test_main_html_gives_the_same_sharing_cards_under_both_engines(
    built: Built, built_zensical: Built
) -> None:
    """main.html's logic (page.meta fallbacks, site_url joins) comes out alike in MiniJinja."""
    for page in PAGES:
        mkdocs = sharing_cards(built[0].site_dir, page)
        assert {"og:title", "og:type", "og:url", "twitter:card"} <= mkdocs.keys(), page
        assert sharing_cards(built_zensical[0].site_dir, page) == mkdocs, page
