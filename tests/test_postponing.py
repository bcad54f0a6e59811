"""Postponing or withdrawing a story needs no other file edited: the activity records and
collection entries that link it keep their links, a build leaves them out (saying so, with the
story's status or date, as information that stops nothing) and puts them back once the story
is public. A link to a story that does not exist is still an error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import copy_project
from test_editorial import output_texts, page
from test_privacy_gate import edit

from site_builder.commands.main import main
from site_builder.compiler import check_site
from site_builder.diagnostics import Diagnostics, Severity
from site_builder.i18n import set_language
from site_builder.load.reader import load_site
from site_builder.project import Project
from site_builder.render.build import build_site
from site_builder.selection import BuildOptions, select

SLUG = "fengze-lianxin-huayuan"
STORY = f"content/stories/{SLUG}.md"
LOG = "content/activities/fengze/2025.yml"
COLLECTION = "content/collections/shouhu-zhaoxi-meihao.md"
HEADLINE = "答案就在琐碎而坚韧的日常"  # the collection's headline for the story
LATER = dt.date.today() + dt.timedelta(days=40)


def _checked(project: Project) -> Diagnostics:
    found = Diagnostics()
    check_site(project, BuildOptions(), found)
    return found


@pytest.fixture(scope="module")
def withdrawn(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Diagnostics, Path]:
    """The sample built with one linked story set back to review."""
    set_language("zh")
    root = tmp_path_factory.mktemp("withdrawn")
    project = copy_project(root / "project")
    edit(project, STORY, "status: published", "status: review")
    diagnostics = Diagnostics()
    report = build_site(project, BuildOptions(), diagnostics, site_dir=root / "site", workers=1)
    assert report.ok, [str(d) for d in diagnostics.sorted()]
    return project, diagnostics, root / "site"


@pytest.mark.slow
def test_withdrawn_story_builds_with_a_note_at_each_link(
    withdrawn: tuple[Project, Diagnostics, Path],
) -> None:
    _, diagnostics, _ = withdrawn
    assert not diagnostics.errors and not diagnostics.warnings
    notes = diagnostics.infos
    assert {d.path for d in notes} == {LOG, COLLECTION}
    assert len([d for d in notes if d.path == LOG]) == 3  # the three records that link it
    for note in notes:
        assert note.message == f"故事 “{SLUG}” 还是待审,这里暂不链接它;发布后链接自动出现"
        line = (Path(withdrawn[0].root) / note.path).read_text(encoding="utf-8").split("\n")
        assert SLUG in line[note.line - 1]


@pytest.mark.slow
def test_withdrawn_story_is_nowhere_in_the_site(
    withdrawn: tuple[Project, Diagnostics, Path],
) -> None:
    site = withdrawn[2]
    texts = output_texts(site)
    assert not [name for name, text in texts.items() if SLUG in text or SLUG in name]
    collection = page(site, "collections/shouhu-zhaoxi-meihao")
    assert HEADLINE not in collection and "共 2 篇" in collection
    assert "3 篇" not in page(site, "collections")


def test_scheduled_story_note_names_its_date(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project, STORY, "date: 2025-05-20", f"date: {LATER.isoformat()}")
    found = _checked(project)
    assert not found.errors and not found.warnings
    expected = f"故事 “{SLUG}” 将于 {LATER.isoformat()} 发布,届时链接自动出现"
    assert {d.message for d in found.infos} == {expected}
    assert all(d.severity is Severity.INFO for d in found.infos)
    assert main(["--project", str(project.root), "check"]) == 0
    out = capsys.readouterr().out
    assert f"{COLLECTION}:10:12: 提示: {expected}" in out and "检查通过" in out


def test_scheduled_story_note_in_english(project: Project) -> None:
    edit(project, STORY, "status: published", "status: draft")
    set_language("en")
    (message,) = {d.message for d in _checked(project).infos}
    assert (
        message
        == f"story '{SLUG}' is a draft, so it is not linked here yet; the link appears once it is published"
    )


def test_link_to_a_story_that_does_not_exist_is_still_an_error(project: Project) -> None:
    edit(project, LOG, f"story: {SLUG}", "story: fengze-no-such-story")
    edit(project, COLLECTION, f"story: {SLUG}", "story: fengze-no-such-story")
    found = _checked(project)
    errors = [d for d in found.errors if "fengze-no-such-story" in d.message]
    assert {d.path for d in errors} == {LOG, COLLECTION}
    assert all("不存在" in d.message for d in errors)


def test_a_collection_whose_every_story_waits_waits_too(project: Project) -> None:
    for slug in (
        "fengze-lianxin-huayuan",
        "taihe-yige-guanzhong-de-juchang",
        "jixiangyuan-tongxinyuan",
    ):
        edit(project, f"content/stories/{slug}.md", "status: published", "status: review")
    found = _checked(project)
    assert not found.errors and not found.warnings
    (waiting,) = [d for d in found.infos if d.code == "collection-waits"]
    assert waiting.path == COLLECTION and "暂不发布" in waiting.message
    selection = select(load_site(project, Diagnostics()) or pytest.fail(), BuildOptions())
    assert selection.collections == []
