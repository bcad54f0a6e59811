"""The web editor's configuration (Decap CMS's config.yml), generated from the content model.

Nothing here names a content field: every form field comes from a pydantic model
(site_builder/model/), its Chinese label from model/vocabulary.py, its help text from the
field's description (the same text the JSON Schemas show), its widget from its type
(editor/fields.py). A field added to a model appears in the editor with no other edit.
Choices that the project itself defines (activity categories, communities) are read from
content/ each time the configuration is served.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from site_builder.diagnostics import Diagnostics
from site_builder.editor.fields import FieldShape, form_hint, label_of, shape_of, written_fields
from site_builder.load.reader import Reader
from site_builder.model import ActivityLog, Collection, Community, SiteConfig, Story
from site_builder.model.common import SLUG_PATTERN, Status
from site_builder.model.site_config import DEFAULT_CATEGORIES, Label
from site_builder.model.vocabulary import CHOICE_LABELS
from site_builder.project import Project

# The editor saves through the `site-builder edit` server (editor/), which answers here.
PROXY_URL = "/api/v1"
LOCALE = "zh_Hans"
# The stories collection: the start page links a Word import to its form (word_upload.py).
STORY_COLLECTION = "stories"
# Text that staff write as paragraphs rather than one line.
LONG_TEXTS = frozenset({"summary", "description", "notes", "excerpt"})
SLUG_MESSAGE = "只能用小写英文字母、数字和连字符,如 fengze-zhiyuan-daji"


@dataclass(frozen=True)
class Vocabulary:
    """What the project itself defines that a form offers as choices."""

    categories: dict[str, Label]
    communities: dict[str, str]  # id -> Chinese name


def project_vocabulary(project: Project) -> Vocabulary:
    reader = Reader(project, Diagnostics())
    config = reader.config()
    categories = dict(config.categories) if config else dict(DEFAULT_CATEGORIES)
    communities = {key: value.name for key, value in reader.communities().items()}
    return Vocabulary(categories, communities)


def _options(values: tuple[str, ...] | list[str]) -> list[dict[str, str]]:
    return [{"label": CHOICE_LABELS.get(value, value), "value": value} for value in values]


def _bounds(info: FieldInfo) -> dict[str, Any]:
    bounds: dict[str, Any] = {}
    for item in info.metadata:
        if isinstance(item, annotated_types.Ge | annotated_types.Gt):
            bounds["min"] = getattr(item, "ge", getattr(item, "gt", None))
        elif isinstance(item, annotated_types.Le):
            bounds["max"] = item.le
    return bounds


def _summary(model: type[BaseModel]) -> str:
    """A list item's one-line title: its first dates, then its first required text field."""
    fields = written_fields(model)
    dates = [name for name, info in fields.items() if shape_of(info.annotation).kind == "date"]
    texts = [
        name
        for name, info in fields.items()
        if info.is_required() and shape_of(info.annotation).kind == "text"
    ]
    parts = ["".join(f"{{{{fields.{name}}}}}" for name in dates[:2])]
    parts += [f"{{{{fields.{name}}}}}" for name in texts[:1]]
    return " · ".join(part for part in parts if part)


def _by_name(name: str, shape: FieldShape, vocabulary: Vocabulary) -> dict[str, Any] | None:
    """Widgets for fields whose values the project defines: the community, the category,
    a photo's file."""
    if name == "community" and shape.kind == "text":
        return {
            "widget": "relation",
            "collection": "communities",
            "value_field": "{{slug}}",
            "search_fields": ["name"],
            "display_fields": ["name"],
        }
    if name == "category" and shape.kind == "text":
        options = [
            {"label": str(label), "value": key} for key, label in vocabulary.categories.items()
        ]
        return {"widget": "select", "options": options}
    if name == "file" and shape.kind == "text":
        return {"widget": "image", "choose_url": False}
    return None


