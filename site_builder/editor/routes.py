"""What each address of the editor answers, once the request is let in (server.py).

`/` the staff start page; `/admin/` the editor (Decap CMS) and `/admin/config.yml` its
configuration, made from the content model; `/api/v1` the editor's protocol; `/media/...` a
photo from `content/`; `/api/check|build|preview|import` the start page's jobs, `/api/tasks/N`
their results; `/api/import-story` a Word document made a draft story, answered at once; `/api/preview-link?path=` the preview's page of a content file;
`/api/save-report?path=` the warnings and notes of this browser's last save of that file.
"""

from __future__ import annotations

import json
import mimetypes
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from site_builder.editor import media, preview_links
from site_builder.editor.decap_config import editor_config
from site_builder.editor.history import keep, write_atomic
from site_builder.editor.paths import safe_file_name
from site_builder.editor.protocol import READ_ACTIONS, ApiError, EditorState, dispatch, real_path
from site_builder.editor.saving import WRITE_ACTIONS
from site_builder.editor.tasks import Tasks, ledger_path
from site_builder.editor.word_upload import document_name, import_word
from site_builder.i18n import language, t

STATIC = Path(__file__).parent / "static"
ACTIONS = {**READ_ACTIONS, **WRITE_ACTIONS, "getDeployPreview": preview_links.deploy_preview}
# A ledger or a Word document from the start page (a phone photo or two inside is ~10 MB).
MAX_UPLOAD = 32 * 1024 * 1024
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".js")


