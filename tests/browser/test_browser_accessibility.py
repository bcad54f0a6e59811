"""Accessibility in real Chromium: axe-core, and the elder-friendly reading modes (适老化).

The modes follow the MIIT 《互联网网站适老化通用设计规范》 (2021) and GB/T 37668 where they
apply to a static site: larger text, high contrast, spacing, keyboard operation with a visible
focus, and reading stories aloud (docs/accessibility.md).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from .browsing import PAGES, PHONE, Reader, ReaderFactory

pytestmark = pytest.mark.browser

STORY = PAGES["story"]
SERIOUS = ("serious", "critical")


def serious_violations(reader: Reader, axe_script: Path) -> list[str]:
    """axe-core's serious and critical findings on the current page, one line each."""
    reader.page.add_script_tag(path=str(axe_script))
    found: list[dict[str, Any]] = reader.page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))"""
    )
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {', '.join(v['nodes'])}"
        for v in found
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_nothing_serious(reader: Reader, axe_script: Path, name: str) -> None:
    reader.open(PAGES[name])
    assert serious_violations(reader, axe_script) == [], f"/{PAGES[name]}"


def test_axe_finds_nothing_serious_in_high_contrast_with_extra_large_text(
    reader: Reader, axe_script: Path
) -> None:
    reader.open(STORY)
    button(reader, "高对比度").click()
    button(reader, "超大字号").click()
    assert serious_violations(reader, axe_script) == []


def button(reader: Reader, name: str) -> Any:
    return reader.page.get_by_role("button", name=name, exact=True)


def pressed(reader: Reader, name: str) -> bool:
    return bool(button(reader, name).get_attribute("aria-pressed") == "true")


def test_reading_controls_are_on_every_page(reader: Reader) -> None:
    for path in PAGES.values():
        reader.open(path)
        for name in ("标准字号", "大字号", "超大字号", "高对比度"):
            assert button(reader, name).is_visible(), f"{name} on /{path}"
        assert pressed(reader, "标准字号")
        assert not pressed(reader, "高对比度")
    assert reader.problems() == []


def test_text_size_grows_and_follows_the_reader_to_other_pages(reader: Reader) -> None:
    reader.open(STORY)
    root = reader.pixels("html", "font-size")
    body = reader.pixels(".sb-story-body p", "font-size")

    button(reader, "大字号").click()
    assert reader.pixels("html", "font-size") == pytest.approx(root * 1.25)
    assert reader.pixels(".sb-story-body p", "font-size") == pytest.approx(body * 1.25)
    assert pressed(reader, "大字号") and not pressed(reader, "标准字号")

    button(reader, "超大字号").click()
    assert reader.pixels(".sb-story-body p", "font-size") == pytest.approx(body * 1.5)

    reader.open(PAGES["community"])
    assert reader.pixels("html", "font-size") == pytest.approx(root * 1.5)
    assert pressed(reader, "超大字号") and not pressed(reader, "大字号")

    # The choice is applied by the inline script in <head>, before the page is first drawn,
    # not later by assets/a11y.js: with that script empty the text is large all the same.
    reader.page.route(
        "**/assets/a11y.js", lambda route: route.fulfill(body="", content_type="text/javascript")
    )
    reader.open(PAGES["home"])
    assert reader.pixels("html", "font-size") == pytest.approx(root * 1.5)
    reader.page.unroute("**/assets/a11y.js")

    reader.open(STORY)
    button(reader, "标准字号").click()
    assert reader.pixels("html", "font-size") == pytest.approx(root)
    reader.open(PAGES["home"])
    assert reader.pixels("html", "font-size") == pytest.approx(root)
    assert reader.problems() == []


def test_extra_large_text_still_fits_a_phone(open_reader: ReaderFactory) -> None:
    reader = open_reader(viewport=PHONE)
    reader.open(PAGES["home"])
    button(reader, "超大字号").click()
    for name, path in PAGES.items():
        reader.open(path)
        assert reader.page.evaluate("() => document.documentElement.dataset.sbText") == "xlarge"
        assert reader.scroll_overflow() == 0, f"{name} scrolls sideways with extra-large text"
        assert reader.smallest_text() >= 21, f"{name}: extra-large text is 150 %"
    assert reader.problems() == []


def parse_colour(text: str) -> tuple[float, float, float, float]:
    """`rgb(r, g, b)` or `rgba(r, g, b, a)` as computed by the browser."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", text)]
    red, green, blue = numbers[:3]
    return red, green, blue, numbers[3] if len(numbers) > 3 else 1.0


