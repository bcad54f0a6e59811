"""Typed options of the MkDocs plugin, as written under `plugins: - site_builder:`, and how
the engine call finds the plugin in a loaded configuration without importing it (the plugin
imports the compiler; the engine call sits beside it, not above it)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig

from site_builder.diagnostics import Diagnostics
from site_builder.session import Session


class SiteBuilderConfig(Config):
    # Build as of this day (YYYY-MM-DD); empty means today. Scheduled items appear from their date.
    as_of = opt.Type(str, default="")
    # Show drafts and items in review, with a banner. `serve` turns this on.
    preview = opt.Type(bool, default=False)
    # Keep the compiler's HTML blocks away from Python-Markdown (render/raw_html.py); off only
    # to compare with what Python-Markdown makes of them.
    stash_html = opt.Type(bool, default=True)
    # The project folder; empty means the folder of mkdocs.yml. The configuration the compiler
    # writes for MkDocs (.cache/engine/mkdocs/mkdocs.yml) names it.
    project_dir = opt.Type(str, default="")


@runtime_checkable
class Adapter(Protocol):
    """What the engine call and `serve` set and read on the plugin (render/mkdocs_plugin.py)."""

    precompiled: bool  # the CLI compiled already: the plugin must not compile again
    outputs: frozenset[str] | set[str]  # what the last build wrote
    # (this share, shares) while a full render is split between processes (mkdocs_engine.py)
    share: tuple[int, int] | None
    over_links: bool  # the site folder links to the published site's files (incremental.py)
    config: SiteBuilderConfig
    content_errors: Diagnostics | None  # what stopped the last compile, None after a good one
    session: Session | None  # the run its compiles belong to (session.py)


def adapter_of(config: MkDocsConfig) -> Adapter | None:
    """The site_builder plugin as loaded into `config` (listed as `site_builder` in mkdocs.yml)."""
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "site_builder" and isinstance(plugin, Adapter):
            return plugin
    return None
