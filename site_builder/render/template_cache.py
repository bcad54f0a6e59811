"""Compiled page templates kept between the rebuilds of one `serve` process.

MkDocs builds a new Jinja environment for every rebuild, so each one compiled Material's
templates again (about half a second, as long as rendering the page that changed). Jinja
checks each template's source checksum before using a compiled copy, so a stale one is
never used.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
