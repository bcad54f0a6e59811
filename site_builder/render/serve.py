"""The live preview: MkDocs' development server, told of changes by the system, not by polling.

MkDocs' own `serve` finds changes by scanning the watched folders every half second. On a
provincial archive that is 2 700 files to stat twice a second: a quarter of a second of delay
on average before a rebuild starts, and a tenth of the interpreter's time taken from the
rebuild itself. This is the same server and the same build, with watchdog's native observer
(inotify, FSEvents, ReadDirectoryChangesW). `--poll` keeps MkDocs' polling for folders the
system does not report changes in (some network and container mounts).
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer, _serve_url, _timestamp
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import using_language
from site_builder.project import Project
from site_builder.render.config import adapter_of
from site_builder.render.error_page import error_page
from site_builder.render.mkdocs_engine import dirty_builds_allowed
from site_builder.session import Session

log = logging.getLogger("mkdocs.commands.serve")


# Changes only: the native observers also report files being opened and read, and the build
# reads every content file, so each rebuild would start the next one.
_CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileClosedEvent,  # closed after writing: the file is complete
]


class _ChangeObserver(Observer):  # type: ignore[misc,valid-type]
    def schedule(
        self,
        event_handler: FileSystemEventHandler,
        path: str | Path,
        *,
        recursive: bool = False,
        event_filter: list[type[FileSystemEvent]] | None = None,
        follow_symlink: bool = False,
    ) -> ObservedWatch:
        watch: ObservedWatch = super().schedule(
            event_handler,
            path,
            recursive=recursive,
            event_filter=event_filter or _CHANGES,
            follow_symlink=follow_symlink,
        )
        return watch


class PreviewServer(LiveReloadServer):
    """MkDocs' server, answering every page with `error_page` while that is set."""

    error_page: bytes | None = None

    def show_site(self, recovered: Callable[[], None]) -> None:
        """Serve the site again; call `recovered` when an error page stood in its place, so
        the terminal does not end on an error already fixed."""
        if self.error_page is not None:
            self.error_page = None
            recovered()

    def reload_browsers(self) -> None:
        """Tell the open pages to reload, for a change made by no build of this server."""
        with self._epoch_cond:
            self._visible_epoch = self._wanted_epoch = _timestamp()
            self._epoch_cond.notify_all()

    def _serve_request(self, environ: Any, start_response: Any) -> Iterable[bytes] | None:
        path = str(environ["PATH_INFO"])
        page = self.error_page
        if page is None or not (path.endswith("/") or path.endswith(".html")):
            return super()._serve_request(environ, start_response)
        with self._epoch_cond:
            content: bytes = self._inject_js_into_html(page, self._visible_epoch)  # type: ignore[no-untyped-call]
        headers = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(content))),
        ]
        start_response("200 OK", headers)
        return [content]


def _config_loader(
    config_file: Path, site_dir: str, dev_addr: str, as_of: dt.date
) -> Callable[[], MkDocsConfig]:
    """A fresh MkDocs config for each rebuild, building into `site_dir` as of `as_of`."""

    def get_config() -> MkDocsConfig:
        config = load_config(config_file=str(config_file), site_dir=site_dir, dev_addr=dev_addr)
        adapter = adapter_of(config)
        if adapter is not None:
            adapter.config.as_of = as_of.isoformat()
        return config

    return get_config


def _started(config: MkDocsConfig, session: Session | None) -> MkDocsConfig:
    """`config` with its plugins started for `serve`, ours in the command's session."""
    config.plugins.on_startup(command="serve", dirty=True)
    adapter = adapter_of(config)
    if session is not None and adapter is not None:
        adapter.session = session  # the plugin is kept between rebuilds (it has on_startup)
    return config


def _site_error_pages(site_dir: Path) -> Callable[[int], bytes | None]:
    """The site's own 404 (and 500) page, once a build wrote it."""

    def error_page_of(code: int) -> bytes | None:
        page = site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    return error_page_of


def _watch_and_serve(
    server: PreviewServer, config: MkDocsConfig, builder: Callable[..., None]
) -> None:
    """Watch the compiled tree, mkdocs.yml and what plugins ask for; serve until Ctrl-C."""
    server.watch(config.docs_dir)
    if config.config_file_path:
        server.watch(config.config_file_path)
    served = config.plugins.on_serve(server, config=config, builder=builder)
    for item in config.watch:
        served.watch(item)
    serve_until_interrupted(served)


def serve_until_interrupted(server: LiveReloadServer) -> None:
    """Serve until Ctrl-C, then shut the server down (also on any other way out)."""
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()


def serve(
    config_file: Path,
    dev_addr: str,
    as_of: dt.date,
    *,
    poll: bool = False,
    report: Callable[[Diagnostics], None] = lambda _: None,
    session: Session | None = None,
) -> None:
    """Build into a temporary folder, serve it, rebuild (dirty) on every change.

    Every build is made as of `as_of`, so scheduled items can be previewed on their day.
    Content errors are handed to `report` (the terminal) and shown in place of every page
    until a save fixes them, when `report` is handed none. Every compile belongs to `session` (the command's, kept between
    rebuilds), or to one the plugin makes.
    """
    site_dir = tempfile.mkdtemp(prefix="site-builder-serve-")
    # MkDocs refuses a missing docs_dir: a project whose first compile failed has none yet.
    Project(config_file.parent).compiled_dir.mkdir(parents=True, exist_ok=True)

    get_config = _config_loader(config_file, site_dir, dev_addr, as_of)
    config = _started(get_config(), session)
    # Rebuilds run in the server's thread, which starts in the default language.
    language = (session or Session()).language
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = serve_url = _serve_url(host, port, mount_path)

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        if config is None:
            config = get_config()
            config.site_url = serve_url
        adapter = adapter_of(config)
        with using_language(language):
            try:
                with dirty_builds_allowed():
                    build(config, serve_url=serve_url, dirty=True)
            except Abort:
                if adapter is None or adapter.content_errors is None:
                    raise
                report(adapter.content_errors)
                server.error_page = error_page(adapter.content_errors)
                return  # a finished build: the browsers reload, onto the error page
            server.show_site(lambda: report(Diagnostics()))

    server = PreviewServer(
        builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path
    )
    if not poll:
        server.observer = _ChangeObserver()

    server.error_handler = _site_error_pages(Path(site_dir))
    try:
        builder(config)
        _watch_and_serve(server, config, builder)
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
