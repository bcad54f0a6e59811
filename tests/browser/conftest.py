"""Fixtures for real Chromium reading the built sample site, the way the public reads it.

The sample site is built once by each engine (MkDocs + Material, Zensical), served from
127.0.0.1 by a thread of the test process, and read through `browsing.Reader` in a fresh
browser profile per test. Every test that reads the site runs once per engine (the `engine`
fixture); a test that pins `engine` by its own parametrize runs on that engine only. Every request is routed:
one that would leave 127.0.0.1 (a font service, a CDN, analytics) is aborted and recorded.

Chromium is Debian's (`/usr/bin/chromium`, installed by `.ci/run`), never a Playwright
download. Without it these tests skip, except in CI (`CI=true`), where they fail.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

import pytest

from site_builder.diagnostics import Diagnostics
from site_builder.project import Project
from site_builder.render.build import BuildReport

from .browsing import (
    AXE,
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    ENGINES,
    HERE,
    LOCAL_HOST,
    SCREENSHOTS,
    Reader,
    ReaderFactory,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Playwright, Route


def unavailable(reason: str) -> NoReturn:
    """Skip where the browser is missing; in CI that is a failure, not a skip."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)")
    pytest.skip(reason)


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Static files, without a log line per request in the test output."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


Built = tuple[Project, BuildReport, Diagnostics]


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """The engine that rendered the site under test."""
    return str(request.param)


@pytest.fixture(scope="session")
def engine_built(engine: str, request: pytest.FixtureRequest) -> Built:
    """The sample site built by `engine`, once a session (the suite's `built` for MkDocs)."""
    built: Built = request.getfixturevalue("built" if engine == "mkdocs" else f"built_{engine}")
    return built


@pytest.fixture(scope="session")
def site_url(engine_built: Built) -> Iterator[str]:
    """The built sample site, served over HTTP from 127.0.0.1 on a free port."""
    project, report, diagnostics = engine_built
    problems = "\n".join(str(d) for d in diagnostics.sorted())
    assert report.ok, f"the sample site did not build:\n{problems}"
    with serving(project.site_dir) as url:
        yield url


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`folder` served over HTTP from 127.0.0.1 on a free port: its URL."""
    handler = functools.partial(SiteRequestHandler, directory=str(folder))
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    if not CHROMIUM.is_file():
        unavailable(f"{CHROMIUM} is missing: apt-get install chromium (as .ci/run does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is missing: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    browser = playwright_session.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core from the npm registry, pinned by tests/browser/package-lock.json."""
    if not AXE.is_file():
        npm = shutil.which("npm")
        if npm is None:
            unavailable("npm is missing: apt-get install npm (as .ci/run does)")
        subprocess.run(
            [npm, "ci", "--prefix", str(HERE), "--no-audit", "--no-fund"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return AXE


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """Where screenshots go. Not emptied: under xdist another worker may be writing there;
    each picture replaces the one of the same page and size from an earlier run."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def open_reader(browser: Browser, site_url: str) -> Iterator[ReaderFactory]:
    """Open a tab in a fresh browser profile (no stored settings); all closed afterwards."""
    contexts: list[BrowserContext] = []

    def make(
        viewport: dict[str, int] | None = None,
        device_scale_factor: float = 1,
        init_script: str = "",
    ) -> Reader:
        context = browser.new_context(
            viewport=viewport or DESKTOP,  # type: ignore[arg-type]
            device_scale_factor=device_scale_factor,
            locale="zh-CN",
        )
        contexts.append(context)
        outside: list[str] = []

        def keep_local(route: Route) -> None:
            if urlsplit(route.request.url).hostname == LOCAL_HOST:
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort("blockedbyclient")

        context.route("**/*", keep_local)
        if init_script:
            context.add_init_script(init_script)
        return Reader(context.new_page(), site_url, outside)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def reader(open_reader: ReaderFactory) -> Reader:
    """A tab in a desktop-sized window, 1280×800."""
    return open_reader()
