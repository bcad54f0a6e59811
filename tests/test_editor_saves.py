"""Saving through the editor: what `check` accepts is written (in the project's style, the old
version kept), what it refuses is refused with its message and nothing changes."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from editor_client import Answer, Client, content_digest, photo_bytes, running

from site_builder.diagnostics import Diagnostics
from site_builder.editor import history
from site_builder.load.reader import load_site
from site_builder.project import Project

STORY = "content/stories/fengze-zhiyuan-daji.md"
PUBLISHED = "content/stories/fengze-lianxin-huayuan.md"
LOG = "content/activities/fengze/2025.yml"


@pytest.fixture
def client(project: Project) -> Iterator[Client]:
    with running(project) as client:
        yield client


def _opened(client: Client, path: str) -> str:
    text: str = client.api("getEntry", path=path).json()["data"]
    return text


def _loads_cleanly(project: Project) -> None:
    diagnostics = Diagnostics()
    assert load_site(project, diagnostics) is not None
    assert not diagnostics.errors, diagnostics.errors


def test_a_valid_story_save_is_written_and_the_old_version_kept(client: Client) -> None:
    project = client.server.state.project
    old = (project.root / STORY).read_bytes()
    text = _opened(client, STORY).replace("每到大集这天", "每到周六大集这天")
    answer = client.save(STORY, text)
    assert answer.status == 200, answer.body.decode()
    saved = (project.root / STORY).read_text(encoding="utf-8")
    assert "每到周六大集这天" in saved
    assert saved.splitlines()[1].startswith("# yaml-language-server")  # the project's style
    versions = history.versions(project, (project.root / STORY).resolve())
    assert [v.read_bytes() for v in versions] == [old]
    assert not (project.site_dir / "fengze-zhiyuan-daji.md").exists()
    _loads_cleanly(project)
    # Saved again unchanged: nothing is written, no version is added.
    assert client.save(STORY, _opened(client, STORY)).status == 200
    assert len(history.versions(project, (project.root / STORY).resolve())) == 1


def test_community_collection_and_site_saves(client: Client) -> None:
    project = client.server.state.project
    community = "content/communities/fengze.yml"
    text = _opened(client, community).replace("  volunteers: 100", "  volunteers: 120")
    assert client.save(community, text).status == 200
    assert "volunteers: 120" in (project.root / community).read_text(encoding="utf-8")
    collection = "content/collections/shouhu-zhaoxi-meihao.md"
    text = _opened(client, collection).replace("织牢织密温情保障网", "织密温情保障网")
    assert client.save(collection, text).status == 200
    assert "subtitle: 织密温情保障网" in (project.root / collection).read_text(encoding="utf-8")
    _loads_cleanly(project)


def test_an_activity_log_with_a_new_record(client: Client) -> None:
    project = client.server.state.project
    record = (
        "\n  - date: 2025-09-10\n    title: 重阳节敬老活动\n    category: care\n"
        "    audiences: [elderly]\n    beneficiaries: 60\n"
    )
    text = _opened(client, LOG).rstrip("\n") + "\n" + record
    answer = client.save(LOG, text)
    assert answer.status == 200, answer.body.decode()
    saved = (project.root / LOG).read_text(encoding="utf-8")
    assert "重阳节敬老活动" in saved
    assert saved.startswith(text.split("\n  - date: 2025-09-10")[0])  # every byte kept
    site = load_site(project, Diagnostics())
    assert site is not None
    log = next(g for g in site.activity_logs if g.community == "fengze" and g.year == 2025)
    assert log.activities[-1].title == "重阳节敬老活动"


def _as_decap_writes(text: str) -> dict[str, object]:
    """The log's data as Decap sends it back: every value, dates as quoted strings."""
    data = yaml.safe_load(text)
    for record in data["activities"]:
        for key in ("date", "start", "end"):
            if key in record:
                record[key] = record[key].isoformat()
    return data


