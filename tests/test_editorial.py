"""The editorial workflow on full builds: drafts and scheduled items stay out of everything
published, `--as-of` brings the scheduled ones in, collections keep the editor's order and
headlines, and the Atom feed, sitemap and sharing cards list exactly what is public.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import assert_every_page_read, copy_project, sitemap_urls

from site_builder.compiler import compile_site
from site_builder.diagnostics import Diagnostics
from site_builder.i18n import set_language
from site_builder.load.reader import load_site
from site_builder.markup import plain_text, read_minutes
from site_builder.model.common import Status
from site_builder.project import Project
from site_builder.render.build import build_site
from site_builder.selection import BuildOptions

AS_OF = dt.date.today()
SOON = AS_OF + dt.timedelta(days=30)
LATER = AS_OF + dt.timedelta(days=31)
ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://stories.example.org/"


def story(title: str, status: str, day: dt.date, narrator: str, body: str, tags: str = "") -> str:
    return (
        f"---\ntitle: {title}\ndate: {day.isoformat()}\ncommunity: fengze\n"
        f"narrator: {{name: {narrator}, role: 网格员}}\nsummary: {title}的摘要。\n"
        f"tags: [{tags}]\nstatus: {status}\n---\n{body}\n"
    )


EXTRA_FILES = {
    "content/stories/fengze-xqz-draft.md": story(
        "草稿XQZDRAFT", "draft", dt.date(2025, 3, 1), "草稿讲述人", "XQZDRAFTBODY 楼下的读书角。"
    ),
    "content/stories/fengze-xqz-review.md": story(
        "待审XQZREVIEW", "review", dt.date(2025, 3, 2), "待审讲述人", "XQZREVIEWBODY 义诊。"
    ),
    "content/stories/fengze-xqz-future.md": story(
        "定时XQZFUTURE", "published", SOON, "定时讲述人", "XQZFUTUREBODY 新年联欢。", "XQZFUTURETAG"
    ),
    "content/collections/xqz-future-collection.md": (
        f"---\ntitle: 定时采撷XQZFUTURECOLL\ndate: {SOON.isoformat()}\neditor: 编辑部\n"
        "status: published\nstories:\n  - story: fengze-xqz-future\n"
        "  - story: taihe-yige-guanzhong-de-juchang\n---\nXQZFUTURENOTE 编者按。\n"
    ),
    # Listed against date order, with the editor's own headlines and one excerpt.
    "content/collections/bianzhe-shunxu.md": (
        "---\ntitle: 编者顺序\ndate: 2025-06-01\neditor: 市编辑部\nstatus: published\n"
        "summary: 检验顺序与标题。\nstories:\n"
        "  - story: jixiangyuan-tongxinyuan\n    headline: 第一篇的编者标题\n"
        "  - story: fengze-lianxin-huayuan\n"
        "  - story: taihe-yige-guanzhong-de-juchang\n    headline: 第三篇的编者标题\n"
        "    excerpt: 只刊登这一段节选。\n---\n编者按正文。\n"
    ),
}
# Text and names of items the public build must not show anywhere.
HIDDEN = [
    "XQZDRAFT",
    "XQZREVIEW",
    "XQZFUTURE",
    "fengze-xqz-",
    "xqz-future-collection",
    "草稿讲述人",
    "待审讲述人",
    "定时讲述人",
    # The sample's own draft story and draft activity record.
    "fengze-zhiyuan-daji",
    "家门口的志愿服务大集",
    "志愿者季度表彰",
]


@dataclass
class Built:
    project: Project
    public: Path  # built as of today
    later: Path  # built as of the day after the scheduled items' day
    preview: Path  # compiled tree of a preview (serve) compile


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    set_language("zh")
    root = tmp_path_factory.mktemp("editorial")
    project = copy_project(root / "project")
    for rel, text in EXTRA_FILES.items():
        (project.root / rel).write_text(text, encoding="utf-8")
    sites = {}
    for name, as_of in (("public", AS_OF), ("later", LATER)):
        diagnostics = Diagnostics()
        report = build_site(
            project, BuildOptions(as_of=as_of), diagnostics, site_dir=root / name, workers=1
        )
        assert report.ok, [str(d) for d in diagnostics.sorted()]
        sites[name] = root / name
    diagnostics = Diagnostics()
    assert compile_site(project, BuildOptions(as_of=AS_OF, preview=True), diagnostics, workers=1)
    return Built(project, sites["public"], sites["later"], project.compiled_dir)


def output_texts(folder: Path) -> dict[str, str]:
    """Every file's text, gzip-compressed ones (sitemap.xml.gz, search chunks) unpacked."""
    texts = {}
    for path in folder.rglob("*"):
        if not path.is_file() or path.suffix.lower() in {".jpg", ".jpeg", ".webp", ".png"}:
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        texts[path.relative_to(folder).as_posix()] = data.decode("utf-8", errors="ignore")
    return texts


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def feed(site: Path) -> ET.Element:
    return ET.parse(site / "feed.xml").getroot()


