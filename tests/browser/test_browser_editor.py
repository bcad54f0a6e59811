"""The web editor in real Chromium, as a staff member uses it: `site-builder edit` started as a
command on a copy of the sample project, opened at the address it prints, the forms filled by
clicking and typing, checked and published from the start page.

Every request the pages make is counted: none may leave 127.0.0.1.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import ROOT, copy_project
from PIL import Image, ImageDraw

from site_builder.project import Project

from .browsing import DESKTOP, LOCAL_HOST
from .conftest import Built

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Route

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE_WIDTH = {"width": 390, "height": 844}
SLUG = "taihe-xiaoxiao-dubao"
ADDRESS = re.compile(r"http://127\.0\.0\.1:\d+/\?token=\S+")


@dataclass
class EditorCommand:
    project: Project
    url: str
    process: subprocess.Popen[str]

    @property
    def base(self) -> str:
        return self.url.split("?", 1)[0]


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[EditorCommand]:
    """`site-builder edit --no-browser --port 0` on a copy of the sample, and the address it
    printed."""
    project = copy_project(tmp_path / "project")
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "site_builder", "--project", str(project.root), "edit",
               "--no-browser", "--port", "0"]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=project.root, env=env, stdout=subprocess.PIPE, text=True, encoding="utf-8"
    )
    assert process.stdout is not None
    printed = ""
    deadline = time.monotonic() + 60
    while not ADDRESS.search(printed) and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        printed += line
    found = ADDRESS.search(printed)
    assert found, f"no address printed:\n{printed}"
    try:
        yield EditorCommand(project, found.group(0), process)
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass
class Staff:
    """One browser window of a staff member, and every request it tried to send elsewhere."""

    page: Page
    outside: list[str] = field(default_factory=list)

    def label_for(self, label: str, nth: int = 0) -> str:
        """The id of the form control of the `nth` field whose label starts with `label`."""
        ids: list[str] = self.page.evaluate(
            "(label) => [...document.querySelectorAll('label')]"
            ".filter(l => l.textContent.startsWith(label)).map(l => l.htmlFor)",
            label,
        )
        assert len(ids) > nth, f"no field labelled {label!r}"
        return ids[nth]

    def fill(self, label: str, value: str, nth: int = 0) -> None:
        self.page.fill(f"#{self.label_for(label, nth)}", value)

    def choose(self, label: str, option: str, nth: int = 0) -> None:
        self.page.click(f"#{self.label_for(label, nth)}")
        self.page.locator("[id*='-option-']").filter(has_text=re.compile(f"^{option}$")).click()

    def save(self) -> None:
        """Decap's save button (it calls saving 发布), then its first choice."""
        self.page.get_by_role("button", name="发布", exact=True).click()
        now = self.page.get_by_text("立即发布", exact=True)
        now.wait_for()
        now.click()

    def shoot(self, folder: Path, name: str, at: str = "") -> None:
        """The page from its top (or from the field labelled `at`), at 1280×800 and on a
        390 px wide phone."""
        for size, label in ((DESKTOP, "desktop"), (PHONE_WIDTH, "phone")):
            self.page.set_viewport_size(size)  # type: ignore[arg-type]
            self.page.evaluate(
                "(at) => { document.activeElement?.blur();"
                " for (const e of document.querySelectorAll('*')) if (e.scrollTop) e.scrollTop = 0;"
                " if (at) [...document.querySelectorAll('label')]"
                ".find(l => l.textContent.startsWith(at))?.scrollIntoView(); }",
                at,
            )
            self.page.wait_for_timeout(500)
            self.page.screenshot(path=str(folder / f"editor-{name}-{label}.png"))
        self.page.set_viewport_size(DESKTOP)  # type: ignore[arg-type]
        self.page.wait_for_timeout(500)


@pytest.fixture
def staff(browser: Browser) -> Iterator[Staff]:
    context: BrowserContext = browser.new_context(viewport=DESKTOP, locale="zh-CN")  # type: ignore[arg-type]
    outside: list[str] = []

    def keep_local(route: Route) -> None:
        if route.request.url.startswith(("data:", "blob:")) or (
            re.match(rf"https?://{re.escape(LOCAL_HOST)}[:/]", route.request.url)
        ):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", keep_local)
    try:
        yield Staff(context.new_page(), outside)
    finally:
        context.close()


def children_photo(path: Path) -> Path:
    """A photo as a phone would hand it over: a JPEG of a few hundred kilobytes."""
    image = Image.new("RGB", (1600, 1200), (236, 222, 200))
    draw = ImageDraw.Draw(image)
    for index, colour in enumerate(((200, 60, 60), (60, 120, 200), (60, 160, 90))):
        left = 300 + index * 380
        draw.ellipse((left, 380, left + 160, 540), fill=(240, 200, 160))
        draw.rectangle((left - 20, 540, left + 180, 900), fill=colour)
    image.save(path, quality=90)
    return path


def text_of(page_file: Path) -> str:
    """A built page's words, without tags or scripts, spaces folded."""
    raw = page_file.read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.DOTALL)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def records_of_year(stats_page: Path) -> int:
    found = re.search(r"活动记录\(条\) ([\d,]+)", text_of(stats_page))
    assert found, stats_page
    return int(found.group(1).replace(",", ""))