def test_a_log_rewritten_by_decap_changes_only_what_staff_changed(client: Client) -> None:
    """Decap sends the whole log in its own style; the file keeps its comments and layout,
    and only the corrected figure and the new record differ."""
    project = client.server.state.project
    old = _opened(client, LOG)
    data = _as_decap_writes(old)
    data["activities"][1]["volunteers"] = 14
    data["activities"].append({"date": "2025-10-01", "title": "国庆游园", "category": "culture"})
    answer = client.save(LOG, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert answer.status == 200, answer.body.decode()
    saved = (project.root / LOG).read_text(encoding="utf-8")
    assert saved.startswith(old.replace("volunteers: 12\n", "volunteers: 14\n", 1))
    assert saved.endswith("\n  - date: 2025-10-01\n    title: 国庆游园\n    category: culture\n")


def test_a_log_with_a_record_removed_is_rewritten_whole_and_still_checks(client: Client) -> None:
    project = client.server.state.project
    data = _as_decap_writes(_opened(client, LOG))
    del data["activities"][1]
    answer = client.save(LOG, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert answer.status == 200, answer.body.decode()
    site = load_site(project, Diagnostics())
    assert site is not None
    log = next(g for g in site.activity_logs if g.community == "fengze" and g.year == 2025)
    assert len(log.activities) == len(data["activities"])


def test_a_new_year_log_is_created(client: Client) -> None:
    project = client.server.state.project
    path = "content/activities/fengze/2026.yml"
    raw = "activities:\n  - date: 2026-01-05\n    title: 新年慰问\n    category: care\n"
    answer = client.save(path, raw)
    assert answer.status == 200, answer.body.decode()
    text = (project.root / path).read_text(encoding="utf-8")
    assert "新年慰问" in text
    assert text.startswith("# yaml-language-server: $schema=")  # as `new` and `import` begin one
    _loads_cleanly(project)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("status: draft", "status: ready"), "status"),
        (("date: 2025-06-01", "date: 2025年6月1日"), "date"),
        (("community: fengze", "community: fengzhe"), "fengzhe"),
        (("title: 家门口的志愿服务大集\n", ""), "title"),
    ],
)
def test_what_check_calls_an_error_is_refused_and_nothing_changes(
    client: Client, change: tuple[str, str], expected: str
) -> None:
    project = client.server.state.project
    before = content_digest(project)
    text = _opened(client, STORY).replace(*change)
    answer = client.save(STORY, text)
    assert answer.status == 422
    error = answer.json()["error"]
    assert error.startswith("没有保存") and "content/stories/fengze-zhiyuan-daji.md:" in error
    assert expected in error
    assert answer.json()["errors"][0]["line"] > 0
    assert content_digest(project) == before
    assert history.versions(project, (project.root / STORY).resolve()) == []


def test_a_phone_number_in_a_published_story_is_refused(client: Client) -> None:
    project = client.server.state.project
    before = content_digest(project)
    text = _opened(client, PUBLISHED).replace("10年前,我来到", "10年前(电话13812345678),我来到")
    answer = client.save(PUBLISHED, text)
    assert answer.status == 422 and "手机号码" in answer.json()["error"]
    assert content_digest(project) == before


def test_a_draft_may_be_saved_incomplete_and_hears_what_blocks_publication(
    client: Client,
) -> None:
    text = _opened(client, STORY).replace("每到大集这天", "每到大集这天(电话13812345678)")
    answer = client.save(STORY, text)
    assert answer.status == 200
    assert any("手机号码" in note["message"] for note in answer.json()["notes"])


def test_a_warning_is_saved_and_returned_with_how_to_acknowledge_it(client: Client) -> None:
    text = _opened(client, PUBLISHED).replace(
        "acknowledged_terms: [残疾, 低保]", "acknowledged_terms: [残疾]"
    )
    answer = client.save(PUBLISHED, text)
    assert answer.status == 200, answer.body.decode()
    report = answer.json()
    assert any("低保" in w["message"] for w in report["warnings"])
    assert "acknowledged_terms" in report["hint"]
    # Asked again after the save, as the editor page does once Decap says "saved".
    again = client.request("GET", f"/api/save-report?path={PUBLISHED}").json()
    assert again == {k: v for k, v in report.items() if k != "message"}


