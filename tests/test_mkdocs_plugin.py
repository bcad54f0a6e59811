"""The MkDocs adapter on its own: plain `mkdocs build` recompiles content, as `serve` does."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from site_builder.compiler import compile_site
from site_builder.diagnostics import Diagnostics
from site_builder.project import Project
from site_builder.selection import BuildOptions

# Every test here runs a whole `mkdocs build` through the plugin.
pytestmark = pytest.mark.slow

STORY = "content/stories/taihe-yige-guanzhong-de-juchang.md"


def mkdocs_build(project: Project, out: Path, **plugin_options: object) -> None:
    config = load_config(config_file=str(project.mkdocs_file), site_dir=str(out))
    plugin = config.plugins["site_builder"]
    for key, value in plugin_options.items():
        plugin.config[key] = value
    build(config)


@pytest.fixture
def compiled(project: Project) -> Project:
    # MkDocs requires docs_dir to exist before plugins run; `site-builder` creates it.
    assert compile_site(project, BuildOptions(), Diagnostics(), workers=1) is not None
    return project


def test_plugin_recompiles_changed_content(compiled: Project, tmp_path: Path) -> None:
    path = compiled.root / STORY
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: 把剧场搬到老人床前", "title: 新的标题"),
        encoding="utf-8",
    )
    mkdocs_build(compiled, tmp_path / "out")
    html = (tmp_path / "out/stories/taihe-yige-guanzhong-de-juchang/index.html").read_text(
        encoding="utf-8"
    )
    assert "新的标题" in html
    assert not (tmp_path / "out/stories/fengze-zhiyuan-daji").exists()


def test_preview_shows_drafts_with_a_banner(compiled: Project, tmp_path: Path) -> None:
    mkdocs_build(compiled, tmp_path / "out", preview=True)
    html = (tmp_path / "out/stories/fengze-zhiyuan-daji/index.html").read_text(encoding="utf-8")
    assert "草稿:仅在预览中可见" in html


def test_plugin_reports_content_errors_with_their_place(
    compiled: Project, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = compiled.root / STORY
    path.write_text(
        path.read_text(encoding="utf-8").replace("date: 2025-05-20", "date: 2025-02-30"),
        encoding="utf-8",
    )
    with pytest.raises(Abort):
        mkdocs_build(compiled, tmp_path / "out")
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any(f"{STORY}:4:7:" in message for message in errors)
    # One broken story is one error: references to it are not reported again.
    assert sum(message.count(": 错误: ") for message in errors) == 1
