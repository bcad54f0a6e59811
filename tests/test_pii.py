"""Personal-data detectors: exact findings, everyday prose that must pass, and properties.

The property tests build valid values with their own check-digit code (not the module's), hide
them in random Chinese text and expect exactly one finding at exactly their place.
"""

from __future__ import annotations

import itertools
import string
import time
import unicodedata
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from site_builder.checks.pii import SILENCE_MARKER, PiiFinding, find_personal_data, mask
from site_builder.diagnostics import Severity
from site_builder.i18n import language, set_language

ID = "210102199003071233"  # valid check digit
ID_LUHN = "210102199003071356"  # valid ID that also passes the Luhn check
MOBILE = "13800138000"
CARD = "6222021234567890128"  # Luhn-valid, 19 digits


def found(text: str, allowed: tuple[str, ...] = ()) -> list[tuple[str, int, int, str]]:
    return [(f.kind, f.start, f.end, f.masked) for f in find_personal_data(text, allowed)]


def at(text: str, value: str, kind: str, masked: str) -> list[tuple[str, int, int, str]]:
    """The single finding expected for `value`, which occurs once in `text`."""
    start = text.index(value)
    return [(kind, start, start + len(value), masked)]


# -- one example of each kind ----------------------------------------------------------------

EXAMPLES = [
    ("身份证号：{}。", ID, "id_number", "2101**********1233"),
    ("身份证号{}，", "21040219720615321x", "id_number", "2104**********321X"),
    ("老身份证{}已换领。", "210102900307123", "id_number", "2101*******7123"),
    ("联系电话{}，", MOBILE, "mobile", "138****8000"),
    ("电话 {} 找王姐", "138 0013 8000", "mobile", "138****8000"),
    ("电话{}。", "138-0013-8000", "mobile", "138****8000"),
    ("请拨{}。", "+86 13800138000", "mobile", "138****8000"),
    ("请拨{}。", "+86-139-1234-5678", "mobile", "139****5678"),
    ("请拨{}。", "0086 13912345678", "mobile", "139****5678"),
    ("请拨{}。", "8613912345678", "mobile", "139****5678"),
    ("家里电话{}。", "024-12345678", "landline", "024-****5678"),
    ("家里电话{}。", "(0414)2345678", "landline", "0414-***5678"),
    ("家里电话{}。", "0410 1234567", "landline", "0410-***4567"),
    ("捐款账户{}。", CARD, "bank_card", "6222***********0128"),
    ("卡号{}，", "6217 0000 1234 5670", "bank_card", "6217********5670"),
    ("卡号{}，", "4581-2345-6789-0128", "bank_card", "4581********0128"),
    ("邮箱{}。", "zhangsan@example.com", "email", "z***@example.com"),
    ("邮箱：{}，", "li.si+news@mail.example.org.cn", "email", "l***@mail.example.org.cn"),
    ("车牌是{}。", "辽A12345", "plate", "辽A***45"),
    ("车牌是{}。", "辽AD12345", "plate", "辽A****45"),
    ("车牌是{}。", "辽B12345F", "plate", "辽B****5F"),
    ("车牌是{}。", "辽A·B1234", "plate", "辽A***34"),
    ("她住在{}。", "3号楼2单元501室", "address_unit", "3号楼*单元***室"),
    ("她住在{}，", "5栋3单元", "address_unit", "5栋*单元"),
    ("{}的王阿姨", "12号楼401", "address_unit", "12号楼***"),
    ("住{}的孩子", "2单元302", "address_unit", "2单元***"),
    ("住在{}。", "3号楼301室", "address_unit", "3号楼***室"),
    ("住在{}。", "第3栋401室", "address_unit", "第3栋***室"),
    ("住在{}。", "3号楼 2单元 501", "address_unit", "3号楼 *单元 ***"),
    ("地点在{}。", "中山路12号", "address_street", "中山路**号"),
    ("地点在{}。", "青年大街1-3号", "address_street", "青年大街*-*号"),
    ("就在{}。", "柳条巷7号", "address_street", "柳条巷*号"),
]


