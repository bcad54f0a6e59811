"""`check` runs every rule `build` runs except rendering, with build's verdict.

Photos are checked as the image stage checks them (paths, exact case, format, size), drafts and
items in review are checked too (their findings are notes: they block their own publication,
not the build), and a warning that stops `build` makes `check` fail.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from site_builder.commands.main import main
from site_builder.compiler import check_site
from site_builder.diagnostics import Diagnostic, Diagnostics, Severity
from site_builder.project import Project
from site_builder.selection import BuildOptions

STORY = "content/stories/fengze-lianxin-huayuan.md"
DRAFT = "content/stories/fengze-zhiyuan-daji.md"
PHOTO = "fengze-garden.jpg"
MOBILE = "13912345678"

Edit = Callable[[Project], None]


def replace_in(rel: str, old: str, new: str) -> Edit:
    def edit(project: Project) -> None:
        path = project.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def first_photo(file: str) -> Edit:
    """The story's first photo (also its cover) names `file`."""
    drop_cover = replace_in(STORY, f"cover: {PHOTO}\n", "")

    def edit(project: Project) -> None:
        drop_cover(project)
        replace_in(STORY, f"file: {PHOTO}", f"file: {file}")(project)

    return edit


def photo_file(name: str, write: Callable[[Path], None], *, then: str | None = None) -> Edit:
    """Put a file named `name` beside the story and let the story's first photo name it."""

    def edit(project: Project) -> None:
        write(project.root / "content/stories" / name)
        first_photo(then or name)(project)

    return edit


def _text(path: Path) -> None:
    path.write_text("这不是照片\n", encoding="utf-8")


def _huge(path: Path) -> None:
    Image.new("1", (8001, 8001)).save(path, "PNG")  # 64.02 megapixels, a few KB


def _truncated(path: Path) -> None:
    data = (Path(__file__).parent.parent / "content/stories" / PHOTO).read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _outside_link(path: Path) -> None:
    outside = path.parent.parent.parent / "outside.jpg"
    Image.new("RGB", (64, 48), "red").save(outside)
    os.symlink(outside, path)


def _same_photo(path: Path) -> None:
    path.write_bytes((path.parent / PHOTO).read_bytes())


# (id, edit, line of the story's first photo or None, key words)
PHOTO_CASES: list[tuple[str, Edit, str]] = [
    ("missing", first_photo("nothing.jpg"), "找不到照片"),
    ("case", first_photo("fengze-garden.JPG"), "大小写"),
    ("case-folder", photo_file("Garden.jpg", _same_photo, then="garden.jpg"), "Garden.jpg"),
    ("dotdot", first_photo("../../mkdocs.yml"), ".."),
    ("absolute", first_photo("/etc/hostname"), "绝对路径"),
    ("windows-drive", first_photo("C:\\\\照片\\\\a.jpg"), "绝对路径"),
    ("backslash", first_photo("photos\\\\a.jpg"), "反斜杠"),
    ("not-an-image", photo_file("garden.jpg.txt", _text), "不是能识别的图片"),
    ("over-64-megapixels", photo_file("huge.png", _huge), "百万像素"),
    ("truncated", photo_file("half.jpg", _truncated), "不完整"),
    ("symlink-outside", photo_file("link.jpg", _outside_link), "符号链接"),
]


def checked(project: Project) -> list[Diagnostic]:
    diagnostics = Diagnostics()
    check_site(project, BuildOptions(), diagnostics)
    return diagnostics.sorted()


def photo_line(project: Project) -> int:
    lines = (project.root / STORY).read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if line.startswith("  - file:"))


@pytest.mark.parametrize(
    ("edit", "words"), [case[1:] for case in PHOTO_CASES], ids=[c[0] for c in PHOTO_CASES]
)
def test_check_refuses_photos_as_build_does(project: Project, edit: Edit, words: str) -> None:
    edit(project)
    found = [d for d in checked(project) if d.severity is Severity.ERROR]
    assert len(found) == 1, found
    assert (found[0].path, found[0].line, found[0].column) == (STORY, photo_line(project), 11)
    assert words in found[0].message


def test_check_writes_no_derivatives(project: Project) -> None:
    assert checked(project) == []
    assert not (project.cache_dir / "images").exists()
    assert not project.compiled_dir.exists()


def test_a_warning_that_stops_build_fails_check(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project.root / STORY
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1].lstrip("\n")
    path.write_text(text.replace(body, "活动地点在和平路12号。" + body, 1), encoding="utf-8")
    assert main(["--project", str(project.root), "check"]) == 1
    out = capsys.readouterr().out
    assert "警告" in out and "住址" in out
    assert "检查通过" not in out


@pytest.mark.parametrize(
    ("status", "label"), [("draft", "草稿"), ("review", "待审")], ids=["draft", "review"]
)
def test_drafts_and_review_items_are_checked_too(
    project: Project, capsys: pytest.CaptureFixture[str], status: str, label: str
) -> None:
    replace_in(DRAFT, "status: draft", f"status: {status}")(project)
    replace_in(DRAFT, "summary: ", f"summary: 电话{MOBILE},")(project)
    found = checked(project)
    assert found and all(d.severity is Severity.NOTE and d.path == DRAFT for d in found), found
    assert any("手机号" in d.message for d in found)
    # The build would publish without this story: check passes, and says what blocks it.
    assert main(["--project", str(project.root), "check"]) == 0
    out = capsys.readouterr().out
    assert f"{DRAFT}:11:" in out and "发布前须修正" in out
    assert "草稿、待审" in out and label in "草稿、待审"
    assert "检查通过" in out


def test_draft_photos_are_checked(project: Project) -> None:
    replace_in(
        DRAFT, "pseudonyms: []", "pseudonyms: []\nphotos:\n  - file: nothing.JPG\n    alt: 大集"
    )(project)
    (note,) = checked(project)
    assert note.severity is Severity.NOTE
    assert (note.path, note.line, note.column) == (DRAFT, 15, 11)
    assert "找不到照片" in note.message
