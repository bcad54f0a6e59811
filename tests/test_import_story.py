"""`site-builder import story`: real .docx files (made with python-docx from Word's own template)
become draft stories in `new story`'s format, their pictures photos beside them."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup
from conftest import copy_project
from PIL import Image
from test_check import checked
from test_images import BACKGROUND, RED, close, write_phone_photo

from site_builder.commands.main import main
from site_builder.diagnostics import Severity
from site_builder.images import derive_photo
from site_builder.images.recipe import Recipe
from site_builder.markup import render_markdown
from site_builder.project import Project
from site_builder.word_import.convert import read_docx
from site_builder.word_import.markdown import to_markdown

DAY = "2025-06-01"
SLUG = "taihe-word"
STORY = f"content/stories/{SLUG}.md"
INDENTED = [
    "\u3000\u3000李老太今年80岁，已经有好几年没出过家门了。",  # two full-width spaces
    "\t为了让她少一些孤单，我们把剧场搬进了她的家。",  # a Tab
    "    孩子们轮番上场，唱歌、跳舞、朗诵。",  # four spaces: never a code block
]


def photo_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (0, 160, 0)).save(buffer, "PNG")
    return buffer.getvalue()


def office_document(path: Path, rotated: Path) -> Path:
    """What an office writes: a Title, indented Chinese paragraphs with empty ones between,
    a heading, bold and italic, lists, a table and two pictures (one a phone photo stored
    sideways with EXIF orientation 6)."""
    document = docx.Document()
    document.add_heading("把剧场搬到老人床前", 0)
    for text in INDENTED:
        document.add_paragraph(text)
        document.add_paragraph("")
    document.add_paragraph("\u3000\u3000")  # only indentation: an empty paragraph
    document.add_heading("一位观众,一群小演员", 1)
    paragraph = document.add_paragraph("\u3000\u3000活动有")
    paragraph.add_run("三个特点").bold = True
    paragraph.add_run(",最要紧的是")
    paragraph.add_run("坚持").italic = True
    paragraph.add_run("。")
    for item in ("每周两次", "孩子和家长一起"):
        document.add_paragraph(item, style="List Bullet")
    document.add_paragraph("走访调查", style="List Number")
    document.add_paragraph("招募演员", style="List Number")
    table = document.add_table(rows=2, cols=2)
    for (row, column), text in {
        (0, 0): "活动",
        (0, 1): "人次",
        (1, 0): "剧场",
        (1, 1): "64",
    }.items():
        table.cell(row, column).text = text
    document.add_picture(str(rotated))
    document.add_paragraph("\u3000\u3000台下只坐着一位观众。")
    document.add_picture(io.BytesIO(photo_png()))
    document.save(str(path))
    return path


def stories(project: Project) -> list[str]:
    return sorted(p.name for p in (project.root / "content/stories").iterdir())


def import_story(project: Project, document: Path, *args: str) -> int:
    command = ["import", "story", str(document), "--community", "taihe", "--date", DAY]
    return main(["--project", str(project.root), *command, *args])


@pytest.fixture
def imported(project: Project, tmp_path: Path) -> tuple[Project, Path]:
    rotated = write_phone_photo(tmp_path / "IMG_2041.jpg", size=(1200, 900))
    document = office_document(tmp_path / "剧场.docx", rotated)
    assert import_story(project, document, "--slug", SLUG) == 0
    return project, rotated


EXPECTED_BODY = """
李老太今年80岁，已经有好几年没出过家门了。

为了让她少一些孤单，我们把剧场搬进了她的家。

孩子们轮番上场，唱歌、跳舞、朗诵。

## 一位观众,一群小演员

活动有**三个特点**,最要紧的是*坚持*。

-   每周两次
-   孩子和家长一起

1.  走访调查
2.  招募演员

| 活动 | 人次 |
| --- | --- |
| 剧场 | 64 |

<!-- 原文此处有图片 taihe-word-1.jpg,已列在上面的 photos 中 -->

台下只坐着一位观众。