@pytest.mark.parametrize(("template", "value", "kind", "masked"), EXAMPLES)
def test_each_kind_is_found_with_offsets_and_mask(
    template: str, value: str, kind: str, masked: str
) -> None:
    text = template.format(value)
    assert found(text) == at(text, value, kind, masked)


def test_offsets_are_exact() -> None:
    assert found("电话：13800138000") == [("mobile", 3, 14, "138****8000")]
    assert found(f"身份证{ID}\n手机{MOBILE}") == [
        ("id_number", 3, 21, "2101**********1233"),
        ("mobile", 24, 35, "138****8000"),
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [(template.format(value), kind) for template, value, kind, _ in EXAMPLES],
)
def test_only_street_addresses_are_warnings(text: str, kind: str) -> None:
    (finding,) = find_personal_data(text)
    expected = Severity.WARNING if kind == "address_street" else Severity.ERROR
    assert finding.severity is expected


# -- full-width and other compatibility characters ----------------------------------------------


def test_full_width_mobile_is_found_at_its_original_offsets() -> None:
    assert found("手机１３８００１３８０００，") == [("mobile", 2, 13, "138****8000")]


def test_full_width_landline_with_full_width_brackets() -> None:
    text = "电话（０４１４）２３４５６７８。"
    assert found(text) == [("landline", 2, 15, "0414-***5678")]


def test_ideographic_spaces_separate_a_mobile() -> None:
    assert found("电话138\u30000013\u30008000") == [("mobile", 2, 15, "138****8000")]


def test_offsets_survive_characters_that_normalise_longer() -> None:
    # ℡ normalises to "TEL" and ㎡ to "m2": the normalised text is longer than the original.
    text = "面积5㎡，℡：１３８００１３８０００，身份证" + ID
    assert found(text) == [
        ("mobile", 7, 18, "138****8000"),
        ("id_number", 22, 40, "2101**********1233"),
    ]


def test_chinese_comma_ends_a_link() -> None:
    text = f"详见https://stories.example.org/a，{MOBILE}"
    assert found(text) == at(text, MOBILE, "mobile", "138****8000")


def test_circled_list_marker_does_not_join_the_number() -> None:
    assert found("①13800138000") == [("mobile", 1, 12, "138****8000")]


# -- silencing and allowed numbers ------------------------------------------------------------


def test_marker_silences_only_its_own_line() -> None:
    text = (
        "社区电话024-12345678 <!-- privacy-ok: 社区办公电话 -->\n"
        f"王阿姨手机{MOBILE}\n"
        f"office: {MOBILE}  # {SILENCE_MARKER}\n"
    )
    line_two = text.index("王阿姨")
    assert found(text) == [("mobile", line_two + 5, line_two + 16, "138****8000")]


def test_marker_on_the_last_line_without_newline() -> None:
    assert found(f"第一行\n电话{MOBILE} # privacy-ok") == []


@pytest.mark.parametrize(
    ("text", "allowed"),
    [
        ("社区电话(024)12345678。", ("024-12345678",)),
        ("社区电话024 12345678。", ("02412345678",)),
        ("热线+86 138 0013 8000。", ("13800138000",)),
        ("热线13800138000。", ("+86 138-0013-8000",)),
        (f"公开账户{CARD}。", (CARD[:4] + " " + CARD[4:],)),
    ],
)
def test_allowed_numbers_compare_digits_only(text: str, allowed: tuple[str, ...]) -> None:
    assert len(find_personal_data(text)) == 1
    assert found(text, allowed) == []


def test_allowed_numbers_do_not_hide_other_numbers() -> None:
    text = "社区电话024-12345678，王阿姨电话024-87654321。"
    allowed = ("110", "12345", "024-12345678", "")
    assert found(text, allowed) == at(text, "024-87654321", "landline", "024-****4321")


# -- overlaps and ordering --------------------------------------------------------------------


def test_valid_id_passing_luhn_is_reported_only_as_id() -> None:
    text = f"证件号{ID_LUHN}。"
    assert found(text) == at(text, ID_LUHN, "id_number", "2101**********1356")


