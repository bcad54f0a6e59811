"""The start page's long jobs: check, build, import a ledger, the live preview.

Each runs the project's own command (`python -m site_builder ...`) in a process of its own, so
the page gets exactly what the terminal would print, in Chinese, and a slow build never holds
up the editor; the page asks for the result until it is there. One job of each kind at a time:
asking again while one runs answers with the running one.
"""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.i18n import language, t
from site_builder.project import Project

OUTPUT_LIMIT = 200_000
PREVIEW_START_SECONDS = 120


@dataclass
class Task:
    id: str
    kind: str
    state: str = "running"  # running, done, failed
    output: str = ""
    url: str = ""
    started: float = field(default_factory=time.time)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "state": self.state,
            "output": self.output,
            "url": self.url,
            "seconds": round(time.time() - self.started, 1),
        }


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


class Tasks:
    def __init__(self, project: Project, on_preview: Callable[[str], None] | None = None):
        self.project = project
        # Told the preview's address once it answers (the editor's links to it).
        self.on_preview = on_preview
        self.tasks: dict[str, Task] = {}
        self.running: dict[str, Task] = {}
        self.lock = threading.Lock()
        self.preview: subprocess.Popen[bytes] | None = None
        self.preview_url = ""
        self._ids = itertools.count(1)

    def _command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "site_builder", "--project", str(self.project.root), *args]

    def _environment(self) -> dict[str, str]:
        return {**os.environ, "SITE_BUILDER_LANG": language(), "NO_COLOR": "1", "TERM": "dumb"}

    def get(self, task_id: str) -> Task | None:
        return self.tasks.get(task_id)

    def start(self, kind: str, *args: str) -> Task:
        """Run `site-builder ARGS` as job `kind`; the running one when there is one."""
        with self.lock:
            task = self.running.get(kind)
            if task is not None and task.state == "running":
                return task
            task = Task(str(next(self._ids)), kind)
            self.tasks[task.id] = self.running[kind] = task
        # The language is the asking request's: a new thread would start with the default.
        environment = self._environment()
        threading.Thread(target=self._run, args=(task, args, environment), daemon=True).start()
        return task

    def _run(self, task: Task, args: tuple[str, ...], environment: dict[str, str]) -> None:
        try:
            finished = subprocess.run(
                self._command(*args),
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                env=environment,
                check=False,
            )
            output = (finished.stdout + finished.stderr)[-OUTPUT_LIMIT:]
            task.output = output.strip()
            task.state = "done" if finished.returncode == 0 else "failed"
        except OSError as exc:
            task.output = t("无法运行:{e}", "could not run: {e}", e=exc.strerror)
            task.state = "failed"

    def start_preview(self) -> Task:
        """The live preview (`serve`), started once and kept until the editor stops."""
        with self.lock:
            task = self.running.get("preview")
            if task is not None and task.state != "failed":
                return task
            task = Task(str(next(self._ids)), "preview")
            self.tasks[task.id] = self.running["preview"] = task
            port = free_port()
            self.preview = subprocess.Popen(
                self._command("serve", "--dev-addr", f"127.0.0.1:{port}"),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=self._environment(),
            )
        threading.Thread(target=self._wait_preview, args=(task, port), daemon=True).start()
        return task

    def _wait_preview(self, task: Task, port: int) -> None:
        deadline = time.monotonic() + PREVIEW_START_SECONDS
        while time.monotonic() < deadline:
            if self.preview is None or self.preview.poll() is not None:
                break
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    task.url = self.preview_url = f"http://127.0.0.1:{port}/"
                    task.output = t("预览已打开:{u}", "preview running at {u}", u=task.url)
                    task.state = "done"
                    if self.on_preview is not None:
                        self.on_preview(task.url)
                    return
            except OSError:
                time.sleep(0.3)
        task.output = t(
            "预览没能启动:请点“检查全部内容”看看哪里有问题",
            "the preview did not start: run the check to see what is wrong",
        )
        task.state = "failed"

    def stop(self) -> None:
        """End the preview this editor started."""
        if self.preview is not None and self.preview.poll() is None:
            self.preview.terminate()
            try:
                self.preview.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.preview.kill()


def ledger_path(project: Project, name: str) -> Path:
    """Where an uploaded ledger waits for its import: outside content/, never published."""
    return project.cache_dir / "editor" / "ledgers" / name
