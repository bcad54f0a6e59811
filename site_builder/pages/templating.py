"""The one Jinja2 environment that writes the compiled pages' HTML, from `site_builder/templates/`.

Autoescape is on for every template and undefined names are errors (StrictUndefined), so text
from content is escaped where a template prints it and a misspelt name fails the build instead
of printing nothing. Only what the project made itself is marked safe: the output of another
template, and staff Markdown after the allowlist cleaned it (the `markdown` filter).

Escaping writes the entities `html.escape` writes (`&quot;`, `&#x27;`), not markupsafe's
(`&#34;`, `&#39;`), so the compiled pages stay byte for byte what earlier versions wrote and
unchanged pages keep their timestamps.

The environment is made once a process and keeps every compiled template: thousands of story
pages and cards are rendered from the same few compiled templates.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, nodes
from jinja2.compiler import CodeGenerator, Frame
from markupsafe import Markup

from site_builder.i18n import t
from site_builder.markup import plain_text, read_minutes, render_markdown
from site_builder.output import urls
from site_builder.pages.formats import audience_label, format_date, front_matter
from site_builder.pages.sharing import qr_svg

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MACROS = ("common", "photos", "stats", "charts")  # templates/macros/<name>.html, global as <name>


def escape_html(value: object) -> str:
    """How every template prints a value: HTML it was handed as such, anything else escaped."""
    if type(value) is str:
        return html.escape(value)
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, printing values through `escape_html`: markupsafe's `escape`
    writes other entities for quotes, and a finalize hook would cost a call per value more."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        self.writeline(f"from {__name__} import escape_html")
        super().visit_Template(node, frame)

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("escape_html(")
            if finalize.src is not None:
                self.write(finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)


class _Environment(Environment):
    code_generator_class = _CodeGenerator


def _markdown(body: str) -> Markup:
    # render_markdown cleans the HTML with the allowlist (markup.py): safe to print as is.
    return Markup(render_markdown(body))


_HEADING = re.compile(r"<(/?)h([2-5])>")


def _demote_headings(html_text: Markup) -> Markup:
    """Headings one level down, so a story's sit under the editor's headline (h2)."""
    return Markup(_HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}>", html_text))


def _read_minutes(body: str) -> int:
    return read_minutes(plain_text(body))


@cache
def environment() -> Environment:
    env = _Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        cache_size=-1,
    )
    env.globals.update(
        t=t,
        href=urls.href,
        urls=urls,
        format_date=format_date,
        audience_label=audience_label,
        front_matter=front_matter,
    )
    env.filters.update(
        markdown=_markdown,
        read_minutes=_read_minutes,
        demote_headings=_demote_headings,
        qr_svg=qr_svg,
    )
    # Macro files are shared by many pages: made once, not imported again by each page.
    for name in MACROS:
        env.globals[name] = env.get_template(f"macros/{name}.html").module
    return env


@cache
def template(name: str) -> Template:
    return environment().get_template(name)


def render(name: str, /, **values: Any) -> Markup:
    """The template `name` filled with `values`: HTML other templates print as it is."""
    return Markup(template(name).render(values))
