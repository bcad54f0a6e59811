"""The edits the benchmark times a rebuild after: one story edited, one activity record added."""

from __future__ import annotations

from pathlib import Path


def edit_story(project: Path, marker: str) -> tuple[Path, str]:
    """Append a sentence to one story; returns the story and its text before."""
    story = sorted((project / "content" / "stories").glob("*.md"))[len(marker) % 7]
    original = story.read_text(encoding="utf-8")
    story.write_text(original + f"\n编辑测试{marker}。\n", encoding="utf-8")
    return story, original


def add_record(project: Path) -> tuple[Path, str]:
    """Append one record to one activity log, as staff do after an activity."""
    log = sorted((project / "content" / "activities").glob("*/*.yml"))[0]
    original = log.read_text(encoding="utf-8")
    log.write_text(
        original
        + f"\n  - date: {log.stem}-06-01\n    title: 基准测试新增的一次活动\n"
        + "    category: health\n    beneficiaries: 12\n    volunteers: 3\n",
        encoding="utf-8",
    )
    return log, original
