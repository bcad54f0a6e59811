"""The protocol's writing actions: save an entry, upload a photo, delete files.

Every write goes the same way, under one lock: refuse a save over a file that changed since
this browser was handed it; write the text in the project's style (restyle.py); try the
result with `check` on the shadow (validate.py) and refuse it with `check`'s messages when it
has errors; keep each version it replaces or deletes (history.py); write each file whole or
not at all. A refusal leaves every file as it was.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from site_builder.editor import history, media
from site_builder.editor.log_text import edited_log
from site_builder.editor.paths import relative, safe_file_name
from site_builder.editor.protocol import (
    ApiError,
    EditorState,
    digest,
    media_file,
    param,
    real_path,
)
from site_builder.editor.restyle import restyle
from site_builder.editor.validate import acknowledgement_hint, message
from site_builder.i18n import t

TEXT_SUFFIXES = (".md", ".yml", ".yaml")
_LOG = re.compile(r"^content/activities/[^/]+/\d{4}\.ya?ml$")


def _stale(state: EditorState, browser: str, real: Path, now: bytes | None) -> None:
    """Refuse to write over a version this browser has not seen."""
    path = relative(state.project, real)
    handed = state.handed.get((browser, path))
    if now is None or handed == digest(now):
        return
    if handed is None:
        raise ApiError(
            t(
                "没有保存:已经有一个同名文件 {p}。请换一个编号(文件名),或打开已有的那一条去修改。",
                "Not saved: {p} already exists. Choose another id (file name), or open the "
                "existing entry and edit it.",
                p=path,
            ),
            409,
        )
    raise ApiError(
        t(
            "没有保存:{p} 在你打开之后被改过了(可能是另一位同事、文本编辑器或导入台账)。"
            "为了不覆盖别人的修改,请先把你改的文字复制下来,刷新页面重新打开这一条,"
            "再把你的修改加上后保存。",
            "Not saved: {p} changed after you opened it (a colleague, a text editor or an "
            "import). So as not to overwrite that change, copy your text, reload the page, "
            "open the entry again, add your change and save.",
            p=path,
        ),
        409,
    )


def _read(real: Path) -> bytes | None:
    try:
        return real.read_bytes()
    except FileNotFoundError:
        return None


def _text_file(state: EditorState, path: str) -> Path:
    real = real_path(state, path)
    if real.suffix.lower() not in TEXT_SUFFIXES:
        raise ApiError(
            t("只能用编辑器保存 .md 和 .yml 文件:{p}", "only .md and .yml files: {p}", p=path), 403
        )
    return real


def _styled(state: EditorState, target: Path, raw: str, old: bytes | None) -> str:
    """The text to write: an activity log's new records and figures put in by the log editor
    (log_text.py), anything else rewritten in the project's style (restyle.py)."""
    path = relative(state.project, target)
    old_text = None if old is None else old.decode("utf-8", errors="replace")
    if old_text is not None and _LOG.match(path):
        edited = edited_log(old_text, raw)
        if edited is not None:
            return edited
    return restyle(path, raw, old_text, root=state.project.root)


def _diagnostics(found: list[Any]) -> list[dict[str, Any]]:
    return [
        {"path": d.path, "line": d.line, "column": d.column, "message": d.message, "text": str(d)}
        for d in found
    ]


def _commit(state: EditorState, browser: str, changes: dict[Path, bytes | None]) -> dict[str, Any]:
    """Check `changes` (real path -> bytes, or None to delete) as a whole, then make them."""
    root = state.project.content_dir.resolve()
    verdict = state.checker.verdict(
        {real.relative_to(root).as_posix(): data for real, data in changes.items()}
    )
    if verdict.refused:
        raise ApiError(message(verdict), 422, errors=_diagnostics(verdict.errors))
    for real, data in changes.items():
        if data is None or data != _read(real):  # a save that changes nothing keeps no version
            history.keep(state.project, real)
            if data is None:
                real.unlink(missing_ok=True)
            else:
                history.write_atomic(real, data)
        path = relative(state.project, real)
        if data is None:
            state.handed.pop((browser, path), None)
        else:
            state.handed[(browser, path)] = digest(data)
    state.checker.saved()
    report = {
        "warnings": _diagnostics(verdict.warnings),
        "notes": _diagnostics(verdict.notes),
        "hint": acknowledgement_hint(verdict),
    }
    for real in changes:
        state.reports[(browser, relative(state.project, real))] = report
    return report


def _asset(state: EditorState, asset: object) -> tuple[Path, bytes]:
    if not isinstance(asset, dict):
        raise ApiError(t("请求格式不对", "malformed request"), 400)
    real = real_path(state, param(asset, "path"))
    try:
        data = media.decode_upload(asset.get("content"), asset.get("encoding"))
        media.check_upload(real.name, data)
    except media.UploadRefused as exc:
        raise ApiError(str(exc), exc.status) from None
    return real, data


def persist_entry(state: EditorState, browser: str, params: dict[str, Any]) -> Any:
    files = params.get("dataFiles") or [params.get("entry")]
    changes: dict[Path, bytes | None] = {}
    with state.checker.lock:
        for data_file in files:
            if not isinstance(data_file, dict):
                raise ApiError(t("请求格式不对", "malformed request"), 400)
            real = _text_file(state, param(data_file, "path"))
            old = _read(real)
            _stale(state, browser, real, old)
            target = real
            if data_file.get("newPath"):
                target = _text_file(state, param(data_file, "newPath"))
                if target != real:
                    _stale(state, browser, target, _read(target))
                    changes[real] = None
            changes[target] = _styled(state, target, param(data_file, "raw"), old).encode()
        for asset in params.get("assets") or []:
            real, data = _asset(state, asset)
            if safe_file_name(real.name) != real.name:
                raise ApiError(
                    t(
                        "照片文件名 {n} 含有不能用的字符:请改名为 {safe} 后再上传",
                        "photo name {n} holds characters that cannot be used; rename it {safe}",
                        n=real.name,
                        safe=safe_file_name(real.name),
                    ),
                    422,
                )
            changes[real] = data
        report = _commit(state, browser, changes)
    return {"message": t("已保存", "entry persisted"), **report}


def persist_media(state: EditorState, browser: str, params: dict[str, Any]) -> Any:
    asset = param(params, "asset", dict)
    real, data = _asset(state, asset)
    target = real.with_name(safe_file_name(real.name))
    with state.checker.lock:
        history.keep(state.project, target)
        history.write_atomic(target, data)
    return media_file(state, target, whole=True)


def delete_files(state: EditorState, browser: str, params: dict[str, Any]) -> Any:
    paths = params.get("paths")
    if paths is None:
        paths = [param(params, "path")]
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise ApiError(t("请求格式不对", "malformed request"), 400)
    with state.checker.lock:
        changes: dict[Path, bytes | None] = {}
        for path in paths:
            real = real_path(state, path)
            now = _read(real)
            if now is None:
                continue
            if (browser, relative(state.project, real)) in state.handed:
                _stale(state, browser, real, now)
            changes[real] = None
        report = _commit(state, browser, changes) if changes else {}
    return {"message": t("已删除(旧版本保存在 .history/ 中)", "deleted"), **report}


WRITE_ACTIONS = {
    "persistEntry": persist_entry,
    "persistMedia": persist_media,
    "deleteFile": delete_files,
    "deleteFiles": delete_files,
}
