"""Yearly statistics: the seed's figures worked out by hand, and the pages, the downloads and
the `stats` command all showing exactly those; the data package; the charts; bad input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection, Mapping
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import AS_OF, open_data_rows
from frictionless import validate

from site_builder.commands.main import main
from site_builder.compiler import load_and_check
from site_builder.diagnostics import Diagnostic, Diagnostics
from site_builder.i18n import using_language
from site_builder.output.context import CompileContext
from site_builder.output.tree import OutputTree
from site_builder.pages import stats as stats_pages
from site_builder.pages.nav import site_nav
from site_builder.pages.stats_views import drawn
from site_builder.project import Project
from site_builder.render.build import BuildReport
from site_builder.selection import BuildOptions
from site_builder.stages import statistics as stats_stage
from site_builder.stats import charts, export
from site_builder.stats.line_chart import line_chart
from site_builder.stats.rollup import MEASURES, Figures, Rollup, merged, rollup
from site_builder.stats.tables import Labels, counting_rules

Built = tuple[Project, BuildReport, Diagnostics]
Write = Callable[[str, str], Path]
Row = tuple[float, ...]  # records, sessions, beneficiaries, volunteers, hours, cash, in kind

# -- the seed's figures, worked out by hand from content/activities/*/*.yml --------------------
# Only published, non-private records count: fengze 2024's private record (1 visit) and fengze
# 2025's draft (30 volunteers) are left out.

TOTAL = {
    2024: (8, 21, 415, 81, 259, 0, 0),
    2025: (12, 92, 4542, 136, 434, 22000, 7300),
}
COMMUNITIES = {
    2024: {
        "taihe": (4, 4, 85, 15, 49, 0, 0),
        "fengze": (2, 2, 140, 24, 72, 0, 0),  # 100 at the service fair + 40 blood pressure visits
        "jixiangyuan": (2, 15, 190, 42, 138, 0, 0),
    },
    2025: {
        # 64 sessions reaching 3196 child-visits; 42 children given 22000 yuan and 7300 in kind;
        # 160 in elderly education; 1 at the one-audience theatre.
        "taihe": (4, 75, 3399, 18, 36, 22000, 7300),
        # The service fair's 120; the volunteer corps' ten-year total is in no year (CUMULATIVE).
        "fengze": (3, 3, 120, 47, 168, 0, 0),
        # 748 over-70s' health records, 150 + 45 children, 80 at the free check-up.
        "jixiangyuan": (5, 14, 1023, 71, 230, 0, 0),
    },
}
# Elderly only, children only, both, neither: each record in one group.
AUDIENCES_2025 = {
    "elderly": (4, 11, 1108, 56, 180, 0, 0),
    "children": (4, 77, 3433, 43, 126, 22000, 7300),
    "both": (2, 2, 1, 25, 80, 0, 0),
    "general": (2, 2, 0, 12, 48, 0, 0),
}
# Series over several months count once, under "spanning"; the rest in their month.
MONTHS_2025 = {
    "03": (2, 2, 45, 15, 54, 0, 0),
    "04": (4, 4, 121, 45, 140, 0, 0),
    "05": (1, 1, 80, 8, 24, 0, 0),
    "spanning": (5, 85, 4296, 68, 216, 22000, 7300),
}
# The volunteer corps' "1000余次, 4000余人次" over ten years (2015 to May 2025): a cumulative
# figure, in no year's totals or changes.
CUMULATIVE = (1, 1000, 4000, 0, 0, 0, 0)
CUMULATIVE_APPROXIMATE = {"sessions", "beneficiaries"}  # lower bounds, from the "余" figures


def add(rows: list[Row]) -> Row:
    return tuple(sum(column) for column in zip(*rows, strict=True))


def values(figures: Figures) -> Row:
    return tuple(figures[m] for m in MEASURES)


def shown(row: Row, approximate: Collection[str] = ()) -> list[str]:
    """How a page writes a row: thousands separated, lower bounds marked 余."""
    return [
        f"{v:,}" + ("余" if m in approximate else "") for m, v in zip(MEASURES, row, strict=True)
    ]


def test_hand_figures_add_up() -> None:
    for year, communities in COMMUNITIES.items():
        assert add(list(communities.values())) == TOTAL[year]
    assert add(list(AUDIENCES_2025.values())) == TOTAL[2025]  # no record counted twice
    assert add(list(MONTHS_2025.values())) == TOTAL[2025]


def test_rollup_counts_the_seed_as_worked_out_by_hand(project: Project) -> None:
    diagnostics = Diagnostics()
    loaded = load_and_check(project, BuildOptions(as_of=dt.date(2026, 1, 31)), diagnostics)
    assert loaded is not None and not diagnostics.errors
    counted = rollup(loaded[1].records)
    assert list(counted.years) == [2024, 2025]
    for year, total in TOTAL.items():
        stats = counted.years[year]
        assert values(stats.total) == total
        assert {c: values(f) for c, f in stats.by_community.items()} == COMMUNITIES[year]
    stats = counted.years[2025]
    assert stats.total.approximate == set()  # the only "余" figures span ten years
    assert counted.years[2024].total.approximate == set()
    assert {a: values(f) for a, f in stats.by_audience.items()} == AUDIENCES_2025
    months = {m: values(f) for m, f in stats.by_month.items() if f["records"]}
    assert months == MONTHS_2025
    assert values(stats.by_category["health"]) == (2, 2, 828, 28, 104, 0, 0)
    assert stats.change["beneficiaries"].difference == 4542 - 415
    assert stats.change["records"].ratio == pytest.approx(4 / 8)
    assert not stats.change["beneficiaries"].approximate  # no ten-year total in it
    assert stats.change["cash"].ratio is None  # nothing the year before: no percentage
    assert values(counted.all_years) == add(list(TOTAL.values()))
    [span] = counted.cumulative
    assert (span.community, span.first_day, span.last_day, span.record_id) == (
        "fengze",
        dt.date(2015, 1, 1),
        dt.date(2025, 5, 15),
        "fengze-2025-1",
    )
    assert span.figures is not None and values(span.figures) == CUMULATIVE
    assert span.figures.approximate == CUMULATIVE_APPROXIMATE
    # The series under "spanning months", each named with its days where that figure is shown.
    assert len(stats.spanning) == MONTHS_2025["spanning"][0]
    assert stats.spanning[0].title == "儿童特色和主题活动(缝缝乐、手绘京剧脸谱、彩绘皮影等)"


def test_each_logs_share_merges_into_the_figures_of_all_records(project: Project) -> None:
    """A build counts and writes each log's records on its own and merges the shares
    (stages/statistics.py): the merged figures and records file are those of all records
    counted and written together, and the shares are left as they were."""
    diagnostics = Diagnostics()
    loaded = load_and_check(project, BuildOptions(as_of=dt.date(2026, 1, 31)), diagnostics)
    assert loaded is not None and not diagnostics.errors
    selection = loaded[1]
    by_log = selection.records_by_log
    assert len(by_log) > 2 and all(len({id(r.log) for r in records}) == 1 for records in by_log)
    assert sorted(id(r) for records in by_log for r in records) == sorted(
        id(r) for r in selection.records
    )

    def figures(rollup_: Rollup) -> object:
        def each(groups: Mapping[object, Figures]) -> dict[object, object]:
            return {key: (values(f), f.approximate) for key, f in groups.items()}

        return {
            year: (
                each({"total": s.total}),
                each(s.by_community),
                each(s.by_category),
                each(s.by_audience),
                each(s.by_month),
                each(s.by_community_audience),
                s.change,
            )
            for year, s in rollup_.years.items()
        }, (values(rollup_.all_years), rollup_.all_years.approximate)

    parts = [rollup(records) for records in by_log]
    before = [figures(part) for part in parts]
    whole = merged(*parts)
    assert list(whole.years) == [2024, 2025]
    assert figures(whole) == figures(rollup(selection.records))
    assert [figures(part) for part in parts] == before
    labels = Labels(selection)
    rows = [export.activity_rows(records, labels) for records in by_log]
    assert export.merged_activities_csv(rows) == export.activities_csv(selection.records, labels)


# -- page, download and terminal agree ---------------------------------------------------------


class _Tables(HTMLParser):
    """Every <table> of a page: caption -> rows of cell texts (header row included)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._caption: list[str] | None = None
        self._rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._rows = []
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption" and self._caption is not None:
            self._title = "".join(self._caption).strip()
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            self._rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self.tables[self._title] = self._rows

    def handle_data(self, data: str) -> None:
        if self._caption is not None:
            self._caption.append(data)
        if self._cell is not None:
            self._cell.append(data)


