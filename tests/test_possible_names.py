"""Possible real full names in stories: a warning at the name, unless it is the narrator's, a
declared pseudonym, acknowledged, or a form of address or a place."""

from __future__ import annotations

import pytest
from test_privacy_gate import diagnostics, edit, line_of

from site_builder.checks.names import candidates
from site_builder.diagnostics import Severity
from site_builder.project import Project

STORY = "content/stories/jixiangyuan-tongxinyuan.md"
ANCHOR = "吉祥园社区的居民楼共74栋"


def _names(project: Project) -> list[str]:
    return [d.message for d in diagnostics(project) if d.code == "possible-name"]


def test_a_resident_named_in_passing_is_a_warning_at_the_name(project: Project) -> None:
    edit(project, STORY, ANCHOR, "楼长孙志强说," + ANCHOR)
    (found,) = [d for d in diagnostics(project) if d.code == "possible-name"]
    assert found.severity is Severity.WARNING
    assert found.path == STORY
    line = line_of(project, STORY, "孙志强")
    assert (found.line, found.column) == (line, 3)
    assert "孙**" in found.message and "孙志强" not in found.message
    assert "acknowledged_names" in found.message


def test_an_acknowledged_name_passes(project: Project) -> None:
    edit(project, STORY, ANCHOR, "楼长孙志强说," + ANCHOR)
    edit(project, STORY, "acknowledged_terms:", "acknowledged_names: [孙志强]\nacknowledged_terms:")
    assert _names(project) == []


def test_a_pseudonym_typed_with_full_width_brackets_passes(project: Project) -> None:
    edit(project, STORY, ANCHOR, "秦桂兰（化名）说," + ANCHOR)
    edit(project, STORY, "pseudonyms: [", "pseudonyms: [秦桂兰, ")
    assert [
        d for d in diagnostics(project) if "化名" in d.message or d.code == "possible-name"
    ] == []


def test_a_full_name_beside_a_pseudonym_is_caught(project: Project) -> None:
    edit(project, STORY, ANCHOR, "秦桂兰（化名）本名刘桂芳," + ANCHOR)
    edit(project, STORY, "pseudonyms: [", "pseudonyms: [秦桂兰, ")
    (message,) = _names(project)
    assert "刘**" in message


def test_the_privacy_marker_silences_a_line(project: Project) -> None:
    edit(project, STORY, ANCHOR, "楼长孙志强说, <!-- privacy-ok: 本人同意 -->" + ANCHOR)
    assert _names(project) == []


@pytest.mark.parametrize(
    "text",
    [
        "网格员王姐发现独居的张奶奶没有按时来取药。",  # forms of address
        "邵大爷和李书记一起去了惠泽家园。",  # address, title and a place
        "学习雷锋好榜样,让阳光照进每个角落。",  # the dictionary's famous and everyday words
        "老人终于圆了“安居梦”,搬出了车库里。",  # a word and a character
    ],
)
def test_what_is_not_a_full_name(text: str) -> None:
    assert candidates(text) == []


def test_common_full_names_are_found() -> None:
    text = "志愿者张建国、李秀英和欧阳明辉,居民刘桂芳、王芳、陈静。"
    assert [name for _, name in candidates(text)] == [
        "张建国", "李秀英", "欧阳明", "刘桂芳", "王芳", "陈静",
    ]  # fmt: skip
