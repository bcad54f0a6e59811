"""Replace `site/` only after a build has fully succeeded.

Stock `mkdocs build` empties the old site first, so a failed strict build leaves a half site.
Here the engine writes into a fresh folder beside `site/`, checks run on it, and only then is
it swapped in with two renames; a failure removes the new folder and leaves `site/` as it was.
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
    old = site_dir.with_name(f".{site_dir.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(staged, site_dir)
    # mkdtemp makes the folder private; a published site must be readable by a web server.
    site_dir.chmod(0o755)
    if old.exists():
        shutil.rmtree(old)


def discard(staged: Path) -> None:
    shutil.rmtree(staged, ignore_errors=True)