def tables_of(text: str) -> dict[str, dict[str, list[str]]]:
    """Caption -> first cell of each body row -> the row's other cells."""
    parser = _Tables()
    parser.feed(text)
    return {caption: {r[0]: r[1:] for r in rows[1:]} for caption, rows in parser.tables.items()}


def read_csv(text: str) -> dict[tuple[str, str], dict[str, str]]:
    return {(r["dimension"], r["key"]): r for r in open_data_rows(text)}


def csv_values(row: dict[str, str]) -> Row:
    return tuple(float(row[m]) for m in MEASURES)


@pytest.mark.slow
def test_page_download_and_terminal_show_the_same_figures(
    built: Built, capsys: pytest.CaptureFixture[str]
) -> None:
    project, report, _ = built
    assert report.ok
    data = project.site_dir / "data"
    # The download.
    raw = (data / "stats/2025.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with a byte order mark
    download = raw.decode("utf-8-sig")
    rows = read_csv(download)
    assert csv_values(rows[("total", "")]) == TOTAL[2025]
    assert rows[("total", "")]["approximate"] == ""  # the "余" figures span ten years
    for community, figures in COMMUNITIES[2025].items():
        assert csv_values(rows[("community", community)]) == figures
    for group, figures in AUDIENCES_2025.items():
        assert csv_values(rows[("audience", group)]) == figures
    year_json = json.loads((data / "stats/2025.json").read_text(encoding="utf-8"))
    assert tuple(year_json["total"]["values"].values()) == TOTAL[2025]
    assert year_json["total"]["approximate"] == []
    assert year_json["change_from_previous_year"]["beneficiaries"]["difference"] == 4127

    # The page (the compiled Markdown, and the HTML rendered from it).
    for text in (
        (project.compiled_dir / "stats/2025/index.md").read_text(encoding="utf-8"),
        (project.site_dir / "stats/2025/index.html").read_text(encoding="utf-8"),
    ):
        tables = tables_of(text)
        by_community = tables["2025年全部指标(按社区)"]
        assert by_community["泰合社区"] == shown(COMMUNITIES[2025]["taihe"])
        assert by_community["丰泽社区"] == shown(COMMUNITIES[2025]["fengze"])
        assert by_community["吉祥园社区"] == shown(COMMUNITIES[2025]["jixiangyuan"])
        assert by_community["合计"] == shown(TOTAL[2025])
        by_audience = tables["2025年全部指标(按服务对象)"]
        assert by_audience["一老(老年人)"] == shown(AUDIENCES_2025["elderly"])
        assert by_audience["一老一小"] == shown(AUDIENCES_2025["both"])
        totals = tables["2025年合计(所有社区)"]
        assert totals["受益人次"] == ["4,542", "415", "+4,127 (+994.5%)"]
    overview = tables_of((project.site_dir / "stats/index.html").read_text(encoding="utf-8"))
    by_year = overview["历年合计(所有社区)"]
    assert by_year["受益人次"][:2] == ["415", "4,542"]
    assert by_year["活动记录(条)"][:2] == ["8", "12"]

    # The terminal: the same bytes as the downloads, less the byte order mark.
    root = str(project.root)
    as_of = AS_OF.isoformat()
    assert (
        main(["--project", root, "stats", "--year", "2025", "--format", "csv", "--as-of", as_of])
        == 0
    )
    assert capsys.readouterr().out == download
    assert (
        main(["--project", root, "stats", "--year", "2025", "--format", "json", "--as-of", as_of])
        == 0
    )
    assert capsys.readouterr().out == (data / "stats/2025.json").read_text(encoding="utf-8")
    assert main(["--project", root, "stats", "--year", "2025", "--as-of", as_of]) == 0
    table = capsys.readouterr().out
    for figure in ("4,542", "3,399", "22,000", "7,300", "一老一小"):
        assert figure in table

    # The ten-year total: apart from every year, with its span, on page, download and terminal.
    overview = tables_of((project.site_dir / "stats/index.html").read_text(encoding="utf-8"))
    ten_years = ["丰泽社区", "2015年1月至2025年5月", "活动场次 1,000余；受益人次 4,000余"]
    apart = overview["跨年度的累计数字(不计入任何一年的合计)"]
    assert apart["“行善立德志愿者雷锋团”志愿服务(累计)"] == ten_years
    [cumulative] = open_data_rows((data / "stats/cumulative.csv").read_text(encoding="utf-8-sig"))
    assert (cumulative["start"], cumulative["end"]) == ("2015-01-01", "2025-05-15")
    assert (cumulative["sessions"], cumulative["beneficiaries"]) == ("1000", "4000")
    assert cumulative["approximate"] == "sessions;beneficiaries"
    assert main(["--project", root, "stats", "--format", "json", "--as-of", as_of]) == 0
    [terminal] = json.loads(capsys.readouterr().out)["cumulative"]
    assert terminal["values"]["beneficiaries"] == 4000 and terminal["start"] == "2015-01-01"
    assert main(["--project", root, "stats", "--as-of", as_of]) == 0
    assert "2015年1月至2025年5月" in capsys.readouterr().out
    # The monthly chart's 跨月系列 says what it holds, each series with its days.
    year_page = (project.site_dir / "stats/2025/index.html").read_text(encoding="utf-8")
    assert "“跨月系列”是开始和结束不在同一个月的系列活动" in year_page
    assert "寒假大学生志愿者义务辅导(吉祥园社区,1月20日至2月14日)" in year_page


@pytest.mark.slow
def test_home_and_community_pages_show_their_figures(built: Built) -> None:
    project = built[0]
    home = (project.site_dir / "index.html").read_text(encoding="utf-8")
    assert "2025年活动数字" in home
    assert re.search(r"<dt>受益人次</dt><dd>4,542</dd>", home)
    assert 'href="stats/2025/"' in home
    taihe = tables_of(
        (project.site_dir / "communities/taihe/index.html").read_text(encoding="utf-8")
    )
    yearly = taihe["泰合社区历年活动数字"]
    assert yearly["2024年"] == shown(COMMUNITIES[2024]["taihe"])
    assert yearly["2025年"] == shown(COMMUNITIES[2025]["taihe"])
    fengze = tables_of(
        (project.site_dir / "communities/fengze/index.html").read_text(encoding="utf-8")
    )
    assert fengze["丰泽社区历年活动数字"]["2025年"] == shown(COMMUNITIES[2025]["fengze"])
    ten_years = fengze["丰泽社区跨年度的累计数字(不计入各年合计)"]
    assert ten_years["“行善立德志愿者雷锋团”志愿服务(累计)"] == [
        "2015年1月至2025年5月",
        "活动场次 1,000余；受益人次 4,000余",
    ]


@pytest.mark.slow
def test_stats_page_is_in_the_navigation_and_writes_the_counting_rules(built: Built) -> None:
    assert {"统计": "stats/index.md"} in site_nav()
    page = (built[0].compiled_dir / "stats/index.md").read_text(encoding="utf-8")
    for name, rule in counting_rules():
        assert f"<dt>{name}</dt><dd>{rule}</dd>" in page
    assert "人次,不是人数" in page
    assert "同时服务两者的记入“一老一小”" in page
    assert "表示“至少”" in page


@pytest.mark.slow
def test_downloads_validate_against_the_datapackage(built: Built, tmp_path: Path) -> None:
    data = built[0].site_dir / "data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert names == [
        "activities",
        "stats-2024",
        "stats-2024-json",
        "stats-2025",
        "stats-2025-json",
        "cumulative",
    ]
    # Excel readers see Chinese headings; programs the stable names, each field with both.
    for resource in package["resources"]:
        if resource["format"] != "csv":
            continue
        fields = resource["schema"]["fields"]
        assert all(re.fullmatch(r"[a-z_]+", f["name"]) for f in fields)
        raw = (data / resource["path"]).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        heading = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert heading == [f["title"] for f in fields]
    assert {"受益人次", "志愿服务时长(小时)", "开始日期"} <= set(heading)
    report = validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["resource_name", "row_number", "field_name", "note"])
    # The schema is enforced, not decoration: a text where a count belongs fails.
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    broken = (
        (copy / "stats/2025.csv").read_text(encoding="utf-8-sig").replace(",3399,", ",3399人次,")
    )
    (copy / "stats/2025.csv").write_bytes(("\ufeff" + broken).encode("utf-8"))
    assert not validate(str(copy / "datapackage.json")).valid


