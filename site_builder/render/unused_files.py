"""Files the engines and Pagefind write that no reader ever fetches, left out of site/.

The themes ship their own search (lunr, its language files and a web worker) although the site
searches with Pagefind (render/search.py), source maps for their bundles, and Pagefind writes
its ready-made interfaces beside the index although our box is themes/material/assets/search.js.
None of them is loaded by a page: they are deleted from the staged site of every engine, and
the `sourceMappingURL` comments that named the maps go with them.
"""

from __future__ import annotations

import re
from pathlib import Path

# Under the staged site: the theme's search (MkDocs + Material and Zensical alike).
THEME_SEARCH = ("assets/javascripts/lunr", "assets/javascripts/workers")
# Pagefind's own interfaces, in the folder of every search shard.
PAGEFIND_UI = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
_MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")


def drop_theme_extras(site: Path) -> int:
    """Delete the theme's search and every source map from `site`: the bytes removed."""
    removed = 0
    for folder in THEME_SEARCH:
        for path in sorted((site / folder).rglob("*")):
            if path.is_file():
                removed += _delete(path)
    for path in sorted(site.rglob("*.map")):
        bundle = path.with_suffix("")
        if bundle.suffix in {".js", ".css"} and bundle.is_file():
            _drop_map_comment(bundle)
        removed += _delete(path)
    for folder in THEME_SEARCH:
        _remove_empty(site / folder)
    return removed


def drop_pagefind_ui(site: Path, search_dir: str) -> int:
    """Delete Pagefind's ready-made interfaces from every shard folder: the bytes removed."""
    removed = 0
    for name in PAGEFIND_UI:
        for path in sorted(site.glob(f"{search_dir}*/{name}")):
            removed += _delete(path)
    return removed


def _delete(path: Path) -> int:
    size = path.stat().st_size
    path.unlink()
    return size


def _drop_map_comment(bundle: Path) -> None:
    # The staged file may be a hard link to an engine's cache: write a new file in its place.
    data = bundle.read_bytes()
    trimmed = _MAP_COMMENT.sub(b"\n", data)
    if trimmed != data:
        bundle.unlink()
        bundle.write_bytes(trimmed)


def _remove_empty(folder: Path) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if not any(folder.iterdir()):
        folder.rmdir()
