"""Run MkDocs on the compiled tree, collecting its warnings as diagnostics."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.project import Project


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render(project: Project, out_dir: Path, diagnostics: Diagnostics) -> bool:
    """Render `project.compiled_dir` into `out_dir` with MkDocs in strict mode."""
    where = project.relative(project.mkdocs_file)
    collector = _Collector()
    # Material's search loads jieba, which announces its dictionary on stderr at INFO level.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(collector)
    try:
        config = load_config(
            config_file=str(project.mkdocs_file),
            site_dir=str(out_dir),
            docs_dir=str(project.compiled_dir),
            strict=True,
        )
        for name, plugin in config.plugins.items():
            if name.split("/")[-1] == "site_builder":
                plugin.precompiled = True
        mkdocs_build(config)
    except (ConfigurationError, Abort, MkDocsException) as exc:
        for message in collector.messages:
            diagnostics.error(where, 1, 1, t("MkDocs:{m}", "MkDocs: {m}", m=message))
        diagnostics.error(where, 1, 1, t("渲染失败:{e}", "rendering failed: {e}", e=exc))
        return False
    finally:
        mkdocs_log.removeHandler(collector)
    for message in collector.messages:
        diagnostics.error(where, 1, 1, t("MkDocs:{m}", "MkDocs: {m}", m=message))
    return not collector.messages
