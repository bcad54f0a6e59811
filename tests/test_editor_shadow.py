"""The shadow of content/ a save is tried on: in step with content/ after every change, never
touching it, and the project checked there names the real files."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_client import content_digest

from site_builder.editor.shadow import Shadow
from site_builder.editor.validate import SaveChecker
from site_builder.project import Project


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("linking", [True, False], ids=["hard links", "copies"])
def test_the_shadow_follows_content_added_changed_and_removed(
    project: Project, linking: bool
) -> None:
    shadow = Shadow(project)
    shadow._linking = linking
    first = shadow.sync()
    assert _files(shadow.project.content_dir) == _files(project.content_dir)
    story = project.content_dir / "stories" / "fengze-zhiyuan-daji.md"
    story.write_text(story.read_text(encoding="utf-8") + "\n又一段。\n", encoding="utf-8")
    (project.content_dir / "stories" / "2024").mkdir()
    (project.content_dir / "stories" / "2024" / "new.md").write_text("---\n", encoding="utf-8")
    (project.content_dir / "communities" / "taihe.yml").unlink()
    assert shadow.sync() != first
    assert _files(shadow.project.content_dir) == _files(project.content_dir)


def test_trying_a_change_leaves_content_alone_and_puts_the_shadow_back(project: Project) -> None:
    shadow = Shadow(project)
    shadow.sync()
    before = content_digest(project)
    with shadow.trying({"stories/x.md": b"---\ntitle: x\n---\n", "site.yml": None}):
        assert (shadow.project.content_dir / "stories" / "x.md").is_file()
        assert not (shadow.project.content_dir / "site.yml").exists()
        assert content_digest(project) == before
    assert _files(shadow.project.content_dir) == _files(project.content_dir)


def test_an_error_already_elsewhere_does_not_stop_a_save(project: Project) -> None:
    """A mistake in another file is that file's: staff can still fix this one."""
    other = project.content_dir / "communities" / "taihe.yml"
    other.write_text(other.read_text(encoding="utf-8") + "city: [\n", encoding="utf-8")
    checker = SaveChecker(project)
    story = project.content_dir / "stories" / "fengze-zhiyuan-daji.md"
    text = story.read_text(encoding="utf-8").replace("每到", "每逢", 1)
    verdict = checker.verdict({"stories/fengze-zhiyuan-daji.md": text.encode()})
    assert not verdict.refused
    broken = checker.verdict({"stories/fengze-zhiyuan-daji.md": b"---\ntitle: [\n---\n"})
    assert broken.refused
    assert {d.path for d in broken.errors} == {"content/stories/fengze-zhiyuan-daji.md"}
