"""The generated tree of pages, data and images that the renderer reads.

Files are written only when their bytes change, and files no generator wrote this time are
removed at the end, so the tree always equals what one compile produces, and unchanged pages
keep their timestamps for the renderer's and the CI cache's benefit.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from site_builder.output.urls import Route
from site_builder.store import write_atomically


class OutputTree:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: set[str] = set()
        self.changed = 0

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def write_page(self, url: str, text: str) -> None:
        """Write the source of the page served at `url` (a route of pages/urls.py)."""
        self.write_text(Route(url).src_path, text)

    def write_bytes(self, rel: str, data: bytes) -> None:
        if rel in self.written:
            raise ValueError(f"two generators wrote {rel}")
        self.written.add(rel)
        # Plain strings, not Path objects: this runs for each of thousands of pages.
        target = os.path.join(self.root, rel)
        try:
            if os.stat(target).st_size == len(data):
                with open(target, "rb") as existing:
                    if existing.read() == data:
                        return
        except OSError:
            pass
        write_atomically(target, data)
        self.changed += 1

    def place_file(self, rel: str, source: Path) -> None:
        """Put an existing file (an image derivative) into the tree, hard-linked when possible."""
        if rel in self.written:
            return
        self.written.add(rel)
        target = self.root / rel
        if target.exists() and target.stat().st_size == source.stat().st_size:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        self.changed += 1

    def finish(self) -> int:
        """Remove files left over from earlier compiles; return how many were removed."""
        removed = 0
        if not self.root.exists():
            return 0
        # Plain strings and os.walk: this visits every page and photo file on each compile.
        for folder, _, names in os.walk(self.root, topdown=False):
            prefix = os.path.relpath(folder, self.root).replace(os.sep, "/")
            prefix = "" if prefix == "." else prefix + "/"
            for name in names:
                if prefix + name not in self.written:
                    os.unlink(os.path.join(folder, name))
                    removed += 1
            if folder != str(self.root) and not os.listdir(folder):
                os.rmdir(folder)
        return removed
