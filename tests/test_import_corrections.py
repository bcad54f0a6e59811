"""A corrected ledger imported again: each changed record shown field by field, applied only
with --update, in place, keeping every other byte of the log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import log_records, open_data_rows, run_import
from openpyxl import Workbook, load_workbook
from test_import_ledgers import LOG, office_ledger

from site_builder.commands.main import main
from site_builder.project import Project

HAND_NOTE = "    # 王芳 7月3日核对过\n"


def corrected(path: Path) -> Path:
    """The office ledger with three corrections and one more activity."""
    source = office_ledger(path)

    book = load_workbook(source)
    ws = book.active
    assert ws is not None
    ws["G4"] = 32  # 健康讲座: "30余" counted at the door: 32, exactly
    ws["G5"] = 48  # 读书角: 45 -> 48
    ws["J6"] = 600  # 亲子手工: cash 500 -> 600
    ws.insert_rows(9)
    for column, value in zip(
        "ABCDEFGHI",
        [5, "2026-06-15", "端午包粽子", "文化活动", "老年人", 1, 40, 5, 10],
        strict=True,
    ):
        ws[f"{column}9"] = value
    book.save(source)
    return source


def total_2026(project: Project) -> dict[str, str]:
    assert main(["--project", str(project.root), "compile"]) == 0
    text = (project.compiled_dir / "data/stats/2026.csv").read_text(encoding="utf-8-sig")
    rows = {(r["dimension"], r["key"]): r for r in open_data_rows(text)}
    return rows[("total", "")]


def test_a_corrected_ledger_shows_its_differences_and_updates_only_with_update(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run_import(project, str(office_ledger(tmp_path / "first.xlsx")), "--community", "fengze")
        == 0
    )
    log = project.root / LOG
    # Someone adds a comment by hand between the imports.
    text = log.read_text(encoding="utf-8").replace(
        "    title: 读书角\n", "    title: 读书角\n" + HAND_NOTE
    )
    log.write_text(text, encoding="utf-8")
    assert total_2026(project)["beneficiaries"] == "153"
    capsys.readouterr()

    source = corrected(tmp_path / "corrected.xlsx")
    assert run_import(project, str(source), "--community", "fengze") == 1
    out = capsys.readouterr().out
    at = f"{source}:2026年"
    for shown in (
        f"{at}!R4: 与已有记录不同(2026-05-06 健康讲座,2026.yml 第 3 行):",
        "    “受益人数”(R4C7):30 → 32",
        "    “约数”(R4):受益人数 → 无",
        f"{at}!R5: 与已有记录不同(2026-05-20 读书角,2026.yml 第 ",
        "    “受益人数”(R5C7):45 → 48",
        "    “金额(元)”(R6C10):500 → 600",
        "3 条已有记录与台账不同,未写入任何文件;核对无误后加 --update 按台账更新",
    ):
        assert shown in out
    assert "六一游园" not in out  # unchanged rows are not differences
    assert log.read_text(encoding="utf-8") == text
    assert total_2026(project)["beneficiaries"] == "153"  # nothing changed
    capsys.readouterr()

    assert run_import(project, str(source), "--community", "fengze", "--update") == 0
    out = capsys.readouterr().out
    assert "“受益人数”(R5C7):45 → 48" in out  # shown again as it is applied
    assert "content/activities/fengze/2026.yml:更新 3 条" in out
    assert "content/activities/fengze/2026.yml:新增 1 条" in out
    after = log.read_text(encoding="utf-8")
    assert HAND_NOTE in after
    assert after.startswith(text[: text.index("  - date: 2026-05-06")])  # header untouched
    records = log_records(project, "fengze", 2026)
    assert [r["beneficiaries"] for r in records] == [32, 48, 28, 50, 40]
    assert records[0]["approximate"] is False and records[3]["approximate"] == ["beneficiaries"]
    assert records[2]["donations"] == {"cash": 600.0, "in_kind": 0.0}
    total = total_2026(project)
    assert (total["beneficiaries"], total["cash"]) == (str(32 + 48 + 28 + 50 + 40), "1800")
    assert total["approximate"] == "beneficiaries"  # 约50 is still a lower bound
    capsys.readouterr()
    # Imported again: nothing left to correct.
    assert run_import(project, str(source), "--community", "fengze") == 0
    assert "新增 0 条" in capsys.readouterr().out


def test_update_changes_a_hand_written_log_in_place(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The seed's theatre record: a figure corrected, a missing field added after its photos."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["日期", "活动名称", "类别", "服务对象", "受益人次（人）", "志愿者人数", "合作单位"])
    ws.append(
        [
            dt.datetime(2025, 4, 19),
            "“一个观众的剧场”上门演出",
            "文化活动",
            "一老一小",
            2,
            10,
            "泰合社区少儿艺术团",
        ]
    )
    source = tmp_path / "l.xlsx"
    book.save(source)
    path = project.root / "content/activities/taihe/2025.yml"
    before = path.read_text(encoding="utf-8")
    assert run_import(project, str(source), "--community", "taihe", "--update", "--dry-run") == 0
    out = capsys.readouterr().out
    assert (
        "“受益人次（人）”(R2C5):1 → 2" in out
        and "“合作单位”(R2C7):(空) → 泰合社区少儿艺术团" in out
    )
    assert "将更新 1 条" in out
    assert path.read_text(encoding="utf-8") == before
    assert run_import(project, str(source), "--community", "taihe", "--update") == 0
    after = path.read_text(encoding="utf-8")
    expected = before.replace("    beneficiaries: 1\n", "    beneficiaries: 2\n").replace(
        "reference: TH-2025-013}\n", "reference: TH-2025-013}\n    partners: [泰合社区少儿艺术团]\n"
    )
    assert after == expected
