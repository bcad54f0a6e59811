"""The same stories as a stock MkDocs + Material blog: the baseline the benchmark compares with.

    .venv/bin/python benchmarks/stock.py .cache/bench/s2000 .cache/bench/s2000-blog

Each published story becomes `docs/blog/posts/<slug>.md` with the front matter Material's blog
plugin wants (`date`, `categories` from the tags, `authors` from the narrators, `slug`, since
Material's slugs drop Chinese titles); drafts stay out as they do on our site. Search is
Material's own, and jieba is installed, so Chinese is segmented the way a stock user gets it.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

from site_builder.output.urls import slugify

MKDOCS_YML = """\
site_name: 基准 · Material 博客插件
theme:
  name: material
  language: zh
  font: false
plugins:
  - search:
      separator: '[\\s\\u200b\\-_,:!=\\[\\]()"`/]+|\\.(?!\\d)|&[lg]t;|(?!\\b)(?=[A-Z][a-z])'
  - blog
"""


def read_story(path: Path) -> tuple[dict[str, object], str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def write_blog_project(source: Path, out: Path) -> int:
    """Write the blog project for the stories of `source`; returns how many posts it has."""
    shutil.rmtree(out, ignore_errors=True)
    posts = out / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (out / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (out / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (out / "docs" / "blog" / "index.md").write_text("# 故事\n", encoding="utf-8")
    authors: dict[str, dict[str, str]] = {}
    count = 0
    for path in sorted((source / "content" / "stories").glob("*.md")):
        meta, body = read_story(path)
        if meta.get("status") != "published":
            continue
        narrator = meta["narrator"]
        assert isinstance(narrator, dict)
        author = f"{slugify(narrator['name'])}-{meta['community']}"
        authors[author] = {"name": narrator["name"], "description": narrator["role"], "avatar": ""}
        front = {
            "date": meta["date"],
            "slug": path.stem,
            "categories": meta.get("tags", []),
            "authors": [author],
        }
        header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        summary = meta.get("summary", "")
        post = f"---\n{header}---\n\n# {meta['title']}\n\n{summary}\n\n<!-- more -->\n\n{body}"
        (posts / path.name).write_text(post, encoding="utf-8")
        count += 1
    (out / "docs" / "blog" / ".authors.yml").write_text(
        yaml.safe_dump({"authors": authors}, allow_unicode=True), encoding="utf-8"
    )
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the stock Material blog baseline.")
    parser.add_argument("source", type=Path, help="a generated project (benchmarks/generate.py)")
    parser.add_argument("out", type=Path, help="where to write the blog project")
    args = parser.parse_args()
    print(f"{write_blog_project(args.source, args.out)} posts in {args.out}")


if __name__ == "__main__":
    main()