def luminance(red: float, green: float, blue: float) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast_ratio(reader: Reader, selector: str) -> float:
    """WCAG contrast of an element's text against the first opaque background behind it."""
    colours = reader.page.eval_on_selector(
        selector,
        """el => {
            let bg = 'rgb(255, 255, 255)';
            for (let node = el; node; node = node.parentElement) {
                const c = getComputedStyle(node).backgroundColor;
                if (c !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(c)) { bg = c; break; }
            }
            return [getComputedStyle(el).color, bg];
        }""",
    )
    *fg, alpha = parse_colour(colours[0])
    bg = parse_colour(colours[1])[:3]
    # Translucent text is seen mixed with what is behind it.
    seen = [alpha * f + (1 - alpha) * b for f, b in zip(fg, bg, strict=True)]
    lighter, darker = sorted((luminance(*seen), luminance(*bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_high_contrast_gives_body_text_7_to_1_and_is_remembered(reader: Reader) -> None:
    reader.open(STORY)
    assert contrast_ratio(reader, ".sb-story-body p") >= 4.5
    button(reader, "高对比度").click()
    assert pressed(reader, "高对比度")
    for selector in (".sb-story-body p", "dl.sb-meta dd", "dl.sb-meta a", ".md-header__topic"):
        assert contrast_ratio(reader, selector) >= 7, selector
    # Links are told from text by an underline, not by colour alone.
    assert "underline" in reader.computed("dl.sb-meta a", "text-decoration-line")

    reader.open(PAGES["home"])
    assert pressed(reader, "高对比度")
    assert contrast_ratio(reader, ".sb-card-summary") >= 7
    assert contrast_ratio(reader, ".sb-card-title a") >= 7

    button(reader, "高对比度").click()
    assert not pressed(reader, "高对比度")
    reader.open(STORY)
    assert reader.page.evaluate("() => document.documentElement.dataset.sbContrast") is None
    assert reader.problems() == []


def test_line_and_paragraph_spacing(reader: Reader) -> None:
    """Line spacing at least 1.3; from paragraph to paragraph at least 1.3 line spacings."""
    reader.open(STORY)
    measured = reader.page.evaluate(
        """() => {
            const ps = [...document.querySelectorAll('.sb-story-body p')];
            const a = ps.find(p => p.nextElementSibling && p.nextElementSibling.tagName === 'P');
            const b = a.nextElementSibling;
            const style = getComputedStyle(a);
            return {
                font: parseFloat(style.fontSize),
                line: parseFloat(style.lineHeight),
                gap: b.getBoundingClientRect().top - a.getBoundingClientRect().bottom,
            };
        }"""
    )
    assert measured["line"] / measured["font"] >= 1.3, measured
    # Baseline of a paragraph's last line to the next paragraph's first: line height + gap.
    assert (measured["line"] + measured["gap"]) / measured["line"] >= 1.3, measured


def focus_ring(reader: Reader) -> dict[str, Any]:
    found: dict[str, Any] = reader.page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName, text: (el.textContent || '').trim().slice(0, 40),
                href: el.getAttribute('href') || '', classes: el.className || '',
                outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
            };
        }"""
    )
    return found


def tab_until(reader: Reader, selector: str, limit: int = 80) -> None:
    """Press Tab until `selector` has focus; every element passed on the way shows its focus."""
    for _ in range(limit):
        reader.page.keyboard.press("Tab")
        ring = focus_ring(reader)
        assert ring["outline"] != "none" and ring["width"] >= 2, f"focus not visible: {ring}"
        if reader.page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


def skip_to_content(reader: Reader) -> None:
    """The first Tab reaches Material's "skip to content" link; Enter follows it."""
    reader.page.keyboard.press("Tab")
    assert reader.page.evaluate("() => document.activeElement.matches('a.md-skip')")
    reader.page.keyboard.press("Enter")


def test_keyboard_alone_reaches_a_story_and_opens_its_photo(reader: Reader) -> None:
    page = reader.page
    reader.open(PAGES["home"])
    skip_to_content(reader)
    story_link = f'.sb-card-title a[href$="{STORY}"]'
    tab_until(reader, story_link)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == reader.base_url + STORY

    skip_to_content(reader)
    tab_until(reader, ".sb-gallery a.sb-lightbox")
    large = page.evaluate("() => document.activeElement.href")
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.sb-lightbox-dialog")
    dialog.wait_for(state="visible")
    assert dialog.locator("img").evaluate("img => img.src") == large
    ring = focus_ring(reader)
    assert ring["tag"] == "BUTTON" and ring["outline"] != "none", ring
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    # Focus goes back to the photo it came from, so reading goes on where it was.
    assert page.evaluate("() => document.activeElement.href") == large
    assert reader.problems() == []


def fake_speech(voices: str, speak: str = "spoken.push(u);") -> str:
    """A stand-in for the browser's speech synthesis that records what it is asked to say,
    with the `voices` given (a JavaScript array) and `speak` run on each utterance `u`."""
    return """
(() => {
    const spoken = [];
    class Utterance { constructor(text) { this.text = text; this.lang = ''; this.voice = null; } }
    const voices = VOICES;
    const synth = {
        cancelled: 0,
        speak(u) { SPEAK },
        cancel() { this.cancelled += 1; },
        getVoices() { return voices; },
    };
    Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
    Object.defineProperty(window, 'SpeechSynthesisUtterance',
        {value: Utterance, configurable: true, writable: true});
    window.spokenUtterances = spoken;
})();
""".replace("VOICES", voices).replace("SPEAK", speak)


# One Chinese voice among others (the headless browser has no voices of its own).
FAKE_SPEECH = fake_speech("[{name: 'English', lang: 'en-US'}, {name: 'Mandarin', lang: 'zh-CN'}]")

NO_SPEECH = """
delete Window.prototype.speechSynthesis;
delete window.speechSynthesis;
delete window.SpeechSynthesisUtterance;
"""


def test_read_aloud_speaks_the_story_in_a_chinese_voice(open_reader: ReaderFactory) -> None:
    reader = open_reader(init_script=FAKE_SPEECH)
    reader.open(STORY)
    assert reader.page.get_by_role("button", name="朗读", exact=True).is_visible()
    read = reader.page.locator("button.sb-read-aloud")
    read.click()
    assert read.inner_text() == "停止朗读"
    spoken = reader.page.evaluate(
        "() => spokenUtterances.map(u => ({text: u.text, lang: u.lang, voice: u.voice.name}))"
    )
    first_paragraph = reader.text_of(".sb-story-body p")
    assert spoken[0]["text"] == first_paragraph.strip()
    assert len(spoken) >= 5
    assert {s["lang"] for s in spoken} == {"zh-CN"}
    assert {s["voice"] for s in spoken} == {"Mandarin"}

    read.click()
    assert read.inner_text() == "朗读"
    assert reader.page.evaluate("() => speechSynthesis.cancelled") >= 2

    # Reading to the end puts the button back as well.
    read.click()
    reader.page.evaluate("() => spokenUtterances[spokenUtterances.length - 1].onend()")
    assert read.inner_text() == "朗读"
    assert reader.problems() == []


def test_read_aloud_is_there_in_chromium_and_absent_without_speech(
    reader: Reader, open_reader: ReaderFactory
) -> None:
    reader.open(STORY)
    assert reader.page.locator(".sb-read-aloud").count() == 1
    reader.open(PAGES["home"])
    assert reader.page.locator(".sb-read-aloud").count() == 0, "only stories are read aloud"

    silent = open_reader(init_script=NO_SPEECH)
    silent.open(STORY)
    assert silent.page.evaluate("() => typeof speechSynthesis") == "undefined"
    assert silent.page.locator(".sb-read-aloud").count() == 0
    assert silent.problems() == []


NO_CHINESE = "没有中文语音"


@pytest.mark.parametrize(
    "voices", ["[{name: 'English', lang: 'en-US'}]", "[]"], ids=["english-only", "none-listed"]
)
def test_read_aloud_says_so_when_the_browser_has_no_chinese_voice(
    open_reader: ReaderFactory, voices: str
) -> None:
    """No Chinese voice (at once, or once the list has had time to arrive): the button says
    it cannot read, a note says why in Chinese, and nothing is queued to fail in silence."""
    reader = open_reader(init_script=fake_speech(voices))
    reader.open(STORY)
    read = reader.page.locator("button.sb-read-aloud")
    reader.page.wait_for_function("() => document.querySelector('button.sb-read-aloud').disabled")
    assert read.inner_text() == "无法朗读"
    assert NO_CHINESE in reader.text_of(".sb-read-aloud-note")
    read.click(force=True)
    assert reader.page.evaluate("() => spokenUtterances.length") == 0
    assert reader.problems() == []


def test_read_aloud_says_so_when_the_chinese_voice_fails(open_reader: ReaderFactory) -> None:
    fails = "spoken.push(u); setTimeout(() => u.onerror({error: 'synthesis-failed'}), 0);"
    reader = open_reader(init_script=fake_speech("[{name: 'Mandarin', lang: 'zh-CN'}]", fails))
    reader.open(STORY)
    read = reader.page.locator("button.sb-read-aloud")
    assert read.inner_text() == "朗读" and read.is_enabled()
    read.click()
    reader.page.wait_for_function("() => document.querySelector('button.sb-read-aloud').disabled")
    assert read.inner_text() == "无法朗读"
    assert "中文语音不能使用" in reader.text_of(".sb-read-aloud-note")
    assert reader.page.evaluate("() => speechSynthesis.cancelled") >= 2, "the queue is emptied"
    # The voice list being read again later does not offer the broken voice once more.
    reader.page.wait_for_timeout(1600)
    assert read.inner_text() == "无法朗读"
    assert reader.problems() == []
