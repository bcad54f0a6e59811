"""`site-builder serve`: an edit to a story shows in the served page, built as of the day asked
for; reading files does not start a rebuild (site_builder/render/serve.py)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from site_builder.project import Project
from site_builder.render.serve import _ChangeObserver

SITE_BUILDER = str(Path(sys.executable).with_name("site-builder"))


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(condition: object, limit: float) -> float:
    assert callable(condition)
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > limit:
            raise AssertionError(f"not within {limit} s")
        time.sleep(0.1)
    return time.monotonic() - started


def last_line(terminal: Path) -> str:
    """The last line the preview printed, which staff read as the content's state."""
    lines = [line for line in terminal.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[-1] if lines else ""


GOOD_AGAIN = "内容没有错误了,预览已更新"


class Counter(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        with self.lock:
            self.events.append(event)


def test_the_watcher_reports_writes_and_not_reads(tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text("原文", encoding="utf-8")
    counter = Counter()
    observer = _ChangeObserver()
    observer.schedule(counter, str(tmp_path), recursive=True)
    observer.start()
    try:
        time.sleep(0.3)
        for _ in range(5):
            story.read_text(encoding="utf-8")
        time.sleep(0.5)
        assert counter.events == []
        story.write_text("改过了", encoding="utf-8")
        wait_for(lambda: counter.events, 5)
    finally:
        observer.stop()
        observer.join()


@pytest.mark.slow
def test_an_edit_shows_in_the_served_page(project: Project) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        # As of a day before the sample stories (after every consent): they show as scheduled.
        [SITE_BUILDER, "serve", "--dev-addr", f"127.0.0.1:{port}", "--as-of", "2025-05-01"],
        cwd=project.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/stories/fengze-lianxin-huayuan/"
        wait_for(lambda: fetch(url) is not None, 120)
        story = project.content_dir / "stories" / "fengze-lianxin-huayuan.md"
        story.write_text(story.read_text(encoding="utf-8") + "\n预览里新写的一句。\n", "utf-8")
        wait_for(lambda: "预览里新写的一句" in (fetch(url) or ""), 60)
        assert "定时发布" in (fetch(url) or "")  # rebuilds keep the day asked for
        # Drafts are part of the preview, marked.
        draft = fetch(f"http://127.0.0.1:{port}/review/") or ""
        assert "草稿" in draft or "待审" in draft
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
def test_a_content_error_shows_in_terminal_and_page_until_fixed(
    project: Project, tmp_path: Path
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    terminal = tmp_path / "terminal.txt"
    with terminal.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [SITE_BUILDER, "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project.root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "COLUMNS": "200"},
        )
    try:
        url = f"http://127.0.0.1:{port}/stories/fengze-lianxin-huayuan/"
        wait_for(lambda: "连心花园" in (fetch(url) or ""), 120)
        story = project.content_dir / "stories" / "fengze-lianxin-huayuan.md"
        good = story.read_text(encoding="utf-8")
        story.write_text(good.replace("community: fengze", "community：fengze"), "utf-8")
        place = "content/stories/fengze-lianxin-huayuan.md:5:10"
        wait_for(lambda: "内容有错误" in (fetch(url) or ""), 60)
        page = fetch(url) or ""
        assert place in page and "全角" in page
        assert "内容有错误" in (fetch(f"http://127.0.0.1:{port}/") or "")  # every page
        printed = terminal.read_text(encoding="utf-8")
        assert f"{place}: 错误: 冒号是全角的" in printed
        assert "Traceback" not in printed
        assert GOOD_AGAIN not in printed
        story.write_text(good, "utf-8")
        wait_for(lambda: "连心花园" in (fetch(url) or ""), 60)
        assert "内容有错误" not in (fetch(url) or "")
        # The terminal no longer ends on the error that was fixed.
        wait_for(lambda: last_line(terminal) == GOOD_AGAIN, 30)
    finally:
        server.terminate()
        server.wait(timeout=30)
