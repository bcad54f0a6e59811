"""Read `content/` into a `Site`, collecting every problem as a diagnostic.

The reader never stops at the first bad file: it reads them all and returns what was valid,
so one run reports every error. It never writes into `content/`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.load.front_matter import read_markdown
from site_builder.load.lazy_list import LazyList
from site_builder.load.parse_cache import ParseCache
from site_builder.load.validate import validate_document
from site_builder.load.yaml_source import YamlError, parse_yaml
from site_builder.model import (
    ActivityLog,
    ActivityRecord,
    Collection,
    Community,
    Site,
    SiteConfig,
    Story,
)
from site_builder.model.common import SLUG_RE
from site_builder.project import Project
from site_builder.source import YamlDocument

_YEAR_FILE = re.compile(r"^(\d{4})\.ya?ml$")
# Parse-cache kinds of an activity log: its head (the log without its records), its records.
_LOG, _RECORDS = "activity-log", "activity-records"
_NO_RECORDS: dict[str, object] = {"activities": []}

MarkdownModel = TypeVar("MarkdownModel", Story, Collection)


class Reader:
    def __init__(self, project: Project, diagnostics: Diagnostics, cache: ParseCache | None = None):
        self.project = project
        self.diagnostics = diagnostics
        self.cache = cache or ParseCache(None)
        # Category labels by id, from the site's configuration, for validating activity records.
        self.categories: dict[str, str] | None = None
        # Ids of files that exist but did not validate ("story:<slug>", "community:<id>").
        self.invalid_ids: set[str] = set()
        # Story slugs, so a record naming a missing story is reported with its other errors.
        self.story_slugs: set[str] | None = None

    # -- helpers -------------------------------------------------------------------------------

    def _rel(self, path: Path) -> str:
        return self.project.relative(path)

    def _read_text(self, path: Path) -> str | None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.diagnostics.error(
                self._rel(path),
                1,
                1,
                t("无法读取文件:{e}", "cannot read file: {e}", e=exc.strerror),
            )
            return None
        try:
            return data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            self.diagnostics.error(
                self._rel(path),
                line,
                1,
                t("文件不是 UTF-8 编码,请用 UTF-8 保存", "the file is not UTF-8; save it as UTF-8"),
            )
            return None

    def _yaml(self, path: Path, positions_depth: int | None = None) -> YamlDocument | None:
        text = self._read_text(path)
        if text is None:
            return None
        try:
            return parse_yaml(text, positions_depth=positions_depth)
        except YamlError as exc:
            self.diagnostics.error(self._rel(path), exc.mark.line, exc.mark.column, exc.message)
            return None

    def _slug(self, path: Path, kind: str) -> str | None:
        slug = path.stem
        if not SLUG_RE.match(slug):
            self.diagnostics.error(
                self._rel(path),
                1,
                1,
                t(
                    "{kind}文件名 “{name}” 只能用小写字母、数字和连字符(可用拼音,如 chai-qiang-jian-yuan)",
                    "{kind} file name '{name}' may use lowercase letters, digits and hyphens only",
                    kind=kind,
                    name=path.name,
                ),
            )
            return None
        return slug

    # -- content types -------------------------------------------------------------------------

    def config(self) -> SiteConfig | None:
        path = self.project.config_file
        if not path.is_file():
            self.diagnostics.error(
                self._rel(path),
                1,
                1,
                t("缺少站点配置文件", "the site configuration file is missing"),
            )
            return None
        document = self._yaml(path)
        if document is None:
            return None
        return validate_document(SiteConfig, document, self._rel(path), self.diagnostics)

    def communities(self) -> dict[str, Community]:
        found: dict[str, Community] = {}
        for path in sorted((self.project.content_dir / "communities").glob("*.y*ml")):
            slug = self._slug(path, t("社区", "community "))
            document = self._yaml(path)
            if slug is None or document is None:
                continue
            community = validate_document(
                Community, document, self._rel(path), self.diagnostics, extra={"id": slug}
            )
            if community is not None:
                found[slug] = community
            else:
                self.invalid_ids.add(f"community:{slug}")
        return found

    def _markdown_files(
        self, folder: str, pattern: str, model: type[MarkdownModel], kind: str, label: str
    ) -> dict[str, MarkdownModel]:
        """Read every Markdown file with front matter in `content/<folder>`, keyed by slug."""
        found: dict[str, MarkdownModel] = {}
        for path in sorted((self.project.content_dir / folder).glob(pattern)):
            slug = self._slug(path, label)
            text = self._read_text(path)
            if slug is None or text is None:
                continue
            key = self.cache.key(f"{self._rel(path)}\0{text}".encode(), kind)
            item = self.cache.get(key, kind)
            if not isinstance(item, model):
                item = self._markdown_file(path, text, model, kind, slug, key)
            if item is None:
                self.invalid_ids.add(f"{kind}:{slug}")
            elif slug in found:
                self.diagnostics.error(
                    self._rel(path),
                    1,
                    1,
                    t(
                        "编号 “{slug}” 重复:{other} 已用此文件名",
                        "'{slug}' is defined twice: {other} has the same file name",
                        slug=slug,
                        other=found[slug].source.path,
                    ),
                )
            else:
                found[slug] = item
        return found

    def _markdown_file(
        self, path: Path, text: str, model: type[MarkdownModel], kind: str, slug: str, key: str
    ) -> MarkdownModel | None:
        before = len(self.diagnostics)
        try:
            markdown = read_markdown(text)
        except YamlError as exc:
            self.diagnostics.error(self._rel(path), exc.mark.line, exc.mark.column, exc.message)
            return None
        item = validate_document(
            model,
            markdown.front_matter,
            self._rel(path),
            self.diagnostics,
            body_line=markdown.body_line,
            extra={"slug": slug, "body": markdown.body},
            text=text,
        )
        if item is not None and len(self.diagnostics) == before:
            self.cache.put(key, item)
        return item

    def stories(self) -> dict[str, Story]:
        # Stories may be filed in sub-folders (by year, by community); slugs stay unique.
        return self._markdown_files("stories", "**/*.md", Story, "story", t("故事", "story "))

    def collections(self) -> dict[str, Collection]:
        return self._markdown_files(
            "collections", "*.md", Collection, "collection", t("采撷", "collection ")
        )

    def activity_logs(self) -> list[ActivityLog]:
        logs: list[ActivityLog] = []
        root = self.project.content_dir / "activities"
        for path in sorted(root.glob("*/*.y*ml")):
            rel = self._rel(path)
            match = _YEAR_FILE.match(path.name)
            if not match:
                self.diagnostics.error(
                    rel,
                    1,
                    1,
                    t("活动台账文件应命名为 <年份>.yml", "activity logs are named <year>.yml"),
                )
                continue
            data = path.read_bytes() + rel.encode()
            kept = self._kept_log(data, path, int(match.group(1)))
            if kept is not None:
                logs.append(kept)
                continue
            before = len(self.diagnostics)
            log = self._activity_log(path, int(match.group(1)))
            if log is not None:
                logs.append(log)
                if len(self.diagnostics) == before:
                    # The head and the records apart, so a later build reads the head alone.
                    head = log.model_copy(update=_NO_RECORDS)
                    self.cache.put(self.cache.key(data, _LOG), head, in_memory=log)
                    self.cache.put(self.cache.key(data, _RECORDS), log.activities)
        return logs

    def _kept_log(self, data: bytes, path: Path, year: int) -> ActivityLog | None:
        """The kept parse of a log, its records read when first asked for (lazy_list.py)."""
        head = self.cache.get(self.cache.key(data, _LOG), _LOG)
        if not isinstance(head, ActivityLog):
            return None
        records = self.cache.key(data, _RECORDS)
        self.cache.keep(records)
        # A head read from disk has no records; `serve` keeps whole logs in memory.
        if type(head.activities) is list and not head.activities:
            fill = functools.partial(self._kept_records, records, path, year)
            head.__dict__["activities"] = LazyList(fill)
        return head

    def _kept_records(self, key: str, path: Path, year: int) -> list[ActivityRecord]:
        kept = self.cache.get(key, _LOG)
        if isinstance(kept, list):
            return kept
        # The entry went missing since the head was read: the file parsed without a problem
        # then, so parsing it again gives its records.
        reader = Reader(self.project, Diagnostics(), ParseCache(None))
        reader.categories, reader.story_slugs = self.categories, self.story_slugs
        log = reader._activity_log(path, year)
        return log.activities if log is not None else []

    def _activity_log(self, path: Path, year: int) -> ActivityLog | None:
        # Positions of the records themselves (`activities`, i), not of each field: the rest
        # is found again only to report a problem (yaml_source.YamlDocument).
        document = self._yaml(path, positions_depth=2)
        if document is None:
            return None
        # A shallow document holds the file's text: the Source shares it (privacy scans it).
        return validate_document(
            ActivityLog,
            document,
            self._rel(path),
            self.diagnostics,
            extra={"community": path.parent.name, "year": year},
            context={"categories": self.categories, "year": year, "stories": self.story_slugs},
            text=document.text,
        )

    def private_names(self, config: SiteConfig) -> list[str]:
        name = config.privacy.real_names_file
        if not name:
            return []
        path = (self.project.root / name).resolve()
        if not path.is_file():
            mark = self.project.config_file
            self.diagnostics.error(
                self._rel(mark),
                1,
                1,
                t("找不到真实姓名名单 {name}", "real-names list {name} not found", name=name),
            )
            return []
        document = self._yaml(path)
        data: Any = document.data if document else None
        names = data.get("names") if isinstance(data, dict) else None
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            self.diagnostics.error(
                self._rel(path),
                1,
                1,
                t("名单应为 names: [姓名, ...]", "the list must be names: [name, ...]"),
            )
            return []
        return [n.strip() for n in names]


def load_site(
    project: Project,
    diagnostics: Diagnostics,
    cache: ParseCache | None = None,
    on_stories: Callable[[dict[str, Story]], None] | None = None,
) -> Site | None:
    """Read every content file. Returns None only when the site configuration itself is unusable.

    `on_stories` is handed the stories as soon as they are read, before the activity logs (the
    compiler starts converting their bodies then)."""
    reader = Reader(project, diagnostics, cache)
    config = reader.config()
    if config is None:
        return None
    reader.categories = {key: str(label) for key, label in config.categories.items()}
    reader.cache.salt = ",".join(sorted(config.categories))
    communities = reader.communities()
    stories = reader.stories()
    if on_stories is not None:
        on_stories(stories)
    # Stories that exist but did not validate count too: their own error is enough.
    reader.story_slugs = set(stories) | {
        name.removeprefix("story:") for name in reader.invalid_ids if name.startswith("story:")
    }
    return Site(
        config=config,
        communities=communities,
        stories=stories,
        activity_logs=reader.activity_logs(),
        collections=reader.collections(),
        private_names=reader.private_names(config),
        invalid_ids=reader.invalid_ids,
    )


def read_site_config(project: Project) -> SiteConfig | None:
    """Just the site's settings, for the renderer adapter."""
    return Reader(project, Diagnostics()).config()
