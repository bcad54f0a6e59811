"""Synthetic content at any scale, in the project's own format, for the benchmarks.

    .venv/bin/python benchmarks/generate.py --stories 2000 --communities 50 \
        --records 100000 --photos 300 --out .cache/bench/s2000

Writes a whole project (content/, mkdocs.yml, themes/) that `site-builder build` accepts:
N stories of about 3 KB of Chinese prose built from community-work vocabulary (so word
segmentation costs what it costs on real stories), narrators and tags over C communities,
M activity records spread over six years, and P twelve-megapixel JPEGs with EXIF orientation
and GPS. Everything is drawn from one seeded random generator: the same arguments write the
same bytes. The text passes the privacy gate: it has no digit runs, no addresses, none of the
site's sensitive terms and none of its private names.

Encoding 300 large JPEGs would dominate the run, so a few distinct pictures are encoded once
(cached under .cache/bench/photo-bases/) and each photo is one of them with its own EXIF block
spliced in: every file differs in its bytes, so the image cache treats each as a new photo.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import shutil
import struct
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter
from PIL.ExifTags import IFD
from PIL.TiffImagePlugin import IFDRational
from pypinyin import lazy_pinyin

ROOT = Path(__file__).resolve().parent.parent
BENCH_CACHE = ROOT / ".cache" / "bench"
# Bump when the generator would write different content for the same arguments.
GENERATOR_VERSION = 1
FIRST_YEAR, LAST_YEAR = 2020, 2025
LAST_DAY = dt.date(2025, 6, 30)


@dataclass(frozen=True)
class Scale:
    stories: int
    communities: int
    records: int
    photos: int
    seed: int = 7


# -- vocabulary ------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    return text.split()


SURNAMES = list(
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
)
GIVEN = list("秀英桂兰玉华淑珍丽敏静红梅艳芳建国志强海军明辉文杰晓东春燕雪松立新丹凤宏伟")
PLACE_CHARS = list("和平安康福泰祥瑞丰泽兴华明阳春晖新民德惠光荣长青永乐富民幸福向阳")
CITIES = {
    "沈阳市": ["和平区", "沈河区", "皇姑区", "大东区", "铁西区"],
    "大连市": ["中山区", "西岗区", "沙河口区", "甘井子区"],
    "鞍山市": ["铁东区", "铁西区", "立山区"],
    "本溪市": ["平山区", "溪湖区", "明山区"],
    "铁岭市": ["银州区", "清河区"],
    "锦州市": ["古塔区", "凌河区", "太和区"],
}
STREET_SUFFIX = "街道"
ROLES = words(
    "社区党委书记、居委会主任 社区党委副书记 社区网格员 社区志愿服务队队长 "
    "社区社工 楼栋长 社区卫生服务站医生 退休党员志愿者"
)
TAGS = words(
    "志愿服务 便民服务 一老一小 儿童关爱 老年教育 适老化改造 邻里互助 党建引领 "
    "社区治理 文化活动 健康义诊 助餐服务 四点半课堂 共建单位 环境整治 垃圾分类 "
    "反诈宣传 消防安全 家风家教 传统节日 暑期托管 读书会 手工课堂 爱心加油站 "
    "红色之旅 楼道文化 睦邻节 老有所为 青年志愿者 网格服务"
)
PLACES = words(
    "楼道里 小区广场上 社区活动室 居民楼下 老年食堂 四点半课堂 社区书屋 "
    "党群服务中心 连心花园 健身步道旁 社区卫生服务站 小区凉亭 儿童之家 "
    "日间照料中心"
)
PEOPLE = words(
    "独居老人 空巢老人 留守儿童 双职工家庭的孩子 楼栋长 网格员 志愿者 退休党员 "
    "社区医生 物业师傅 共建单位的青年 大学生志愿者 老邻居们 孩子们和家长 "
    "行动不便的老人 新搬来的住户"
)
ACTIONS = words(
    "上门走访 量血压、测血糖 理发 磨刀 修理小家电 清洗油烟机 辅导作业 "
    "讲绘本故事 包饺子 送热乎饭菜 陪着唠家常 清理楼道杂物 安装扶手和夜灯 "
    "组织义诊 开展消防演练 讲解防范电信诈骗的知识 教老人用智能手机 排练节目 "
    "写春联 做手工"
)
ORGS = words(
    "社区党委 居委会 街道 物业公司 共建单位 志愿服务队 爱心企业 社区卫生服务站 "
    "辖区学校 社会组织 驻区单位"
)
TIMES = words(
    "每周三下午 每到周末 入冬以前 开春的时候 端午节前 重阳节那天 放暑假以后 "
    "每月初 春节前夕 一场大雪过后 傍晚时分 开学前"
)
FEELINGS = words(
    "心里暖乎乎的 觉得特别踏实 很有成就感 觉得日子有奔头 心里亮堂多了 "
    "觉得这份工作值得 一下子有了主心骨"
)
RESULTS = words(
    "居民的笑脸多了 邻里关系更融洽了 楼道变得干净亮堂 孩子们放学后有了去处 "
    "老人们不再觉得孤单 大家愿意主动来帮忙 小区里的矛盾少了 志愿者队伍越来越壮大"
)
NOUNS = words("大集 课堂 花园 剧场 食堂 书屋 加油站 连心桥 暖心屋 议事厅 同心圆")
SENTENCES = words(
    "{time},我们和{org}一起在{place}为{people}{action}。 "
    "{people}说,有了这些服务,{feeling}。 "
    "起初大家并不熟悉,后来{people}也主动加入进来,帮着{action}。 "
    "我们把居民的需求记在小本子上,一件一件地落实,慢慢地{result}。 "
    "{org}的同志常说,社区工作没有小事,{people}的事就是大事。 "
    "为了把{action}做得更细,我们请{people}一起商量办法,定下了固定的时间和地点。 "
    "那天{place}格外热闹,{people}排着队,志愿者一边忙着{action},一边和大家聊天。 "
    "看到{people}满意的样子,志愿者们{feeling}。 "
    "一开始也遇到过困难,人手不够、场地紧张,是{org}伸出援手,才让活动坚持了下来。 "
    "如今,{action}已经成了{place}的固定项目,{result}。 "
    "有位老人拉着我的手说,你们就像自家孩子一样,让我{feeling}。 "
    "我们还建立了微信群,{people}有什么事在群里说一声,网格员很快就能上门。 "
    "孩子们在{place}学会了{action},回家还教给爷爷奶奶。 "
    "每一次{action},我们都会留心观察{people}的变化,把新的需求记下来。 "
    "{org}和社区结成对子,定期派人到{place}开展服务,{result}。 "
    "我常想,社区就是一个大家庭,{people}是这个家庭里最需要照顾的成员。"
)
HEADINGS = words(
    "从一件小事说起 把服务送到家门口 大家的事大家办 一老一小都照顾到 志愿者的故事 "
    "下一步的打算 温暖在传递 日常里的坚守"
)
RECORD_TITLES = words(
    "{action}进{place} {org}联合开展{action}活动 "
    "为{people}{action} {time}志愿服务:{action} "
    "“{noun}”主题活动"
)
AUDIENCES = ["[elderly]", "[children]", "[elderly, children]", "[]"]
CATEGORIES = words(
    "health education culture volunteer_service care renovation donation governance party_building"
)


# -- text ------------------------------------------------------------------------------------


def fill(template: str, rng: random.Random) -> str:
    return template.format(
        time=rng.choice(TIMES),
        org=rng.choice(ORGS),
        place=rng.choice(PLACES),
        people=rng.choice(PEOPLE),
        action=rng.choice(ACTIONS),
        feeling=rng.choice(FEELINGS),
        result=rng.choice(RESULTS),
        noun=rng.choice(NOUNS),
    )


def story_body(rng: random.Random, target_bytes: int = 3000) -> str:
    """Paragraphs of prose, a heading or two, now and then a list or a quote: about 3 KB."""
    parts: list[str] = []
    size = 0
    headings = rng.sample(HEADINGS, 3)
    while size < target_bytes:
        if parts and len(parts) % 4 == 0 and headings:
            parts.append(f"## {headings.pop()}")
        kind = rng.random()
        if kind < 0.08:
            items = [
                f"- **{rng.choice(ACTIONS)}**:{fill(rng.choice(SENTENCES), rng)}" for _ in range(3)
            ]
            block = "\n".join(items)
        elif kind < 0.14:
            block = "> " + fill(rng.choice(SENTENCES), rng)
        else:
            block = "".join(fill(rng.choice(SENTENCES), rng) for _ in range(rng.randint(3, 5)))
        parts.append(block)
        size += len(block.encode())
    return "\n\n".join(parts) + "\n"


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def random_day(rng: random.Random, year: int) -> dt.date:
    first = dt.date(year, 1, 1)
    last = min(dt.date(year, 12, 31), LAST_DAY)
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


# -- photos ----------------------------------------------------------------------------------

PHOTO_SIZE = (4000, 3000)  # 12 megapixels
# (orientation, stored rotation that exif_transpose undoes), one per distinct picture.
BASE_ORIENTATIONS = [
    (6, Image.Transpose.ROTATE_90),
    (1, None),
    (3, Image.Transpose.ROTATE_180),
    (8, Image.Transpose.ROTATE_270),
]
CAMERAS = [("HUAWEI", "nova 11"), ("Xiaomi", "Redmi Note 12"), ("OPPO", "Reno10"), ("vivo", "Y78")]


def _draw_picture(index: int) -> Image.Image:
    """A street scene of sky, buildings and trees with sensor-like noise (a phone JPEG's size)."""
    rng = random.Random(1000 + index)
    width, height = PHOTO_SIZE
    sky = (120 + 20 * index, 170, 225 - 10 * index)
    img = Image.new("RGB", PHOTO_SIZE, sky)
    draw = ImageDraw.Draw(img)
    ground = int(height * 0.72)
    draw.rectangle([0, ground, width, height], fill=(110, 120, 100))
    x = 0
    while x < width:
        w = rng.randint(400, 800)
        h = rng.randint(900, 1700)
        wall = (rng.randint(170, 230), rng.randint(150, 210), rng.randint(130, 190))
        draw.rectangle([x, ground - h, x + w, ground], fill=wall)
        for wy in range(ground - h + 60, ground - 80, 140):
            for wx in range(x + 40, x + w - 80, 120):
                glass = (250, 226, 160) if rng.random() < 0.3 else (150, 186, 214)
                draw.rectangle([wx, wy, wx + 70, wy + 80], fill=glass)
        x += w + rng.randint(20, 120)
    for _ in range(14):
        cx = rng.randint(0, width)
        r = rng.randint(120, 260)
        draw.ellipse(
            [cx - r, ground - 2 * r, cx + r, ground], fill=(60, 130 + rng.randint(0, 40), 70)
        )
    grain = Image.effect_noise(PHOTO_SIZE, 28).convert("RGB")
    return Image.blend(img.filter(ImageFilter.GaussianBlur(2)), grain, 0.12)


def base_photo(index: int) -> bytes:
    """Picture `index` as a JPEG without EXIF, stored rotated for its orientation; cached."""
    folder = BENCH_CACHE / "photo-bases"
    path = folder / f"v{GENERATOR_VERSION}-{index}.jpg"
    if path.is_file():
        return path.read_bytes()
    _, rotation = BASE_ORIENTATIONS[index]
    picture = _draw_picture(index)
    stored = picture.transpose(rotation) if rotation is not None else picture
    out = io.BytesIO()
    stored.save(out, "JPEG", quality=88)
    folder.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # tests may run in parallel
    temporary.write_bytes(out.getvalue())
    os.replace(temporary, path)
    return out.getvalue()


def _dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    degrees = int(value)
    minutes_float = (value - degrees) * 60
    minutes = int(minutes_float)
    seconds = round((minutes_float - minutes) * 60 * 100)
    return IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(seconds, 100)


def exif_block(orientation: int, taken: dt.datetime, rng: random.Random) -> bytes:
    exif = Image.Exif()
    make, model = rng.choice(CAMERAS)
    exif[0x010F] = make
    exif[0x0110] = model
    exif[0x0112] = orientation
    stamp = taken.strftime("%Y:%m:%d %H:%M:%S")
    exif[0x0132] = stamp
    exif.get_ifd(IFD.Exif)[0x9003] = stamp
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[0x0000] = b"\x02\x03\x00\x00"
    gps[0x0001] = "N"
    gps[0x0002] = _dms(41.0 + rng.random() * 1.5)
    gps[0x0003] = "E"
    gps[0x0004] = _dms(122.0 + rng.random() * 2.0)
    return exif.tobytes()


def with_exif(jpeg: bytes, exif: bytes) -> bytes:
    """`jpeg` with an APP1 EXIF segment inserted after its JFIF header: no re-encoding."""
    assert jpeg[:2] == b"\xff\xd8"
    position = 2
    if jpeg[2:4] == b"\xff\xe0":  # keep APP0 (JFIF) first
        position = 4 + struct.unpack(">H", jpeg[4:6])[0]
    payload = b"Exif\x00\x00" + exif
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:position] + segment + jpeg[position:]


