"""A fast reader for the plain shape of YAML that content files are written in.

libyaml hands Python one event object per token: for 100 000 activity records that is 1.5
million objects, and building them costs more than all the rest of loading. Nearly every
content file uses one small, regular part of YAML: block mappings and sequences, one
`key: value` per line, plain or simply quoted scalars, one-line `[a, b]` and `{k: v}` lists.
This module reads exactly that part, line by line with one regular expression per line,
and gives the same data and the same positions as `yaml_source._parse` would.

It never reports a problem itself. Anything outside that part, or anything wrong (a
duplicate key, an anchor, a tag, a tab, odd indentation, a multi-line scalar, a second
document...) makes it return None, and the caller parses the file with libyaml, which
finds and names the problem at its place. So refusals and error messages are libyaml's and
`yaml_source`'s alone; this reader only has to be right about the files it accepts
(`tests/test_yaml_fast.py` compares the two readers on both kinds of input).
"""

from __future__ import annotations

import re
from typing import Any

from site_builder.source import Path_, Position

Positions = dict[Path_, Position]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_FLOAT = re.compile(
    r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?[eE][-+]?[0-9]+)$"
)


# First characters a plain scalar needs to be anything but text; most values (Chinese text)
# are told apart by this one look instead of four regular expressions.
_NUMBER_START = frozenset("+-.0123456789")
_WORD_START = frozenset("~nNtTfF")


def resolve_scalar(value: str, plain: bool) -> Any:
    if not plain:
        return value
    if not value:
        return None
    first = value[0]
    if value.isdigit() and value.isascii():  # the common case of a count, without a search
        return int(value) if first != "0" or len(value) == 1 else value
    if first in _NUMBER_START:
        if _INT.match(value):
            return int(value.replace("_", ""))
        if _FLOAT.match(value):
            return float(value)
    elif first in _WORD_START:
        if _NULL.match(value):
            return None
        if _BOOL.match(value):
            return value.lower() == "true"
    return value


# Characters libyaml refuses or treats specially anywhere: tabs (YAML forbids them in
# indentation, and leaving them to libyaml keeps one rule), carriage returns other than in
# CRLF (removed first), other line breaks, byte-order marks and non-printable characters.
_UNUSUAL = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)

# The pieces of a line, as conservative as content files allow (possessive quantifiers:
# nothing here needs backtracking, and one regular expression a line is the reader's cost).
# A first character that is no indicator; `-` only before a digit or a point (`-5`).
_FIRST = r"(?:[^\x20\-?:,\[\]{}#&*!|>'\"%@`]|-(?=[0-9.]))"
# A plain scalar in block context that surely stays one plain scalar on one line: words
# without `: ` or a final `:`, none after the first starting with `#` (a comment).
_PLAIN = (
    _FIRST + r"(?:[^\x20:]++|:(?=[^\x20]))*+"
    r"(?:\x20++(?:[^\x20:#]|:(?=[^\x20]))(?:[^\x20:]++|:(?=[^\x20]))*+)*+"
)
# A plain key: no spaces, colons, flow indicators or `#`.
_KEY = _FIRST.replace("|-(?=[0-9.])", "") + r"[^\x20:#,\[\]{}]*+"
# An item of a one-line flow sequence or mapping: no colons, flow indicators or `#` at all.
_FLOW_ITEM = _FIRST + r"[^:,\[\]{}#]*+"
_FLOW_PAIR = re.compile(rf"\x20*+({_KEY}):\x20++({_FLOW_ITEM})")

_LINE = re.compile(
    r"(\x20*+)"  # 1: indentation
    r"(?:(-)(?:\x20++|$))?"  # 2: a sequence entry's dash
    rf"(?:({_KEY}):(?:\x20+|$))?"  # 3: a key (the spaces after it may start a comment)
    r"(?:"
    rf"({_PLAIN})"  # 4: a plain scalar
    r'|"([^"\\]*+)"'  # 5: a double-quoted scalar without escapes
    r"|'((?:[^']++|'')*+)'"  # 6: a single-quoted scalar
    rf"|\[(\x20*+(?:{_FLOW_ITEM}(?:,\x20*+{_FLOW_ITEM})*+)?)\]"  # 7: a flow sequence
    rf"|\{{(\x20*+(?:{_KEY}:\x20++{_FLOW_ITEM}(?:,\x20*+{_KEY}:\x20++{_FLOW_ITEM})*+)?)\}}"
    r")?"  # 8: a flow mapping of plain keys and values
    r"(?:\x20+#.*|\x20*)$"  # trailing spaces or a comment
)
_COMMENT = re.compile(r"\x20*#")
# The items of a matched flow sequence without their spaces, and an item that may be typed.
_FLOW_ITEMS = re.compile(r"[^,\x20](?:[^,]*[^,\x20])?")
_TYPED_ITEM = re.compile(r"(?:^|,)\x20*[-+.0-9~nNtTfF]")

