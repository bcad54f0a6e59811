"""Zensical (Material's successor) as an engine (render/engine.py), run as a subprocess.

Zensical is a Rust program with a Python front: `zensical build` in a process of its own
keeps its threads, memory and any crash away from ours, and its exit status says whether it
finished. It takes the folder of its configuration as the project's root (pages/
engine_config.py): it reads `docs/` there, a fresh set of hard links to the compiled tree
(it only reads them), writes `site/` there, which is then moved into the staging folder,
and keeps its cache in `.cache/` there, the one folder its `--clean` deletes.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.pages import engine_config
from site_builder.project import Project

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# `Warning: page does not exist` / `Error: ...`, then `╭─[ stats/index.md:92:5 ]` below it.
_PROBLEM = re.compile(r"^(Warning|Error):\s*(.+)$")
_PLACE = re.compile(r"\[\s*([^\s\]]+):(\d+):(\d+)\s*\]")
# The last line of the traceback Zensical prints when it stops (a template error, --strict).
_STOPPED = re.compile(r"^(?:[A-Za-z]+Error|Error|click\.\w+): (.+)$")
_STRICT_ABORT = "Aborted because --strict flag is set"


class ZensicalEngine:
    name = "zensical"
    # It renders every page each time (its own cache makes unchanged ones cheap).
    renders_changed_pages_only = False

    def version(self) -> str:
        try:
            return f"zensical {version('zensical')}"
        except PackageNotFoundError:
            return "zensical none"

    def render(
        self,
        project: Project,
        out_dir: Path,
        diagnostics: Diagnostics,
        *,
        as_of: dt.date | None = None,
        dirty: bool = False,
    ) -> bool:
        """Run `zensical build --strict` on the configuration the compiler wrote."""
        where = project.relative(project.mkdocs_file)
        folder = project.engine_dir(self.name)
        config = engine_config.config_file(project, self.name)
        if importlib.util.find_spec("zensical") is None:
            diagnostics.error(
                where,
                1,
                1,
                t(
                    "没有安装 Zensical:请按 README 重新安装(make install),或改用 --engine mkdocs",
                    "Zensical is not installed: install again as the README says (make "
                    "install), or use --engine mkdocs",
                ),
            )
            return False
        if not config.is_file():
            diagnostics.error(
                where,
                1,
                1,
                t(
                    "缺少 {c}:请先编译(site-builder build 会先编译)",
                    "{c} is missing: compile first (site-builder build does)",
                    c=project.relative(config),
                ),
            )
            return False
        site = folder / engine_config.ZENSICAL_SITE
        prepare_docs(project)
        shutil.rmtree(site, ignore_errors=True)
        command = [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config)]
        run = subprocess.run(
            command,
            cwd=folder,
            env=_environment(as_of),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
        output = _ANSI.sub("", run.stdout + "\n" + run.stderr)
        problems = zensical_problems(output)
        for path, line, column, message in problems:
            place = project.relative(project.compiled_dir / path) if path else where
            diagnostics.error(place, line, column, t("Zensical:{m}", "Zensical: {m}", m=message))
        if run.returncode != 0:
            diagnostics.error(
                where,
                1,
                1,
                t(
                    "Zensical 渲染失败(退出码 {code}){why}",
                    "Zensical failed (exit status {code}){why}",
                    code=run.returncode,
                    why="" if problems else f":{_last_line(output)}",
                ),
            )
            return False
        if problems:
            return False
        for entry in os.scandir(site):
            shutil.move(entry.path, out_dir / entry.name)
        # Written even with its search switched off (an empty index): Pagefind's is the one
        # the site uses (render/search.py).
        (out_dir / "search.json").unlink(missing_ok=True)
        return True


def zensical_problems(output: str) -> list[tuple[str, int, int, str]]:
    """(path in the docs folder or "", line, column, message) for what Zensical reported."""
    problems: list[tuple[str, int, int, str]] = []
    pending: str | None = None
    for raw in output.splitlines():
        line = raw.strip()
        found = _PROBLEM.match(line)
        if found:
            if pending is not None:
                problems.append(("", 1, 1, pending))
            pending = found.group(2)
            continue
        place = _PLACE.search(line)
        if pending is not None and place:
            problems.append((place.group(1), int(place.group(2)), int(place.group(3)), pending))
            pending = None
            continue
        stopped = _STOPPED.match(line)
        if stopped and _STRICT_ABORT not in line:
            problems.append(("", 1, 1, stopped.group(1)))
    if pending is not None:
        problems.append(("", 1, 1, pending))
    return problems


def prepare_docs(project: Project) -> None:
    """Give Zensical's folder the compiled tree to read (its `docs/`), as it is now."""
    docs = project.engine_dir(ZensicalEngine.name) / engine_config.ZENSICAL_DOCS
    link_tree(project.compiled_dir, docs)


def link_tree(source: Path, target: Path) -> None:
    """Make `target` a tree of hard links to the files under `source` (a copy where the
    filesystem has no hard links), replacing what was there."""
    shutil.rmtree(target, ignore_errors=True)
    source.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, target, copy_function=_link_or_copy)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _environment(as_of: dt.date | None) -> dict[str, str]:
    environment = dict(os.environ)
    if as_of is not None:
        midnight = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
        environment["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    return environment


def _last_line(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return lines[-1] if lines else ""
