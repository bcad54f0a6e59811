"""The command line: every `site-builder` subcommand, its arguments and its printing.

The top layer: nothing in `site_builder` imports this package (docs/architecture.md).
"""
