"""Rebuild only what changed: render over a copy of the previous site when that is safe.

MkDocs re-renders every page on every build (about 7 s for 2000 pages here). A page's HTML
depends on its compiled Markdown and on things shared by all pages: mkdocs.yml, the theme, the
site settings, the navigation, and the versions of the code. The compiled tree keeps the time
stamps of files whose bytes did not change (output/tree.py), so when the shared inputs are the
same as for the published site, the new site can start as a copy of it and MkDocs' `dirty`
mode re-renders only pages whose Markdown is newer than their HTML.

The shared inputs are hashed into a fingerprint, stored with the identity of the site folder
it was published to (`.cache/render-state.json`). Anything else (another fingerprint, a site
folder replaced or removed by hand, no record) means a clean render. A second hash covers
every input of the build (all of content/ besides): when it is unchanged too, the published
site is already what the build would produce, and nothing is done.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import shutil
from importlib.metadata import version
from pathlib import Path

from site_builder.derived import tree_digest
from site_builder.project import Project
from site_builder.store import write_atomically

# Bump when the rules for what may be reused change.
_STATE_VERSION = 1
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def _state_file(project: Project) -> Path:
    return project.cache_dir / "render-state.json"


def render_fingerprint(
    project: Project, engine: str, engine_version: str, program: Path = _PACKAGE_ROOT
) -> str:
    """A hash of everything besides the compiled pages that a rendered page depends on, the
    engine that renders it first: a site rendered by another engine is never reused.
    `program` is this program's folder: every file in it is hashed."""
    digest = hashlib.sha256(f"render-state-v{_STATE_VERSION}\0".encode())
    digest.update(f"{engine}\0{engine_version}\0".encode())
    for package in ("mkdocs", "mkdocs-material", "markdown", "jinja2", "pymdown-extensions"):
        try:
            digest.update(f"{package}={version(package)}\0".encode())
        except ImportError:
            digest.update(f"{package}=none\0".encode())
    digest.update(platform.python_version().encode() + b"\0")
    for path in (project.mkdocs_file, project.config_file):
        digest.update(path.read_bytes() if path.is_file() else b"")
        digest.update(b"\0")
    digest.update(tree_digest(project.root / "themes").encode())
    # The program is all of its files, not its modules alone: the page templates, schemas and
    # translations are read by the build too, and a changed template with unchanged content
    # must not find the site "already up to date".
    digest.update(tree_digest(program).encode())
    return digest.hexdigest()


def input_fingerprint(project: Project, render: str, as_of: dt.date) -> str:
    """A hash of everything a build reads: content/ (every file's path and bytes), the render
    fingerprint and the day it is built as of. Equal fingerprints build equal sites."""
    digest = hashlib.sha256(f"inputs-v{_STATE_VERSION}\0{render}\0{as_of.isoformat()}\0".encode())
    digest.update(tree_digest(project.content_dir).encode())
    return digest.hexdigest()


def _identity(site_dir: Path) -> list[int]:
    status = site_dir.stat()
    return [status.st_ino, status.st_mtime_ns]


def _published_state(project: Project, site_dir: Path) -> dict[str, object]:
    """What the last build recorded, if `site_dir` is still the folder it published."""
    try:
        state = json.loads(_state_file(project).read_text(encoding="utf-8"))
        if (
            isinstance(state, dict)
            and state.get("site_dir") == str(site_dir.resolve())
            and state.get("identity") == _identity(site_dir)
        ):
            return state
    except (OSError, ValueError):
        pass
    return {}


def reusable_site(project: Project, site_dir: Path, fingerprint: str) -> bool:
    """Whether `site_dir` is the site this project last published, rendered the same way."""
    return _published_state(project, site_dir).get("fingerprint") == fingerprint


def up_to_date(project: Project, site_dir: Path, inputs: str) -> bool:
    """Whether `site_dir` was published from exactly these inputs: nothing to rebuild."""
    return _published_state(project, site_dir).get("inputs") == inputs


def record_published(project: Project, site_dir: Path, fingerprint: str, inputs: str) -> None:
    state = {
        "fingerprint": fingerprint,
        "inputs": inputs,
        "site_dir": str(site_dir.resolve()),
        "identity": _identity(site_dir),
    }
    write_atomically(_state_file(project), json.dumps(state).encode("utf-8"))


def forget_published(project: Project) -> None:
    _state_file(project).unlink(missing_ok=True)


def seed_from(previous: Path, staged: Path, skip: tuple[str, ...]) -> None:
    """Fill the (empty) staging folder with hard links to the previous site's files.

    Links, not copies (copying 170 MB took seconds of an edited story's rebuild): the engine
    removes the link of every file it is about to write (render/mkdocs_engine.py), so a file
    written anew never reaches the published site through its link.
    """

    def link(source: str, target: str) -> None:
        os.link(source, target, follow_symlinks=False)

    for entry in os.scandir(previous):
        if entry.name in skip:
            continue
        target = staged / entry.name
        if entry.is_dir(follow_symlinks=False):
            shutil.copytree(entry.path, target, symlinks=True, copy_function=link)
        else:
            link(entry.path, str(target))
