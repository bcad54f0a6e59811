"""What `serve` keeps between rebuilds (a serving Session, site_builder/session.py) is reused
only while it is right.

A serve process recompiles after every save; results over the activity logs are kept while the
logs are the same parsed objects. These tests compile a copy of the sample site the way serve
does, and check that an edit to a story reuses the log results, that an edit to a log does
not, and that in every case the compiled tree equals a fresh compile of the same content.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from site_builder.compiler import compile_site
from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t, using_language
from site_builder.pages.html import pager
from site_builder.pages.stories import story_page_inputs
from site_builder.pages.templating import render
from site_builder.project import Project
from site_builder.reuse import Memo
from site_builder.selection import BuildOptions
from site_builder.session import Session
from site_builder.stats.rollup import Rollup

OPTIONS = BuildOptions(as_of=dt.date(2026, 1, 1), preview=True)


class Serving:
    """Compiles in one serving session, as `serve` does after each save; keeps each rollup."""

    def __init__(self) -> None:
        self.session = Session.serve()
        self.rollups: list[Rollup] = []

    def compiled(self, project: Project) -> dict[str, bytes]:
        files, rollup = compiled(project, self.session)
        self.rollups.append(rollup)
        return files


def compiled(project: Project, session: Session) -> tuple[dict[str, bytes], Rollup]:
    diagnostics = Diagnostics()
    result = compile_site(project, OPTIONS, diagnostics, session=session, workers=1)
    assert result is not None, diagnostics.sorted()
    root = project.compiled_dir
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    return files, result.context.stats


def fresh(project: Project, tmp_path: Path, name: str) -> dict[str, bytes]:
    """The same content compiled in another folder by a one-shot session that keeps nothing."""
    copy = Project(tmp_path / name)
    shutil.copytree(project.root, copy.root, ignore=shutil.ignore_patterns(".cache", "site"))
    return compiled(copy, Session())[0]


@pytest.fixture
def serving() -> Serving:
    return Serving()


@pytest.mark.slow
def test_a_story_edit_reuses_the_log_results(
    project: Project, tmp_path: Path, serving: Serving
) -> None:
    serving.compiled(project)
    story = project.content_dir / "stories" / "fengze-lianxin-huayuan.md"
    story.write_text(story.read_text(encoding="utf-8") + "\n又添了一句。\n", encoding="utf-8")
    after_edit = serving.compiled(project)
    first, second = serving.rollups
    assert second is first  # the rollup was not computed again
    assert "又添了一句" in after_edit["stories/fengze-lianxin-huayuan/index.md"].decode()
    assert after_edit == fresh(project, tmp_path, "fresh")


def test_a_one_shot_session_keeps_nothing(project: Project) -> None:
    session = Session()
    first, second = compiled(project, session)[1], compiled(project, session)[1]
    assert second is not first and second == first
    assert session.memo is None and session.parsed is None and session.photo_keys is None


@pytest.mark.slow
def test_a_log_edit_recomputes_what_depends_on_it(
    project: Project, tmp_path: Path, serving: Serving
) -> None:
    before = serving.compiled(project)
    log = project.content_dir / "activities" / "taihe" / "2025.yml"
    text = log.read_text(encoding="utf-8")
    assert "beneficiaries: 3196" in text
    log.write_text(text.replace("beneficiaries: 3196", "beneficiaries: 3197"), encoding="utf-8")
    after = serving.compiled(project)
    first, second = serving.rollups
    assert second is not first and second != first
    assert after["data/activities.csv"] != before["data/activities.csv"]
    assert after == fresh(project, tmp_path, "fresh")


def test_a_new_privacy_finding_in_a_log_is_reported_while_serving(
    project: Project, serving: Serving
) -> None:
    serving.compiled(project)
    log = project.content_dir / "activities" / "taihe" / "2025.yml"
    text = log.read_text(encoding="utf-8")
    title = "    title: “一个观众的剧场”上门演出\n"
    assert title in text
    log.write_text(
        text.replace(title, "    title: “一个观众的剧场”上门演出(联系 13912345678)\n"),
        encoding="utf-8",
    )
    diagnostics = Diagnostics()
    assert compile_site(project, OPTIONS, diagnostics, session=serving.session, workers=1) is None
    found = [d for d in diagnostics.errors if d.code.startswith("pii-")]
    assert [(d.path, d.line) for d in found] == [("content/activities/taihe/2025.yml", 4)]


@pytest.mark.slow
def test_a_story_page_follows_what_its_template_shows_from_elsewhere(
    project: Project, tmp_path: Path, serving: Serving
) -> None:
    """The story page's reuse key is what its template is given: a community's street, shown
    on its stories' pages, changes them while serving although no story file changed."""
    before = serving.compiled(project)
    community = project.content_dir / "communities" / "fengze.yml"
    text = community.read_text(encoding="utf-8")
    community.write_text(text.replace("新华街道", "新华东街道"), encoding="utf-8")
    after = serving.compiled(project)
    page = "stories/fengze-lianxin-huayuan/index.md"
    assert "新华东街道" not in before[page].decode()
    assert "新华东街道" in after[page].decode()
    assert after == fresh(project, tmp_path, "fresh")


