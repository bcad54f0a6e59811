"""Every action of Decap's proxy protocol, answered as decap-server answers it, over a copy of
the sample project; and the editor's own addresses (media, configuration, start page)."""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Iterator

import pytest
from editor_client import Client, content_digest, photo_bytes, running

from site_builder.editor import history
from site_builder.project import Project

STORY = "content/stories/fengze-zhiyuan-daji.md"


@pytest.fixture
def client(project: Project) -> Iterator[Client]:
    with running(project) as client:
        yield client


def test_info(client: Client) -> None:
    answer = client.api("info").json()
    assert answer["type"] == "local_fs" and answer["publish_modes"] == ["simple"]


def test_entries_by_folder_lists_each_entry_with_its_text_and_an_id(client: Client) -> None:
    project = client.server.state.project
    (project.content_dir / "stories" / "2024").mkdir()
    (project.content_dir / "stories" / "2024" / "older.md").write_text("---\n", encoding="utf-8")
    flat = client.api("entriesByFolder", folder="content/stories", extension="md", depth=1)
    deep = client.api("entriesByFolder", folder="content/stories", extension="md", depth=2)
    paths = [e["file"]["path"] for e in flat.json()]
    assert STORY in paths and len(paths) == 4
    assert "content/stories/2024/older.md" in [e["file"]["path"] for e in deep.json()]
    entry = next(e for e in flat.json() if e["file"]["path"] == STORY)
    data = (project.root / STORY).read_bytes()
    assert entry["data"] == data.decode()
    assert entry["file"]["id"] == hashlib.sha256(data).hexdigest()
    missing = client.api("entriesByFolder", folder="content/nothing", extension="md", depth=1)
    assert missing.json() == []


def test_entries_by_files_and_get_entry(client: Client) -> None:
    answer = client.api(
        "entriesByFiles",
        files=[{"path": "content/site.yml", "label": "站点"}, {"path": "content/none.yml"}],
    ).json()
    assert answer[0]["data"].startswith("# yaml-language-server") and answer[0]["file"]["label"]
    assert answer[1]["data"] is None and answer[1]["file"]["id"] is None
    entry = client.api("getEntry", path=STORY).json()
    assert entry["file"]["path"] == STORY and "大集" in entry["data"]


def test_get_media_sends_small_previews_and_get_media_file_the_whole_photo(
    client: Client,
) -> None:
    project = client.server.state.project
    big = project.content_dir / "stories" / "big-photo.jpg"
    big.write_bytes(photo_bytes((2400, 1800)))
    listed = client.api("getMedia", mediaFolder="content/stories").json()
    names = [m["name"] for m in listed]
    assert "big-photo.jpg" in names and not any(n.endswith(".md") for n in names)
    preview = next(m for m in listed if m["name"] == "big-photo.jpg")
    assert len(base64.b64decode(preview["content"])) < big.stat().st_size
    assert preview["url"] == "/media/content/stories/big-photo.jpg"
    assert preview["size"] == big.stat().st_size
    whole = client.api("getMediaFile", path="content/stories/big-photo.jpg").json()
    assert base64.b64decode(whole["content"]) == big.read_bytes()
    assert client.request("GET", preview["url"]).body == big.read_bytes()
    thumb = client.request("GET", preview["url"] + "?thumb=1")
    assert thumb.headers["Content-Type"] == "image/jpeg" and len(thumb.body) < big.stat().st_size
    assert client.api("getMediaFile", path="content/stories/none.jpg").status == 404
    assert client.request("GET", "/media/content/site.yml").status == 404


def test_persist_media_keeps_a_photo_under_a_safe_name(client: Client) -> None:
    project = client.server.state.project
    data = photo_bytes()
    asset = {
        "path": "content/stories/IMG 0001.JPG",
        "content": base64.b64encode(data).decode(),
        "encoding": "base64",
    }
    answer = client.api("persistMedia", asset=asset, options={"commitMessage": "upload"})
    assert answer.status == 200
    assert answer.json()["path"] == "content/stories/IMG-0001.jpg"
    assert (project.content_dir / "stories" / "IMG-0001.jpg").read_bytes() == data
    assert not list((project.content_dir / "stories").glob(".*"))


def test_delete_file_keeps_the_deleted_version(client: Client) -> None:
    project = client.server.state.project
    photo = project.content_dir / "stories" / "unused.jpg"
    photo.write_bytes(photo_bytes())
    kept = photo.read_bytes()
    answer = client.api(
        "deleteFile", path="content/stories/unused.jpg", options={"commitMessage": "x"}
    )
    assert answer.status == 200 and not photo.exists()
    versions = history.versions(project, photo)
    assert [v.read_bytes() for v in versions] == [kept]
    assert not (project.site_dir / "unused.jpg").exists()


def test_delete_files_refuses_what_check_would_call_an_error(client: Client) -> None:
    """A photo a published story shows cannot go: the build would stop."""
    project = client.server.state.project
    before = content_digest(project)
    answer = client.api(
        "deleteFiles", paths=["content/stories/fengze-garden.jpg"], options={"commitMessage": "x"}
    )
    assert answer.status == 422
    assert "fengze-garden.jpg" in answer.json()["error"]
    assert content_digest(project) == before


def test_get_deploy_preview_names_the_entry_page_once_the_preview_runs(client: Client) -> None:
    params = {"collection": "stories", "slug": "fengze-zhiyuan-daji"}
    assert client.api("getDeployPreview", **params).json() is None
    client.server.state.preview_url = "http://127.0.0.1:9/"
    answer = client.api("getDeployPreview", **params).json()
    assert answer == {"url": "http://127.0.0.1:9/stories/fengze-zhiyuan-daji/", "status": "SUCCESS"}
    link = client.request("GET", "/api/preview-link?path=content/communities/taihe.yml").json()
    assert link["page"] == "communities/taihe/"


def test_the_start_page_and_the_editor_configuration(client: Client) -> None:
    start = client.request("GET", "/")
    text = start.body.decode()
    assert start.status == 200 and "编辑内容" in text and "发布网站" in text
    assert "http" not in text.replace('href="/admin/"', "")  # nothing fetched from elsewhere
    assert client.request("GET", "/start/start.js").status == 200
    config = client.request("GET", "/admin/config.yml")
    assert config.status == 200 and b'"proxy_url": "/api/v1"' in config.body
    assert client.request("GET", "/admin").status == 303
    assert client.request("GET", "/../pyproject.toml").status == 404
    communities = client.request("GET", "/api/communities").json()
    assert {"id": "taihe", "name": "泰合社区"} in communities


def test_the_start_page_in_english_one_setting_away(project: Project) -> None:
    """`site-builder --lang en edit`: the page is marked English, each word has its English."""
    with running(project, "en") as client:
        page = client.request("GET", "/").body.decode()
        assert '<html lang="en">' in page and 'data-en="Publish the site"' in page
        answer = client.api("getEntry")
        assert answer.json()["error"] == "the request lacks path"
        started = client.request("POST", "/api/check").json()
        while started["state"] == "running":
            time.sleep(0.3)
            started = client.request("GET", f"/api/tasks/{started['id']}").json()
        assert "check passed" in started["output"]  # the command speaks English too
