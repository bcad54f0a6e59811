"""The start page's jobs: check, ledger import, publish and the live preview, each giving the
command's own Chinese result, and the preview showing a saved story."""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from editor_client import Client, content_digest, running
from test_import import ledger

from site_builder.editor import history
from site_builder.project import Project


@pytest.fixture
def client(project: Project) -> Iterator[Client]:
    with running(project) as client:
        yield client


def _finished(client: Client, started: Any, seconds: float = 240) -> dict[str, Any]:
    assert started.status == 202, started.body.decode()
    task: dict[str, Any] = started.json()
    deadline = time.monotonic() + seconds
    while task["state"] == "running" and time.monotonic() < deadline:
        time.sleep(0.3)
        task = client.request("GET", f"/api/tasks/{task['id']}").json()
    return task


def test_check_from_the_start_page(client: Client) -> None:
    task = _finished(client, client.request("POST", "/api/check"))
    assert task["state"] == "done" and "检查通过" in task["output"]
    story = client.server.state.project.content_dir / "stories" / "fengze-lianxin-huayuan.md"
    story.write_text(story.read_text(encoding="utf-8").replace("status: published", "status: 好"))
    task = _finished(client, client.request("POST", "/api/check"))
    assert task["state"] == "failed"
    assert "content/stories/fengze-lianxin-huayuan.md" in task["output"]
    assert "Traceback" not in task["output"]


def test_a_ledger_is_imported_from_the_start_page(client: Client, tmp_path: Path) -> None:
    project = client.server.state.project
    log = project.content_dir / "activities" / "taihe" / "2025.yml"
    before = log.read_bytes()
    data = ledger(tmp_path).read_bytes()
    started = client.request(
        "POST", f"/api/import?community=taihe&name={quote('泰合台账.xlsx')}", data
    )
    task = _finished(client, started)
    assert task["state"] == "done", task["output"]
    assert "新增 3 条" in task["output"]
    assert log.read_bytes().startswith(before)
    assert [v.read_bytes() for v in history.versions(project, log.resolve())] == [before]
    assert not list(project.content_dir.rglob("*.xlsx"))  # the ledger stays outside content/
    # The same ledger with one figure changed: reported, written only with "update" ticked.
    changed = log.read_text(encoding="utf-8").replace("beneficiaries: 120", "beneficiaries: 125")
    log.write_text(changed, encoding="utf-8")
    again = _finished(
        client, client.request("POST", "/api/import?community=taihe&name=a.xlsx", data)
    )
    assert again["state"] == "failed" and "--update" in again["output"]
    assert log.read_text(encoding="utf-8") == changed
    updated = _finished(
        client, client.request("POST", "/api/import?community=taihe&name=a.xlsx&update=1", data)
    )
    assert updated["state"] == "done", updated["output"]
    assert "beneficiaries: 120" in log.read_text(encoding="utf-8")


def test_an_import_without_a_community_or_of_a_word_file_is_refused(client: Client) -> None:
    before = content_digest(client.server.state.project)
    answer = client.request("POST", "/api/import?community=nowhere&name=a.xlsx", b"x")
    assert answer.status == 422 and "社区" in answer.json()["error"]
    answer = client.request("POST", "/api/import?community=taihe&name=a.docx", b"x")
    assert answer.status == 415 and ".xlsx" in answer.json()["error"]
    assert content_digest(client.server.state.project) == before


@pytest.mark.slow
def test_publish_and_preview_from_the_start_page(client: Client) -> None:
    task = _finished(client, client.request("POST", "/api/build"))
    assert task["state"] == "done", task["output"]
    assert "已构建到" in task["output"]
    assert (client.server.state.project.site_dir / "index.html").is_file()
    preview = _finished(client, client.request("POST", "/api/preview"))
    assert preview["state"] == "done" and preview["url"].startswith("http://127.0.0.1:")
    path = "content/stories/fengze-zhiyuan-daji.md"
    link = client.request("GET", f"/api/preview-link?path={path}").json()
    assert link["url"] == preview["url"] + "stories/fengze-zhiyuan-daji/"
    with urllib.request.urlopen(link["url"], timeout=30) as page:
        assert "家门口的志愿服务大集" in page.read().decode("utf-8")
    # A save through the editor shows in the preview (benchmarks/editor_bench.py times it).
    raw = client.api("getEntry", path=path).json()["data"] + "\n预览里应当看到的这一句。\n"
    assert client.save(path, raw).status == 200
    deadline = time.monotonic() + 60
    while "预览里应当看到的这一句" not in _page(link["url"]):
        assert time.monotonic() < deadline
        time.sleep(0.2)


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as page:
        text: str = page.read().decode("utf-8")
        return text
