"""What the web editor saves comes out in the project's own style (editor/restyle.py).

Decap CMS re-dumps the whole file it edits: comments gone, flow lists as block lists, dates as
quoted text, keys in its own order. `decap_sends` does the same to a real sample file, and
the restyled text must be the sample file again, or differ only where a value changed.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

import pytest
import yaml

from site_builder.diagnostics import Diagnostics
from site_builder.editor.restyle import model_for, restyle
from site_builder.load.reader import load_site
from site_builder.project import Project
from tests.conftest import ROOT

SAMPLES = sorted(
    path.relative_to(ROOT).as_posix()
    for pattern in ("stories/**/*.md", "collections/*.md", "communities/*.yml",
                    "activities/*/*.yml", "site.yml")
    for path in (ROOT / "content").glob(pattern)
)  # fmt: skip


def _as_decap(value: Any) -> Any:
    """Keys reversed at every level, dates as text: as an editor that knows no order sends."""
    if isinstance(value, dict):
        return {key: _as_decap(item) for key, item in reversed(value.items())}
    if isinstance(value, list):
        return [_as_decap(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _dump(data: Any) -> str:
    return yaml.safe_dump(_as_decap(data), allow_unicode=True, sort_keys=False)


def split(text: str) -> tuple[dict[str, Any], str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def decap_sends(rel: str, data: dict[str, Any], body: str = "") -> str:
    return f"---\n{_dump(data)}---\n{body}" if rel.endswith(".md") else _dump(data)


def read(rel: str) -> tuple[str, dict[str, Any], str]:
    text = (ROOT / rel).read_text(encoding="utf-8")
    if rel.endswith(".md"):
        data, body = split(text)
        return text, data, body
    return text, yaml.safe_load(text), ""


def changed_lines(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_every_kind_of_content_file_is_sampled() -> None:
    kinds = {model_for(rel) for rel in SAMPLES}
    assert len(kinds) == 5 and None not in kinds, SAMPLES


@pytest.mark.parametrize("rel", SAMPLES)
def test_an_unchanged_save_gives_back_the_file_byte_for_byte(rel: str) -> None:
    text, data, body = read(rel)
    sent = decap_sends(rel, data, body)
    assert sent != text
    assert restyle(rel, sent, text) == text


def test_a_changed_value_changes_its_line_only_and_comments_stay() -> None:
    rel = "content/site.yml"
    text, data, _ = read(rel)
    data["stories_per_page"] = 12
    result = restyle(rel, decap_sends(rel, data), text)
    assert changed_lines(text, result) == ["-stories_per_page: 10", "+stories_per_page: 12"]
    assert "# 涉及健康或困境的词语" in result and result.startswith("# yaml-language-server:")


def test_a_changed_word_in_a_record_keeps_the_records_around_it() -> None:
    rel = "content/activities/fengze/2025.yml"
    text, data, _ = read(rel)
    data["activities"][1]["title"] = "“守门”行动:拆除13处违建,打通消防通道"
    data["activities"][1]["partners"].append("消防救援站")
    result = restyle(rel, decap_sends(rel, data), text)
    assert changed_lines(text, result) == [
        "-    title: “守门”行动:拆除12处违建,打通消防通道",
        "+    title: “守门”行动:拆除13处违建,打通消防通道",
        "-    partners: [新华街道, 小区物业]",
        "+    partners: [新华街道, 小区物业, 消防救援站]",
    ]


def test_a_story_body_is_kept_as_sent_with_its_full_width_punctuation() -> None:
    rel = "content/stories/fengze-zhiyuan-daji.md"
    text, data, body = read(rel)
    new_body = body + "\n补记:大集改到每月第一个周六,风雨无阻。\n"
    result = restyle(rel, decap_sends(rel, data, new_body), text)
    assert result == text + "\n补记:大集改到每月第一个周六,风雨无阻。\n"


def test_a_new_record_is_written_in_model_order_without_the_editors_empty_fields() -> None:
    rel = "content/activities/taihe/2025.yml"
    text, data, _ = read(rel)
    data["activities"].append(
        {"notes": "", "private": False, "status": "published", "photos": [], "approximate": [],
         "story": "", "partners": ["泰合小学"], "donations": {"in_kind": 0, "cash": 0},
         "volunteer_hours": 6, "volunteers": 3, "beneficiaries": 40, "sessions": 1,
         "audiences": ["children", "elderly"], "category": "culture", "title": "重阳节联欢",
         "date": "2025-10-29"}
    )  # fmt: skip
    result = restyle(rel, decap_sends(rel, data), text)
    assert result.startswith(text.rstrip("\n"))
    assert result[len(text.rstrip("\n")) :] == (
        "\n  - date: 2025-10-29\n"
        "    title: 重阳节联欢\n"
        "    category: culture\n"
        "    audiences: [children, elderly]\n"
        "    beneficiaries: 40\n"
        "    volunteers: 3\n"
        "    volunteer_hours: 6\n"
        "    partners: [泰合小学]\n"
    )


def test_a_removed_record_is_removed_and_the_others_keep_their_text() -> None:
    rel = "content/activities/fengze/2025.yml"
    text, data, _ = read(rel)
    removed = data["activities"].pop(1)
    result = restyle(rel, decap_sends(rel, data), text)
    assert removed["title"] not in result
    assert all(line.startswith("-") for line in changed_lines(text, result))


def test_a_new_story_gets_the_schema_line_model_order_and_a_photo_with_consent(
    project: Project,
) -> None:
    rel = "content/stories/taihe/taihe-xiao-zhiyuanzhe.md"
    sent = (
        "---\nstatus: draft\nslug: taihe-xiao-zhiyuanzhe\ntags: []\nphotos:\n"
        "  - consent:\n      date: '2025-09-01'\n      given_by: guardian\n"
        "    people:\n      - minor\n    alt: 三个孩子在给老人读报\n    file: reading.jpg\n"
        "narrator:\n  role: 社区书记\n  name: 张明\ncommunity: taihe\ndate: '2025-09-02'\n"
        "title: 小小志愿者\n---\n孩子们每周来一次，给老人读报。\n"
    )
    result = restyle(rel, sent, None, root=ROOT)
    assert result == (
        "---\n"
        "# yaml-language-server: $schema=../../../site_builder/schemas/story.schema.json\n"
        "title: 小小志愿者\n"
        "date: 2025-09-02\n"
        "community: taihe\n"
        "narrator:\n  name: 张明\n  role: 社区书记\n"
        "photos:\n"
        "  - file: reading.jpg\n"
        "    alt: 三个孩子在给老人读报\n"
        "    people: [minor]\n"
        "    consent: {given_by: guardian, date: 2025-09-01}\n"
        "---\n孩子们每周来一次，给老人读报。\n"
    )
    # The loader reads it as a story of the sample project, with its photo's consent.
    target = project.root / rel
    target.parent.mkdir(parents=True)
    target.write_text(result, encoding="utf-8")
    diagnostics = Diagnostics()
    site = load_site(project, diagnostics)
    assert site is not None and not diagnostics.errors, diagnostics.errors
    assert site.stories["taihe-xiao-zhiyuanzhe"].photos[0].consent is not None


def test_text_that_is_not_yaml_is_returned_as_sent_for_the_checks_to_report() -> None:
    rel = "content/communities/fengze.yml"
    broken = "name: 丰泽社区\ncity: [沈阳市\n"
    assert restyle(rel, broken, (ROOT / rel).read_text(encoding="utf-8")) == broken


def test_files_no_model_describes_are_left_alone() -> None:
    assert restyle("content/private/real_names.yml", "- 王某\n", None) == "- 王某\n"
    assert model_for("content\\stories\\taihe\\a.md") is not None


def test_the_schema_line_of_a_new_file_follows_its_folder() -> None:
    result = restyle("content/communities/beiling.yml", "name: 北陵社区\n", None, root=ROOT)
    assert result.startswith("# yaml-language-server: $schema=../../site_builder/schemas/")
