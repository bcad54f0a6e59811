"""A community's public office phone and website are on its page, and the privacy gate lets
the office phone through there as everywhere."""

from __future__ import annotations

import pytest
from test_check import checked

from site_builder.compiler import compile_site
from site_builder.diagnostics import Diagnostics, Severity
from site_builder.project import Project
from site_builder.render.build import build_site
from site_builder.selection import BuildOptions

COMMUNITY = "content/communities/fengze.yml"
PHONE = "024-2345 6789"


def contact(project: Project, phone: str, website: str) -> None:
    path = project.root / COMMUNITY
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f'office_phone: "{phone}"\nwebsite: "{website}"\n', encoding="utf-8")


def test_community_page_shows_office_phone_and_website(project: Project) -> None:
    contact(project, PHONE, "https://fengze.example.cn/")
    # The same number in a story is the office's public line too: not a finding.
    story = project.root / "content/stories/fengze-zhiyuan-daji.md"
    story.write_text(
        story.read_text(encoding="utf-8") + f"\n想报名的居民请打社区电话 {PHONE}。\n",
        encoding="utf-8",
    )
    assert checked(project) == []

    diagnostics = Diagnostics()
    assert compile_site(project, BuildOptions(), diagnostics, workers=1) is not None
    assert not diagnostics.errors and not diagnostics.warnings, diagnostics.sorted()
    page = (project.compiled_dir / "communities/fengze/index.md").read_text(encoding="utf-8")
    assert f'办公电话:<a href="tel:02423456789">{PHONE}</a>' in page
    assert '网站:<a href="https://fengze.example.cn/">https://fengze.example.cn/</a>' in page
    other = (project.compiled_dir / "communities/taihe/index.md").read_text(encoding="utf-8")
    assert "sb-contact" not in other  # nothing shown where nothing is given


@pytest.mark.parametrize("website", ["fengze.cn", "javascript:alert(1)", "www.fengze.cn"])
def test_website_must_be_a_web_address(project: Project, website: str) -> None:
    contact(project, "", website)
    lines = (project.root / COMMUNITY).read_text(encoding="utf-8").split("\n")
    found = [d for d in checked(project) if d.severity is Severity.ERROR]
    assert [(d.path, d.line) for d in found] == [
        (COMMUNITY, lines.index(f'website: "{website}"') + 1)
    ]
    assert "http://" in found[0].message


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_both_engines_publish_the_links(project: Project, engine: str) -> None:
    contact(project, PHONE, "https://fengze.example.cn/")
    diagnostics = Diagnostics()
    report = build_site(project, BuildOptions(), diagnostics, workers=1, engine=engine)
    assert report.ok, diagnostics.sorted()
    page = (project.site_dir / "communities/fengze/index.html").read_text(encoding="utf-8")
    assert '<a href="tel:02423456789">024-2345 6789</a>' in page
    assert '<a href="https://fengze.example.cn/">https://fengze.example.cn/</a>' in page
