"""The start page's Word import, over HTTP as the page sends it: a real .docx (made with
python-docx, as tests/test_import_story.py makes one) becomes a draft story with its pictures,
the checks' findings at their lines; every refusal leaves content/ as it was."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import docx
import pytest
from editor_client import Client, content_digest, running
from test_import_story import photo_png

from site_builder.project import Project

PHONE = "13912345678"


def office_document(path: Path) -> bytes:
    """A story as an office writes it: a title, indented paragraphs, a phone number, a picture."""
    document = docx.Document()
    document.add_heading("楼道里的便民服务", 0)
    document.add_paragraph("\u3000\u3000需要上门服务的居民,可以找志愿者小刘。")
    document.add_paragraph(f"\u3000\u3000他的电话是{PHONE},随叫随到。")
    document.add_picture(str(_picture(path.parent)))
    document.save(str(path))
    return path.read_bytes()


def _picture(folder: Path) -> Path:
    picture = folder / "合影.png"
    picture.write_bytes(photo_png())
    return picture


def _upload(client: Client, data: bytes, name: str, community: str = "taihe") -> object:
    query = f"community={community}&name={quote(name)}"
    return client.request("POST", f"/api/import-story?{query}", data)


@pytest.fixture
def client(project: Project) -> Iterator[Client]:
    with running(project) as client:
        yield client


def test_a_word_document_becomes_a_draft_from_the_start_page(
    client: Client, tmp_path: Path
) -> None:
    project = client.server.state.project
    answer = _upload(client, office_document(tmp_path / "便民.docx"), "便民.docx")
    assert answer.status == 200, answer.body.decode()
    story = answer.json()
    assert story["title"] == "楼道里的便民服务"
    path = project.root / story["path"]
    slug = path.stem
    assert story["path"] == f"content/stories/{slug}.md" and slug.startswith("taihe-")
    assert story["pictures"] == [f"content/stories/{slug}-1.png"]
    assert (project.root / story["pictures"][0]).read_bytes() == photo_png()
    lines = path.read_text(encoding="utf-8").split("\n")
    assert "status: draft" in lines
    phone_line = next(n for n, text in enumerate(lines, 1) if PHONE in text)
    alt_line = next(n for n, text in enumerate(lines, 1) if text == "    alt: 待填写")
    texts = [f["text"] for f in story["findings"]]
    assert any(
        re.match(rf"{re.escape(story['path'])}:{phone_line}:\d+: 发布前须修正: 疑似手机号", t)
        for t in texts
    ), texts
    assert any(t.startswith(f"{story['path']}:{alt_line}:") and "1.png" in t for t in texts)
    assert PHONE not in answer.body.decode()  # masked, as check shows it
    assert story["editor"] == f"/admin/#/collections/stories/entries/{slug}"
    assert story["page"] == f"stories/{slug}/" and story["preview"] == ""
    # The editor's form opens it: the protocol lists and reads it.
    entry = client.api("getEntry", path=story["path"]).json()
    assert "楼道里的便民服务" in entry["data"]
    # The upload was read from outside content/ and is gone.
    assert not list(project.root.rglob("*.docx"))


def test_the_same_document_again_overwrites_nothing(client: Client, tmp_path: Path) -> None:
    project = client.server.state.project
    data = office_document(tmp_path / "便民.docx")
    first = _upload(client, data, "便民.docx")
    assert first.status == 200
    before = content_digest(project)
    again = _upload(client, data, "便民.docx")
    assert again.status == 409
    error = again.json()["error"]
    # The story's pictures are looked at first: either is named, never the CLI's --slug.
    assert Path(first.json()["path"]).stem in error and "不会覆盖" in error
    assert "--slug" not in error
    assert content_digest(project) == before


def test_refusals_leave_content_as_it_was(client: Client, tmp_path: Path) -> None:
    project = client.server.state.project
    data = office_document(tmp_path / "便民.docx")
    before = content_digest(project)
    stranger = Client(client.server)
    assert _upload(stranger, data, "便民.docx").status == 401
    foreign = {"Origin": "http://evil.example"}
    query = "/api/import-story?community=taihe&name=a.docx"
    assert client.request("POST", query, data, foreign).status == 403
    old = _upload(client, b"\xd0\xcf\x11\xe0" + bytes(60), "旧稿.doc")
    assert old.status == 415
    assert "旧稿.doc" in old.json()["error"] and "Word 文档(*.docx)" in old.json()["error"]
    assert "Word 原稿(.docx)" in _upload(client, b"%PDF-1.4", "简报.pdf").json()["error"]
    renamed = _upload(client, b"\xd0\xcf\x11\xe0" + bytes(60), "旧稿.docx")
    assert renamed.status == 422 and "不是有效的 .docx" in renamed.json()["error"]
    assert _upload(client, data, "便民.docx", community="nowhere").status == 422
    assert content_digest(project) == before
    assert not list((project.cache_dir / "editor").glob("word-*"))  # nothing partial left


def test_english_with_lang_en(project: Project, tmp_path: Path) -> None:
    with running(project, "en") as client:
        old = _upload(client, b"\xd0\xcf\x11\xe0" + bytes(60), "old.doc")
        assert old.status == 415 and "Save As" in old.json()["error"]
        answer = _upload(client, office_document(tmp_path / "a.docx"), "a.docx")
        assert answer.status == 200
        texts = [f["text"] for f in answer.json()["findings"]]
        assert any("fix before publishing" in t for t in texts), texts
        page = client.request("GET", "/").body.decode()
        assert '<html lang="en">' in page and 'data-en="Import a Word document"' in page


def test_an_upload_cut_short_or_too_large_leaves_nothing(client: Client, tmp_path: Path) -> None:
    project = client.server.state.project
    data = office_document(tmp_path / "便民.docx")
    before = content_digest(project)
    address = "/api/import-story?community=taihe&name=a.docx"
    cut = client.raw_post(len(data), data[: len(data) // 2], close=True, path=address)
    assert cut.startswith("HTTP/1.0 400"), cut
    over = client.raw_post(64 * 1024 * 1024, data, path=address)
    assert over.startswith("HTTP/1.0 413"), over
    assert content_digest(project) == before
    assert not list(project.cache_dir.rglob("*.docx"))
