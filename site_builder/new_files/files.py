"""New content files: a story, activity record, collection or community from a template.

Every template writes each field of its model with the field's Chinese description as a
comment (the same text the JSON Schema shows), starts as a draft, and carries the
`# yaml-language-server: $schema=...` line so editors check fields while staff type. A new file
passes `check` as it is. Files are created, or activity logs appended to; nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jieba
from pydantic import BaseModel

from site_builder import activity_log
from site_builder.activity_log import LogEditRefused
from site_builder.diagnostics import Diagnostics
from site_builder.i18n import choices, t
from site_builder.load.reader import load_site, read_site_config
from site_builder.load.yaml_source import YamlError
from site_builder.messages import unknown_community
from site_builder.model import (
    ActivityLog,
    ActivityRecord,
    Collection,
    Community,
    Narrator,
    Story,
)
from site_builder.model.common import PLACEHOLDER
from site_builder.model.community import CommunityProfile
from site_builder.output.urls import slugify
from site_builder.project import Project
from site_builder.schema_export import schema_line
from site_builder.selection import BuildOptions, select

MAX_SLUG_LENGTH = 60
_WORDLIKE = re.compile(r"[0-9A-Za-z\u3400-\u9fff]")
LOG_FILE = re.compile(r"^(\d{4})\.ya?ml$")


@dataclass(frozen=True)
class NewItem:
    """What `site-builder new` was asked for."""

    title: str
    community: str = ""  # stories and activities
    day: dt.date = field(default_factory=dt.date.today)
    slug: str = ""  # overrides the slug made from the title; checked by the command line
    category: str = ""  # activities; the site's first category when empty
    city: str = ""  # communities
    district: str = ""
    street: str = ""


# -- YAML text pieces ------------------------------------------------------------------------


def _quoted(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, whatever characters the title has.
    return json.dumps(value, ensure_ascii=False)


def _flow(values: Iterable[str]) -> str:
    return "[" + ", ".join(_quoted(v) for v in values) + "]"


def _described(model: type[BaseModel], name: str, value: str, indent: str = "") -> str:
    """`# description` then `name: value`, the description taken from the model's field."""
    description = model.model_fields[name].description or ""
    head = f"{indent}# {description}\n" if description else ""
    line = f"{indent}{name}: {value}".rstrip()
    return f"{head}{line}\n"


def _comment_block(lines: Iterable[str], indent: str = "") -> str:
    return "".join(f"{indent}#{' ' + line if line else ''}\n" for line in lines)


_PHOTO_EXAMPLE = [
    "例如(照片文件与本文件放在同一文件夹):",
    "  - file: jiedao-huodong.jpg",
    "    alt: 志愿者在楼下为老人理发",
    "    caption: 志愿服务大集上的理发摊",
    "    date: 2025-04-12",
    "    credit: 社区供图",
    "    people: [elderly, adult]",
    "    consent: {given_by: self, date: 2025-04-12, reference: 同意书第17号}",
]

_STATUS_NOTE = "写好后改为 review 交编辑审核;审核通过后由编辑改为 published。"


# -- templates -------------------------------------------------------------------------------


def story_text(item: NewItem, target: Path, photos: str = "", body: str = "") -> str:
    """`photos`: entries under `photos:` (YAML lines); `body`: text after the writing hint."""
    d = _described
    return (
        "---\n"
        + schema_line(target, "story")
        + "# 新故事。字段说明也会在编辑器(VS Code 的 YAML 扩展)中提示。\n"
        + d(Story, "title", _quoted(item.title))
        + d(Story, "date", item.day.isoformat())
        + d(Story, "community", item.community)
        + d(Story, "narrator", "")
        + d(Narrator, "name", PLACEHOLDER, "  ")
        + d(Narrator, "role", PLACEHOLDER, "  ")
        + d(Story, "audiences", "[]")
        + d(Story, "tags", "[]")
        + d(Story, "summary", '""')
        + f"# {_STATUS_NOTE}\n"
        + d(Story, "status", "draft")
        + d(Story, "updated", "")
        + d(Story, "cover", '""')
        + _comment_block(_PHOTO_EXAMPLE)
        + d(Story, "photos", "" if photos else "[]")
        + photos
        + d(Story, "pseudonyms", "[]")
        + d(Story, "acknowledged_terms", "[]")
        + d(Story, "acknowledged_names", "[]")
        + "---\n"
        + "<!-- 在这里用第一人称写正文,段落之间空一行,可用 ## 写小标题。"
        "照片不要插在正文里,请列在上面的 photos 中。这段说明不会出现在网站上。 -->\n" + body
    )


