"""The search index: Pagefind over the rendered pages, in shards, each reused while its pages are
unchanged.

Material's own search ships the whole site as one JSON file (34.5 MB for 2000 stories), which
every reader downloads before the first result. Pagefind splits the index into chunks of about
30 KB that the browser fetches on demand, so a first search costs a few hundred kilobytes.

Pagefind reads a copy of the rendered pages with their Chinese cut into characters
(`search_text.segment_html`: its own segmentation and the browser's disagree, and words inside
running text went unfound), written next to the index and deleted once Pagefind is done. It
reads the staged output of whichever engine rendered it, and only that: drafts and private
text, never rendered, cannot reach the index.

Pagefind cannot add one page to an index it wrote: every run reads every page it is given. So
a large site's pages are split into shards (two, or more beyond LARGEST_SHARD pages each), each
page by a hash of its path, and each
shard is an index of its own, kept under `.cache/search/<key>/`, the key hashing the shard's
pages (path and bytes) and the code that indexes them. An edited story changes one shard or
two, and only those are indexed again, on both cores at once; the segmented copy of each page
is kept by its bytes (`.cache/search/.segmented/`), so only changed pages are cut again. The
first shard is `pagefind/` itself, the others `pagefind/s<n>/`, listed in
`pagefind/shards.json`, which `assets/search.js` merges into the first at the reader's first
search (Pagefind's `mergeIndex`). A query fetches its characters' chunks from every shard, so
more shards cost readers bytes (about 100 KB a shard for a four-character query at 2000
stories): two it is, where one edit then re-indexes half the site.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NamedTuple

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.project import Project
from site_builder.render import search_text
from site_builder.render.search_delta import (
    DELTA_FOLDER,
    DELTA_FROM,
    Base,
    Bases,
    ShardDelta,
    delta_key,
    hidden_ids,
    page_entry,
    shard_delta,
)
from site_builder.render.search_text import BODY_MARK, IndexedPage, SegmentedPages
from site_builder.render.search_traditional import traditional_field, write_traditional_map

SEARCH_DIR = "pagefind"
# In SEARCH_DIR: the folders of the shards after the first, and where the map of traditional
# characters is (search_traditional.py).
SHARDS_FILE = "shards.json"
# A site of fewer pages than this is one index; a larger one two shards (docstring), or more
# when a shard would exceed LARGEST_SHARD pages (Pagefind's memory: see PAGES_AT_ONCE).
SHARDED_FROM = 1000
LARGEST_SHARD = 4000
# Pages of the shards Pagefind indexes at once, at most (it holds about 0.2 MB a page: a
# site of 10 000 stories indexes its shards one after the other, within its memory target).
PAGES_AT_ONCE = 3000
# The segmented copies of pages, by page bytes and indexer (a dot folder: _prune skips it).
_SEGMENTED = ".segmented"
# What makes an index from the pages besides Pagefind: the copy it reads (search_text.py) and
# the command line below. Their source is part of the index's key, so a change to either
# builds a new index without a version number to remember to bump.
_INDEXER_SOURCES = (Path(__file__), Path(search_text.__file__))
# The index's language: none of Pagefind's (no stemming, no segmenting of our copy); the
# browser still loads it for a page of any language, as the only index there is.
INDEX_LANGUAGE = "und"
# Stories first: every other page (home, tags, archive, galleries, statistics, community and
# narrator pages) lists or sums up stories, and weighs less in the ranking. A collection weighs
# least: its index holds its own words and its headlines, which name its stories' subjects, on
# a page far shorter than a story (Pagefind favours short pages), and it comes after them.
_STORY_PAGES = re.compile(r"stories/(?!page/)[^/]+/index\.html")
_COLLECTION_PAGES = re.compile(r"collections/[^/]+/index\.html")
LISTING_WEIGHT = "0.3"
COLLECTION_WEIGHT = "0.05"
# Indexes kept beyond the ones in use, per shard: a site switching between two states reuses
# both.
_KEPT_PER_SHARD = 2


@dataclass(frozen=True)
class Shard:
    number: int  # of the shards its pages were dealt into (some may have none)
    key: str
    pages: tuple[IndexedPage, ...]


@dataclass(frozen=True)
class SearchIndex:
    key: str  # of every shard's key
    shards: int
    built: int  # shards indexed by this build; the others were kept from an earlier one

    @property
    def reused(self) -> bool:
        """Whether every shard was kept: Pagefind did not run."""
        return self.built == 0


def pagefind_executable() -> Path:
    from pagefind_bin_extended import get_executable

    path: Path = get_executable()
    return path


def _indexer_digest(indexer: tuple[Path, ...]) -> bytes:
    digest = hashlib.sha256(b"pagefind-index\0")
    for source in indexer:
        digest.update(hashlib.sha256(source.read_bytes()).digest())
    digest.update(pagefind_executable().name.encode() + b"\0")
    digest.update(_pagefind_version().encode() + b"\0")
    return digest.digest()


def _pagefind_version() -> str:
    from importlib.metadata import version

    return version("pagefind-bin-extended")


def indexed_pages(site_dir: Path) -> list[IndexedPage]:
    """Every page Pagefind is given: those with a `data-pagefind-body` (pages without one stay
    out of search), or every page where none has one; each with its weight (`page_weight`)."""
    marked: list[IndexedPage] = []
    unmarked: list[IndexedPage] = []
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir).as_posix()
        if rel.startswith(SEARCH_DIR + "/"):
            continue
        html = page.read_bytes()
        digest = hashlib.sha256(html).digest()
        if BODY_MARK.encode() in html:
            marked.append(IndexedPage(rel, digest, page_weight(rel)))
        else:
            unmarked.append(IndexedPage(rel, digest, ""))
    return marked or unmarked


def page_weight(rel: str) -> str:
    """The weight of the page at `rel` (its path under the site) in Pagefind's ranking."""
    if _STORY_PAGES.fullmatch(rel):
        return ""
    return COLLECTION_WEIGHT if _COLLECTION_PAGES.fullmatch(rel) else LISTING_WEIGHT


