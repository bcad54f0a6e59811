"""Results over the activity logs kept on disk between builds, by a key of what they are made of.

A `build` after editing one story computed again everything derived from 100 000 activity
records (the rollup, the open-data files, the statistics pages, the privacy and editorial scans
of the logs, the record albums): seconds of work at provincial scale though no log changed.
`Session.computed` keeps those results in memory while serving (reuse.py); this store keeps
them under `.cache/derived/<name>/` for the next process.

A result is found by its key: this program's code (every file of the package), the name of the
computation, the language of its messages, the content keys of the objects it is computed from
and a digest of the values it is handed (session.py). Parsed content is given its content key
where it is made (the public records: from the text of every activity log and the options that
selected them), and a result's key becomes the result's content key, so a computation over a
result (the open-data files over the rollup) is found too. A value of a type `digest` does not
know makes the call compute: it never guesses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
from pathlib import Path, PurePath
from typing import Any

from pydantic import BaseModel

from site_builder.store import ContentStore

_SUFFIX = ".pickle"
_PACKAGE = Path(__file__).resolve().parent


def tree_digest(root: Path) -> str:
    """A hash of every file under `root`: its path below `root` and its bytes."""
    hashed = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            hashed.update(path.relative_to(root).as_posix().encode() + b"\0")
            hashed.update(hashlib.sha256(path.read_bytes()).digest())
    return hashed.hexdigest()


@functools.cache
def program_digest() -> str:
    """A hash of every file of the program (modules, templates, schemas, translations), once
    a process."""
    return tree_digest(_PACKAGE)


def digest(value: object) -> str:
    """A stable hash of plain data: numbers, text, dates, paths, enums, containers of them,
    pydantic models, dataclasses and plain objects (their attributes). TypeError for anything
    else (a function, a file, an object with slots): such a value cannot be part of a key."""
    hashed = hashlib.sha256()
    _feed(hashed, value)
    return hashed.hexdigest()


def _feed(hashed: Any, value: object) -> None:
    kind = type(value)
    hashed.update(f"{kind.__module__}.{kind.__qualname__}\0".encode())
    if value is None or isinstance(value, bool | int | float | str | bytes | dt.date | enum.Enum):
        hashed.update(repr(value).encode() + b"\0")
    elif isinstance(value, PurePath):
        hashed.update(value.as_posix().encode() + b"\0")
    elif isinstance(value, BaseModel):
        hashed.update(value.model_dump_json().encode() + b"\0")
    elif isinstance(value, tuple | list):
        for item in value:
            _feed(hashed, item)
        hashed.update(b"\1")
    elif isinstance(value, set | frozenset):
        for item in sorted(digest(item) for item in value):
            hashed.update(item.encode())
        hashed.update(b"\1")
    elif isinstance(value, dict):
        for key, item in sorted((digest(k), v) for k, v in value.items()):
            hashed.update(key.encode())
            _feed(hashed, item)
        hashed.update(b"\1")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        _feed(hashed, {f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    elif hasattr(value, "__dict__") and not callable(value):
        _feed(hashed, vars(value))
    else:
        raise TypeError(f"no stable digest for {kind.__qualname__}")


def key_of(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class DerivedStore:
    """Kept results under `folder/<name>/<key>.pickle` (store.py). A name's part after a colon
    (`stories.page:<slug>`) tells apart results `serve` keeps one of each; on disk they share
    the shelf of the part before it."""

    def __init__(self, folder: Path, writable: bool = True) -> None:
        self.folder = folder
        self.entries = ContentStore(folder, _SUFFIX, writable)
        self.writable = writable  # `check` reads the store but never writes
        self.found = 0  # results read
        self.stored = 0  # results computed and written

    def get(self, name: str, key: str) -> tuple[bool, Any]:
        """(True, the result) when one is kept under `key`, else (False, None)."""
        found, value = self.entries.load(key, shelf=_shelf(name))
        self.found += found
        return found, value

    def put(self, name: str, key: str, value: object) -> None:
        if self.writable:
            self.entries.dump(key, value, shelf=_shelf(name))
            self.stored += 1

    def prune(self) -> int:
        """Remove the results this build did not use; return how many were removed.

        A build computes every result it needs, so what it used is all that a later build of
        the same logs needs."""
        return self.entries.prune()


def _shelf(name: str) -> str:
    return name.split(":", 1)[0]
