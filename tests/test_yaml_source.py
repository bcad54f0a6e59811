"""The positioned YAML reader: positions, YAML 1.1 traps, refused constructs."""

from __future__ import annotations

import pytest

from site_builder.load.yaml_source import YamlError, parse_yaml
from site_builder.source import Mark


def test_positions_of_keys_and_values() -> None:
    doc = parse_yaml("title: 标题\nnarrator:\n  name: 王\n  role: 书记\ntags: [a, b]\n")
    assert doc.keys[("narrator", "role")] == Mark(4, 3)
    assert doc.values[("narrator", "role")] == Mark(4, 9)
    assert doc.values[("tags", 1)] == Mark(5, 11)
    assert doc.mark(("narrator", "missing")) == Mark(2, 1)


def test_yaml_11_traps_stay_text() -> None:
    doc = parse_yaml("a: no\nb: 012345\nc: 12:30:45\nd: 2025-02-30\ne: on\nf: 0x1F\n")
    assert doc.data == {
        "a": "no",
        "b": "012345",
        "c": "12:30:45",
        "d": "2025-02-30",
        "e": "on",
        "f": "0x1F",
    }


def test_plain_numbers_booleans_and_null() -> None:
    doc = parse_yaml("a: 12\nb: -3\nc: 2.5\nd: true\ne: ~\nf: '7'\n")
    assert doc.data == {"a": 12, "b": -3, "c": 2.5, "d": True, "e": None, "f": "7"}


@pytest.mark.parametrize(
    ("text", "message", "mark"),
    [
        ("a: 1\nb: 2\na: 3\n", "重复的键 “a”(第 1 行已有)", Mark(3, 1)),
        ("a: &x [1, 2]\nb: *x\n", "不允许使用 YAML 锚点(&x)", Mark(1, 4)),
        ("a: *x\n", "不允许使用 YAML 别名(*x)", Mark(1, 4)),
        ("a: !!python/object/apply:os.system [ls]\n", "不允许使用 YAML 标签", Mark(1, 4)),
        ("a: [1, 2\n", "方括号或花括号没有闭合", Mark(2, 1)),
        ("a:\n  b: c: d\n", '请给整个值加半角引号,写作 b: "c: d"', Mark(2, 7)),
        ("[" * 40 + "]" * 40, "嵌套过深", Mark(1, 33)),
        ("a: 1\n---\nb: 2\n", "只能有一个 YAML 文档", Mark(3, 1)),
    ],
)
def test_refused_input_has_message_and_place(text: str, message: str, mark: Mark) -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml(text)
    assert message in caught.value.message
    assert caught.value.mark == mark


def test_billion_laughs_is_refused_before_expansion() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        lines.append(f"{chr(97 + n)}: &{chr(97 + n)} [" + ",".join([f"*{chr(96 + n)}"] * 9) + "]")
    with pytest.raises(YamlError) as caught:
        parse_yaml("\n".join(lines))
    assert "锚点" in caught.value.message


def test_line_offset_for_front_matter() -> None:
    doc = parse_yaml("title: x\n", line_offset=1)
    assert doc.values[("title",)] == Mark(2, 8)
