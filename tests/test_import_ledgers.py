"""Ledgers as offices really keep them: their headers, title rows, 小计 and 合计 rows, merged
cells, "30余"; unknown columns and damaged files refused in plain Chinese; what they publish."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import log_records, open_data_rows, run_import
from openpyxl import Workbook, load_workbook

from site_builder.commands.main import main
from site_builder.excel_import import cells
from site_builder.excel_import.header import HEADERS, normalise_header
from site_builder.model.common import audience_words
from site_builder.model.vocabulary import AUDIENCE_WORDS
from site_builder.project import Project

LOG = "content/activities/fengze/2026.yml"
HEADER = [
    "序号",
    "活动日期",
    "活动名称",
    "活动类别",
    "服务对象",
    "场次",
    "受益人数",
    "志愿者人数",
    "服务时长（小时）",
    "金额(元)",
    "备注",
]
# (sessions, beneficiaries, volunteers, hours, cash) of the four activities below.
FIGURES = [(1, 30, 6, 12, 0), (2, 45, 4, 8, 0), (1, 28, 3, 6, 500), (1, 50, 10, 30, 1200)]


def save(book: Workbook, path: Path) -> Path:
    book.save(path)
    return path


def office_ledger(path: Path, header: list[str] = HEADER) -> Path:
    """A title and a subtitle row, two activities sharing a merged date cell, a 5月小计 row,
    "30余" and "约50", and a 合计 row at the end."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "2026年"
    ws.append(["丰泽社区2026年志愿服务活动台账"])
    ws.merge_cells("A1:K1")
    ws.append(["填报单位:丰泽社区居委会", None, None, None, None, None, None, None, "填报人:王芳"])
    ws.append(header)
    ws.append([1, dt.datetime(2026, 5, 6), "健康讲座", "健康服务", "老年人", 1, "30余", 6, 12])
    ws.append([2, dt.datetime(2026, 5, 20), "读书角", "文化活动", "儿童", 2, 45, 4, 8])
    ws.append([3, None, "亲子手工", "文化活动", "一老一小", 1, 28, 3, 6, 500, "材料费由共建单位出"])
    ws.merge_cells("B5:B6")  # one date for both activities of that day
    ws.append(["5月小计", None, None, None, None, 4, 103, 13, 26, 500])
    ws.append([4, "2026/6/1", "六一游园", "文化活动", "儿童", 1, "约50", 10, 30, 1200])
    ws.append(["合计", None, None, None, None, 5, 153, 23, 56, 1700])
    return save(book, path)


@pytest.mark.parametrize(
    ("written", "field"),
    [
        ("受益人数", "beneficiaries"),
        ("服务人数", "beneficiaries"),
        ("参与人数", "beneficiaries"),
        ("人次", "beneficiaries"),
        ("受益人次（人）", "beneficiaries"),
        ("受益人次 (人次)", "beneficiaries"),
        ("时长", "volunteer_hours"),
        ("服务时长", "volunteer_hours"),
        ("服务时长（小时）", "volunteer_hours"),
        ("志愿时长【小时】", "volunteer_hours"),
        ("志愿者人数", "volunteers"),
        ("金额", "donations.cash"),
        ("金额(元)", "donations.cash"),
        ("捐赠物资折合（元）", "donations.in_kind"),
        ("*活动名称", "title"),
        ("活动名称\u3000", "title"),
        ("beneficiaries", "beneficiaries"),
    ],
)
def test_the_headers_offices_write(written: str, field: str) -> None:
    assert HEADERS[normalise_header(written)] == field


def test_a_ledger_and_a_log_read_the_same_audience_words() -> None:
    for word in AUDIENCE_WORDS:
        assert cells.audiences(word) == audience_words([word]), word
    assert len(AUDIENCE_WORDS) > 10
    # A ledger cell holds several, glued as offices write them.
    assert cells.audiences("老年人和儿童") == ["elderly", "children"]
    assert cells.audiences("中小学生、长者") == ["elderly", "children"]
    assert cells.audiences("社区居民") == []
    assert cells.audiences("残疾人") is None


