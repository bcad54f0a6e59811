"""`serve --engine zensical`: Zensical's own server re-renders what changed, ours serves it.

A whole `zensical build` renders every page, even with its cache warm (8–10 s at 500 stories,
docs/engines.md), and a preview that waited for one after each save would be slow on a big
archive. `zensical serve` keeps the site in memory and re-renders only the pages whose source
changed (0.6 s for one story at 500 stories). So it runs in a process of its own, on a private
port nobody visits, on its folder's copy of the compiled tree, writing each rebuild into its
preview folder; this process watches content/, recompiles, updates that copy, waits until
Zensical reports the rebuild, and serves the preview folder with the same live reload and
error page as the MkDocs preview (render/serve.py). Like it, the preview has no search.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from site_builder.compiler import compile_site
from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t, using_language
from site_builder.load.reader import read_site_config
from site_builder.pages import engine_config
from site_builder.project import Project
from site_builder.render.error_page import error_page
from site_builder.render.serve import PreviewServer, _ChangeObserver, serve_until_interrupted
from site_builder.render.zensical_engine import (
    ANSI,
    ZensicalEngine,
    report_problems,
    sync_docs,
    zensical_problems,
)
from site_builder.selection import BuildOptions
from site_builder.session import Session

log = logging.getLogger("mkdocs.commands.serve")

PREVIEW_CONFIG = "preview.yml"
PREVIEW_SITE = "preview"
# How long a rebuild may take before the preview says Zensical stopped answering.
_REBUILD_LIMIT = 300.0
# Zensical's last line of a rebuild: "No issues found", "1 issue found", "3 issues found".
_FINISHED = ("No issues found", "issue found", "issues found")


class ZensicalPreview:
    """`zensical serve` in its own process, and the reports of its rebuilds, in order."""

    def __init__(self, config: Path, on_unasked: Callable[[str], None]) -> None:
        self.config = config
        self.reports: queue.Queue[str] = queue.Queue()
        self.asked = threading.Event()  # a rebuild this process caused is awaited
        self.on_unasked = on_unasked  # a rebuild nobody waits for (a theme edit)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        command = ["zensical", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"]
        self.process = subprocess.Popen(
            [sys.executable, "-m", *command],
            cwd=config.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        lines: list[str] = []
        for raw in self.process.stdout:
            line = ANSI.sub("", raw).rstrip()
            lines.append(line)
            if line.strip().endswith(_FINISHED):
                output = "\n".join(lines)
                lines = []
                if self.asked.is_set():
                    self.reports.put(output)
                else:
                    self.on_unasked(output)
        self.reports.put("")  # the process ended: no report will come

    def rebuilt(self) -> str | None:
        """The report of the next rebuild, or None when Zensical stopped."""
        try:
            report = self.reports.get(timeout=_REBUILD_LIMIT)
        except queue.Empty:
            return None
        return report if report or self.process.poll() is None else None

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def write_preview_config(project: Project) -> bool:
    """Zensical's configuration with the preview folder as its output; True when it changed."""
    folder = project.engine_dir(ZensicalEngine.name)
    config = yaml.safe_load(
        engine_config.config_file(project, ZensicalEngine.name).read_text(encoding="utf-8")
    )
    config["site_dir"] = PREVIEW_SITE
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    target = folder / PREVIEW_CONFIG
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return False
    target.write_text(text, encoding="utf-8")
    return True


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class _ZensicalServe:
    """One `serve --engine zensical`: our server in front, Zensical's preview behind it.

    Its methods were closures of one long function: they share the server, the running
    Zensical preview (None until a first compile gives it a configuration) and the session.
    """

    def __init__(
        self,
        project: Project,
        dev_addr: str,
        as_of: dt.date,
        poll: bool,
        report: Callable[[Diagnostics], None],
        session: Session,
    ) -> None:
        self.project, self.report, self.session = project, report, session
        self.options = BuildOptions(as_of=as_of, preview=True)
        self.folder = project.engine_dir(ZensicalEngine.name)
        site_dir = self.folder / PREVIEW_SITE
        host, _, port = dev_addr.rpartition(":")
        settings = read_site_config(project)
        mount_path = urlsplit(settings.url if settings is not None and settings.url else "/").path
        self.preview: ZensicalPreview | None = None
        self.server = PreviewServer(
            builder=self.builder,
            host=host,
            port=int(port),
            root=str(site_dir),
            mount_path=mount_path,
        )
        if not poll:
            self.server.observer = _ChangeObserver()
        self.server.error_handler = lambda code: (
            (site_dir / f"{code}.html").read_bytes()
            if code in (404, 500) and (site_dir / f"{code}.html").is_file()
            else None
        )

    def compiled(self) -> bool:
        diagnostics = Diagnostics()
        result = compile_site(self.project, self.options, diagnostics, session=self.session)
        if result is None or diagnostics.errors or diagnostics.warnings:
            with using_language(self.session.language):
                self.report(diagnostics)
                self.server.error_page = error_page(diagnostics)
            return False
        return True

    def show(self, output: str | None) -> None:
        """Show Zensical's rebuild: its problems in place of every page, or the site."""
        diagnostics = Diagnostics()
        with using_language(self.session.language):
            if output is None:
                diagnostics.error(
                    self.project.relative(self.project.mkdocs_file),
                    1,
                    1,
                    t("Zensical 预览停止了:请重新运行 serve", "Zensical stopped: run serve again"),
                )
            else:
                problems = zensical_problems(output)
                config = self.folder / PREVIEW_CONFIG
                report_problems(self.project, config, problems, diagnostics)
            if diagnostics.errors:
                self.report(diagnostics)
                self.server.error_page = error_page(diagnostics)
            else:
                self.cleared()

    def cleared(self) -> None:
        with using_language(self.session.language):
            self.server.show_site(lambda: self.report(Diagnostics()))

    def start(self, first_compile_ok: bool) -> None:
        """Start Zensical once there is a configuration to give it (a first compile)."""
        write_preview_config(self.project)
        sync_docs(self.project)
        self.preview = ZensicalPreview(self.folder / PREVIEW_CONFIG, self.unasked)
        self.preview.asked.set()
        output = self.preview.rebuilt()
        self.preview.asked.clear()
        if first_compile_ok:
            self.show(output)

    def builder(self) -> None:
        log.info("Building documentation...")
        if not self.compiled():
            return
        preview = self.preview
        if preview is None:  # the compiles before this one all failed
            self.start(True)
            return
        preview.asked.set()
        try:
            while not preview.reports.empty():  # reports of rebuilds nobody waited for
                preview.reports.get_nowait()
            changed = write_preview_config(self.project) | (sync_docs(self.project) > 0)
            if changed:
                self.show(preview.rebuilt())
            else:
                self.cleared()  # the error is fixed; the pages are as they were
        finally:
            preview.asked.clear()

    def unasked(self, output: str) -> None:
        self.show(output)
        self.server.reload_browsers()

    def run(self) -> None:
        project, server = self.project, self.server
        project.compiled_dir.mkdir(parents=True, exist_ok=True)
        # Stopped by a signal rather than Ctrl+C (a test, a process manager), the finally below
        # must still run, or Zensical's server would outlive this one.
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            first = self.compiled()
            # A project that never compiled has nothing to render yet: the error page shows
            # until a save fixes the content, and Zensical starts then.
            if engine_config.config_file(project, ZensicalEngine.name).is_file():
                self.start(first)
            for watched in (project.content_dir, project.mkdocs_file):
                server.watch(str(watched))
            serve_until_interrupted(server)
        finally:
            if self.preview is not None:
                self.preview.stop()


def serve_zensical(
    project: Project,
    dev_addr: str,
    as_of: dt.date,
    *,
    poll: bool = False,
    report: Callable[[Diagnostics], None] = lambda _: None,
    session: Session | None = None,
) -> None:
    """Preview the site as Zensical renders it, drafts included, updated on every save."""
    running = Session.serve() if session is None else session
    _ZensicalServe(project, dev_addr, as_of, poll, report, running).run()
