"""What a Chinese input method slips into YAML, named in Chinese where it was typed.

Each case breaks one line of a real story, activity log or community file the way staff do
(full-width colon, comma, brackets, quotes and spaces, Tabs, a colon inside a value, a missing
space, an unclosed quote, an empty value) and asserts the file, line, column and key words of
the message, and that libyaml's English never stands alone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from test_loader import STORY

from site_builder.compiler import load_and_check
from site_builder.diagnostics import Diagnostic, Diagnostics
from site_builder.i18n import set_language
from site_builder.load.reader import load_site
from site_builder.model.common import Audience
from site_builder.project import Project
from site_builder.selection import BuildOptions

Write = Callable[[str, str], Path]

STORY_PATH = "content/stories/typed.md"
# The loader tests' story, broken here one typed mistake at a time.
PHOTOS = "tags: [测试]\nphotos:\n  - file: a.jpg\n    alt: 志愿者在楼下为老人理发"

LOG_PATH = "content/activities/fengze/2023.yml"
LOG = """activities:
  - date: 2023-03-05
    title: 义诊
    category: health
    beneficiaries: 30
"""
COMMUNITY_PATH = "content/communities/fengze.yml"

# libyaml's own words: a message made only of these would leave staff alone with English.
_LIBYAML_WORDS = ("could not find", "mapping values", "did not find", "found character", "while ")


def _fw(n: int = 1) -> str:
    return "\u3000" * n


# (file, replace, by, line, column, key words of the message)
CASES: list[tuple[str, str, str, int, int, tuple[str, ...]]] = [
    # full-width colon
    ("story", "title: 测试故事", 'title："测试故事"', 2, 6, ("全角", "：", "半角冒号")),
    ("story", "title: 测试故事", "title：测试故事", 2, 6, ("全角", "：")),
    ("story", "community: fengze", "community：fengze", 4, 10, ("全角", "：")),
    ("story", "narrator:", "narrator：", 5, 9, ("全角", "：")),
    ("story", "  name: 测试员", "  name：测试员", 6, 7, ("全角", "：")),
    ("story", "  role: 网格员", "  role：网格员", 7, 7, ("全角", "：")),
    ("story", "status: published", "status：published", 11, 7, ("全角", "：")),
    ("story", "tags: [测试]", PHOTOS.replace("file: a", "file：a"), 11, 9, ("全角", "：")),
    ("log", "    title: 义诊", "    title：义诊", 3, 10, ("全角", "：")),
    ("log", "    beneficiaries: 30", "    beneficiaries：30", 5, 18, ("全角", "：")),
    # Tabs and full-width spaces
    ("story", "  name: 测试员", "\tname: 测试员", 6, 1, ("Tab", "空格")),
    ("story", "  role: 网格员", "\trole: 网格员", 7, 1, ("Tab", "空格")),
    ("story", "  name: 测试员", "  \tname: 测试员", 6, 3, ("Tab",)),
    ("log", "    title: 义诊", "\t  title: 义诊", 3, 1, ("Tab",)),
    ("story", "  name: 测试员", _fw(2) + "name: 测试员", 6, 1, ("全角空格", "U+3000")),
    ("story", "  name: 测试员", "  " + _fw() + "name: 测试员", 6, 3, ("全角空格", "U+3000")),
    ("story", "  role: 网格员", "  role" + _fw() + ": 网格员", 7, 3, ("全角空格",)),
    ("story", "title: 测试故事", "title:" + _fw() + "测试故事", 2, 6, ("全角空格", "半角空格")),
    ("log", "    title: 义诊", _fw(4) + "title: 义诊", 3, 1, ("全角空格",)),
    # a missing space
    ("story", "title: 测试故事", "title:测试故事", 2, 6, ("少了一个空格", "title: 测试故事")),
    ("story", "community: fengze", "community:fengze", 4, 10, ("少了一个空格",)),
    ("story", "tags: [测试]", PHOTOS.replace("- file", "-file"), 11, 3, ("短横线", "空格")),
    ("log", "  - date: 2023-03-05", "  -date: 2023-03-05", 2, 3, ("短横线", "空格")),
    # an ASCII colon inside a value
    (
        "story",
        "title: 测试故事",
        "title: 社区: 温暖的家",
        2,
        10,
        ("引号", 'title: "社区: 温暖的家"'),
    ),
    ("story", "summary: 一个用于测试的故事。", "summary: 注意: 这是测试", 10, 12, ("引号",)),
    ("story", "title: 测试故事", "title: “社区: 温暖的家”", 2, 11, ("中文引号", "半角引号")),
    ("log", "    title: 义诊", "    title: 义诊: 血压", 3, 14, ("引号", '"义诊: 血压"')),
    # unclosed and full-width quotes
    ("story", "title: 测试故事", 'title: "测试故事', 2, 8, ("引号", "没有闭合")),
    ("story", "title: 测试故事", "title: '测试故事", 2, 8, ("引号", "没有闭合")),
    ("story", "title: 测试故事", 'title: "测试故事”', 2, 8, ("没有闭合", "中文引号")),
    ("log", "    title: 义诊", '    title: "义诊', 3, 12, ("没有闭合",)),
    # full-width commas in lists
    ("story", "tags: [测试]", "tags: [读书角，一老一小]", 9, 11, ("全角", "，", "半角逗号")),
    ("story", "tags: [测试]", "tags: [测试, 读书角，一老一小]", 9, 15, ("全角", "，")),
    ("story", "tags: [测试]", "tags:\n  - 读书角，一老一小", 10, 8, ("全角", "，")),
    ("story", "audiences: [elderly]", "audiences: [老人，儿童]", 8, 15, ("全角", "，")),
    ("story", "tags: [测试]", "tags: [测试]\npseudonyms: [小王，小李]", 10, 16, ("全角", "，")),
    ("log", "    beneficiaries: 30", "    partners: [卫生站，图书馆]", 5, 19, ("全角", "，")),
    (
        "log",
        "    beneficiaries: 30",
        "    donations: {cash: 100，in_kind: 50}",
        5,
        26,
        ("全角", "，", "半角逗号"),
    ),
    # full-width brackets
    ("story", "tags: [测试]", "tags: ［读书角, 一老一小］", 9, 7, ("全角", "［", "[甲, 乙]")),
    ("story", "tags: [测试]", "tags: 【读书角】", 9, 7, ("全角", "【")),
    ("story", "tags: [测试]", "tags: [读书角, 一老一小］", 9, 17, ("全角", "］")),
    ("log", "    beneficiaries: 30", "    donations: ｛cash: 100｝", 5, 16, ("全角", "｛")),
    # indentation, text after a quote, invisible characters pasted in
    ("story", "  role: 网格员", "   role: 网格员", 7, 4, ("多缩进", "对齐")),
    (
        "log",
        "    beneficiaries: 30",
        "    beneficiaries: 30\n      volunteers: 5",
        6,
        7,
        ("多缩进",),
    ),
    ("story", "title: 测试故事", 'title: "测试" 故事', 2, 13, ("引号后面还有文字", '"测试 故事"')),
    (
        "story",
        "summary: 一个用于测试的故事。",
        "summary: 一个用于\x07测试的故事。",
        10,
        14,
        ("控制字符",),
    ),
    ("log", "    title: 义诊", "    title: 义\x0c诊", 3, 13, ("控制字符", "U+000C")),
    # empty values
    ("story", "tags: [测试]", PHOTOS.replace("file: a.jpg", "file:"), 11, 10, ("file", "没有填写")),
    ("story", "title: 测试故事", "title:", 2, 7, ("title", "没有填写")),
    ("story", "  role: 网格员", "  role:", 7, 8, ("role", "没有填写")),
]


def _file(kind: str) -> tuple[str, str]:
    return (STORY_PATH, STORY) if kind == "story" else (LOG_PATH, LOG)


def diagnostics_of(project: Project, path: str) -> list[Diagnostic]:
    diagnostics = Diagnostics()
    load_and_check(project, BuildOptions(), diagnostics, write_cache=False)
    return [d for d in diagnostics.sorted() if d.path == path]


@pytest.mark.parametrize(
    ("kind", "replace", "by", "line", "column", "words"),
    CASES,
    ids=[f"{kind}-{by!r}" for kind, _, by, *_ in CASES],
)
def test_mistake_named_where_it_was_typed(
    project: Project,
    write: Write,
    kind: str,
    replace: str,
    by: str,
    line: int,
    column: int,
    words: tuple[str, ...],
) -> None:
    path, text = _file(kind)
    assert replace in text
    write(path, text.replace(replace, by, 1))
    found = diagnostics_of(project, path)
    assert found, "the mistake passed unnoticed"
    first = found[0]
    assert (first.path, first.line, first.column) == (path, line, column), found
    for word in words:
        assert word in first.message, (word, first.message)
    for diagnostic in found:
        assert not any(w in diagnostic.message for w in _LIBYAML_WORDS), diagnostic


def test_case_count() -> None:
    assert len(CASES) >= 40


def test_community_file_mistakes(project: Project) -> None:
    path = project.root / COMMUNITY_PATH
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("city: 沈阳市", "city：沈阳市"), encoding="utf-8")
    found = diagnostics_of(project, COMMUNITY_PATH)
    assert [(d.line, d.column) for d in found] == [(3, 5)]
    assert "全角" in found[0].message


def test_english_is_one_setting_away(project: Project, write: Write) -> None:
    write(STORY_PATH, STORY.replace("community: fengze", "community：fengze"))
    set_language("en")
    found = diagnostics_of(project, STORY_PATH)
    assert (found[0].line, found[0].column) == (4, 10)
    assert "full-width colon" in found[0].message


def test_audiences_in_chinese(project: Project, write: Write) -> None:
    write(STORY_PATH, STORY.replace("audiences: [elderly]", "audiences: [老人, 儿童, 一老一小]"))
    write(LOG_PATH, LOG + "    audiences: [一老一小]\n")
    diagnostics = Diagnostics()
    site = load_site(project, diagnostics)
    assert site is not None and diagnostics.sorted() == []
    assert site.stories["typed"].audiences == [Audience.ELDERLY, Audience.CHILDREN]
    log = next(log for log in site.activity_logs if log.source.path == LOG_PATH)
    assert log.activities[0].audiences == [Audience.ELDERLY, Audience.CHILDREN]


def test_unknown_audience_names_its_own_item(project: Project, write: Write) -> None:
    write(STORY_PATH, STORY.replace("audiences: [elderly]", "audiences: [一老一小, 老少]"))
    found = diagnostics_of(project, STORY_PATH)
    assert [(d.line, d.column) for d in found] == [(8, 19)]
    assert "“audiences” 的值 “老少” 不可用" in found[0].message


def test_a_broken_story_is_reported_once_not_by_the_logs_naming_it(project: Project) -> None:
    path = project.root / "content/stories/fengze-lianxin-huayuan.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("community: fengze", "community：fengze"),
        encoding="utf-8",
    )
    diagnostics = Diagnostics()
    load_and_check(project, BuildOptions(), diagnostics, write_cache=False)
    assert [(d.path, d.line, d.column) for d in diagnostics.sorted()] == [
        ("content/stories/fengze-lianxin-huayuan.md", 5, 10)
    ]
