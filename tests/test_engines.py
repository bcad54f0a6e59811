"""The same site through either engine (issue 13): MkDocs + Material, and Zensical.

The sample site is built once with each engine; every check below runs on both builds: the
pages, their article text, the navigation, page sizes, the search, and the links, resolved as
a browser would with the site served under a sub-path.
"""

from __future__ import annotations

import hashlib
import re
import socket
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import ROOT, copy_project
from test_serve import GOOD_AGAIN, SITE_BUILDER, fetch, last_line, wait_for

from site_builder.commands.main import main
from site_builder.compiler import compile_site
from site_builder.diagnostics import Diagnostics
from site_builder.pages.engine_config import config_file
from site_builder.project import Project
from site_builder.render.build import build_site
from site_builder.render.zensical_engine import ZensicalEngine
from site_builder.selection import BuildOptions

sys.path.insert(0, str(ROOT / "benchmarks"))
import search_quality

ENGINES = ("mkdocs", "zensical")
TABS = ["首页", "故事", "典型采撷", "社区", "统计", "讲述人", "图库", "归档", "标签"]
SUB_PATH = "http://example.test/sub/"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Project]:
    """The sample project built once by each engine, each in a copy of its own."""
    built = {}
    for engine in ENGINES:
        project = copy_project(tmp_path_factory.mktemp(engine) / "project")
        diagnostics = Diagnostics()
        report = build_site(project, BuildOptions(), diagnostics, workers=1, engine=engine)
        assert report.ok, "\n".join(str(d) for d in diagnostics.sorted())
        built[engine] = project
    return built


def html_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith("pagefind/")
    )


