"""The engine adapter: MkDocs renders the compiled tree; `site/` is replaced only on success."""