class Request(Protocol):
    """What a route needs of the server's request handler (server.EditorHandler)."""

    command: str
    path: str
    headers: Message

    def send_bytes(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None: ...
    def send_json(self, status: int, value: Any) -> None: ...
    def redirect(self, location: str, cookies: list[str] | None = None) -> None: ...
    def read_body(self, limit: int = ...) -> bytes | None: ...


@dataclass(frozen=True)
class Call:
    """One request let in: who asks (the browser's id), for what, on which project."""

    request: Request
    state: EditorState
    tasks: Tasks
    browser: str
    path: str
    query: dict[str, str]


def route(request: Request, state: EditorState, tasks: Tasks, browser: str) -> None:
    address = urlsplit(request.path)
    path = unquote(address.path)
    query = {k: v[-1] for k, v in parse_qs(address.query).items()}
    call = Call(request, state, tasks, browser, path, query)
    if request.command == "POST":
        _post(call)
    elif path.startswith("/api/"):
        _get_api(call)
    elif path.startswith("/media/"):
        _media(request, state, path.removeprefix("/media/"), query)
    elif path == "/admin/config.yml":
        body = json.dumps(editor_config(state.project), ensure_ascii=False).encode()
        request.send_bytes(200, body, "text/yaml; charset=utf-8")
    elif path == "/favicon.ico":  # none: answered, so the browser logs no failed request
        request.send_bytes(204, b"", "image/x-icon")
    elif path in ("/admin", "/start"):
        request.redirect(path + "/")
    else:
        _static(request, "/start/" if path == "/" else path)


def _post(call: Call) -> None:
    request, tasks = call.request, call.tasks
    if call.path == "/api/import":
        _import(request, call.state, tasks, call.query)
        return
    if call.path == "/api/import-story":
        _import_story(call)
        return
    body = request.read_body()
    if body is None:
        return
    if call.path == "/api/v1":
        try:
            parsed = json.loads(body or b"null")
        except ValueError:
            raise ApiError(t("请求格式不对", "malformed request"), 400) from None
        request.send_json(200, dispatch(call.state, call.browser, parsed, ACTIONS))
    elif call.path == "/api/check":
        request.send_json(202, tasks.start("check", "check").as_json())
    elif call.path == "/api/build":
        request.send_json(202, tasks.start("build", "build").as_json())
    elif call.path == "/api/preview":
        request.send_json(202, tasks.start_preview().as_json())
    else:
        raise ApiError(t("没有这个地址", "no such address"), 404)


def _get_api(call: Call) -> None:
    request, path, project = call.request, call.path, call.state.project
    if path.startswith("/api/tasks/"):
        task = call.tasks.get(path.removeprefix("/api/tasks/"))
        if task is None:
            raise ApiError(t("没有这项任务", "no such task"), 404)
        request.send_json(200, task.as_json())
    elif path == "/api/save-report":
        found = call.state.reports.get((call.browser, call.query.get("path", "")))
        request.send_json(200, found or {"warnings": [], "notes": [], "hint": ""})
    elif path == "/api/communities":
        request.send_json(200, preview_links.communities(project))
    elif path == "/api/preview-link":
        page = preview_links.page_of(project, call.query.get("path", ""))
        base = call.tasks.preview_url
        request.send_json(200, {"url": base + page if base else "", "page": page})
    else:
        raise ApiError(t("没有这个地址", "no such address"), 404)


def _media(request: Request, state: EditorState, path: str, query: dict[str, str]) -> None:
    real = real_path(state, path)
    if not real.is_file() or not media.is_photo(real):
        raise ApiError(t("找不到照片 {p}", "photo {p} not found", p=path), 404)
    if query.get("thumb"):
        data, kind = media.thumbnail(state.project, real), "image/jpeg"
    else:
        data = real.read_bytes()
        kind = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
    request.send_bytes(200, data, kind)


def _static(request: Request, path: str) -> None:
    """A file of the editor's own pages (start page, Decap CMS), never outside `static/`."""
    relative = path.lstrip("/")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    target = (STATIC / relative).resolve()
    if not target.is_relative_to(STATIC.resolve()) or not target.is_file():
        raise ApiError(t("没有这个页面", "no such page"), 404)
    kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind.endswith(("javascript", "json")):
        kind += "; charset=utf-8"
    body = target.read_bytes()
    if relative == "start/index.html" and language() == "en":
        # The start page's words are Chinese, each with its English beside it (start.js).
        body = body.replace(b'<html lang="zh-CN">', b'<html lang="en">', 1)
    request.send_bytes(200, body, kind)


def _import(request: Request, state: EditorState, tasks: Tasks, query: dict[str, str]) -> None:
    """Keep the uploaded ledger outside `content/`, keep the community's logs in the history,
    then run `import activities` on it; its report is the job's result."""
    community = query.get("community", "")
    name = safe_file_name(query.get("name", "ledger.xlsx"))
    preview_links.require_community(state.project, community)
    if not name.lower().endswith((".xlsx", ".csv")):
        raise ApiError(
            t(
                "只能导入 .xlsx 或 .csv 台账:在 Excel 或 WPS 中“另存为”Excel 工作簿(.xlsx)",
                "only .xlsx or .csv ledgers: save it as an Excel workbook (.xlsx)",
            ),
            415,
        )
    body = request.read_body(MAX_UPLOAD)
    if body is None:
        return
    ledger = ledger_path(state.project, name)
    write_atomic(ledger, body)
    for log in sorted((state.project.content_dir / "activities" / community).glob("*.y*ml")):
        keep(state.project, log.resolve())
    # Figures the ledger gives differently from the log are applied only when staff tick
    # "update" after reading the first report, as `import activities --update` does.
    update = ["--update"] if query.get("update") == "1" else []
    task = tasks.start(
        "import", "import", "activities", str(ledger), "--community", community, *update
    )
    request.send_json(202, task.as_json())


def _import_story(call: Call) -> None:
    """A Word document uploaded as the ledger is (same limit and checks), imported at once:
    the answer is the new draft, its pictures and what the checks found in it."""
    community = call.query.get("community", "")
    preview_links.require_community(call.state.project, community)
    name = document_name(call.query.get("name", ""))
    body = call.request.read_body(MAX_UPLOAD)
    if body is None:
        return
    answer = import_word(call.state, community, name, body, call.tasks.preview_url)
    call.request.send_json(200, answer)
