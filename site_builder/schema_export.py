"""JSON Schemas for the content files, generated from the content model.

The model is the one source of truth: the schemas shipped in `site_builder/schemas/` are this
module's output, and a test fails when they differ from a fresh run. Editors (VS Code's YAML
extension and others) read them through the `# yaml-language-server: $schema=...` line at the
top of each file, to check and complete fields while staff type.

The YAML extension implements JSON Schema draft-07, so the output is draft-07: definitions
under `definitions`, and a `$ref` never has sibling keywords (draft-07 ignores them).

Regenerate after changing a model: `python -m site_builder.schema_export`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from site_builder.model import ActivityLog, Collection, Community, SiteConfig, Story
from site_builder.model.common import SourcedModel

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


@dataclass(frozen=True)
class SchemaFile:
    name: str  # the file is `<name>.schema.json`
    model: type[SourcedModel]
    title: str
    description: str

    @property
    def path(self) -> Path:
        return SCHEMA_DIR / f"{self.name}.schema.json"


SCHEMA_FILES = (
    SchemaFile(
        "site",
        SiteConfig,
        "站点配置",
        "content/site.yml:网站名称、网址、活动类别词表、隐私规则与图片设置。",
    ),
    SchemaFile(
        "community",
        Community,
        "社区",
        "content/communities/<社区编号>.yml:社区的名称、所在地、简介与概况数字。",
    ),
    SchemaFile(
        "story",
        Story,
        "故事前置信息",
        "content/stories/<文件名>.md 开头 --- 之间的部分:标题、日期、社区、讲述人、状态与照片。",
    ),
    SchemaFile(
        "activity-log",
        ActivityLog,
        "活动台账",
        "content/activities/<社区编号>/<年份>.yml:这个社区一年的活动记录。",
    ),
    SchemaFile(
        "collection",
        Collection,
        "典型采撷前置信息",
        "content/collections/<文件名>.md 开头 --- 之间的部分;其后的正文是编者按。",
    ),
)


def schema_line(target: Path, name: str) -> str:
    """The first line of a content file at `target`: where editors find its schema `name`."""
    relative = Path(os.path.relpath(SCHEMA_DIR / f"{name}.schema.json", target.parent))
    return f"# yaml-language-server: $schema={relative.as_posix()}\n"


class _NoFieldTitles(GenerateJsonSchema):
    # Field titles would be the English field names again ("Title", "Date"); editors show the
    # Chinese descriptions instead.
    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def json_schema(spec: SchemaFile) -> dict[str, Any]:
    """The draft-07 schema of one kind of content file."""
    generated = spec.model.model_json_schema(
        ref_template="#/definitions/{model}", schema_generator=_NoFieldTitles
    )
    definitions = generated.pop("$defs", {})
    for definition in definitions.values():
        # Class docstrings are notes for developers, in English; fields carry the help.
        definition.pop("description", None)
        definition.pop("title", None)
    properties = {
        name: value
        for name, value in generated["properties"].items()
        if name not in spec.model.LOADER_FIELDS
    }
    required = [name for name in generated.get("required", []) if name in properties]
    schema: dict[str, Any] = {
        "$schema": DRAFT_07,
        "title": spec.title,
        "description": spec.description,
        "type": "object",
        "properties": properties,
    }
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    if definitions:
        schema["definitions"] = dict(sorted(definitions.items()))
    result = _draft_07_refs(schema)
    assert isinstance(result, dict)
    return result


def _draft_07_refs(node: Any) -> Any:
    """Move a `$ref` that has sibling keywords into an `allOf`, where draft-07 honours both."""
    if isinstance(node, list):
        return [_draft_07_refs(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _draft_07_refs(value) for key, value in node.items()}
    if "$ref" in converted and len(converted) > 1:
        reference = converted.pop("$ref")
        return {"allOf": [{"$ref": reference}], **converted}
    return converted


def render(spec: SchemaFile) -> str:
    return json.dumps(json_schema(spec), ensure_ascii=False, indent=2) + "\n"


def write_schemas() -> list[Path]:
    """Rewrite the shipped schemas; return the files whose text changed."""
    SCHEMA_DIR.mkdir(exist_ok=True)
    changed = []
    for spec in SCHEMA_FILES:
        text = render(spec)
        if not spec.path.is_file() or spec.path.read_text(encoding="utf-8") != text:
            spec.path.write_text(text, encoding="utf-8")
            changed.append(spec.path)
    return changed


if __name__ == "__main__":
    write_schemas()