def test_wrong_check_digit_luhn_valid_string_is_a_card() -> None:
    value = "210102199003071232"  # the ID check digit would be 3; this one passes Luhn
    text = f"号码{value}。"
    assert found(text) == at(text, value, "bank_card", "2101**********1232")


def test_street_number_inside_a_unit_address_is_one_finding() -> None:
    text = "住在中山路12号楼3单元501室。"
    assert found(text) == at(text, "12号楼3单元501室", "address_unit", "12号楼*单元***室")


def test_findings_are_sorted_and_do_not_overlap() -> None:
    text = f"邮箱{MOBILE}@qq.com，车牌辽A12345，身份证{ID}，电话024-12345678"
    findings = find_personal_data(text)
    assert [f.kind for f in findings] == ["mobile", "plate", "id_number", "landline"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(findings))


# -- links --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"原文见 https://stories.example.org/stories/{MOBILE}/ 。",
        f"![合影](photos/{CARD}.jpg)",
        f"[上一篇](../stories/{ID}.md)",
    ],
)
def test_numbers_inside_links_are_identifiers(text: str) -> None:
    assert found(text) == []


def test_tel_links_are_scanned() -> None:
    text = f"[联系我们](tel:{MOBILE})"
    assert found(text) == at(text, MOBILE, "mobile", "138****8000")


# -- everyday prose that is not personal data -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2025年，社区共开展活动1000余次，服务居民3196人次。",
        "项目总投入22000元，改造面积5平方米，拆除12处违建。",
        "小区有74栋居民楼，共3660户。",
        "居民楼共74栋，3660户。",
        "居民楼共74栋3660户。",
        "走访到第3栋时天已经黑了，5栋的居民也来了。",
        "活动时间：2025-05-20，更新于2025-05-20T08:30:00+08:00。",
        "date: 2025-05-20\nconsent: {given_by: self, date: 2025-04-28, reference: FZ-2025-007}",
        "20250520这天，气温3.5度。",
        "圆周率约为0.13800138000。",
        "订单号20250520123456789。",
        "订单编号：DD2025052013800138000，快递单号SF1234567890123。",
        "提交记录 a13800138000f 已合并。",
        "身份证号210102199003071234。",  # wrong check digit
        "卡号6222021234567891。",  # fails the Luhn check
        "电话1380013800，少了一位；12800138000不是手机号。",
        "编号02412345678。",  # a bare 0-led run: as likely a code as a landline
        "语文课本第2单元302页。",
        "投诉热线12345，报警110，急救120。",
        "走了很长的路，12号那天才到。",
        "邮箱写成 zhangsan at example dot com。",
        "辽宁ABCDE公司",
    ],
)
def test_prose_without_personal_data_passes(text: str) -> None:
    assert found(text) == []


def test_text_without_digits_or_at_sign_is_skipped() -> None:
    assert find_personal_data("这里没有任何号码，只有文字。") == []


# -- nothing shows the full value ---------------------------------------------------------------

ALL_KINDS = (
    f"身份证{ID}，旧证210102900307123，手机+86 {MOBILE}，电话(0414)2345678，卡号{CARD}，"
    "邮箱zhangsan@example.com，车牌辽AD12345，住3号楼2单元501室，地址中山路12号。"
)


def _digits(value: str) -> str:
    return "".join(char for char in value if char.isdigit())


def test_no_output_contains_the_full_value() -> None:
    findings = find_personal_data(ALL_KINDS)
    assert len(findings) == 9
    for finding in findings:
        value = ALL_KINDS[finding.start : finding.end]
        digits = _digits(value)
        for shown in (repr(finding), str(finding), finding.masked, finding.label):
            assert value not in shown
            assert len(digits) < 5 or digits not in shown
        assert repr(finding) == (
            f"PiiFinding(kind={finding.kind!r}, start={finding.start}, end={finding.end}, "
            f"masked={finding.masked!r})"
        )


def test_repr_of_a_list_of_findings_hides_the_values() -> None:
    shown = repr(find_personal_data(ALL_KINDS))
    for secret in (ID, MOBILE, CARD, "2345678", "zhangsan", "12345"):
        assert secret not in shown


