"""The shipped JSON Schemas: generated from the model, and in agreement with the loader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, FormatChecker

from site_builder.diagnostics import Diagnostics
from site_builder.load.front_matter import read_markdown
from site_builder.load.reader import load_site
from site_builder.load.validate import validate_document
from site_builder.load.yaml_source import parse_yaml
from site_builder.model import SiteConfig
from site_builder.project import Project
from site_builder.schema_export import SCHEMA_FILES, render

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = {spec.name: json.loads(spec.path.read_text(encoding="utf-8")) for spec in SCHEMA_FILES}


def schema_errors(schema: str, text: str, markdown: bool) -> list[str]:
    data = read_markdown(text).front_matter.data if markdown else parse_yaml(text).data
    validator = Draft7Validator(SCHEMAS[schema], format_checker=FormatChecker())
    return [error.message for error in validator.iter_errors(data)]


def test_shipped_schemas_are_generated_from_the_model() -> None:
    for spec in SCHEMA_FILES:
        assert spec.path.read_text(encoding="utf-8") == render(spec), (
            f"{spec.path.name} is stale: run python -m site_builder.schema_export"
        )


def test_schemas_are_valid_draft_07_with_chinese_help() -> None:
    for name, schema in SCHEMAS.items():
        Draft7Validator.check_schema(schema)
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert schema["additionalProperties"] is False
        for field, definition in schema["properties"].items():
            description = definition.get("description", "")
            assert any("\u4e00" <= char <= "\u9fff" for char in description), (name, field)
    # Fields the loader takes from the file's name never appear in a schema.
    assert "slug" not in SCHEMAS["story"]["properties"]
    assert "body" not in SCHEMAS["collection"]["properties"]
    assert "community" not in SCHEMAS["activity-log"]["properties"]
    assert "id" not in SCHEMAS["community"]["properties"]


def content_files() -> list[tuple[str, Path, bool]]:
    content = ROOT / "content"
    files = [("site", content / "site.yml", False)]
    files += [("community", p, False) for p in sorted(content.glob("communities/*.yml"))]
    files += [("story", p, True) for p in sorted(content.glob("stories/**/*.md"))]
    files += [("activity-log", p, False) for p in sorted(content.glob("activities/*/*.yml"))]
    files += [("collection", p, True) for p in sorted(content.glob("collections/*.md"))]
    return files


@pytest.mark.parametrize(
    ("schema", "path", "markdown"),
    content_files(),
    ids=lambda v: v.name if isinstance(v, Path) else "",
)
def test_schema_accepts_every_sample_content_file(schema: str, path: Path, markdown: bool) -> None:
    text = path.read_text(encoding="utf-8")
    assert schema_errors(schema, text, markdown) == []
    assert text.splitlines()[1 if markdown else 0].startswith("# yaml-language-server: $schema="), (
        "each sample file names its schema"
    )


STORY_HEAD = "---\ntitle: 测试\ndate: 2025-03-01\ncommunity: fengze\n"
NARRATOR = "narrator: {name: 测试员, role: 网格员}\n"
RECORD = "activities:\n  - date: 2025-03-01\n    title: 义诊\n    category: health\n"

# (kind, file text, what is wrong): the loader refuses each, and so must the schema.
REJECTED: list[tuple[str, str, str]] = [
    ("story", STORY_HEAD + NARRATOR + "titel: 拼错的键\n---\n", "unknown key"),
    ("story", "---\ntitle: 123\ndate: 2025-03-01\ncommunity: fengze\n" + NARRATOR + "---\n", "number as text"),
    ("story", STORY_HEAD + NARRATOR + "status: live\n---\n", "status outside the enum"),
    ("story", STORY_HEAD + "---\n", "narrator missing"),
    ("story", STORY_HEAD + "narrator: {name: 测试员}\n---\n", "role missing"),
    ("story", STORY_HEAD + NARRATOR + "audiences: [elderly, teenagers]\n---\n", "audience outside the enum"),
    ("story", "---\ntitle: 测试\ndate: 2025-02-30\ncommunity: fengze\n" + NARRATOR + "---\n", "impossible date"),
    ("story", STORY_HEAD + NARRATOR + "slug: chosen-by-hand\n---\n", "loader-set field"),
    ("story", STORY_HEAD + NARRATOR + "tags: ['  ']\n---\n", "blank tag"),
    (
        "story",
        STORY_HEAD + NARRATOR + "photos:\n  - {file: a.jpg, alt: 照片, people: [adult, adult]}\n---\n",
        "a kind of person listed twice",
    ),
    ("activity-log", RECORD + "    beneficiaries: -5\n", "negative count"),
    ("activity-log", RECORD + "    volunteer_hours: 两小时\n", "text as a number"),
    ("activity-log", RECORD + "    start: 2025-03-01\n    end: 2025-03-02\n", "date and start/end"),
    ("activity-log", "activities:\n  - start: 2025-03-01\n    title: 义诊\n    category: health\n", "start without end"),
    ("activity-log", "activities:\n  - title: 义诊\n    category: health\n", "no date at all"),
    ("activity-log", RECORD + "    donations: {cash: 100, goods: 3}\n", "unknown key in donations"),
    ("activity-log", RECORD + "    sessions: 1.5\n", "fractional sessions"),
    ("community", "name: '  '\ncity: 沈阳市\ndistrict: 和平区\nstreet: 新华街道\n", "blank name"),
    ("community", "name: 新社区\ncity: 沈阳市\ndistrict: 和平区\n", "street missing"),
    ("community", "name: 新社区\ncity: 沈阳市\ndistrict: 和平区\nstreet: 新华街道\nprofile: {households: -1}\n", "negative figure"),
    ("collection", "---\ntitle: 采撷\ndate: 2025-05-20\neditor: 编辑部\n---\n", "stories missing"),
    ("collection", "---\ntitle: 采撷\ndate: 2025-05-20\neditor: 编辑部\nstories: [{story: a, title: b}]\n---\n", "unknown entry key"),
    ("site", "title: 站点\nstories_per_page: 0\n", "page size below 1"),
    ("site", "title: 站点\ncategories: {health: {en: Health}}\n", "category without zh"),
    ("site", "title: 站点\nimages: {jpeg_quality: 101}\n", "quality above 100"),
]  # fmt: skip

# Files both accept: minimal ones, and values YAML 1.2 keeps as text.
ACCEPTED: list[tuple[str, str, str]] = [
    ("story", STORY_HEAD + NARRATOR + "---\n", "required fields only"),
    ("story", STORY_HEAD + NARRATOR + "updated:\ntags: [no, on]\n---\n", "null date, YAML 1.1 booleans"),
    ("activity-log", "activities:\n  - start: 2025-03-01\n    end: 2025-03-05\n    title: 夏令营\n    category: education\n", "start and end"),
    ("activity-log", RECORD + "    sessions: 3\n    volunteer_hours: 1.5\n", "counts"),
    ("activity-log", RECORD + "    audiences: [老人, 一老一小]\n", "audiences in Chinese"),
    ("story", STORY_HEAD + NARRATOR + "status: 已发布\n---\n", "status in Chinese"),
    ("story", STORY_HEAD + NARRATOR + "audiences: [儿童, elderly]\n---\n", "audiences in Chinese"),
    ("collection", "---\ntitle: 采撷\ndate: 2025-05-20\neditor: 编辑部\nstories: []\n---\n", "a draft without stories"),
    ("community", "name: 新社区\ncity: 沈阳市\ndistrict: 和平区\nstreet: 新华街道\nprofile:\n  households:\n  year: 2025\n", "empty figure"),
    ("site", "title: 站点\n", "title only"),
]  # fmt: skip

_TARGET = {
    "story": ("content/stories/{name}.md", True),
    "collection": ("content/collections/{name}.md", True),
    "community": ("content/communities/{name}.yml", False),
    "activity-log": ("content/activities/{name}/2025.yml", False),
}


def loader_errors(project: Project, cases: list[tuple[str, str, str]]) -> dict[int, list[str]]:
    """Write each case as its own file in one project, load once, and group errors by case."""
    paths: dict[str, int] = {}
    found: dict[int, list[str]] = {index: [] for index in range(len(cases))}
    for index, (kind, text, _) in enumerate(cases):
        if kind == "site":
            diagnostics = Diagnostics()
            validate_document(SiteConfig, parse_yaml(text), "content/site.yml", diagnostics)
            found[index] = [d.message for d in diagnostics.errors]
            continue
        pattern, _ = _TARGET[kind]
        rel = pattern.format(name=f"case-{index}")
        target = project.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        paths[rel] = index
    diagnostics = Diagnostics()
    load_site(project, diagnostics)
    for diagnostic in diagnostics.errors:
        if diagnostic.path in paths:
            found[paths[diagnostic.path]].append(diagnostic.message)
    return found


def test_schema_rejects_what_the_loader_rejects(project: Project) -> None:
    by_loader = loader_errors(project, REJECTED)
    for index, (kind, text, what) in enumerate(REJECTED):
        assert by_loader[index], f"the loader should refuse: {what}"
        markdown = _TARGET.get(kind, ("", False))[1]
        assert schema_errors(kind, text, markdown), f"the schema should refuse: {what}"


def test_schema_accepts_what_the_loader_accepts(project: Project) -> None:
    by_loader = loader_errors(project, ACCEPTED)
    for index, (kind, text, what) in enumerate(ACCEPTED):
        assert by_loader[index] == [], f"the loader should accept: {what}"
        markdown = _TARGET.get(kind, ("", False))[1]
        assert schema_errors(kind, text, markdown) == [], f"the schema should accept: {what}"


def test_descriptions_come_from_the_model() -> None:
    from site_builder.model import Story

    story: dict[str, Any] = SCHEMAS["story"]["properties"]
    assert story["summary"]["description"] == Story.model_fields["summary"].description
    assert story["status"]["default"] == "draft"
    # The ids and the words staff type for them (model/vocabulary.py).
    assert {"draft", "review", "published", "草稿", "待审", "已发布"} <= set(
        story["status"]["enum"]
    )
