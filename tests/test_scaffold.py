"""`site-builder new`: files that pass `check` as created, in the right place, never overwritten."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, FormatChecker

from site_builder.commands.main import main
from site_builder.compiler import load_and_check
from site_builder.diagnostics import Diagnostics
from site_builder.load.front_matter import read_markdown
from site_builder.load.yaml_source import parse_yaml
from site_builder.project import Project
from site_builder.selection import BuildOptions

SCHEMA_LINE = "# yaml-language-server: $schema="


def new(project: Project, *args: str) -> int:
    return main(["--project", str(project.root), "new", *args])


def check(project: Project) -> Diagnostics:
    diagnostics = Diagnostics()
    load_and_check(project, BuildOptions(), diagnostics)
    return diagnostics


def front_matter(path: Path) -> Any:
    return read_markdown(path.read_text(encoding="utf-8")).front_matter.data


def assert_schema_line(path: Path, kind: str, line: int) -> None:
    """The file names its schema on `line`, by a relative path that reaches the shipped file."""
    first = path.read_text(encoding="utf-8").splitlines()[line]
    assert first.startswith(SCHEMA_LINE)
    schema = (path.parent / first.removeprefix(SCHEMA_LINE)).resolve()
    assert schema.name == f"{kind}.schema.json" and schema.is_file()


def assert_valid(path: Path, data: Any, kind: str) -> None:
    first = path.read_text(encoding="utf-8").splitlines()
    line = next(x for x in first if x.startswith(SCHEMA_LINE))
    schema = json.loads((path.parent / line.removeprefix(SCHEMA_LINE)).read_text("utf-8"))
    assert list(Draft7Validator(schema, format_checker=FormatChecker()).iter_errors(data)) == []


def test_new_story_is_a_valid_draft_with_a_pinyin_name(project: Project) -> None:
    code = new(project, "story", "--community", "fengze", "--title", "楼道里的读书角")
    assert code == 0
    path = project.content_dir / "stories" / "fengze-loudao-li-de-dushu-jiao.md"
    assert path.is_file()
    data = front_matter(path)
    assert data["title"] == "楼道里的读书角"
    assert data["community"] == "fengze"
    assert data["status"] == "draft"
    assert data["date"] == dt.date.today().isoformat()
    # Every field of the model is written out, each under a comment.
    text = path.read_text(encoding="utf-8")
    for name in ("audiences", "tags", "summary", "updated", "cover", "photos", "pseudonyms"):
        assert f"\n{name}:" in text
        before = text.split(f"\n{name}:")[0].rsplit("\n", 1)[-1]
        assert before.startswith("#"), f"{name} has no comment above it"
    assert_schema_line(path, "story", 1)
    assert_valid(path, data, "story")
    diagnostics = check(project)
    assert not diagnostics.errors
    assert [d for d in diagnostics if d.path.endswith(path.name)] == []


def test_new_refuses_to_overwrite(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("story", "--community", "taihe", "--title", "剧场", "--date", "2025-09-01")
    assert new(project, *args) == 0
    path = project.content_dir / "stories" / "taihe-juchang.md"
    path.write_text(path.read_text(encoding="utf-8") + "已经写好的正文。\n", encoding="utf-8")
    before = path.read_bytes()
    capsys.readouterr()
    assert new(project, *args) == 1
    assert "不会覆盖" in capsys.readouterr().out
    assert path.read_bytes() == before
    # Another name is one option away.
    assert new(project, *args, "--slug", "taihe-juchang-2") == 0
    assert (path.parent / "taihe-juchang-2.md").is_file()
    # Collections and communities refuse the same way.
    sample = project.content_dir / "collections" / "shouhu-zhaoxi-meihao.md"
    sample_bytes = sample.read_bytes()
    assert new(project, "collection", "--title", "x", "--slug", "shouhu-zhaoxi-meihao") == 1
    assert sample.read_bytes() == sample_bytes
    community = project.content_dir / "communities" / "fengze.yml"
    community_bytes = community.read_bytes()
    assert new(project, "community", "--title", "丰泽社区") == 1
    assert community.read_bytes() == community_bytes


def test_unknown_community_lists_the_known_ones(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(project, "story", "--community", "nowhere", "--title", "标题") == 1
    out = capsys.readouterr().out
    assert "nowhere" in out and "fengze、jixiangyuan 或 taihe" in out
    assert not list((project.content_dir / "stories").glob("nowhere*"))


def test_bad_slug_and_date_are_usage_errors(project: Project) -> None:
    with pytest.raises(SystemExit) as exit_info:
        new(project, "story", "--community", "fengze", "--title", "x", "--slug", "Not A Slug")
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        new(project, "story", "--community", "fengze", "--title", "x", "--date", "2025-13-01")
    assert exit_info.value.code == 2


def test_new_collection_is_a_valid_draft_without_stories(project: Project) -> None:
    assert (
        new(project, "collection", "--title", "守护朝夕美好(第二期)", "--date", "2025-08-01") == 0
    )
    path = project.content_dir / "collections" / "shouhu-zhaoxi-meihao-dierqi.md"
    data = front_matter(path)
    assert data["stories"] == [] and data["status"] == "draft"
    # The example lists real, published stories to copy from.
    assert "#   - story: taihe-yige-guanzhong-de-juchang" in path.read_text(encoding="utf-8")
    assert_schema_line(path, "collection", 1)
    assert_valid(path, data, "collection")
    diagnostics = check(project)
    assert not diagnostics.errors
    assert [d for d in diagnostics if d.path.endswith(path.name)] == []


def test_publishing_a_collection_without_stories_is_an_error(project: Project) -> None:
    assert new(project, "collection", "--title", "空的采撷", "--date", "2025-08-01") == 0
    path = project.content_dir / "collections" / "kong-de-caixie.md"
    text = path.read_text(encoding="utf-8").replace("status: draft", "status: published")
    path.write_text(text.replace("editor: 待填写", "editor: 编辑部"), encoding="utf-8")
    errors = [d for d in check(project).errors if d.path.endswith(path.name)]
    assert [e.message for e in errors] == ["已发布的采撷至少要收录一篇故事"]
    assert errors[0].line == text.split("\nstories:")[0].count("\n") + 2


def test_publishing_a_story_with_placeholders_warns(project: Project) -> None:
    assert (
        new(project, "story", "--community", "fengze", "--title", "读书角", "--date", "2025-04-01")
        == 0
    )
    path = project.content_dir / "stories" / "fengze-dushu-jiao.md"
    text = path.read_text(encoding="utf-8").replace("status: draft", "status: published")
    path.write_text(text, encoding="utf-8")
    warnings = [d for d in check(project).warnings if d.path.endswith(path.name)]
    assert [d.code for d in warnings] == ["placeholder", "placeholder"]  # name and role
    lines = text.splitlines()
    assert [lines[d.line - 1].strip() for d in warnings] == ["name: 待填写", "role: 待填写"]


def test_new_community_passes_check_and_build_waits_for_its_place(project: Project) -> None:
    assert new(project, "community", "--title", "幸福社区") == 0
    path = project.content_dir / "communities" / "xingfu.yml"
    data = parse_yaml(path.read_text(encoding="utf-8")).data
    assert data["name"] == "幸福社区"
    assert set(data["profile"]) >= {"households", "residents", "year", "approximate"}
    assert_schema_line(path, "community", 0)
    assert_valid(path, data, "community")
    diagnostics = check(project)
    assert not diagnostics.errors
    # The placeholders would be published at once, so `check` warns and `build` would stop.
    assert {d.code for d in diagnostics if d.path.endswith(path.name)} == {"placeholder"}
    assert main(["--project", str(project.root), "check"]) == 1

    given = ("--city", "沈阳市", "--district", "和平区", "--street", "新华街道")
    assert new(project, "community", "--title", "和睦社区", *given) == 0
    diagnostics = check(project)
    assert [d for d in diagnostics if d.path.endswith("hemu.yml")] == []


def log_records(path: Path) -> list[dict[str, Any]]:
    data = parse_yaml(path.read_text(encoding="utf-8")).data
    records: list[dict[str, Any]] = data["activities"]
    return records


def test_new_activity_appends_to_the_years_log(project: Project) -> None:
    log = project.content_dir / "activities" / "taihe" / "2025.yml"
    before = log.read_text(encoding="utf-8")
    count = len(log_records(log))
    args = ("activity", "--community", "taihe", "--title", "重阳节包饺子", "--date", "2025-10-11")
    assert new(project, *args, "--category", "culture") == 0
    after = log.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # appended: no earlier line changed
    records = log_records(log)
    assert len(records) == count + 1
    assert records[:-1] == log_records_of(before)
    added = records[-1]
    assert added["title"] == "重阳节包饺子" and added["date"] == "2025-10-11"
    assert added["category"] == "culture" and added["status"] == "draft"
    assert "# 可选:health(健康服务)" in after
    diagnostics = check(project)
    assert not diagnostics.errors
    assert [d for d in diagnostics if d.path.endswith("taihe/2025.yml")] == []
    # Appending twice adds a second record; it never replaces the first.
    assert new(project, *args) == 0
    assert len(log_records(log)) == count + 2


def log_records_of(text: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = parse_yaml(text).data["activities"]
    return records


def test_new_activity_starts_a_new_years_log(project: Project) -> None:
    args = ("activity", "--community", "fengze", "--title", "新年联欢", "--date", "2031-01-05")
    assert new(project, *args) == 0
    log = project.content_dir / "activities" / "fengze" / "2031.yml"
    assert_schema_line(log, "activity-log", 0)
    records = log_records(log)
    assert [r["title"] for r in records] == ["新年联欢"]
    assert_valid(log, parse_yaml(log.read_text(encoding="utf-8")).data, "activity-log")
    diagnostics = check(project)
    assert not diagnostics.errors
    assert [d for d in diagnostics if d.path.endswith("2031.yml")] == []


@pytest.mark.parametrize(
    "existing",
    [
        "activities: []  # 还没有记录\n",
        "# 只有注释\n",
        "activities:\n- date: 2029-02-01\n  title: 义诊\n  category: health\n",
        "activities:\n    - date: 2029-02-01\n      title: 义诊\n      category: health",
    ],
    ids=["empty-flow-list", "comments-only", "dash-at-column-0", "deep-indent-no-newline"],
)
def test_new_activity_appends_to_logs_of_any_shape(project: Project, existing: str) -> None:
    log = project.content_dir / "activities" / "jixiangyuan" / "2029.yml"
    log.write_text(existing, encoding="utf-8")
    before = log_records_of(existing) if "date:" in existing else []
    args = ("activity", "--community", "jixiangyuan", "--title", "读书会", "--date", "2029-03-01")
    assert new(project, *args) == 0
    records = log_records(log)
    assert records[:-1] == before and records[-1]["title"] == "读书会"
    assert not [d for d in check(project) if d.path.endswith("2029.yml")]


def test_new_activity_refuses_a_log_it_cannot_append_to(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    log = project.content_dir / "activities" / "jixiangyuan" / "2029.yml"
    text = "activities: [{date: 2029-02-01, title: 义诊, category: health}]\n"
    log.write_text(text, encoding="utf-8")
    args = ("activity", "--community", "jixiangyuan", "--title", "读书会", "--date", "2029-03-01")
    assert new(project, *args) == 1
    assert "请手工添加" in capsys.readouterr().out
    assert log.read_text(encoding="utf-8") == text
