"""The page `serve` shows in place of every page while the content has errors.

The browser would otherwise wait for a rebuild that never finishes; this page names each
problem at its file and line, as `check` prints it, and is replaced by the site on the next
good save (the live-reload script MkDocs adds to every page reloads it).
"""

from __future__ import annotations

from jinja2 import Environment

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t

_PAGE = Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="{{ lang }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
body { font: 18px/1.6 system-ui, "Noto Sans CJK SC", sans-serif; margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }
h1 { color: #b00020; font-size: 1.6rem; }
li { margin: .6rem 0; } code { font-size: 1rem; background: #f3f3f3; padding: .1rem .3rem; }
.warning code { background: #fff4d6; }
</style></head>
<body>
<h1>{{ title }}</h1>
<p>{{ advice }}</p>
<ol>
{% for item in items %}<li class="{{ item.severity }}"><code>{{ item.place }}</code>
{{ item.label }}:{{ item.message }}</li>
{% endfor %}</ol>
</body></html>
"""
)


def error_page(diagnostics: Diagnostics) -> bytes:
    items = [
        {
            "place": f"{d.path}:{d.line}:{d.column}",
            "severity": d.severity.value,
            "label": str(d).split(": ", 2)[1],
            "message": d.message,
        }
        for d in diagnostics.sorted()
    ]
    return _PAGE.render(
        lang=t("zh", "en"),
        title=t("内容有错误,预览暂停", "The content has errors; the preview is paused"),
        advice=t(
            "请按下面的文件和行号修改,保存后这个页面会自动换回网站。",
            "Fix each file at the line shown; once saved, this page turns back into the site.",
        ),
        items=items,
    ).encode("utf-8")
