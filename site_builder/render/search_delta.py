"""The delta index: the recently changed pages of the large search shards, indexed on their own.

Pagefind reads every page of an index it writes, so re-indexing a shard of a thousand pages for
one edited story took 5 to 10 seconds. Each shard's last full index is its base, recorded with
the pages it holds (`.cache/search/.bases/`). While a shard's pages differ from its base's in
few pages (at most DELTA_PAGES, or DELTA_SHARE of the shard), the base is kept as it is and
only those pages (changed or new) go into one small index of all shards', the delta
(`pagefind/delta/`), merged like any shard. The base still answers for the older version of a
changed page and for removed pages: `shards.json` lists those pages' Pagefind ids under
"hidden", and the search box drops them before counting or listing anything. Past the limit,
the shard is indexed whole again and becomes its own base, with nothing in the delta.

Pagefind gives a result's address only with its fragment, fetched per result; its id (the
fragment's name) comes with the result, so pages are hidden by id, read here from the base's
fragments. A fragment's id is a hash of its content: a page whose indexed text is the same in
the delta as in its base has one id in both, and the box shows it once.

Small shards (below DELTA_FROM pages) are indexed whole, in a second or two, and publish the
same bytes as a cold build. A page in the delta is ranked with the delta's word statistics,
not its shard's, so its place among the results can differ from a cold build's; which pages
are found does not.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from site_builder.store import ContentStore

# The delta's folder in the site's search folder (a shard's folders are s<n>/).
DELTA_FOLDER = "delta/"
# Shards of fewer pages are always indexed whole (see the docstring).
DELTA_FROM = 500
# A shard's changed, new and removed pages go to the delta while they are at most this many,
# or this share of the shard; beyond, the shard is indexed whole.
DELTA_PAGES = 50
DELTA_SHARE = 0.05
_BASES = ".bases"  # under the search cache (a dot folder: search._prune skips it)
_FRAGMENT_MARK = b"pagefind_dcd"  # before the JSON of each of Pagefind's fragments


@dataclass(frozen=True)
class Base:
    """A shard's last full index: its key, and each of its pages' digest and weight."""

    key: str
    pages: dict[str, str]


@dataclass(frozen=True)
class ShardDelta:
    """What a shard's base lacks: its pages that changed or are new, and the pages its base
    must not answer for (older versions and removed pages), by path under the site."""

    base: Base
    changed: tuple[str, ...]
    hidden: tuple[str, ...]


def page_entry(digest: bytes, weight: str) -> str:
    return digest.hex() + ":" + weight


class Bases:
    """The base of each shard, kept by the indexer (`plan`), the count of shards and the
    shard's number."""

    def __init__(self, root: Path, plan: str) -> None:
        self.entries = ContentStore(root / _BASES, ".json", fanout=False)  # store.py
        self.plan = plan

    def _name(self, count: int, number: int) -> str:
        return f"{self.plan}-{count}-{number}"

    def read(self, count: int, number: int, root: Path) -> Base | None:
        """The base of shard `number` of `count`, if its index is still kept under `root`."""
        data = self.entries.read(self._name(count, number))
        try:
            record = json.loads(data or b"")
            base = Base(record["key"], record["pages"])
        except (ValueError, KeyError, TypeError):  # none, or damaged: index the shard whole
            return None
        return base if (root / base.key).is_dir() else None

    def write(self, count: int, number: int, base: Base) -> None:
        record = {"key": base.key, "pages": base.pages}
        self.entries.write(self._name(count, number), json.dumps(record, sort_keys=True).encode())

    def prune(self) -> None:
        self.entries.prune()


def shard_delta(
    base: Base, pages: dict[str, str], delta_from: int = DELTA_FROM
) -> ShardDelta | None:
    """What `base` lacks of a shard now holding `pages` (path: `page_entry`), or None when the
    shard is to be indexed whole: too small, or too many pages differ."""
    if len(pages) < delta_from:
        return None
    changed = tuple(rel for rel, entry in pages.items() if base.pages.get(rel) != entry)
    removed = tuple(rel for rel in base.pages if rel not in pages)
    if len(changed) + len(removed) > max(DELTA_PAGES, DELTA_SHARE * len(base.pages)):
        return None
    older = tuple(rel for rel in changed if rel in base.pages)
    return ShardDelta(base, changed, older + removed)


def delta_key(indexer: bytes, pages: dict[str, str]) -> str:
    """The key of the delta index of `pages` (path: `page_entry`)."""
    digest = hashlib.sha256(indexer + b"delta\0")
    for rel in sorted(pages):
        digest.update(f"{rel}\0{pages[rel]}\0".encode())
    return digest.hexdigest()[:24]


def page_url(rel: str) -> str:
    """The address Pagefind gives the page at `rel` (its path under the site)."""
    return "/" + (rel.removesuffix("index.html") if rel.endswith("/index.html") else rel)


def fragment_ids(index: Path) -> dict[str, str]:
    """The Pagefind id of each page of the index at `index`, by its address."""
    ids: dict[str, str] = {}
    for fragment in (index / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(_FRAGMENT_MARK)
        ids[json.loads(data)["url"]] = fragment.name.removesuffix(".pf_fragment")
    return ids


def hidden_ids(root: Path, deltas: list[ShardDelta], delta: Path | None) -> list[str]:
    """The ids the bases of `deltas` (under `root`) must not answer for, but those the delta
    index at `delta` holds too (the same indexed text: shown once)."""
    answered = set(fragment_ids(delta).values()) if delta is not None else set()
    hidden: set[str] = set()
    for shard in deltas:
        ids = fragment_ids(root / shard.base.key)
        hidden.update(ids[url] for url in map(page_url, shard.hidden) if url in ids)
    return sorted(hidden - answered)
