"""Keep Python's cycle collector off the loaded content while a build runs.

A province's archive loads about four million objects (100 000 records, their fields and the
positions of every value) that live for the whole build. The cycle collector rescans all of
them whenever enough new objects pile up: 14 % of the time spent loading, and again through
rendering. Content objects hold no reference cycles, so reference counting frees them; the
collector is paused while the compiler builds them, and what it built is then frozen (never
scanned again) before the renderer starts.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived() -> Iterator[None]:
    enabled = gc.isenabled()
    # What an earlier build in this process (`serve`) froze may be garbage by now: let the
    # collector see it again.
    gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
