"""The fast reader of plain YAML against libyaml's reading: the same data and positions for
every file it accepts, and libyaml's refusals for every file it does not."""

from __future__ import annotations

import random

import pytest

from site_builder.load.yaml_fast import parse_plain_yaml
from site_builder.load.yaml_source import MAX_DEPTH, YamlError, _parse, parse_yaml

ACTIVITY_LOG = """\
# 泰合社区 2025 年活动台账
activities:
  - date: 2025-03-05
    title: "学雷锋志愿服务:理发、磨刀"
    category: volunteer_service
    audiences: [elderly, children]
    beneficiaries: 120
    volunteers: 14
    volunteer_hours: 42.5
    donations: {cash: 2000, in_kind: 500}
    partners: [本溪开放大学, 平山街道新时代文明实践所]
    story: yi-ge-guan-zhong-de-ju-chang

  - start: 2025-07-01
    end: 2025-08-20
    title: 暑期托管
    category: education
    sessions: 30
    approximate: true
    notes: 'it''s 约 50 人次'   # a comment
    photos:
      - file: photos/tuoguan.jpg
        alt: 孩子们在社区书屋读书
        people: [minor]
        consent: {given_by: guardian, date: 2025-07-01}
"""

STORY_FRONT_MATTER = """\
title: 一个观众的剧场
date: 2025-04-02
community: taihe
narrator:
  name: 王秀英
  role: 泰合社区党委书记
audiences: [elderly]
tags: [一老一小, 志愿服务]
summary: 孩子们走进独居老人家中。
status: published
pseudonyms:
- 张奶奶
"""


def readers_agree(text: str, positions_depth: int | None, line_offset: int = 0) -> bool:
    """Whether the fast reader accepted `text`; fails the test if it read it otherwise."""
    deepest = MAX_DEPTH + 1 if positions_depth is None else positions_depth
    fast = parse_plain_yaml(text, line_offset, deepest)
    try:
        slow = _parse(text, line_offset, positions_depth)
    except YamlError:
        assert fast is None, f"accepted what libyaml refuses: {text!r}"
        return False
    if fast is not None:
        assert fast == (slow.data, slow.values, slow.keys), text
    return fast is not None


@pytest.mark.parametrize("positions_depth", [None, 2])
@pytest.mark.parametrize("text", [ACTIVITY_LOG, STORY_FRONT_MATTER])
def test_content_files_take_the_fast_path_with_the_same_result(
    text: str, positions_depth: int | None
) -> None:
    assert readers_agree(text, positions_depth)
    assert readers_agree(text.replace("\n", "\r\n"), positions_depth, line_offset=1)


def test_yaml_11_traps_stay_text_on_the_fast_path() -> None:
    text = "a: no\nb: 012345\nc: 12:30:45\nd: on\ne: 0x1F\nf: 1_000\ng: [no, 012, ~, true]\n"
    assert readers_agree(text, None)
    assert parse_yaml(text).data == {
        "a": "no",
        "b": "012345",
        "c": "12:30:45",
        "d": "on",
        "e": "0x1F",
        "f": 1000,
        "g": ["no", "012", None, True],
    }


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 2\na: 3\n",  # duplicate key
        "a: {x: 1, x: 2}\n",
        "a: &x [1, 2]\nb: *x\n",  # anchor, alias
        "a: !!python/object/apply:os.system [ls]\n",  # tag
        "a:\n" + "".join("  " * n + "b:\n" for n in range(1, 40)),  # deep nesting
        "a: 1\n---\nb: 2\n",  # a second document
        "a:\n\tb: 1\n",  # a tab
        "title：标题\n",  # a full-width colon: no key at all
        "a: b: c\n",
        "a: [1, 2\n",
        "a: |\n  text\n",  # block scalars are libyaml's
        "a: one\n  two\n",  # a multi-line plain scalar
        "a: 'x\n  y'\n",
        "  a: 1\nb: 2\n",
        "- a\nb: 1\n",
    ],
)
def test_anything_unusual_is_left_to_libyaml(text: str) -> None:
    assert parse_plain_yaml(text, 0, MAX_DEPTH + 1) is None
    readers_agree(text, None)