# -- mask and labels ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "keep", "expected"),
    [
        (MOBILE, (), "138****8000"),
        (ID, (4, 4), "2101**********1233"),
        ("12345678", (0, 4), "****5678"),
        ("1234567", (3, 4), "*******"),
        ("12", (3, 4), "**"),
        ("", (3, 4), ""),
    ],
)
def test_mask(value: str, keep: tuple[int, ...], expected: str) -> None:
    assert mask(value, *keep) == expected


def test_mask_refuses_negative_lengths_without_showing_the_value() -> None:
    with pytest.raises(ValueError) as raised:
        mask(MOBILE, -1, 4)
    assert MOBILE not in str(raised.value)


@pytest.fixture
def restore_language() -> Iterator[None]:
    before = language()
    yield
    set_language(before)


@pytest.mark.usefixtures("restore_language")
def test_labels_in_both_languages() -> None:
    findings = find_personal_data(ALL_KINDS)
    set_language("zh")
    assert [f.label for f in findings][:2] == ["身份证号", "身份证号"]
    assert {f.kind: f.label for f in findings}["email"] == "电子邮件地址"
    set_language("en")
    assert {f.kind: f.label for f in findings} == {
        "id_number": "resident ID number",
        "mobile": "mobile phone number",
        "landline": "landline phone number",
        "bank_card": "bank card number",
        "email": "e-mail address",
        "plate": "vehicle plate number",
        "address_unit": "home address (building, unit, flat)",
        "address_street": "street address",
    }


def test_finding_is_immutable() -> None:
    (finding,) = find_personal_data(MOBILE)
    with pytest.raises(AttributeError):
        finding.start = 0  # type: ignore[misc]
    assert isinstance(finding, PiiFinding)


# -- speed --------------------------------------------------------------------------------------

STORY = (
    "10年前，我来到丰泽社区工作。这里老旧小区多，老年人差不多占了四成……2025年，社区共开展"
    "志愿服务1000余次，服务居民3196人次，投入资金22000元，拆除违建12处，改造了74栋居民楼的"
    "楼道。第一次去迟阿姨家，是在一间只有5平方米的车库里（见 https://stories.example.org/"
    "stories/fengze/）。活动日期：2025-05-20；参与人数：86人；满意度98.5%。\n"
)


def test_scanning_is_fast_on_prose_and_on_pathological_input() -> None:
    story = STORY * (3000 // len(STORY) + 1)
    texts = [story, "1" * 3000, "1 " * 1500, "a" * 2999 + "@", "号楼" * 1500, "8" * 3000]
    started = time.perf_counter()
    for _ in range(20):
        for text in texts:
            find_personal_data(text)
    # About 1 ms for all six texts on a laptop; the bound only catches runaway backtracking.
    assert time.perf_counter() - started < 2.0


# -- properties ---------------------------------------------------------------------------------

_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
# No digits or ASCII letters: nothing may join the embedded value. "‥" normalises to two dots,
# which moves every later offset in the normalised text; U+3000 to a space.
_FILLER = st.text(alphabet=st.one_of(_HAN, st.sampled_from("，。、 …‥\u3000（")), max_size=30)
_DIGIT = st.sampled_from(string.digits)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check(body: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]


def luhn_check(body: str) -> str:
    """The digit that makes `body` + digit pass the Luhn check."""
    total = 0
    for index, char in enumerate(reversed(body)):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str(-total % 10)


def is_valid_id(value: str) -> bool:
    if len(value) != 18 or value[0] not in "12345678":
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= date.today() and id_check(value[:17]) == value[17]


def digit_strings(size: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=string.digits, min_size=size, max_size=size)


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from("12345678")) + draw(digit_strings(5))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date.today()))
    body = region + born.strftime("%Y%m%d") + draw(digit_strings(3))
    value = body + id_check(body)
    return value.lower() if draw(st.booleans()) else value