# -- the project -----------------------------------------------------------------------------


@dataclass
class StoryPlan:
    slug: str
    community: str
    date: dt.date
    published: bool


def community_ids(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(id, name) pairs: two auspicious characters + 社区, the id their pinyin."""
    seen: set[str] = set()
    found: list[tuple[str, str]] = []
    while len(found) < count:
        chars = "".join(rng.sample(PLACE_CHARS, 2))
        slug = "".join(lazy_pinyin(chars))
        if slug in seen:
            continue
        seen.add(slug)
        found.append((slug, f"{chars}社区"))
    return found


def write_site_config(content: Path) -> None:
    """The sample site's configuration and private-names list (no generated name is on it)."""
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    (content / "private").mkdir()
    shutil.copy(ROOT / "content" / "private" / "real_names.yml", content / "private")


def write_communities(
    content: Path, communities: list[tuple[str, str]], rng: random.Random
) -> None:
    folder = content / "communities"
    folder.mkdir(parents=True)
    for slug, name in communities:
        city = rng.choice(sorted(CITIES))
        district = rng.choice(CITIES[city])
        street = "".join(rng.sample(PLACE_CHARS, 2)) + STREET_SUFFIX
        description = "".join(fill(rng.choice(SENTENCES), rng) for _ in range(3))
        (folder / f"{slug}.yml").write_text(
            f"name: {name}\ncity: {city}\ndistrict: {district}\nstreet: {street}\n"
            f"description: {yaml_text(description)}\n"
            f"partners: {yaml_list(rng.sample(ORGS, 2))}\n",
            encoding="utf-8",
        )


def photo_entry(file: str, day: dt.date, rng: random.Random) -> str:
    alt = f"{rng.choice(PLACES)}的{rng.choice(PEOPLE)}正在{rng.choice(ACTIONS)}"
    lines = [f"  - file: {file}", f"    alt: {yaml_text(alt)}", f"    date: {day.isoformat()}"]
    kind = rng.random()
    if kind < 0.4:
        lines.append("    people: []")
    elif kind < 0.7:
        lines += [
            "    people: [elderly]",
            f"    consent: {{given_by: self, date: {day.isoformat()}}}",
        ]
    else:
        lines += [
            "    people: [minor, adult]",
            f"    consent: {{given_by: guardian, date: {day.isoformat()}}}",
        ]
    return "\n".join(lines)


def write_stories(
    content: Path, scale: Scale, communities: list[tuple[str, str]], rng: random.Random
) -> list[StoryPlan]:
    folder = content / "stories"
    photo_folder = folder / "photos"
    photo_folder.mkdir(parents=True)
    narrators = {
        slug: [(person_name(rng), rng.choice(ROLES)) for _ in range(rng.randint(3, 6))]
        for slug, _ in communities
    }
    with_photo = (
        {k * scale.stories // scale.photos for k in range(scale.photos)} if scale.photos else set()
    )
    bases = [base_photo(i) for i in range(min(scale.photos, len(BASE_ORIENTATIONS)))]
    plans: list[StoryPlan] = []
    photo_number = 0
    span = (LAST_DAY - dt.date(FIRST_YEAR, 1, 1)).days
    for index in range(scale.stories):
        community, community_name = communities[index % len(communities)]
        slug = f"{community}-gushi-{index + 1}"
        day = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=rng.randint(0, span))
        published = rng.random() > 0.02
        name, role = rng.choice(narrators[community])
        tags = rng.sample(TAGS, rng.randint(2, 4))
        title = f"{rng.choice(PLACES).removesuffix('里').removesuffix('上')}的{rng.choice(NOUNS)}"
        summary = f"{community_name}{fill(rng.choice(SENTENCES), rng)}"
        audiences = rng.choice(AUDIENCES)
        front = [
            "---",
            f"title: {yaml_text(title)}",
            f"date: {day.isoformat()}",
            f"community: {community}",
            "narrator:",
            f"  name: {name}",
            f"  role: {community_name}{role.removeprefix('社区')}",
            f"audiences: {audiences}",
            f"tags: {yaml_list(tags)}",
            f"summary: {yaml_text(summary)}",
            f"status: {'published' if published else 'draft'}",
        ]
        if index in with_photo:
            file = f"photos/{slug}.jpg"
            base = photo_number % len(bases)
            orientation = BASE_ORIENTATIONS[base][0]
            taken = dt.datetime.combine(day, dt.time(9)) + dt.timedelta(minutes=photo_number)
            photo_number += 1
            (folder / file).write_bytes(with_exif(bases[base], exif_block(orientation, taken, rng)))
            front += ["photos:", photo_entry(file, day, rng)]
        front.append("---")
        body = story_body(rng)
        (folder / f"{slug}.md").write_text("\n".join(front) + "\n" + body, encoding="utf-8")
        plans.append(StoryPlan(slug, community, day, published))
    return plans


def write_activity_logs(
    content: Path,
    scale: Scale,
    communities: list[tuple[str, str]],
    stories: list[StoryPlan],
    rng: random.Random,
) -> None:
    years = list(range(FIRST_YEAR, LAST_YEAR + 1))
    logs = [(slug, year) for slug, _ in communities for year in years]
    linkable: dict[str, list[str]] = {}
    for plan in stories:
        if plan.published:
            linkable.setdefault(plan.community, []).append(plan.slug)
    for number, (community, year) in enumerate(logs):
        count = scale.records // len(logs) + (1 if number < scale.records % len(logs) else 0)
        entries = []
        for _ in range(count):
            day = random_day(rng, year)
            title = fill(rng.choice(RECORD_TITLES), rng)
            lines = [
                f"  - date: {day.isoformat()}",
                f"    title: {yaml_text(title)}",
                f"    category: {rng.choice(CATEGORIES)}",
                f"    audiences: {rng.choice(AUDIENCES)}",
                f"    beneficiaries: {rng.randint(1, 200)}",
                f"    volunteers: {rng.randint(1, 30)}",
                f"    volunteer_hours: {rng.randint(2, 90)}",
            ]
            roll = rng.random()
            if roll < 0.05:
                cash, in_kind = rng.randint(1, 50) * 100, rng.randint(1, 30) * 100
                lines.append(f"    donations: {{cash: {cash}, in_kind: {in_kind}}}")
            if roll > 0.9:
                lines.append(f"    partners: {yaml_list(rng.sample(ORGS, 2))}")
            if 0.5 < roll < 0.52 and linkable.get(community):
                lines.append(f"    story: {rng.choice(linkable[community])}")
            if 0.3 < roll < 0.31:
                lines += ["    private: true", "    notes: 涉及个人情况,只作内部统计。"]
            elif 0.31 < roll < 0.32:
                lines.append("    status: draft")
            entries.append("\n".join(lines))
        folder = content / "activities" / community
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{year}.yml").write_text(
            "activities:\n" + "\n\n".join(entries) + "\n", encoding="utf-8"
        )


