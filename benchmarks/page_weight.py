"""What a reader's phone downloads: bytes and requests of four pages of the built sample site.

Builds the sample project (content/, themes/, mkdocs.yml) with each engine into a temporary
folder, serves it from 127.0.0.1 and opens home, a story, a year's statistics and the gallery
in Debian's Chromium at 390×844 (Playwright), each in a fresh profile (nothing cached), until
the network is idle. Bytes are the response bodies as sent (the test server does not compress);
the site's own size and its files a reader never fetches (source maps, the theme's search) are
counted from the folder.

    PYTHONPATH=. .venv/bin/python benchmarks/page_weight.py [--engine mkdocs --engine zensical]
"""

from __future__ import annotations

import argparse
import functools
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
PAGES = {
    "home": "",
    "story": "stories/fengze-lianxin-huayuan/",
    "statistics": "stats/2025/",
    "gallery": "gallery/",
}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build(engine: str, workdir: Path) -> Path:
    project = workdir / engine
    project.mkdir()
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "themes", project / "themes")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    command = [sys.executable, "-m", "site_builder", "--project", str(project)]
    subprocess.run([*command, "build", "--engine", engine], check=True, capture_output=True)
    return project / "site"


def weigh(base_url: str, path: str) -> tuple[int, int]:
    """(bytes, requests) of one page loaded in a fresh phone-sized profile."""
    from playwright.sync_api import sync_playwright

    sizes: list[int] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        page = browser.new_page(viewport=PHONE, device_scale_factor=3)  # type: ignore[arg-type]
        page.on(
            "requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"])
        )
        page.goto(base_url + path, wait_until="networkidle")
        browser.close()
    return sum(sizes), len(sizes)


def unused_bytes(site: Path) -> tuple[int, int]:
    """Bytes of the whole site, and of what no page fetches: source maps, the theme's search."""
    files = [p for p in site.rglob("*") if p.is_file()]
    unused = [
        p
        for p in files
        if p.suffix == ".map"
        or "lunr" in p.parts
        or (p.parent.name == "workers" and p.name.startswith("search."))
    ]
    return sum(p.stat().st_size for p in files), sum(p.stat().st_size for p in unused)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", action="append", choices=("mkdocs", "zensical"))
    engines = parser.parse_args().engine or ["mkdocs", "zensical"]
    print("| engine | page | KB | requests |")
    print("| --- | --- | ---: | ---: |")
    totals = []
    with tempfile.TemporaryDirectory() as workdir:
        for engine in engines:
            site = build(engine, Path(workdir))
            with serving(site) as url:
                for name, path in PAGES.items():
                    size, count = weigh(url, path)
                    print(f"| {engine} | {name} | {size / 1000:.1f} | {count} |")
            totals.append((engine, *unused_bytes(site)))
    print()
    print("| engine | site/ MB | never fetched (maps, theme search) MB |")
    print("| --- | ---: | ---: |")
    for engine, whole, unused in totals:
        print(f"| {engine} | {whole / 1e6:.2f} | {unused / 1e6:.2f} |")


if __name__ == "__main__":
    main()
