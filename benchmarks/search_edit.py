"""The search phase of the rebuild after one story edit, a few edits in a row: each build runs
in a fresh process (`run.py child`), and this prints the search phase's wall and CPU time, the
whole build's and how many pages changed, for the cold build and each edit after it.

    PYTHONPATH=. .venv/bin/python benchmarks/generate.py --stories 2000 --records 2000 \\
        --photos 0 --out .cache/bench/e2000
    PYTHONPATH=. .venv/bin/python benchmarks/search_edit.py .cache/bench/e2000 --edits 3

Run with PYTHONPATH set to another checkout to time its code on the same content (a copy of
the project each time, so the two never share a cache). `--keep DIR` leaves the last build's
site in DIR/site, for benchmarks/search_first.py.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from edits import edit_story

RUN = Path(__file__).with_name("run.py")


def child(project: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, str(RUN), "child", str(project)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the copy here and keep it (its site/)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        project = args.keep or Path(scratch) / "project"
        shutil.copytree(args.project, project, ignore=shutil.ignore_patterns(".cache", "site"))
        for run in range(args.edits + 1):
            if run:
                edit_story(project, "x" * run)
            report = child(project)
            if not report["ok"]:
                sys.exit("\n".join(report["problems"]))  # type: ignore[arg-type]
            search = report["phases"]["search"]  # type: ignore[index]
            print(
                f"{'cold' if not run else f'edit {run}'}: search {search['wall']:.2f} s wall"
                f" {search['cpu']:.2f} s CPU; build {report['wall']:.2f} s;"
                f" pages changed {report['pages_changed']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