def collection_text(item: NewItem, target: Path, examples: list[Story]) -> str:
    d = _described
    lines = ["每一项:story 为故事文件名(不含 .md),headline 为编者标题,excerpt 为节选。"]
    if examples:
        lines.append("例如(最近发布的故事):")
        for story in examples:
            lines += [f"  - story: {story.slug}", f"    headline: {_quoted(story.title)}"]
    return (
        "---\n"
        + schema_line(target, "collection")
        + "# 新的典型采撷。前置信息之后的正文是编者按。\n"
        + d(Collection, "title", _quoted(item.title))
        + d(Collection, "subtitle", '""')
        + d(Collection, "date", item.day.isoformat())
        + d(Collection, "editor", PLACEHOLDER)
        + f"# {_STATUS_NOTE}\n"
        + d(Collection, "status", "draft")
        + d(Collection, "summary", '""')
        + _comment_block(lines)
        + "# 草稿可以先不收录故事;发布时至少要有一篇。\n"
        + d(Collection, "stories", "[]")
        + "---\n"
        + "<!-- 在这里写编者按:这一期为什么选这些故事,读者能从中看到什么。"
        "这段说明不会出现在网站上。 -->\n"
    )


def community_text(item: NewItem, target: Path) -> str:
    d = _described
    profile = "".join(
        d(CommunityProfile, name, "false" if name == "approximate" else "", "  ")
        for name in CommunityProfile.model_fields
    )
    return (
        schema_line(target, "community")
        + "# 新社区。文件名就是社区编号,故事和活动台账用它指向这个社区。\n"
        + "# 社区一建立就会出现在网站上:构建前请把“待填写”换成真实内容。\n"
        + d(Community, "name", _quoted(item.title))
        + d(Community, "city", _quoted(item.city or PLACEHOLDER))
        + d(Community, "district", _quoted(item.district or PLACEHOLDER))
        + d(Community, "street", _quoted(item.street or PLACEHOLDER))
        + d(Community, "description", '""')
        + d(Community, "profile", "")
        + profile
        + d(Community, "office_phone", '""')
        + d(Community, "website", '""')
        + d(Community, "partners", "[]")
    )


def activity_text(item: NewItem, category: str, categories: dict[str, str], indent: int) -> str:
    """One activity record, as a block sequence item whose dash is at column `indent`."""
    dash = " " * indent
    key = " " * (indent + 2)

    def d(name: str, value: str) -> str:
        return _described(ActivityRecord, name, value, key)

    choices = "、".join(f"{k}({v})" for k, v in categories.items())
    description = ActivityRecord.model_fields["date"].description
    return (
        f"\n{dash}# 新活动记录({item.day.isoformat()} 由 site-builder new 添加)\n"
        + f"{dash}# {description}\n"
        + f"{dash}- date: {item.day.isoformat()}\n"
        + f"{key}# start: {item.day.isoformat()}\n"
        + f"{key}# end: {item.day.isoformat()}\n"
        + d("title", _quoted(item.title))
        + f"{key}# {ActivityRecord.model_fields['category'].description}\n"
        + f"{key}# 可选:{choices}\n"
        + f"{key}category: {category}\n"
        + d("audiences", "[]")
        + d("sessions", "1")
        + d("beneficiaries", "0")
        + d("volunteers", "0")
        + d("volunteer_hours", "0")
        + d("donations", "{cash: 0, in_kind: 0}")
        + d("partners", "[]")
        + d("story", '""')
        + d("approximate", "false")
        + d("photos", "[]")
        + f"{key}# {_STATUS_NOTE}\n"
        + d("status", "draft")
        + d("private", "false")
        + d("notes", '""')
    )


# -- creating files --------------------------------------------------------------------------