def _widget(
    name: str, label: str, info: FieldInfo, shape: FieldShape, vocabulary: Vocabulary
) -> dict[str, Any]:
    named = _by_name(name, shape, vocabulary)
    if named is not None:
        return named
    kind = shape.kind
    if kind == "text":
        return {"widget": "text" if name in LONG_TEXTS else "string"}
    if kind == "date":
        # Saved as YYYY-MM-DD text; restyle.py writes it back as the plain date staff write.
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
                "time_format": False}  # fmt: skip
    if kind == "bool":
        return {"widget": "boolean"}
    if kind in ("int", "float"):
        return {"widget": "number", "value_type": kind, **_bounds(info)}
    if kind in ("choice", "choices"):
        return {
            "widget": "select",
            "options": _options(shape.choices),
            "multiple": kind == "choices",
        }
    if kind in ("texts", "numbers"):
        item = {"widget": "number"} if kind == "numbers" else {"widget": "string"}
        return {"widget": "list", "field": {"name": name, "label": label, **item}}
    assert shape.model is not None
    # Decap insists on the required fields of a sub-form even when the whole sub-form is
    # left empty (a photo without people needs no consent): there the server's check decides.
    fields = form_fields(shape.model, vocabulary, enforce=not shape.optional)
    if kind == "models":
        return {"widget": "list", "fields": fields, "summary": _summary(shape.model),
                "collapsed": True}  # fmt: skip
    if kind == "mapping":
        return {"widget": "object", "fields": _mapping_fields(name, shape.model, vocabulary)}
    return {"widget": "object", "fields": fields, "collapsed": shape.optional}


def _mapping_fields(
    name: str, values: type[BaseModel] | None, vocabulary: Vocabulary
) -> list[dict[str, Any]]:
    """A mapping's keys are the project's own (the category ids): one sub-form each."""
    assert values is not None and name == "categories", f"no form for the mapping {name}"
    return [
        {"name": key, "label": f"{label} ({key})", "widget": "object", "collapsed": True,
         "fields": form_fields(values, vocabulary)}
        for key, label in vocabulary.categories.items()
    ]  # fmt: skip


def _default(info: FieldInfo, shape: FieldShape) -> dict[str, Any]:
    if info.is_required():
        return {}
    if shape.kind in ("models", "texts", "numbers", "choices"):
        # Decap starts a new entry's list of forms with one empty item unless told otherwise.
        return {"default": []}
    default = info.get_default(call_default_factory=False)
    # A false switch is what Decap shows anyway; writing it would fill an optional sub-form
    # (a photo's consent) that staff left empty.
    if shape.kind in ("choice", "int", "float") or (shape.kind == "bool" and default is True):
        value = getattr(default, "value", default)
        return {} if value is None else {"default": value}
    return {}


def form_field(
    model: type[BaseModel], name: str, info: FieldInfo, vocabulary: Vocabulary, enforce: bool
) -> dict[str, Any]:
    shape = shape_of(info.annotation)
    label = label_of(model, name)
    field: dict[str, Any] = {"name": name, "label": label}
    field.update(_widget(name, label, info, shape, vocabulary))
    field["hint"] = form_hint(model, name)
    field["required"] = enforce and info.is_required()
    field.update(_default(info, shape))
    return field


def form_fields(
    model: type[BaseModel], vocabulary: Vocabulary, enforce: bool = True
) -> list[dict[str, Any]]:
    """One form field per field of `model` that staff write, in the model's order; the form
    insists on the required ones when `enforce`."""
    return [
        form_field(model, name, info, vocabulary, enforce)
        for name, info in written_fields(model).items()
    ]


def _file_name_field(model: type[BaseModel], name: str, kind: str) -> dict[str, Any]:
    """The file name of a new entry, from which the loader takes its id (never saved inside)."""
    return {
        "name": name,
        "label": label_of(model, name),
        "widget": "string",
        "required": False,
        "pattern": [SLUG_PATTERN, SLUG_MESSAGE],
        "hint": f"只在新建{kind}时填写,保存后不能再改:{SLUG_MESSAGE}。已有的{kind}不用填。",
    }


