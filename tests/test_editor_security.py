"""The editor refuses what a web page, a wrong address or a bad path could make it do, and
each refusal leaves every file under content/ as it was."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from editor_client import Client, content_digest, photo_bytes, running

from site_builder.editor import media
from site_builder.editor.paths import safe_file_name
from site_builder.editor.security import Guard
from site_builder.project import Project

STORY = "content/stories/fengze-zhiyuan-daji.md"


@pytest.fixture
def client(project: Project) -> Iterator[Client]:
    with running(project) as client:
        yield client


def _save(client: Client, path: str, raw: str) -> int:
    answer = client.save(path, raw)
    assert "Traceback" not in answer.body.decode()
    return answer.status


def test_the_printed_address_logs_in_with_a_strict_http_only_cookie_and_drops_the_token(
    project: Project,
) -> None:
    with running(project) as client:
        fresh = Client(client.server)
        answer = fresh.request("GET", f"/admin/?token={client.server.guard.token}")
        assert answer.status == 303
        assert answer.headers["Location"] == "/admin/"
        cookie = next(v for k, v in answer.headers.items() if k.lower() == "set-cookie")
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert fresh.request("GET", "/").status == 200


def test_no_token_or_a_wrong_one_is_refused_and_writes_nothing(client: Client) -> None:
    before = content_digest(client.server.state.project)
    stranger = Client(client.server)
    assert stranger.request("GET", "/").status == 401
    assert stranger.request("GET", "/?token=guess").status == 401
    assert stranger.request("GET", "/api/communities").status == 401
    answer = stranger.api("getEntry", path=STORY)
    assert answer.status == 401 and "token" in answer.json()["error"]
    assert _save(stranger, STORY, "---\ntitle: x\n---\n") == 401
    assert content_digest(client.server.state.project) == before


@pytest.mark.parametrize(
    "host", ["evil.example:{port}", "rebind.attacker.test:{port}", "127.0.0.1:1", "", "localhost"]
)
def test_a_host_that_is_not_this_server_is_refused(client: Client, host: str) -> None:
    """DNS rebinding: a name the attacker points at 127.0.0.1 carries the cookie of no one,
    but must not be served even with it."""
    before = content_digest(client.server.state.project)
    port = client.server.server_address[1]
    header = host.format(port=port)
    assert client.request("GET", "/", headers={"Host": header}).status == 403
    answer = client.request(
        "POST",
        "/api/v1",
        json.dumps({"action": "deleteFiles", "params": {"paths": [STORY]}}).encode(),
        {"Host": header, "Origin": f"http://{header}"},
    )
    assert answer.status == 403
    assert content_digest(client.server.state.project) == before


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:1"])
def test_a_request_from_another_site_is_refused(client: Client, origin: str) -> None:
    before = content_digest(client.server.state.project)
    body = json.dumps({"action": "deleteFiles", "params": {"paths": [STORY]}}).encode()
    answer = client.request("POST", "/api/v1", body, {"Origin": origin})
    assert answer.status == 403 and "别的网站" in answer.json()["error"]
    assert content_digest(client.server.state.project) == before


@pytest.mark.parametrize(
    "path",
    [
        "content/../pyproject.toml",
        "content/stories/../../mkdocs.yml",
        "../outside.md",
        "/etc/passwd",
        "C:/Windows/win.ini",
        "content\\stories\\fengze-zhiyuan-daji.md",
        "content/stories/a\x00.md",
        "content/stories/" + "长" * 200 + ".md",
        "mkdocs.yml",
        "content/stories/CON.md",
        "content/.hidden.md",
    ],
)
def test_paths_leaving_content_are_refused(client: Client, path: str) -> None:
    before = content_digest(client.server.state.project)
    assert client.api("getEntry", path=path).status == 403
    assert _save(client, path, "---\ntitle: x\n---\n") == 403
    assert client.api("deleteFile", path=path, options={"commitMessage": "x"}).status == 403
    assert content_digest(client.server.state.project) == before
    assert (client.server.state.project.root / "mkdocs.yml").is_file()


def test_a_symbolic_link_out_of_content_is_neither_read_nor_written(
    client: Client, tmp_path: Path
) -> None:
    project = client.server.state.project
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.md"
    secret.write_text("---\ntitle: 秘密\n---\n", encoding="utf-8")
    (project.content_dir / "stories" / "link.md").symlink_to(secret)
    (project.content_dir / "stories" / "away").symlink_to(outside, target_is_directory=True)
    before = content_digest(project)
    for path in ("content/stories/link.md", "content/stories/away/secret.md"):
        assert client.api("getEntry", path=path).status == 403
        assert _save(client, path, "---\ntitle: 改了\n---\n") == 403
    listed = client.api("entriesByFolder", folder="content/stories", extension="md", depth=3)
    assert all("secret" not in e["data"] for e in listed.json() if e["data"])
    assert client.api("getMedia", mediaFolder="content/stories/away").status == 403
    assert secret.read_text(encoding="utf-8") == "---\ntitle: 秘密\n---\n"
    assert content_digest(project) == before


def _upload(client: Client, name: str, data: bytes) -> int:
    asset = {
        "path": f"content/stories/{name}",
        "content": base64.b64encode(data).decode(),
        "encoding": "base64",
    }
    return client.api("persistMedia", asset=asset, options={"commitMessage": "x"}).status


def test_an_upload_that_is_not_a_photo_the_build_accepts_is_refused(client: Client) -> None:
    before = content_digest(client.server.state.project)
    assert _upload(client, "notes.jpg", "这不是照片".encode()) == 415
    assert _upload(client, "report.pdf", b"%PDF-1.4\n") == 415
    assert _upload(client, "icon.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>") == 415
    assert _upload(client, "cut.jpg", photo_bytes()[:400]) == 415
    assert content_digest(client.server.state.project) == before


def test_an_oversized_photo_is_refused(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    before = content_digest(client.server.state.project)
    monkeypatch.setattr(media, "MAX_PHOTO_BYTES", 1000)
    assert _upload(client, "big.jpg", photo_bytes((800, 600))) == 413
    assert content_digest(client.server.state.project) == before


def test_a_request_body_over_the_limit_is_refused_before_it_is_read(client: Client) -> None:
    """An interrupted or huge upload: the server answers from the header, writes nothing."""
    before = content_digest(client.server.state.project)
    assert client.raw_post(1 << 31, b"{").startswith("HTTP/1.0 413")
    assert content_digest(client.server.state.project) == before


def test_a_cut_short_body_saves_nothing(client: Client) -> None:
    before = content_digest(client.server.state.project)
    reply = client.raw_post(5000, b'{"action": "persistMedia"', close=True)
    assert reply.startswith("HTTP/1.0 400")
    assert content_digest(client.server.state.project) == before


def test_malformed_requests_get_a_chinese_error_never_a_traceback(client: Client) -> None:
    for body in (b"{not json", b"[]", b'{"action": "getEntry", "params": []}'):
        answer = client.request("POST", "/api/v1", body)
        assert answer.status == 400
        assert answer.json()["error"] == "请求格式不对"
    answer = client.api("getEntry")
    assert answer.status == 422 and "path" in answer.json()["error"]
    assert client.api("unpublishedEntries").status == 422


def test_upload_names_are_made_safe() -> None:
    assert safe_file_name("IMG 0001.JPG") == "IMG-0001.jpg"
    assert safe_file_name("..\\..\\evil.jpg") == "evil.jpg"
    assert safe_file_name("../.bashrc") == "photo.bashrc"
    assert safe_file_name("社区 活动(1).jpeg") == "社区-活动-1.jpeg"
    assert safe_file_name("") == "photo"


def test_listening_on_every_address_accepts_ip_addresses_only() -> None:
    guard = Guard("0.0.0.0", 8100)
    assert guard.host_allowed("192.168.1.20:8100")
    assert guard.host_allowed("localhost:8100")
    assert not guard.host_allowed("office-pc.example:8100")
    assert not guard.host_allowed("192.168.1.20:8101")
    assert not Guard("127.0.0.1", 8100).host_allowed("192.168.1.20:8100")
