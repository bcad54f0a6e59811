"""Files under content/ that no build reads or publishes: each named, never ignored in silence.

The loader reads content files by where they stand (site.yml, communities/, stories/,
collections/, activities/<community>/) and reports their own mistakes; a photo is used when a
story or an activity record (a draft or a private one too) lists it. Anything else, a Word
document waiting to be imported, a stray ledger, the video half of an iPhone Live Photo, is a
warning at the file saying what to do with it: `build` stops on it as `check` does. content/private/
holds what is kept and never published; hidden files and the ones systems leave are not staff's.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.model import ActivityLog, Photo, Site
from site_builder.project import Project
from site_builder.selection import Selection
from site_builder.session import Session

_PRIVATE = "private"
_SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", "__macosx"})
# The files the loader reads, as it finds them (load/reader.py): their mistakes are its to say.
_CONTENT_FILE = re.compile(
    r"content/(site\.yml|communities/[^/]*\.y[^/]*ml|stories/.*\.md|collections/[^/]*\.md"
    r"|activities/[^/]*/[^/]*\.y[^/]*ml)"
)
_PHOTO_SUFFIXES = frozenset(
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".bmp", ".avif", ".heic", ".heif"]
)
_VIDEO_SUFFIXES = frozenset([".mov", ".mp4", ".m4v", ".avi", ".3gp"])
_WORD_SUFFIXES = frozenset([".doc", ".wps", ".rtf"])
_SHEET_SUFFIXES = frozenset([".xlsx", ".xlsm", ".xls", ".et", ".csv"])


def _files(project: Project) -> Iterator[str]:
    """Every file under content/ but those not staff's, relative to the project, `/`-separated."""
    content = str(project.content_dir)
    for folder, folders, names in os.walk(content):
        folders[:] = [f for f in folders if not _hidden(f) and (folder != content or f != _PRIVATE)]
        at = os.path.relpath(folder, project.root).replace(os.sep, "/")
        yield from (f"{at}/{name}" for name in names if not _hidden(name))


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$")) or name.casefold() in _SYSTEM_FILES


def _key(rel: str) -> str:
    # Photos are matched as Windows and macOS match names; a case mismatch is its own error.
    return os.path.normpath(rel).casefold()


def _used(site: Site, session: Session) -> set[str]:
    """The photos listed anywhere, and the list of real names, as _key()s."""
    used = set()
    if site.config.privacy.real_names_file:
        used.add(_key(site.config.privacy.real_names_file))

    def photos(owner: str, listed: list[Photo]) -> None:
        base = os.path.dirname(owner)
        used.update(_key(os.path.join(base, photo.file)) for photo in listed)

    for story in site.stories.values():
        photos(story.source.path, story.photos)
    # Each log's photos are listed again only when it changed: kept by its content key (no
    # record is read while it is unchanged, load/lazy_list.py), in memory while serving.
    for log in site.activity_logs:
        name = f"unused_files.photos:{log.source.path}"
        photos(log.source.path, session.computed(name, _photos, log))
    return used


def _photos(log: ActivityLog) -> list[Photo]:
    return [photo for record in log.activities for photo in record.photos]


def check_unused_files(
    project: Project, selection: Selection, diagnostics: Diagnostics, session: Session
) -> None:
    site = selection.site
    used = _used(site, session)
    unused = [
        rel for rel in _files(project) if not _CONTENT_FILE.fullmatch(rel) and _key(rel) not in used
    ]
    for rel in sorted(unused):
        path = project.root / rel
        suffix = path.suffix.lower()
        # Beside a story that did not read, its photos cannot be told from strays yet.
        if suffix in _PHOTO_SUFFIXES and site.invalid_ids:
            continue
        diagnostics.warning(rel, 1, 1, _advice(path, rel, suffix), code="unused-file")


def _advice(path: Path, rel: str, suffix: str) -> str:
    if suffix == ".docx":
        return t(
            "Word 文档不会发布:用 site-builder import story {name} --community 社区编号 "
            "把它导入为故事草稿,再把这个文件移出 content/",
            "a Word document is not published: import it as a draft story with "
            "site-builder import story {name} --community ID, then move it out of content/",
            name=rel,
        )
    if suffix in _WORD_SUFFIXES:
        return t(
            "这个文档不会发布:在 Word 或 WPS 中另存为 .docx,用 site-builder import story "
            "导入为故事草稿,再把原文件移出 content/",
            "this document is not published: save it as .docx in Word or WPS, import it with "
            "site-builder import story, then move the original out of content/",
        )
    if suffix in _SHEET_SUFFIXES:
        return t(
            "表格不会发布:活动台账用 site-builder import activities 导入,再把表格移出 content/",
            "a spreadsheet is not published: import a ledger with site-builder import "
            "activities, then move the spreadsheet out of content/",
        )
    if suffix in _VIDEO_SUFFIXES:
        return _video_advice(path)
    if suffix in _PHOTO_SUFFIXES:
        return t(
            "没有任何故事或活动记录用到这张照片,它不会发布:写进某个 photos 中,或把它移出 content/",
            "no story or activity record lists this photo, so it is not published: list it "
            "under some photos, or move it out of content/",
        )
    return t(
        "构建不读取这个文件,它不会发布:不需要就移出 content/;要保留又不公开的资料放进 "
        "content/private/",
        "the build does not read this file and it is not published: move it out of content/, "
        "or into content/private/ to keep it unpublished",
    )


def _video_advice(path: Path) -> str:
    stem = path.stem.casefold()
    photo = next(
        (
            p.name
            for p in sorted(path.parent.iterdir())
            if p.stem.casefold() == stem and p.suffix.lower() in _PHOTO_SUFFIXES
        ),
        None,
    )
    if photo is not None:
        return t(
            "这是苹果“实况照片”的视频部分,不会发布(不影响照片 {photo}):删除它或移出 content/",
            "this is the video half of an iPhone Live Photo and is not published (the photo "
            "{photo} is not affected): delete it or move it out of content/",
            photo=photo,
        )
    return t(
        "视频不会发布,网站只发布照片:把它移出 content/",
        "videos are not published, only photos: move it out of content/",
    )
