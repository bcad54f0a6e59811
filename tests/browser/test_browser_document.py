"""A Chinese page as a whole: no English in what a reader sees, a story and a collection
printed as documents, and the share control's QR code and link (issue 24)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .browsing import DESKTOP, PAGES, Reader, ReaderFactory
from .test_browser_accessibility import serious_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SITE_NAME = "守护“朝夕美好” · 社区故事馆"
SITE_URL = "https://stories.example.org/"
# Every kind of page a reader meets, beyond PAGES: lists, a narrator, a tag, an album, 404.
EVERY_KIND = {
    **PAGES,
    "stories": "stories/",
    "collections": "collections/",
    "communities": "communities/",
    "narrators": "narrators/",
    "narrator": "narrators/wang-xiao-jun-fengze/",
    "tags": "tags/",
    "tag": "tags/zhi-yuan-fu-wu/",
    "archive": "archive/2025/",
    "album": "gallery/2025/",
    "statistics": "stats/",
    "not found": "404.html",
}
# English a Chinese page may show, besides web addresses and file names (data.csv): the names
# of file formats, encodings and standards its downloads follow, as Chinese readers know them.
ALLOWED_ENGLISH = {"CSV", "JSON", "Excel", "UTF", "BOM", "Frictionless", "RSS", "Atom"}
ENGLISH_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


def english_words(reader: Reader) -> set[str]:
    """The English words in the page's visible text and title, but for the allowed ones."""
    text = reader.page.evaluate("() => document.title + '\\n' + document.body.innerText")
    text = re.sub(r"https?://\S+|\b[\w-]+\.(?:csv|json|xml)\b", " ", text)
    return set(ENGLISH_WORD.findall(text)) - ALLOWED_ENGLISH


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_no_english_word_on_any_kind_of_page(
    open_reader: ReaderFactory, size: str, viewport: dict[str, int]
) -> None:
    reader = open_reader(viewport=viewport)
    found = {}
    for name, path in EVERY_KIND.items():
        reader.open(path)
        words = english_words(reader)
        if words:
            found[name] = sorted(words)
    assert found == {}


def test_the_404_page_leads_home_and_to_search(reader: Reader) -> None:
    reader.open("404.html")
    page = reader.page
    assert page.locator("h1").inner_text() == "没有找到这个页面"
    home = page.get_by_role("link", name="回到首页")
    with page.expect_navigation():
        home.click()
    assert page.title() == SITE_NAME, "the home page says the site's name once"
    reader.open("404.html")
    page.get_by_role("button", name="搜索本站").click()
    assert page.evaluate("() => document.activeElement.matches('input.sb-search-input')")
    assert reader.problems() == []


def test_footer_gives_the_sites_own_credit(reader: Reader) -> None:
    reader.open(PAGES["story"])
    footer = reader.text_of(".md-footer")
    assert SITE_NAME in footer
    assert "Made with" not in footer and "Material" not in footer and "Zensical" not in footer
    assert reader.problems() == []


def printed(reader: Reader, path: str, folder: Path, name: str) -> tuple[str, str]:
    """The page printed to an A4 PDF by Chromium: its text, and `pdfimages -list`'s table."""
    reader.open(path)
    # As a browser's print command does: the page hears of it and asks for its lazy photos.
    reader.page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    reader.page.wait_for_function("() => [...document.images].every(i => i.complete)")
    pdf = folder / f"{name}.pdf"
    reader.page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    )
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(folder / name)],
        check=True,
    )
    return text.stdout, images.stdout


@pytest.mark.parametrize("kind", ["story", "collection"])
def test_a_story_and_a_collection_print_as_documents(
    reader: Reader, screenshot_dir: Path, engine: str, kind: str
) -> None:
    path = PAGES[kind]
    reader.open(path)
    photos = reader.page.locator(".sb-gallery img").count()
    assert photos >= 2
    reader.page.emulate_media(media="print")
    styles = reader.page.evaluate(
        """() => ({
            body: getComputedStyle(document.querySelector('.sb-story-body p, .sb-collection-text p')).fontFamily,
            hidden: ['.sb-a11y', '.md-header', '.md-tabs', '.sb-share', '.sb-prevnext', '.md-footer']
                .filter(s => document.querySelector(s))
                .map(s => getComputedStyle(document.querySelector(s)).display),
            badge: document.querySelector('.sb-badge') ? getComputedStyle(document.querySelector('.sb-badge')).borderStyle : 'none',
            caption: parseFloat(getComputedStyle(document.querySelector('.sb-photo figcaption')).fontSize),
        })"""
    )
    assert styles["body"].endswith("serif") and "sans-serif" not in styles["body"], styles
    assert set(styles["hidden"]) == {"none"}, styles
    assert styles["badge"] == "none", "badges print as plain words"
    assert 11 <= styles["caption"] <= 14, "captions at print size (9 pt)"
    reader.page.emulate_media(media="null")

    text, images = printed(reader, path, screenshot_dir, f"print-{kind}-{engine}")
    flat = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", SITE_NAME) in flat
    assert SITE_URL + path in flat, "the page's web address"
    assert "分享本页" not in flat and "标准字号" not in flat and "朗读" not in flat
    rows = [line for line in images.splitlines()[2:] if line.split()[2:3] == ["image"]]
    assert len(rows) >= photos, images
    assert reader.problems() == []


