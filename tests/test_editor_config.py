"""The web editor's configuration is generated from the content model (editor/decap_config.py).

Every field staff write appears in the form with a Chinese label and help text, choices as
selects with Chinese labels, and a model change changes the form with no other edit.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

import pytest
import yaml
from conftest import ROOT
from pydantic import BaseModel, Field, create_model

from site_builder.editor import decap_config
from site_builder.editor.decap_config import editor_config
from site_builder.editor.fields import form_hint, shape_of, written_fields
from site_builder.model import ActivityLog, Collection, Community, Photo, SiteConfig, Story
from site_builder.model.photo import Consent
from site_builder.project import Project

HAN = re.compile(r"[\u4e00-\u9fff]")
# What a YAML writer types and a form user never sees: switches' values, the choice codes.
YAML_WORDS = {"true", "false", "published", "draft", "review", "minor", "guardian", "elderly"}
SAMPLE = Project(ROOT)


def collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    found = [item for item in config["collections"] if item["name"] == name]
    assert len(found) == 1, [item["name"] for item in config["collections"]]
    return found[0]


def fields_of(container: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {field["name"]: field for field in container["fields"]}


def form_of(config: dict[str, Any], model: type[BaseModel]) -> list[dict[str, Any]]:
    if model is SiteConfig:
        return list(collection(config, "settings")["files"])
    if model is ActivityLog:
        return [item for item in config["collections"] if item["name"].startswith("activities-")]
    name = {Story: "stories", Community: "communities", Collection: "collections"}[model]
    return [collection(config, name)]


def assert_fields_labelled(
    model: type[BaseModel], form: dict[str, Any], where: str, enforced: bool = True
) -> None:
    """Every field of `model` staff write, with a Chinese label and help; nested forms too."""
    fields = fields_of(form)
    for name, info in written_fields(model).items():
        assert name in fields, f"{where}.{name} is not in the form"
        field = fields[name]
        assert HAN.search(field["label"]), f"{where}.{name}: label {field['label']!r}"
        assert field["hint"] == form_hint(model, name) and HAN.search(field["hint"])
        assert not YAML_WORDS.intersection(re.findall(r"[a-z_]+", field["hint"])), field["hint"]
        # Inside an optional sub-form (a photo's consent) the server's check decides.
        assert field["required"] == (enforced and info.is_required()), f"{where}.{name}"
        shape = shape_of(info.annotation)
        if shape.kind in ("model", "models"):
            assert shape.model is not None
            assert_fields_labelled(shape.model, field, f"{where}.{name}", not shape.optional)
        elif shape.kind == "mapping":
            assert shape.model is not None
            for entry in field["fields"]:
                assert HAN.search(entry["label"])
                assert_fields_labelled(shape.model, entry, f"{where}.{name}.{entry['name']}")


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return editor_config(SAMPLE)


@pytest.mark.parametrize("model", [Story, Community, ActivityLog, Collection, SiteConfig])
def test_every_model_field_is_in_the_form_with_a_chinese_label(
    config: dict[str, Any], model: type[BaseModel]
) -> None:
    forms = form_of(config, model)
    assert forms
    for form in forms:
        assert_fields_labelled(model, form, model.__name__)


def test_the_configuration_is_what_decap_reads(config: dict[str, Any]) -> None:
    assert config["backend"] == {"name": "proxy", "proxy_url": "/api/v1"}
    assert config["locale"] == "zh_Hans"
    # Served as YAML: plain types only.
    assert yaml.safe_load(yaml.safe_dump(config, allow_unicode=True)) == config


def test_choices_are_selects_with_chinese_labels(config: dict[str, Any]) -> None:
    stories = fields_of(collection(config, "stories"))
    assert stories["status"]["widget"] == "select" and stories["status"]["default"] == "draft"
    assert {o["value"]: o["label"] for o in stories["status"]["options"]} == {
        "draft": "草稿",
        "review": "待审",
        "published": "发布",
    }
    assert stories["audiences"]["multiple"] is True
    photo = fields_of(stories["photos"])
    assert photo["file"]["widget"] == "image"
    assert [o["value"] for o in photo["people"]["options"]] == ["minor", "elderly", "adult"]
    assert all(HAN.search(o["label"]) for o in photo["people"]["options"])
    consent = fields_of(photo["consent"])
    assert {o["value"]: o["label"] for o in consent["given_by"]["options"]} == {
        "self": "本人",
        "guardian": "监护人",
        "family": "家属",
    }
    assert photo["consent"]["required"] is False


def test_the_community_is_a_relation_and_the_categories_are_the_sites(
    config: dict[str, Any],
) -> None:
    stories = collection(config, "stories")
    community = fields_of(stories)["community"]
    assert community["widget"] == "relation" and community["collection"] == "communities"
    log = collection(config, "activities-taihe")
    assert log["label"] == "活动台账 · 泰合社区" and log["folder"] == "content/activities/taihe"
    record = fields_of(fields_of(log)["activities"])
    categories = {o["value"]: o["label"] for o in record["category"]["options"]}
    assert categories["party_building"] == "党建共建"  # from the sample's site.yml
    assert record["donations"]["widget"] == "object"
    assert set(fields_of(record["donations"])) == {"cash", "in_kind"}


def test_stories_live_in_a_folder_per_community_with_their_photos(config: dict[str, Any]) -> None:
    stories = collection(config, "stories")
    assert stories["folder"] == "content/stories"
    assert stories["path"] == "{{community}}/{{slug}}"
    assert stories["slug"] == "{{fields.slug}}"
    assert stories["media_folder"] == "" and stories["public_folder"] == ""
    slug = fields_of(stories)["slug"]
    assert slug["pattern"][0] == r"^[a-z0-9][a-z0-9-]*$" and HAN.search(slug["pattern"][1])
    assert fields_of(stories)["body"]["widget"] == "markdown"


class Mood(StrEnum):
    CALM = "calm"
    JOYFUL = "joyful"


def test_a_model_change_changes_the_form_with_no_other_edit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A field added to the photo model and a field whose type changes reach the form."""
    photo = create_model(
        "Photo",
        __base__=Photo,
        mood=(Mood, Field(Mood.CALM, description="照片的气氛")),
    )
    story = create_model(
        "Story",
        __base__=Story,
        photos=(list[photo], Field([], description="照片列表")),  # type: ignore[valid-type]
        tags=(list[Mood], Field([], description="标签,只能从清单中选")),
    )
    original = fields_of(collection(editor_config(SAMPLE), "stories"))
    monkeypatch.setattr(decap_config, "Story", story)
    changed = fields_of(collection(editor_config(SAMPLE), "stories"))
    assert "mood" not in fields_of(original["photos"])
    mood = fields_of(changed["photos"])["mood"]
    assert mood["widget"] == "select" and mood["default"] == "calm"
    assert mood["label"] == "照片的气氛" and mood["hint"] == "照片的气氛"
    assert [o["value"] for o in mood["options"]] == ["calm", "joyful"]
    assert original["tags"]["widget"] == "list"
    assert changed["tags"]["widget"] == "select" and changed["tags"]["multiple"] is True
    assert {name: original[name] for name in original if name not in ("photos", "tags")} == {
        name: changed[name] for name in changed if name not in ("photos", "tags")
    }


def test_help_text_names_the_form_s_words_not_yaml_s() -> None:
    """A field's description is written for YAML; the form says it with its own words."""
    assert form_hint(Photo, "people") == "照片中可辨认的人:未成年人、老人、成年人"
    assert form_hint(Consent, "withdrawn") == "已撤回同意时打开开关,照片将不再发布"
    assert "“状态” 为 “发布”" in form_hint(Story, "date")
    assert form_hint(Story, "narrator") == "讲述人:姓名 与职务"