def write_collections(content: Path, stories: list[StoryPlan], rng: random.Random) -> None:
    folder = content / "collections"
    folder.mkdir(parents=True)
    published = [plan for plan in stories if plan.published]
    for number in range(max(1, len(stories) // 100)):
        chosen = rng.sample(published, min(5, len(published)))
        day = max(plan.date for plan in chosen)
        entries = "\n".join(f"  - story: {plan.slug}" for plan in chosen)
        (folder / f"caixie-{number + 1}.md").write_text(
            f"---\ntitle: {yaml_text(rng.choice(NOUNS) + '里的好故事')}\ndate: {day.isoformat()}\n"
            f"editor: 编辑部\nstatus: published\nstories:\n{entries}\n---\n"
            f"{fill(rng.choice(SENTENCES), rng)}\n",
            encoding="utf-8",
        )


def copy_site_files(project: Path) -> None:
    """The repository's own mkdocs.yml and theme, so the benchmark builds what `make site` does."""
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.rmtree(project / "themes", ignore_errors=True)
    shutil.copytree(ROOT / "themes", project / "themes")


def generate(project: Path, scale: Scale) -> bool:
    """Write the project for `scale` unless it is there already; True when it was written."""
    manifest = project / "bench.json"
    wanted = {"version": GENERATOR_VERSION, **asdict(scale)}
    project.mkdir(parents=True, exist_ok=True)
    copy_site_files(project)
    if manifest.is_file() and json.loads(manifest.read_text()) == wanted:
        return False
    shutil.rmtree(project / "content", ignore_errors=True)
    content = project / "content"
    content.mkdir(parents=True)
    rng = random.Random(scale.seed)
    communities = community_ids(scale.communities, rng)
    write_site_config(content)
    write_communities(content, communities, rng)
    stories = write_stories(content, scale, communities, rng)
    write_activity_logs(content, scale, communities, stories, rng)
    write_collections(content, stories, rng)
    manifest.write_text(json.dumps(wanted))
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic project for the benchmarks.")
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--communities", type=int, default=50)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--photos", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, help="project folder (default .cache/bench/s<stories>)")
    args = parser.parse_args()
    scale = Scale(args.stories, args.communities, args.records, args.photos, args.seed)
    out = args.out or BENCH_CACHE / f"s{scale.stories}"
    written = generate(out.resolve(), scale)
    print(f"{'wrote' if written else 'up to date'}: {out}")


if __name__ == "__main__":
    main()
