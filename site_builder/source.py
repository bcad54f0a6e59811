"""Where content came from: files, and the line and column of every key and value.

The base of the content layers: the model (`model/`) records a `Source` on each object, the
loader (`load/`) fills them in, and every check reports through them. Nothing here parses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

Path_ = tuple[str | int, ...]


class Mark(NamedTuple):
    # A tuple, not a dataclass: a log of 100 000 records has a million of these, and the parse
    # cache (parse_cache.py) unpickles tuples about five times faster.
    line: int  # 1-based
    column: int  # 1-based


# (line, column) as a plain tuple while stored: a log of 100 000 records holds a million of
# them, and plain tuples are built, pickled and unpickled in C (parse_cache.py), where a
# NamedTuple costs a Python call each. The accessors below hand out `Mark`s.
Position = tuple[int, int]


@dataclass
class YamlDocument:
    """Parsed data plus where each key and value stood in the file.

    A document parsed with `positions_depth` keeps positions only that deep (an activity log:
    each record's own place, not each field's) and its text: asking where something deeper
    stands parses the text again (with `reparse`, the parser that made it), once, with every
    position. Positions were most of the memory of 100 000 loaded records, and are asked for
    only to report a problem.
    """

    data: Any
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    positions_depth: int | None = None  # None: every position is here
    text: str = ""
    line_offset: int = 0
    reparse: Callable[[str, int], YamlDocument] | None = None

    def _complete(self, path: Path_) -> None:
        if self.positions_depth is None or len(path) <= self.positions_depth:
            return
        assert self.reparse is not None, "a shallow document knows its parser"
        full = self.reparse(self.text, self.line_offset)
        self.values, self.keys = full.values, full.keys
        self.positions_depth, self.text, self.reparse = None, "", None

    def mark(self, path: Path_) -> Mark:
        """The position of `path`, or of its nearest ancestor that has one."""
        self._complete(path)
        while True:
            if path in self.keys:
                return Mark(*self.keys[path])
            if path in self.values:
                return Mark(*self.values[path])
            if not path:
                return Mark(1, 1)
            path = path[:-1]

    def key_mark(self, path: Path_) -> Mark:
        """Where the key of `path` stands, else where its value (or an ancestor) does."""
        self._complete(path)
        found = self.keys.get(path)
        return Mark(*found) if found is not None else self.mark(path)

    def value_mark(self, path: Path_) -> Mark:
        # A kept position needs no completion: a shallow document keeps none deeper than it
        # reads (the privacy scan asks for each of 100 000 records' own place).
        found = self.values.get(path)
        if found is not None:
            return Mark(*found)
        self._complete(path)
        while path not in self.values and path:
            path = path[:-1]
        return Mark(*self.values.get(path, (1, 1)))


@dataclass(frozen=True)
class Source:
    """Where a content object came from: its file, and the positions of its fields."""

    path: str  # relative to the project root, with forward slashes
    document: YamlDocument
    body_line: int = 0  # first line of a Markdown body, 0 when there is none
    # The whole file as read (stories, collections, activity logs): the privacy gate scans
    # exactly what was parsed without reading the file again. Empty for the settings and
    # communities, which are small and read again.
    text: str = ""

    def mark(self, *path: str | int) -> Mark:
        """Where the value at `path` stands (or its nearest written ancestor)."""
        return self.document.value_mark(tuple(path))
