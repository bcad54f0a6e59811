"""The photo lightbox and the menu on a 390×844 phone and a 1280×800 desktop: buttons, swipes,
the counter, captions at the reader's text size, touch-sized controls inside the screen, and a
keyboard that never lands off screen (themes/material/assets/site-builder.js)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .browsing import DESKTOP, PAGES, Reader, ReaderFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SIZES = [("phone", PHONE), ("desktop", DESKTOP)]
STORY = PAGES["story"]
DIALOG = "dialog.sb-lightbox-dialog"


def lightbox(reader: Reader) -> dict[str, Any]:
    """What the open lightbox shows, and where its controls are."""
    found: dict[str, Any] = reader.page.evaluate(
        """() => {
            const d = document.querySelector('dialog.sb-lightbox-dialog');
            const box = e => { const r = e.getBoundingClientRect();
                return {left: r.left, top: r.top, right: r.right, bottom: r.bottom,
                        width: r.width, height: r.height}; };
            return {
                count: d.querySelector('.sb-lightbox__count').textContent,
                src: d.querySelector('img').src,
                caption: d.querySelector('.sb-lightbox__caption').textContent,
                captionSize: parseFloat(getComputedStyle(d.querySelector('.sb-lightbox__caption')).fontSize),
                controls: [...d.querySelectorAll('button')].map(b => ({name: b.getAttribute('aria-label'), ...box(b)})),
            };
        }"""
    )
    return found


def page_caption_size(reader: Reader) -> float:
    return reader.pixels(".sb-gallery figcaption", "font-size")


def assert_controls_fit(shown: dict[str, Any], viewport: dict[str, int], target: int) -> None:
    names = {c["name"] for c in shown["controls"]}
    assert names == {"关闭", "上一张", "下一张"}, names
    for control in shown["controls"]:
        assert control["width"] >= target and control["height"] >= target, control
        assert control["left"] >= 0 and control["top"] >= 0, control
        assert control["right"] <= viewport["width"], control
        assert control["bottom"] <= viewport["height"], control


def swipe(reader: Reader, from_x: float, to_x: float, y: float) -> None:
    """A finger moving sideways over the photo: touch events, as a phone sends them."""
    cdp = reader.page.context.new_cdp_session(reader.page)
    steps = [from_x + (to_x - from_x) * i / 6 for i in range(7)]
    cdp.send(
        "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": from_x, "y": y}]}
    )
    for x in steps[1:]:
        cdp.send(
            "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]}
        )
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


@pytest.mark.parametrize(("size", "viewport"), SIZES)
def test_lightbox_moves_by_buttons_swipes_and_keys(
    open_reader: ReaderFactory,
    screenshot_dir: Path,
    engine: str,
    size: str,
    viewport: dict[str, int],
) -> None:
    reader = open_reader(viewport=viewport)
    reader.open(STORY)
    page = reader.page
    thumbs = page.locator(".sb-gallery a.sb-lightbox")
    count = thumbs.count()
    assert count >= 2
    thumbs.first.scroll_into_view_if_needed()
    thumbs.first.click()
    page.locator(DIALOG).wait_for(state="visible")
    shown = lightbox(reader)
    assert shown["count"] == f"1/{count}"
    assert shown["caption"] == page.locator(".sb-gallery figcaption").first.inner_text()
    assert shown["captionSize"] >= page_caption_size(reader)
    assert_controls_fit(shown, viewport, 44)
    page.screenshot(path=str(screenshot_dir / f"lightbox-{size}-{engine}.png"))

    page.get_by_role("button", name="下一张").click()
    second = lightbox(reader)
    assert second["count"] == f"2/{count}" and second["src"] != shown["src"]
    page.get_by_role("button", name="上一张").click()
    assert lightbox(reader)["count"] == f"1/{count}"

    stage = page.locator(".sb-lightbox__stage").bounding_box()
    assert stage is not None
    middle = stage["y"] + stage["height"] / 2
    swipe(reader, stage["x"] + stage["width"] * 0.8, stage["x"] + stage["width"] * 0.2, middle)
    assert lightbox(reader)["count"] == f"2/{count}", "a swipe to the left shows the next photo"
    swipe(reader, stage["x"] + stage["width"] * 0.2, stage["x"] + stage["width"] * 0.8, middle)
    assert lightbox(reader)["count"] == f"1/{count}"
    assert page.locator(DIALOG).evaluate("d => d.open"), "a swipe does not close it"

    page.keyboard.press("ArrowLeft")
    assert lightbox(reader)["count"] == f"{count}/{count}", "from the first back to the last"
    page.keyboard.press("ArrowRight")
    assert lightbox(reader)["count"] == f"1/{count}"
    page.keyboard.press("Escape")
    page.locator(DIALOG).wait_for(state="hidden")
    assert page.evaluate("() => document.activeElement.matches('a.sb-lightbox')")
    assert reader.problems() == []


def test_lightbox_follows_extra_large_text_with_60_pixel_controls(
    open_reader: ReaderFactory, screenshot_dir: Path, engine: str
) -> None:
    reader = open_reader(viewport=PHONE)
    reader.open(STORY)
    page = reader.page
    standard = page_caption_size(reader)
    page.get_by_role("button", name="超大字号", exact=True).click()
    assert page_caption_size(reader) == pytest.approx(standard * 1.5)
    link = page.locator(".sb-gallery a.sb-lightbox").nth(1)
    link.scroll_into_view_if_needed()
    link.click()
    page.locator(DIALOG).wait_for(state="visible")
    shown = lightbox(reader)
    assert shown["captionSize"] >= page_caption_size(reader)
    assert_controls_fit(shown, PHONE, 60)
    page.screenshot(path=str(screenshot_dir / f"lightbox-phone-xlarge-{engine}.png"))
    assert reader.problems() == []


def focused(reader: Reader) -> dict[str, Any]:
    found: dict[str, Any] = reader.page.evaluate(
        """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
            return {html: e.outerHTML.slice(0, 120), left: r.left, right: r.right,
                    width: r.width, height: r.height,
                    visible: getComputedStyle(e).visibility === 'visible',
                    inMenu: !!e.closest('.md-sidebar--primary')}; }"""
    )
    return found


@pytest.mark.parametrize("name", ["home", "story", "stats"])
def test_on_a_phone_every_tab_stop_is_on_screen(open_reader: ReaderFactory, name: str) -> None:
    reader = open_reader(viewport=PHONE)
    reader.open(PAGES[name])
    seen = []
    for _ in range(40):
        reader.page.keyboard.press("Tab")
        stop = focused(reader)
        seen.append(stop["html"])
        assert stop["visible"] and stop["width"] > 0, stop
        assert stop["left"] >= -1 and stop["right"] <= PHONE["width"] + 1, stop
        assert not stop["inMenu"], f"the closed menu took focus: {stop}"
    assert any("sb-menu-button" in html for html in seen), "the menu button takes focus"
    assert reader.problems() == []


@pytest.mark.parametrize("key", ["Enter", " "])
def test_menu_button_opens_and_closes_the_menu_from_the_keyboard(
    open_reader: ReaderFactory, screenshot_dir: Path, engine: str, key: str
) -> None:
    reader = open_reader(viewport=PHONE)
    reader.open(STORY)
    page = reader.page
    menu = page.locator(".sb-menu-button")
    for _ in range(20):
        page.keyboard.press("Tab")
        if menu.evaluate("b => b === document.activeElement"):
            break
    assert menu.get_attribute("aria-expanded") == "false"
    page.keyboard.press(key)
    assert menu.get_attribute("aria-expanded") == "true"
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary')")
    page.wait_for_timeout(300)  # the drawer slides in
    stop = focused(reader)
    assert stop["inMenu"] and stop["left"] >= 0 and stop["right"] <= PHONE["width"], stop
    if key == "Enter":
        page.screenshot(path=str(screenshot_dir / f"menu-phone-{engine}.png"))
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert menu.evaluate("b => b === document.activeElement")
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    menu.click(force=True)
    assert reader.problems() == []


def test_menu_button_is_not_shown_on_a_desktop(reader: Reader) -> None:
    reader.open(STORY)
    assert not reader.page.locator(".sb-menu-button").is_visible()
    assert reader.problems() == []