<!-- 原文此处有图片 taihe-word-2.png,已列在上面的 photos 中 -->
"""


def test_word_document_becomes_the_story_new_story_would_write(
    imported: tuple[Project, Path], tmp_path: Path
) -> None:
    project, _ = imported
    text = (project.root / STORY).read_text(encoding="utf-8")
    scaffolded = copy_project(tmp_path / "scaffolded")
    new = ["new", "story", "--title", "把剧场搬到老人床前", "--community", "taihe"]
    assert main(["--project", str(scaffolded.root), *new, "--date", DAY, "--slug", SLUG]) == 0
    template = (scaffolded.root / STORY).read_text(encoding="utf-8")
    photos = "".join(f"  - file: {SLUG}-{n}\n    alt: 待填写\n" for n in ("1.jpg", "2.png"))
    assert text == template.replace("photos: []\n", "photos:\n" + photos) + EXPECTED_BODY


def test_the_story_renders_without_code_boxes(imported: tuple[Project, Path]) -> None:
    project, _ = imported
    body = (project.root / STORY).read_text(encoding="utf-8").split("---\n", 2)[2]
    html = render_markdown(body)
    for tag in ("<h2>", "<strong>", "<em>", "<ul>", "<ol>", "<table>", "<th>"):
        assert tag in html, tag
    assert "<pre" not in html and "<code" not in html
    assert "WORD-PICTURE" not in html


def test_pictures_are_saved_beside_the_story_and_made_upright_as_the_build_does(
    imported: tuple[Project, Path],
) -> None:
    project, rotated = imported
    folder = project.root / "content/stories"
    assert (folder / f"{SLUG}-1.jpg").read_bytes() == rotated.read_bytes()  # nothing lost
    assert (folder / f"{SLUG}-2.png").read_bytes() == photo_png()
    with Image.open(folder / f"{SLUG}-1.jpg") as stored:
        assert stored.size == (1200, 900)  # the sensor's landscape, EXIF orientation 6
        assert stored.getexif()[0x0112] == 6
    derived = derive_photo(folder / f"{SLUG}-1.jpg", Recipe())
    assert (derived.photo.width, derived.photo.height) == (480, 640)
    with Image.open(io.BytesIO(next(iter(derived.files.values())))) as published:
        rgb = published.convert("RGB")
    w, h = rgb.size
    assert close(rgb.getpixel((w - 1 - w // 20, h // 30)), RED)  # stored top-left: upright TR
    assert close(rgb.getpixel((w // 20, h // 30)), BACKGROUND)


def test_check_asks_for_each_alt_text_by_name(imported: tuple[Project, Path]) -> None:
    project, _ = imported
    lines = (project.root / STORY).read_text(encoding="utf-8").split("\n")
    alt_lines = [n for n, line in enumerate(lines, 1) if line == "    alt: 待填写"]
    found = [d for d in checked(project) if d.path == STORY]
    assert {d.severity for d in found} == {Severity.NOTE}  # a draft: the build goes on
    assert [(d.line, d.column) for d in found] == [(n, 10) for n in alt_lines]
    assert [f"{SLUG}-1.jpg" in found[0].message, f"{SLUG}-2.png" in found[1].message] == [
        True,
        True,
    ]


def test_privacy_findings_are_printed_at_their_lines(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = docx.Document()
    document.add_heading("楼道里的便民服务", 1)
    document.add_paragraph("\u3000\u3000需要上门服务的居民,可以找志愿者小刘。")
    document.add_paragraph("\u3000\u3000他的电话是13912345678,随叫随到。")
    document.save(str(tmp_path / "便民.docx"))
    capsys.readouterr()

    assert import_story(project, tmp_path / "便民.docx") == 0

    out = capsys.readouterr().out
    story = next((project.root / "content/stories").glob("taihe-*bianmin*.md"))
    lines = story.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if "13912345678" in text)
    rel = f"content/stories/{story.name}"
    assert re.search(rf"^{re.escape(rel)}:{line}:\d+: 发布前须修正: 疑似手机号", out, re.M), out
    assert "13912345678" not in out  # masked, as check shows it
    assert 'title: "楼道里的便民服务"' in lines  # the first heading is the title


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("旧稿.doc", "Word 文档(*.docx)"),
        ("稿件.wps", "WPS 文字"),
        ("简报.pdf", "Word 原稿(.docx)"),
        ("笔记.txt", "只能导入 Word 文档(.docx)"),
    ],
)
def test_other_formats_are_told_how_to_save_as_docx(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, words: str
) -> None:
    (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0" + bytes(60))
    before = stories(project)
    capsys.readouterr()
    assert import_story(project, tmp_path / name) == 2
    out = capsys.readouterr().out
    assert words in out and name in out
    assert stories(project) == before


def test_a_renamed_doc_or_a_damaged_docx_is_refused(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "旧稿.docx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(60))
    docx.Document().save(str(tmp_path / "whole.docx"))
    with zipfile.ZipFile(tmp_path / "whole.docx") as whole:
        text = whole.read("word/document.xml")
    cut = rewritten(
        tmp_path / "whole.docx",
        tmp_path / "断了.docx",
        {"word/document.xml": (text, text[: len(text) // 2])},
    )
    before = stories(project)
    for document in (fake, cut):
        assert import_story(project, document) == 2
        assert "不是有效的 .docx" in capsys.readouterr().out
    assert stories(project) == before


def test_title_from_the_document_properties(project: Project, tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "社区里的连心花园"
    document.add_heading("社区里的连心花园", 1)
    document.add_paragraph("正文。")
    document.save(str(tmp_path / "a.docx"))
    assert zipfile.is_zipfile(tmp_path / "a.docx")
    assert import_story(project, tmp_path / "a.docx", "--slug", "taihe-garden") == 0
    text = (project.root / "content/stories/taihe-garden.md").read_text(encoding="utf-8")
    assert 'title: "社区里的连心花园"' in text
    assert text.endswith("-->\n\n正文。\n")  # the heading that repeats the title left the body


def test_text_that_reads_as_markdown_stays_text(tmp_path: Path) -> None:
    """Numbering typed by hand, angle brackets, a `|` in a table cell: shown as typed."""
    document = docx.Document()
    title = document.add_paragraph()
    title.add_run("\u3000\u3000楼道里的读书角").bold = True  # a title as offices type it
    for text in ("1. 第一步,先登记", "# 号楼的居民", "孩子们说:<我们还要来>", "A&B 两队"):
        document.add_paragraph(text)
    document.add_table(rows=1, cols=2).cell(0, 0).text = "上午|下午"
    document.save(str(tmp_path / "读书角.docx"))

    story = read_docx(tmp_path / "读书角.docx")

    assert story.title == "楼道里的读书角"
    html = render_markdown(story.body)
    for typed in (
        "1. 第一步,先登记",
        "# 号楼的居民",
        "孩子们说:&lt;我们还要来&gt;",
        "A&amp;B 两队",
    ):
        assert f"<p>{typed}</p>" in html, html
    assert "<th>上午|下午</th>" in html
    assert "\\" not in html


def test_a_heading_further_down_is_no_title(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("开头就是正文,没有标题。")
    document.add_heading("后来的小标题", 1)
    document.save(str(tmp_path / "社区简讯.docx"))
    story = read_docx(tmp_path / "社区简讯.docx")
    assert story.title == "社区简讯"  # the file's name, as offices name their files
    assert story.body == "开头就是正文,没有标题。\n\n## 后来的小标题\n"


def rewritten(source: Path, target: Path, edit: dict[str, tuple[bytes, bytes]]) -> Path:
    """`source` with bytes replaced in some of its parts, and the media renamed to .emf when
    the relationships are edited (as Word stores a vector drawing)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data, name = old.read(info.filename), info.filename
            if name in edit:
                data = data.replace(*edit[name])
            if name.startswith("word/media/") and "word/_rels/document.xml.rels" in edit:
                name = name.rsplit(".", 1)[0] + ".emf"
            new.writestr(name, data)
    return target


