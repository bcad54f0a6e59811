"""`site-builder import activities`: ledgers as staff keep them, into the yearly logs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import log_records, run_import
from openpyxl import Workbook

from site_builder.commands.main import main
from site_builder.project import Project

LOG_2025 = "content/activities/taihe/2025.yml"
HEADER = [
    "序号",
    "日期",
    "活动名称",
    "类别",
    "服务对象",
    "次数",
    "受益人次",
    "志愿者人数",
    "志愿时长(小时)",
    "捐赠现金(元)",
    "捐赠物资折合(元)",
    "合作单位",
    "备注",
    "约数",
]


def workbook(path: Path, sheet: str, rows: list[list[object]]) -> Path:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def ledger(tmp_path: Path) -> Path:
    """A ledger as a community keeps it: a title row, units in the header, a total row."""
    return workbook(
        tmp_path / "泰合台账.xlsx",
        "2025年",
        [
            ["泰合社区2025年活动台账"],
            HEADER,
            [
                1,
                dt.datetime(2025, 6, 1),
                "六一游园会",
                "文化活动",
                "儿童",
                1,
                120,
                15,
                45,
                None,
                None,
                "平山街道、本溪开放大学",
                "器材借自学校",
                "否",
            ],
            [
                2,
                "2025.6.3-2025.6.30",
                "夏季义诊: 量血压",
                "health",
                "老年人",
                4,
                200,
                8,
                32,
                None,
                None,
                None,
                None,
                "是",
            ],
            [
                3,
                "2025年7月2日",
                "暑期爱心捐赠",
                "捐赠救助",
                "一老一小",
                1,
                35,
                5,
                10,
                5000,
                1200,
                None,
                None,
                None,
            ],
            ["合计", None, None, None, None, 6, 355, 28, 87, 5000, 1200],
        ],
    )


def test_import_appends_records_and_keeps_the_existing_text(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project.root / LOG_2025
    before = path.read_text(encoding="utf-8")
    assert run_import(project, str(ledger(tmp_path)), "--community", "taihe") == 0
    out = capsys.readouterr().out
    assert "content/activities/taihe/2025.yml:新增 3 条" in out
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)  # every byte that was there, comments included
    records = log_records(project, "taihe", 2025)
    assert len(records) == 4 + 3
    fair, clinic, donation = records[4:]
    assert fair["date"] == "2025-06-01"
    assert fair["category"] == "culture"  # from the Chinese label
    assert fair["audiences"] == ["children"]
    assert fair["partners"] == ["平山街道", "本溪开放大学"]
    assert fair["notes"] == "器材借自学校"
    assert (clinic["start"], clinic["end"]) == ("2025-06-03", "2025-06-30")
    assert clinic["title"] == "夏季义诊: 量血压" and clinic["approximate"] is True
    assert clinic["sessions"] == 4 and clinic["volunteer_hours"] == 32
    assert donation["date"] == "2025-07-02"
    assert donation["donations"] == {"cash": 5000, "in_kind": 1200}
    assert donation["audiences"] == ["elderly", "children"]
    assert '    title: "夏季义诊: 量血压"\n' in after  # quoted: a plain ": " would break the YAML
    # The imported records count like any other.
    assert main(["--project", str(project.root), "check", "--as-of", "2026-01-31"]) == 0
    capsys.readouterr()
    args = ["--project", str(project.root), "stats", "--year", "2025", "--community", "taihe"]
    assert main([*args, "--format", "json", "--as-of", "2026-01-31"]) == 0
    total = json.loads(capsys.readouterr().out)["total"]
    assert total["values"]["beneficiaries"] == 3399 + 120 + 200 + 35
    assert total["values"]["cash"] == 22000 + 5000
    assert "beneficiaries" in total["approximate"]  # the clinic's figures are "at least"


def test_dry_run_writes_nothing(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (project.root / LOG_2025).read_bytes()
    assert run_import(project, str(ledger(tmp_path)), "--community", "taihe", "--dry-run") == 0
    assert "将新增 3 条" in capsys.readouterr().out
    assert (project.root / LOG_2025).read_bytes() == before


def test_importing_again_skips_what_is_there(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = ledger(tmp_path)
    assert run_import(project, str(source), "--community", "taihe") == 0
    once = (project.root / LOG_2025).read_bytes()
    capsys.readouterr()
    assert run_import(project, str(source), "--community", "taihe") == 0
    out = capsys.readouterr().out
    assert "新增 0 条" in out
    assert f"跳过 {source}:2025年!R3:已有同日同名的记录(2025-06-01 六一游园会)" in out
    assert (project.root / LOG_2025).read_bytes() == once


def test_a_record_already_in_the_log_is_not_changed_without_update(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = workbook(
        tmp_path / "l.xlsx",
        "Sheet1",
        [
            HEADER,
            [
                1,
                dt.datetime(2025, 4, 19),
                "“一个观众的剧场”上门演出",
                "文化活动",
                "一老一小",
                1,
                99,
            ],
        ],
    )
    before = (project.root / LOG_2025).read_bytes()
    assert run_import(project, str(source), "--community", "taihe") == 1
    out = capsys.readouterr().out
    assert (
        "l.xlsx:Sheet1!R2: 与已有记录不同(2025-04-19 “一个观众的剧场”上门演出,2025.yml 第 3 行)"
        in out
    )
    assert "    “受益人次”(R2C7):1 → 99\n" in out
    assert "    “次数”" not in out  # the same in both
    assert "加 --update 按台账更新" in out
    assert (project.root / LOG_2025).read_bytes() == before


def test_a_new_year_gets_a_new_log_with_the_schema_comment(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = workbook(
        tmp_path / "l.xlsx",
        "Sheet1",
        [HEADER, [1, "2026-03-01", "植树", "志愿服务", "", 1, 20, 20, 40]],
    )
    assert run_import(project, str(source), "--community", "fengze") == 0
    text = (project.content_dir / "activities/fengze/2026.yml").read_text(encoding="utf-8")
    assert text == (
        "# yaml-language-server: $schema=../../../site_builder/schemas/activity-log.schema.json\n"
        "activities:\n"
        "  - date: 2026-03-01\n"
        "    title: 植树\n"
        "    category: volunteer_service\n"
        "    beneficiaries: 20\n"
        "    volunteers: 20\n"
        "    volunteer_hours: 40\n"
    )


def test_bad_rows_are_reported_by_sheet_row_and_column_and_nothing_is_written(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = [
        "日期",
        "活动名称",
        "类别",
        "服务对象",
        "次数",
        "受益人次",
        "志愿者人数",
        "志愿时长",
        "捐赠现金",
        "捐赠物资折合",
        "关联故事",
    ]
    source = workbook(
        tmp_path / "bad.xlsx",
        "Sheet1",
        [
            header,
            [dt.datetime(2025, 7, 1), "体育", "sports", "儿童", 1, 10, 1, 1],
            [dt.datetime(2025, 7, 2), "捐赠", "健康服务", "儿童", 2.5, -3, 1, 1, "22000元"],
            [
                "2025-08-10至2025-08-01",
                "倒序",
                "健康服务",
                "残疾人",
                1,
                "1000人",
                1,
                1,
                None,
                None,
                "no-such-story",
            ],
            [dt.datetime(2025, 7, 1), "体育", "文化活动", "儿童", 1, 10],
        ],
    )
    before = {p: p.read_bytes() for p in project.content_dir.rglob("*") if p.is_file()}
    assert run_import(project, str(source), "--community", "taihe") == 1
    out = capsys.readouterr().out
    expected = [
        "bad.xlsx:Sheet1!R2C3: 错误: “类别”列:未知类别 “sports”,可选:health(健康服务)",
        "bad.xlsx:Sheet1!R3C5: 错误: “次数”列:“sessions” 应是整数,不能有小数(2.5)",
        "bad.xlsx:Sheet1!R3C6: 错误: “受益人次”列:“beneficiaries” 不能为负数(-3)",
        "bad.xlsx:Sheet1!R3C9: 错误: “捐赠现金”列:“cash” 应是数字,不要带单位或文字:写作 22000",
        "bad.xlsx:Sheet1!R4C1: 错误: “日期”列:结束日期 2025-08-01 早于开始日期 2025-08-10",
        "bad.xlsx:Sheet1!R4C4: 错误: “服务对象”列:服务对象 “残疾人” 无法识别",
        "bad.xlsx:Sheet1!R4C6: 错误: “受益人次”列:“beneficiaries” 应是数字,不要带单位或文字:写作 1000",
        "bad.xlsx:Sheet1!R4C11: 错误: “关联故事”列:故事 “no-such-story” 不存在",
    ]
    for text in expected:
        assert text in out
    assert "台账中有 8 处错误,未写入任何文件" in out
    assert {p: p.read_bytes() for p in project.content_dir.rglob("*") if p.is_file()} == before


def test_repeated_rows_in_one_ledger_are_an_error(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = [1, dt.datetime(2025, 7, 1), "体育", "文化活动", "儿童", 1, 10]
    source = workbook(tmp_path / "l.xlsx", "Sheet1", [HEADER, row, row])
    assert run_import(project, str(source), "--community", "taihe") == 1
    assert (
        "Sheet1!R3C3: 错误: “活动名称”列:与第 2 行重复(日期和活动名称相同)"
        in capsys.readouterr().out
    )


def test_a_csv_ledger_saved_by_chinese_excel_imports(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "台账.csv"
    lines = [
        "日期,活动名称,类别,服务对象,受益人次,志愿者人数",
        "2025/7/5,读书会,教育辅导,儿童,12,2",
        "2025/7/6,观影,文化活动,老人,abc,2",
    ]
    source.write_bytes("\r\n".join(lines).encode("gb18030"))  # Excel's "CSV" in Chinese Windows
    assert run_import(project, str(source), "--community", "taihe") == 1
    out = capsys.readouterr().out
    assert f"{source}!R3C5: 错误: “受益人次”列:“beneficiaries” 应是整数" in out
    source.write_bytes("\r\n".join(lines[:2]).encode("gb18030"))
    assert run_import(project, str(source), "--community", "taihe") == 0
    assert log_records(project, "taihe", 2025)[-1]["title"] == "读书会"


def test_a_log_written_as_a_flow_list_is_refused_with_the_reason(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = project.content_dir / "activities/taihe/2026.yml"
    flow_log = "activities: [{date: 2026-02-01, title: 春联, category: culture}]\n"
    log.write_text(flow_log, encoding="utf-8")
    source = workbook(
        tmp_path / "l.xlsx", "Sheet1", [HEADER, [1, "2026-03-01", "植树", "志愿服务", "", 1, 20]]
    )
    assert run_import(project, str(source), "--community", "taihe") == 1
    assert "activities 用的是 [...] 写法,无法在末尾追加" in capsys.readouterr().out
    assert log.read_text(encoding="utf-8") == flow_log


def test_usage_errors(project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_import(project, str(ledger(tmp_path)), "--community", "nowhere") == 2
    assert "社区 “nowhere” 不存在" in capsys.readouterr().out
    old = tmp_path / "old.xls"
    old.write_bytes(b"")
    assert run_import(project, str(old), "--community", "taihe") == 2
    assert "另存为 .xlsx" in capsys.readouterr().out
    sheet = workbook(tmp_path / "x.xlsx", "Sheet1", [["说明"], ["随便写写"]])
    assert run_import(project, str(sheet), "--community", "taihe") == 1
    assert "没有找到表头" in capsys.readouterr().out