def test_an_office_ledger_imports_every_figure_and_says_what_it_skipped(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = office_ledger(tmp_path / "丰泽台账.xlsx")
    assert run_import(project, str(source), "--community", "fengze") == 0
    out = capsys.readouterr().out
    at = f"{source}:2026年"
    for note in (
        f"{at}!R1: 说明: 表头上方的“丰泽社区2026年志愿服务活动台账”是表格标题,不导入",
        f"{at}!R3: 说明: “序号”列(第 1 列)不导入",
        f"{at}!R7: 说明: “5月小计”行是汇总行,不导入(网站按各条记录重新计算)",
        f"{at}!R9: 说明: “合计”行是汇总行,不导入",
        "content/activities/fengze/2026.yml:新增 4 条",
    ):
        assert note in out
    assert "请核对" not in out  # the 小计 and 合计 rows add up
    records = log_records(project, "fengze", 2026)
    got = [
        (
            r["sessions"],
            r["beneficiaries"],
            r["volunteers"],
            r["volunteer_hours"],
            r["donations"]["cash"],  # type: ignore[index]
        )
        for r in records
    ]
    assert got == FIGURES
    assert [r["date"] for r in records] == ["2026-05-06", "2026-05-20", "2026-05-20", "2026-06-01"]
    # "30余" and "约50" make only that figure approximate.
    assert [r["approximate"] for r in records] == [
        ["beneficiaries"],
        False,
        False,
        ["beneficiaries"],
    ]
    assert records[2]["notes"] == "材料费由共建单位出"
    text = (project.root / LOG).read_text(encoding="utf-8")
    assert "    approximate: [beneficiaries]\n" in text


def test_an_imported_ledger_publishes_its_figures_on_page_download_and_terminal(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run_import(project, str(office_ledger(tmp_path / "l.xlsx")), "--community", "fengze") == 0
    )
    assert main(["--project", str(project.root), "compile"]) == 0
    capsys.readouterr()
    compiled = project.compiled_dir
    rows = {
        (r["dimension"], r["key"]): r
        for r in open_data_rows((compiled / "data/stats/2026.csv").read_text(encoding="utf-8-sig"))
    }
    total = rows[("total", "")]
    assert (total["sessions"], total["beneficiaries"], total["volunteers"]) == ("5", "153", "23")
    assert (total["volunteer_hours"], total["cash"]) == ("56", "1700")
    assert total["approximate"] == "beneficiaries"  # not the exact sessions, volunteers, hours
    page = (compiled / "stats/2026/index.md").read_text(encoding="utf-8")
    assert ">153余<" in page and ">56<" in page and ">23<" in page
    assert ">56余<" not in page and ">23余<" not in page and ">5余<" not in page
    records = open_data_rows((compiled / "data/activities.csv").read_text(encoding="utf-8-sig"))
    lecture = next(r for r in records if r["title"] == "健康讲座")
    assert lecture["approximate"] == "beneficiaries"
    args = ["--project", str(project.root), "stats", "--year", "2026", "--community", "fengze"]
    assert main([*args, "--format", "json"]) == 0
    terminal = json.loads(capsys.readouterr().out)["total"]
    assert terminal["values"]["beneficiaries"] == 153
    assert terminal["approximate"] == ["beneficiaries"]


def test_an_unknown_column_is_an_error_at_its_cell_unless_it_is_named(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = [*HEADER[:10], "活动地点", "受益人员"]
    source = office_ledger(tmp_path / "l.xlsx", header)
    assert run_import(project, str(source), "--community", "fengze") == 1
    out = capsys.readouterr().out
    at = f"{source}:2026年"
    assert (
        f"{at}!R3C11: 错误: 不认识列名 “活动地点”:这一列不需要导入时,请加 --ignore-column 活动地点"
        in out
    )
    assert f"{at}!R3C12: 错误: 不认识列名 “受益人员”,是不是 “受益人" in out
    assert "未写入任何文件" in out
    assert not (project.root / LOG).exists()
    args = ["--ignore-column", "活动地点", "--ignore-column", "受益人员"]
    assert run_import(project, str(source), "--community", "fengze", *args) == 0
    out = capsys.readouterr().out
    assert f"{at}!R3: 说明: “活动地点”列(第 11 列)不导入" in out
    assert len(log_records(project, "fengze", 2026)) == 4


def test_a_figure_in_merged_cells_is_refused(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(HEADER)
    ws.append([1, "2026-05-06", "健康讲座", "健康服务", "老年人", 1, 60])
    ws.append([2, "2026-05-07", "义诊", "健康服务", "老年人", 1])
    ws.merge_cells("G2:G3")  # 60 people over two activities: how many at each?
    source = save(book, tmp_path / "l.xlsx")
    assert run_import(project, str(source), "--community", "fengze") == 1
    out = capsys.readouterr().out
    assert f"{source}:Sheet!R2C7: 错误: “受益人数”列:数字所在的单元格 G2:G3 是合并单元格" in out
    assert out.count("合并单元格") == 1


def test_a_damaged_or_old_file_is_refused_in_chinese(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = office_ledger(tmp_path / "good.xlsx").read_bytes()
    cases = {
        "text.xlsx": b"this is not a workbook",
        "cut.xlsx": whole[: len(whole) // 2],  # a download that broke off
        "old.xlsx": bytes.fromhex("d0cf11e0a1b11ae1") + bytes(512),  # an .xls renamed
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        assert run_import(project, str(tmp_path / name), "--community", "fengze") == 1
        out = capsys.readouterr().out
        assert f"无法读取台账 {tmp_path / name}:" in out
        assert "File is not a zip" not in out and "Traceback" not in out
        expected = "旧版 .xls" if name == "old.xlsx" else "文件已损坏,或不是 Excel 表格(.xlsx)"
        assert expected in out
    args = ["--lang", "en", "--project", str(project.root), "import", "activities"]
    assert main([*args, str(tmp_path / "cut.xlsx"), "--community", "fengze"]) == 1
    assert "the file is damaged or not an Excel workbook" in capsys.readouterr().out


def test_a_total_that_does_not_add_up_is_pointed_out_and_a_dated_row_is_an_activity(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["活动名称", "日期", "类别", "受益人次（人）", "志愿者人数"])
    ws.append(["读书会", "2026-03-01", "文化活动", 20, 2])
    ws.append(["小计", None, None, 20, 2])
    ws.append(["志愿服务累计", "2026-03-30", "志愿服务", "40余", 10])  # dated: an activity
    ws.append(["合计", None, None, 70, 12])  # the rows give 60
    source = save(book, tmp_path / "l.xlsx")
    assert run_import(project, str(source), "--community", "fengze") == 0
    out = capsys.readouterr().out
    assert (
        f"{source}:Sheet!R5: 说明: “合计”行的“受益人次（人）”是 70,上面各行相加是 60,请核对" in out
    )
    assert "“合计”行的“志愿者人数”" not in out and "“小计”行的" not in out
    assert [r["title"] for r in log_records(project, "fengze", 2026)] == ["读书会", "志愿服务累计"]
    args = ["--lang", "en", "--project", str(project.root), "import", "activities"]
    ws.cell(1, 6, "负责人")
    save(book, source)
    assert main([*args, str(source), "--community", "fengze"]) == 1
    out = capsys.readouterr().out
    assert (
        "Sheet!R1C6: error: unknown column '负责人': if it is not to be imported, add --ignore-column 负责人"
        in out
    )


def spring_ledger(path: Path, sheet: str = "2025年", title: str = "丰泽社区2025年活动台账") -> Path:
    """As the office keeps it: a title row, rows from March to May dated `3月5日`, one
    `5月小计` row (the May rows only) and 合计 at the end."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    ws.append([title])
    ws.merge_cells("A1:F1")
    ws.append(["序号", "日期", "活动名称", "类别", "受益人数", "志愿者人数"])
    ws.append([1, "3月5日", "学雷锋便民服务", "志愿服务", 120, 20])
    ws.append([2, "3月28日", "儿童安全教育讲座", "教育辅导", 45, 3])
    ws.append([3, "4月12日", "志愿服务大集", "志愿服务", 170, 20])
    ws.append([4, "5月10日", "健康义诊", "健康服务", 32, 6])
    ws.append([5, "5月20日", "亲子读书会", "文化活动", 25, 4])
    ws.append(["5月小计", None, None, None, 57, 10])
    ws.append(["合计", None, None, None, 392, 53])
    return save(book, path)


def test_a_month_subtotal_sums_its_month_and_dates_take_the_sheets_year(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = spring_ledger(tmp_path / "丰泽台账.xlsx")
    assert run_import(project, str(source), "--community", "fengze") == 0
    out = capsys.readouterr().out
    at = f"{source}:2025年"
    assert "请核对" not in out  # 57 is May's sum, 392 everything's
    assert f"{at}!R3: 说明: “3月5日”等日期没有写年份,按“2025年”记为 2025 年" in out
    assert f"{at}!R8: 说明: “5月小计”行是汇总行,不导入" in out
    records = log_records(project, "fengze", 2025)
    imported = {r["title"]: r["date"] for r in records}
    assert imported["学雷锋便民服务"] == "2025-03-05"
    assert imported["亲子读书会"] == "2025-05-20"


def test_a_wrong_month_subtotal_is_compared_with_its_month_only(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = spring_ledger(tmp_path / "l.xlsx")
    book = load_workbook(source)
    ws = book.active
    assert ws is not None
    ws["E8"] = 60  # May's rows give 57
    ws["F8"] = 12  # and 10
    ws.append(["小计", None, None, None, 1, 0])  # nothing since the last subtotal
    save(book, source)
    assert run_import(project, str(source), "--community", "fengze") == 0
    out = capsys.readouterr().out
    at = f"{source}:2025年"
    assert f"{at}!R8: 说明: “5月小计”行的“受益人数”是 60,5月各行相加是 57,请核对" in out
    assert f"{at}!R8: 说明: “5月小计”行的“志愿者人数”是 12,5月各行相加是 10,请核对" in out
    assert "“合计”行的" not in out
    assert f"{at}!R10: 说明: “小计”行的“受益人数”是 1,上一个小计以来各行相加是 0,请核对" in out


@pytest.mark.parametrize(
    ("sheet", "title", "message"),
    [
        (
            "Sheet1",
            "丰泽社区活动台账",
            "日期 “3月5日” 没有写年份,工作表名和表格标题中也没有年份:"
            "请写完整日期,如 2025年3月5日,或把工作表改名为年份(如“2025年”)",
        ),
        (
            "2025年",
            "丰泽社区2024年活动台账",
            "日期 “3月5日” 没有写年份,工作表名和表格标题写了不止一个年份(2024、2025),"
            "不知道是哪一年:请写完整日期,如 2025年3月5日",
        ),
    ],
)
def test_a_date_without_a_year_and_no_single_year_named_is_an_error_at_its_cell(
    project: Project,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sheet: str,
    title: str,
    message: str,
) -> None:
    source = spring_ledger(tmp_path / "l.xlsx", sheet=sheet, title=title)
    before = (project.root / "content/activities/fengze/2025.yml").read_bytes()
    assert run_import(project, str(source), "--community", "fengze") == 1
    out = capsys.readouterr().out
    assert f"{source}:{sheet}!R3C2: 错误: “日期”列:{message}" in out
    assert "台账中有 5 处错误" in out  # one at each date, none repeated by the model
    assert "请核对" not in out  # a month's sum is not checked while its days are unknown
    assert (project.root / "content/activities/fengze/2025.yml").read_bytes() == before