def _body_field(model: type[BaseModel]) -> dict[str, Any]:
    return {
        "name": "body",
        "label": label_of(model, "body"),
        "widget": "markdown",
        # Raw first: what staff type is saved as typed. No pictures in the body (photos list).
        "modes": ["raw", "rich_text"],
        "editor_components": [],
        "required": False,
    }


def _markdown_collection(
    name: str, label: str, model: type[BaseModel], vocabulary: Vocabulary
) -> dict[str, Any]:
    fields = form_fields(model, vocabulary)
    fields.insert(1, _file_name_field(model, "slug", label))
    fields.append(_body_field(model))
    return {
        "name": name,
        "label": label,
        "label_singular": label,
        "folder": f"content/{name}",
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "slug": "{{fields.slug}}",
        "identifier_field": "title",
        "summary": "{{title}} · {{date}}",
        "sortable_fields": ["date", "title"],
        "view_filters": [
            {"label": CHOICE_LABELS[status.value], "field": "status", "pattern": status.value}
            for status in Status
        ],
        "editor": {"preview": False},
        "fields": fields,
    }


def _stories(vocabulary: Vocabulary) -> dict[str, Any]:
    stories = _markdown_collection(STORY_COLLECTION, "故事", Story, vocabulary)
    # One folder per community, photos uploaded beside their story.
    stories.update(
        path="{{community}}/{{slug}}",
        media_folder="",
        public_folder="",
        summary="{{title}} · {{community}} · {{date}}",
        view_groups=[{"label": "社区", "field": "community"}],
    )
    return stories


def _communities(vocabulary: Vocabulary) -> dict[str, Any]:
    fields = form_fields(Community, vocabulary)
    fields.insert(1, _file_name_field(Community, "id", "社区"))
    return {
        "name": "communities",
        "label": "社区",
        "label_singular": "社区",
        "folder": "content/communities",
        "extension": "yml",
        "format": "yml",
        "create": True,
        "slug": "{{fields.id}}",
        "identifier_field": "name",
        "editor": {"preview": False},
        "fields": fields,
    }


def _activity_logs(vocabulary: Vocabulary) -> list[dict[str, Any]]:
    """One collection per community: its logs, one file a year; a new one is this year's."""
    return [
        {
            "name": f"activities-{community}",
            "label": f"活动台账 · {name}",
            "label_singular": "本年度台账",
            "folder": f"content/activities/{community}",
            "extension": "yml",
            "format": "yml",
            "create": True,
            "slug": "{{year}}",
            "delete": False,
            "identifier_field": "activities",
            "summary": "{{filename}} 年",
            "media_folder": "",
            "public_folder": "",
            "editor": {"preview": False},
            "fields": form_fields(ActivityLog, vocabulary),
        }
        for community, name in vocabulary.communities.items()
    ]


def _site_settings(vocabulary: Vocabulary) -> dict[str, Any]:
    return {
        "name": "settings",
        "label": "站点设置",
        "delete": False,
        "editor": {"preview": False},
        "files": [
            {
                "name": "site",
                "label": "站点配置",
                "file": "content/site.yml",
                "fields": form_fields(SiteConfig, vocabulary),
            }
        ],
    }


def editor_config(project: Project) -> dict[str, Any]:
    """Decap CMS's whole configuration for `project`, as served at /admin/config.yml."""
    vocabulary = project_vocabulary(project)
    return {
        "backend": {"name": "proxy", "proxy_url": PROXY_URL},
        "locale": LOCALE,
        "media_folder": "content/stories",
        "public_folder": "",
        "show_preview_links": False,
        "collections": [
            _stories(vocabulary),
            _communities(vocabulary),
            *_activity_logs(vocabulary),
            _markdown_collection("collections", "典型采撷", Collection, vocabulary),
            _site_settings(vocabulary),
        ],
    }
