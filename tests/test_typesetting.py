"""Chinese typesetting: line breaks inside Chinese paragraphs, first-line indents, folded YAML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_builder.diagnostics import Diagnostics
from site_builder.load.yaml_source import parse_yaml
from site_builder.markup import render_markdown
from site_builder.project import Project
from site_builder.render.build import BuildReport

Built = tuple[Project, BuildReport, Diagnostics]

# Han characters and the punctuation set with them (、。“”《》,full-width forms).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3001-\u303f\uff01-\uff60\u2018-\u201d"
# Two of them with white space between, as a reader sees it.
_SPACED_HAN = re.compile(rf"([{_HAN}])\s+([{_HAN}])")
# The emphasis Markdown writes inside a sentence. Any other element ends a run: a space
# between two elements (a name and a role, a date and a count) is the page's own separator.
_INLINE = {"b", "strong", "i", "em", "mark", "del", "ins", "s", "u", "small", "sub", "sup"}
_HIDDEN = {"script", "style", "noscript", "template", "pre", "code", "svg"}


class _VisibleRuns(HTMLParser):
    """The visible text of a page, one string per run of inline content."""

    def __init__(self) -> None:
        super().__init__()
        self.runs: list[str] = [""]
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        if tag not in _INLINE:
            self.runs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        if tag not in _INLINE:
            self.runs.append("")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.runs[-1] += data


def spaced_han(html: str) -> set[str]:
    """Every 'Han, white space, Han' a browser shows on the page, as the two characters."""
    parser = _VisibleRuns()
    parser.feed(html)
    return {m.group(1) + m.group(2) for run in parser.runs for m in _SPACED_HAN.finditer(run)}


def _source_spaces(content: Path) -> set[str]:
    """The 'Han, space, Han' pairs the staff wrote on one line in the content."""
    pairs: set[str] = set()
    for path in content.rglob("*"):
        if path.suffix in {".md", ".yml", ".yaml"}:
            for line in path.read_text(encoding="utf-8").splitlines():
                pairs |= {m.group(1) + m.group(2) for m in _SPACED_HAN.finditer(line)}
    return pairs


def test_sample_pages_show_no_space_between_chinese_characters(built: Built) -> None:
    _assert_no_stray_spaces(built[0])


@pytest.mark.slow
def test_the_same_under_zensical(built_zensical: Built) -> None:
    _assert_no_stray_spaces(built_zensical[0])


def _assert_no_stray_spaces(project: Project) -> None:
    allowed = _source_spaces(project.root / "content")
    stray: dict[str, set[str]] = {}
    pages = sorted(project.site_dir.rglob("*.html"))
    for page in pages:
        found = spaced_han(page.read_text(encoding="utf-8")) - allowed
        if found:
            stray[page.relative_to(project.site_dir).as_posix()] = found
    assert len(pages) > 10
    assert not stray, stray


def test_the_scan_finds_a_space_a_line_break_makes() -> None:
    assert spaced_han("<p>老旧小区多。\n社区依托</p>") == {"。社"}
    assert spaced_han("<p>老旧小区\n多</p><p>甲</p><p>乙</p>") == {"区多"}
    assert spaced_han("<script>var a='中 文'</script><pre>中 文</pre>") == set()


# Text as it arrives pasted from Word or a chat: first-line indents and hard-wrapped lines.
PASTED = (
    "　　李老太今年80岁,已经有好几年\n没出过家门了。\n"
    "　　她常年卧床,头脑却很清楚。\n"
    "\t社区里有100多个孩子,\n每周至少两次活动。\n"
    "    志愿者上门服务,\n风雨无阻。\n"
)


def test_pasted_indents_and_line_breaks_become_paragraphs() -> None:
    html = render_markdown(PASTED)
    assert "<pre" not in html and "<code" not in html
    assert re.findall(r"<p>(.*?)</p>", html, re.S) == [
        "李老太今年80岁,已经有好几年没出过家门了。",
        "她常年卧床,头脑却很清楚。",
        "社区里有100多个孩子,每周至少两次活动。",
        "志愿者上门服务,风雨无阻。",
    ]
    assert spaced_han(html) == set()


def test_line_breaks_between_latin_words_stay_a_space() -> None:
    html = render_markdown("Pagefind 与 MkDocs\nMaterial 一起用,**加粗**\n文字`code`\n结尾。")
    assert "MkDocs\nMaterial" in html
    assert "<strong>加粗</strong>文字" in html
    assert "<code>code</code>\n结尾" in html


def test_fenced_code_is_still_a_code_block() -> None:
    html = render_markdown("说明:\n\n```\nsite-builder build\n    --lang en\n```\n")
    assert "<pre><code>site-builder build\n    --lang en\n</code></pre>" in html


def test_indentation_inside_a_list_still_nests() -> None:
    html = render_markdown("- 第一项\n    - 其中一点\n- 第二项\n\n    第二项的说明\n")
    assert html.count("<ul>") == 2
    assert "<li>\n<p>第二项</p>\n<p>第二项的说明</p>" in html


def test_folded_yaml_joins_chinese_lines_without_a_space() -> None:
    text = (
        "description: >-\n  老年居民接近四成。\n  社区以志愿者为骨干,\n  English words\n  here\n"
        "summary: 第一行\n  第二行\nkept: 中 文\n"
    )
    doc = parse_yaml(text)
    assert doc.data == {
        "description": "老年居民接近四成。社区以志愿者为骨干, English words here",
        "summary": "第一行第二行",
        "kept": "中 文",
    }
    assert doc.values[("summary",)] == (6, 10)
