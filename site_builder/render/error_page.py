"""The page `serve` shows in place of every page while the content has errors.

The browser would otherwise wait for a rebuild that never finishes; this page names each
problem at its file and line, as `check` prints it, and is replaced by the site on the next
good save (the live-reload script MkDocs adds to every page reloads it).
"""

from __future__ import annotations

from site_builder.diagnostics import Diagnostics
from site_builder.i18n import t
from site_builder.pages.templating import template


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
    return (
        template("error_page.html")
        .render(
            lang=t("zh", "en"),
            title=t("内容有错误,预览暂停", "The content has errors; the preview is paused"),
            advice=t(
                "请按下面的文件和行号修改,保存后这个页面会自动换回网站。",
                "Fix each file at the line shown; once saved, this page turns back into the site.",
            ),
            items=items,
        )
        .encode("utf-8")
    )
