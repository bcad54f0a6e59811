"""Synthetic stories in the style of the seed article (first-person accounts by community
party secretaries), written into a project for the search evaluation in test_search_quality.

Each story is a few paragraphs drawn (seeded) from the pool below, so that the evaluation's
terms stand in many contexts: inside longer runs of Han text, beside digits, in quotes, in
titles, in tags. The text passes the privacy gate: no phone or identity numbers, no real
names from the private list, no sensitive terms.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

PARAGRAPHS = [
    "我们在社区里办起了老年助餐点,每天中午为独居老人送上一份热饭,行动不便的由网格员送餐上门。",
    "70多岁的邵大爷腿脚不好,以前常常凑合着吃一口。自从老年助餐点开张,他每天都能吃上热乎的饭菜。",
    "“一个观众的剧场”在泰合社区已经演了两年,孩子们走进独居老人家中,为一位观众唱歌、讲故事。",
    "吉祥园社区的日间照料中心开门那天,迟阿姨第一个来报到,她说这里比家里还热闹。",
    "网格员每周至少走访两次独居老人,把他们的需要记进台账,一件一件落实到位。",
    "我们为辖区748名70岁以上的老人建立了健康档案,家庭医生定期上门随访。",
    "志愿服务大集每月办一次,磨刀、理发、修锁、清洗纱窗,居民在家门口就能办好小事。",
    "这些年,社区累计开展志愿服务1000余次,服务居民4000余人次,志愿者队伍从十几个人发展到百余人。",
    "暑期托管班开了64次课,覆盖3196人次,双职工家庭的孩子放假后有了去处。",
    "“四点半课堂”请来退休教师辅导作业,孩子们放学后不再一个人在家。",
    "社区治理不能只靠社区干部,我们把居民代表、物业和共建单位请到一张桌子上议事。",
    "惠泽家园里那面“堵心墙”拆掉以后,原地建起了连心花园,两个小区的居民成了一家人。",
    "我们用“五门工作法”推动破壁行动:叩门、上门、串门、守门,最后敞开心门。",
    "老旧小区的适老化改造从楼道扶手做起,又给二十多户老人家里装上了防滑地板和呼叫器。",
    "社区与本溪开放大学合作开展老年教育,书法、剪纸、智能手机课都排得满满当当。",
    "王奶奶在老年大学学会了用手机视频,第一次和远方的孙子通上了话。",
    "吉祥同心圆整合了13家共建单位的资源,医院、学校和企业各出一份力。",
    "爱心加油站的积分可以换米换油,志愿者们干劲更足了,邻里守望也成了习惯。",
    "困境儿童的微心愿由共建单位认领,一个书包、一套文具,都送到了孩子手里。",
    "居家养老服务站每周组织义诊,测血压、测血糖,医生还会讲讲冬季保暖的常识。",
    "丰泽社区的雷锋团分出了党建、便民、养老、青年、医疗、教育6支志愿服务中队。",
    "李爷爷是楼里的老党员,主动当起了楼长,谁家水管坏了、灯泡不亮了,他第一个知道。",
    "垃圾分类刚推行时,居民不习惯,我们请小学生当监督员,一个月后小区干净多了。",
    "新时代文明实践站每周放一场电影,老人们说,这是他们一周里最盼的日子。",
    "社区书屋添了大字本图书,老花眼的老人也能坐下来看上一会儿。",
    "网格管理让每栋楼都有了自己的网格员,74栋居民楼、3660户居民,谁家有难处都能及时知道。",
    "暑假里,大学生志愿者带着孩子们做手工、画京剧脸谱,社区活动室里满是笑声。",
    "刘阿姨一个人照顾瘫在床上的老伴,社区为她申请了喘息服务,每周有护工来替她半天。",
]

STORIES = [
    ("老年助餐点开张了", "taihe", ["助餐服务", "一老一小"]),
    ("网格员的一天", "jixiangyuan", ["网格管理", "社区治理"]),
    ("把热饭送到家门口", "fengze", ["志愿服务", "助餐服务"]),
    ("孩子们的暑期托管班", "taihe", ["儿童关爱", "教育辅导"]),
    ("日间照料中心里的笑声", "jixiangyuan", ["居家养老", "健康服务"]),
    ("老旧小区的适老化改造", "fengze", ["适老化改造", "社区治理"]),
    ("老年大学开进社区", "taihe", ["老年教育", "文化活动"]),
    ("邻里守望一家亲", "fengze", ["志愿服务", "邻里互助"]),
    ("一张桌子上议事", "jixiangyuan", ["社区治理", "党建引领"]),
    ("爱心加油站", "fengze", ["志愿服务"]),
    ("微心愿认领记", "jixiangyuan", ["儿童关爱", "党建引领"]),
    ("健康档案进万家", "jixiangyuan", ["健康服务", "一老一小"]),
]

NARRATORS = {
    "taihe": ("赵琳琳", "本溪市平山区平山街道泰合社区党委书记"),
    "jixiangyuan": ("马睿", "铁岭市银州区辽海街道吉祥园社区党委书记兼居委会主任"),
    "fengze": ("王孝军", "沈阳市和平区新华街道丰泽社区党委书记、居委会主任"),
}


def write_stories(project: Path, seed: int = 15) -> list[str]:
    """Write the synthetic stories into `project`'s content; returns their slugs."""
    rng = random.Random(seed)
    # Every paragraph is used, most of them twice, in different company.
    order = rng.sample(PARAGRAPHS, len(PARAGRAPHS))
    folder = project / "content" / "stories" / "search-eval"
    folder.mkdir(parents=True, exist_ok=True)
    slugs = []
    for number, (title, community, tags) in enumerate(STORIES, start=1):
        paragraphs = [order[(number * 4 + i) % len(order)] for i in range(4)]
        name, role = NARRATORS[community]
        slug = f"search-eval-{number:02d}"
        front = (
            f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndate: 2025-0{1 + number % 6}-{10 + number}\n"
            f"community: {community}\nnarrator:\n  name: {name}\n  role: {role}\n"
            f"audiences: [elderly]\ntags: [{', '.join(tags)}]\n"
            f"summary: {json.dumps(paragraphs[0][:40], ensure_ascii=False)}\nstatus: published\n---\n"
        )
        (folder / f"{slug}.md").write_text(front + "\n\n".join(paragraphs) + "\n", "utf-8")
        slugs.append(slug)
    return slugs
