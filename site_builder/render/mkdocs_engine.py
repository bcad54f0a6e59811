"""MkDocs + Material as an engine (render/engine.py): its warnings become diagnostics."""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.pages import engine_config
from site_builder.project import Project
from site_builder.render.config import adapter_of


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_DIRTY_WARNING = "A 'dirty' build is being performed"


class _DirtyBuildNotice(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave stale navigation.

    Strict mode counts every warning as an error. The warning is about sites whose pages share
    a navigation that can change; ours is fixed, and a change to anything shared forces a
    clean render (incremental.py), so the warning does not apply here.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_DIRTY_WARNING)


@contextmanager
def dirty_builds_allowed() -> Iterator[None]:
    logger = logging.getLogger("mkdocs.commands.build")
    notice = _DirtyBuildNotice()
    logger.addFilter(notice)
    try:
        yield
    finally:
        logger.removeFilter(notice)


@contextmanager
def build_date(day: dt.date | None) -> Iterator[None]:
    """Date the build `day` (SOURCE_DATE_EPOCH), so the sitemap is the same on every run."""
    if day is None:
        yield
        return
    before = os.environ.get("SOURCE_DATE_EPOCH")
    midnight = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


class MkDocsEngine:
    """MkDocs 1.x with Material for MkDocs, in this process, in strict mode."""

    name = "mkdocs"
    renders_changed_pages_only = True

    def version(self) -> str:
        return f"mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}"

    def render(
        self,
        project: Project,
        out_dir: Path,
        diagnostics: Diagnostics,
        *,
        as_of: dt.date | None = None,
        dirty: bool = False,
    ) -> bool:
        """Render `project.compiled_dir` into `out_dir` with MkDocs in strict mode.

        `dirty`: `out_dir` holds a copy of the previous site, rendered with the same theme and
        settings (incremental.py); only pages whose compiled Markdown is newer are rendered
        again, and files that this build no longer produces are removed.
        """
        config_file = engine_config.config_file(project, self.name)
        where = project.relative(project.mkdocs_file)
        collector = _Collector()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(collector)
        adapter = None
        try:
            config = load_config(config_file=str(config_file), site_dir=str(out_dir), strict=True)
            adapter = adapter_of(config)
            if adapter is not None:
                adapter.precompiled = True
            with build_date(as_of), dirty_builds_allowed():
                mkdocs_build(config, dirty=dirty)
            if dirty and adapter is not None:
                produced = set(adapter.outputs)
                produced |= {*config.theme.static_templates, "sitemap.xml.gz"}
                remove_stale(out_dir, produced)
        except (ConfigurationError, Abort, MkDocsException) as exc:
            for message in collector.messages:
                diagnostics.error(where, 1, 1, t("MkDocs:{m}", "MkDocs: {m}", m=message))
            diagnostics.error(where, 1, 1, t("渲染失败:{e}", "rendering failed: {e}", e=exc))
            return False
        finally:
            mkdocs_log.removeHandler(collector)
            # MkDocs keeps one instance of a plugin that has on_startup for the whole process
            # (Plugins.plugin_cache): a later plain `mkdocs build` in it must compile again.
            if adapter is not None:
                adapter.precompiled = False
        for message in collector.messages:
            diagnostics.error(where, 1, 1, t("MkDocs:{m}", "MkDocs: {m}", m=message))
        return not collector.messages


def remove_stale(out_dir: Path, produced: set[str]) -> int:
    """Delete files under `out_dir` that the build did not produce; return how many."""
    removed = 0
    for folder, _, names in os.walk(out_dir, topdown=False):
        base = Path(folder)
        for name in names:
            rel = (base / name).relative_to(out_dir).as_posix()
            if rel not in produced:
                (base / name).unlink()
                removed += 1
        if base != out_dir and not any(base.iterdir()):
            base.rmdir()
    return removed
