"""Typed options of the MkDocs plugin, as written under `plugins: - site_builder:`."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class SiteBuilderConfig(Config):
    # Build as of this day (YYYY-MM-DD); empty means today. Scheduled items appear from their date.
    as_of = opt.Type(str, default="")
    # Show drafts and items in review, with a banner. `serve` turns this on.
    preview = opt.Type(bool, default=False)
    # Keep the compiler's HTML blocks away from Python-Markdown (render/raw_html.py); off only
    # to compare with what Python-Markdown makes of them.
    stash_html = opt.Type(bool, default=True)
