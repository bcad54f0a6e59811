"""Split a Markdown file into its YAML front matter and its body."""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.i18n import t
from site_builder.load.yaml_source import YamlError, parse_yaml
from site_builder.source import Mark, YamlDocument


@dataclass(frozen=True)
class MarkdownFile:
    front_matter: YamlDocument
    body: str
    body_line: int  # 1-based line where the body starts


def read_markdown(text: str) -> MarkdownFile:
    """Parse `---`-fenced front matter; raise `YamlError` with a position when it is missing."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise YamlError(
            t(
                "文件开头缺少 YAML 前置信息(第一行应为 ---)",
                "missing YAML front matter (the first line must be ---)",
            ),
            Mark(1, 1),
        )
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index]) + "\n"
            document = parse_yaml(yaml_text, line_offset=1)
            if not isinstance(document.data, dict):
                raise YamlError(
                    t("前置信息应是“键: 值”的映射", "front matter must be a mapping of keys"),
                    Mark(2, 1),
                )
            return MarkdownFile(document, "\n".join(lines[index + 1 :]), index + 2)
    raise YamlError(
        t(
            "前置信息没有结束标记 ---",
            "front matter is not closed by ---",
        ),
        Mark(1, 1),
    )
