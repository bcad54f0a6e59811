"""What the build asks of an engine: render the compiled tree into a staging folder.

Everything around it is the same for every engine (render/build.py): the compiler writes the
tree and each engine's configuration before, and the output checks, Pagefind and the swap
into `site/` run after, on whatever the engine wrote.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

from site_builder.diagnostics import Diagnostics
from site_builder.project import Project


class Engine(Protocol):
    # As written in site.yml's `engine` and `--engine`.
    name: str
    # Whether it can render over a copy of the previous site, redoing changed pages only
    # (`dirty`); otherwise the staging folder it gets is always empty.
    renders_changed_pages_only: bool

    def version(self) -> str:
        """The versions of what renders, for the render fingerprint (render/incremental.py)."""
        ...

    def render(
        self,
        project: Project,
        out_dir: Path,
        diagnostics: Diagnostics,
        *,
        as_of: dt.date | None = None,
        dirty: bool = False,
        workers: int | None = None,
    ) -> bool:
        """Render `project.compiled_dir` into `out_dir`; False (with diagnostics) on failure.
        `workers`: the processes it may use (default: one per core).

        Reads only the compiled tree and the configuration written for this engine; writes
        only into `out_dir` and the engine's own folder (`project.engine_dir(name)`).
        """
        ...
