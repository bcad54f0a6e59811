"""Shared fixtures: copies of the sample project, and one full build of it per test session."""

from __future__ import annotations

import csv
import io
import logging
import shutil
import socket
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from site_builder.commands.main import main
from site_builder.diagnostics import Diagnostics
from site_builder.i18n import set_language
from site_builder.load.reader import load_site
from site_builder.project import Project
from site_builder.render.build import BuildReport, build_site
from site_builder.selection import BuildOptions
from site_builder.stats.schema import activity_fields, year_fields

ROOT = Path(__file__).resolve().parent.parent
AS_OF = BuildOptions().as_of
# Written by tests/browser for people to look at; named at the end of the run.
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
_STARTED = time.time()


def copy_project(target: Path) -> Project:
    """A private copy of the sample project (content, mkdocs.yml, theme) to build or break."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copytree(ROOT / "themes", target / "themes")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return Project(target)


def sitemap_urls(site: Path) -> set[str]:
    """The page addresses a built site's sitemap.xml lists."""
    loc = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
    return {element.text or "" for element in ET.parse(site / "sitemap.xml").iter(loc)}


def assert_every_page_read(site: Path, read: Iterable[Path | str]) -> None:
    """A loop that found nothing wrong in `site` read every page: one HTML file per sitemap
    address, and the 404 page. A wrong folder or suffix would otherwise find nothing, and pass.
    """
    pages = {Path(p).as_posix() for p in read if Path(p).suffix == ".html"}
    assert len(pages) == len(sitemap_urls(site)) + 1 > 10, sorted(pages)


def run_import(project: Project, *args: str) -> int:
    """`site-builder import activities ARGS` in the project; its exit status."""
    return main(["--project", str(project.root), "import", "activities", *args])


def log_records(project: Project, community: str, year: int) -> list[dict[str, object]]:
    """The records of a community's log for a year, as the loader reads them (JSON types)."""
    site = load_site(project, Diagnostics())
    assert site is not None
    log = next(g for g in site.activity_logs if g.community == community and g.year == year)
    return [r.model_dump(mode="json") for r in log.activities]


@pytest.fixture(autouse=True)
def chinese_messages() -> None:
    set_language("zh")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildReport, Diagnostics]:
    """The sample site built once, as `make site` builds it."""
    set_language("zh")
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    diagnostics = Diagnostics()
    report = build_site(project, BuildOptions(), diagnostics, workers=1)
    return project, report, diagnostics


@pytest.fixture(scope="session")
def built_zensical(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Project, BuildReport, Diagnostics]:
    """The sample site built once by Zensical (`build --engine zensical`)."""
    set_language("zh")
    project = copy_project(tmp_path_factory.mktemp("built-zensical") / "project")
    diagnostics = Diagnostics()
    report = build_site(project, BuildOptions(), diagnostics, workers=1, engine="zensical")
    return project, report, diagnostics


@pytest.fixture
def write(project: Project) -> Callable[[str, str], Path]:
    """Write a file into the project copy, relative to its root."""

    def write_file(rel: str, text: str) -> Path:
        path = project.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write_file


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Name the folder holding this run's browser screenshots."""
    taken = [p for p in SCREENSHOTS.glob("*.png") if p.stat().st_mtime >= _STARTED]
    if taken:
        terminalreporter.write_line(
            f"浏览器测试截图 {len(taken)} 张 (browser screenshots): {SCREENSHOTS}"
        )


# Keys for the S3 server the tests start; set before the cluster so its workers inherit them.
S3_ENV = {
    "AWS_ACCESS_KEY_ID": "site-builder-test",
    "AWS_SECRET_ACCESS_KEY": "site-builder-test",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture(scope="session")
def s3_env() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as env:
        for name, value in S3_ENV.items():
            env.setenv(name, value)
        yield


@pytest.fixture(scope="session")
def cluster(s3_env: None) -> Iterator[Any]:
    """A real two-worker Dask cluster (separate processes, one thread each) on 127.0.0.1."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as running:
        yield running


@pytest.fixture(scope="session")
def s3_server(s3_env: None) -> Iterator[str]:
    """moto's S3 server, speaking HTTP on a free port of 127.0.0.1; yields its endpoint."""
    server_module = pytest.importorskip("moto.server")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def open_data_rows(text: str) -> list[dict[str, str]]:
    """A downloaded CSV's rows by field name: its first row heads each column with the field's
    title, as the package describes."""
    names = {f["title"]: f["name"] for f in (*activity_fields(), *year_fields())}
    rows = list(csv.reader(io.StringIO(text)))
    header = [names[title] for title in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]