# Libyaml caps implicit keys at 1024 characters; longer ones are its to refuse.
_MAX_KEY = 1024
# Deeper than any content file goes, and well inside yaml_source.MAX_DEPTH (32): a file
# nested this deep is libyaml's to read or refuse.
_DEPTH = 16
_TYPED_START = _NUMBER_START | _WORD_START
# Not yet in a file's table of resolved plain values (None is a value: null).
_UNKNOWN = object()


class _Unsupported(Exception):
    """The text leaves the part of YAML this reader knows: libyaml reads it instead."""


def parse_plain_yaml(
    text: str, line_offset: int, deepest: int
) -> tuple[Any, Positions, Positions] | None:
    """(data, value positions, key positions) as `yaml_source._parse` would give them, keeping
    the positions of paths at most `deepest` long; None when libyaml must read `text`."""
    lines = text.replace("\r\n", "\n") if "\r" in text else text
    if _UNUSUAL.search(lines):
        return None
    values: Positions = {}
    keys: Positions = {}
    try:
        data = _read(lines, line_offset, deepest, values, keys)
    except _Unsupported:
        return None
    return data, values, keys


class _Frame:
    """An open block mapping or sequence."""

    __slots__ = ("container", "indent", "indentless", "is_map", "path")

    def __init__(
        self, indent: int, container: Any, path: Path_ | None, is_map: bool, indentless: bool
    ) -> None:
        self.indent = indent  # column (0-based) of its keys or dashes
        self.container = container
        self.path = path  # None below the depth whose positions are kept
        self.is_map = is_map
        self.indentless = indentless  # a sequence at its parent key's own column


def _read(text: str, line_offset: int, deepest: int, values: Positions, keys: Positions) -> Any:
    """The data of `text`, filling `values` and `keys`; `_Unsupported` where libyaml must read it.

    Long because: one loop over the lines is the hot path of loading 100 000 records, with
    everything in local variables (the open block's fields too, read again only when the
    block changes); only the rare cases (a nested block opening, the end of a block, a
    one-line collection) are calls out of the way.
    """
    data: Any = None
    stack: list[_Frame] = []
    top: _Frame | None = None
    # The open block's fields; -1: no block yet, so the first line takes the slow branch.
    indent_of_top, is_map, indentless = -1, False, False
    container: Any = None
    path: Path_ | None = None
    # A key written without a value on its line: (its frame, key, path, mark after the ':').
    pending: tuple[_Frame, str, Path_ | None, Position] | None = None
    match = _LINE.match
    # Two lines in three repeat one before them (`    volunteers: 30`): a match is read, never
    # changed, so the first one of each line serves its repeats.
    matched: dict[str, re.Match[str]] = {}
    seen = matched.get
    typed_start, max_key = _TYPED_START, _MAX_KEY
    # Plain values that may be numbers, booleans or null, resolved once per file: counts,
    # dates and the same few words repeat on every record. Immutable, so shared.
    typed: dict[str, Any] = {}
    known = typed.get
    lists: dict[str, tuple[Any, ...]] = {}  # one-line lists' items, by their text
    number = line_offset
    for line in text.split("\n"):
        number += 1
        if not line:
            continue
        found = seen(line)
        if found is None:
            found = match(line)
            if found is None:
                if _COMMENT.match(line):
                    continue
                raise _Unsupported
            matched[line] = found
        spaces, dash, key, plain, double, single, sequence, mapping = found.groups()
        if key is None and dash is None:
            if len(spaces) == len(line):
                continue  # spaces only
            raise _Unsupported  # a lone scalar where a key or an entry belongs
        indent = len(spaces)
        if pending is not None or indent != indent_of_top or (indentless and not dash):
            if pending is not None:
                top = _open_pending(pending, indent, dash, key, number, stack, deepest, values)
                pending = None
            if top is None:
                if data is not None:
                    raise _Unsupported  # a second document
                data = [] if dash else {}
                values[()] = (number, indent + 1)
                top = _Frame(indent, data, () if deepest > 0 else None, not dash, False)
                stack.append(top)
            if top.indent != indent or (top.indentless and not dash):
                top = _close_blocks(stack, indent, dash)
            indent_of_top, container, path = top.indent, top.container, top.path
            is_map, indentless = top.is_map, top.indentless
        if dash:
            if is_map:
                raise _Unsupported
            child = (*path, len(container)) if path is not None else None
            if key is None:
                # An entry's scalar, one-line collection or nothing (null).
                if plain is not None:
                    value: Any = resolve_scalar(plain, True) if plain[0] in typed_start else plain
                    group = 4
                elif double is not None:
                    value, group = double, 5
                elif single is not None:
                    value, group = single.replace("''", "'"), 6
                elif sequence is not None or mapping is not None:
                    group = 7 if sequence is not None else 8
                    value = _flow(found, group, child, deepest, number, values, keys)
                else:
                    value, group = None, 0
                container.append(value)
                if child is not None:
                    column = found.start(group) - (group >= 5) if group else indent + 1
                    values[child] = (number, column + 1)
                continue
            # `- key: ...`: an entry that is a mapping, whose first key is on this line.
            if len(stack) >= _DEPTH:
                raise _Unsupported
            item: dict[str, Any] = {}
            container.append(item)
            column = found.start(3)
            if child is not None:
                values[child] = (number, column + 1)
            path = child if child is not None and len(child) < deepest else None
            top = _Frame(column, item, path, True, False)
            stack.append(top)
            indent_of_top, container, is_map, indentless = column, item, True, False
        elif not is_map:
            raise _Unsupported
        # `key: ...` in the mapping `container`.
        if key in container or len(key) > max_key:
            raise _Unsupported  # a duplicate key, for one, is libyaml's to report
        if plain is not None:
            if plain[0] in typed_start:
                value = known(plain, _UNKNOWN)
                if value is _UNKNOWN:
                    value = typed[plain] = resolve_scalar(plain, True)
                container[key] = value
            else:
                container[key] = plain
            if path is None:
                continue
            group = 4
        elif double is not None:
            container[key], group = double, 5
        elif single is not None:
            container[key], group = single.replace("''", "'"), 6
        elif sequence is not None and path is None:
            # The same one-line lists recur record after record ([elderly], []): each is read
            # once per file, and every record gets a list of its own.
            items = lists.get(sequence)
            if items is None:
                items = lists[sequence] = tuple(_flow(found, 7, None, 0, 0, values, keys))
            container[key] = list(items)
            continue
        elif sequence is not None or mapping is not None:
            group = 7 if sequence is not None else 8
            child = (*path, key) if path is not None else None
            container[key] = _flow(found, group, child, deepest, number, values, keys)
        else:
            container[key] = None  # held, so that a duplicate of it is seen
            child = (*path, key) if path is not None else None
            column = found.start(3)
            assert top is not None
            pending = (top, key, child, (number, column + len(key) + 2))
            if child is not None:
                keys[child] = (number, column + 1)
            continue
        if path is not None:
            child = (*path, key)
            keys[child] = (number, found.start(3) + 1)
            values[child] = (number, found.start(group) + (group < 5))
    if pending is not None and pending[2] is not None:
        values[pending[2]] = pending[3]
    if data is None:
        raise _Unsupported  # nothing but comments: libyaml's reading of it stands
    return data


