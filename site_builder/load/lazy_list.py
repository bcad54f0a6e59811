"""A list filled the first time it is read: the records of an activity log whose parse is kept.

After one story is edited, nothing computed from the activity logs needs their 100 000
records: every result over them is kept on disk by the logs' content keys (derived.py).
Unpickling the records was still seconds of every build. A kept log is therefore read as its
head (community, year, source) with its records in a `LazyList`, which unpickles them only when
something reads them: a kept result that misses, a check that looks at them.

A `LazyList` is a `list` to every caller (isinstance, iteration, indexing, comparison,
pickling). Every method of `list` fills it first; only C code reading a list's storage without
its methods (none of ours: pydantic's serializer of a model holding one is the case to avoid)
would see it empty before it is filled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")

# Every method of `list` that reads or changes its items.
_METHODS = [
    "__add__",
    "__contains__",
    "__delitem__",
    "__eq__",
    "__ge__",
    "__getitem__",
    "__gt__",
    "__iadd__",
    "__imul__",
    "__iter__",
    "__le__",
    "__len__",
    "__lt__",
    "__mul__",
    "__ne__",
    "__repr__",
    "__reversed__",
    "__rmul__",
    "__setitem__",
    "append",
    "clear",
    "copy",
    "count",
    "extend",
    "index",
    "insert",
    "pop",
    "remove",
    "reverse",
    "sort",
]


class LazyList(list[T]):
    def __init__(self, fill: Callable[[], Iterable[T]]) -> None:
        super().__init__()
        self._fill: Callable[[], Iterable[T]] | None = fill

    @property
    def filled(self) -> bool:
        """Whether the items were read already."""
        return self._fill is None

    def _items(self) -> LazyList[T]:
        fill = self._fill
        if fill is not None:
            self._fill = None
            list.extend(self, fill())
        return self

    def __reduce_ex__(self, protocol: Any) -> tuple[type[list[T]], tuple[list[T]]]:
        # Pickled as the plain list of its items: the way to fill it stays in this process.
        return list, (list.copy(self._items()),)

    __hash__ = None


def _filling(name: str) -> Callable[..., Any]:
    method = getattr(list, name)

    def filled(self: LazyList[Any], *args: Any, **kwargs: Any) -> Any:
        return method(self._items(), *args, **kwargs)

    filled.__name__ = name
    return filled


for _name in _METHODS:
    setattr(LazyList, _name, _filling(_name))
