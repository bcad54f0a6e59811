"""Each community's activity log, a page a year: published records only, with their photos."""

from __future__ import annotations

from site_builder.build import BuildReport
from site_builder.diagnostics import Diagnostics
from site_builder.project import Project

Built = tuple[Project, BuildReport, Diagnostics]


def test_year_page_lists_published_records_with_photos(built: Built) -> None:
    site = built[0].site_dir
    html = (site / "communities/taihe/2025/index.html").read_text(encoding="utf-8")
    assert "一个观众的剧场" in html
    assert "3,196" in html
    assert 'class="sb-photo"' in html  # the theatre record's photo
    community = (site / "communities/taihe/index.html").read_text(encoding="utf-8")
    assert 'href="../../communities/taihe/2025/"' in community


def test_draft_and_private_records_stay_out(built: Built) -> None:
    project = built[0]
    logs = "".join(
        path.read_text(encoding="utf-8")
        for path in (project.content_dir / "activities").rglob("*.yml")
    )
    hidden = []
    for block in logs.split("\n  - ")[1:]:
        if "status: draft" in block or "private: true" in block:
            hidden.append(
                next(
                    line.split("title:", 1)[1].strip()
                    for line in block.split("\n")
                    if "title:" in line
                )
            )
    assert len(hidden) == 2
    pages = "".join(
        path.read_text(encoding="utf-8")
        for path in (project.site_dir / "communities").rglob("*.html")
    )
    for title in hidden:
        assert title not in pages


def test_every_record_has_an_anchor(built: Built) -> None:
    html = (built[0].site_dir / "communities/jixiangyuan/2024/index.html").read_text(
        encoding="utf-8"
    )
    assert 'id="a-2024-1"' in html


def test_activity_ledgers_are_left_out_of_search(built: Built) -> None:
    site = built[0].site_dir
    ledger = (site / "communities/taihe/2025/index.html").read_text(encoding="utf-8")
    story = (site / "stories/taihe-yige-guanzhong-de-juchang/index.html").read_text(
        encoding="utf-8"
    )
    assert "data-pagefind-body" not in ledger
    assert "data-pagefind-body" in story
