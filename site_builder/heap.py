"""Keep Python's cycle collector off the loaded content while a build runs.

A province's archive loads about four million objects (100 000 records, their fields and the
positions of every value) that live for the whole build. The cycle collector rescans all of
them whenever enough new objects pile up: 14 % of the time spent loading, and again through
rendering. Content objects hold no reference cycles, so reference counting frees them; the
collector is paused while the compiler builds them, and what it built is then frozen (never
scanned again) before the renderer starts.

`serve` freezes only after its first build: the archive loaded then stays in memory for the
whole session anyway, while what later rebuilds make must stay collectable (the collector is
paused during their compile too, and sees their objects afterwards).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from site_builder.session import Session


@contextmanager
def long_lived(session: Session) -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # The session remembers the freeze: `gc.get_freeze_count()` would say so too, but it
        # counts millions of objects to do it.
        if not (session.serving and session.heap_frozen):
            gc.freeze()
            session.heap_frozen = True
        if enabled:
            gc.enable()