def test_a_save_over_a_file_changed_since_it_was_opened_is_refused(client: Client) -> None:
    project = client.server.state.project
    text = _opened(client, STORY)
    changed_elsewhere = (project.root / STORY).read_text(
        encoding="utf-8"
    ) + "\n另一位同事加的一段。\n"
    (project.root / STORY).write_text(changed_elsewhere, encoding="utf-8")
    before = content_digest(project)
    answer = client.save(STORY, text.replace("每到大集这天", "每到周六大集这天"))
    assert answer.status == 409
    assert "刷新页面" in answer.json()["error"]
    assert content_digest(project) == before
    # Once reopened, the same change saves.
    reopened = _opened(client, STORY).replace("每到大集这天", "每到周六大集这天")
    assert client.save(STORY, reopened).status == 200


def test_two_browsers_cannot_overwrite_each_other(project: Project) -> None:
    with running(project) as first:
        second = Client(first.server)
        second.login()
        mine, theirs = _opened(first, STORY), _opened(second, STORY)
        assert second.save(STORY, theirs.replace("大集", "集市", 1)).status == 200
        before = content_digest(project)
        assert first.save(STORY, mine.replace("每到", "每逢", 1)).status == 409
        assert content_digest(project) == before


def test_a_new_entry_does_not_replace_an_existing_file(client: Client) -> None:
    """Decap names a new entry from its title: an existing file of that name stays."""
    before = content_digest(client.server.state.project)
    answer = client.save(LOG, "activities: []\n")
    assert answer.status == 409 and "同名" in answer.json()["error"]
    assert content_digest(client.server.state.project) == before


def test_a_renamed_story_moves_and_its_old_file_is_kept(client: Client) -> None:
    project = client.server.state.project
    text = _opened(client, STORY)
    answer = client.save(STORY, text, new_path="content/stories/fengze-daji.md")
    assert answer.status == 200, answer.body.decode()
    assert not (project.root / STORY).exists()
    assert (project.content_dir / "stories" / "fengze-daji.md").is_file()
    assert len(history.versions(project, (project.root / STORY).resolve())) == 1


def test_history_is_pruned_by_count_and_age_keeping_the_newest(tmp_path: Path) -> None:
    project = Project(tmp_path)
    story = tmp_path / "content" / "stories" / "a.md"
    story.parent.mkdir(parents=True)
    start = dt.datetime(2026, 1, 1)
    for day in range(history.KEEP_VERSIONS + 5):
        story.write_text(f"版本 {day}", encoding="utf-8")
        history.keep(project, story, now=start + dt.timedelta(days=day))
    kept = history.versions(project, story)
    assert len(kept) == history.KEEP_VERSIONS
    assert kept[-1].read_text(encoding="utf-8") == f"版本 {history.KEEP_VERSIONS + 4}"
    history.keep(project, story, now=start + dt.timedelta(days=history.KEEP_DAYS + 400))
    assert len(history.versions(project, story)) == 1


def _new_story_with_photo(client: Client, photo: bytes) -> Answer:
    story = (
        "---\ntitle: 楼道里的读书角\ndate: 2025-07-01\ncommunity: taihe\n"
        "narrator:\n  name: 李文\n  role: 社区志愿者\nstatus: draft\n"
        "photos:\n  - file: reading-corner.jpg\n    alt: 楼道拐角摆着两排书架和几把小椅子\n"
        "---\n每到周末,楼道里的读书角就热闹起来。\n"
    )
    asset = {
        "path": "content/stories/reading-corner.jpg",
        "content": base64.b64encode(photo).decode(),
        "encoding": "base64",
    }
    return client.api(
        "persistEntry",
        dataFiles=[{"path": "content/stories/taihe-reading-corner.md", "slug": "x", "raw": story}],
        assets=[asset],
        options={"commitMessage": "new", "useWorkflow": False, "status": ""},
    )


def test_a_new_story_with_its_photo_is_saved_together(client: Client) -> None:
    project = client.server.state.project
    photo = photo_bytes()
    answer = _new_story_with_photo(client, photo)
    assert answer.status == 200, answer.body.decode()
    assert (project.content_dir / "stories" / "reading-corner.jpg").read_bytes() == photo
    assert (project.content_dir / "stories" / "taihe-reading-corner.md").is_file()
    _loads_cleanly(project)


def test_a_new_story_whose_photo_is_not_one_saves_nothing(client: Client) -> None:
    before = content_digest(client.server.state.project)
    answer = _new_story_with_photo(client, b"PK\x03\x04 not a photo")
    assert answer.status == 415
    assert content_digest(client.server.state.project) == before
