"""The editor's HTTP server: every request guarded, then handed to its route (routes.py).

The guard comes first, for every path: `Host` naming this server, `Origin` (when sent) its
own, and the token, from the address (`?token=`, then moved into a cookie and dropped from the
address by a redirect) or the cookie. Whatever goes wrong is answered `{"error": message}`
with a non-2xx status; a bug is logged in the terminal, and the browser reads only that
something went wrong, never a traceback.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from site_builder.editor import routes
from site_builder.editor.protocol import ApiError, EditorState
from site_builder.editor.security import Guard
from site_builder.editor.tasks import Tasks
from site_builder.i18n import set_language, t

# The largest request body: a story saved with a few phone photos (base64 adds a third).
MAX_BODY = 96 * 1024 * 1024

log = logging.getLogger(__name__)


class EditorServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: EditorState, lang: str):
        self.state = state
        self.tasks = Tasks(state.project, on_preview=lambda url: setattr(state, "preview_url", url))
        self.language = lang
        super().__init__(address, EditorHandler)
        # The port is known once bound (`--port 0` takes any free one).
        self.guard = Guard(address[0], self.server_address[1])

    def server_close(self) -> None:
        self.tasks.stop()
        super().server_close()


class EditorHandler(BaseHTTPRequestHandler):
    server: EditorServer
    server_version = "site-builder-editor"
    sys_version = ""

    # -- answers -------------------------------------------------------------------------------

    def send_bytes(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "no-referrer")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, status: int, value: Any) -> None:
        body = json.dumps(value, ensure_ascii=False).encode("utf-8")
        self.send_bytes(status, body, "application/json; charset=utf-8")

    def send_error_json(self, status: int, message: str, **details: Any) -> None:
        self.send_json(status, {"error": message, **details})

    def redirect(self, location: str, cookies: list[str] | None = None) -> None:
        self.send_response(HTTPStatus.SEE_OTHER)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        for cookie in cookies or []:
            self.send_header("Set-Cookie", cookie)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        # Requests are not printed: the address holds the token; the terminal stays for errors.
        return

    # -- the guard -----------------------------------------------------------------------------

    def guarded(self) -> str | None:
        """This browser's id when the request may go on; None once it was answered."""
        guard = self.server.guard
        host = self.headers.get("Host")
        if not guard.host_allowed(host):
            self.send_error_json(
                403,
                t(
                    "拒绝访问:请用启动时显示的地址打开编辑器",
                    "refused: open the editor at the address it printed",
                ),
            )
            return None
        if not guard.origin_allowed(self.headers.get("Origin"), host):
            self.send_error_json(
                403,
                t("拒绝访问:请求来自别的网站", "refused: the request comes from another site"),
            )
            return None
        cookie_token, browser = guard.cookies(self.headers.get("Cookie"))
        address = urlsplit(self.path)
        given = parse_qs(address.query).get("token", [None])[0]
        if given is not None and guard.token_matches(given) and self.command in ("GET", "HEAD"):
            rest = {k: v for k, v in parse_qs(address.query).items() if k != "token"}
            query = "?" + urlencode(rest, doseq=True) if rest else ""
            self.redirect(address.path + query, guard.login_cookies(browser))
            return None
        if not guard.token_matches(cookie_token):
            self.send_error_json(
                401,
                t(
                    "请用启动编辑器时显示的完整地址(含 token=…)打开,或重新运行 site-builder edit",
                    "open the full address the editor printed (with token=…), or start it again",
                ),
            )
            return None
        return browser or "browser"

    # -- dispatch ------------------------------------------------------------------------------

    def read_body(self, limit: int = MAX_BODY) -> bytes | None:
        """The whole request body, or None once answered (too large, or cut short)."""
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if length < 0 or length > limit:
            self.send_error_json(
                413,
                t(
                    "上传的内容太大(上限 {mb} MB)",
                    "the upload is too large (limit {mb} MB)",
                    mb=limit // 1024 // 1024,
                ),
            )
            self.close_connection = True
            return None
        body = self.rfile.read(length)
        if len(body) != length:
            self.send_error_json(400, t("上传中断了,没有保存", "the upload was cut short"))
            return None
        return body

    def handle_guarded(self) -> None:
        set_language(self.server.language)
        browser = self.guarded()
        if browser is None:
            return
        try:
            routes.route(self, self.server.state, self.server.tasks, browser)
        except ApiError as exc:
            self.send_error_json(exc.status, exc.message, **exc.details)
        except Exception:  # a bug: the terminal gets the traceback, the browser a message
            traceback.print_exc(file=sys.stderr)
            self.send_error_json(
                500,
                t(
                    "编辑器内部出错,文件没有改动。请把终端窗口里的信息发给维护者",
                    "internal error in the editor; no file was changed. Please report the "
                    "terminal's message",
                ),
            )

    def do_GET(self) -> None:
        self.handle_guarded()

    def do_HEAD(self) -> None:
        self.handle_guarded()

    def do_POST(self) -> None:
        self.handle_guarded()