def entry_links(root: ET.Element) -> list[str]:
    return [
        link.get("href", "")
        for entry in root.iter(f"{ATOM}entry")
        for link in entry.iter(f"{ATOM}link")
        if link.get("rel") == "alternate"
    ]


@pytest.mark.slow
def test_unpublished_items_are_nowhere_in_the_public_build(built: Built) -> None:
    texts = output_texts(built.public)
    assert "feed.xml" in texts and "sitemap.xml" in texts and "sitemap.xml.gz" in texts
    assert_every_page_read(built.public, texts)
    leaks = {marker: [p for p, text in texts.items() if marker in text] for marker in HIDDEN}
    assert {marker: paths for marker, paths in leaks.items() if paths} == {}
    # The same search finds published text, so it would find a leak.
    assert any("把“堵心墙”变成连心花园" in text for text in texts.values())
    assert not (built.public / "review").exists()


@pytest.mark.slow
def test_each_channel_lists_only_published_items(built: Built) -> None:
    site = built.public
    published = f"{BASE}stories/fengze-lianxin-huayuan/"
    assert published in sitemap_urls(site)
    assert published in entry_links(feed(site))
    assert not [u for u in sitemap_urls(site) if "xqz" in u or "zhiyuan-daji" in u]
    assert not [u for u in entry_links(feed(site)) if "xqz" in u or "zhiyuan-daji" in u]
    for url in (
        "stories/fengze-xqz-draft",
        "stories/fengze-xqz-future",
        "stories/fengze-zhiyuan-daji",
    ):
        assert not (site / url).exists()
    # Narrator pages: 王孝军 has a published and a draft story; only the first is listed.
    narrator = page(site, "narrators/wang-xiao-jun-fengze")
    assert "fengze-lianxin-huayuan" in narrator and "fengze-zhiyuan-daji" not in narrator
    assert not [p for p in (site / "narrators").iterdir() if "ding-shi" in p.name]


@pytest.mark.slow
def test_as_of_a_later_day_shows_the_scheduled_items(built: Built) -> None:
    site = built.later
    assert "XQZFUTUREBODY" in page(site, "stories/fengze-xqz-future")
    assert "XQZFUTURENOTE" in page(site, "collections/xqz-future-collection")
    assert f"{BASE}stories/fengze-xqz-future/" in sitemap_urls(site)
    links = entry_links(feed(site))
    assert f"{BASE}stories/fengze-xqz-future/" in links
    assert f"{BASE}collections/xqz-future-collection/" in links
    assert (site / "narrators" / "ding-shi-jiang-shu-ren-fengze").is_dir()
    # Drafts and items in review stay out on any day.
    texts = output_texts(site)
    assert_every_page_read(site, texts)
    for marker in ("XQZDRAFT", "XQZREVIEW", "fengze-zhiyuan-daji"):
        assert not [p for p, text in texts.items() if marker in text], marker


