"""Why libyaml refused a text, named the way staff typed it: which character, on which line.

Used only when parsing has already failed, so the fast path pays nothing. libyaml stops
where the grammar broke, which is often a line or two below the mistake: a full-width colon
（：） turns `title："…"` into text that runs on into the next line, where a colon then "is
not allowed". So the lines from libyaml's mark back to the last well-formed `key: value` line
are read for the mistakes a Chinese input method makes, and the first one found is reported
at its own line and column. When none is found, libyaml's problem is said in Chinese (its
English text only in English).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from site_builder.i18n import t


class Finding(NamedTuple):
    message: str
    line: int  # 1-based, in the file
    column: int  # 1-based


# A line that is a well-formed `key: value` or `key:` (optionally a list item): libyaml's
# trouble did not start above it.
_KEY_LINE = re.compile(r"^ *(?:- +)*(?:[^\s:#'\"“][^:#]*?|\"[^\"]*\"|'[^']*'):(?: |$)")
_FULL_WIDTH_COLON = re.compile(r"^[ \u3000\t]*(?:-[ \u3000]*)*[^\s:：#'\"“][^:：]*?(：)")
_NO_SPACE_AFTER_COLON = re.compile(r"^ *(?:- +)*[^\s\d:#'\"“-][^:\s]*(:)(?=[^ \t/])")
_NO_SPACE_AFTER_DASH = re.compile(r"^ *(-)[^\s-]")
_FULL_WIDTH_BRACKETS = re.compile(r"[［］【】｛｝〔〕]")
_HALF_WIDTH = {
    "［": "[",
    "］": "]",
    "【": "[",
    "】": "]",
    "｛": "{",
    "｝": "}",
    "〔": "[",
    "〕": "]",
}
_COLON_IN_VALUE = re.compile(r"^ *(?:- +)*[^\s:#][^:#]*?: +(\S.*)$")


class _Line(NamedTuple):
    number: int  # 1-based, in the file
    text: str


def _indentation(line: _Line) -> Finding | None:
    for column, char in enumerate(line.text, 1):
        if char == "\t":
            return Finding(
                t(
                    "这一行用 Tab 键缩进了:YAML 只能用空格缩进(每层两个空格)",
                    "this line is indented with a Tab: YAML allows spaces only",
                ),
                line.number,
                column,
            )
        if char == "\u3000":
            return Finding(
                t(
                    "这一行开头有全角空格(U+3000):缩进只能用半角空格",
                    "this line starts with a full-width space (U+3000): indent with spaces",
                ),
                line.number,
                column,
            )
        if char not in " -":
            return None
    return None


def _full_width_colon(line: _Line) -> Finding | None:
    found = _FULL_WIDTH_COLON.match(line.text)
    if not found:
        return None
    return Finding(
        t(
            "冒号是全角的“：”:请改成半角冒号加一个空格“: ”",
            "full-width colon '：': write a half-width colon and a space ': '",
        ),
        line.number,
        found.start(1) + 1,
    )


def _missing_space(line: _Line) -> Finding | None:
    dash = _NO_SPACE_AFTER_DASH.match(line.text)
    if dash:
        return Finding(
            t(
                "列表的短横线 - 后面要有一个空格",
                "a list item's dash - must be followed by a space",
            ),
            line.number,
            dash.start(1) + 1,
        )
    found = _NO_SPACE_AFTER_COLON.match(line.text)
    if not found:
        return None
    after = line.text[found.end(1)]
    if after == "\u3000":
        message = t(
            "冒号后面是全角空格:请改成一个半角空格",
            "the colon is followed by a full-width space: use a half-width space",
        )
    else:
        message = t(
            "冒号后面少了一个空格:写作 “{key}: {value}”",
            "missing space after the colon: write '{key}: {value}'",
            key=line.text[: found.start(1)].strip(),
            value=line.text[found.end(1) :].strip(),
        )
    return Finding(message, line.number, found.start(1) + 1)


def _full_width_bracket(line: _Line) -> Finding | None:
    found = _FULL_WIDTH_BRACKETS.search(line.text)
    if not found:
        return None
    char = found.group(0)
    return Finding(
        t(
            "括号是全角的“{char}”:列表和映射要用半角括号 {half}",
            "full-width bracket '{char}': use the half-width {half}",
            char=char,
            half=_HALF_WIDTH[char],
        ),
        line.number,
        found.start() + 1,
    )


def _full_width_comma(line: _Line) -> Finding | None:
    """`{cash: 100，in_kind: 50}`: a full-width comma between the items of a bracketed list."""
    opened = min((i for i in (line.text.find("["), line.text.find("{")) if i >= 0), default=-1)
    comma = line.text.find("，", opened) if opened >= 0 else -1
    if comma < 0:
        return None
    return Finding(
        t(
            "项之间的逗号是全角的“，”:请改成半角逗号“,”",
            "full-width comma '，' between items: use a half-width comma ','",
        ),
        line.number,
        comma + 1,
    )


_LineCheck = Callable[[_Line], Finding | None]
# In the order a mistake makes the next one appear: indentation first, then separators.
_LINE_CHECKS: tuple[_LineCheck, ...] = (
    _indentation,
    _full_width_colon,
    _missing_space,
    _full_width_bracket,
    _full_width_comma,
)


def _window(lines: list[str], first: int, last: int) -> list[_Line]:
    """Lines `first..last` (0-based), extended upwards over lines a plain text ran on from."""
    while first > 0 and lines[first - 1].strip() and not _KEY_LINE.match(lines[first - 1]):
        first -= 1
    return [_Line(index + 1, lines[index]) for index in range(first, last + 1)]


def _unclosed_quote(lines: list[str], line: int, column: int, offset: int) -> Finding:
    text = lines[line] if line < len(lines) else ""
    quote = text[column] if column < len(text) else '"'
    message = t(
        "引号 {quote} 没有闭合:到文件末尾都没有找到与它配对的 {quote}",
        "the quote {quote} is never closed",
        quote=quote,
    )
    if any(curly in text[column + 1 :] for curly in "“”‘’"):
        message += t(
            ";结尾用了中文引号,请改成半角 {quote}",
            "; it ends with a Chinese quotation mark: use {quote}",
            quote=quote,
        )
    return Finding(message, line + 1 + offset, column + 1)


def _colon_in_value(text: str, line: int, column: int) -> Finding | None:
    """`title: 社区: 温暖的家`: a colon and a space inside a value."""
    found = _COLON_IN_VALUE.match(text)
    if not found or found.start(1) >= column:
        return None
    value = found.group(1).strip()
    key = text[: text.index(":")].strip().lstrip("- ")
    message = t(
        '值里有冒号加空格“: ”,会被当成新的字段:请给整个值加半角引号,写作 {key}: "{value}"',
        'a colon and a space inside a value: quote the whole value, {key}: "{value}"',
        key=key,
        value=value.strip('“”"').replace('"', '\\"'),
    )
    if value.startswith("“"):
        message += t(
            "(中文引号“”不起引号的作用)",
            " (Chinese quotation marks do not quote in YAML)",
        )
    return Finding(message, line, column + 1)


# libyaml's problems in Chinese, for a mistake none of the checks above recognises.
_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("could not find expected ':'", "这一行不是“键: 值”的格式:缺少半角冒号加空格“: ”"),
    ("mapping values are not allowed", "这里不能出现“: ”:如果值里有冒号,请给整个值加引号"),
    ("cannot start any token", "这里有 YAML 不能识别的字符"),
    ("did not find expected key", "缩进不一致:同一层的字段要对齐,并且只用空格缩进"),
    ("expected <block end>", "缩进不一致:同一层的字段要对齐,并且只用空格缩进"),
    ("did not find expected ','", "方括号或花括号没有闭合,或项之间缺少半角逗号“,”"),
    ("did not find expected '-'", "列表项要以“- ”开头,并与上一项对齐"),
    ("document start", "这里的内容不属于任何字段:检查上面几行的冒号是否是半角“: ”"),
    ("end of stream", "文件在引号或括号闭合之前就结束了"),
)


def _in_chinese(problem: str) -> str:
    for words, chinese in _PROBLEMS:
        if words in problem:
            return t(chinese, "YAML syntax error: {problem}", problem=problem)
    return t(
        "YAML 格式有误,请检查这一行和上一行的标点与缩进",
        "YAML syntax error: {problem}",
        problem=problem,
    )


def _control_character(text: str, line_offset: int, character: int) -> Finding:
    """An invisible character libyaml refuses (pasted from a web page, WeChat or Word)."""
    index = max(0, text.find(chr(character)))
    line = text.count("\n", 0, index)
    column = index - (text.rfind("\n", 0, index) + 1)
    return Finding(
        t(
            "这里有一个看不见的控制字符(U+{code:04X}),多半是从网页、微信或 Word 复制来的:"
            "请删掉这个位置前后的一两个字符,再重新输入",
            "an invisible control character (U+{code:04X}), usually pasted from a web page "
            "or a document: delete a character or two around here and type them again",
            code=character,
        ),
        line + 1 + line_offset,
        column + 1,
    )


def _over_indented(lines: list[str], line: int) -> Finding | None:
    """`a: 1` followed by a deeper `  b: 2`: a value is complete, the next key is indented."""
    previous = next((i for i in range(line - 1, -1, -1) if lines[i].strip()), None)
    if previous is None or not _KEY_LINE.match(lines[previous]):
        return None
    if lines[previous].rstrip().endswith(":"):
        return None  # a key that opens a mapping: deeper lines belong to it
    indent = len(lines[line]) - len(lines[line].lstrip(" "))
    if indent <= len(lines[previous]) - len(lines[previous].lstrip(" ")):
        return None
    return Finding(
        t(
            "这一行比上一行多缩进了:同一层的字段要左端对齐",
            "this line is indented more than the one above: keys of one level line up",
        ),
        line + 1,
        indent + 1,
    )


def _text_after_quote(text: str, line: int) -> Finding | None:
    """`title: "温暖" 的家`: text after the closing quote."""
    found = re.match(r"^ *(?:- +)*[^:#]+: *([\"'])(.*?)\1 *(\S.*)$", text)
    if not found:
        return None
    quote, quoted, rest = found.groups()
    return Finding(
        t(
            "引号后面还有文字:整个值都要放在引号里,写作 {quote}{whole}{quote}",
            "text after the closing quote: put the whole value in quotes, {quote}{whole}{quote}",
            quote=quote,
            whole=f"{quoted} {rest}" if rest[0] not in ",，" else quoted + rest,
        ),
        line + 1,
        found.start(3) + 1,
    )


def diagnose(text: str, line_offset: int, error: Any) -> Finding:
    """The mistake behind libyaml's `error`, placed where it was typed."""
    character = getattr(error, "character", None)
    if isinstance(character, int):  # a ReaderError: a character YAML does not accept
        return _control_character(text, line_offset, character)
    lines = text.split("\n")
    problem = str(error.problem or error.context or "")
    context = str(error.context or "")
    mark = error.problem_mark or error.context_mark
    at_line, at_column = (mark.line, mark.column) if mark else (0, 0)
    start = error.context_mark if error.context_mark is not None else mark
    first = min(start.line, at_line) if start is not None else at_line
    first = min(first, at_line - 1)  # libyaml often stops one line below the mistake
    last = min(at_line, len(lines) - 1)
    for line in _window(lines, max(0, min(first, last)), last):
        for check in _LINE_CHECKS:
            found = check(line)
            if found is not None:
                return found._replace(line=found.line + line_offset)
    if "quoted scalar" in context and error.context_mark is not None:
        quote = error.context_mark
        return _unclosed_quote(lines, quote.line, quote.column, line_offset)
    if "mapping values are not allowed" in problem and at_line < len(lines):
        found = _colon_in_value(lines[at_line], at_line + 1, at_column)
        found = found or _over_indented(lines, at_line)
        if found is not None:
            return found._replace(line=found.line + line_offset)
    if at_line < len(lines) and ("expected key" in problem or "block end" in problem):
        found = _text_after_quote(lines[at_line], at_line)
        if found is not None:
            return found._replace(line=found.line + line_offset)
    if "simple key" in context and error.context_mark is not None:
        at_line, at_column = error.context_mark.line, error.context_mark.column
    message = _in_chinese(problem)
    if "cannot start any token" in problem and at_line < len(lines):
        char = lines[at_line][at_column : at_column + 1]
        message += t(" “{char}”", "", char=char) if char.strip() else ""
    return Finding(message, at_line + 1 + line_offset, at_column + 1)
