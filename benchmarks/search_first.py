"""What a reader downloads for a first search on a built site, word by word: the files Pagefind
fetches (benchmarks/search_bytes.mjs, in Node, the box's own search.js and its ten results),
plus our search.js and Pagefind's worker, as `make bench` counts them (run.search_download).
A traditional query also fetches the map of traditional characters (pagefind/t2s.json).

    .venv/bin/python benchmarks/search_first.py site/ 志愿服务 誌願服務 唠家常
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

from run import search_download


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("words", nargs="+")
    args = parser.parse_args()
    for word in args.words:
        found = search_download(args.site, word)
        files = {f["file"]: f["bytes"] for f in found["fetched"]}
        print(
            f"{word}: {found['total'] / 1000:.0f} KB in {len(files)} files, "
            f"{found['results']} results"
            + (
                f" (the map {files['pagefind/t2s.json'] / 1000:.1f} KB)"
                if "pagefind/t2s.json" in files
                else ""
            )
        )
    for name in ("shards.json", "t2s.json"):
        data = (args.site / "pagefind" / name).read_bytes()
        print(
            f"pagefind/{name}: {len(data) / 1000:.1f} KB, {len(gzip.compress(data, 9)) / 1000:.1f} KB gzipped"
        )


if __name__ == "__main__":
    main()
