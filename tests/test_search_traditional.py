"""The map of traditional characters the search box converts a query with (issue 24), made
from OpenCC's tables at build time (render/search_traditional.py)."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

from conftest import copy_project
from search_stories import write_stories

from site_builder.diagnostics import Diagnostics
from site_builder.project import Project
from site_builder.render.build import BuildReport
from site_builder.render.search import SEARCH_DIR, SHARDS_FILE
from site_builder.render.search_traditional import (
    MAP_FILE,
    traditional_field,
    traditional_forms,
    traditional_only,
    write_traditional_map,
)


def test_traditional_characters_map_to_the_simplified_forms_readers_mean() -> None:
    forms = traditional_forms()
    assert [forms[c] for c in "誌願"] == ["志", "愿"]
    assert "服" not in forms  # the same in both
    assert forms["務"] == "务" and forms["瀋"][0] == "沈" and forms["臺"] == "台"
    # Characters simplified writing uses too keep themselves among their forms.
    assert forms["於"] == "于於" and forms["乾"] == "干乾" and forms["著"] == "著着"
    only = set(traditional_only())
    assert {"誌", "願", "務", "瀋", "關"} <= only
    assert not only & {"於", "乾", "著", "沈", "干", "服", "志", "后"}


def test_no_character_of_the_simplified_sample_site_is_taken_for_traditional(
    tmp_path: Path,
) -> None:
    """A simplified query is never converted: none of its characters is traditional-only (the
    sample's content, Markdown and YAML, and the synthetic stories)."""
    project = copy_project(tmp_path / "p")
    write_stories(project.root)  # the search evaluation's stories, in the seed's style
    text = "".join(
        page.read_text(encoding="utf-8")
        for page in (project.root / "content").rglob("*")
        if page.suffix in (".md", ".yml")
    )
    han = set(re.findall(r"[\u4e00-\u9fff]", text))
    assert len(han) > 850
    assert han.isdisjoint(traditional_only())


def test_the_bitmap_in_shards_json_holds_exactly_the_traditional_only_characters(
    tmp_path: Path,
) -> None:
    field = traditional_field()
    bits = base64.b64decode(str(field["bits"]))
    start = int(str(field["from"]))
    marked = {
        chr(start + i * 8 + b) for i, byte in enumerate(bits) for b in range(8) if byte >> b & 1
    }
    assert marked == set(traditional_only())
    write_traditional_map(tmp_path)
    table = json.loads((tmp_path / MAP_FILE).read_text(encoding="utf-8"))
    assert "Apache-2.0" in table["licence"] and "OpenCC" in table["source"]
    assert len(table["from"]) == len(table["to"])
    single = dict(zip(table["from"], table["to"], strict=True))
    several = {entry[0]: entry[1:] for entry in table["several"].split(" ")}
    assert {**single, **several} == traditional_forms()


def test_the_build_writes_the_map_and_its_bitmap_beside_the_index(
    built: tuple[Project, BuildReport, Diagnostics],
) -> None:
    site = built[0].site_dir
    listed = json.loads((site / SEARCH_DIR / SHARDS_FILE).read_text(encoding="utf-8"))
    assert listed["traditional"] == traditional_field()
    assert (site / SEARCH_DIR / MAP_FILE).is_file()