def run_job(staff: Staff, button: str, done: str) -> str:
    """Press a start-page button and wait for its result; the result's text."""
    page = staff.page
    page.click(f"#{button}")
    result = page.locator(f"#{button}-result .status")
    result.filter(has_not_text="正在").first.wait_for(timeout=300_000)
    text = page.locator(f"#{button}-result").inner_text()
    assert done in text, text
    return text


def written(staff: Staff, path: Path, done: Callable[[str], bool]) -> str:
    """The file's text once the editor's save has reached it."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        if done(text):
            return text
        # Not time.sleep: the page's requests wait for this process to route them.
        staff.page.wait_for_timeout(200)
    raise AssertionError(f"{path} was not saved")


def type_at_the_end_of_the_body(staff: Staff, text: str) -> None:
    body = staff.page.locator("[aria-label='markdown field'] [contenteditable=true]")
    last = body.locator("p").last
    # Decap draws a long body in its rich-text editor after the entry loads: on a loaded
    # machine (CI with two test workers) that took over the default 30 s once.
    last.wait_for(timeout=120_000)
    box = last.bounding_box()
    assert box is not None
    # The bottom right corner of the last paragraph: the caret lands after its last word.
    last.click(position={"x": box["width"] - 2, "y": box["height"] - 4})
    # One input event: typed key by key, Decap's re-rendering can move the caret mid-way.
    staff.page.keyboard.insert_text(text)


def log_in(staff: Staff, editor: EditorCommand) -> None:
    staff.page.goto(editor.url)
    staff.page.get_by_text("编辑内容", exact=True).wait_for()
    assert "token=" not in staff.page.url  # moved into a cookie


def open_collection(staff: Staff, name: str) -> None:
    staff.page.get_by_text(name, exact=True).first.click()


def create_story_with_photo(staff: Staff, photo: Path) -> None:
    page = staff.page
    open_collection(staff, "故事")
    page.get_by_text("＋ 故事").click()
    page.wait_for_selector("label[for^=title-field]")
    staff.fill("标题", "小小志愿者读报")
    staff.fill("文件名", SLUG)
    staff.fill("日期", "2025-09-02")
    staff.choose("社区", "泰合社区")
    staff.fill("姓名", "张明")
    staff.fill("职务", "泰合社区党委书记")
    staff.choose("状态", "发布")
    page.get_by_text("新增照片").click()
    page.get_by_text("选择图片").click()
    page.set_input_files("input[type=file]", str(photo))
    page.get_by_text("选用已选中项目").click()
    staff.fill("替代文字", "三个孩子坐在老人床边给老人读报")
    staff.choose("照片中可辨认的人", "未成年人")
    page.click(f"#{staff.label_for('肖像使用同意')} [data-testid=expand-button]")
    staff.choose("签署人", "监护人")
    staff.fill("签署日期", "2025-09-01")
    page.click("[aria-label='markdown field'] [contenteditable=true]")
    page.keyboard.insert_text("孩子们每周来一次,给行动不便的老人读报。")


def add_activity_record(staff: Staff) -> None:
    page = staff.page
    open_collection(staff, "活动台账 · 泰合社区")
    page.get_by_text("2025 年", exact=True).click()
    page.get_by_text("新增活动记录").click()
    # The new record is the last one: its fields are the last of each label.
    count = len(page.evaluate("() => [...document.querySelectorAll('label')]"
                              ".filter(l => l.textContent.startsWith('活动名称'))"))  # fmt: skip
    staff.fill("活动日期", "2025-10-29", nth=count - 1)
    staff.fill("活动名称", "重阳节读报会", nth=count - 1)
    staff.choose("活动类别", "文化活动", nth=count - 1)
    staff.fill("受益人次", "200", nth=count - 1)


def test_a_story_with_a_childs_photo_and_an_activity_record_are_published(
    editor: EditorCommand, staff: Staff, built: Built, tmp_path: Path, screenshot_dir: Path
) -> None:
    log_in(staff, editor)
    staff.shoot(screenshot_dir, "start")
    staff.page.get_by_text("编辑内容", exact=True).click()

    create_story_with_photo(staff, children_photo(tmp_path / "kids-reading.jpg"))
    staff.shoot(screenshot_dir, "story-form")
    staff.shoot(screenshot_dir, "story-photo", at="照片中可辨认的人")
    staff.save()
    saved = editor.project.content_dir / "stories" / "taihe" / f"{SLUG}.md"
    text = written(staff, saved, lambda text: bool(text))
    assert "consent: {given_by: guardian, date: 2025-09-01}" in text, text
    assert "people: [minor]" in text and (saved.parent / "kids-reading.jpg").is_file()
    assert text.startswith("---\n# yaml-language-server: $schema=")

    staff.page.goto(editor.base + "admin/")
    add_activity_record(staff)
    staff.shoot(screenshot_dir, "log-form")
    log = editor.project.content_dir / "activities" / "taihe" / "2025.yml"
    before = log.read_text(encoding="utf-8")
    staff.save()
    after = written(staff, log, lambda text: text != before)
    assert after.startswith(before.rstrip("\n")) and "title: 重阳节读报会" in after

    staff.page.goto(editor.base)
    run_job(staff, "check", "检查通过")
    run_job(staff, "build", "网站已发布")
    site = editor.project.site_dir
    assert "小小志愿者读报" in text_of(site / "stories" / SLUG / "index.html")
    sample_site = built[0].site_dir
    year = Path("stats") / "2025" / "index.html"
    assert records_of_year(site / year) == records_of_year(sample_site / year) + 1
    assert staff.outside == []


def test_a_phone_number_in_a_story_is_refused_in_chinese_and_the_file_stays(
    editor: EditorCommand, staff: Staff, screenshot_dir: Path
) -> None:
    story = editor.project.content_dir / "stories" / "fengze-lianxin-huayuan.md"
    before = story.read_bytes()
    log_in(staff, editor)
    staff.page.get_by_text("编辑内容", exact=True).click()
    open_collection(staff, "故事")
    staff.page.get_by_text("把“堵心墙”变成连心花园").click()
    type_at_the_end_of_the_body(staff, "有事请打王大姐的手机 13912345678。")
    staff.save()
    refusal = staff.page.locator("#save-report.refused")
    refusal.locator("li").filter(has_text="疑似手机号码").wait_for(timeout=60_000)
    assert refusal.locator("h2").inner_text().startswith("没有保存")
    assert re.search(r"content/stories/fengze-lianxin-huayuan\.md 第 \d+ 行", refusal.inner_text())
    staff.page.screenshot(path=str(screenshot_dir / "editor-refused-desktop.png"))
    assert story.read_bytes() == before
    assert staff.outside == []


def test_a_draft_is_saved_and_what_must_be_fixed_before_publishing_is_shown(
    editor: EditorCommand, staff: Staff, screenshot_dir: Path
) -> None:
    """A phone number in a draft does not stop the save; the panel says it must go before
    the story is published, at its line."""
    story = editor.project.content_dir / "stories" / "fengze-zhiyuan-daji.md"
    before = story.read_text(encoding="utf-8")
    log_in(staff, editor)
    staff.page.get_by_text("编辑内容", exact=True).click()
    open_collection(staff, "故事")
    staff.page.get_by_text("家门口的志愿服务大集").click()
    type_at_the_end_of_the_body(staff, "有事请打王大姐的手机 13912345678。")
    staff.save()
    after = written(staff, story, lambda text: text != before)
    assert after.endswith("有事请打王大姐的手机 13912345678。\n")
    panel = staff.page.locator("#save-report")
    panel.locator("li").filter(has_text="疑似手机号码").wait_for(timeout=30_000)
    assert (
        "已保存" in panel.inner_text() and "fengze-zhiyuan-daji.md 第 18 行" in panel.inner_text()
    )
    staff.page.screenshot(path=str(screenshot_dir / "editor-save-report-desktop.png"))
    panel.get_by_role("button", name="知道了").click()
    assert panel.is_hidden()
    assert staff.outside == []


def test_a_word_document_is_imported_from_the_start_page_and_opens_in_the_form(
    editor: EditorCommand, staff: Staff, tmp_path: Path, screenshot_dir: Path
) -> None:
    from test_editor_word_import import PHONE, office_document

    office_document(tmp_path / "便民.docx")
    log_in(staff, editor)
    page = staff.page
    page.select_option("#word-community", "taihe")
    page.set_input_files("#word-file", str(tmp_path / "便民.docx"))
    page.click("#import-word")
    page.locator("#word-result .status.ok").wait_for(timeout=120_000)
    text = page.locator("#word-result").inner_text()
    assert "已导入为草稿:《楼道里的便民服务》" in text and "疑似手机号" in text, text
    assert PHONE not in text and "-1.png" in text
    for size, label in ((DESKTOP, "desktop"), (PHONE_WIDTH, "phone")):
        page.set_viewport_size(size)  # type: ignore[arg-type]
        page.wait_for_timeout(300)
        page.screenshot(path=str(screenshot_dir / f"editor-start-word-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)  # type: ignore[arg-type]
    # The preview starts on demand; the button then becomes the link to the draft's page.
    page.get_by_role("button", name="在预览中查看").click()
    opened = page.locator("#word-result a[target=_blank]", has_text="在预览中查看")
    opened.wait_for(timeout=300_000)
    href = opened.get_attribute("href") or ""
    assert re.match(r"http://127\.0\.0\.1:\d+/stories/taihe-[a-z-]+/$", href), href
    preview = page.context.new_page()
    preview.goto(href)
    # The phone number stops the preview as it stops `serve`: its page names the draft's line.
    preview.get_by_text("疑似手机号码").first.wait_for(timeout=60_000)
    assert re.search(r"content/stories/taihe-[a-z-]+\.md:\d+:\d+", preview.inner_text("body"))
    preview.close()
    page.get_by_text("在编辑器中打开这篇故事", exact=True).click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('input')].some(i => i.value === '楼道里的便民服务')",
        timeout=60_000,
    )
    assert staff.outside == []
