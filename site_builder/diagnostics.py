"""Diagnostics: what is wrong with the content, and exactly where.

Every stage reports problems as `Diagnostic` values instead of raising, so one run reports
all of them together; only the CLI prints them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from site_builder.i18n import t


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    # A problem in a draft or an item in review: it blocks that item's publication, not this
    # build (`check` reports them; nothing else does).
    NOTE = "note"
    # Nothing to fix: what this build leaves out on purpose and when it comes (a link to a
    # story scheduled for later). Printed; never stops `check` or `build`.
    INFO = "info"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    column: int
    severity: Severity
    message: str
    code: str = ""

    def __str__(self) -> str:
        label = {
            Severity.ERROR: t("错误", "error"),
            Severity.WARNING: t("警告", "warning"),
            Severity.NOTE: t("发布前须修正", "fix before publishing"),
            Severity.INFO: t("提示", "note"),
        }[self.severity]
        return f"{self.path}:{self.line}:{self.column}: {label}: {self.message}"


@dataclass
class Diagnostics:
    """An ordered collection of diagnostics from one or more stages."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: str, line: int, column: int, message: str, code: str = "") -> None:
        self.items.append(Diagnostic(path, line, column, Severity.ERROR, message, code))

    def warning(self, path: str, line: int, column: int, message: str, code: str = "") -> None:
        self.items.append(Diagnostic(path, line, column, Severity.WARNING, message, code))

    def note(self, path: str, line: int, column: int, message: str, code: str = "") -> None:
        self.items.append(Diagnostic(path, line, column, Severity.NOTE, message, code))

    def info(self, path: str, line: int, column: int, message: str, code: str = "") -> None:
        self.items.append(Diagnostic(path, line, column, Severity.INFO, message, code))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    @property
    def notes(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.NOTE]

    @property
    def infos(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.INFO]

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items))
