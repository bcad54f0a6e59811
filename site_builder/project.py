"""Where things are: the project root and the folders and files the compiler reads and writes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CONFIG_FILE = "site.yml"


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The nearest folder at or above `start` that holds `content/site.yml`."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "content" / CONFIG_FILE).is_file():
                return cls(folder)
        return cls(here)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def config_file(self) -> Path:
        return self.content_dir / CONFIG_FILE

    @property
    def cache_dir(self) -> Path:
        return self.root / ".cache"

    @property
    def compiled_dir(self) -> Path:
        """The generated tree of Markdown pages and data files that the renderer reads."""
        return self.cache_dir / "compiled"

    @property
    def image_cache_dir(self) -> Path:
        return self.cache_dir / "images"

    def engine_dir(self, engine: str) -> Path:
        """The folder of one engine: the configuration the compiler writes for it, and
        whatever the engine keeps of its own (its cache), apart from everything else."""
        return self.cache_dir / "engine" / engine

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def mkdocs_file(self) -> Path:
        return self.root / "mkdocs.yml"

    def relative(self, path: Path) -> str:
        """A path as shown to people: relative to the root, with forward slashes."""
        # Paths the loader finds are under the root as written: no need to resolve each one
        # (a system call per folder, for thousands of files).
        text, root = str(path), str(self.root)
        if path.is_absolute() and text.startswith(root + os.sep):
            return text[len(root) + 1 :].replace(os.sep, "/")
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()