def headlines(page_html: str) -> list[str]:
    found = re.findall(r'<h2 class="sb-headline"><a href="[^"]*">(.*?)</a></h2>', page_html)
    return [html.unescape(h) for h in found]


@pytest.mark.slow
def test_collection_keeps_the_editors_order_and_headlines(built: Built) -> None:
    shown = page(built.public, "collections/bianzhe-shunxu")
    assert headlines(shown) == ["第一篇的编者标题", "把“堵心墙”变成连心花园", "第三篇的编者标题"]
    note = shown.index("编者按正文")
    assert note < shown.index("第一篇的编者标题")
    # Each account: narrator and role, community, then its text (or the editor's excerpt).
    first, second, third = shown.split('class="sb-collection-story"')[1:]
    assert "马睿" in first and "吉祥园社区" in first and "吉祥园社区的居民楼共74栋" in first
    assert "王孝军" in second and "丰泽社区党委书记" in second and "从十几个人到“雷锋团”" in second
    assert "只刊登这一段节选。" in third and "阅读全文" in third
    assert "李老太今年80岁" not in third
    # The sample feature, as the seed printed it.
    sample = page(built.public, "collections/shouhu-zhaoxi-meihao")
    assert headlines(sample) == [
        "答案就在琐碎而坚韧的日常",
        "“一个观众的剧场”温暖不止一个人",
        "“吉祥同心圆”解锁最柔软的牵挂",
    ]


@pytest.mark.slow
def test_feed_is_valid_atom_with_exactly_the_public_entries(built: Built) -> None:
    root = feed(built.public)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{required}") or "").strip(), required
    self_link = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_link] == [f"{BASE}feed.xml"]
    entries = root.findall(f"{ATOM}entry")
    ids = []
    for entry in entries:
        entry_id = entry.findtext(f"{ATOM}id") or ""
        assert entry_id.startswith(BASE), entry_id
        ids.append(entry_id)
        assert (entry.findtext(f"{ATOM}title") or "").strip()
        assert (entry.findtext(f"{ATOM}author/{ATOM}name") or "").strip()
        for stamp in ("updated", "published"):
            moment = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}{stamp}") or "")
            assert moment.tzinfo is not None and moment.date() <= AS_OF
        content = entry.find(f"{ATOM}content")
        assert content is not None and content.get("type") == "html"
        assert "<script" not in (content.text or "").lower()
    assert len(ids) == len(set(ids))
    # Exactly the published stories and collections dated on or before today.
    site = load_site(built.project, Diagnostics())
    assert site is not None
    expected = {
        f"{BASE}stories/{s.slug}/"
        for s in site.stories.values()
        if s.status is Status.PUBLISHED and s.date <= AS_OF
    } | {
        f"{BASE}collections/{c.slug}/"
        for c in site.collections.values()
        if c.status is Status.PUBLISHED and c.date <= AS_OF
    }
    assert set(ids) == expected
    assert entry_links(root) == ids  # each entry links to its own page
    days = [entry.findtext(f"{ATOM}published") or "" for entry in entries]
    assert days == sorted(days, reverse=True)
    # The collection entry credits its editor.
    collection = next(e for e in entries if "bianzhe-shunxu" in (e.findtext(f"{ATOM}id") or ""))
    assert collection.findtext(f"{ATOM}author/{ATOM}name") == "市编辑部"


def test_feed_without_a_site_address_uses_stable_urn_ids(project: Project) -> None:
    config = project.config_file
    config.write_text(
        config.read_text(encoding="utf-8").replace("url: https://stories.example.org/\n", ""),
        encoding="utf-8",
    )
    diagnostics = Diagnostics()
    assert compile_site(project, BuildOptions(as_of=AS_OF), diagnostics, workers=1)
    root = ET.parse(project.compiled_dir / "feed.xml").getroot()
    ids = [e.findtext(f"{ATOM}id") or "" for e in root.findall(f"{ATOM}entry")]
    assert ids and all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in ids)
    assert "stories/fengze-lianxin-huayuan/" in entry_links(root)


