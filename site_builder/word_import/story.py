"""A Word document made into a draft story beside its pictures, then checked as `check` does.

The story is what `site-builder new story` writes (new_files/files.py), with the document's
title, its text as the body and one `photos` entry per picture, whose alt text is still to be
written. The pictures are saved as they are in the document (the build turns them upright by
their EXIF orientation and strips their metadata, as for any photo). The privacy gate and the
other checks then run over the whole content, and what they find in the new story is returned
at its lines. Nothing is written when the story or a picture's file name is taken.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers.expat import ExpatError

from site_builder.compiler import check_site
from site_builder.diagnostics import Diagnostic, Diagnostics
from site_builder.i18n import t
from site_builder.images import ImageError, Recipe, check_photo
from site_builder.model.common import PLACEHOLDER
from site_builder.new_files.files import NewItem, Scaffold, make_slug
from site_builder.project import Project
from site_builder.selection import BuildOptions
from site_builder.session import Session
from site_builder.word_import.convert import Picture, WordStory, read_docx
from site_builder.word_import.markdown import PICTURE_MARK

SUFFIX = ".docx"


class ImportRefused(Exception):
    """The document cannot be imported; the message says what to do."""


@dataclass
class ImportedStory:
    path: Path | None  # None when nothing was written
    title: str = ""
    pictures: list[Path] = field(default_factory=list)
    # The checks' findings in the new story, pictures that could not be used, or why nothing
    # was written.
    findings: Diagnostics = field(default_factory=Diagnostics)


def _save_as(name: str, program: str, file_type: str) -> str:
    return t(
        "{name} 不能直接导入:请用 {program} 打开它,选择“文件 → 另存为”,保存类型选“{type}”,"
        "再导入另存的 .docx 文件",
        "{name} cannot be imported as it is: open it in {program}, choose File → Save As, "
        "type '{type}', then import the saved .docx file",
        name=name,
        program=program,
        type=file_type,
    )


def refusal(source: Path) -> str | None:
    """Why a file of this kind cannot be imported, or None for a .docx."""
    suffix = source.suffix.lower()
    if suffix == SUFFIX:
        return None
    if suffix == ".doc":
        return _save_as(source.name, t("Word 或 WPS", "Word or WPS"), "Word 文档(*.docx)")
    if suffix == ".wps":
        return _save_as(source.name, t("WPS 文字", "WPS Writer"), "Microsoft Word 文件(*.docx)")
    if suffix == ".pdf":
        return t(
            "{name} 是 PDF,段落和表格无法可靠还原:请找到它的 Word 原稿(.docx)导入;"
            "只有 PDF 时,用 WPS 或 Word 打开它,“文件 → 另存为” .docx,核对后再导入",
            "{name} is a PDF, whose paragraphs and tables cannot be recovered reliably: "
            "import its Word original (.docx); with only the PDF, open it in WPS or Word, "
            "save it as .docx, check it, then import that",
            name=source.name,
        )
    return t(
        "{name}:只能导入 Word 文档(.docx)",
        "{name}: only Word documents (.docx) can be imported",
        name=source.name,
    )


def read_document(source: Path) -> WordStory:
    """The document read, or ImportRefused saying why it cannot be (a damaged part is an
    ExpatError from mammoth's XML reader)."""
    refused = refusal(source)
    if refused is not None:
        raise ImportRefused(refused)
    if not source.is_file():
        raise ImportRefused(t("找不到文件 {p}", "file not found: {p}", p=source))
    try:
        return read_docx(source)
    except (zipfile.BadZipFile, KeyError, ExpatError):
        raise ImportRefused(
            t(
                "{name} 不是有效的 .docx 文件(可能是改了扩展名的 .doc、设了密码,或文件已损坏):"
                "请在 Word 或 WPS 中打开,去掉密码后另存为 .docx",
                "{name} is not a valid .docx file (perhaps a renamed .doc, password protected "
                "or damaged): open it in Word or WPS, remove the password, save it as .docx",
                name=source.name,
            )
        ) from None
    except OSError as exc:
        raise ImportRefused(
            t(
                "无法打开 {name}:{e}(文件是否正在 Word 中打开?)",
                "cannot open {name}: {e} (is it open in Word?)",
                name=source.name,
                e=exc.strerror or exc,
            )
        ) from None


def _usable(picture: Picture) -> bool:
    """Whether the build can publish the picture: the same refusals as for any photo."""
    if not picture.suffix:
        return False
    try:
        check_photo(picture.data, Recipe(), str(picture.number))
    except ImageError:
        return False
    return True


def _photo_entries(names: dict[int, str]) -> str:
    return "".join(f"  - file: {name}\n    alt: {PLACEHOLDER}\n" for name in names.values())


def _note(picture: Picture, names: dict[int, str]) -> str:
    """What stands in the body where the picture stood (a comment: never on the site)."""
    name = names.get(picture.number)
    if name:
        return t(
            "<!-- 原文此处有图片 {file},已列在上面的 photos 中 -->",
            "<!-- a picture stood here: {file}, listed under photos above -->",
            file=name,
        )
    return t(
        "<!-- 原文此处的第 {n} 张图片网站不能用,未导入 -->",
        "<!-- picture {n} stood here; the site cannot use it, it was not imported -->",
        n=picture.number,
    )


def _body(story: WordStory, names: dict[int, str]) -> str:
    body = "\n" + story.body
    for picture in story.pictures:
        body = body.replace(PICTURE_MARK.format(number=picture.number), _note(picture, names))
    return body


def _left_out(story: WordStory, names: dict[int, str], path: str, text: str) -> Diagnostics:
    """A warning at the note of each picture that was not imported, and one at the body's
    first line for anything else the document had that the story lacks."""
    found = Diagnostics()
    lines = text.split("\n")
    if story.left_out:
        found.warning(
            path,
            lines.index("---", 1) + 2,
            1,
            t(
                "原文中有 {n} 处内容未能导入(如公式、嵌入对象、特殊符号字体的字符):"
                "请对照 Word 原文核对,需要时手工补上({what})",
                "{n} part(s) of the document could not be imported (equations, embedded "
                "objects, symbol-font characters...): compare with the Word original and add "
                "them by hand where needed ({what})",
                n=len(story.left_out),
                what="、".join(story.left_out),
            ),
        )
    for picture in story.pictures:
        if picture.number in names:
            continue
        note = _note(picture, names)
        line = next((n for n, ln in enumerate(lines, 1) if note in ln), len(lines))
        found.warning(
            path,
            line,
            1,
            t(
                "原文第 {n} 张图片({type})网站不能用,未导入:在 Word 中右键它,"
                "“另存为图片”存成 PNG 或 JPEG,放到故事旁边并写进 photos",
                "picture {n} ({type}) cannot be used on the site and was not imported: in "
                "Word, right-click it, 'Save as Picture' as PNG or JPEG, put it beside the "
                "story and list it under photos",
                n=picture.number,
                type=picture.content_type or "?",
            ),
        )
    return found


def import_story(
    project: Project,
    source: Path,
    community: str,
    *,
    day: dt.date | None = None,
    slug: str = "",
    title: str = "",
) -> ImportedStory:
    """Make `source` a draft story of `community` in content/stories/ (ImportRefused when the
    document cannot be read)."""
    story = read_document(source)
    title = title or story.title
    slug = slug or make_slug(title, community)
    item = NewItem(title=title, community=community, day=day or dt.date.today(), slug=slug)
    names = {p.number: f"{slug}-{p.number}.{p.suffix}" for p in story.pictures if _usable(p)}
    folder = project.content_dir / "stories"
    result = ImportedStory(None, title)
    for name in names.values():
        if (folder / name).exists():
            result.findings.error(
                project.relative(folder / name),
                1,
                1,
                t(
                    "文件已存在,不会覆盖;请用 --slug 指定别的文件名",
                    "the file exists and is not overwritten; choose another name with --slug",
                ),
            )
    if result.findings.errors:
        return result
    result.path = Scaffold(project, result.findings).story(
        item, _photo_entries(names), _body(story, names)
    )
    if result.path is None:
        return result
    for picture in story.pictures:
        if picture.number in names:
            (folder / names[picture.number]).write_bytes(picture.data)
            result.pictures.append(folder / names[picture.number])
    rel = project.relative(result.path)
    result.findings.extend(_left_out(story, names, rel, result.path.read_text(encoding="utf-8")))
    result.findings.extend(_checked(project, rel))
    return result


def _checked(project: Project, rel: str) -> list[Diagnostic]:
    """What `check` finds in the new story: the privacy gate, the unwritten alt texts..."""
    everything = Diagnostics()
    check_site(project, BuildOptions(), everything, Session())
    return [d for d in everything.sorted() if d.path == rel]
