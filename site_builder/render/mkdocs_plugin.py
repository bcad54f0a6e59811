"""The thin MkDocs adapter: run the compiler, point MkDocs at its tree, recompile on change.

All the work is in the compiler; this only wires it into MkDocs' events, so the project can move
to another engine by replacing this file.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from site_builder.compiler import compile_site
from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t, using_language
from site_builder.pages.nav import site_nav
from site_builder.project import Project
from site_builder.render.config import SiteBuilderConfig
from site_builder.render.raw_html import Stash
from site_builder.render.template_cache import MemoryBytecodeCache
from site_builder.selection import BuildOptions
from site_builder.session import Session

log = logging.getLogger("mkdocs.plugins.site_builder")


class SiteBuilderPlugin(BasePlugin[SiteBuilderConfig]):
    # Set by the `site-builder` CLI when it has compiled already, so MkDocs does not do it twice.
    precompiled: bool = False
    is_serving: bool = False
    outputs: frozenset[str] | set[str] = frozenset()
    share: tuple[int, int] | None = None
    # Set by the engine call when the site folder holds links to the published site's files
    # (render/incremental.py): each file this build writes is unlinked before it is written.
    over_links: bool = False
    templates: MemoryBytecodeCache | None = None
    # What stopped the last compile, for `serve` to show (render/serve.py); None after a good one.
    content_errors: Diagnostics | None = None
    # The run this plugin compiles in (session.py): made by on_startup for a plain `mkdocs
    # build` or `mkdocs serve`; `site-builder serve` hands over the one its command made.
    session: Session | None = None

    def __init__(self) -> None:
        super().__init__()
        self.stashes: dict[str, Stash] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serving = command == "serve"
        # Rebuilds in a serving process reuse parsed files, results over unchanged activity
        # logs, photos' keys and compiled templates.
        self.session = Session.serve() if self.is_serving else Session()
        if self.is_serving:
            self.templates = MemoryBytecodeCache()

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if not self.config.stash_html:
            return markdown
        stash = self.stashes[page.file.src_uri] = Stash()
        return stash.take(markdown)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        stash = self.stashes.pop(page.file.src_uri, None)
        if stash is None:
            return html
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= stash.anchor_ids()
        return stash.restore(html)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.templates is not None:
            env.bytecode_cache = self.templates
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # What this build writes, so a render over a copy of the previous site can remove the
        # pages that no longer exist (render/mkdocs_engine.py).
        self.outputs = {f.dest_uri for f in files if f.inclusion.is_included()}
        if self.share is not None:
            _render_share_only(files, *self.share)
        if self.over_links:
            _unlink_what_is_written(files, config)
        return files

    def project(self, config: MkDocsConfig) -> Project:
        folder = self.config.project_dir or Path(config.config_file_path).parent
        return Project(Path(folder).resolve())

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.precompiled:
            # The CLI compiled, and the configuration it wrote (pages/engine_config.py) has
            # the site's settings and navigation already.
            return config
        project = self.project(config)
        as_of = dt.date.fromisoformat(self.config.as_of) if self.config.as_of else dt.date.today()
        options = BuildOptions(as_of=as_of, preview=self.config.preview or self.is_serving)
        diagnostics = Diagnostics()
        result = compile_site(project, options, diagnostics, session=self.session)
        for warning in diagnostics.warnings:
            log.warning(str(warning))
        self.content_errors = None
        if result is None or diagnostics.errors:
            self.content_errors = diagnostics
            lines = "\n".join(str(d) for d in diagnostics.sorted())
            raise PluginError(t("内容有错误:\n{lines}", "content errors:\n{lines}", lines=lines))
        # A plain `mkdocs build` or `serve` on the project's own mkdocs.yml: the settings the
        # compiler writes into the engines' configuration, set here in the same way.
        site_config = result.selection.site.config
        config.site_name = site_config.title
        config.site_description = site_config.description or config.site_description
        config.site_url = site_config.url or config.site_url
        config.theme["language"] = site_config.language
        with using_language(site_config.language):
            config.nav = site_nav()
        config.docs_dir = str(project.compiled_dir)
        return config

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # Content edits trigger a rebuild, which recompiles in on_config. The compiled tree
        # (docs_dir) is written by that compile only: watching it too ran every rebuild twice.
        project = self.project(config)
        server.watch(str(project.content_dir))
        server.unwatch(config.docs_dir)
        return server


def _unmodified() -> bool:
    return False


def _render_share_only(files: Files, part: int, parts: int) -> None:
    """In a `dirty` build, have MkDocs render only every `parts`-th page from the `part`-th
    (it renders the files it finds modified), and copy the theme's files in the first share
    only."""
    for index, file in enumerate(files.documentation_pages()):
        if index % parts != part:
            file.is_modified = _unmodified  # type: ignore[method-assign]
    if part:
        for file in files:
            if not file.is_documentation_page():
                file.is_modified = _unmodified  # type: ignore[method-assign]


def _unlink_what_is_written(files: Files, config: MkDocsConfig) -> None:
    """Remove the files a `dirty` build will write (modified pages and static files, and the
    theme's templates, which it always writes), so that it writes new files instead of
    writing into files linked from elsewhere."""
    site = Path(config.site_dir)
    written = [Path(f.abs_dest_path) for f in files if f.is_modified()]
    written += [site / name for name in (*config.theme.static_templates, "sitemap.xml.gz")]
    for path in written:
        path.unlink(missing_ok=True)
