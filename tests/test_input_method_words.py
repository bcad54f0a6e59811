"""Chinese as staff type it where the model has English ids: full-width brackets around 化名,
status words, and lists of choices said in Chinese (English with --lang en)."""

from __future__ import annotations

import pytest
from test_privacy_gate import diagnostics, edit

from site_builder.compiler import load_and_check
from site_builder.diagnostics import Diagnostics, Severity
from site_builder.i18n import set_language
from site_builder.load.reader import load_site
from site_builder.model.common import Status
from site_builder.project import Project
from site_builder.selection import BuildOptions

STORY = "content/stories/fengze-lianxin-huayuan.md"
PSEUDONYM_STORY = "content/stories/jixiangyuan-tongxinyuan.md"
COLLECTION = "content/collections/shouhu-zhaoxi-meihao.md"
LOG = "content/activities/taihe/2025.yml"


def test_pseudonym_in_full_width_brackets_is_declared(project: Project) -> None:
    edit(project, PSEUDONYM_STORY, "小宇航(化名)", "小宇航（化名）")
    assert not [d for d in diagnostics(project) if "化名" in d.message]


def test_pseudonym_without_any_brackets_still_warns(project: Project) -> None:
    edit(project, PSEUDONYM_STORY, "小宇航(化名)", "小宇航 化名")
    (found,) = [d for d in diagnostics(project) if "化名" in d.message]
    assert found.severity is Severity.WARNING


@pytest.mark.parametrize(
    ("word", "status"),
    [("已发布", Status.PUBLISHED), ("草稿", Status.DRAFT), ("待审", Status.REVIEW)],
)
def test_status_takes_chinese_words(project: Project, word: str, status: Status) -> None:
    edit(project, STORY, "status: published", f"status: {word}")
    edit(project, COLLECTION, "status: published", f"status: {word}")
    found = Diagnostics()
    site = load_site(project, found)
    assert site is not None and not found.errors
    assert site.stories["fengze-lianxin-huayuan"].status is status
    assert site.collections["shouhu-zhaoxi-meihao"].status is status


def test_activity_status_takes_chinese_words(project: Project) -> None:
    edit(project, LOG, "    title: ", "    status: 草稿\n    title: ")
    found = Diagnostics()
    site = load_site(project, found)
    assert site is not None and not found.errors
    log = next(g for g in site.activity_logs if g.community == "taihe" and g.year == 2025)
    assert log.activities[0].status is Status.DRAFT


def _status_error(project: Project) -> str:
    edit(project, STORY, "status: published", "status: 发表")
    found = Diagnostics()
    load_and_check(project, BuildOptions(), found)
    (error,) = found.errors
    return error.message


def test_choices_in_a_chinese_message_are_joined_in_chinese(project: Project) -> None:
    message = _status_error(project)
    assert "draft、review 或 published" in message
    assert " or " not in message and "'" not in message


def test_choices_in_english_stay_english(project: Project) -> None:
    set_language("en")
    message = _status_error(project)
    assert "draft, review or published" in message


def test_known_communities_are_listed_in_chinese(project: Project) -> None:
    edit(project, STORY, "community: fengze", "community: nowhere")
    found = Diagnostics()
    load_and_check(project, BuildOptions(), found)
    message = next(d.message for d in found.errors if "nowhere" in d.message)
    assert "fengze、jixiangyuan 或 taihe" in message


def test_a_fixed_choice_in_the_settings_is_said_in_chinese(project: Project) -> None:
    path = project.root / "content" / "site.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\nengine: hugo\n", encoding="utf-8")
    found = Diagnostics()
    load_and_check(project, BuildOptions(), found)
    (error,) = found.errors
    assert error.message == "“engine” 的值 “hugo” 不可用,可选:mkdocs 或 zensical"
