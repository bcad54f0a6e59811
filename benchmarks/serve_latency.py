"""Time from saving a story to `site-builder serve` showing the edit (a phase of `make bench`)."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from edits import edit_story


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


@contextlib.contextmanager
def serving(project: Path, site_builder: str) -> Iterator[str]:
    """`site-builder serve` on a free local port, stopped (by its process id) afterwards."""
    port = free_port()
    log = (project / ".cache" / "serve.log").open("w")
    server = subprocess.Popen(
        [site_builder, "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 900
        while fetch(base) is None:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"serve did not start: see {log.name}")
            time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def serve_latency(project: Path, site_builder: str, tries: int = 3) -> list[float]:
    """Seconds from saving a story to the served page containing the edit."""
    latencies = []
    with serving(project, site_builder) as base:
        for attempt in range(tries):
            marker = f"{int(time.time())}x{attempt}"
            story, original = edit_story(project, marker)
            url = base + f"stories/{story.stem}/"
            started = time.perf_counter()
            try:
                wait_for_text(url, marker, shown=True)
                latencies.append(time.perf_counter() - started)
            finally:
                story.write_text(original, encoding="utf-8")
            # The next edit starts once the restored story is served again.
            wait_for_text(url, marker, shown=False)
    return latencies


def wait_for_text(url: str, text: str, shown: bool, limit: float = 300) -> None:
    """Poll `url` every 50 ms until `text` is on it (`shown`) or gone from it."""
    started = time.perf_counter()
    while (text in (fetch(url) or "")) != shown:
        if time.perf_counter() - started > limit:
            raise SystemExit(f"serve: {url} never {'showed' if shown else 'dropped'} {text}")
        time.sleep(0.05)
