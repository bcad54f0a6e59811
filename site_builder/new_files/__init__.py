"""New content files from templates: what `site-builder new` creates."""
