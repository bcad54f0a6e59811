"""What every command shares: exit statuses and how diagnostics are printed."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeAlias

from rich.console import Console

from site_builder.diagnostics import Diagnostics, Severity
from site_builder.i18n import t
from site_builder.project import Project

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

Command = Callable[[argparse.Namespace, Project, Console], int]
SubCommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def print_diagnostics(console: Console, diagnostics: Diagnostics) -> None:
    for diagnostic in diagnostics.sorted():
        style = {
            Severity.ERROR: "red",
            Severity.WARNING: "yellow",
            Severity.INFO: "green",
        }.get(diagnostic.severity, "cyan")
        console.print(str(diagnostic), style=style, markup=False, highlight=False, soft_wrap=True)
    errors, warnings = len(diagnostics.errors), len(diagnostics.warnings)
    if errors or warnings:
        console.print(
            t("共 {e} 个错误,{w} 个警告", "{e} error(s), {w} warning(s)", e=errors, w=warnings),
            style="bold",
            highlight=False,
        )
    if diagnostics.notes:
        console.print(
            t(
                "另有 {n} 处问题在草稿、待审或定时发布的内容中:现在不影响构建,发布前必须修正",
                "{n} more in drafts, items in review or scheduled items: they do not stop "
                "this build, but must be fixed before those are published",
                n=len(diagnostics.notes),
            ),
            style="bold",
            highlight=False,
        )