@pytest.mark.slow
def test_figures_follow_a_community_renamed_while_serving(
    project: Project, tmp_path: Path, serving: Serving
) -> None:
    """The statistics pages and open-data files are kept by the labels they are made with: a
    community's new name shows in them although no activity log changed."""
    before = serving.compiled(project)
    community = project.content_dir / "communities" / "fengze.yml"
    text = community.read_text(encoding="utf-8")
    community.write_text(text.replace("name: 丰泽社区", "name: 丰泽新社区"), encoding="utf-8")
    after = serving.compiled(project)
    first, second = serving.rollups
    assert second is first  # the logs did not change
    for path in ("stats/2025/index.md", "data/activities.csv"):
        assert "丰泽新社区" not in before[path].decode("utf-8-sig")
        assert "丰泽新社区" in after[path].decode("utf-8-sig")
    assert after == fresh(project, tmp_path, "fresh")


def test_the_story_template_reads_only_what_it_is_given(project: Project) -> None:
    """Undefined names fail instead of printing nothing, so the template cannot read a value
    the reuse key (the values it is given) leaves out."""
    diagnostics = Diagnostics()
    result = compile_site(project, OPTIONS, diagnostics, workers=1)
    assert result is not None
    stories = result.selection.stories
    story = next(s for s in stories[1:-1] if s.photos and s.tags)  # every part of the page
    inputs = story_page_inputs(result.context, story)
    with using_language("zh"):
        assert render("story.md", **inputs).startswith("---\ntitle: ")
        for name in inputs:
            with pytest.raises(UndefinedError, match=name):
                render("story.md", **{k: v for k, v in inputs.items() if k != name})


def test_reused_results_need_the_same_objects_and_an_equal_key() -> None:
    calls: list[str] = []
    first, second = object(), object()

    def compute(name: str) -> str:
        calls.append(name)
        return name

    serving = Session.serve()
    assert serving.reused("test", [first], 1, lambda: compute("a")) == "a"
    assert serving.reused("test", [first], 1, lambda: compute("b")) == "a"
    assert serving.reused("test", [second], 1, lambda: compute("c")) == "c"
    assert serving.reused("test", [second], 2, lambda: compute("d")) == "d"
    assert calls == ["a", "c", "d"]
    assert isinstance(serving.memo, Memo) and set(serving.memo.kept) == {"test"}
    # A one-shot session (build, check) keeps nothing.
    assert Session().reused("test", [first], 1, lambda: compute("e")) == "e"
    assert calls[-1] == "e"


def test_a_computed_result_is_keyed_by_the_call_itself() -> None:
    """`Session.computed` hands the function only its arguments and keys the result by them
    (and by the language of the words it writes): nothing it reads can be left out."""
    calls: list[tuple[int, str]] = []
    records = [object()]

    def count(given: list[object], *, day: str) -> str:
        calls.append((len(given), day))
        return t("{day} 的记录", "records of {day}", day=day)

    serving = Session.serve()
    with using_language("zh"):
        assert serving.computed("count", count, records, day="1") == "1 的记录"
        assert serving.computed("count", count, records, day="1") == "1 的记录"
        assert serving.computed("count", count, records, day="2") == "2 的记录"
        assert serving.computed("count", count, list(records), day="2") == "2 的记录"
    with using_language("en"):
        assert serving.computed("count", count, list(records), day="2") == "records of 2"
    assert calls == [(1, "1"), (1, "2"), (1, "2"), (1, "2")]


def test_the_pager_numbers_only_the_pages_near_the_current_one() -> None:
    def url_of(number: int) -> str:
        return "stories/" if number == 1 else f"stories/page/{number}/"

    html = pager(100, 200, url_of, "stories/page/100/")
    numbers = [int(n) for n in re.findall(r">(\d+)</", html)]
    assert numbers == [1, 98, 99, 100, 101, 102, 200]
    assert html.count("…") == 2
    assert '<span aria-current="page">100</span>' in html
    assert 'rel="prev" href="../../../stories/page/99/"' in html
    assert 'rel="next" href="../../../stories/page/101/"' in html
    short = pager(2, 4, url_of, "stories/page/2/")
    assert "…" not in short and short.count("<a ") == 5  # prev, 1, 3, 4, next