def decoded_qr(png: bytes) -> str:
    import zxingcpp
    from PIL import Image

    found = zxingcpp.read_barcodes(Image.open(__import__("io").BytesIO(png)))
    assert len(found) == 1, found
    return str(found[0].text)


@pytest.mark.parametrize("kind", ["story", "collection"])
def test_share_shows_the_pages_qr_code_and_copies_its_link(
    open_reader: ReaderFactory, screenshot_dir: Path, engine: str, kind: str
) -> None:
    reader = open_reader(viewport=PHONE)
    page = reader.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    reader.open(PAGES[kind])
    address = page.locator('meta[property="og:url"]').get_attribute("content")
    assert address == SITE_URL + PAGES[kind]
    qr = page.locator(".sb-share svg.sb-qr")
    assert not qr.is_visible(), "folded until asked for"
    page.get_by_text("分享本页").click()
    qr.scroll_into_view_if_needed()
    assert decoded_qr(qr.screenshot()) == address
    page.locator(".sb-share").screenshot(path=str(screenshot_dir / f"share-{kind}-{engine}.png"))

    page.get_by_role("button", name="复制链接").click()
    page.wait_for_function("() => document.querySelector('.sb-share__status').textContent")
    assert reader.text_of(".sb-share__status") == "已复制链接"
    assert page.evaluate("() => navigator.clipboard.readText()") == address
    assert reader.problems() == []


def test_copying_without_the_clipboard_selects_the_link(open_reader: ReaderFactory) -> None:
    reader = open_reader(
        viewport=PHONE,
        init_script="Object.defineProperty(navigator, 'clipboard', {value: undefined})",
    )
    page = reader.page
    reader.open(PAGES["story"])
    page.get_by_text("分享本页").click()
    page.get_by_role("button", name="复制链接").click()
    assert page.evaluate("() => document.activeElement.matches('.sb-share__address')")
    selected = page.evaluate(
        "() => { const f = document.activeElement; return f.value.slice(f.selectionStart, f.selectionEnd); }"
    )
    assert selected == SITE_URL + PAGES["story"]
    assert reader.text_of(".sb-share__status") in {"已复制链接", "请长按网址复制"}
    assert reader.problems() == []


def test_sharing_cards_are_complete(reader: Reader) -> None:
    def meta(name: str) -> str | None:
        return reader.page.locator(f'meta[property="{name}"]').first.get_attribute("content")

    for kind in ("home", "story", "gallery", "collection"):
        reader.open(PAGES[kind])
        assert meta("og:locale") == "zh_CN"
        image = meta("og:image") or ""
        assert image.startswith(SITE_URL) and image.endswith(".jpg"), kind
        assert int(meta("og:image:width") or 0) >= 1200, kind
        assert int(meta("og:image:height") or 0) > 0, kind
        assert meta("og:image:alt"), kind
    for kind in ("story", "collection"):
        reader.open(PAGES[kind])
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", meta("article:published_time") or ""), kind
    assert reader.problems() == []


def test_axe_finds_nothing_serious_on_the_404_page_the_open_share_and_the_lightbox(
    open_reader: ReaderFactory, axe_script: Path
) -> None:
    reader = open_reader(viewport=PHONE)
    reader.open("404.html")
    assert serious_violations(reader, axe_script) == []
    reader.open(PAGES["story"])
    reader.page.get_by_text("分享本页").click()
    assert serious_violations(reader, axe_script) == []
    reader.page.locator(".sb-gallery a.sb-lightbox").first.click()
    reader.page.locator("dialog.sb-lightbox-dialog").wait_for(state="visible")
    assert serious_violations(reader, axe_script) == []
    assert reader.problems() == []