# Pieces of lines: the shapes content files have, and the mistakes and YAML corners around them.
_KEYS = [
    "a",
    "date",
    "标题",
    "k-1",
    "x_y",
    "a'b",
    "null",
    "1",
    "<<",
    "a b",
    "-a",
    '"q"',
    "&x",
    "!t",
]
_VALUES = [
    *("1", "-3", "+4", "012345", "0", "1_000", "2.5", "1.", ".5", "1e3", "no", "True", "tRue"),
    *("~", "null", "12:30:45", "2021-05-01", "0x1F", ".inf", "标题", "a  b", "a#b", "a # c"),
    *("a: b", "a:b", "a:", "http://x.y/z", "'s'", "'it''s'", "'a", '"d"', '"a\\"b"', '""'),
    *("[a, b]", "[a,b]", "[ a ]", "[]", "[ ]", "[a, ]", "[a: b]", "[1, 012, no, ~]", "[[a]]"),
    *("{x: 1, y: 2}", "{x: 1, x: 2}", "{}", "{ x: no }", "{x:1}", "{a: [b]}", "&a x", "*a"),
    *("!t x", "| ", ">-", "%x", "@x", "-", "- a", "-5", "-x", "? x", ":x", "a,b", "a]", "x "),
    *("\tx", "　全角", "x　", "x，y", "x：y", "...", "---", "# c", "😀", "\\", "\x85", "\u2028"),
    *("\ufeff", "\x7f"),
]


def _line(rng: random.Random) -> str:
    indent = " " * rng.choice([0, 0, 2, 2, 4, 4, 1, 3, 6])
    dash = rng.choice(["", "", "", "- ", "- ", "-  ", "-"])
    if rng.random() < 0.7:
        value = "" if rng.random() < 0.2 else rng.choice(_VALUES)
        body = rng.choice(_KEYS) + (rng.choice([": ", ":  ", ":\t"]) + value if value else ":")
    else:
        body = rng.choice(_VALUES)
    return indent + dash + body + rng.choice(["", "", " ", " # c", "#c"])


def _nested(rng: random.Random, lines: list[str], indent: int, depth: int) -> None:
    """Mappings and sequences indented as they should be, with plausible values."""
    values = _VALUES[:40]
    for _ in range(rng.randint(1, 3)):
        key, shape = rng.choice(_KEYS[:7]), rng.random()
        if shape < 0.5 or depth > 3:
            lines.append(" " * indent + f"{key}: {rng.choice(values)}")
            continue
        lines.append(" " * indent + f"{key}:")
        if shape < 0.75:
            _nested(rng, lines, indent + rng.choice([1, 2, 4]), depth + 1)
            continue
        inner = indent + rng.choice([0, 2])
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.5:
                lines.append(" " * inner + "- " + rng.choice(values))
            else:
                lines.append(" " * inner + f"- {rng.choice(_KEYS[:7])}: {rng.choice(values)}")
                lines.append(" " * (inner + 2) + f"{rng.choice(_KEYS[:7])}: {rng.choice(values)}")


@pytest.mark.parametrize("seed", range(4))
def test_readers_agree_on_generated_yaml(seed: int) -> None:
    rng = random.Random(seed)
    accepted = 0
    for number in range(600):
        lines: list[str] = []
        if number % 2:
            lines = [_line(rng) for _ in range(rng.randint(1, 8))]
        else:
            _nested(rng, lines, rng.choice([0, 0, 2]), 0)
        text = rng.choice(["\n", "\r\n"] if number % 10 == 0 else ["\n"]).join(lines) + "\n"
        for depth in (None, 2):
            accepted += readers_agree(text, depth, line_offset=number % 2)
    assert accepted > 200  # the comparison is not empty


@pytest.mark.parametrize("positions_depth", [None, 2])
def test_repeated_lines_keep_their_own_positions(positions_depth: int | None) -> None:
    # The reader reuses the match of a line seen before; positions must still be each line's.
    record = "  - date: 2025-03-05\n    title: 义诊\n    audiences: [elderly]\n    volunteers: 3\n"
    text = "activities:\n" + (record + "\n") * 3 + "  - audiences: [elderly]\n    volunteers: 3\n"
    assert readers_agree(text, positions_depth)
    document = parse_yaml(text)
    assert document.value_mark(("activities", 2, "volunteers")) == (15, 17)
    assert document.key_mark(("activities", 3, "audiences")) == (17, 5)
