"""MkDocs + Material as an engine (render/engine.py): its warnings become diagnostics."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import NoReturn

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.pages import engine_config
from site_builder.project import Project
from site_builder.render.config import Adapter, adapter_of


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
    """MkDocs 1.x with Material for MkDocs, in this process, in strict mode.

    MkDocs renders one page after another. A full render of a large site is split between
    processes (one per core, forked once the configuration is loaded): each renders every
    n-th page as MkDocs' `dirty` mode renders the changed pages of an incremental build, the
    first also writing the theme's files, so together they write what one MkDocs run writes
    (tests/test_engines.py compares the two).
    """

    name = "mkdocs"
    renders_changed_pages_only = True

    def __init__(self, split_from: int = 400) -> None:
        self.split_from = split_from  # compiled pages from which a full render is split

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
        workers: int | None = None,
    ) -> bool:
        """Render `project.compiled_dir` into `out_dir` with MkDocs in strict mode.

        `dirty`: `out_dir` holds links to the files of the previous site, rendered with the same
        theme and settings (incremental.py); only pages whose compiled Markdown is newer are
        rendered again (each link removed first), and files that this build no longer produces
        are removed. `workers`: processes a full render may use (default: one per core).
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
                adapter.over_links = dirty
            parts = 1 if dirty or adapter is None else self._parts(project, workers)
            with build_date(as_of), dirty_builds_allowed():
                if parts == 1:
                    mkdocs_build(config, dirty=dirty)
                else:
                    assert adapter is not None
                    _split_build(config, adapter, parts, collector.messages)
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
                adapter.share = None
                adapter.over_links = False
        for message in collector.messages:
            diagnostics.error(where, 1, 1, t("MkDocs:{m}", "MkDocs: {m}", m=message))
        return not collector.messages

    def _parts(self, project: Project, workers: int | None) -> int:
        cores = workers or len(os.sched_getaffinity(0))
        if cores < 2:
            return 1
        pages = sum(1 for _ in project.compiled_dir.rglob("*.md"))
        return cores if pages >= self.split_from else 1


def _split_build(config: MkDocsConfig, adapter: Adapter, parts: int, messages: list[str]) -> None:
    """Render with `parts` processes, this one rendering the first share; the others' warnings
    (each sends its list on a pipe as it ends, see `_render_share`) are added to `messages`,
    also when this one's share fails."""
    children: list[tuple[int, int]] = []
    for part in range(1, parts):
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child renders its share and ends, whatever happens
            os.close(reader)
            _render_share(config, adapter, part, parts, writer)
        os.close(writer)
        children.append((pid, reader))
    try:
        adapter.share = (0, parts)
        mkdocs_build(config, dirty=True)
    finally:
        for pid, reader in children:
            with os.fdopen(reader, "rb") as pipe:
                sent = pipe.read()
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0 or not sent:
                messages.append(f"rendering pages {pid} failed (exit status {status})")
            else:
                messages += json.loads(sent)


def _render_share(
    config: MkDocsConfig, adapter: Adapter, part: int, parts: int, writer: int
) -> NoReturn:
    collector = _Collector()
    logging.getLogger("mkdocs").addHandler(collector)
    code = 1
    try:
        adapter.share = (part, parts)
        config.theme.static_templates.clear()  # the first share writes them
        mkdocs_build(config, dirty=True)
        code = 0
    except (ConfigurationError, Abort, MkDocsException) as exc:
        collector.messages.append(str(exc))
        code = 0
    finally:
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(json.dumps(collector.messages).encode())
        os._exit(code)


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
