"""English is one setting away: for staff messages and for the public site."""

from __future__ import annotations

import threading

import pytest

from site_builder.compiler import compile_site
from site_builder.diagnostics import Diagnostics
from site_builder.i18n import language, t, using_language
from site_builder.pages.nav import site_nav
from site_builder.project import Project
from site_builder.selection import BuildOptions
from site_builder.session import Session


def test_t_follows_the_language() -> None:
    with using_language("en"):
        assert t("错误", "error") == "error"
        assert language() == "en"
    assert t("错误", "error") == "错误"


def test_site_language_setting_switches_the_public_pages(project: Project) -> None:
    config = project.config_file
    config.write_text(
        config.read_text(encoding="utf-8").replace("language: zh", "language: en"), encoding="utf-8"
    )
    diagnostics = Diagnostics()
    assert compile_site(project, BuildOptions(), diagnostics, workers=1) is not None
    home = (project.compiled_dir / "index.md").read_text(encoding="utf-8")
    assert "Latest stories" in home and "最新故事" not in home
    story = (project.compiled_dir / "stories/taihe-yige-guanzhong-de-juchang/index.md").read_text(
        encoding="utf-8"
    )
    assert "Narrator" in story
    # Staff messages keep their own language.
    assert language() == "zh"


@pytest.mark.parametrize(("code", "home"), [("zh", "首页"), ("en", "Home")])
def test_navigation_labels(code: str, home: str) -> None:
    with using_language(code):
        assert home in site_nav()[0]


def test_a_session_compiles_in_its_own_language(project: Project) -> None:
    story = project.content_dir / "stories" / "fengze-lianxin-huayuan.md"
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("community: fengze", "community: nowhere", 1), encoding="utf-8")
    messages = {}
    for code in ("en", "zh"):
        diagnostics = Diagnostics()
        assert (
            compile_site(project, BuildOptions(), diagnostics, session=Session(language=code))
            is None
        )
        messages[code] = [d.message for d in diagnostics.errors]
    assert messages["en"] and messages["zh"] and messages["en"] != messages["zh"]
    assert all(message.isascii() for message in messages["en"])
    assert language() == "zh"  # the session's language was only for its compile


def test_a_language_switched_in_one_thread_stays_in_that_thread() -> None:
    seen: list[str] = []

    def other() -> None:
        with using_language("en"):
            barrier.wait()  # both threads now inside their own `using_language`
            seen.append(t("错误", "error"))
            barrier.wait()

    barrier = threading.Barrier(2)
    worker = threading.Thread(target=other)
    with using_language("zh"):
        worker.start()
        barrier.wait()
        here = t("错误", "error")
        barrier.wait()
    worker.join()
    assert (here, seen) == ("错误", ["error"])
