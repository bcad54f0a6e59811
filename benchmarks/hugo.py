"""The same stories as a Hugo site with plain templates: the yardstick of issue 25.

Each published story becomes `content/stories/<slug>.md` with its title, date, tags and
summary; the templates are the few lines a user writes first (a page, a list, the tag pages),
so the figure is Hugo's own speed at reading and rendering this many Chinese stories, not a
theme's. Drafts stay out, as on our site. The bench times `hugo` from a fresh copy (no
resources cache, `public/` cleaned), the way it times the other peers' full builds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from stock import read_story

HUGO = Path("/usr/bin/hugo")  # Debian's package; `make bench` says when it is absent

CONFIG = """\
baseURL = "https://example.org/"
languageCode = "zh-cn"
title = "基准 · Hugo"
hasCJKLanguage = true
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[taxonomies]
  tag = "tags"
"""

BASEOF = """\
<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
</head><body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""

SINGLE = """\
{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2006-01-02" }}</time>
{{ range .Params.tags }}<a href="{{ (printf "/tags/%s/" (urlize .)) | relURL }}">{{ . }}</a> {{ end }}</p>
{{ .Content }}</article>{{ end }}
"""

LIST = """\
{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<p>{{ .Summary }}</p></li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
"""


def write_hugo_project(source: Path, out: Path) -> int:
    """Write the Hugo project for the published stories of `source`; how many it has."""
    shutil.rmtree(out, ignore_errors=True)
    stories = out / "content" / "stories"
    stories.mkdir(parents=True)
    layouts = out / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (out / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in (("baseof", BASEOF), ("single", SINGLE), ("list", LIST)):
        (layouts / f"{name}.html").write_text(text, encoding="utf-8")
    (out / "content" / "_index.md").write_text("---\ntitle: 首页\n---\n", encoding="utf-8")
    count = 0
    for path in sorted((source / "content" / "stories").glob("*.md")):
        meta, body = read_story(path)
        if meta.get("status") != "published":
            continue
        front = {
            "title": meta["title"],
            "date": str(meta["date"]),
            "slug": path.stem,
            "tags": meta.get("tags", []),
            "summary": meta.get("summary", ""),
        }
        header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        (stories / path.name).write_text(f"---\n{header}---\n\n{body}", encoding="utf-8")
        count += 1
    return count


def hugo_command(project: Path) -> list[str]:
    cache = project / ".hugo-cache"
    return [str(HUGO), "--quiet", "--cleanDestinationDir", "--cacheDir", str(cache)]
