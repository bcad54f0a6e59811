"""Replace `site/` only after a build has fully succeeded.

Stock `mkdocs build` empties the old site first, so a failed strict build leaves a half site.
Here the engine writes into a fresh folder beside `site/`, checks run on it, and only then is
it swapped in with two renames; a failure removes the new folder and leaves `site/` as it was.

The site it replaces is removed by a process of its own, which the build does not wait for:
removing thousands of folders took longer than rendering the pages of an edited story.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def staging_dir(site_dir: Path) -> Path:
    """A new empty folder on the same filesystem as `site_dir`, so the swap is a rename."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))


def swap_in(staged: Path, site_dir: Path) -> None:
    # Also sites replaced by builds that were stopped before their removal ended.
    old = list(site_dir.parent.glob(f".{site_dir.name}-old-*"))
    if site_dir.exists():
        holder = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
        os.replace(site_dir, holder / site_dir.name)
        old.append(holder)
    os.replace(staged, site_dir)
    # mkdtemp makes the folder private; a published site must be readable by a web server.
    site_dir.chmod(0o755)
    if old:
        remove_in_background(old)


def remove_in_background(folders: list[Path]) -> None:
    """Remove `folders` in a process that outlives this one if need be (forked twice, so it
    is nobody's child to wait for)."""
    pid = os.fork()
    if pid == 0:
        try:
            if os.fork() == 0:
                os.setsid()
                for folder in folders:
                    shutil.rmtree(folder, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def discard(staged: Path) -> None:
    shutil.rmtree(staged, ignore_errors=True)
