"""A content-hash cache of parsed files, so an unchanged activity log is not parsed twice.

An entry's key is the file's bytes, the site's category vocabulary (the salt) and a
fingerprint of the code that made the entry: the source of every module the reader reaches,
and the versions of Python, pydantic and PyYAML. A change to a model or to the loader thus
misses every old entry without anyone remembering to bump a number. Entries are plain pickle
files under `.cache/parsed/`, so a CI cache can carry them. Only files that parsed without any
diagnostic are cached.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pydantic
import pydantic_core
import yaml

from site_builder.session import Session
from site_builder.store import ContentStore

_PACKAGE = Path(__file__).resolve().parent.parent
# What the pickles are made from: the reader and every module of ours it imports, to the end.
_ENTRY_MODULE = "site_builder.load.reader"
_SUFFIX = ".pickle"
# Libraries whose objects are inside the pickles, or whose parsing fills them.
_LIBRARIES = {
    "pydantic": pydantic.VERSION,
    "pydantic-core": pydantic_core.__version__,
    "PyYAML": yaml.__version__,
}

# Our imports, read from the source (importing would run it): `import site_builder.x` and
# `from site_builder.x import a, b` (parenthesised over several lines too).
_IMPORT = re.compile(r"^\s*import (site_builder[\w.]*)", re.M)
_FROM_IMPORT = re.compile(r"^\s*from (site_builder[\w.]*) import (\([^)]*\)|[^\n]*)", re.M)
_NAME = re.compile(r"\w+")


def code_fingerprint(package: Path = _PACKAGE) -> str:
    """A hash of the code that produces the cached objects: the source of every module of
    `package` that the reader imports, directly or not, and the libraries' versions."""
    return _code_fingerprint(package.resolve())


@functools.cache
def _code_fingerprint(package: Path) -> str:
    digest = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for library, number in _LIBRARIES.items():
        digest.update(f"\0{library}={number}".encode())
    for name, path in sorted(_reached_modules(package).items()):
        digest.update(f"\0{name}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def _reached_modules(package: Path) -> dict[str, Path]:
    """Module name -> source file, for the entry module and every package module it reaches."""
    found: dict[str, Path] = {}
    waiting = [_ENTRY_MODULE]
    while waiting:
        name = waiting.pop()
        path = _source_of(package, name)
        if name in found or path is None:
            continue
        found[name] = path
        if name.count(".") > 1:  # a module inside a sub-package imports its __init__ first
            waiting.append(name.rsplit(".", 1)[0])
        source = path.read_text(encoding="utf-8")
        waiting += _IMPORT.findall(source)
        for base, names in _FROM_IMPORT.findall(source):
            # `from site_builder.model import Story, common` names modules or what is in one
            # (a comment's words too: a module that does not exist is skipped).
            waiting += [base, *(f"{base}.{name}" for name in _NAME.findall(names))]
    return found


def _source_of(package: Path, module: str) -> Path | None:
    parts = module.split(".")[1:]
    if not parts:
        return None
    for candidate in (
        package.joinpath(*parts, "__init__.py"),
        package.joinpath(*parts[:-1], f"{parts[-1]}.py"),
    ):
        if candidate.is_file():
            return candidate
    return None


class ParseCache:
    def __init__(
        self,
        folder: Path | None,
        salt: str = "",
        writable: bool = True,
        *,
        session: Session | None = None,
        code: str | None = None,
    ) -> None:
        self.folder = folder
        self.salt = salt
        # The entries on disk (store.py); None keeps nothing.
        self.store = None if folder is None else ContentStore(folder, _SUFFIX, writable)
        # Entries already in this process, while serving (session.py).
        self.memory = session
        self.code = code_fingerprint() if code is None else code
        self.hits = 0
        self.misses: Counter[str] = Counter()  # by kind of file

    @property
    def used(self) -> set[str]:
        """The keys asked for: every file the load read."""
        if self.store is None:
            return set()
        return {Path(path).name.removesuffix(_SUFFIX) for path in self.store.used}

    def key(self, data: bytes, kind: str) -> str:
        digest = hashlib.sha256()
        for part in (self.code, kind, self.salt):
            digest.update(part.encode() + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str, kind: str) -> Any | None:
        """The entry for `key` (made by `key(..., kind)`); a miss is counted under `kind`."""
        if self.store is None:
            return None
        memory = self.memory.parsed if self.memory is not None else None
        if memory is not None and key in memory:
            self.store.keep(key)
            self.hits += 1
            return memory[key]
        found, value = self.store.load(key)
        if not found:
            self.misses[kind] += 1
            return None
        self.hits += 1
        self._remember(key, value)
        return value

    def keep(self, key: str) -> None:
        """Keep the entry `key` through pruning though this load did not read it (yet)."""
        if self.store is not None:
            self.store.keep(key)

    def put(self, key: str, value: Any, in_memory: Any = None) -> None:
        """Keep `value` under `key`; `in_memory`: what this process keeps instead, when it
        holds more than the entry (an activity log with its records, session.py)."""
        if self.store is None or not self.store.writable:
            return
        self.store.dump(key, value)
        self._remember(key, value if in_memory is None else in_memory)

    def prune(self) -> int:
        """Remove the entries no file of the last load asked for; return how many were removed.

        The loader reads every file of content/, drafts included, so what it asked for is all a
        later build of the same content needs."""
        return 0 if self.store is None else self.store.prune()

    def _remember(self, key: str, value: Any) -> None:
        if self.memory is not None:
            self.memory.remember_parsed(key, value)
