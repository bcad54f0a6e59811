"""Results kept between the rebuilds of one `serve` process.

`serve` compiles the whole site again after every save. Most saves touch one story, while the
costly results over 100 000 activity records (which records are public, the rollup, the
open-data files, the privacy scan of the logs) depend on the parsed logs alone, and the parse
cache hands back the very same objects while a log is unchanged (load/parse_cache.py).

`Memo.reused(name, objects, key, compute)` keeps the latest result under `name` with the
objects it was computed from. It is handed back only while every one of them is the same object
(`is`: parsed content is never modified) and `key`, the small values it also depends on, is
equal; otherwise it is computed again. Only a serving session has a memo (session.py): a
one-shot build computes everything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    def __init__(self) -> None:
        # name -> (the objects, the key, the result); one entry a name, so memory stays bounded.
        # Keys are compared with `==` only: they need not be hashable.
        self.kept: dict[str, tuple[tuple[object, ...], object, Any]] = {}

    def reused(
        self, name: str, objects: Sequence[object], key: object, compute: Callable[[], T]
    ) -> T:
        kept = self.kept.get(name)
        if (
            kept is not None
            and kept[1] == key
            and len(kept[0]) == len(objects)
            and all(a is b for a, b in zip(kept[0], objects, strict=True))
        ):
            result: T = kept[2]
            return result
        result = compute()
        self.kept[name] = (tuple(objects), key, result)
        return result