class _Links(HTMLParser):
    """Every URL a page refers to: href, src and each candidate of srcset."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.tabs: list[str] = []
        self._in_tab = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.urls.append(value)
            elif name == "srcset":
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name == "class" and "md-tabs__link" in value.split():
                self._in_tab = True
                self.tabs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_tab = False

    def handle_data(self, data: str) -> None:
        if self._in_tab:
            self.tabs[-1] += data.strip()


def parsed(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    """Local URLs that, with the site served at SUB_PATH, name no file of the site."""
    broken = []
    for rel in html_pages(site):
        if rel == "404.html":  # served in place of any missing page: its links are absolute
            continue
        page_url = urljoin(SUB_PATH, rel.removesuffix("index.html"))
        for url in parsed(site / rel).urls:
            target = urlsplit(urljoin(page_url, url))
            if target.netloc != urlsplit(SUB_PATH).netloc or target.scheme not in ("http", ""):
                continue  # another site, mailto:, data:
            path = unquote(target.path)
            if not path.startswith("/sub/"):
                broken.append(f"{rel}: {url} -> {path}")
                continue
            file = site / path.removeprefix("/sub/")
            if path.endswith("/"):
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{rel}: {url} -> {path}")
    return broken


@pytest.mark.slow
def test_both_engines_publish_the_same_pages(sites: dict[str, Project]) -> None:
    mkdocs, zensical = (html_pages(sites[e].site_dir) for e in ENGINES)
    assert len(mkdocs) > 30
    assert mkdocs == zensical


@pytest.mark.slow
def test_both_engines_publish_the_same_article_text(sites: dict[str, Project]) -> None:
    mkdocs, zensical = (search_quality.page_texts(sites[e].site_dir) for e in ENGINES)
    assert len(mkdocs) > 30 and mkdocs.keys() == zensical.keys()

    def normalized(text: str) -> str:
        return re.sub(r"\s+", " ", text).strip()

    different = [url for url in mkdocs if normalized(mkdocs[url]) != normalized(zensical[url])]
    assert different == []


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_the_navigation_is_the_chinese_tabs(sites: dict[str, Project], engine: str) -> None:
    site = sites[engine].site_dir
    for rel in ("index.html", "stats/index.html", "stories/fengze-lianxin-huayuan/index.html"):
        assert parsed(site / rel).tabs == TABS, rel


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_story_pages_stay_small(sites: dict[str, Project], engine: str) -> None:
    stories = list((sites[engine].site_dir / "stories").glob("*/index.html"))
    assert len(stories) >= 3
    assert max(p.stat().st_size for p in stories) < 40 * 1024


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_search_finds_a_word_from_inside_a_story(sites: dict[str, Project], engine: str) -> None:
    project = sites[engine]
    source = (project.content_dir / "stories/taihe-yige-guanzhong-de-juchang.md").read_text(
        encoding="utf-8"
    )
    body = source.split("\n---\n", 1)[1]
    assert "皮影" in body and "皮影" not in source.split("\n---\n", 1)[0]
    found = search_quality.search(project.site_dir, ["皮影"])["皮影"]
    assert "/stories/taihe-yige-guanzhong-de-juchang/" in found


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_no_link_breaks_under_a_sub_path(sites: dict[str, Project], engine: str) -> None:
    site = sites[engine].site_dir
    checked = sum(len(parsed(site / rel).urls) for rel in html_pages(site))
    assert checked > 1000
    assert broken_links(site) == []


def test_the_link_check_sees_a_broken_link(tmp_path: Path) -> None:
    page = tmp_path / "stories" / "a" / "index.html"
    page.parent.mkdir(parents=True)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "x.css").write_text("", encoding="utf-8")
    page.write_text(
        '<link href="../../assets/x.css"><a href="../../../assets/x.css"></a>'
        '<img srcset="../../assets/x.css 1x, ../../assets/y.webp 2x"><a href="/assets/x.css">'
        '<a href="https://elsewhere.example/">',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == [
        "stories/a/index.html: ../../../assets/x.css -> /assets/x.css",
        "stories/a/index.html: ../../assets/y.webp -> /sub/assets/y.webp",
        "stories/a/index.html: /assets/x.css -> /assets/x.css",
    ]


@pytest.mark.slow
def test_zensical_ships_no_index_of_its_own(sites: dict[str, Project]) -> None:
    site = sites["zensical"].site_dir
    assert not (site / "search.json").exists()
    assert (site / "pagefind" / "pagefind.js").is_file()


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.mark.slow
def test_zensical_clean_deletes_only_its_own_cache(sites: dict[str, Project]) -> None:
    project = sites["zensical"]
    ours = {d: _hashes(d) for d in (project.compiled_dir, project.image_cache_dir)}
    assert all(ours.values())
    own_cache = project.engine_dir("zensical") / ".cache"
    assert own_cache.is_dir()
    config = config_file(project, "zensical")
    subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config)],
        cwd=config.parent,
        capture_output=True,
        check=True,
    )
    assert {d: _hashes(d) for d in ours} == ours
    assert project.site_dir.is_dir()


@pytest.mark.slow
def test_a_site_from_another_engine_is_never_reused(project: Project) -> None:
    generator = re.compile(r'<meta name="generator" content="([^"]*)"')
    for engine, expected in (
        ("mkdocs", "mkdocs-"),
        ("zensical", "zensical-"),
        ("mkdocs", "mkdocs-"),
    ):
        report = build_site(project, BuildOptions(), Diagnostics(), workers=1, engine=engine)
        assert report.ok and not report.up_to_date and not report.incremental
        index = (project.site_dir / "index.html").read_text(encoding="utf-8")
        found = generator.search(index)
        assert found is not None and found.group(1).startswith(expected)
    again = build_site(project, BuildOptions(), Diagnostics(), workers=1, engine="mkdocs")
    assert again.up_to_date


@pytest.mark.slow
def test_a_failing_engine_leaves_the_site_and_says_why(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--project", str(project.root), "build", "--engine", "zensical"]) == 0
    published = _hashes(project.site_dir)
    # Python's str.startswith works in MkDocs' Jinja, not in Zensical's MiniJinja.
    main_html = project.root / "themes/material/main.html"
    main_html.write_text(
        main_html.read_text(encoding="utf-8") + '{{ "x".startswith("x") }}\n', encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["--project", str(project.root), "build", "--engine", "zensical"]) == 1
    out = capsys.readouterr().out
    assert "themes/material/main.html:" in out and "Zensical:模板出错:" in out
    assert "startswith" in out
    assert "构建失败,原有的 site/ 保持不变" in out
    assert "Traceback" not in out
    assert _hashes(project.site_dir) == published
    assert not list(project.root.glob(".site-build-*"))


@pytest.mark.slow
def test_zensical_warnings_are_errors_at_their_place(project: Project, tmp_path: Path) -> None:
    assert compile_site(project, BuildOptions(), Diagnostics(), workers=1) is not None
    stats = project.compiled_dir / "stats" / "index.md"
    lines = stats.read_text(encoding="utf-8").splitlines()
    stats.write_text("\n".join([*lines, "", "[台账](nowhere.md)", ""]), encoding="utf-8")
    diagnostics = Diagnostics()
    out = tmp_path / "out"
    out.mkdir()
    assert not ZensicalEngine().render(project, out, diagnostics)
    placed = [d for d in diagnostics.errors if d.path.endswith("stats/index.md")]
    assert [(d.path, d.line, d.column) for d in placed] == [
        (".cache/compiled/stats/index.md", len(lines) + 2, 6)  # the link's target, in characters
    ]
    assert placed[0].message == "Zensical:链接指向的页面不存在"
    assert list(out.iterdir()) == []


@pytest.mark.slow
def test_serve_with_zensical_shows_an_edit(project: Project, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    terminal = tmp_path / "terminal.txt"
    with terminal.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [SITE_BUILDER, "serve", "--engine", "zensical", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project.root,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}/stories/fengze-lianxin-huayuan/"
        wait_for(lambda: "连心花园" in (fetch(url) or ""), 120)
        page = fetch(url) or ""
        assert 'content="zensical-' in page and "livereload" in page
        story = project.content_dir / "stories" / "fengze-lianxin-huayuan.md"
        good = story.read_text(encoding="utf-8")
        story.write_text(good + "\n预览里新写的一句。\n", "utf-8")
        wait_for(lambda: "预览里新写的一句" in (fetch(url) or ""), 60)
        # Zensical itself hears of a theme edit; the page shows it too.
        main_html = project.root / "themes/material/main.html"
        theme = main_html.read_text("utf-8")
        main_html.write_text(
            theme.replace("{% block extrahead %}", "{% block extrahead %}<!-- 主题改过了 -->"),
            "utf-8",
        )
        wait_for(lambda: "主题改过了" in (fetch(url) or ""), 60)
        # A content error shows in the page, at its place, until it is fixed.
        story.write_text(good.replace("community: fengze", "community：fengze"), "utf-8")
        wait_for(lambda: "内容有错误" in (fetch(url) or ""), 60)
        assert "content/stories/fengze-lianxin-huayuan.md:5:10" in (fetch(url) or "")
        assert GOOD_AGAIN not in terminal.read_text(encoding="utf-8")
        story.write_text(good, "utf-8")
        wait_for(lambda: "连心花园" in (fetch(url) or ""), 60)
        wait_for(lambda: last_line(terminal) == GOOD_AGAIN, 30)
        assert "Traceback" not in terminal.read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
    # Zensical's server stopped with ours.
    preview = str(project.engine_dir("zensical") / "preview.yml")
    running = subprocess.run(["pgrep", "-f", preview], capture_output=True, text=True)
    assert running.stdout == ""


@pytest.mark.slow
def test_serve_with_zensical_starts_on_content_with_errors(project: Project) -> None:
    story = project.content_dir / "stories" / "fengze-lianxin-huayuan.md"
    good = story.read_text(encoding="utf-8")
    story.write_text(good.replace("community: fengze", "community：fengze"), "utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [SITE_BUILDER, "serve", "--engine", "zensical", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/stories/fengze-lianxin-huayuan/"
        wait_for(lambda: "内容有错误" in (fetch(url) or ""), 120)
        assert not project.engine_dir("zensical").exists()  # never compiled yet
        story.write_text(good, "utf-8")
        wait_for(lambda: "连心花园" in (fetch(url) or ""), 120)
        assert "内容有错误" not in (fetch(url) or "")
    finally:
        server.terminate()
        server.wait(timeout=30)
