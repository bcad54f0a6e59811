"""The loader on good and bad input: each bad case asserts its message and its line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.commands.main import main
from site_builder.compiler import load_and_check
from site_builder.diagnostics import Diagnostic, Diagnostics
from site_builder.load.reader import load_site
from site_builder.model.common import Audience, Status
from site_builder.project import Project
from site_builder.selection import BuildOptions

Write = Callable[[str, str], Path]

STORY = """---
title: 测试故事
date: 2025-03-01
community: fengze
narrator:
  name: 测试员
  role: 网格员
audiences: [elderly]
tags: [测试]
summary: 一个用于测试的故事。
status: published
---
正文第一段。
"""


def diagnostics_for(project: Project) -> list[Diagnostic]:
    diagnostics = Diagnostics()
    load_and_check(project, BuildOptions(), diagnostics)
    return diagnostics.sorted()


def only_error(project: Project, path: str) -> Diagnostic:
    found = [d for d in diagnostics_for(project) if d.path == path]
    assert len(found) == 1, found
    return found[0]


def test_sample_content_loads_cleanly(project: Project) -> None:
    diagnostics = Diagnostics()
    site = load_site(project, diagnostics)
    assert site is not None
    assert diagnostics.sorted() == []
    assert set(site.communities) == {"fengze", "taihe", "jixiangyuan"}
    theatre = site.stories["taihe-yige-guanzhong-de-juchang"]
    assert theatre.community == "taihe"
    assert theatre.narrator.name == "赵琳琳"
    assert theatre.status is Status.PUBLISHED
    assert Audience.ELDERLY in theatre.audiences
    assert site.stories["fengze-zhiyuan-daji"].status is Status.DRAFT
    assert site.communities["jixiangyuan"].profile.households == 3660
    assert site.collections["shouhu-zhaoxi-meihao"].stories[1].story == theatre.slug
    assert diagnostics_for(project) == []


# (replace, by, line, column, message): one mistake in STORY each (also run through check and
# build in test_check_build_parity.py).
BAD_STORIES: list[tuple[str, str, int, int, str]] = [
    ("title:", "titel:", 2, 1, "未知字段 “titel”,是不是 “title”?"),
    ("title:", "标题:", 2, 1, "未知字段 “标题”,是不是 “title”?"),
    ("tags: [测试]", "tags: 测试", 9, 7, "“tags” 应是列表"),
    ("date: 2025-03-01", "date: 2025-02-30", 3, 7, "“date” 不是有效日期(2025-02-30)"),
    ("date: 2025-03-01", "date: 2025-13-01", 3, 7, "不是有效日期"),
    ("summary: 一个用于测试的故事。", "summary: 12345", 10, 10, "“summary” 应是文本"),
    ("status: published", "status: 发布", 11, 9, "“status” 的值 “发布” 不可用"),
    ("audiences: [elderly]", "audiences: [old]", 8, 13, "“audiences” 的值 “old” 不可用"),
    ("  role: 网格员\n", "", 5, 1, "缺少必填字段 “role”"),
    ("community: fengze", "community: nowhere", 4, 12, "社区 “nowhere” 不存在"),
    (
        "summary: 一个用于测试的故事。",
        "summary: a\nsummary: b",
        11,
        1,
        "重复的键 “summary”(第 10 行已有)",
    ),
    ("正文第一段。", "正文\n\n![图](x.jpg)", 15, 1, "正文中不能直接插入图片"),
    ("tags: [测试]", "tags: &t [测试]", 9, 7, "不允许使用 YAML 锚点(&t)"),
    ("tags: [测试]", "tags: " + "[" * 40 + "]" * 40, 9, 38, "嵌套过深"),
    ("summary: 一个用于测试的故事。", "summary: 13912345678", 10, 10, "“summary” 应是文本"),
    ("audiences: [elderly]", "audiences: [elderly]\nprivate: no", 9, 1, "未知字段 “private”"),
    ("tags: [测试]", "tags: [测试]\ncover: 封面.jpg", 10, 8, "cover “封面.jpg” 不在 photos 列表中"),
]


@pytest.mark.parametrize(("replace", "by", "line", "column", "message"), BAD_STORIES)
def test_bad_story(
    project: Project, write: Write, replace: str, by: str, line: int, column: int, message: str
) -> None:
    assert replace in STORY
    write("content/stories/bad-story.md", STORY.replace(replace, by, 1))
    error = only_error(project, "content/stories/bad-story.md")
    assert (error.line, error.column) == (line, column)
    assert message in error.message


def test_missing_front_matter(project: Project, write: Write) -> None:
    write("content/stories/no-front.md", "# 标题\n\n正文\n")
    error = only_error(project, "content/stories/no-front.md")
    assert (error.line, error.column) == (1, 1)
    assert "缺少 YAML 前置信息" in error.message


def test_unclosed_front_matter(project: Project, write: Write) -> None:
    write("content/stories/open-front.md", "---\ntitle: x\n")
    assert "没有结束标记" in only_error(project, "content/stories/open-front.md").message


def test_front_matter_syntax_error_is_not_published_as_text(project: Project, write: Write) -> None:
    write("content/stories/syntax.md", STORY.replace("tags: [测试]", "tags: [测试"))
    error = only_error(project, "content/stories/syntax.md")
    assert error.line == 10
    assert "方括号或花括号没有闭合" in error.message


def test_file_name_must_be_a_slug(project: Project, write: Write) -> None:
    write("content/stories/中文名.md", STORY)
    assert (
        "只能用小写字母、数字和连字符" in only_error(project, "content/stories/中文名.md").message
    )


def test_not_utf8(project: Project) -> None:
    path = project.root / "content/stories/gbk.md"
    path.write_bytes(STORY.encode("gbk"))
    assert "不是 UTF-8" in only_error(project, "content/stories/gbk.md").message


def test_collection_naming_missing_story(project: Project, write: Write) -> None:
    path = "content/collections/shouhu-zhaoxi-meihao.md"
    text = (project.root / path).read_text(encoding="utf-8")
    write(path, text.replace("story: taihe-yige-guanzhong-de-juchang", "story: no-such-story"))
    error = only_error(project, path)
    assert "故事 “no-such-story” 不存在" in error.message
    lines = text.split("\n")
    expected = next(i for i, ln in enumerate(lines, 1) if "taihe-yige-guanzhong-de-juchang" in ln)
    assert error.line == expected


def test_activity_record_errors(project: Project, write: Write) -> None:
    write(
        "content/activities/fengze/2023.yml",
        "activities:\n"
        "  - date: 2023-03-05\n"
        "    title: 义诊\n"
        "    category: health\n"
        "    beneficiaries: -5\n"
        "  - date: 2023-04-31\n"
        "    title: 讲座\n"
        "    category: health\n"
        "  - date: 2023-05-01\n"
        "    title: 未知\n"
        "    category: sports\n"
        "  - date: 2023-05-02\n"
        "    title: 捐赠\n"
        "    category: donation\n"
        "    donations: {cash: 22000元}\n"
        "  - date: 2023-05-03\n"
        "    title: 系列\n"
        "    category: culture\n"
        "    sessions: 2.5\n",
    )
    found = [
        (d.line, d.column, d.message)
        for d in diagnostics_for(project)
        if d.path == "content/activities/fengze/2023.yml"
    ]
    assert [(line, column) for line, column, _ in found] == [
        (5, 20),
        (6, 11),
        (11, 15),
        (15, 23),
        (19, 15),
    ]
    assert "“beneficiaries” 不能为负数(-5)" in found[0][2]
    assert "不是有效日期" in found[1][2]
    assert "未知类别 “sports”" in found[2][2] and "health(健康服务)" in found[2][2]
    assert "写作 22000" in found[3][2]
    assert "不能有小数" in found[4][2]


def test_all_errors_reported_together(project: Project, write: Write) -> None:
    write("content/stories/bad-one.md", STORY.replace("title:", "titel:"))
    write("content/stories/bad-two.md", STORY.replace("community: fengze", "community: x"))
    paths = {d.path for d in diagnostics_for(project)}
    assert {"content/stories/bad-one.md", "content/stories/bad-two.md"} <= paths


def test_check_command_names_the_broken_story(
    project: Project, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("content/stories/broken.md", STORY.replace("date: 2025-03-01", "date: 2025-02-30"))
    before = sorted(p.as_posix() for p in project.root.rglob("*"))
    code = main(["--project", str(project.root), "check"])
    out = capsys.readouterr().out
    assert code == 1
    assert "content/stories/broken.md:3:7: 错误:" in out
    assert "Traceback" not in out
    assert sorted(p.as_posix() for p in project.root.rglob("*")) == before  # check writes nothing


def test_check_passes_on_sample(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(project.root), "check"]) == 0
    assert "检查通过" in capsys.readouterr().out


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["build", "--as-of", "yesterday"])
    assert caught.value.code == 2
    assert "用法错误" in capsys.readouterr().err


def test_english_messages(
    project: Project, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("content/stories/broken.md", STORY.replace("title:", "titel:"))
    assert main(["--lang", "en", "--project", str(project.root), "check"]) == 1
    assert "unknown key 'titel'; did you mean 'title'?" in capsys.readouterr().out


def test_compile_command_writes_only_the_compiled_tree(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--project", str(project.root), "compile", "-j", "1"]) == 0
    assert (project.compiled_dir / "stories/taihe-yige-guanzhong-de-juchang/index.md").is_file()
    assert not project.site_dir.exists()
    assert "已编译到" in capsys.readouterr().out
