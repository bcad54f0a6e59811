"""The swap into site/ (render/publish.py): the new site is in place when swap_in returns, and
the one it replaced is removed by a process of its own, also when an earlier removal stopped."""

from __future__ import annotations

import time
from pathlib import Path

from site_builder.render.publish import staging_dir, swap_in


def staged_site(site: Path, text: str) -> Path:
    staged = staging_dir(site)
    for n in range(50):
        page = staged / f"page-{n}" / "index.html"
        page.parent.mkdir()
        page.write_text(text, encoding="utf-8")
    return staged


def leftovers(site: Path) -> list[Path]:
    return sorted(site.parent.glob(f".{site.name}-*"))


def test_the_replaced_site_goes_away_without_the_build_waiting(tmp_path: Path) -> None:
    site = tmp_path / "site"
    swap_in(staged_site(site, "一"), site)
    stopped = tmp_path / ".site-old-stopped" / "site"  # a removal a killed build left
    stopped.mkdir(parents=True)
    swap_in(staged_site(site, "二"), site)
    assert {p.read_text(encoding="utf-8") for p in site.rglob("*.html")} == {"二"}
    assert site.stat().st_mode & 0o777 == 0o755
    deadline = time.monotonic() + 30
    while leftovers(site) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert leftovers(site) == []
