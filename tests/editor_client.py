"""The editor's server on a copy of the sample project, and a client that speaks to it as a
browser would: the printed address first, then the cookie it sets."""

from __future__ import annotations

import hashlib
import http.client
import io
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from site_builder.editor.protocol import EditorState
from site_builder.editor.server import EditorServer
from site_builder.project import Project


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Client:
    server: EditorServer
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 60

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.server.server_address[1]}"

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        sent = {"Host": self.host}
        if method == "POST":
            sent["Origin"] = f"http://{self.host}"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent.update(headers or {})
        connection = http.client.HTTPConnection(
            *self.server.server_address[:2], timeout=self.timeout
        )
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        answer = Answer(response.status, dict(response.getheaders()), response.read())
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        connection.close()
        return answer

    def login(self) -> Answer:
        return self.request("GET", f"/?token={self.server.guard.token}")

    def api(self, action: str, **params: Any) -> Answer:
        body = json.dumps({"action": action, "params": {"branch": "main", **params}})
        return self.request("POST", "/api/v1", body.encode(), {"Content-Type": "application/json"})

    def save(self, path: str, raw: str, new_path: str | None = None) -> Answer:
        """`persistEntry` as Decap sends it for one file (`new_path`: the entry renamed)."""
        data_file = {"path": path, "slug": Path(path).stem, "raw": raw}
        if new_path:
            data_file["newPath"] = new_path
        return self.api(
            "persistEntry",
            dataFiles=[data_file],
            assets=[],
            options={"commitMessage": "save", "useWorkflow": False, "status": ""},
        )

    def raw_post(
        self, head_length: int, body: bytes, close: bool = False, path: str = "/api/v1"
    ) -> str:
        """A POST to `path` (the protocol) saying `head_length` bytes and sending `body` (an
        upload over the limit, or one cut short when `close`); the start of the answer."""
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nCookie: {cookie}\r\n"
            f"Content-Length: {head_length}\r\n\r\n"
        )
        with socket.create_connection(self.server.server_address[:2]) as raw:
            raw.sendall(head.encode() + body)
            if close:
                raw.shutdown(socket.SHUT_WR)
            return raw.recv(4096).decode("utf-8", errors="replace")


@contextmanager
def running(project: Project, language: str = "zh") -> Iterator[Client]:
    server = EditorServer(("127.0.0.1", 0), EditorState.open(project), language)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        client = Client(server)
        assert client.login().status == 303
        yield client
    finally:
        server.shutdown()
        server.server_close()


def content_digest(project: Project) -> dict[str, str]:
    """Every file under content/ by its bytes: what a refused request must leave as it was."""
    root = project.content_dir
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def photo_bytes(size: tuple[int, int] = (640, 480), fmt: str = "JPEG") -> bytes:
    """A real photo, as a phone would send it (small, for speed)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 160, 200)).save(buffer, fmt)
    return buffer.getvalue()


def story_path(project: Project, slug: str) -> Path:
    return project.content_dir / "stories" / f"{slug}.md"
