"""Zensical (Material's successor) as an engine (render/engine.py), run as a subprocess.

Zensical is a Rust program with a Python front: `zensical build` in a process of its own
keeps its threads, memory and any crash away from ours, and its exit status says whether it
finished. It takes the folder of its configuration as the project's root (pages/
engine_config.py): it reads `docs/` there, a fresh set of hard links to the compiled tree
(it only reads them; kept in step by `sync_docs`), writes `site/` there, which is then moved into the staging folder,
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
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Literal

import yaml

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.pages import engine_config
from site_builder.project import Project

ANSI = re.compile(r"\x1b\[[0-9;]*m")
# `Warning: page does not exist` / `Error: ...`, then `╭─[ stats/index.md:92:5 ]` below it.
_PROBLEM = re.compile(r"^(Warning|Error):\s*(.+)$")
_PLACE = re.compile(r"\[\s*([^\s\]]+):(\d+):(\d+)\s*\]")
# The last line of the traceback Zensical prints when it stops (a template error, --strict).
_STOPPED = re.compile(r"^(?:[A-Za-z]+Error|Error|click\.\w+): (.+)$")
# `unknown method: string has no method named startswith (in partials/sb-a11y.html:4)`
_IN_TEMPLATE = re.compile(r"^(.*) \(in ([^():]+):(\d+)\)$")
_STRICT_ABORT = "Aborted because --strict flag is set"
# What Zensical 0.0.73 says of links and references in a page, in the staff's words.
_MESSAGES = {
    "page does not exist": ("链接指向的页面不存在", "the linked page does not exist"),
    "anchor does not exist": ("链接指向的锚点不存在", "the linked anchor does not exist"),
    "unresolved link reference": ("链接引用没有定义", "the link reference is not defined"),
    "unresolved footnote reference": ("脚注没有定义", "the footnote is not defined"),
    "unused link definition": ("链接定义没有被使用", "the link definition is not used"),
    "unused footnote definition": ("脚注定义没有被使用", "the footnote definition is not used"),
    "shadowed link definition": ("链接定义重复", "the link definition is repeated"),
    "shadowed footnote definition": ("脚注定义重复", "the footnote definition is repeated"),
}


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
        workers: int | None = None,
    ) -> bool:
        """Run `zensical build --strict` on the configuration the compiler wrote (it spreads
        its work over the cores itself: `workers` is not used)."""
        config = engine_config.config_file(project, self.name)
        if not _can_run(project, config, diagnostics):
            return False
        site = config.parent / engine_config.ZENSICAL_SITE
        sync_docs(project)
        shutil.rmtree(site, ignore_errors=True)
        run = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config)],
            cwd=config.parent,
            env=_environment(as_of),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
        output = ANSI.sub("", run.stdout + "\n" + run.stderr)
        problems = zensical_problems(output)
        report_problems(project, config, problems, diagnostics)
        if run.returncode != 0:
            diagnostics.error(
                project.relative(project.mkdocs_file),
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
        site.rmdir()
        # Written even with its search switched off (an empty index): Pagefind's is the one
        # the site uses (render/search.py).
        (out_dir / "search.json").unlink(missing_ok=True)
        return True


def _can_run(project: Project, config: Path, diagnostics: Diagnostics) -> bool:
    where = project.relative(project.mkdocs_file)
    if importlib.util.find_spec("zensical") is None:
        diagnostics.error(
            where,
            1,
            1,
            t(
                "没有安装 Zensical:请按 README 重新安装(make install),或改用 --engine mkdocs",
                "Zensical is not installed: install again as the README says (make install), "
                "or use --engine mkdocs",
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
    return True


def report_problems(
    project: Project, config: Path, problems: list[Problem], diagnostics: Diagnostics
) -> None:
    """Each problem as an error at its page or template, in the staff's language."""
    where = project.relative(project.mkdocs_file)
    theme = _theme_dir(config)
    for problem in problems:
        place, message = where, problem.message
        if problem.kind == "page":
            place = project.relative(project.compiled_dir / problem.path)
            zh, en = _MESSAGES.get(message, (message, message))
            message = t(zh, en)
        elif problem.kind == "template":
            template = theme / problem.path if theme else None
            if template is not None and template.is_file():
                place = project.relative(template)
            else:  # one of Zensical's own templates
                message = f"{message} ({problem.path})"
            message = t("模板出错:{m}", "template error: {m}", m=message)
        line, column = (problem.line, problem.column) if place != where else (1, 1)
        diagnostics.error(place, line, column, t("Zensical:{m}", "Zensical: {m}", m=message))


