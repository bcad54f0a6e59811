"""The search index: Pagefind over the rendered pages, reused while the pages are unchanged.

Material's own search ships the whole site as one JSON file (34.5 MB for 2000 stories), which
every reader downloads before the first result, and segments Chinese with jieba on every build
(about 21 s). Pagefind segments Chinese itself and splits the index into chunks of about 30 KB
that the browser fetches on demand, so a first search costs a few hundred kilobytes.

Pagefind reads only the rendered HTML, so its output is a function of those files: it is kept
under `.cache/search/<key>/`, the key hashing every page's path and bytes, and a build whose
pages are all unchanged links the kept index instead of running Pagefind again. Only the
rendered (published) pages are indexed, so drafts cannot leak into search.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.project import Project

SEARCH_DIR = "pagefind"
# Bump when the options below change what Pagefind writes.
_INDEX_VERSION = "1"
_KEEP_ENTRIES = 3


@dataclass(frozen=True)
class SearchIndex:
    key: str
    reused: bool  # True when the kept index was linked instead of running Pagefind


def pagefind_executable() -> Path:
    from pagefind_bin_extended import get_executable

    path: Path = get_executable()
    return path


def index_key(site_dir: Path) -> str:
    """A hash of every rendered page (path and bytes) and of the indexer's version."""
    digest = hashlib.sha256(f"pagefind-index-v{_INDEX_VERSION}\0".encode())
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
        command = [
            str(pagefind_executable()),
            "--site",
            str(site_dir),
            "--output-path",
            str(temporary),
            "--quiet",
        ]
        run = subprocess.run(command, capture_output=True, text=True, check=False)
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