@st.composite
def mobiles(draw: st.DrawFn) -> tuple[str, str]:
    """A written mobile number and its 11 digits."""
    digits = "1" + draw(st.sampled_from("3456789")) + draw(digit_strings(9))
    prefix = draw(st.sampled_from(["", "+86 ", "+86-", "+86", "86", "0086 ", "0086"]))
    sep = draw(st.sampled_from(["", " ", "-"]))
    return prefix + digits[:3] + sep + digits[3:7] + sep + digits[7:], digits


@st.composite
def card_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """A written Luhn-valid card number and its digits."""
    body = draw(st.text(alphabet=string.digits, min_size=15, max_size=18))
    digits = body + luhn_check(body)
    sep = draw(st.sampled_from(["", " ", "-"]))
    return sep.join(digits[i : i + 4] for i in range(0, len(digits), 4)), digits


def full_width(value: str, chosen: list[bool]) -> str:
    return "".join(
        chr(ord(char) + 0xFEE0) if wide and "!" <= char <= "~" else char
        for char, wide in zip(value, chosen, strict=False)
    )


@settings(max_examples=200, deadline=None)
@given(before=_FILLER, after=_FILLER, value=resident_ids())
def test_embedded_id_is_found_exactly(before: str, after: str, value: str) -> None:
    text = before + value + after
    upper = value.upper()
    masked = upper[:4] + "*" * 10 + upper[-4:]
    assert found(text) == [("id_number", len(before), len(before) + 18, masked)]


@settings(max_examples=200, deadline=None)
@given(before=_FILLER, after=_FILLER, mobile=mobiles(), chosen=st.lists(st.booleans(), max_size=20))
def test_embedded_mobile_is_found_exactly(
    before: str, after: str, mobile: tuple[str, str], chosen: list[bool]
) -> None:
    written, digits = mobile
    written = full_width(written, chosen + [False] * len(written))
    text = before + written + after
    masked = digits[:3] + "****" + digits[-4:]
    assert found(text) == [("mobile", len(before), len(before) + len(written), masked)]
    assert found(text, (digits,)) == []


@settings(max_examples=200, deadline=None)
@given(before=_FILLER, after=_FILLER, card=card_numbers())
def test_embedded_card_is_found_exactly(before: str, after: str, card: tuple[str, str]) -> None:
    written, digits = card
    assume(not is_valid_id(digits))
    text = before + written + after
    masked = digits[:4] + "*" * (len(digits) - 8) + digits[-4:]
    assert found(text) == [("bank_card", len(before), len(before) + len(written), masked)]


@settings(max_examples=200, deadline=None)
@given(before=_FILLER, after=_FILLER, value=resident_ids(), wrong=st.sampled_from("0123456789X"))
def test_wrong_check_digit_is_not_an_id(before: str, after: str, value: str, wrong: str) -> None:
    assume(wrong != value[-1].upper())
    text = before + value[:17] + wrong + after
    assert "id_number" not in {f.kind for f in find_personal_data(text)}


@settings(max_examples=200, deadline=None)
@given(
    before=_FILLER, after=_FILLER, body=st.text(alphabet=string.digits, min_size=15, max_size=18)
)
def test_luhn_failure_is_not_a_card(before: str, after: str, body: str) -> None:
    wrong = str((int(luhn_check(body)) + 1) % 10)
    value = body + wrong
    assume(not is_valid_id(value))
    assert found(before + value + after) == []


_ANY = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from("0123456789０１２８+-() @.…‥①℡㎡号楼栋单元室路街辽AD第"),
    ),
    max_size=80,
)


@settings(max_examples=200, deadline=None)
@given(before=_ANY, after=_ANY, value=st.one_of(resident_ids(), mobiles().map(lambda m: m[0])))
def test_findings_are_well_formed_in_any_text(before: str, after: str, value: str) -> None:
    text = before + value + after
    findings = find_personal_data(text)
    assert findings == sorted(findings, key=lambda f: f.start)
    for finding, following in itertools.pairwise(findings):
        assert finding.end <= following.start
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        shown = text[finding.start : finding.end]
        assert shown not in finding.masked
        assert unicodedata.normalize("NFKC", shown) not in finding.masked
        assert "*" in finding.masked
