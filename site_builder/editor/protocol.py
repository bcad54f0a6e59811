"""Decap CMS's proxy protocol over `content/`: `POST /api/v1` with `{action, params}`.

The actions and the shape of their answers follow decap-server's local file-system
middleware, which Decap's `proxy` backend talks to. What differs is what stands behind them:
every path is held inside `content/` (paths.py), a save goes through `check` first and keeps
the version it replaces (saving.py), and the media library gets small previews, not every
photo whole (media.py).
"""

from __future__ import annotations

import base64
import hashlib
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.editor import media
from site_builder.editor.paths import PathRefused, relative, resolve
from site_builder.editor.validate import SaveChecker
from site_builder.i18n import t
from site_builder.project import Project

# The deepest folder listing an editor asks for (stories filed by year and community).
MAX_DEPTH = 8


class ApiError(Exception):
    """A request answered with `{error: message}` and `status`; nothing was changed."""

    def __init__(self, message: str, status: int = 422, **details: Any):
        super().__init__(message)
        self.message = message
        self.status = status
        self.details = details


@dataclass
class EditorState:
    """One editor server's project and what it handed out to each browser."""

    project: Project
    checker: SaveChecker
    # (browser, path) -> sha256 of the version that browser was last handed or saved: a save
    # over anything else is a save over someone else's change.
    handed: dict[tuple[str, str], str] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)
    # (browser, path) -> what the last save of that file said (warnings, notes, how to
    # acknowledge): Decap shows no more than "saved", so the editor page asks for it after.
    reports: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    # The preview's address once started (start page), for the editor's "view" link.
    preview_url: str = ""

    @classmethod
    def open(cls, project: Project) -> EditorState:
        return cls(project, SaveChecker(project))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def param(params: dict[str, Any], name: str, kind: type = str) -> Any:
    value = params.get(name)
    if not isinstance(value, kind):
        raise ApiError(t("请求缺少参数 {name}", "the request lacks {name}", name=name), 422)
    return value


def real_path(state: EditorState, path: str) -> Path:
    try:
        return resolve(state.project, path)
    except PathRefused as exc:
        raise ApiError(str(exc), 403) from None


def entry(state: EditorState, browser: str, path: str, label: str | None = None) -> dict[str, Any]:
    """One entry as Decap reads it: its text and an id that changes with its bytes."""
    real = real_path(state, path)
    try:
        data = real.read_bytes()
    except OSError:
        return {"data": None, "file": {"path": path, "label": label, "id": None}}
    sha = digest(data)
    with state.lock:
        state.handed[(browser, relative(state.project, real))] = sha
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    return {"data": text, "file": {"path": path, "label": label, "id": sha}}


def listed(state: EditorState, folder: str, extension: str, depth: int) -> list[str]:
    """Files under `folder` ending in `extension`, `depth` folders deep, hidden ones left out;
    their paths as the browser names them."""
    root = real_path(state, folder)
    found: list[str] = []
    if not root.is_dir():
        return found
    base = root.parts
    for here, folders, files in os.walk(root):
        level = len(Path(here).parts) - len(base) + 1
        folders[:] = sorted(f for f in folders if not f.startswith(".") and level < depth)
        for name in sorted(files):
            if name.endswith(extension) and not name.startswith("."):
                candidate = Path(here) / name
                # A link leading outside content/ is not listed at all.
                if candidate.resolve().is_relative_to(state.project.content_dir.resolve()):
                    found.append(relative(state.project, candidate))
    return found


def entries_by_folder(state: EditorState, browser: str, params: dict[str, Any]) -> Any:
    depth = min(int(param(params, "depth", int)), MAX_DEPTH)
    paths = listed(state, param(params, "folder"), param(params, "extension"), depth)
    return [entry(state, browser, p) for p in paths]


def entries_by_files(state: EditorState, browser: str, params: dict[str, Any]) -> Any:
    files = param(params, "files", list)
    return [
        entry(state, browser, param(f, "path"), f.get("label") if isinstance(f, dict) else None)
        for f in files
        if isinstance(f, dict)
    ]


def get_entry(state: EditorState, browser: str, params: dict[str, Any]) -> Any:
    return entry(state, browser, param(params, "path"))


def media_file(state: EditorState, real: Path, *, whole: bool) -> dict[str, Any]:
    """A photo as Decap's media library reads it. `whole` sends the file; otherwise a small
    preview travels, with `url` naming the file on this server for what wants it whole."""
    path = relative(state.project, real)
    stat = real.stat()
    data = real.read_bytes() if whole else media.thumbnail(state.project, real)
    return {
        "id": digest(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()),
        "name": real.name,
        "path": path,
        "content": base64.b64encode(data).decode("ascii"),
        "encoding": "base64",
        "size": stat.st_size,
        "url": "/media/" + path,
    }


def get_media(state: EditorState, browser: str, params: dict[str, Any]) -> Any:
    folder = real_path(state, param(params, "mediaFolder"))
    if not folder.is_dir():
        return []
    photos = [
        p
        for p in sorted(folder.iterdir())
        if p.is_file()
        and not p.name.startswith(".")
        and media.is_photo(p)
        and p.resolve().is_relative_to(state.project.content_dir.resolve())
    ]
    # Pillow decodes without the interpreter lock: previews not made yet use every core.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(lambda p: media_file(state, p, whole=False), photos))


def get_media_file(state: EditorState, browser: str, params: dict[str, Any]) -> Any:
    real = real_path(state, param(params, "path"))
    if not real.is_file():
        raise ApiError(t("找不到文件 {p}", "file {p} not found", p=params["path"]), 404)
    return media_file(state, real, whole=True)


def info(state: EditorState, browser: str, params: dict[str, Any]) -> Any:
    return {"repo": state.project.root.name, "publish_modes": ["simple"], "type": "local_fs"}


Action = Callable[[EditorState, str, dict[str, Any]], Any]


def dispatch(state: EditorState, browser: str, body: object, actions: dict[str, Action]) -> Any:
    """The answer to one request of the protocol; ApiError for anything refused."""
    if not isinstance(body, dict) or not isinstance(body.get("action"), str):
        raise ApiError(t("请求格式不对", "malformed request"), 400)
    action = actions.get(body["action"])
    if action is None:
        raise ApiError(
            t("编辑器不支持操作 {a}", "the editor does not support {a}", a=body["action"]), 422
        )
    params = body.get("params")
    params = {} if params is None else params
    if not isinstance(params, dict):
        raise ApiError(t("请求格式不对", "malformed request"), 400)
    return action(state, browser, params)


READ_ACTIONS: dict[str, Action] = {
    "info": info,
    "entriesByFolder": entries_by_folder,
    "entriesByFiles": entries_by_files,
    "getEntry": get_entry,
    "getMedia": get_media,
    "getMediaFile": get_media_file,
}
