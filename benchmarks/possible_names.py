"""Figures for the possible-real-name check (checks/names.py), as docs/privacy.md gives them.

    .venv/bin/python benchmarks/possible_names.py [--generated N] [SEED_TEXT ...]

For the sample content's stories and each text given (default: the seed article the sample
was written from), it prints the characters read, the words jieba's tagger alone calls person
names (`nr`, before any of the check's rules), the check's candidates (masked: 王**), and for
the sample stories the warnings `check` gives once the narrator, pseudonyms, acknowledged
names and places are applied; the same warnings over N synthetic stories of the bench
(`--generated N`, default 400). Then the cost: CPU milliseconds per 1000 characters with no kept
results (jieba's start-up, about 3 s once per process, timed apart).
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

import jieba
import jieba.posseg

from site_builder.checks.names import candidates
from site_builder.compiler import load_and_check
from site_builder.diagnostics import Diagnostics
from site_builder.i18n import set_language
from site_builder.project import Project
from site_builder.selection import BuildOptions

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
SEED = Path("/work/shared/seed/000_96cb13882171acd7.txt")


def masked(name: str) -> str:
    return name[0] + "*" * (len(name) - 1)


def tagged_as_names(text: str) -> int:
    """Distinct words jieba's part-of-speech tagger alone tags as person names."""
    return len({p.word for p in jieba.posseg.cut(text) if p.flag.startswith("nr")})


def report(label: str, text: str) -> None:
    found = candidates(text)
    names = ", ".join(masked(name) for _, name in found) or "-"
    print(f"{label}: {len(text)} characters, jieba nr {tagged_as_names(text)}, ", end="")
    print(f"candidates {len(found)} ({names})")


def generated(stories: int) -> None:
    """The check over the bench's synthetic stories (generate.py): its warnings there."""
    from generate import Scale, generate

    with tempfile.TemporaryDirectory() as folder:
        project = Project(Path(folder) / "archive")
        generate(project.root, Scale(stories=stories, communities=8, records=100, photos=0))
        diagnostics = Diagnostics()
        load_and_check(project, BuildOptions(), diagnostics)
        texts = [p.read_text(encoding="utf-8") for p in project.content_dir.glob("stories/*.md")]
    found = [d for d in diagnostics if d.code == "possible-name"]
    names = sorted({d.message.split()[1] for d in found})
    print(f"generated: {len(texts)} stories, {sum(map(len, texts))} characters, ", end="")
    print(f"{len(found)} possible-name warnings {names or ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("texts", nargs="*", type=Path, default=[SEED] if SEED.exists() else [])
    parser.add_argument(
        "--generated", type=int, default=400, metavar="N", help="synthetic stories (0: none)"
    )
    args = parser.parse_args()
    set_language("zh")
    jieba.setLogLevel(logging.WARNING)
    started = time.perf_counter()
    candidates("初始化")
    jieba.posseg.lcut("初始化")
    print(f"jieba start-up: {time.perf_counter() - started:.1f} s")

    stories = sorted((ROOT / "content" / "stories").glob("*.md"))
    texts = {f"sample {p.name}": p.read_text(encoding="utf-8") for p in stories}
    texts |= {f"text {p.name}": p.read_text(encoding="utf-8") for p in args.texts}
    for label, text in texts.items():
        report(label, text)

    diagnostics = Diagnostics()
    load_and_check(Project(ROOT), BuildOptions(), diagnostics)
    warnings = [d for d in diagnostics if d.code == "possible-name"]
    print(f"sample content: {len(warnings)} possible-name warnings from `check`")
    for warning in warnings:
        print(f"  {warning}")

    if args.generated:
        generated(args.generated)

    every = "".join(texts.values())
    # CPU time: the machine's other work does not count (wall time does, on a shared one).
    rounds, started = 5, time.process_time()
    for _ in range(rounds):
        candidates(every)
    per_thousand = (time.process_time() - started) / rounds / len(every) * 1000 * 1000
    print(
        f"cost: {per_thousand:.1f} ms CPU per 1000 characters ({len(every)} characters, {rounds} rounds)"
    )
    print(
        f"  2000 stories of 2000 characters, nothing kept: {per_thousand * 4000 / 1000:.0f} s CPU"
    )


if __name__ == "__main__":
    main()
