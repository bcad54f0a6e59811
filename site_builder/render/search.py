"""The search index: Pagefind over the rendered pages, reused while the pages are unchanged.

Material's own search ships the whole site as one JSON file (34.5 MB for 2000 stories), which
every reader downloads before the first result. Pagefind splits the index into chunks of about
30 KB that the browser fetches on demand, so a first search costs a few hundred kilobytes.

Pagefind reads a copy of the rendered pages with their Chinese cut into characters
(`search_text.segment_html`: its own segmentation and the browser's disagree, and words inside
running text went unfound), written next to the index and deleted once Pagefind is done. It
reads the staged output of whichever engine rendered it, and only that: drafts and private
text, never rendered, cannot reach the index. The index is kept under `.cache/search/<key>/`,
the key hashing every page's path and bytes, and a build whose pages are all unchanged links
the kept index instead of running Pagefind again.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.project import Project
from site_builder.render import search_text
from site_builder.render.search_text import segment_html

SEARCH_DIR = "pagefind"
# What makes an index from the pages besides Pagefind: the copy it reads (search_text.py) and
# the command line below. Their source is part of the index's key, so a change to either
# builds a new index without a version number to remember to bump.
_INDEXER_SOURCES = (Path(__file__), Path(search_text.__file__))
# The index's language: none of Pagefind's (no stemming, no segmenting of our copy); the
# browser still loads it for a page of any language, as the only index there is.
INDEX_LANGUAGE = "und"
BODY_MARK = b"data-pagefind-body"
# Stories and collections first: every other page (home, tags, archive, galleries, statistics,
# community and narrator pages) lists or sums up stories, and weighs less in the ranking.
_CONTENT_PAGES = re.compile(r"(stories|collections)/(?!page/)[^/]+/index\.html")
LISTING_WEIGHT = "0.3"
_LISTING_BODY = f'data-pagefind-body data-pagefind-weight="{LISTING_WEIGHT}"'.encode()
_KEEP_ENTRIES = 3


@dataclass(frozen=True)
class SearchIndex:
    key: str
    reused: bool  # True when the kept index was linked instead of running Pagefind


def pagefind_executable() -> Path:
    from pagefind_bin_extended import get_executable

    path: Path = get_executable()
    return path


def index_key(site_dir: Path, indexer: tuple[Path, ...] = _INDEXER_SOURCES) -> str:
    """A hash of every rendered page (path and bytes), of the code that makes the index from
    them and of the indexer's version."""
    digest = hashlib.sha256(b"pagefind-index\0")
    for source in indexer:
        digest.update(hashlib.sha256(source.read_bytes()).digest())
    digest.update(pagefind_executable().name.encode() + b"\0")
    digest.update(_pagefind_version().encode() + b"\0")
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir).as_posix()
        if rel.startswith(SEARCH_DIR + "/"):
            continue
        digest.update(rel.encode() + b"\0")
        digest.update(hashlib.sha256(page.read_bytes()).digest())
    return digest.hexdigest()[:24]


def _pagefind_version() -> str:
    from importlib.metadata import version

    return version("pagefind-bin-extended")


def build_search_index(
    project: Project, site_dir: Path, diagnostics: Diagnostics
) -> SearchIndex | None:
    """Write `site_dir/pagefind/`; None (with a diagnostic) when Pagefind fails."""
    key = index_key(site_dir)
    root = project.cache_dir / "search"
    entry = root / key
    reused = entry.is_dir()
    if reused:
        os.utime(entry)  # recently used: kept by _prune
    else:
        root.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
        temporary.chmod(0o755)  # mkdtemp's folder is private; the published copy must not be
        pages = Path(tempfile.mkdtemp(prefix=".pages-", dir=root))
        try:
            write_segmented_pages(site_dir, pages)
            command = [
                str(pagefind_executable()),
                "--site",
                str(pages),
                "--output-path",
                str(temporary),
                "--force-language",
                INDEX_LANGUAGE,
                "--quiet",
            ]
            run = subprocess.run(command, capture_output=True, text=True, check=False)
        finally:
            shutil.rmtree(pages, ignore_errors=True)
        if run.returncode != 0:
            shutil.rmtree(temporary, ignore_errors=True)
            diagnostics.error(
                project.relative(site_dir),
                1,
                1,
                t(
                    "生成搜索索引失败(Pagefind):{m}",
                    "building the search index failed (Pagefind): {m}",
                    m=(run.stderr or run.stdout).strip(),
                ),
            )
            return None
        os.replace(temporary, entry)
        _prune(root, keep=entry)
    _link_tree(entry, site_dir / SEARCH_DIR)
    return SearchIndex(key, reused)


def write_segmented_pages(site_dir: Path, target: Path) -> int:
    """Write under `target` the segmented copy of every page Pagefind would index: those with
    a `data-pagefind-body` (pages without one, such as activity ledgers, stay out of search),
    or every page where none has one; pages other than stories and collections with their
    whole text weighed at LISTING_WEIGHT. Returns how many pages were written."""
    unmarked: list[Path] = []
    written = 0
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir)
        if rel.as_posix().startswith(SEARCH_DIR + "/"):
            continue
        html = page.read_bytes()
        if BODY_MARK in html:
            if not _CONTENT_PAGES.fullmatch(rel.as_posix()):
                html = html.replace(BODY_MARK, _LISTING_BODY, 1)
            _write_segmented(html, target / rel)
            written += 1
        else:
            unmarked.append(rel)
    if not written:
        for rel in unmarked:
            _write_segmented((site_dir / rel).read_bytes(), target / rel)
        written = len(unmarked)
    return written


def _write_segmented(html: bytes, copy: Path) -> None:
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(segment_html(html.decode("utf-8")), encoding="utf-8")


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link the kept index into the site (entries are never modified once written)."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)


def _prune(root: Path, keep: Path) -> None:
    """Keep the newest few indexes (a site switching between two states reuses both)."""
    entries = sorted(
        (p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in entries[_KEEP_ENTRIES:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
