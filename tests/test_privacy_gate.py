"""The privacy gate: a corpus of bad inputs in every publishable place, each with its outcome.

Each case edits a copy of the sample project and asserts the exact diagnostic: where it is,
its severity, what it names, and that the full number never appears in the message.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from site_builder.compiler import compile_site, load_and_check
from site_builder.diagnostics import Diagnostic, Diagnostics, Severity
from site_builder.markup import render_markdown
from site_builder.project import Project
from site_builder.render.build import build_site
from site_builder.render.output_checks import check_published_images
from site_builder.selection import BuildOptions

STORY = "content/stories/fengze-lianxin-huayuan.md"
DRAFT = "content/stories/fengze-zhiyuan-daji.md"
COLLECTION = "content/collections/shouhu-zhaoxi-meihao.md"
COMMUNITY = "content/communities/taihe.yml"
LOG = "content/activities/taihe/2025.yml"

ID = "210102198503070013"  # valid check digit
MOBILE = "13912345678"
CARD = "6222020200112233446"  # Luhn-valid, 19 digits


def diagnostics(project: Project) -> list[Diagnostic]:
    found = Diagnostics()
    load_and_check(project, BuildOptions(), found)
    return found.sorted()


def edit(project: Project, rel: str, old: str, new: str) -> None:
    path = project.root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Project, rel: str, needle: str) -> int:
    lines = (project.root / rel).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def first_body_line(project: Project, rel: str) -> str:
    text = (project.root / rel).read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    return next(line for line in body.split("\n") if line.strip() and not line.startswith("#"))


# -- personal data in each publishable place ---------------------------------------------------

PLACES: list[tuple[str, str, str, Callable[[str], str], str, Severity]] = []


def _case(
    name: str,
    rel: str,
    anchor: str,
    insert: Callable[[str], str],
    kind: str,
    severity: Severity = Severity.ERROR,
) -> None:
    PLACES.append((name, rel, anchor, insert, kind, severity))


_case("id-in-title", STORY, "title: ", lambda a: a + f"{ID} ", "身份证号")
_case("mobile-in-summary", STORY, "summary: ", lambda a: a + f"电话{MOBILE},", "手机号")
_case(
    "fullwidth-mobile-in-body",
    STORY,
    "BODY",
    lambda a: "联系电话１３９１２３４５６７８。" + a,
    "手机号",
)
_case("plus86-in-body", STORY, "BODY", lambda a: "请拨 +86 139-1234-5678。" + a, "手机号")
_case("card-in-body", STORY, "BODY", lambda a: f"捐款账户{CARD}。" + a, "银行卡号")
_case("email-in-role", STORY, "  role: ", lambda a: a + "zhang.san@example.com ", "电子邮件")
_case("id-in-tag", STORY, "tags: [", lambda a: a + f"编号{ID}, ", "身份证号")
_case("unit-address-in-body", STORY, "BODY", lambda a: "她住在3号楼2单元501室。" + a, "住址")
_case(
    "street-address-in-body",
    STORY,
    "BODY",
    lambda a: "地点在和平路12号。" + a,
    "住址",
    Severity.WARNING,
)
_case("plate-in-body", STORY, "BODY", lambda a: "他的车牌是辽A12345。" + a, "车牌")
_case(
    "landline-in-community",
    COMMUNITY,
    "description: ",
    lambda a: a + "电话 0414-2345678。",
    "固定电话",
)
_case("id-in-collection-note", COLLECTION, "BODY", lambda a: f"身份证{ID}。" + a, "身份证号")
_case(
    "mobile-in-collection-headline", COLLECTION, "headline: ", lambda a: a + f"{MOBILE} ", "手机号"
)
_case("mobile-in-activity-title", LOG, "title: ", lambda a: a + f"{MOBILE} ", "手机号")
_case("id-in-photo-caption", STORY, "caption: ", lambda a: a + f"{ID} ", "身份证号")
_case("mobile-in-photo-alt", STORY, "alt: ", lambda a: a + f"{MOBILE} ", "手机号")


@pytest.mark.parametrize(
    ("rel", "anchor", "insert", "kind", "severity"),
    [case[1:] for case in PLACES],
    ids=[case[0] for case in PLACES],
)
def test_personal_data_is_found_at_its_place(
    project: Project,
    rel: str,
    anchor: str,
    insert: Callable[[str], str],
    kind: str,
    severity: Severity,
) -> None:
    if anchor == "BODY":
        anchor = first_body_line(project, rel)
    edit(project, rel, anchor, insert(anchor))
    needle = insert("")[:4]
    found = [d for d in diagnostics(project) if d.path == rel and d.code.startswith("pii")]
    assert len(found) == 1, found
    finding = found[0]
    assert finding.severity is severity
    assert kind in finding.message
    assert finding.line == line_of(project, rel, needle)
    for secret in (ID, MOBILE, CARD, "１３９１２３４５６７８", "139-1234-5678"):
        assert secret not in finding.message


def test_full_width_finding_column_points_at_the_number(project: Project) -> None:
    edit(project, STORY, "summary: ", "summary: 电话１３９１２３４５６７８,")
    (finding,) = [d for d in diagnostics(project) if d.code == "pii-mobile"]
    assert finding.column == len("summary: 电话") + 1
    assert "139****5678" in finding.message


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        (STORY, "summary: ", "summary: 有困难请拨打12345热线,急救请拨120。"),
        (
            STORY,
            "summary: ",
            f"summary: 电话{MOBILE}(已核实为公开号码)  # privacy-ok: 社区公开热线\n_x: ",
        ),
        (DRAFT, "summary: ", f"summary: {ID} "),  # drafts are not published
    ],
    ids=["public-service-numbers", "silenced-line", "draft-not-scanned"],
)
def test_allowed_silenced_and_unpublished_text_passes(
    project: Project, rel: str, old: str, new: str
) -> None:
    if "_x: " in new:
        new = f"summary: 电话{MOBILE}。  # privacy-ok: 社区公开热线\n"
        text = (project.root / rel).read_text(encoding="utf-8")
        line = next(ln for ln in text.split("\n") if ln.startswith("summary: "))
        (project.root / rel).write_text(
            text.replace(line, f"summary: 社区热线{MOBILE}  # privacy-ok: 社区公开热线"),
            encoding="utf-8",
        )
    else:
        edit(project, rel, old, new)
    assert [d for d in diagnostics(project) if d.code.startswith("pii")] == []


def test_private_activity_record_is_not_scanned(project: Project) -> None:
    path = project.root / LOG
    path.write_text(
        path.read_text(encoding="utf-8")
        + f"  - date: 2025-12-01\n    title: 内部记录 {ID}\n    category: care\n    private: true\n",
        encoding="utf-8",
    )
    assert [d for d in diagnostics(project) if d.code.startswith("pii")] == []


def test_community_office_phone_is_allowed(project: Project) -> None:
    edit(
        project,
        COMMUNITY,
        "description: ",
        "office_phone: 024-12345678\ndescription: 办公电话 024-12345678。",
    )
    assert [d for d in diagnostics(project) if d.code.startswith("pii")] == []


# -- names, pseudonyms, sensitive terms ------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "anchor"),
    [(STORY, "BODY"), (LOG, "title: "), (COLLECTION, "BODY"), (COMMUNITY, "description: ")],
    ids=["story-body", "activity-title", "collection-note", "community"],
)
def test_real_name_fails_at_its_line(project: Project, rel: str, anchor: str) -> None:
    if anchor == "BODY":
        anchor = first_body_line(project, rel)
    edit(project, rel, anchor, anchor + "曲余祥")
    (found,) = [d for d in diagnostics(project) if d.code == "real-name"]
    assert found.path == rel
    assert found.line == line_of(project, rel, "曲余祥")
    assert "曲**" in found.message
    assert "曲余祥" not in found.message


def test_pseudonym_must_be_marked(project: Project) -> None:
    rel = "content/stories/jixiangyuan-tongxinyuan.md"
    edit(project, rel, "小宇航(化名)", "小宇航")
    (found,) = [d for d in diagnostics(project) if "化名" in d.message]
    assert found.severity is Severity.WARNING
    assert found.line == line_of(project, rel, "小宇航今年")


def test_pseudonym_that_is_a_real_name(project: Project) -> None:
    rel = "content/stories/jixiangyuan-tongxinyuan.md"
    edit(project, rel, "pseudonyms: [", "pseudonyms: [曲余祥, ")
    messages = [d.message for d in diagnostics(project) if d.path == rel]
    assert any("化名 曲** 与真实姓名名单重复" in m for m in messages)


def test_unacknowledged_sensitive_term_warns(project: Project) -> None:
    rel = "content/stories/jixiangyuan-tongxinyuan.md"
    edit(project, rel, "acknowledged_terms: [", "acknowledged_terms: [住院, ")
    text = (project.root / rel).read_text(encoding="utf-8")
    term = "脑梗"
    assert term in text
    edit(project, rel, f"{term}, ", "") if f"{term}, " in text else edit(
        project, rel, f", {term}", ""
    )
    found = [d for d in diagnostics(project) if d.code == "sensitive-term"]
    assert [d.severity for d in found] == [Severity.WARNING]
    assert term in found[0].message
    assert found[0].line == line_of(project, rel, term)


# -- photos of people -----------------------------------------------------------------------------

THEATRE = "content/stories/taihe-yige-guanzhong-de-juchang.md"
THEATRE_CONSENT = "    consent: {given_by: guardian, date: 2025-04-19, reference: TH-2025-012}\n"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (THEATRE_CONSENT, "", "照片 taihe-theatre.jpg 中有人物,但没有记录同意"),
        (
            "given_by: guardian, date: 2025-04-19",
            "given_by: self, date: 2025-04-19",
            "需要监护人同意",
        ),
        ("reference: TH-2025-012}", "reference: TH-2025-012, withdrawn: true}", "同意已撤回"),
        (
            "given_by: guardian, date: 2025-04-19",
            "given_by: guardian, date: 2099-04-19",
            "晚于发布日期",
        ),
    ],
    ids=["no-consent", "minor-without-guardian", "withdrawn", "consent-after-publication"],
)
def test_photo_consent(project: Project, old: str, new: str, message: str) -> None:
    edit(project, THEATRE, old, new)
    (found,) = [d for d in diagnostics(project) if d.code == "consent"]
    assert found.path == THEATRE
    assert found.line == line_of(project, THEATRE, "  - file: taihe-theatre.jpg")
    assert message in found.message


def test_guardian_consent_admits_a_photo_of_a_minor(project: Project) -> None:
    assert [d for d in diagnostics(project) if d.code == "consent"] == []


# -- markup ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "absent"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<a href="#" onclick="steal()">x</a>', "onclick"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
        ('<iframe src="https://example.com"></iframe>', "<iframe"),
        ('<form action="/x"><input name="q"></form>', "<form"),
        ('<p style="background:url(javascript:x)">x</p>', "style="),
        ("<svg><script>alert(1)</script></svg>", "<svg"),
    ],
)
def test_hostile_html_is_removed(html: str, absent: str) -> None:
    assert absent not in render_markdown(f"正文\n\n{html}\n")


def test_hostile_html_never_reaches_the_compiled_page(project: Project) -> None:
    anchor = first_body_line(project, STORY)
    edit(
        project,
        STORY,
        anchor,
        anchor + '\n\n<script>alert("x")</script><b onmouseover="x()">粗</b>\n',
    )
    result = compile_site(project, BuildOptions(), Diagnostics(), workers=1)
    assert result is not None
    page = (project.compiled_dir / "stories/fengze-lianxin-huayuan/index.md").read_text(
        encoding="utf-8"
    )
    assert "<script" not in page and "onmouseover" not in page
    assert "<b>粗</b>" in page


@pytest.mark.parametrize("embed", ["![照片](fengze-garden.jpg)", '<img src="fengze-garden.jpg">'])
def test_embedded_images_are_refused(project: Project, embed: str) -> None:
    anchor = first_body_line(project, STORY)
    edit(project, STORY, anchor, anchor + "\n\n" + embed)
    (found,) = [d for d in diagnostics(project) if d.path == STORY]
    assert "请把照片列在前置信息 photos 中" in found.message
    assert found.line == line_of(project, STORY, embed)


# -- paths leaving content/ ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["dotdot", "absolute", "symlink"])
def test_photo_paths_cannot_leave_content(project: Project, kind: str, tmp_path: Path) -> None:
    outside = tmp_path / "outside.jpg"
    Image.new("RGB", (64, 48), "red").save(outside)
    if kind == "dotdot":
        target = "../../../outside.jpg"
        (project.root.parent / "outside.jpg").write_bytes(outside.read_bytes())
    elif kind == "absolute":
        target = str(outside)
    else:
        os.symlink(outside, project.root / "content/stories/linked.jpg")
        target = "linked.jpg"
    edit(project, STORY, "  - file: fengze-garden.jpg", f"  - file: {target}")
    edit(project, STORY, "cover: fengze-garden.jpg", f"cover: {target}")
    found = Diagnostics()
    assert compile_site(project, BuildOptions(), found, workers=1) is None
    (error,) = [d for d in found.errors if d.path == STORY]
    assert error.line == line_of(project, STORY, f"  - file: {target}")
    assert ("绝对路径" if kind == "absolute" else "content/") in error.message


# -- never lose anything ---------------------------------------------------------------------------


def _tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_failed_build_leaves_previous_site_untouched(project: Project) -> None:
    assert build_site(project, BuildOptions(), Diagnostics(), workers=1).ok
    before = _tree_digest(project.site_dir)
    content_before = _tree_digest(project.content_dir)
    edit(project, STORY, "summary: ", f"summary: {MOBILE} ")
    found = Diagnostics()
    report = build_site(project, BuildOptions(), found, workers=1)
    assert not report.ok
    assert found.errors
    assert _tree_digest(project.site_dir) == before
    assert not list(project.root.glob(".site-build-*"))
    edit(project, STORY, f"summary: {MOBILE} ", "summary: ")
    assert _tree_digest(project.content_dir) == content_before


@pytest.mark.slow
def test_build_never_writes_into_content(project: Project) -> None:
    before = _tree_digest(project.content_dir)
    mtimes = {p: p.stat().st_mtime_ns for p in project.content_dir.rglob("*")}
    assert build_site(project, BuildOptions(), Diagnostics(), workers=1).ok
    assert _tree_digest(project.content_dir) == before
    assert {p: p.stat().st_mtime_ns for p in project.content_dir.rglob("*")} == mtimes


def test_published_image_with_metadata_is_caught(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    image = Image.new("RGB", (32, 32), "blue")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825)[2] = (41.0, 47.0, 0.0)
    image.save(out / "leak.jpg", exif=exif.tobytes(), comment=b"secret")
    found = Diagnostics()
    check_published_images(project, out, found)
    assert found.errors
    assert all(d.path == "site/leak.jpg" for d in found.errors)


def test_original_copied_into_output_is_caught(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    original = project.content_dir / "stories/fengze-garden.jpg"
    (out / "copy.jpg").write_bytes(original.read_bytes())
    found = Diagnostics()
    check_published_images(project, out, found)
    assert any("原样复制" in d.message for d in found.errors)