def make_slug(title: str, prefix: str = "") -> str:
    """A readable ASCII slug: pinyin word by word (一个观众的剧场 -> yige-guanzhong-de-juchang).

    Words come from jieba, as in the sample content's names; the slug is cut at a hyphen to
    stay short.
    """
    jieba.setLogLevel(logging.WARNING)  # not "Building prefix dict" on every `new`
    words = [slugify(w).replace("-", "") for w in jieba.lcut(title) if _WORDLIKE.search(w)]
    slug = "-".join(words) or slugify(title)
    if prefix and not slug.startswith(prefix + "-"):
        slug = f"{prefix}-{slug}"
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[: MAX_SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return slug


def community_slug(name: str) -> str:
    """A community's id: its name's pinyin run together, without 社区 (丰泽社区 -> fengze)."""
    short = name.strip().removesuffix("社区") or name
    return slugify(short).replace("-", "")[:MAX_SLUG_LENGTH]


def community_ids(project: Project) -> list[str]:
    folder = project.content_dir / "communities"
    return sorted(p.stem for p in folder.glob("*.y*ml")) if folder.is_dir() else []


class Scaffold:
    """Creates files in one project, reporting refusals as diagnostics."""

    def __init__(self, project: Project, diagnostics: Diagnostics) -> None:
        self.project = project
        self.diagnostics = diagnostics

    def _rel(self, path: Path) -> str:
        return self.project.relative(path)

    def _known_community(self, community: str) -> bool:
        known = community_ids(self.project)
        if community in known:
            return True
        self.diagnostics.error(
            self._rel(self.project.content_dir / "communities"),
            1,
            1,
            unknown_community(community, known),
        )
        return False

    def _create(self, target: Path, text: str, taken: list[Path] | None = None) -> Path | None:
        """Write a new file; refuse when it, or another file with its name, exists."""
        existing = next((p for p in [target, *(taken or [])] if p.exists()), None)
        if existing is not None:
            self.diagnostics.error(
                self._rel(existing),
                1,
                1,
                t(
                    "文件已存在,不会覆盖;请换一个标题,或用 --slug 指定别的文件名",
                    "the file exists and is not overwritten; choose another title or --slug",
                ),
            )
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with target.open("x", encoding="utf-8", newline="\n") as out:
                out.write(text)
        except FileExistsError:
            self.diagnostics.error(
                self._rel(target),
                1,
                1,
                t("文件已存在,不会覆盖", "the file exists; not overwritten"),
            )
            return None
        return target

    def story(self, item: NewItem, photos: str = "", body: str = "") -> Path | None:
        if not self._known_community(item.community):
            return None
        slug = item.slug or make_slug(item.title, item.community)
        folder = self.project.content_dir / "stories"
        target = folder / f"{slug}.md"
        # Story names are unique across sub-folders too.
        taken = list(folder.rglob(f"{slug}.md")) if folder.is_dir() else []
        return self._create(target, story_text(item, target, photos, body), taken)

    def collection(self, item: NewItem) -> Path | None:
        slug = item.slug or make_slug(item.title)
        target = self.project.content_dir / "collections" / f"{slug}.md"
        site = load_site(self.project, Diagnostics())
        examples = select(site, BuildOptions()).stories[:2] if site else []
        return self._create(target, collection_text(item, target, examples))

    def community(self, item: NewItem) -> Path | None:
        slug = item.slug or community_slug(item.title)
        target = self.project.content_dir / "communities" / f"{slug}.yml"
        taken = [target.with_suffix(".yaml")]
        return self._create(target, community_text(item, target), taken)

    def activity(self, item: NewItem) -> Path | None:
        """Append a record to the community's log for the year, creating the log if needed."""
        if not self._known_community(item.community):
            return None
        config = read_site_config(self.project)
        categories = {k: str(v) for k, v in (config.categories if config else {}).items()}
        category = item.category or next(iter(categories), "")
        if category not in categories:
            self.diagnostics.error(
                "--category",
                1,
                1,
                t(
                    "未知类别 “{value}”,可选:{allowed}",
                    "unknown category '{value}'; allowed: {allowed}",
                    value=category,
                    allowed=choices(categories),
                ),
            )
            return None
        folder = self.project.content_dir / "activities" / item.community
        year = item.day.year
        existing = [p for p in folder.glob(f"{year}.y*ml") if LOG_FILE.match(p.name)]
        target = existing[0] if existing else folder / f"{year}.yml"
        if not target.exists():
            text = (
                schema_line(target, "activity-log")
                + f"# {item.community} 社区 {year} 年活动台账\n"
                + _described(ActivityLog, "activities", "")
                + activity_text(item, category, categories, 2).removeprefix("\n")
            )
            return self._create(target, text)
        return self._append(
            target, lambda indent: activity_text(item, category, categories, indent)
        )

    def _append(self, target: Path, record: Callable[[int], str]) -> Path | None:
        """Add `record(indent)` after the last record, editing no other line."""
        rel = self._rel(target)
        text = target.read_text(encoding="utf-8")
        try:
            new_text = activity_log.append(text, record, 1)
        except YamlError as exc:
            self.diagnostics.error(
                rel,
                exc.mark.line,
                exc.mark.column,
                t(
                    "文件本身有错误,先改正它再添加记录:{m}",
                    "fix this file before adding to it: {m}",
                    m=exc.message,
                ),
            )
            return None
        except LogEditRefused as exc:
            self.diagnostics.error(
                rel,
                1,
                1,
                t(
                    "无法在这个文件末尾自动添加记录,请手工添加:{why}",
                    "cannot add a record to the end of this file; add it by hand: {why}",
                    why=exc,
                ),
            )
            return None
        activity_log.save(target, new_text)
        return target