def _open_pending(
    pending: tuple[_Frame, str, Path_ | None, Position],
    indent: int,
    dash: str | None,
    key: str | None,
    number: int,
    stack: list[_Frame],
    deepest: int,
    values: Positions,
) -> _Frame:
    """The frame a line goes to after a key without a value: a block below that key, or (the
    line is not deeper) the key's own frame, the key's value then being null."""
    frame, key_written, path, after = pending
    above = frame.indent
    if indent > above or (indent == above and dash):
        if len(stack) >= _DEPTH:
            raise _Unsupported
        container: Any = [] if dash else {}
        frame.container[key_written] = container
        if path is not None:
            values[path] = (number, indent + 1)
        child = path if path is not None and len(path) < deepest else None
        top = _Frame(indent, container, child, not dash, indent == above)
        stack.append(top)
        return top
    if path is not None:
        values[path] = after
    return stack[-1]


def _close_blocks(stack: list[_Frame], indent: int, dash: str | None) -> _Frame:
    """The open block a line at `indent` continues, once the deeper ones are closed."""
    top = stack[-1]
    while top.indent > indent or (top.indentless and top.indent == indent and not dash):
        stack.pop()
        if not stack:
            raise _Unsupported  # less indented than the document itself
        top = stack[-1]
    if top.indent != indent:
        raise _Unsupported  # between two levels: libyaml's to read or refuse
    return top


def _flow(
    found: re.Match[str],
    group: int,
    path: Path_ | None,
    deepest: int,
    number: int,
    values: Positions,
    keys: Positions,
) -> Any:
    """The one-line flow sequence (group 7) or mapping (8) of a matched line."""
    content = found.group(group)
    positioned = path is not None and len(path) < deepest
    if group == 7:
        items = _FLOW_ITEMS.findall(content)
        if positioned:
            assert path is not None
            column = found.start(group) + 1
            for index, item in enumerate(_FLOW_ITEMS.finditer(content)):
                values[(*path, index)] = (number, column + item.start())
        if _TYPED_ITEM.search(content) is None:
            return items  # text only, as lists of audiences or partners are
        return [resolve_scalar(item, True) for item in items]
    mapping: dict[str, Any] = {}
    column = found.start(group)
    for part in content.split(",") if content.strip(" ") else ():
        pair = _FLOW_PAIR.match(part)
        assert pair is not None  # the line's expression matched each pair already
        name, value = pair.group(1), pair.group(2).rstrip(" ")
        if name in mapping:
            raise _Unsupported
        mapping[name] = resolve_scalar(value, True) if value[0] in _TYPED_START else value
        if positioned:
            assert path is not None
            keys[(*path, name)] = (number, column + pair.start(1) + 1)
            values[(*path, name)] = (number, column + pair.start(2) + 1)
        column += len(part) + 1
    return mapping
