"""Saving through the same rules as `check`: a save is tried on the shadow first.

The whole project is checked as it would be after the save (`check_site`, the function
`check` runs), because a change in one file can break another (a community renamed under
its stories, a story deleted that a record links to). A save is refused for every error in
the files it writes, and for every error elsewhere that the project did not have before it:
a mistake already in some other file does not stop staff fixing this one. Warnings (what
`build` would not publish) and notes (what blocks a draft's publication) of the saved files
are handed back for the editor to show.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from site_builder.compiler import check_site
from site_builder.diagnostics import Diagnostic, Diagnostics
from site_builder.editor.shadow import Shadow
from site_builder.i18n import t
from site_builder.project import Project
from site_builder.selection import BuildOptions
from site_builder.session import Session


@dataclass
class Verdict:
    """What `check` says of a save."""

    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.errors)


def _where(diagnostic: Diagnostic) -> tuple[str, str]:
    # Another file's line moves when lines are added above it; its message does not.
    return diagnostic.path, diagnostic.message


class SaveChecker:
    """Checks saves against one project; one check at a time (the shadow is one folder)."""

    def __init__(self, project: Project):
        self.project = project
        self.shadow = Shadow(project)
        # Kept between checks, as `serve` keeps it: unchanged files are not parsed again.
        self.session = Session.serve()
        self.lock = threading.RLock()
        self._baseline: tuple[str, set[tuple[str, str]]] | None = None
        self._tried: set[tuple[str, str]] = set()

    def _check(self) -> Diagnostics:
        diagnostics = Diagnostics()
        check_site(self.shadow.project, BuildOptions(), diagnostics, self.session)
        return diagnostics

    def _errors_now(self) -> set[tuple[str, str]]:
        fingerprint = self.shadow.sync()
        if self._baseline is None or self._baseline[0] != fingerprint:
            self._baseline = (fingerprint, {_where(d) for d in self._check().errors})
        return self._baseline[1]

    def warm(self) -> None:
        """Check the project as it is, once, before the first save asks: the first save then
        costs what every other does (its photos decoded, its files parsed, already)."""
        with self.lock:
            self._errors_now()

    def verdict(self, changes: dict[str, bytes | None]) -> Verdict:
        """`changes`: paths relative to `content/` -> new bytes, or None for a deletion."""
        with self.lock:
            before = self._errors_now()
            with self.shadow.trying(changes):
                after = self._check()
            self._tried = {_where(d) for d in after.errors}
        written = {f"content/{rel}" for rel in changes}
        verdict = Verdict()
        for found in after.sorted():
            mine = found.path in written
            if found.severity == "error" and (mine or _where(found) not in before):
                verdict.errors.append(found)
            elif found.severity == "warning" and (mine or _where(found) not in before):
                verdict.warnings.append(found)
            elif found.severity == "note" and mine:
                verdict.notes.append(found)
        return verdict

    def saved(self) -> None:
        """The changes last tried are made: the project's errors are now what that check
        found, so the next save is not preceded by a check of the project as it is."""
        with self.lock:
            self._baseline = (self.shadow.sync(), self._tried)


def message(verdict: Verdict) -> str:
    """The refusal staff read: each error as `check` prints it, and that nothing was saved."""
    lines = [str(d) for d in verdict.errors[:20]]
    if len(verdict.errors) > 20:
        lines.append(t("……另有 {n} 处", "… and {n} more", n=len(verdict.errors) - 20))
    head = t(
        "没有保存:内容有错误,文件保持原样。请按提示改正后再保存。",
        "Not saved: the content has errors; the file is unchanged. Fix them and save again.",
    )
    return "\n".join([head, *lines])


def acknowledgement_hint(verdict: Verdict) -> str:
    """How staff make a warning go away when the text is right as it is."""
    if not verdict.warnings:
        return ""
    return t(
        "已保存,但这些警告会让“发布网站”停止:请改写有问题的文字;如果确认无误"
        "(例如敏感词在这里是必要的),把这个词加到故事的“确认保留的词语”"
        "(acknowledged_terms)中再保存。",
        "Saved, but these warnings will stop publishing: rewrite the text, or, if it is right "
        "as it is (a sensitive term that is needed here), add the term to the story's "
        "acknowledged terms (acknowledged_terms) and save again.",
    )
