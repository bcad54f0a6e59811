"""A full MkDocs render split between processes (render/mkdocs_engine.py) writes what one
process writes, and every share's warnings reach the build."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from site_builder.compiler import compile_site
from site_builder.diagnostics import Diagnostics
from site_builder.project import Project
from site_builder.render.mkdocs_engine import MkDocsEngine
from site_builder.selection import BuildOptions

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import Scale, generate  # noqa: E402

OPTIONS = BuildOptions(as_of=dt.date(2025, 7, 1))


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Project:
    folder = tmp_path_factory.mktemp("split") / "archive"
    generate(folder, Scale(stories=24, communities=2, records=240, photos=2))
    project = Project(folder)
    diagnostics = Diagnostics()
    assert compile_site(project, OPTIONS, diagnostics, workers=1) is not None, diagnostics
    return project


@pytest.mark.slow
def test_three_processes_write_the_bytes_one_writes(compiled: Project, tmp_path: Path) -> None:
    one, three = tmp_path / "one", tmp_path / "three"
    diagnostics = Diagnostics()
    assert MkDocsEngine().render(compiled, one, diagnostics, as_of=OPTIONS.as_of, workers=1)
    split = MkDocsEngine(split_from=1)
    assert split.render(compiled, three, diagnostics, as_of=OPTIONS.as_of, workers=3)
    assert diagnostics.sorted() == []
    pages = tree(one)
    assert sum(name.endswith(".html") for name in pages) > 40
    assert tree(three) == pages


@pytest.mark.slow
def test_a_warning_in_any_share_fails_the_render(compiled: Project, tmp_path: Path) -> None:
    stories = sorted((compiled.compiled_dir / "stories").glob("*/index.md"))
    for story in stories:
        text = story.read_text(encoding="utf-8")
        story.write_text(text + "\n[断开的链接](no-such-page.md)\n", encoding="utf-8")
    try:
        diagnostics = Diagnostics()
        split = MkDocsEngine(split_from=1)
        assert not split.render(
            compiled, tmp_path / "out", diagnostics, as_of=OPTIONS.as_of, workers=3
        )
        broken = [d for d in diagnostics if "no-such-page.md" in d.message]
        assert len(broken) == len(stories) >= 3
    finally:
        for story in stories:
            text = story.read_text(encoding="utf-8")
            story.write_text(text.replace("\n[断开的链接](no-such-page.md)\n", ""), "utf-8")
