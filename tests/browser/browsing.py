"""What the browser tests share: where things are, the pages they read, and `Reader`.

A `Reader` is one browser tab that records everything that went wrong while it read pages:
console errors, failed requests, pop-ups, and requests that tried to leave 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Page

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # No name resolves but the test server's address: nothing can leave the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
LOCAL_HOST = "127.0.0.1"

# Every engine the site can be rendered by (site.yml `engine`), each read by the same tests.
ENGINES = ("mkdocs", "zensical")

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}

# One page of each kind a reader meets, read by the layout, screenshot and axe checks.
PAGES = {
    "home": "",
    "story": "stories/fengze-lianxin-huayuan/",
    "community": "communities/taihe/",
    "stats": "stats/2025/",
    "gallery": "gallery/",
    "collection": "collections/shouhu-zhaoxi-meihao/",
}


@dataclass
class Reader:
    """One browser tab and everything that went wrong while it read pages."""

    page: Page
    base_url: str
    outside_requests: list[str]
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    popups: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        page = self.page
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"{page.url}: {error}"))
        page.on("requestfailed", self._on_failed)
        page.on("response", self._on_response)
        page.on("dialog", self._on_dialog)
        page.on("popup", lambda popup: self.popups.append(f"{page.url}: window {popup.url}"))

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(f"{self.page.url}: {message.text}")

    def _on_failed(self, request: Any) -> None:
        # Requests to other hosts are aborted on purpose and listed in outside_requests;
        # ERR_ABORTED is a request the next navigation cancelled, not one that failed.
        if urlsplit(request.url).hostname == LOCAL_HOST and request.failure != "net::ERR_ABORTED":
            self.failed_requests.append(f"{request.url}: {request.failure}")

    def _on_response(self, response: Any) -> None:
        if response.status >= 400:
            self.failed_requests.append(f"{response.url}: HTTP {response.status}")

    def _on_dialog(self, dialog: Any) -> None:
        self.popups.append(f"{self.page.url}: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    def open(self, path: str) -> None:
        """Load a page of the site (path relative to its root) and wait until it has loaded."""
        response = self.page.goto(self.base_url + path, wait_until="load")
        assert response is not None, path
        assert response.ok, f"{path}: HTTP {response.status}"

    def problems(self) -> list[str]:
        return [
            *(f"console error: {m}" for m in self.console_errors),
            *(f"failed request: {m}" for m in self.failed_requests),
            *(f"request leaving {LOCAL_HOST}: {m}" for m in self.outside_requests),
            *(f"pop-up: {m}" for m in self.popups),
        ]

    def text_of(self, selector: str) -> str:
        return self.page.locator(selector).first.inner_text()

    def computed(self, selector: str, prop: str) -> str:
        """A computed style property of the first element matching `selector`."""
        value = self.page.eval_on_selector(
            selector, "(el, prop) => getComputedStyle(el).getPropertyValue(prop)", prop
        )
        return str(value)

    def pixels(self, selector: str, prop: str) -> float:
        return float(self.computed(selector, prop).removesuffix("px"))

    def smallest_text(self) -> float:
        """The smallest font size, in CSS pixels, of visible text in the page's article.

        Chart labels are left out: an SVG chart scales as a whole, so their nominal size is not
        what is seen, and each chart's figures stand in a table below it too.
        """
        value = self.page.evaluate(
            """() => Math.min(...[...document.querySelectorAll('article.md-typeset *')]
                .filter(el => el.getClientRects().length && !el.closest('svg')
                    && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
                .map(el => parseFloat(getComputedStyle(el).fontSize)))"""
        )
        return float(value)

    def scroll_overflow(self) -> int:
        """How many CSS pixels the page is wider than the window (0: nothing scrolls sideways)."""
        value = self.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        return max(0, int(value))

    def linked_pages(self) -> list[str]:
        """Paths of this site's pages that the current page links to, in order, once each."""
        hrefs = self.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        found: list[str] = []
        for href in hrefs:
            url = urldefrag(href).url
            if not url.startswith(self.base_url):
                continue
            path = url.removeprefix(self.base_url)
            if (path == "" or path.endswith("/")) and path not in found:
                found.append(path)
        return found


# `open_reader(viewport=..., device_scale_factor=..., init_script=...)`, from conftest.py.
ReaderFactory = Callable[..., Reader]
