"""Possible real full names in a story that nobody declared: a warning, so a resident named in
passing, or a full name typed beside a pseudonym, is seen before it is published.

jieba cuts the text with its hidden Markov model, which is how it finds words missing from
its dictionary, personal names among them. A word of two or three Han characters that
begins with a common surname is a candidate when jieba's part-of-speech model tags it as a
person's name (`nr`): a new word by the tagger, a dictionary word by the dictionary's tag.
Among the dictionary's person names, the frequent ones are famous people and everyday words
(雷锋, 毛泽东, 阳光, 文明), not residents, and are left alone. What remains is reduced the
way a reader would: a surname and a kinship word or title (王姐, 张奶奶, 李书记) names no one
outside the street, and a word followed by 家园, 社区, 小区… is a place (惠泽家园).

Cutting costs about 10 ms per thousand characters, so the candidates of each text are kept
by content (`candidates`, through `Session.computed`): a build after one story changed cuts
one story.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable

import jieba
import jieba.posseg

# Common Chinese surnames: together they cover nearly everyone. A name's first character (or
# two, for the compound ones) must be one of them. Rare surnames that are everyday characters
# of community writing (楼 in 楼栋, 党 in 党员, 门, 区, 和, 平…) are left out.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝"
    "包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤"
    "阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾"
    "隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆冀郁胥储栗燕楚鄢劳谌奚皮粟冼蔺厉"
    "伊仝郜阚屠朴廉禹漆狄晋扈晁芮阙浦鹿邸雍裘亓邰赫杭逯隆茹慕嵇公哈湛宾戎茅尉冶斯檀昝尧"
)
_COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "东方",
        "皇甫",
        "慕容",
        "令狐",
        "司徒",
        "夏侯",
        "公孙",
        "尉迟",
        "长孙",
        "宇文",
        "端木",
        "西门",
        "南宫",
    ]
)
# A surname and one of these is how neighbours are called (王姐, 邵大爷, 李书记), not a name.
_FORMS_OF_ADDRESS = re.compile(
    r"(?:姐|哥|叔|姨|婶|伯|爷|奶|妈|嫂|弟|妹|总|工|老|师|医生|大夫|护士|书记|主任|队长|"
    r"长|经理|同志|先生|女士|老师|阿姨|大爷|大妈|大娘|大姐|大哥|奶奶|爷爷|"
    r"家|氏|某|某某)$"
)
# What follows a word that names a place or an organisation (惠泽家园, 丰泽社区).
_PLACE_AFTER = re.compile(
    r"^(?:家园|社区|小区|街道|大街|路|街|巷|里|村|镇|乡|县|区|市|省|花园|公园|广场|大厦|"
    r"中心|学校|小学|中学|大学|学院|医院|公司|集团|协会|书屋|剧场|团)"
)
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_SURNAME_CHAR = re.compile(f"[{''.join(sorted(_SURNAMES))}]")


@functools.cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)  # not "Building prefix dict" on every run
    jieba.initialize()
    return jieba.dt


# A dictionary name used this often (in jieba's corpus count) is a famous person's or an
# ordinary word's: 雷锋 232, 李娜 438, 阳光 3451; residents' names are rare (张建国 13).
_FAMOUS = 100


@functools.lru_cache(maxsize=65536)
def _is_person_name(word: str) -> bool:
    """Whether jieba takes the whole word as an ordinary person's name."""
    known: dict[str, int] = _tokenizer().FREQ
    head = word[:2]
    if len(word) == 3 and known.get(head) and head not in _COMPOUND_SURNAMES:
        # A word and a character (车库里, 安居梦): a surname and a given name's first
        # character are not a word of the dictionary (王孝, 赵琳).
        return False
    frequency = known.get(word)
    if frequency:
        tag: str | None = jieba.posseg.dt.word_tag_tab.get(word)
        return frequency < _FAMOUS and tag == "nr"
    tags = jieba.posseg.lcut(word)
    return len(tags) == 1 and str(tags[0].flag).startswith("nr")


def _has_surname(word: str) -> bool:
    return word[:2] in _COMPOUND_SURNAMES or (word[0] in _SURNAMES and len(word) <= 3)


def candidates(text: str) -> list[tuple[int, str]]:
    """(offset, word) of each possible full name in `text`, before the lists of known names
    are applied: what costs, and so what is kept by content."""
    tokenizer = _tokenizer()
    found = []
    # jieba cuts each run of Han characters on its own: a run without a surname in it holds
    # no name, and is not cut at all (most of a story's clauses).
    for run in _HAN_RUN.finditer(text):
        if not _SURNAME_CHAR.search(run.group()):
            continue
        for word, start, end in tokenizer.tokenize(run.group(), HMM=True):
            after = run.start() + end
            if (
                len(word) in (2, 3)
                and _has_surname(word)
                and not _FORMS_OF_ADDRESS.search(word)
                and not _PLACE_AFTER.match(text[after : after + 2])
                and _is_person_name(word)
            ):
                found.append((run.start() + start, word))
    return found


def undeclared(found: Iterable[tuple[int, str]], declared: Iterable[str]) -> list[tuple[int, str]]:
    """The candidates that are none of the declared names, nor a part of one (a name the
    tagger cut short, 王孝 in 王孝军) or one of them with a character more."""
    names = [name for name in declared if name]
    return [
        (offset, word)
        for offset, word in found
        if not any(word in name or name in word for name in names)
    ]
