"""Files under content/ that the build does not use are named by `check` at the file, with what
to do, and `build` stops on them as `check` does: nothing is ignored in silence."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pillow_heif
import pytest
from PIL import Image
from test_check import checked

from site_builder.commands.main import main
from site_builder.diagnostics import Diagnostics, Severity
from site_builder.project import Project
from site_builder.render.build import build_site
from site_builder.selection import BuildOptions

STORY = "content/stories/fengze-lianxin-huayuan.md"


def word(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("\u3000\u3000一篇还没有导入的稿子。")
    document.save(str(path))


def ledger(path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["日期", "活动名称", "受益人数"])
    book.save(path)


def live_photo(project: Project) -> None:
    """An iPhone Live Photo as it is copied off the phone: IMG_0001.HEIC, listed by a story,
    and IMG_0001.MOV, its video half, beside it."""
    folder = project.root / "content/stories"
    pillow_heif.from_pillow(Image.new("RGB", (64, 48), "green")).save(folder / "IMG_0001.HEIC")
    (folder / "IMG_0001.MOV").write_bytes(b"\x00\x00\x00\x14ftypqt  " + bytes(32))
    story = project.root / STORY
    entry = "  - file: IMG_0001.HEIC\n    alt: 连心花园里的长椅\n"
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("pseudonyms: []", entry + "pseudonyms: []", 1), "utf-8")


# (file under content/, how it is made, words of the advice)
STRAYS = [
    ("stories/剧场稿.docx", word, "site-builder import story content/stories/剧场稿.docx"),
    ("activities/taihe/2025年台账.xlsx", ledger, "site-builder import activities"),
    ("stories/旧稿.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(60)), "另存为 .docx"),
    ("stories/简报.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n"), "content/private/"),
    ("stories/IMG_0001.MOV", None, "实况照片"),
    ("stories/unused.jpg", lambda p: Image.new("RGB", (8, 8)).save(p), "没有任何故事"),
]


def strays(project: Project) -> None:
    content = project.root / "content"
    live_photo(project)
    for rel, make, _ in STRAYS:
        if make is not None:
            make(content / rel)
    # Not staff's files: hidden ones, Word's lock file, and what is kept unpublished on purpose.
    (content / "stories/.DS_Store").write_bytes(b"\x00")
    (content / "stories/~$剧场稿.docx").write_bytes(b"\x00")
    (content / "private/同意书扫描.pdf").write_bytes(b"%PDF-1.4\n")


def test_check_names_each_unused_file_with_what_to_do(project: Project) -> None:
    strays(project)
    found = checked(project)
    assert all(d.severity is Severity.WARNING for d in found), found
    assert [(d.path, d.line, d.column) for d in found] == sorted(
        (f"content/{rel}", 1, 1) for rel, _, _ in STRAYS
    )
    by_path = {d.path: d.message for d in found}
    for rel, _, words in STRAYS:
        assert words in by_path[f"content/{rel}"], (rel, by_path[f"content/{rel}"])
    assert "IMG_0001.HEIC" in by_path["content/stories/IMG_0001.MOV"]


def test_the_sample_has_no_unused_file(project: Project) -> None:
    assert checked(project) == []


def test_photos_beside_a_story_that_does_not_read_wait_for_it(project: Project) -> None:
    story = project.root / STORY
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("date: 2025-05-20", "date: 5月"), encoding="utf-8")
    found = checked(project)
    assert found and all(d.path == STORY for d in found), found


@pytest.mark.slow
def test_build_stops_where_check_warns(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    strays(project)
    assert main(["--project", str(project.root), "check"]) == 1
    said = capsys.readouterr().out
    diagnostics = Diagnostics()
    report = build_site(project, BuildOptions(), diagnostics, workers=1)
    assert not report.ok
    assert sorted(str(d) for d in diagnostics.warnings) == sorted(
        line for line in said.splitlines() if ": 警告: " in line
    )
    assert not project.site_dir.exists()