def meta(page_html: str, key: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', page_html)
    return html.unescape(match.group(1)) if match else None


@pytest.mark.slow
def test_sharing_cards_on_stories_and_collections(built: Built) -> None:
    story_page = page(built.public, "stories/fengze-lianxin-huayuan")
    assert meta(story_page, "og:type") == "article"
    assert meta(story_page, "og:title") == "把“堵心墙”变成连心花园"
    assert (meta(story_page, "og:description") or "").startswith("10年间,丰泽社区")
    assert meta(story_page, "og:url") == f"{BASE}stories/fengze-lianxin-huayuan/"
    cover = meta(story_page, "og:image") or ""
    assert cover.startswith(f"{BASE}assets/photos/") and cover.endswith(".jpg")
    assert meta(story_page, "twitter:card") == "summary_large_image"
    assert (built.public / cover.removeprefix(BASE)).is_file()

    collection = page(built.public, "collections/shouhu-zhaoxi-meihao")
    assert meta(collection, "og:type") == "article"
    assert meta(collection, "og:title") == "我省守护“朝夕美好”典型采撷"
    assert meta(collection, "og:url") == f"{BASE}collections/shouhu-zhaoxi-meihao/"
    # The collection's card shows its first story's cover.
    assert meta(collection, "og:image") == cover


@pytest.mark.slow
def test_review_queue_exists_only_in_preview(built: Built) -> None:
    queue = (built.preview / "review" / "index.md").read_text(encoding="utf-8")
    rows = re.findall(r'<tr class="sb-pending-(\w+)">(.*?)</tr>', queue)
    by_path = {re.search(r"<code>(.*?):\d+</code>", row).group(1): state for state, row in rows}  # type: ignore[union-attr]
    assert by_path["content/stories/fengze-xqz-review.md"] == "review"
    assert by_path["content/stories/fengze-xqz-draft.md"] == "draft"
    assert by_path["content/stories/fengze-zhiyuan-daji.md"] == "draft"
    assert by_path["content/stories/fengze-xqz-future.md"] == "scheduled"
    assert by_path["content/collections/xqz-future-collection.md"] == "scheduled"
    assert by_path["content/activities/fengze/2025.yml"] == "draft"
    assert "content/stories/fengze-lianxin-huayuan.md" not in by_path  # public already
    states = [state for state, _ in rows]
    assert states == sorted(states, key=["review", "draft", "scheduled"].index)
    # The record's line is where it starts in its log.
    log = (built.project.content_dir / "activities" / "fengze" / "2025.yml").read_text("utf-8")
    line = re.search(r"content/activities/fengze/2025.yml:(\d+)", queue).group(1)  # type: ignore[union-attr]
    assert (
        "“爱心加油站”志愿者季度表彰"
        in log.splitlines()[int(line)] + log.splitlines()[int(line) - 1]
    )
    home = (built.preview / "index.md").read_text(encoding="utf-8")
    assert 'href="review/"' in home
    assert not (built.public / "review").exists() and not (built.later / "review").exists()


@pytest.mark.slow
def test_read_time_counts_chinese_characters(built: Built) -> None:
    assert read_minutes("字" * 800) == 2
    assert read_minutes("word " * 400) == 2
    assert read_minutes("字" * 2000 + " word" * 200) == 6
    site = load_site(built.project, Diagnostics())
    assert site is not None
    body = site.stories["fengze-lianxin-huayuan"].body
    minutes = read_minutes(plain_text(body))
    assert minutes == max(1, round(len(re.findall(r"[\u4e00-\u9fff]", plain_text(body))) / 400))
    assert f"约 {minutes} 分钟" in page(built.public, "stories/fengze-lianxin-huayuan")
