"""Every bad input of the suite through both `check` and `build`: the same verdict each time.

Staff run `check` before handing content in and trust it; a case where it passes and `build`
then refuses (or the reverse) is a bug in one of them.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from test_check import DRAFT, MOBILE, PHOTO_CASES, replace_in
from test_input_method import CASES, LOG, LOG_PATH, STORY, STORY_PATH
from test_loader import BAD_STORIES
from test_loader import STORY as LOADER_STORY
from test_privacy_gate import PLACES, edit, first_body_line

from site_builder.commands.main import main
from site_builder.diagnostics import Diagnostics
from site_builder.project import Project
from site_builder.render.build import build_site
from site_builder.selection import BuildOptions

Edit = Callable[[Project], None]


def _typed(kind: str, replace: str, by: str) -> Edit:
    def write(project: Project) -> None:
        path, text = (STORY_PATH, STORY) if kind == "story" else (LOG_PATH, LOG)
        (project.root / path).parent.mkdir(parents=True, exist_ok=True)
        (project.root / path).write_text(text.replace(replace, by, 1), encoding="utf-8")

    return write


def _story(text: str, replace: str, by: str) -> Edit:
    def write(project: Project) -> None:
        (project.root / "content/stories/bad-story.md").write_text(
            text.replace(replace, by, 1), encoding="utf-8"
        )

    return write


def _personal_data(rel: str, anchor: str, insert: Callable[[str], str]) -> Edit:
    def write(project: Project) -> None:
        at = first_body_line(project, rel) if anchor == "BODY" else anchor
        edit(project, rel, at, insert(at))

    return write


BAD_INPUTS: list[tuple[str, Edit]] = [
    *((f"typed-{kind}-{by!r}", _typed(kind, old, by)) for kind, old, by, *_ in CASES),
    *((f"story-{by!r}", _story(LOADER_STORY, old, by)) for old, by, *_ in BAD_STORIES),
    *((f"photo-{name}", change) for name, change, _ in PHOTO_CASES),
    *((f"privacy-{name}", _personal_data(rel, a, insert)) for name, rel, a, insert, *_ in PLACES),
    ("draft-with-phone", replace_in(DRAFT, "summary: ", f"summary: 电话{MOBILE},")),
]


@pytest.mark.slow
@pytest.mark.parametrize("change", [case[1] for case in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS])
def test_check_and_build_agree(
    project: Project, capsys: pytest.CaptureFixture[str], change: Edit
) -> None:
    change(project)
    checked = main(["--project", str(project.root), "check"])
    said = capsys.readouterr().out
    built = build_site(project, BuildOptions(), Diagnostics(), workers=1)
    assert (checked == 0) == built.ok, said
    assert ("检查通过" in said) == built.ok


def test_every_kind_of_bad_input_is_in_the_parity_run() -> None:
    kinds = len(CASES) + len(BAD_STORIES) + len(PHOTO_CASES) + len(PLACES) + 1
    assert kinds == len(BAD_INPUTS) >= 90