def plan_shards(
    pages: list[IndexedPage],
    indexer: tuple[Path, ...] = _INDEXER_SOURCES,
    sharded_from: int = SHARDED_FROM,
    largest: int = LARGEST_SHARD,
) -> list[Shard]:
    """The non-empty shards of `pages` (one below `sharded_from` pages, else two, or as many
    as keep each within `largest` pages), each with the key of its pages and of the indexer.

    A page's shard depends on its path and the number of shards only, so an edit leaves the
    other shards' pages, and keys, as they were."""
    count = 1 if len(pages) < sharded_from else max(2, -(-len(pages) // largest))
    members: list[list[IndexedPage]] = [[] for _ in range(count)]
    for page in pages:
        where = hashlib.blake2b(page.rel.encode(), digest_size=4).digest()
        members[int.from_bytes(where, "big") % count].append(page)
    indexer_digest = _indexer_digest(indexer)
    shards: list[Shard] = []
    for number, shard_pages in enumerate(members):
        if not shard_pages:
            continue
        digest = hashlib.sha256(indexer_digest)
        digest.update(f"{count}\0{number}\0".encode())
        for page in shard_pages:
            digest.update(f"{page.rel}\0{page.weight}\0".encode() + page.digest)
        shards.append(Shard(number, digest.hexdigest()[:24], tuple(shard_pages)))
    return shards


def index_key(site_dir: Path, indexer: tuple[Path, ...] = _INDEXER_SOURCES) -> str:
    """A hash of every shard's key: of every indexed page (path and bytes), of the code that
    makes the index from them and of the indexer's version."""
    return _combined_key(plan_shards(indexed_pages(site_dir), indexer))


def _combined_key(shards: list[Shard]) -> str:
    return hashlib.sha256("\0".join(s.key for s in shards).encode()).hexdigest()[:24]


def build_search_index(
    project: Project,
    site_dir: Path,
    diagnostics: Diagnostics,
    sharded_from: int = SHARDED_FROM,
    largest: int = LARGEST_SHARD,
    delta_from: int = DELTA_FROM,
) -> SearchIndex | None:
    """Write `site_dir/pagefind/`; None (with a diagnostic) when Pagefind fails."""
    pages = indexed_pages(site_dir)
    shards = plan_shards(pages, sharded_from=sharded_from, largest=largest)
    root = project.cache_dir / "search"
    root.mkdir(parents=True, exist_ok=True)
    indexer = _indexer_digest(_INDEXER_SOURCES)
    plan = _plan_indexes(root, shards, Bases(root, indexer.hex()[:16]), indexer, delta_from)
    for kept in {key for key, _ in plan.served} - {shard.key for shard in plan.missing}:
        os.utime(root / kept)  # recently used: kept by _prune
    if plan.missing:
        segmented = SegmentedPages(root / _SEGMENTED, indexer)
        failure = _index_shards(site_dir, root, plan.missing, segmented)
        segmented.prune(pages)
        if failure is not None:
            diagnostics.error(
                project.relative(site_dir),
                1,
                1,
                t(
                    "生成搜索索引失败(Pagefind):{m}",
                    "building the search index failed (Pagefind): {m}",
                    m=failure,
                ),
            )
            return None
        in_use = {key for key, _ in plan.served}
        _prune(root, keep=in_use, kept=_KEPT_PER_SHARD * len(shards))
    plan.bases.prune()
    # The first shard is SEARCH_DIR itself, with the pagefind.js the pages load.
    target = site_dir / SEARCH_DIR
    target.mkdir(exist_ok=True)
    for key, folder in plan.served:
        _link_tree(root / key, target / folder)
    delta = root / plan.delta.key if plan.delta is not None else None
    listed = {
        "shards": [folder for _, folder in plan.served[1:]],
        "hidden": hidden_ids(root, plan.deltas, delta),
        "traditional": traditional_field(),
    }
    (target / SHARDS_FILE).write_text(json.dumps(listed), encoding="utf-8")
    write_traditional_map(target)
    return SearchIndex(_combined_key(shards), len(shards), len(plan.missing))


@dataclass
class _Plan:
    """Which indexes the site's search folder gets, and which of them Pagefind must make."""

    bases: Bases
    served: list[tuple[str, str]]  # (index's key, its folder in SEARCH_DIR), the first ""
    missing: list[Shard]
    deltas: list[ShardDelta]  # of the shards whose base is served, with the delta
    delta: Shard | None = None


def _plan_indexes(
    root: Path, shards: list[Shard], bases: Bases, indexer: bytes, delta_from: int
) -> _Plan:
    """Each shard served by its own index when kept or when too much changed (made again and
    recorded as its base), else by its base and the delta (search_delta.py)."""
    plan = _Plan(bases, [], [], [])
    changed: list[IndexedPage] = []
    for position, shard in enumerate(shards):
        folder = f"s{shard.number}/" if position else ""
        entries = {page.rel: page_entry(page.digest, page.weight) for page in shard.pages}
        base = bases.read(len(shards), shard.number, root)
        kept = (root / shard.key).is_dir()
        delta = None if kept or base is None else shard_delta(base, entries, delta_from)
        if delta is None:
            plan.missing += [] if kept else [shard]
            if base is None or base.key != shard.key:
                bases.write(len(shards), shard.number, Base(shard.key, entries))
            plan.served.append((shard.key, folder))
        else:
            plan.deltas.append(delta)
            plan.served.append((delta.base.key, folder))
            changed += [page for page in shard.pages if page.rel in set(delta.changed)]
    if changed:
        entries = {page.rel: page_entry(page.digest, page.weight) for page in changed}
        plan.delta = Shard(-1, delta_key(indexer, entries), tuple(changed))
        plan.served.append((plan.delta.key, DELTA_FOLDER))
        plan.missing += [] if (root / plan.delta.key).is_dir() else [plan.delta]
    return plan


def pagefind_command(pages: Path, output: Path) -> list[str]:
    return [
        str(pagefind_executable()),
        "--site",
        str(pages),
        "--output-path",
        str(output),
        "--force-language",
        INDEX_LANGUAGE,
        "--quiet",
    ]


class _Indexing(NamedTuple):
    shard: Shard
    process: subprocess.Popen[bytes]
    pages: Path  # the segmented copy it reads
    output: Path  # where it writes, renamed to the shard's entry when it succeeds
    log: IO[bytes]


def _index_shards(
    site_dir: Path, root: Path, shards: list[Shard], segmented: SegmentedPages
) -> str | None:
    """Index `shards` into `root/<key>/`: segment one shard's pages while Pagefind indexes the
    ones before, as many at once as there are cores and PAGES_AT_ONCE allows. Pagefind's
    message when one fails."""
    parallel = max(1, len(os.sched_getaffinity(0)))
    running: list[_Indexing] = []
    failure = None

    def busy(shard: Shard) -> bool:
        pages = len(shard.pages) + sum(len(r.shard.pages) for r in running)
        return bool(running) and (len(running) >= parallel or pages > PAGES_AT_ONCE)

    try:
        for shard in shards:
            while busy(shard) and failure is None:
                failure = _finish(running.pop(0), root)
            if failure is not None:
                break
            pages = Path(tempfile.mkdtemp(prefix=".pages-", dir=root))
            output = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
            output.chmod(0o755)  # mkdtemp's folder is private; the published copy must not be
            for page in shard.pages:
                segmented.link(site_dir, page, pages)
            log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by _discard, after the run)
            process = subprocess.Popen(pagefind_command(pages, output), stdout=log, stderr=log)
            running.append(_Indexing(shard, process, pages, output, log))
        while running:
            message = _finish(running.pop(0), root)
            failure = failure or message
    finally:
        for left in running:  # only after a failure, or when interrupted
            left.process.kill()
            left.process.wait()
            _discard(left)
    return failure


def _finish(indexing: _Indexing, root: Path) -> str | None:
    """Wait for one Pagefind run; keep its index, or return its message."""
    code = indexing.process.wait()
    indexing.log.seek(0)
    message = indexing.log.read().decode("utf-8", "replace").strip()
    if code == 0:
        os.replace(indexing.output, root / indexing.shard.key)
    _discard(indexing)
    return None if code == 0 else message or f"exit status {code}"


def _discard(indexing: _Indexing) -> None:
    indexing.log.close()
    shutil.rmtree(indexing.pages, ignore_errors=True)
    shutil.rmtree(indexing.output, ignore_errors=True)


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link a kept index into the site (entries are never modified once written)."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link, dirs_exist_ok=True)


def _prune(root: Path, keep: set[str], kept: int) -> None:
    """Keep the indexes in use and the `kept` newest others."""
    entries = sorted(
        (p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    others = [entry for entry in entries if entry.name not in keep]
    for old in others[kept:]:
        shutil.rmtree(old, ignore_errors=True)
