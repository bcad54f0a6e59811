"""The one content-addressed store of the caches (store.py): whole entries only, and what a build
did not use goes when it prunes."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from site_builder.store import ContentStore, write_atomically


def test_a_write_that_fails_leaves_the_old_entry_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ab" / "entry.pickle"
    write_atomically(target, b"old")

    def interrupted(source: str, destination: str) -> None:
        raise KeyboardInterrupt  # Ctrl-C between writing and renaming

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in target.parent.iterdir()) == ["entry.pickle"]


def test_entries_are_found_by_key_and_a_damaged_one_is_absent(tmp_path: Path) -> None:
    store = ContentStore(tmp_path, ".pickle")
    store.dump("0123abcd", {"rollup": [1, 2]})
    assert ContentStore(tmp_path, ".pickle").load("0123abcd") == (True, {"rollup": [1, 2]})
    Path(store.path("0123abcd")).write_bytes(pickle.dumps([1])[:5])
    assert ContentStore(tmp_path, ".pickle").load("0123abcd") == (False, None)
    assert ContentStore(tmp_path, ".pickle").read("ffff") is None


def test_prune_removes_what_the_build_did_not_use_and_writers_left_behind(
    tmp_path: Path,
) -> None:
    first = ContentStore(tmp_path, ".html")
    for key in ("aa01", "aa02", "bb03"):
        first.write(key, key.encode())
    first.write("page", b"kept on its own shelf", shelf="pages")
    (tmp_path / "aa" / "notes.txt").write_text("not the store's", encoding="utf-8")
    dead = tmp_path / "bb" / ".dead-writer.tmp"
    dead.write_bytes(b"half")
    old = time.time() - 2 * 3600
    os.utime(dead, (old, old))
    alive = tmp_path / "bb" / ".writing-now.tmp"
    alive.write_bytes(b"half")

    second = ContentStore(tmp_path, ".html")
    assert second.read("aa01") == b"aa01"
    second.keep("page", shelf="pages")
    assert second.prune() == 2
    left = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert left == {"aa/aa01.html", "pages/page.html", "aa/notes.txt", "bb/.writing-now.tmp"}


def test_a_store_that_may_not_write_neither_writes_nor_prunes(tmp_path: Path) -> None:
    ContentStore(tmp_path, ".pickle").dump("abcd", 1)
    reading = ContentStore(tmp_path, ".pickle", writable=False)
    reading.dump("ef01", 2)
    assert reading.prune() == 0
    assert sorted(p.name for p in tmp_path.rglob("*.pickle")) == ["abcd.pickle"]


def test_a_flat_store_keeps_its_entries_in_its_folder(tmp_path: Path) -> None:
    flat = ContentStore(tmp_path, ".html", fanout=False)
    flat.write("one", b"1")
    flat.write("two", b"2")
    again = ContentStore(tmp_path, ".html", fanout=False)
    again.keep("two")
    assert again.prune() == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["two.html"]
