"""The configuration every engine reads, written by the compiler beside its tree.

The project's `mkdocs.yml` holds the theme and Markdown settings people edit; the site's
title, description, URL, language and navigation come from `content/site.yml` and the
compiler. Both are merged here into one complete `mkdocs.yml` per engine, in the engine's
own folder (`.cache/engine/<name>/`), so no engine needs a plugin to learn them: Zensical
runs no third-party plugin, and MkDocs gets the same values without one.

Zensical takes the folder of its configuration as the project's root: the pages it reads
and the site it writes must lie inside it, and it keeps its cache in `.cache/` there (which
`zensical build --clean` deletes). Its folder therefore holds its own `docs/` (hard links to
the compiled tree, render/zensical_engine.py) and `site/`, and its cache is
`.cache/engine/zensical/.cache/`, apart from ours.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.model import SiteConfig
from site_builder.output.context import CompileContext
from site_builder.pages.nav import site_nav
from site_builder.project import Project

CONFIG_NAME = "mkdocs.yml"
# Inside Zensical's own folder: what it reads (a copy of the compiled tree) and writes.
ZENSICAL_DOCS = "docs"
ZENSICAL_SITE = "site"
PLUGIN = "site_builder"
_HEADER = (
    "# Written by site-builder from mkdocs.yml and content/site.yml on every compile:\n"
    "# edit those, not this file.\n"
)


def config_file(project: Project, engine: str) -> Path:
    return project.engine_dir(engine) / CONFIG_NAME


def generate(context: CompileContext) -> None:
    """Write each engine's configuration (a page stage: the nav's titles are translated)."""
    project = context.project
    base = read_project_config(project, context.diagnostics)
    if base is None:
        return
    configs = engine_configs(project, base, context.selection.site.config)
    for engine, config in configs.items():
        text = _HEADER + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
        _write_if_changed(config_file(project, engine), text)


def read_project_config(project: Project, diagnostics: Diagnostics) -> dict[str, Any] | None:
    where = project.relative(project.mkdocs_file)
    try:
        loaded = yaml.safe_load(project.mkdocs_file.read_text(encoding="utf-8"))
    except OSError as error:
        diagnostics.error(
            where, 1, 1, t("无法读取 {e}", "cannot read {e}", e=error.strerror or error)
        )
        return None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = getattr(error, "problem", None) or error
        diagnostics.error(
            where, line, column, t("YAML 格式错误:{p}", "YAML syntax error: {p}", p=problem)
        )
        return None
    if not isinstance(loaded, dict):
        diagnostics.error(
            where, 1, 1, t("应为键值对(如 site_name: …)", "expected a mapping (site_name: …)")
        )
        return None
    return loaded


def engine_configs(
    project: Project, base: dict[str, Any], site: SiteConfig
) -> dict[str, dict[str, Any]]:
    """The complete configuration of each engine, by engine name."""
    shared = dict(base)
    shared["site_name"] = site.title
    if site.description:
        shared["site_description"] = site.description
    if site.url:
        shared["site_url"] = site.url
    theme = dict(shared.get("theme") or {})
    theme["language"] = site.language
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(project.root / theme["custom_dir"])
    shared["theme"] = theme
    shared["nav"] = site_nav()
    plugins = [entry for entry in shared.get("plugins") or [] if _plugin_name(entry) != PLUGIN]

    mkdocs = dict(shared)
    mkdocs["docs_dir"] = str(project.compiled_dir)
    mkdocs["site_dir"] = str(project.site_dir)
    # The plugin renders faster (render/raw_html.py) and lists what a build wrote; it learns
    # the project from here, as this file is not in the project's folder.
    mkdocs["plugins"] = [*plugins, {PLUGIN: {"project_dir": str(project.root)}}]

    zensical = dict(shared)
    zensical["docs_dir"] = ZENSICAL_DOCS
    zensical["site_dir"] = ZENSICAL_SITE
    # Material's look, which our overrides and CSS are written for (Zensical's default is
    # its own "modern" one).
    zensical["theme"] = {**theme, "variant": "classic"}
    # Its own index (search.json) would ship beside Pagefind's (render/search.py).
    zensical["plugins"] = [*plugins, {"search": {"enabled": False}}]
    return {"mkdocs": mkdocs, "zensical": zensical}


def _plugin_name(entry: object) -> str:
    if isinstance(entry, dict) and len(entry) == 1:
        return str(next(iter(entry)))
    return str(entry)


def _write_if_changed(path: Path, text: str) -> None:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
