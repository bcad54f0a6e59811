"""One run of a command: what it keeps between the builds it makes, and how it speaks.

A command (`build`, `check`, `compile`, `serve`; the MkDocs plugin for a plain `mkdocs build`
or `mkdocs serve`) creates one `Session` and hands it to the compiler, which hands it to every
stage through the compile context. Nothing of a run lives in a module global: a test makes a
session of its own instead of switching the process.

A one-shot session keeps nothing in memory, so every result comes from the files as they are
now. A serving session keeps, between the rebuilds of one `serve` process, the parsed files, the
results computed from unchanged activity logs (reuse.py), the photos' keys by size and time
stamp, and whether the heap was frozen (heap.py). Either finds the results over the activity
logs that an earlier build kept on disk (derived.py), while the compiler has a store open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from site_builder.derived import DerivedStore, digest, key_of, program_digest
from site_builder.i18n import language
from site_builder.reuse import Memo

T = TypeVar("T")

# The parse memo holds at most this many files: a long `serve` session editing many files
# does not keep every version of each.
PARSED_LIMIT = 16384

# (path, size, time stamp in ns, recipe fingerprint) -> the photo's content key.
PhotoKeys = dict[tuple[str, int, int, str], str]


@dataclass
class Session:
    serving: bool = False
    """A `serve` process: rebuilds after every save and keeps work between them."""
    language: str = field(default_factory=language)
    """The language of the messages staff read (`--lang`, else SITE_BUILDER_LANG, else zh)."""
    memo: Memo | None = None
    """Results over unchanged parsed content (reuse.py); None keeps nothing."""
    parsed: dict[str, Any] | None = None
    """Parse-cache entries by key, read or written by this process; None keeps nothing.
    Unpickling 100 000 records costs seconds, taking them from here nothing; parsed content
    is never modified after loading, so sharing it between builds is safe."""
    photo_keys: PhotoKeys | None = None
    """Photos' content keys by size and time stamp; None hashes every photo every build, so a
    replaced file can never keep an old key."""
    photos_good: set[str] | None = None
    """Content keys of the photos `check` found good in this session; None keeps nothing."""
    heap_frozen: bool = False
    """Whether a build of this session froze its objects already (heap.py)."""
    store: DerivedStore | None = None
    """Results kept on disk by earlier builds (derived.py), while the compiler has it open."""
    content_keys: dict[int, tuple[object, str]] = field(default_factory=dict)
    """The content key of each keyed object of the current build, by `id` (the object is held,
    so its id is not reused): the public records, and results `computed` found or stored."""

    @classmethod
    def serve(cls) -> Session:
        """A session that keeps work between the rebuilds of one `serve` process."""
        return cls(serving=True, memo=Memo(), parsed={}, photo_keys={}, photos_good=set())

    def reused(
        self, name: str, objects: Sequence[object], key: object, compute: Callable[[], T]
    ) -> T:
        """`compute()`, or its result from an earlier build of this session (reuse.py)."""
        if self.memo is None:
            return compute()
        return self.memo.reused(name, objects, key, compute)

    def computed(
        self, name: str, function: Callable[..., T], *objects: object, **values: object
    ) -> T:
        """`function(*objects, **values)`, or its result from an earlier build of this session.

        The key is derived from the call itself: the `objects` (parsed content, compared by
        identity), the `values` (compared by equality) and the language `t()` writes in. The
        function is handed nothing else, so it cannot read a value the key leaves out."""
        key = (language(), tuple(sorted(values.items())))
        # The store's key only when the memo has no result: making it hashes the values.
        stored: list[str] = []

        def compute() -> T:
            found_key = self._stored_key(name, objects, values)
            if found_key is None or self.store is None:
                return function(*objects, **values)
            stored.append(found_key)
            found, kept = self.store.get(name, found_key)
            if found:
                result: T = kept
                return result
            result = function(*objects, **values)
            self.store.put(name, found_key, result)
            return result

        result = self.reused(name, objects, key, compute)
        if stored:
            self.keyed(result, stored[0])
        return result

    @contextmanager
    def storing(self, store: DerivedStore) -> Iterator[None]:
        """Find and keep results in `store` for one build; content keys last as long."""
        self.store = store
        self.content_keys.clear()
        try:
            yield
        finally:
            self.store = None
            self.content_keys.clear()

    def keyed(self, value: object, key: str) -> None:
        """Give `value` the content key `key`: what is computed from it can be kept on disk."""
        self.content_keys[id(value)] = (value, key)

    def _stored_key(
        self, name: str, objects: Sequence[object], values: dict[str, object]
    ) -> str | None:
        """The key of a result in the store; None (compute it) without a store, or when an
        object has no content key or a value no digest."""
        if self.store is None:
            return None
        parts = [program_digest(), name, language()]
        for value in objects:
            entry = self.content_keys.get(id(value))
            if entry is None or entry[0] is not value:
                return None
            parts.append(entry[1])
        try:
            parts.append(digest(values))
        except TypeError:
            return None
        return key_of(*parts)

    def remember_parsed(self, key: str, value: Any) -> None:
        if self.parsed is None:
            return
        if len(self.parsed) >= PARSED_LIMIT:
            self.parsed.clear()
        self.parsed[key] = value
