"""The compiled tree: one generator per kind of page, each writing plain Markdown and data."""