@dataclass(frozen=True)
class Problem:
    """One thing Zensical reported: in a page (`path` in its docs folder), in a template
    (`path` in the theme), or elsewhere (`path` empty)."""

    kind: Literal["page", "template", "other"]
    path: str
    line: int
    column: int
    message: str


def zensical_problems(output: str) -> list[Problem]:
    """What Zensical reported, in the order it did."""
    problems: list[Problem] = []
    pending: str | None = None
    for raw in output.splitlines():
        line = raw.strip()
        found = _PROBLEM.match(line)
        if found:
            if pending is not None:
                problems.append(Problem("other", "", 1, 1, pending))
            pending = found.group(2)
            continue
        place = _PLACE.search(line)
        if pending is not None and place:
            row, column = int(place.group(2)), int(place.group(3))
            problems.append(Problem("page", place.group(1), row, column, pending))
            pending = None
            continue
        stopped = _STOPPED.match(line)
        if stopped and _STRICT_ABORT not in line:
            template = _IN_TEMPLATE.match(stopped.group(1))
            if template:
                message, path = template.group(1), template.group(2)
                problems.append(Problem("template", path, int(template.group(3)), 1, message))
            else:
                problems.append(Problem("other", "", 1, 1, stopped.group(1)))
    if pending is not None:
        problems.append(Problem("other", "", 1, 1, pending))
    return problems


def sync_docs(project: Project) -> int:
    """Make Zensical's `docs/` the compiled tree as it is now: hard links to its files (copies
    where the filesystem has none), touching only what changed, so Zensical sees the same
    changes the compile made. Returns how many files were linked or removed."""
    source = project.compiled_dir
    target = project.engine_dir(ZensicalEngine.name) / engine_config.ZENSICAL_DOCS
    source.mkdir(parents=True, exist_ok=True)
    changed = 0
    wanted: set[str] = set()
    for folder, _, names in os.walk(source):
        into = os.path.join(target, os.path.relpath(folder, source))
        os.makedirs(into, exist_ok=True)
        for name in names:
            original, linked = (
                os.path.join(folder, name),
                os.path.normpath(os.path.join(into, name)),
            )
            wanted.add(linked)
            if _same_file(original, linked):
                continue
            temporary = os.path.join(into, f".{name}.tmp")
            _link_or_copy(original, temporary)
            os.replace(temporary, linked)
            changed += 1
    for folder, _, names in os.walk(target, topdown=False):
        for name in names:
            path = os.path.normpath(os.path.join(folder, name))
            if path not in wanted:
                os.unlink(path)
                changed += 1
        if folder != str(target) and not os.listdir(folder):
            os.rmdir(folder)
    return changed


def _same_file(original: str, linked: str) -> bool:
    try:
        a, b = os.stat(original), os.stat(linked)
    except OSError:
        return False
    same_inode = (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev)
    return same_inode or (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _theme_dir(config: Path) -> Path | None:
    """The theme overrides (`theme.custom_dir`) the configuration names, made absolute by the
    compiler."""
    try:
        loaded = yaml.safe_load(config.read_text(encoding="utf-8"))
        custom = loaded["theme"]["custom_dir"]
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return None
    return Path(custom) if isinstance(custom, str) else None


def _environment(as_of: dt.date | None) -> dict[str, str]:
    environment = dict(os.environ)
    if as_of is not None:
        midnight = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
        environment["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    return environment


def _last_line(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return lines[-1] if lines else ""