@pytest.mark.slow
def test_downloads_hold_published_records_only(built: Built) -> None:
    data = built[0].site_dir / "data"
    activities = (data / "activities.csv").read_bytes()
    assert activities.startswith(b"\xef\xbb\xbf")
    records = open_data_rows(activities.decode("utf-8-sig"))
    assert len(records) == TOTAL[2024][0] + TOTAL[2025][0] + CUMULATIVE[0]
    [ten_years] = [r for r in records if r["cumulative"] == "true"]
    assert (ten_years["year"], ten_years["start"], ten_years["end"]) == (
        "",
        "2015-01-01",
        "2025-05-15",
    )
    assert "notes" not in records[0] and "status" not in records[0] and "private" not in records[0]
    titles = {r["title"] for r in records}
    assert "“爱心加油站”志愿者季度表彰" not in titles  # a draft
    assert not any("廉租房" in title for title in titles)  # a private record
    theatre = next(r for r in records if r["title"] == "“一个观众的剧场”上门演出")
    assert theatre["audience_group"] == "both"
    assert theatre["story"] == "stories/taihe-yige-guanzhong-de-juchang/"
    read = sorted(data.rglob("*.*"))
    everything = "".join(p.read_text(encoding="utf-8-sig") for p in read)
    for secret in ("表彰名单待确认", "涉及个人居住情况", "廉租房"):
        assert secret not in everything
    # Every download was read: the package names each file, and is one itself.
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    named = {data / resource["path"] for resource in package["resources"]}
    assert set(read) == {*named, data / "datapackage.json"}
    assert len(read) >= 4


