"""The renderer gets only the Markdown of compiled pages (site_builder/render/raw_html.py), and
the site comes out byte for byte as if Python-Markdown had passed the HTML through itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.diagnostics import Diagnostics
from site_builder.pages.engine_config import config_file
from site_builder.project import Project
from site_builder.render.build import BuildReport
from site_builder.render.config import adapter_of
from site_builder.render.mkdocs_engine import build_date
from site_builder.render.raw_html import Stash


def rendered(project: Project, out: Path, *, stash_html: bool) -> dict[str, bytes]:
    # The configuration the compiler wrote for MkDocs, as `site-builder build` renders it.
    config = load_config(
        config_file=str(config_file(project, "mkdocs")), site_dir=str(out), strict=True
    )
    adapter = adapter_of(config)
    assert adapter is not None
    adapter.precompiled = True
    adapter.config.stash_html = stash_html
    try:
        with build_date(dt.date(2026, 1, 1)):
            build(config)
    finally:
        # MkDocs keeps the plugin for the process: a later plain `mkdocs build` must compile.
        adapter.precompiled = False
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_the_site_is_the_same_with_and_without_the_stash(
    built: tuple[Project, BuildReport, Diagnostics], tmp_path: Path
) -> None:
    project, report, _ = built
    assert report.ok
    stashed = rendered(project, tmp_path / "stashed", stash_html=True)
    plain = rendered(project, tmp_path / "plain", stash_html=False)
    assert stashed.keys() == plain.keys()
    assert [name for name in stashed if stashed[name] != plain[name]] == []
    assert len([n for n in stashed if n.endswith(".html")]) > 20


def test_complete_blocks_are_taken_and_restored() -> None:
    page = (
        "# 标题\n\n"
        '<div class="a" id="top">\n<div>内</div>\n</div>\n\n'
        "一段 *文字*。\n\n"
        '<h2 id="x">小标题</h2>\n\n'
        "<p>结尾</p>"
    )
    stash = Stash()
    taken = stash.take(page)
    assert "<div" not in taken and "<h2" not in taken and "一段 *文字*" in taken
    assert len(stash.blocks) == 3
    assert stash.anchor_ids() == {"top", "x"}
    tokens = [f"<p>{token}</p>" for token in stash.blocks]
    html = f"<h1>标题</h1>\n{tokens[0]}\n<p>一段 <em>文字</em>。</p>\n{tokens[1]}\n{tokens[2]}"
    assert stash.restore(html) == (
        '<h1>标题</h1>\n<div class="a" id="top">\n<div>内</div>\n</div>\n\n'
        '<p>一段 <em>文字</em>。</p>\n<h2 id="x">小标题</h2>\n\n<p>结尾</p>'
    )


def test_an_incomplete_block_leaves_the_rest_of_the_page_to_python_markdown() -> None:
    # The <div> goes on past a blank line: Python-Markdown reads it as one raw block, so
    # nothing from there on may be replaced.
    page = "<p>前</p>\n\n<div>\n<pre>一\n\n二</pre>\n</div>\n\n<p>后</p>"
    stash = Stash()
    taken = stash.take(page)
    assert list(stash.blocks.values()) == ["<p>前</p>"]
    assert taken.endswith("<div>\n<pre>一\n\n二</pre>\n</div>\n\n<p>后</p>")