def test_what_cannot_be_imported_is_said_at_its_line(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = docx.Document()
    document.add_paragraph("\u3000\u3000活动流程见下图。")
    document.add_picture(io.BytesIO(photo_png()))
    document.add_paragraph("人均费用按公式计算:EQUATION")
    document.save(str(tmp_path / "made.docx"))
    math = b"</w:t></w:r><m:oMath><m:r><m:t>x/2</m:t></m:r></m:oMath><w:r><w:t>"
    word = rewritten(
        tmp_path / "made.docx",
        tmp_path / "流程.docx",
        {
            "word/document.xml": (b"EQUATION", math),
            "word/_rels/document.xml.rels": (b".png", b".emf"),
            "[Content_Types].xml": (
                b"<Default Extension=",
                b'<Default Extension="emf" ContentType="image/x-emf"/><Default Extension=',
            ),
        },
    )
    capsys.readouterr()

    assert import_story(project, word, "--slug", "taihe-liucheng") == 0

    out = capsys.readouterr().out
    story = project.root / "content/stories/taihe-liucheng.md"
    lines = story.read_text(encoding="utf-8").split("\n")
    note = next(n for n, line in enumerate(lines, 1) if "第 1 张图片网站不能用" in line)
    body = lines.index("---", 1) + 2
    rel = "content/stories/taihe-liucheng.md"
    assert f"{rel}:{note}:1: 警告: 原文第 1 张图片(image/x-emf)网站不能用" in out
    assert f"{rel}:{body}:1: 警告: 原文中有 1 处内容未能导入" in out and "(公式)" in out
    assert not list(story.parent.glob("taihe-liucheng-*"))  # no picture file written
    assert "photos: []" in lines


def test_nested_lists_nest_as_python_markdown_reads_them() -> None:
    """Word's list levels, as mammoth gives them, stay levels on the page."""
    html = "<ol><li>报名<ul><li>电话报名</li><li>现场报名</li></ul></li><li>分组</li></ol>"
    body = to_markdown(BeautifulSoup(html, "html.parser"))
    assert body == "1.  报名\n    -   电话报名\n    -   现场报名\n2.  分组\n"
    assert render_markdown(body).replace("\n", "") == (
        "<ol><li>报名<ul><li>电话报名</li><li>现场报名</li></ul></li><li>分组</li></ol>"
    )


def test_a_published_story_with_unwritten_alt_texts_stops_the_build(
    imported: tuple[Project, Path],
) -> None:
    project, _ = imported
    story = project.root / STORY
    story.write_text(
        story.read_text(encoding="utf-8").replace("status: draft", "status: published"), "utf-8"
    )
    found = [d for d in checked(project) if d.path == STORY and "替代文字" in d.message]
    assert [d.severity for d in found] == [Severity.WARNING, Severity.WARNING]
    assert [f"{SLUG}-1.jpg" in found[0].message, f"{SLUG}-2.png" in found[1].message] == [
        True,
        True,
    ]