def svgs(text: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", text, flags=re.S)]


@pytest.mark.slow
def test_charts_are_accessible_static_svg(built: Built) -> None:
    compiled = built[0].compiled_dir
    pages = [
        "stats/index.md",
        "stats/2025/index.md",
        "stats/2024/index.md",
        "communities/taihe/index.md",
    ]
    found = 0
    ns = "{http://www.w3.org/2000/svg}"
    for page in pages:
        for svg in svgs((compiled / page).read_text(encoding="utf-8")):
            found += 1
            assert svg.get("role") == "img"
            title_id, desc_id = (svg.get("aria-labelledby") or "").split()
            title = svg.find(f"{ns}title")
            desc = svg.find(f"{ns}desc")
            assert title is not None and title.get("id") == title_id and title.text
            assert desc is not None and desc.get("id") == desc_id and desc.text
            assert "Noto Sans CJK SC" in (svg.get("style") or "")
            assert svg.find(f".//{ns}script") is None
            assert "http" not in ET.tostring(svg, encoding="unicode").replace(
                "http://www.w3.org/2000/svg", ""
            )
    assert found >= 9
    year_page = (compiled / "stats/2025/index.md").read_text(encoding="utf-8")
    # Each chart wide and in a narrow layout per text size, with ids of their own.
    ids = re.findall(r'\bid="([^"]+)"', year_page)
    assert len(ids) == len(set(ids))
    for size, _ in charts.NARROW:
        assert f'id="category-2025-{size}-title"' in year_page
    stacked = next(
        s for s in svgs(year_page) if s.get("aria-labelledby", "").startswith("community")
    )
    desc = stacked.find(f"{ns}desc")
    assert desc is not None and "泰合社区 3,399 人次" in (desc.text or "")
    assert len(stacked.findall(f".//{ns}pattern")) >= 3  # texture, not colour alone


def test_line_chart_series_differ_by_marker_and_dash() -> None:
    layout = line_chart(
        "t",
        "趋势",
        ["2024", "2025"],
        [
            charts.Series("受益人次", [415, 8542], ["415", "8,542余"]),
            charts.Series("志愿者人次", [81, 136], ["81", "136"]),
        ],
        "人次",
    )
    svg = ET.fromstring(str(drawn(layout)))
    ns = "{http://www.w3.org/2000/svg}"
    assert len(svg.findall(f".//{ns}circle")) == 2  # first series: round markers
    assert len(svg.findall(f".//{ns}g/{ns}rect")) == 2  # second: square markers
    assert any(p.get("stroke-dasharray") for p in svg.iter(f"{ns}path"))
    labels = "".join(svg.itertext())
    assert "8,542余" in labels and "136" in labels


def test_axis_steps_are_round() -> None:
    assert charts.axis_step(8542) == 2500
    assert charts.axis_step(434) == 200
    assert charts.axis_step(22000) == 10000
    assert charts.axis_step(0) == 1


def compile_stats(project: Project, as_of: dt.date) -> Path:
    """Only the statistics stages, on the project as published on `as_of`."""
    diagnostics = Diagnostics()
    loaded = load_and_check(project, BuildOptions(as_of=as_of), diagnostics)
    assert loaded is not None and not diagnostics.errors
    ctx = CompileContext(project, loaded[1], OutputTree(project.compiled_dir), diagnostics)
    with using_language("zh"):
        stats_stage.prepare(ctx)
        stats_pages.generate(ctx)
        stats_stage.write_downloads(ctx)
    return project.compiled_dir


def test_a_year_not_over_is_marked_and_future_records_wait(project: Project) -> None:
    log = project.content_dir / "activities/taihe/2025.yml"
    scheduled = "\n  - date: 2025-09-01\n    title: 中秋联欢\n    category: culture\n    beneficiaries: 500\n"
    log.write_text(log.read_text(encoding="utf-8") + scheduled, encoding="utf-8")
    compiled = compile_stats(project, dt.date(2025, 6, 30))
    rows = read_csv((compiled / "data/stats/2025.csv").read_text(encoding="utf-8-sig"))
    assert (
        csv_values(rows[("community", "taihe")]) == COMMUNITIES[2025]["taihe"]
    )  # not yet 500 more
    assert "中秋联欢" not in (compiled / "data/activities.csv").read_text(encoding="utf-8-sig")
    year_json = json.loads((compiled / "data/stats/2025.json").read_text(encoding="utf-8"))
    assert year_json["through"] == "2025-06-30"
    page = (compiled / "stats/2025/index.md").read_text(encoding="utf-8")
    assert "2025年尚未结束:数字截至2025年6月30日。" in page
    assert "through" not in json.loads((compiled / "data/stats/2024.json").read_text("utf-8"))
    later = compile_stats(project, dt.date(2025, 9, 1))
    rows = read_csv((later / "data/stats/2025.csv").read_text(encoding="utf-8-sig"))
    assert csv_values(rows[("community", "taihe")])[2] == 3399 + 500


def test_a_record_over_the_new_year_counts_in_neither_year(project: Project) -> None:
    """A winter series from December to January spans two calendar years: a cumulative
    figure, in no year's totals, listed with its span; a span missing its file's year is an
    error at its `end`."""
    log = project.content_dir / "activities/taihe/2025.yml"
    winter = (
        "\n  - start: 2024-12-20\n    end: 2025-01-10\n    title: 寒假托管\n"
        "    category: education\n    audiences: [children]\n    beneficiaries: 300\n"
    )
    log.write_text(log.read_text(encoding="utf-8") + winter, encoding="utf-8")
    compiled = compile_stats(project, AS_OF)
    for year in (2024, 2025):
        rows = read_csv((compiled / f"data/stats/{year}.csv").read_text(encoding="utf-8-sig"))
        assert csv_values(rows[("community", "taihe")]) == COMMUNITIES[year]["taihe"]
    spans = open_data_rows((compiled / "data/stats/cumulative.csv").read_text("utf-8-sig"))
    assert [(r["title"], r["start"], r["end"]) for r in spans] == [
        ("“行善立德志愿者雷锋团”志愿服务(累计)", "2015-01-01", "2025-05-15"),
        ("寒假托管", "2024-12-20", "2025-01-10"),
    ]
    overview = tables_of((compiled / "stats/index.md").read_text(encoding="utf-8"))
    apart = overview["跨年度的累计数字(不计入任何一年的合计)"]
    assert apart["寒假托管"] == ["泰合社区", "2024年12月至2025年1月", "活动场次 1；受益人次 300"]
    text = log.read_text(encoding="utf-8").replace("start: 2024-12-20", "start: 2023-12-20")
    text = text.replace("end: 2025-01-10", "end: 2024-01-10")
    log.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    load_and_check(project, BuildOptions(as_of=AS_OF), diagnostics)
    [error] = diagnostics.errors
    assert error.message == "起止日期 2023-12-20 至 2024-01-10 不含本文件的年份 2025"
    assert error.line == text.count("\n", 0, text.index("end: 2024-01-10")) + 1


def test_stats_command_for_one_community(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--project", str(project.root), "stats", "--community", "taihe", "--format", "json"]
    assert main([*args, "--as-of", "2026-01-31"]) == 0
    years = json.loads(capsys.readouterr().out)["years"]
    assert [y["year"] for y in years] == [2024, 2025]
    assert tuple(years[1]["total"]["values"].values()) == COMMUNITIES[2025]["taihe"]
    assert [c["key"] for c in years[1]["breakdowns"]["community"]] == ["taihe"]
    assert years[1]["change_from_previous_year"]["sessions"]["difference"] == 75 - 4


def test_stats_command_refuses_unknown_community_and_empty_year(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(project.root)
    assert main(["--project", root, "stats", "--community", "nowhere"]) == 2
    assert "社区 “nowhere” 不存在" in capsys.readouterr().out
    assert main(["--project", root, "stats", "--year", "2019"]) == 2
    assert "2019年没有公开发布的活动记录(有记录的年份:2024、2025)" in capsys.readouterr().out


# -- bad input: every case at its line, all reported together ----------------------------------

LOG = "content/activities/taihe/2023.yml"
# (one record's lines, the line of its error counted from the record's first line, column, message)
BAD_RECORDS = [
    (
        ["  - date: 2023-03-05", "    title: 义诊", "    category: sports"],
        3,
        15,
        "未知类别 “sports”,可选:health(健康服务)、education(教育辅导)、",
    ),
    (
        ["  - date: 2024-01-05", "    title: 跨年", "    category: health"],
        1,
        11,
        "日期 2024-01-05 不在本文件的年份 2023 内",
    ),
    (
        ["  - start: 2023-05-10", "    end: 2023-05-01", "    title: 倒序", "    category: health"],
        2,
        10,
        "结束日期 2023-05-01 早于开始日期 2023-05-10",
    ),
    (
        [
            "  - date: 2023-06-01",
            "    title: 负数",
            "    category: health",
            "    beneficiaries: -3",
        ],
        4,
        20,
        "“beneficiaries” 不能为负数(-3)",
    ),
    (
        ["  - date: 2023-06-02", "    title: 小数", "    category: health", "    sessions: 2.5"],
        4,
        15,
        "“sessions” 应是整数,不能有小数(2.5)",
    ),
    (
        [
            "  - date: 2023-06-03",
            "    title: 文字",
            "    category: donation",
            '    donations: {cash: "22000元"}',
        ],
        4,
        23,
        "“cash” 应是数字,不要带单位或文字:写作 22000",
    ),
    (
        [
            "  - date: 2023-06-04",
            "    title: 故事",
            "    category: culture",
            "    story: no-such-story",
        ],
        4,
        12,
        "故事 “no-such-story” 不存在",
    ),
]


def errors_in(project: Project, path: str) -> list[Diagnostic]:
    diagnostics = Diagnostics()
    load_and_check(project, BuildOptions(as_of=dt.date(2026, 1, 31)), diagnostics)
    return [d for d in diagnostics.sorted() if d.path == path]


@pytest.mark.parametrize(("lines", "offset", "column", "message"), BAD_RECORDS)
def test_each_bad_record_is_an_error_at_its_line(
    project: Project, write: Write, lines: list[str], offset: int, column: int, message: str
) -> None:
    write(LOG, "activities:\n" + "\n".join(lines) + "\n")
    found = errors_in(project, LOG)
    assert [(d.line, d.column) for d in found] == [(1 + offset, column)], found
    assert message in found[0].message


def test_all_bad_records_are_reported_together(project: Project, write: Write) -> None:
    write(
        LOG, "activities:\n" + "\n".join(row for lines, *_ in BAD_RECORDS for row in lines) + "\n"
    )
    expected = []
    line = 1
    for lines, offset, column, message in BAD_RECORDS:
        expected.append((line + offset, column, message))
        line += len(lines)
    found = errors_in(project, LOG)
    assert [(d.line, d.column) for d in found] == [(n, c) for n, c, _ in expected]
    for diagnostic, (_, _, message) in zip(found, expected, strict=True):
        assert message in diagnostic.message


def test_an_approximate_figure_written_as_text_gets_a_hint(project: Project, write: Write) -> None:
    write(
        LOG,
        "activities:\n  - date: 2023-03-05\n    title: 义诊\n    category: health\n    beneficiaries: 1000余\n",
    )
    (error,) = errors_in(project, LOG)
    assert (error.line, error.column) == (5, 20)
    assert "写作 1000" in error.message and "approximate: [beneficiaries]" in error.message
